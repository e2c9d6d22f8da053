// Time travel (issue #7): the run is one timeline whatever the step sizes, a cloned machine continues
// exactly like the original, and seeking or stepping back reaches the state first seen there, byte
// for byte (memory hash, goroutines with their frame bytes, queues, counters, output, trace).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "api/assets.h"
#include "api/lessons.h"
#include "api/session.h"
#include "analysis/report.h"
#include "compile/codegen.h"
#include "lang/frontend.h"
#include "runtime/run.h"
#include "runtime/vm.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;

namespace {

using gofast::testing::readText;

struct Prog {
  std::string name, source;
};

// Every chapter example and every go-corpus program that compiles.
std::vector<Prog> programs() {
  std::vector<Prog> out;
  for (const api::Chapter& c : api::chapters())
    for (const api::Example& e : api::examples(c.id)) out.push_back({std::string(e.path), std::string(e.source)});
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(fs::path(GOFAST_SOURCE_DIR) / "tests/golden/go-corpus")) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());
  for (const fs::path& d : dirs) out.push_back({d.filename().string(), readText(d / "main.go")});
  return out;
}

// The whole comparable state, with a readable first difference for failures.
std::string describeDiff(const api::Snapshot& a, const api::Snapshot& b) {
  if (a.position != b.position) return "position " + std::to_string(a.position) + " vs " + std::to_string(b.position);
  if (a.memoryHash != b.memoryHash) return "memory";
  if (a.goroutines != b.goroutines) return "goroutines";
  if (a.ps != b.ps) return "Ps";
  if (a.globalRunq != b.globalRunq) return "global run queue";
  if (a.stdoutText != b.stdoutText || a.stderrText != b.stderrText) return "output";
  if (a.traceLength != b.traceLength || a.traceHash != b.traceHash) return "trace";
  if (a.virtualNs != b.virtualNs) return "clock";
  if (a.heapLive != b.heapLive || a.numGC != b.numGC || a.stackGrowths != b.stackGrowths || a.allocs != b.allocs ||
      a.calls != b.calls)
    return "counters";
  if (a.finished != b.finished || a.exitStatus != b.exitStatus) return "end";
  if (a.currentGoid != b.currentGoid || a.currentLine != b.currentLine) return "current goroutine/line";
  return "";
}

// Random points per program and configuration: fewer in the sanitizer build (ten times slower).
#if defined(__SANITIZE_ADDRESS__)
constexpr int kRandomPoints = 3;
#else
constexpr int kRandomPoints = 6;
#endif

api::RunConfig smallCheckpoints(int32_t procs) {
  api::RunConfig rc;
  rc.gomaxprocs = procs;
  rc.seed = 7;
  rc.maxSteps = 20000000;
  rc.checkpointInterval = 2048;  // many checkpoints: seeks restore clones, not only replay from 0
  return rc;
}

}  // namespace

