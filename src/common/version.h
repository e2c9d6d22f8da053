// What gofast is and what built it: shown by `gofast version` and the About window.
#pragma once

#include <string>

namespace gofast {

// "0.1.0 (git abc1234)" or "0.1.0".
std::string versionString();
// The C++ compiler that built this binary, e.g. "GCC 12.2.0" or "Clang 14.0.6 (Emscripten 3.1.6)".
std::string compilerString();

}  // namespace gofast
