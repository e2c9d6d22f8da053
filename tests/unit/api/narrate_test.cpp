// Narration: each move of the player gets one sentence built from the snapshots and the scheduler
// trace between them.
#include <doctest/doctest.h>

#include <string>

#include "api/assets.h"
#include "api/narrate.h"
#include "api/session.h"

using namespace gofast;

TEST_CASE("narration: switches name who blocked and who started; lines say where; the end says how it ended") {
  const char* src = R"(package main

import "fmt"

func main() {
	ch := make(chan int)
	go func() {
		ch <- 42
	}()
	fmt.Println(<-ch)
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  api::RunConfig rc;
  rc.gomaxprocs = 1;
  REQUIRE(s.startRun(rc));
  api::Snapshot prev = s.snapshot();
  bool sawBlock = false, sawStart = false, sawLine = false;
  for (int i = 0; i < 30 && !s.runFinished(); i++) {
    const bool bySwitch = i % 2 == 1;
    s.step(bySwitch ? api::Session::StepUnit::Switch : api::Session::StepUnit::Line);
    api::Snapshot next = s.snapshot();
    const std::string n = api::describeMove(s, prev, next, bySwitch ? "Stepped to the next switch" : "Stepped to the next line");
    CAPTURE(n);
    CHECK_FALSE(n.empty());
    if (n.find("G1 blocked on chan receive") != std::string::npos) sawBlock = true;
    if (n.find("started G") != std::string::npos) sawStart = true;
    if (n.find("is at line 10 (main.main)") != std::string::npos) sawLine = true;
    if (next.finished) CHECK(n == "The program exited with status 0 after " + std::to_string(next.position) + " instructions.");
    prev = next;
  }
  CHECK(sawBlock);
  CHECK(sawStart);
  CHECK(sawLine);
  // Back: where the run is now.
  REQUIRE(s.back(api::Session::StepUnit::Line));
  const std::string b = api::describeMove(s, prev, s.snapshot(), "Went back one line");
  CHECK(b.rfind("Went back one line: ", 0) == 0);
  CHECK(b.find("instruction " + std::to_string(s.position())) != std::string::npos);
}
