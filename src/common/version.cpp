#include "common/version.h"

#include "common/version_info.h"

namespace gofast {

std::string versionString() {
  std::string s = GOFAST_VERSION;
  std::string git = GOFAST_GIT_DESCRIBE;
  if (!git.empty()) s += " (git " + git + ")";
  return s;
}

std::string compilerString() {
#if defined(__EMSCRIPTEN__)
  return "Clang " __clang_version__ " (Emscripten, WebAssembly)";
#elif defined(__clang__)
  return "Clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#else
  return "unknown compiler";
#endif
}

}  // namespace gofast
