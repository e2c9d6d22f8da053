// gc-corpus: gofast's inliner and escape analysis against Go 1.19's `-gcflags=-m` / `-m=2` output.
//
// For every case in tests/golden/gc-corpus/*/ (and beyond/*/), run the front end and the analysis and
// compare with expected_m1.txt (exactly) and expected_m2.txt: exact text, and separately the inliner's
// -m=2 lines (`can inline ... with cost`, `cannot inline ...: reason`). Prints a summary and the
// mismatching cases; fails only below the thresholds reached so far (raise them as things improve).
// Also runs tests/golden/gc-extra/*/ (second test case) with a named list of known differences.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/report.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

std::vector<std::string> linesOf(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string l;
  while (std::getline(ss, l)) out.push_back(l);
  return out;
}

// The inliner's -m=2 lines: cost and reason lines only.
std::string inlinerLines(const std::string& s) {
  std::string out;
  for (auto& l : linesOf(s))
    if (l.find(": can inline ") != std::string::npos || l.find(": cannot inline ") != std::string::npos) out += l + "\n";
  return out;
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  fs::path root = fs::path(GOFAST_SOURCE_DIR) / "tests/golden/gc-corpus";
  for (auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "main.go")) out.push_back(e.path());
  for (auto& e : fs::directory_iterator(root / "beyond"))
    if (e.is_directory() && fs::exists(e.path() / "main.go")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("gc corpus: -m and -m=2 match Go 1.19") {
  int total = 0, m1 = 0, m2 = 0, costs = 0;
  std::string failM1, failM2, failCost;
  for (const fs::path& dir : cases()) {
    std::string src = readText(dir / "main.go");
    std::string name = dir.parent_path().filename() == "beyond" ? "beyond/" + dir.filename().string()
                                                                 : dir.filename().string();
    total++;
    analysis::AnalysisOptions o1;
    o1.m = 1;
    std::string got1 = analysis::buildM(src, "./main.go", o1);
    analysis::AnalysisOptions o2;
    o2.m = 2;
    std::string got2 = analysis::buildM(src, "./main.go", o2);
    std::string want1 = readText(dir / "expected_m1.txt");
    std::string want2 = readText(dir / "expected_m2.txt");
    if (got1 == want1) m1++;
    else failM1 += " " + name;
    if (got2 == want2) m2++;
    else failM2 += " " + name;
    if (inlinerLines(got2) == inlinerLines(want2)) costs++;
    else failCost += " " + name;
    if (std::getenv("GOFAST_CORPUS_DIFF") != nullptr && (got1 != want1 || got2 != want2)) {
      std::printf("==== %s\n--- want m2\n%s--- got m2\n%s", name.c_str(), want2.c_str(), got2.c_str());
      if (got1 != want1) std::printf("--- want m1\n%s--- got m1\n%s", want1.c_str(), got1.c_str());
    }
  }
  std::printf("gc-corpus: -m exact %d/%d, -m=2 inliner lines %d/%d, -m=2 exact %d/%d\n", m1, total, costs, total, m2,
              total);
  if (!failM1.empty()) std::printf("  -m mismatches:%s\n", failM1.c_str());
  if (!failCost.empty()) std::printf("  -m=2 inliner-line mismatches:%s\n", failCost.c_str());
  if (!failM2.empty()) std::printf("  -m=2 mismatches:%s\n", failM2.c_str());
  // Reached: every main case and 4 of 6 beyond cases (beyond/04 uses recover, beyond/06 interface{}:
  // both rejected by the checker as outside the subset).
  CHECK(m1 >= 67);
  CHECK(costs >= 67);
  CHECK(m2 >= 67);
}

// gc-extra: the project's own cases (tests/golden/gc-extra, expected files from real Go 1.19 through
// tests/golden/gc-extra/regen.sh), at -m and -m=2, each also with -l. Every case must match exactly,
// except the ones named below (for the runs without -l), which
// must still differ: each is explained in docs/analysis.md ("gc-extra: known differences"); when a fix
// makes one match, this test fails until it is removed from its list. (Both lists are empty today.)
namespace {

// -m (expected_m1.txt) known to differ.
const std::vector<std::string> kExtraKnownM1 = {};
// -m=2 (expected_m2.txt) known to differ.
const std::vector<std::string> kExtraKnownM2 = {};

bool listed(const std::vector<std::string>& l, const std::string& name) {
  return std::find(l.begin(), l.end(), name) != l.end();
}

}  // namespace

TEST_CASE("gc extra: -m and -m=2, with and without -l, match Go 1.19 except the listed known differences") {
  fs::path root = fs::path(GOFAST_SOURCE_DIR) / "tests/golden/gc-extra";
  std::vector<fs::path> dirs;
  for (auto& e : fs::directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "main.go")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(dirs.size() >= 10);
  int m1 = 0, m2 = 0, noInline = 0;
  for (const fs::path& dir : dirs) {
    std::string name = dir.filename().string();
    std::string src = readText(dir / "main.go");
    // -m, -m=2, and the same with -l (inlining off: expected_m1_l.txt / expected_m2_l.txt).
    for (int variant = 0; variant < 4; variant++) {
      int level = variant % 2 == 0 ? 1 : 2;
      bool l = variant >= 2;
      analysis::AnalysisOptions o;
      o.m = level;
      o.noInline = l;
      std::string got = analysis::buildM(src, "./main.go", o);
      std::string file = std::string(level == 1 ? "expected_m1" : "expected_m2") + (l ? "_l" : "") + ".txt";
      REQUIRE(fs::exists(dir / file));
      std::string want = readText(dir / file);
      if (!l) REQUIRE(want.rfind("# command-line-arguments\n", 0) == 0);
      bool known = !l && listed(level == 1 ? kExtraKnownM1 : kExtraKnownM2, name);
      INFO("case ", name, " ", file, std::string(known ? " (listed as a known difference)" : ""));
      if (std::getenv("GOFAST_CORPUS_DIFF") != nullptr && got != want)
        std::printf("==== gc-extra/%s %s\n--- want\n%s--- got\n%s", name.c_str(), file.c_str(), want.c_str(), got.c_str());
      if (known) {
        CHECK_MESSAGE(got != want, "now matches Go: remove it from the known list and docs/analysis.md");
      } else {
        CHECK(got == want);
      }
      if (got == want) (l ? noInline : level == 1 ? m1 : m2)++;
    }
  }
  std::printf("gc-extra: -m exact %d/%zu, -m=2 exact %d/%zu, with -l (both levels) %d/%zu\n", m1, dirs.size(), m2,
              dirs.size(), noInline, 2 * dirs.size());
}
