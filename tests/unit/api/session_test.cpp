// Session: load → diagnostics, -m lines and notes. Expected texts come from real Go 1.19 (the
// gc-corpus expected_m1.txt files, produced by `go build -gcflags=-m`).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "api/session.h"
#include "common/diagnostic.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

fs::path corpusDir() { return fs::path(GOFAST_SOURCE_DIR) / "tests/golden/gc-corpus"; }

}  // namespace

TEST_CASE("Session: a program with errors gives go build's diagnostics and no notes") {
  api::Session s;
  CHECK_FALSE(s.load("package main\n\nfunc main() {\n\tx := 1\n}\n"));
  CHECK(s.loaded());
  CHECK_FALSE(s.ok());
  REQUIRE(s.diagnostics().size() == 1);
  // go build (1.19) says exactly this for an unused variable.
  CHECK(formatDiagnostic(s.diagnostics()[0]) == "./main.go:4:2: x declared but not used");
  CHECK(s.buildOutput() == "# command-line-arguments\n./main.go:4:2: x declared but not used\n");
  CHECK(s.notes().empty());
  CHECK(s.mLines().empty());
}

TEST_CASE("Session: -m text and notes agree with go build -gcflags=-m on every gc-corpus case") {
  int cases = 0;
  for (const auto& e : fs::directory_iterator(corpusDir())) {
    if (!fs::exists(e.path() / "expected_m1.txt")) continue;
    cases++;
    std::string src = readText(e.path() / "main.go");
    std::string want = readText(e.path() / "expected_m1.txt");
    api::Session s;
    REQUIRE(s.load(src));
    CAPTURE(e.path().filename().string());
    CHECK(s.mText(1) == want);
    // Every note of a kind -m prints is one of Go's -m lines at the same position.
    std::set<std::string> goLines;
    std::stringstream ss(want);
    for (std::string l; std::getline(ss, l);) goLines.insert(l);
    for (const api::Note& n : s.notes()) {
      if (n.kind == api::NoteKind::CannotInline) continue;  // -m=2 only
      std::string line = "./main.go:" + std::to_string(n.pos.line) + ":" + std::to_string(n.pos.col) + ": " + n.text;
      if (n.kind == api::NoteKind::CanInline) {
        // -m prints "can inline f" (the cost is -m=2's "with cost N as: ...").
        CHECK_MESSAGE(goLines.count(line) == 1, line);
        CHECK(n.cost >= 0);
        continue;
      }
      CHECK_MESSAGE(goLines.count(line) == 1, line);
    }
  }
  CHECK(cases >= 60);
}

TEST_CASE("Session: notes are sorted and classified; -l turns inlining off") {
  const char* src =
      "package main\n\nfunc add(a, b int) int { return a + b }\n\n"
      "func escape() *int {\n\tx := 1\n\treturn &x\n}\n\n"
      "func main() {\n\tprintln(add(1, 2), *escape())\n}\n";
  api::Session s;
  REQUIRE(s.load(src));
  bool canInline = false, inlined = false, moved = false;
  for (size_t i = 0; i < s.notes().size(); i++) {
    const api::Note& n = s.notes()[i];
    if (i > 0) CHECK_FALSE(n.pos < s.notes()[i - 1].pos);
    if (n.kind == api::NoteKind::CanInline && n.subject == "add") canInline = n.cost > 0;
    if (n.kind == api::NoteKind::InlinedCall && n.subject == "add") inlined = n.pos.line == 11;
    if (n.kind == api::NoteKind::MovedToHeap && n.subject == "x") moved = n.pos.line == 6;
  }
  CHECK(canInline);
  CHECK(inlined);
  CHECK(moved);
  api::LoadOptions noInline;
  noInline.inlining = false;
  REQUIRE(s.load(src, noInline));
  for (const api::Note& n : s.notes()) CHECK(n.kind != api::NoteKind::InlinedCall);
  CHECK(std::string(api::noteKindName(api::NoteKind::MovedToHeap)) == "moved-to-heap");
}

