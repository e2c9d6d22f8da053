# Unit tests (doctest), registered with CTest. Natively each doctest case is its own CTest test
# (doctest_discover_tests); in the WebAssembly build the whole binary runs under node.
file(GLOB_RECURSE GOFAST_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/unit/*.cpp")
list(FILTER GOFAST_TEST_SOURCES EXCLUDE REGEX "/tests/unit/ui/")
add_executable(gofast_tests ${GOFAST_TEST_SOURCES})
target_include_directories(gofast_tests PRIVATE "${CMAKE_BINARY_DIR}/deps_include" "${CMAKE_SOURCE_DIR}/tests")
target_link_libraries(gofast_tests PRIVATE gofast_cli_lib gofast_core gofast_options)
target_compile_definitions(gofast_tests PRIVATE GOFAST_SOURCE_DIR="${CMAKE_SOURCE_DIR}" GOFAST_BINARY_DIR="${CMAKE_BINARY_DIR}")
# The WebAssembly tests compare their trace hashes with the native build's (issue #7): where it is.
set(GOFAST_NATIVE_BUILD_DIR "" CACHE PATH "native build whose trace_hashes.txt the wasm tests compare with")
if(GOFAST_NATIVE_BUILD_DIR)
  target_compile_definitions(gofast_tests PRIVATE GOFAST_NATIVE_BUILD_DIR="${GOFAST_NATIVE_BUILD_DIR}")
endif()

if(EMSCRIPTEN)
  # NODERAWFS: the tests read the golden corpora straight from the checkout.
  target_link_options(gofast_tests PRIVATE -sNODERAWFS=1 -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1
                      -sEXIT_RUNTIME=1 -sTOTAL_STACK=4194304)
  target_compile_definitions(gofast_tests PRIVATE DOCTEST_CONFIG_NO_POSIX_SIGNALS DOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS)
  add_test(NAME wasm_core_tests COMMAND node --no-experimental-fetch "$<TARGET_FILE:gofast_tests>")
else()
  find_package(doctest REQUIRED)
  include(doctest)
  doctest_discover_tests(gofast_tests)
  # The go-corpus golden test again with the VM's debug knobs on (DESIGN rule 9): a stack move at
  # every call and a GC before every allocation (tests/unit/runtime/go_corpus_run_test.cpp).
  add_test(NAME go_corpus_run_with_debug_knobs COMMAND gofast_tests "--test-case=go-corpus: every*")
  set_tests_properties(go_corpus_run_with_debug_knobs PROPERTIES ENVIRONMENT "GOFAST_VM_KNOBS=1")
  # ... and every chapter example, through the Session, the same way.
  add_test(NAME examples_run_with_debug_knobs COMMAND gofast_tests "--test-case=examples: every chapter example runs*")
  set_tests_properties(examples_run_with_debug_knobs PROPERTIES ENVIRONMENT "GOFAST_VM_KNOBS=1")
endif()

# DESIGN.md rule 1, enforced: nothing in the core includes ImGui, SDL, GL or Emscripten headers.
add_test(NAME core_has_no_ui_includes
         COMMAND "${CMAKE_COMMAND}" -DSRC=${CMAKE_SOURCE_DIR}/src -P "${CMAKE_SOURCE_DIR}/src/cmake/check_core_includes.cmake")

# Benchmarks (not tests): tests/bench/run.sh builds and runs them beside Go and CPython.
if(NOT EMSCRIPTEN AND NOT GOFAST_FUZZ)
  file(GLOB GOFAST_BENCH_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/bench/*.cpp")
  add_executable(gofast_bench ${GOFAST_BENCH_SOURCES})
  target_include_directories(gofast_bench PRIVATE "${CMAKE_SOURCE_DIR}/tests/bench")
  target_link_libraries(gofast_bench PRIVATE gofast_core gofast_options)
endif()
