// Reading test data (golden files, corpus programs) for the unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gofast::testing {

// The whole file, byte for byte ("" when it cannot be read).
inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace gofast::testing
