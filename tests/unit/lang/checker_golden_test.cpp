// Golden corpora through the front end (parse + check):
//   - tests/golden/errors/*: the exact `go build` output of Go 1.19 (expected.txt, expected_exit.txt);
//   - tests/golden/go-corpus/*, gc-corpus/*: valid programs, which must produce no diagnostic at all.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lang/frontend.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

std::vector<fs::path> caseDirs(const char* corpus) {
  std::vector<fs::path> dirs;
  fs::path root = fs::path(GOFAST_SOURCE_DIR) / "tests" / "golden" / corpus;
  if (!fs::exists(root)) return dirs;
  for (const auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "main.go")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST_CASE("error corpus: go build output, byte for byte") {
  std::vector<fs::path> dirs = caseDirs("errors");
  REQUIRE(dirs.size() >= 133);
  int pass = 0;
  std::vector<std::string> failing;
  for (const fs::path& dir : dirs) {
    std::string src = readText(dir / "main.go");
    std::string want = readText(dir / "expected.txt");
    std::string wantExit = readText(dir / "expected_exit.txt");
    lang::FrontendResult r = lang::compileFrontend(src, "./main.go");
    bool ok = r.output == want && std::to_string(r.exitStatus) + "\n" == wantExit;
    if (ok) {
      ++pass;
    } else {
      failing.push_back(dir.filename().string());
      INFO("case " << dir.filename().string() << "\n--- want\n" << want << "--- got (exit " << r.exitStatus << ")\n"
                   << r.output);
      CHECK(ok);
    }
  }
  MESSAGE("error corpus: " << pass << "/" << dirs.size() << " pass");
}

TEST_CASE("valid corpora: no diagnostics") {
  for (const char* corpus : {"go-corpus", "gc-corpus"}) {
    for (const fs::path& dir : caseDirs(corpus)) {
      std::string src = readText(dir / "main.go");
      lang::FrontendResult r = lang::compileFrontend(src, "./main.go");
      INFO(corpus << "/" << dir.filename().string() << "\n" << r.output);
      CHECK(r.ok());
      CHECK(r.checked);
    }
  }
}
