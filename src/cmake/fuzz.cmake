# libFuzzer targets (tests/fuzz/fuzz_*.cpp), built with clang: CXX=clang++-14 and -DGOFAST_FUZZ=ON
# (preset "fuzz"). Everything in the build gets ASan + UBSan and fuzzer coverage instrumentation.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "GOFAST_FUZZ needs clang (configure with CXX=clang++-14, or use the fuzz preset)")
endif()
target_compile_options(gofast_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                       -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
target_link_options(gofast_options INTERFACE -fsanitize=address,undefined)
file(GLOB GOFAST_FUZZ_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_*.cpp")
foreach(src IN LISTS GOFAST_FUZZ_SOURCES)
  get_filename_component(name "${src}" NAME_WE)
  add_executable(${name} "${src}")
  target_link_libraries(${name} PRIVATE gofast_core gofast_options)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
endforeach()
