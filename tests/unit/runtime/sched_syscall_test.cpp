// Output is a write(2) system call (runtime/vm.h kDefaultWriteLatencyNs): fmt.Print* enters a
// syscall for the write's virtual latency, sysmon retakes the P when the write is slow and other
// work waits (proc.go:5338 retake), and print/println block the M without entersyscall.
// Expected program outputs come from real Go 1.19 (go1.19.8 linux/amd64,
// `GOMAXPROCS=1 go run main.go` and GOMAXPROCS=4, GOTOOLCHAIN=local GO111MODULE=off).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "unit/runtime/sched_program.h"

using namespace gofast;
using namespace gofast::rt;

namespace {

using Compiled = testing::CompiledRun;

Compiled runProgram(const std::string& src, const VmOptions& opts) {
  Compiled c = testing::compileAndRun(src, opts);
  REQUIRE_MESSAGE(c.compiled, c.errors);
  return c;
}

VmOptions opts(int32_t procs, int64_t writeLatencyNs) {
  VmOptions o;
  o.gomaxprocs = procs;
  o.writeLatencyNs = writeLatencyNs;
  o.trace = true;
  return o;
}

int count(const Trace& t, TraceEv type) {
  int n = 0;
  for (const TraceEvent& e : t.events()) n += e.type == type ? 1 : 0;
  return n;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Go 1.19 prints "main\nworker\n" (stdout), exit 0, with GOMAXPROCS=1 and 4.
const char* kMainAndWorker =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo func() {\n"
    "\t\tfmt.Println(\"worker\")\n\t\tdone <- true\n\t}()\n\tfmt.Println(\"main\")\n\t<-done\n}\n";

// The first syscall of goroutine 1: [enter, exit] timestamps.
struct SyscallSpan {
  int64_t enter = -1, exit = -1;
  uint16_t m = kTraceNone;  // the M in the syscall
};
SyscallSpan firstSyscall(const Trace& t, uint32_t goid) {
  SyscallSpan s;
  for (const TraceEvent& e : t.events()) {
    if (e.g != goid) continue;
    if (e.type == TraceEv::SyscallEnter && s.enter < 0) {
      s.enter = static_cast<int64_t>(e.ts);
      s.m = e.m;
    }
    if (e.type == TraceEv::SyscallExit && s.enter >= 0 && s.exit < 0) s.exit = static_cast<int64_t>(e.ts);
  }
  return s;
}

}  // namespace

TEST_CASE("sched syscall: a slow fmt write is handed off and another goroutine runs during it (GOMAXPROCS=1)") {
  const int64_t latency = 100 * 1000;  // 100us: five sysmon ticks
  Compiled c = runProgram(kMainAndWorker, opts(1, latency));
  CHECK(c.res.exitStatus == 0);
  CHECK(c.res.stdoutText == "main\nworker\n");
  const Trace& t = c.vm->scheduler().trace;
  CHECK(count(t, TraceEv::Handoff) >= 1);
  const SyscallSpan s = firstSyscall(t, 1);
  REQUIRE(s.enter >= 0);
  REQUIRE(s.exit >= 0);
  CHECK(s.exit - s.enter >= latency);
  // The worker (goroutine 2) started on another M while main was still inside its write.
  bool ranDuringWrite = false;
  for (const TraceEvent& e : t.events())
    if (e.type == TraceEv::GoStart && e.g == 2 && static_cast<int64_t>(e.ts) > s.enter && static_cast<int64_t>(e.ts) < s.exit)
      ranDuringWrite = e.m != s.m;  // on the M that took the handed-off P
  CHECK(ranDuringWrite);
  // The handoff came from sysmon's next tick (20us naps while it finds work). This is the P's first
  // syscall: p.syscalltick and sysmontick.syscalltick are both 0, so retake does not need a first
  // sight to record it (proc.go:5324-5328), as in Go.
  // (The worker's own write is then retaken too, after a first sight: a second Handoff.)
  int64_t firstHandoff = -1;
  for (const TraceEvent& e : t.events())
    if (e.type == TraceEv::Handoff && firstHandoff < 0) firstHandoff = static_cast<int64_t>(e.ts);
  CHECK(firstHandoff > s.enter);
  CHECK(firstHandoff - s.enter <= kSysmonMinDelayNS);
  CHECK(c.vm->scheduler().checkInvariants() == "");
}

TEST_CASE("sched syscall: a fast write keeps its P: no handoff, the other goroutine waits") {
  Compiled c = runProgram(kMainAndWorker, opts(1, kDefaultWriteLatencyNs));
  CHECK(c.res.exitStatus == 0);
  CHECK(c.res.stdoutText == "main\nworker\n");
  const Trace& t = c.vm->scheduler().trace;
  CHECK(count(t, TraceEv::Handoff) == 0);
  CHECK(count(t, TraceEv::SyscallEnter) == 2);  // two fmt.Println calls
  CHECK(count(t, TraceEv::SyscallExit) == 2);
  const SyscallSpan s = firstSyscall(t, 1);
  REQUIRE(s.exit >= 0);
  CHECK(s.exit - s.enter == kDefaultWriteLatencyNs);  // nothing else ran: the clock jumped to the end
  for (const TraceEvent& e : t.events())
    if (e.type == TraceEv::GoStart && e.g == 2) CHECK(static_cast<int64_t>(e.ts) >= s.exit);
  // exitsyscall's fast path: the same P, reacquired (reason 1).
  for (const TraceEvent& e : t.events())
    if (e.type == TraceEv::SyscallExit) CHECK(e.reason == 1);
}

TEST_CASE("sched syscall: with -write-latency=0 output enters no syscall") {
  Compiled c = runProgram(kMainAndWorker, opts(1, 0));
  CHECK(c.res.stdoutText == "main\nworker\n");
  CHECK(count(c.vm->scheduler().trace, TraceEv::SyscallEnter) == 0);
}

TEST_CASE("sched syscall: println is a raw write: no syscall state, but the write's time passes") {
  // Go 1.19: stderr "a 1\n", exit 0. print.go gwrite -> writeErr -> write1, no entersyscall.
  // main blocks on a channel after the println so that the slice's time is accounted.
  const char* src =
      "package main\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo func() {\n\t\tdone <- true\n\t}()\n"
      "\tprintln(\"a\", 1)\n\t<-done\n}\n";
  Compiled slow = runProgram(src, opts(1, 50 * 1000));
  Compiled none = runProgram(src, opts(1, 0));
  CHECK(slow.res.stderrText == "a 1\n");
  CHECK(none.res.stderrText == "a 1\n");
  CHECK(count(slow.vm->scheduler().trace, TraceEv::SyscallEnter) == 0);
  // Four writes (the string, the space, the number, the newline) of 50us each.
  CHECK(slow.res.virtualNs - none.res.virtualNs == 4 * 50 * 1000);
}

TEST_CASE("sched syscall: the chapter 4 slow-write example shows a handoff with a slow write") {
  namespace fs = std::filesystem;
  const fs::path src = fs::path(GOFAST_SOURCE_DIR) / "assets/examples/goroutines/04_slow_write.go";
  const fs::path golden = fs::path(GOFAST_SOURCE_DIR) / "tests/golden/examples/goroutines/04_slow_write";
  const std::string text = readFile(src);
  REQUIRE_FALSE(text.empty());
  for (int32_t procs : {1, 4}) {
    CAPTURE(procs);
    Compiled slow = runProgram(text, opts(procs, 100 * 1000));
    CHECK(slow.res.stdoutText == readFile(golden / "expected_stdout.txt"));
    CHECK(slow.res.exitStatus == 0);
    CHECK(count(slow.vm->scheduler().trace, TraceEv::Handoff) >= 1);
    Compiled fast = runProgram(text, opts(procs, kDefaultWriteLatencyNs));
    CHECK(fast.res.stdoutText == readFile(golden / "expected_stdout.txt"));
    CHECK(count(fast.vm->scheduler().trace, TraceEv::Handoff) == 0);
  }
}
