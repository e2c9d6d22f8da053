// The example programs of the chapters (assets/examples/, embedded): each compiles, and gofast's
// `-m` / `-m=2` text for it equals what real Go 1.19 printed (tests/golden/examples/*, made by
// tests/golden/examples/regen.sh). The VM's run of each example joins here when `gofast run` lands.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "api/assets.h"
#include "api/lessons.h"
#include "api/session.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

}  // namespace

TEST_CASE("examples: every chapter example compiles and -m / -m=2 match Go 1.19") {
  int n = 0;
  for (const api::Chapter& c : api::chapters()) {
    for (const api::Example& e : api::examples(c.id)) {
      n++;
      CAPTURE(std::string(e.path));
      CHECK_FALSE(e.title.empty());
      CHECK_FALSE(e.description.empty());
      api::Session s;
      CHECK(s.load(e.source));
      std::string name = fs::path(std::string(e.path)).stem().string();
      fs::path golden = fs::path(GOFAST_SOURCE_DIR) / "tests/golden/examples" / c.id / name;
      REQUIRE_MESSAGE(fs::exists(golden / "expected_m1.txt"), "run tests/golden/examples/regen.sh");
      CHECK(s.mText(1) == readText(golden / "expected_m1.txt"));
      CHECK(s.mText(2) == readText(golden / "expected_m2.txt"));
    }
  }
  CHECK(n >= 7);
}

TEST_CASE("assets: chapter narration is embedded for the chapters that have it") {
  CHECK_FALSE(api::asset("chapters/calls.md").empty());
  CHECK_FALSE(api::asset("chapters/escape.md").empty());
  CHECK(api::asset("chapters/no-such-chapter.md").empty());
  CHECK(api::examples("no-such-chapter").empty());
}

TEST_CASE("examples: every chapter example runs on the VM and prints what Go 1.19 printed") {
  int n = 0;
  for (const api::Chapter& c : api::chapters()) {
    for (const api::Example& e : api::examples(c.id)) {
      CAPTURE(std::string(e.path));
      std::string name = fs::path(std::string(e.path)).stem().string();
      fs::path golden = fs::path(GOFAST_SOURCE_DIR) / "tests/golden/examples" / c.id / name;
      api::Session s;
      REQUIRE(s.load(e.source));
      api::RunConfig cfg;
      // GOFAST_VM_KNOBS=1 (a CTest configuration): the same runs with the VM's debug knobs on.
      const char* knobs = std::getenv("GOFAST_VM_KNOBS");
      cfg.debugKnobs = knobs != nullptr && std::string(knobs) == "1";
      REQUIRE_MESSAGE(s.startRun(cfg), s.runError());
      // The way the UI drives it: slices of instructions until the program ends.
      int slices = 0;
      while (s.runSome(100000) && slices < 100000) slices++;
      CHECK(s.runFinished());
      api::Snapshot snap = s.snapshot();
      CHECK(snap.stdoutText == readText(golden / "expected_stdout.txt"));
      CHECK(snap.stderrText == readText(golden / "expected_stderr.txt"));
      CHECK(snap.exitStatus == std::stoi(readText(golden / "expected_exit.txt")));
      n++;
    }
  }
  CHECK(n >= 15);
}
