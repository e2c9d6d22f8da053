// The same program, options and seed give the same run on every build (issue #7, DESIGN rule 7): the
// native test writes each run's trace hash, instruction count and memory hash to
// <native build>/trace_hashes.txt; the WebAssembly build of the same test (run under node by
// `./gofast.sh test` after the native stage) computes them again and compares line by line.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/assets.h"
#include "api/lessons.h"
#include "api/session.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

// One line per (program, GOMAXPROCS, seed): "name procs seed steps traceHash memoryHash exit".
std::string hashes() {
  std::vector<std::pair<std::string, std::string>> progs;
  for (const api::Chapter& c : api::chapters())
    for (const api::Example& e : api::examples(c.id)) progs.emplace_back(std::string(e.path), std::string(e.source));
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(fs::path(GOFAST_SOURCE_DIR) / "tests/golden/go-corpus")) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) progs.emplace_back("go-corpus/" + d.filename().string(), readText(d / "main.go"));
  std::ostringstream out;
  for (const auto& [name, src] : progs) {
    api::Session s;
    if (!s.load(src)) continue;
    for (int32_t procs : {1, 4}) {
      for (uint64_t seed : {uint64_t{1}, uint64_t{99}}) {
        api::RunConfig rc;
        rc.gomaxprocs = procs;
        rc.seed = seed;
        rc.maxSteps = 50000000;
        if (!s.startRun(rc)) continue;
        while (s.runSome(1 << 22)) {
        }
        const api::Snapshot snap = s.snapshot(true);
        out << name << ' ' << procs << ' ' << seed << ' ' << snap.position << ' ' << std::hex << snap.traceHash << ' '
            << snap.memoryHash << std::dec << ' ' << snap.exitStatus << '\n';
      }
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("trace hashes: every example and go-corpus program runs the same natively and in WebAssembly") {
  const std::string mine = hashes();
  CHECK(std::count(mine.begin(), mine.end(), '\n') > 200);
#ifdef __EMSCRIPTEN__
#ifndef GOFAST_NATIVE_BUILD_DIR
  FAIL("configure the WebAssembly build with -DGOFAST_NATIVE_BUILD_DIR=<native build> (./gofast.sh does)");
#else
  const fs::path native = fs::path(GOFAST_NATIVE_BUILD_DIR) / "trace_hashes.txt";
  REQUIRE_MESSAGE(fs::exists(native), "run the native tests first: ", native.string());
  const std::string theirs = readText(native);
  std::istringstream a(mine), b(theirs);
  std::string la, lb;
  int n = 0;
  while (std::getline(a, la)) {
    REQUIRE(std::getline(b, lb));
    CHECK(la == lb);
    n++;
  }
  CHECK_FALSE(std::getline(b, lb));
  MESSAGE(n, " runs compared with ", native.string());
#endif
#else
  std::ofstream out(fs::path(GOFAST_BINARY_DIR) / "trace_hashes.txt", std::ios::binary | std::ios::trunc);
  out << mine;
  CHECK(out.good());
#endif
}