TEST_CASE("history: the timeline does not depend on step sizes, and a clone continues exactly") {
  const char* src = R"(package main

import "fmt"

func worker(id int, ch chan int, done chan bool) {
	s := 0
	for v := range ch {
		s += v * id
	}
	fmt.Println("worker", id, s)
	done <- true
}

func main() {
	ch := make(chan int)
	done := make(chan bool)
	for i := 1; i <= 3; i++ {
		go worker(i, ch, done)
	}
	for i := 0; i < 2000; i++ {
		ch <- i
	}
	close(ch)
	for i := 0; i < 3; i++ {
		<-done
	}
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  for (int32_t procs : {1, 3}) {
    CAPTURE(procs);
    api::RunConfig rc = smallCheckpoints(procs);
    REQUIRE(s.startRun(rc));
    while (s.runSome(1 << 20)) {
    }
    const api::Snapshot whole = s.snapshot(true);
    REQUIRE(whole.finished);
    REQUIRE(whole.exitStatus == 0);
    // The same run in steps of 1, 7, 1000 and odd sizes.
    REQUIRE(s.startRun(rc));
    std::mt19937_64 rng(42);
    uint64_t n = 0;
    while (s.runSome(n++ % 3 == 0 ? 1 : rng() % 3000 + 1)) {
    }
    const api::Snapshot stepped = s.snapshot(true);
    CHECK(describeDiff(whole, stepped) == "");
    CHECK(whole.position == stepped.position);

  }
  // Machine::clone at arbitrary points continues exactly like the original.
  lang::FrontendResult fe = lang::compileFrontend(src, "./main.go");
  REQUIRE(fe.ok());
  analysis::AnalysisResult ar = analysis::analyzeFile(fe.file(), fe.check, {});
  compile::CompileResult cr = compile::compileProgram(*ar.package, {});
  REQUIRE(cr.ok());
  rt::VmOptions vo;
  vo.gomaxprocs = 2;
  vo.trace = true;
  rt::Machine ref(*cr.program, vo);
  const rt::RunResult refRes = ref.run();
  // A machine that logs timeline events (and pauses at growths and GCs) runs the same timeline.
  {
    rt::VmOptions ve = vo;
    ve.timelineEvents = true;
    rt::Machine withEvents(*cr.program, ve);
    const rt::RunResult r = withEvents.run();
    CHECK(r.stdoutText == refRes.stdoutText);
    CHECK(r.steps == refRes.steps);
    CHECK(r.virtualNs == refRes.virtualNs);
    CHECK(withEvents.scheduler().trace.hash() == ref.scheduler().trace.hash());
    CHECK(withEvents.addrSpace().contentHash() == ref.addrSpace().contentHash());
    CHECK(withEvents.takeEvents().size() > 10);
  }
  for (uint64_t at : {uint64_t{0}, uint64_t{1}, uint64_t{777}, uint64_t{10001}, uint64_t{54321}}) {
    CAPTURE(at);
    rt::Machine m(*cr.program, vo);
    m.start();
    m.runFor(at);
    std::unique_ptr<rt::Machine> c = m.clone();
    m.runFor(7);  // the original moves on: the clone must not share its state
    const rt::RunResult cres = c->run();
    CHECK(cres.stdoutText == refRes.stdoutText);
    CHECK(cres.steps == refRes.steps);
    CHECK(cres.virtualNs == refRes.virtualNs);
    CHECK(c->scheduler().trace.hash() == ref.scheduler().trace.hash());
    CHECK(c->addrSpace().contentHash() == ref.addrSpace().contentHash());
    const rt::RunResult mres = m.run();
    CHECK(mres.stdoutText == refRes.stdoutText);
    CHECK(m.addrSpace().contentHash() == ref.addrSpace().contentHash());
  }
}

TEST_CASE("history: seeking in random order reaches the states first seen there (examples and go-corpus)") {
  std::mt19937_64 rng(2026);
  int checked = 0;
  for (const Prog& p : programs()) {
    CAPTURE(p.name);
    api::Session s;
    if (!s.load(p.source)) continue;  // (go-corpus programs that must not compile)
    for (int32_t procs : {1, 4}) {
      CAPTURE(procs);
      api::RunConfig rc = smallCheckpoints(procs);
      if (!s.startRun(rc)) break;  // (constructs the VM does not run: covered by other tests)
      while (s.runSome(1 << 22)) {
      }
      const uint64_t end = s.position();
      // First visit: forward in order to random positions, recording full snapshots.
      std::vector<uint64_t> at{0, end};
      for (int i = 0; i < kRandomPoints; i++) at.push_back(end == 0 ? 0 : rng() % end);
      std::sort(at.begin(), at.end());
      at.erase(std::unique(at.begin(), at.end()), at.end());
      REQUIRE(s.startRun(rc));
      std::vector<api::Snapshot> seen, before;  // at each position, and one instruction before it
      for (uint64_t pos : at) {
        if (pos > 0) {
          s.runSome(pos - 1 - s.position());
          before.push_back(s.snapshot(true));
        } else {
          before.push_back(api::Snapshot{});
        }
        s.runSome(pos - s.position());
        REQUIRE(s.position() == pos);
        seen.push_back(s.snapshot(true));
      }
      // Then seek to them in random order, twice, and step back from each.
      std::vector<size_t> order;
      for (size_t i = 0; i < at.size(); i++) order.push_back(i), order.push_back(i);
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t i : order) {
        CAPTURE(at[i]);
        CHECK(s.seek(at[i]) == at[i]);
        CHECK(describeDiff(s.snapshot(true), seen[i]) == "");
        CHECK(s.snapshot(true) == seen[i]);
        // ... and one step back from there is the state first seen one instruction earlier.
        if (at[i] > 0 && s.back(api::Session::StepUnit::Instruction)) {
          CHECK(describeDiff(s.snapshot(true), before[i]) == "");
          CHECK(s.snapshot(true) == before[i]);
        }
        checked++;
      }
    }
  }
  CHECK(checked > 100 * kRandomPoints);
}

TEST_CASE("history: back by each unit returns to the states forward steps stopped at") {
  const char* src = R"(package main

import (
	"fmt"
	"runtime"
)

type node struct {
	next *node
	val  [64]int
}

func depth(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		return pad[0]
	}
	return depth(n-1) + pad[n%64]
}