TEST_CASE("Session::why gives the -m=2 lines behind a note") {
  // Expected lines: Go 1.19's `go build -gcflags=-m=2` on this program.
  const char* src =
      "package main\n\nfunc add(a, b int) int { return a + b }\n\n"
      "func escape() *int {\n\tx := 1\n\treturn &x\n}\n\n"
      "func main() {\n\tprintln(add(1, 2), *escape())\n}\n";
  api::Session s;
  REQUIRE(s.load(src));
  bool sawCost = false, sawFlow = false;
  for (const api::Note& n : s.notes()) {
    std::vector<std::string> w = s.why(n);
    if (n.kind == api::NoteKind::CanInline && n.subject == "add") {
      REQUIRE(w.size() == 1);
      CHECK(w[0] == "can inline add with cost 4 as: func(int, int) int { return a + b }");
      sawCost = true;
    }
    if (n.kind == api::NoteKind::MovedToHeap && n.subject == "x") {
      REQUIRE(w.size() == 4);
      CHECK(w[0] == "x escapes to heap:");
      CHECK(w[1] == "  flow: ~r0 = &x:");
      CHECK(w[2] == "    from &x (address-of) at ./main.go:7:9");
      CHECK(w[3] == "    from return &x (return) at ./main.go:7:2");
      sawFlow = true;
    }
  }
  CHECK(sawCost);
  CHECK(sawFlow);
}

TEST_CASE("Session: struct layouts of the program agree with what Go 1.19 printed for it") {
  // assets/examples/values/01_padding.go prints unsafe.Sizeof of its structs; Go's output is in
  // tests/golden/examples/values/01_padding/expected_stderr.txt ("Padded: 24 bytes", ...).
  fs::path dir = fs::path(GOFAST_SOURCE_DIR);
  std::string src = readText(dir / "assets/examples/values/01_padding.go");
  std::string goOut = readText(dir / "tests/golden/examples/values/01_padding/expected_stderr.txt");
  api::Session s;
  REQUIRE(s.load(src));
  const auto& ls = s.structLayouts();
  REQUIRE(ls.size() == 3);
  int checked = 0;
  for (const compile::LayoutReport& r : ls) {
    std::string want = r.name + ": ";
    size_t at = goOut.find(want);
    REQUIRE(at != std::string::npos);
    size_t i = goOut.find_first_not_of(' ', at + want.size());
    CHECK(std::stoll(goOut.substr(i)) == r.size);
    checked++;
  }
  CHECK(checked == 3);
  // Padded reordered is Packed's layout: the saving equals the difference Go printed (24 - 16).
  CHECK(ls[0].name == "Padded");
  CHECK(ls[0].reorderedSize == ls[1].size);
  CHECK_FALSE(ls[1].reorderHelps());
}

TEST_CASE("Session: a run's trace gives the thread comparison and a Chrome trace") {
  fs::path dir = fs::path(GOFAST_SOURCE_DIR);
  api::Session s;
  REQUIRE(s.load(readText(dir / "assets/examples/goroutines/01_ping_pong.go")));
  CHECK(s.threadComparison().counts.created == 0);  // no run yet
  REQUIRE(s.startRun());
  while (s.runSome(100000)) {
  }
  REQUIRE(s.runFinished());
  models::ThreadComparison c = s.threadComparison();
  CHECK(c.counts.created == 3);   // main and the two players
  CHECK(c.counts.peakLive == 3);
  CHECK(c.counts.handoffs >= 6);  // every hit wakes the other player
  CHECK(c.threads.createNs > 100 * c.goroutines.createNs);
  std::string json = s.chromeTraceJson();
  CHECK(json.find("\"traceEvents\":[") != std::string::npos);
  CHECK(json.find("\"ph\":\"X\"") != std::string::npos);
}
