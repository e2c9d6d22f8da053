# cmake -DASSETS=<assets dir> -DOUT=<file.cpp> -P embed_assets.cmake
# Writes one C++ file holding every text file under assets/ (example programs, chapter narration) as
# NUL-terminated byte arrays plus a table {path relative to assets/, bytes, size} that
# src/api/assets.cpp exposes. Runs at build time, so editing an asset needs no CMake re-run.
file(GLOB_RECURSE files RELATIVE "${ASSETS}" "${ASSETS}/*.go" "${ASSETS}/*.md")
list(SORT files)
set(body "// Generated from assets/ by src/cmake/embed_assets.cmake. Do not edit.\n#include <cstddef>\n\n")
string(APPEND body "namespace gofast::api::generated {\nstruct RawAsset { const char* path; const unsigned char* data; std::size_t size; };\n")
set(table "")
set(i 0)
foreach(f IN LISTS files)
  file(READ "${ASSETS}/${f}" hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR size "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
  string(APPEND body "static const unsigned char asset${i}[] = {\n${bytes}0x00};\n")
  string(APPEND table "    {\"${f}\", asset${i}, ${size}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "extern const RawAsset kAssets[];\nextern const std::size_t kAssetCount;\n")
string(APPEND body "const RawAsset kAssets[] = {\n${table}    {nullptr, nullptr, 0}};\nconst std::size_t kAssetCount = ${i};\n}  // namespace gofast::api::generated\n")
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