func main() {
	done := make(chan int)
	go func() {
		var list *node
		for i := 0; i < 40000; i++ {
			if i%1000 == 0 {
				list = nil
			}
			list = &node{next: list}
			list.val[0] = i
			if i%5000 == 0 {
				runtime.Gosched()
			}
		}
		done <- depth(200)
	}()
	fmt.Println(<-done)
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  using U = api::Session::StepUnit;
  for (U u : {U::Line, U::Instruction, U::Switch, U::Growth, U::GC}) {
    CAPTURE(static_cast<int>(u));
    REQUIRE(s.startRun(smallCheckpoints(2)));
    REQUIRE(s.step(u));  // the first stop of this unit: back from the second stop returns here
    std::vector<api::Snapshot> seen{s.snapshot(true)};
    for (int i = 0; i < 12 && !s.runFinished(); i++) {
      REQUIRE(s.step(u));
      seen.push_back(s.snapshot(true));
      CHECK(seen.back().position >= seen[seen.size() - 2].position);
    }
    REQUIRE(seen.size() >= 4);
    // Forward steps by an event unit really stop at that event.
    if (u == U::Growth) CHECK(seen[1].stackGrowths == seen[0].stackGrowths + 1);
    if (u == U::GC) CHECK(seen[1].numGC == seen[0].numGC + 1);
    for (size_t i = seen.size() - 1; i > 0; i--) {
      CAPTURE(i);
      if (seen[i].position == seen[i - 1].position) continue;
      REQUIRE(s.back(u));
      CHECK(describeDiff(s.snapshot(true), seen[i - 1]) == "");
    }
  }
  // Stepping back after the end and forward again ends the same way.
  REQUIRE(s.startRun(smallCheckpoints(2)));
  while (s.runSome(1 << 20)) {
  }
  const api::Snapshot end = s.snapshot(true);
  CHECK(end.stdoutText == "20100\n");  // go run (Go 1.19) prints 20100
  s.seek(end.position / 2);
  while (s.runSome(1 << 20)) {
  }
  CHECK(describeDiff(s.snapshot(true), end) == "");
}

TEST_CASE("history: checkpoint memory stays within the budget and back is cheap far into a run") {
  const char* src = R"(package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println(fib(32))
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  api::RunConfig rc;
  REQUIRE(s.startRun(rc));
  s.runSome(10000000);
  REQUIRE(s.position() == 10000000);
  const api::Snapshot here = s.snapshot(true);
  REQUIRE(s.back(api::Session::StepUnit::Instruction));
  CHECK(s.position() == 9999999);
  const api::HistoryStats st = s.history()->stats();
  CHECK(st.checkpointBytes + st.logBytes <= (uint64_t{256} << 20));
  CHECK(st.replayed < st.interval);  // one interval of replay at most
  s.step(api::Session::StepUnit::Instruction);
  CHECK(describeDiff(s.snapshot(true), here) == "");
}

TEST_CASE("history: breakpoints stop play where a goroutine reaches the line") {
  const char* src = R"(package main

import "fmt"

func main() {
	total := 0
	for i := 0; i < 5; i++ {
		total += i
		fmt.Println(total)
	}
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  REQUIRE(s.startRun({}));
  s.setBreakpoints({9});
  int hits = 0;
  while (s.runSome(100000)) {
    if (s.breakpointHit()) {
      hits++;
      CHECK(s.currentLine() == 9);
      // Output so far: one line per earlier hit.
      const std::string out = s.snapshot().stdoutText;
      CHECK(static_cast<int>(std::count(out.begin(), out.end(), '\n')) == hits - 1);
    }
  }
  CHECK(hits == 5);
}

TEST_CASE("history: a trace event (a click on the timeline) seeks to the first stop after it") {
  api::Session s;
  REQUIRE(s.load(api::examples("goroutines").front().source));
  REQUIRE(s.startRun(smallCheckpoints(2)));
  while (s.runSome(1 << 20)) {
  }
  const uint64_t events = s.snapshot().traceLength;
  REQUIRE(events > 10);
  std::mt19937_64 rng(5);
  for (int i = 0; i < 20; i++) {
    const size_t idx = rng() % events;
    CAPTURE(idx);
    const uint64_t pos = s.seekToTraceEvent(idx);
    CHECK(s.snapshot().traceLength > idx);  // the event has happened here
    // ... and had not yet at the event stop before this one.
    uint64_t prevLen = 0;
    for (const auto& e : s.history()->events())
      if (e.step < pos) prevLen = e.traceLen;
    CHECK(prevLen <= idx);
  }
}

TEST_CASE("history: time travel works in the other stack and preemption modes too") {
  const char* src = R"(package main

import "fmt"

func depth(n int) int {
	var pad [32]int
	pad[n%32] = n
	if n == 0 {
		return 0
	}
	return depth(n-1) + pad[n%32]
}

func main() {
	fmt.Println(depth(300))
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  for (bool segmented : {false, true}) {
    for (bool async : {true, false}) {
      CAPTURE(segmented);
      CAPTURE(async);
      api::RunConfig rc = smallCheckpoints(1);
      rc.segmentedStacks = segmented;
      rc.asyncPreempt = async;
      REQUIRE(s.startRun(rc));
      while (s.runSome(1 << 20)) {
      }
      const api::Snapshot end = s.snapshot(true);
      CHECK(end.stdoutText == "45150\n");  // go run (Go 1.19) prints 45150
      const uint64_t mid = end.position / 2;
      s.seek(mid);
      const api::Snapshot m1 = s.snapshot(true);
      s.seek(end.position);
      s.seek(mid);
      CHECK(describeDiff(s.snapshot(true), m1) == "");
      s.step(api::Session::StepUnit::Growth);
      s.back(api::Session::StepUnit::Growth);
      CHECK(s.position() <= mid + 1);
    }
  }
}
