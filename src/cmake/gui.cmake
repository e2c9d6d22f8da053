# The UI (src/ui) and the two GUI faces (src/platform): the native desktop app with Debian's
# libimgui-dev + libsdl2-dev, and the web app with ImGui and SDL2 compiled for WebAssembly from
# Debian's source packages (./gofast.sh deps prepares them; see docs/building.md).

# ---- fonts, embedded at build time from Debian's font packages ----
set(GOFAST_FONT_SOURCES "")
foreach(pair "GOFAST_UI_FONT;gofast_font_ui" "GOFAST_UI_FONT_BOLD;gofast_font_ui_bold" "GOFAST_MONO_FONT;gofast_font_mono")
  list(GET pair 0 var)
  list(GET pair 1 sym)
  if(NOT EXISTS "${${var}}")
    message(FATAL_ERROR "${var}: font ${${var}} not found (apt-get install fonts-inter fonts-jetbrains-mono)")
  endif()
  set(out "${CMAKE_BINARY_DIR}/generated/${sym}.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${CMAKE_COMMAND}" -DIN=${${var}} -DOUT=${out} -DSYMBOL=${sym} -P "${CMAKE_SOURCE_DIR}/src/cmake/embed_file.cmake"
    DEPENDS "${${var}}" "${CMAKE_SOURCE_DIR}/src/cmake/embed_file.cmake"
    COMMENT "embedding ${${var}}" VERBATIM)
  list(APPEND GOFAST_FONT_SOURCES "${out}")
endforeach()

# ---- Dear ImGui ----
if(EMSCRIPTEN)
  foreach(f "${GOFAST_IMGUI_SRC}/imgui.cpp" "${GOFAST_SDL2_WASM}/lib/libSDL2.a")
    if(NOT EXISTS "${f}")
      message(FATAL_ERROR "${f} is missing: run ./gofast.sh deps first (builds the web dependencies)")
    endif()
  endforeach()
  add_library(gofast_sdl2 INTERFACE)
  # Not SYSTEM: these must come before Emscripten's own SDL 1 headers (-iwithsysroot/include/SDL).
  target_include_directories(gofast_sdl2 INTERFACE "${GOFAST_SDL2_WASM}/include" "${GOFAST_SDL2_WASM}/include/SDL2")
  target_link_libraries(gofast_sdl2 INTERFACE "${GOFAST_SDL2_WASM}/lib/libSDL2.a")
  add_library(gofast_imgui STATIC
    "${GOFAST_IMGUI_SRC}/imgui.cpp" "${GOFAST_IMGUI_SRC}/imgui_draw.cpp" "${GOFAST_IMGUI_SRC}/imgui_tables.cpp"
    "${GOFAST_IMGUI_SRC}/imgui_widgets.cpp" "${GOFAST_IMGUI_SRC}/backends/imgui_impl_sdl.cpp"
    "${GOFAST_IMGUI_SRC}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(gofast_imgui SYSTEM PUBLIC "${GOFAST_IMGUI_SRC}" "${GOFAST_IMGUI_SRC}/backends")
  target_compile_definitions(gofast_imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS)
  target_link_libraries(gofast_imgui PUBLIC gofast_sdl2)
  target_compile_options(gofast_imgui PRIVATE -fno-exceptions)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
  find_package(OpenGL REQUIRED)
  add_library(gofast_imgui INTERFACE)
  target_include_directories(gofast_imgui SYSTEM INTERFACE ${IMGUI_INCLUDE_DIRS} "${IMGUI_INCLUDEDIR}/backends")
  target_link_libraries(gofast_imgui INTERFACE PkgConfig::IMGUI PkgConfig::STB PkgConfig::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
endif()

# ---- gofast_ui: panels and the app, ImGui only (no SDL, no GL) ----
file(GLOB_RECURSE GOFAST_UI_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/ui/*.cpp")
add_library(gofast_ui STATIC ${GOFAST_UI_SOURCES} ${GOFAST_FONT_SOURCES})
target_link_libraries(gofast_ui PUBLIC gofast_core gofast_imgui PRIVATE gofast_options)

# ---- the faces ----
if(EMSCRIPTEN)
  add_executable(gofast_web src/platform/main.cpp)
  target_link_libraries(gofast_web PRIVATE gofast_ui gofast_options)
  set(GOFAST_WEB_DIST "${CMAKE_BINARY_DIR}/dist")
  set_target_properties(gofast_web PROPERTIES OUTPUT_NAME app SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${GOFAST_WEB_DIST}")
  target_link_options(gofast_web PRIVATE -sWASM=1 -sALLOW_MEMORY_GROWTH=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sNO_FILESYSTEM=1 -sMODULARIZE=1 -sEXPORT_NAME=createGoFast -sENVIRONMENT=web
    "-sEXPORTED_FUNCTIONS=[_main,_gofast_view_state,_gofast_apply_view]" "-sEXPORTED_RUNTIME_METHODS=[ccall,cwrap,UTF8ToString]")
  # Everything web/ holds (index.html, css, embed.js, ...) goes beside app.js/app.wasm.
  file(GLOB_RECURSE GOFAST_WEB_FILES CONFIGURE_DEPENDS RELATIVE "${CMAKE_SOURCE_DIR}/web" "${CMAKE_SOURCE_DIR}/web/*")
  set(_copied "")
  foreach(f IN LISTS GOFAST_WEB_FILES)
    add_custom_command(OUTPUT "${GOFAST_WEB_DIST}/${f}"
      COMMAND "${CMAKE_COMMAND}" -E copy "${CMAKE_SOURCE_DIR}/web/${f}" "${GOFAST_WEB_DIST}/${f}"
      DEPENDS "${CMAKE_SOURCE_DIR}/web/${f}" VERBATIM)
    list(APPEND _copied "${GOFAST_WEB_DIST}/${f}")
  endforeach()
  add_custom_target(gofast_web_files ALL DEPENDS ${_copied})
else()
  add_executable(gofast-desktop src/platform/main.cpp)
  target_link_libraries(gofast-desktop PRIVATE gofast_ui gofast_options)

  # SPEC P6 benchmark (tests/bench/run.sh): CPU per frame with 10k goroutines live, headless.
  if(NOT EMSCRIPTEN)
    add_executable(gofast_ui_bench "${CMAKE_SOURCE_DIR}/tests/bench/ui/ui_bench.cpp")
    target_link_libraries(gofast_ui_bench PRIVATE gofast_ui gofast_options)
  endif()

  # UI tests without a window (ImGui's null-backend pattern): draw the app for several frames.
  file(GLOB_RECURSE GOFAST_UI_TEST_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/unit/ui/*.cpp")
  if(GOFAST_UI_TEST_SOURCES)
    add_executable(gofast_ui_tests ${GOFAST_UI_TEST_SOURCES})
    target_include_directories(gofast_ui_tests PRIVATE "${CMAKE_BINARY_DIR}/deps_include")
    target_link_libraries(gofast_ui_tests PRIVATE gofast_ui gofast_options)
    doctest_discover_tests(gofast_ui_tests TEST_PREFIX "ui: ")
  endif()
endif()
