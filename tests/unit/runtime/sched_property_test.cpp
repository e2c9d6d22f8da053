// Property test of the whole pipeline's scheduler: 1,000 random programs of goroutines and channels,
// generated as Go source from a seed, compiled and run on the VM.
//
// The generator writes main() as a handful of independent "structures" (a producer/consumer pipe,
// producers closed behind a sync.WaitGroup, a select that merges two channels and nils them out when
// they close, workers adding under a sync.Mutex, a chain of relay goroutines, a non-blocking select
// send that falls back to a helper goroutine), each reporting its sum on its own result channel,
// with random sizes, buffer capacities, values and sleeps. Whatever the interleaving, the program
// must print the sums the generator computed. Go's own outputs are not needed: the expectation is
// arithmetic the generator does, and every structure is deterministic by construction in Go's
// memory model (that is the point of channels).
//
// Properties checked for each program:
//  * the run exits 0 and prints exactly the generator's sums;
//  * no goroutine lost or run twice, from the trace: every goid is created once; a G never starts
//    while it is already running or in a syscall; a G that ends ends once (GoStop Exit) and no event
//    of it follows its exit; Gs not dead when main returns are not waiting (nothing was lost on a
//    channel); Scheduler::checkInvariants() is "" at the end;
//  * the same seed gives the same trace hash twice;
//  * another GOMAXPROCS prints the same result (half of the time with slow writes, so that sysmon
//    hands main's P off during its prints).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "unit/runtime/sched_program.h"

using namespace gofast::rt;

namespace {

// splitmix64 (Steele, Lea, Flood 2014): the generator's own stream, independent of the VM's.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int in(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return in(1, 100) <= percent; }
};

struct GenProgram {
  std::string src;
  std::string expectedStdout;
  int goStatements = 0;      // goroutines created, when known statically
  bool dynamicGo = false;    // a structure creates a data-dependent number of goroutines
};

std::string I(int v) { return std::to_string(v); }

class Generator {
 public:
  explicit Generator(uint64_t seed) : r_{seed * 0x2545f4914f6cdd1dull + 1} {}

  GenProgram make() {
    const int n = r_.in(1, 4);
    std::string blocks, collect;
    int64_t total = 0;
    for (int k = 0; k < n; k++) {
      int64_t sum = 0;
      blocks += "\tr" + I(k) + " := make(chan int" + (r_.chance(30) ? ", 1" : "") + ")\n";
      switch (r_.in(0, 5)) {
        case 0: blocks += pipe(k, &sum); break;
        case 1: blocks += producersWithWaitGroup(k, &sum); break;
        case 2: blocks += selectMerge(k, &sum); break;
        case 3: blocks += mutexWorkers(k, &sum); break;
        case 4: blocks += relayChain(k, &sum); break;
        default: blocks += nonBlockingSend(k, &sum); break;
      }
      collect += "\tv" + I(k) + " := <-r" + I(k) + "\n\ttotal += v" + I(k) + "\n\tfmt.Println(\"s" + I(k) + "\", v" + I(k) + ")\n";
      out_.expectedStdout += "s" + I(k) + " " + std::to_string(sum) + "\n";
      total += sum;
    }
    out_.expectedStdout += "total " + std::to_string(total) + "\n";
    std::string imports = "\t\"fmt\"\n";
    if (usesSync_) imports += "\t\"sync\"\n";
    if (usesTime_) imports += "\t\"time\"\n";
    out_.src = "package main\n\nimport (\n" + imports + ")\n\nfunc main() {\n" + blocks + "\ttotal := 0\n" + collect +
               "\tfmt.Println(\"total\", total)\n}\n";
    return out_;
  }

 private:
  std::string chanMake() { return r_.chance(50) ? "make(chan int)" : "make(chan int, " + I(r_.in(1, 4)) + ")"; }
  // A statement that sometimes sleeps a few microseconds (a timer on the P) or yields nothing.
  std::string maybeSleep(const std::string& indent) {
    if (!r_.chance(15)) return "";
    usesTime_ = true;
    return indent + "time.Sleep(" + I(r_.in(1, 30)) + " * time.Microsecond)\n";
  }
  // `for i := 0; i < n; i++ { ch <- start + i*step }` and its sum.
  std::string sendLoop(const std::string& ch, const std::string& indent, int64_t* sum) {
    const int n = r_.in(0, 12), start = r_.in(-50, 100), step = r_.in(-3, 9);
    for (int i = 0; i < n; i++) *sum += start + i * step;
    return indent + "for i := 0; i < " + I(n) + "; i++ {\n" + indent + "\t" + ch + " <- " + I(start) + " + i*" + I(step) + "\n" +
           maybeSleep(indent + "\t") + indent + "}\n";
  }
  std::string result(int k, const std::string& what) { return "r" + I(k) + " <- " + what; }

  // A producer sends and closes; a consumer ranges over the channel.
  std::string pipe(int k, int64_t* sum) {
    out_.goStatements += 2;
    std::string s = "\t{\n\t\tch := " + chanMake() + "\n";
    s += "\t\tgo func() {\n" + sendLoop("ch", "\t\t\t", sum) + "\t\t\tclose(ch)\n\t\t}()\n";
    s += "\t\tgo func() {\n\t\t\ts := 0\n\t\t\tfor v := range ch {\n\t\t\t\ts += v\n" + maybeSleep("\t\t\t\t") +
         "\t\t\t}\n\t\t\t" + result(k, "s") + "\n\t\t}()\n\t}\n";
    return s;
  }
  // P producers; a closer waits for them on a WaitGroup; a comma-ok receive loop sums.
  std::string producersWithWaitGroup(int k, int64_t* sum) {
    usesSync_ = true;
    const int producers = r_.in(1, 4);
    out_.goStatements += producers + 2;
    std::string s = "\t{\n\t\tch := " + chanMake() + "\n\t\tvar wg sync.WaitGroup\n";
    for (int p = 0; p < producers; p++) {
      s += "\t\twg.Add(1)\n\t\tgo func() {\n";
      s += r_.chance(50) ? "\t\t\tdefer wg.Done()\n" + sendLoop("ch", "\t\t\t", sum) : sendLoop("ch", "\t\t\t", sum) + "\t\t\twg.Done()\n";
      s += "\t\t}()\n";
    }
    s += "\t\tgo func() {\n\t\t\twg.Wait()\n\t\t\tclose(ch)\n\t\t}()\n";
    s += "\t\tgo func() {\n\t\t\ts := 0\n\t\t\tfor {\n\t\t\t\tv, ok := <-ch\n\t\t\t\tif !ok {\n\t\t\t\t\tbreak\n\t\t\t\t}\n"
         "\t\t\t\ts += v\n\t\t\t}\n\t\t\t" + result(k, "s") + "\n\t\t}()\n\t}\n";
    return s;
  }
  // Two sources; a select loop merges them, setting a closed channel to nil.
  std::string selectMerge(int k, int64_t* sum) {
    out_.goStatements += 3;
    std::string s = "\t{\n\t\ta, b := " + chanMake() + ", " + chanMake() + "\n";
    s += "\t\tgo func() {\n" + sendLoop("a", "\t\t\t", sum) + "\t\t\tclose(a)\n\t\t}()\n";
    s += "\t\tgo func() {\n" + sendLoop("b", "\t\t\t", sum) + "\t\t\tclose(b)\n\t\t}()\n";
    s += "\t\tgo func() {\n\t\t\ts := 0\n\t\t\tfor a != nil || b != nil {\n\t\t\t\tselect {\n"
         "\t\t\t\tcase v, ok := <-a:\n\t\t\t\t\tif !ok {\n\t\t\t\t\t\ta = nil\n\t\t\t\t\t\tcontinue\n\t\t\t\t\t}\n\t\t\t\t\ts += v\n"
         "\t\t\t\tcase v, ok := <-b:\n\t\t\t\t\tif !ok {\n\t\t\t\t\t\tb = nil\n\t\t\t\t\t\tcontinue\n\t\t\t\t\t}\n\t\t\t\t\ts += v\n"
         "\t\t\t\t}\n\t\t\t}\n\t\t\t" + result(k, "s") + "\n\t\t}()\n\t}\n";
    return s;
  }
  // Workers add to a shared counter under a Mutex; a reporter waits for them.
  std::string mutexWorkers(int k, int64_t* sum) {
    usesSync_ = true;
    const int workers = r_.in(1, 5);
    out_.goStatements += workers + 1;
    std::string s = "\t{\n\t\tvar mu sync.Mutex\n\t\tvar wg sync.WaitGroup\n\t\tcount := 0\n";
    for (int w = 0; w < workers; w++) {
      const int n = r_.in(1, 8), add = r_.in(-5, 20);
      *sum += static_cast<int64_t>(n) * add;
      s += "\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := 0; i < " + I(n) +
           "; i++ {\n\t\t\t\tmu.Lock()\n\t\t\t\tcount += " + I(add) + "\n" + maybeSleep("\t\t\t\t") + "\t\t\t\tmu.Unlock()\n\t\t\t}\n\t\t}()\n";
    }
    s += "\t\tgo func() {\n\t\t\twg.Wait()\n\t\t\tmu.Lock()\n\t\t\tc := count\n\t\t\tmu.Unlock()\n\t\t\t" + result(k, "c") + "\n\t\t}()\n\t}\n";
    return s;
  }
  // A feeder, L relay goroutines each adding a constant, and a collector.
  std::string relayChain(int k, int64_t* sum) {
    const int stages = r_.in(1, 4);
    out_.goStatements += stages + 2;
    std::string s = "\t{\n\t\tfirst := " + chanMake() + "\n\t\tin := first\n";
    int64_t values = 0;
    const int n = r_.in(0, 10), start = r_.in(0, 40);
    for (int i = 0; i < n; i++) values += start + i;
    int64_t adds = 0;
    for (int st = 0; st < stages; st++) {
      const int add = r_.in(0, 9);
      adds += add;
      s += "\t\tout" + I(st) + " := " + chanMake() + "\n";
      s += "\t\tgo func(in <-chan int, out chan<- int) {\n\t\t\tfor v := range in {\n\t\t\t\tout <- v + " + I(add) +
           "\n\t\t\t}\n\t\t\tclose(out)\n\t\t}(in, out" + I(st) + ")\n\t\tin = out" + I(st) + "\n";
    }
    *sum += values + static_cast<int64_t>(n) * adds;
    s += "\t\tgo func() {\n\t\t\tfor i := 0; i < " + I(n) + "; i++ {\n\t\t\t\tfirst <- " + I(start) +
         " + i\n\t\t\t}\n\t\t\tclose(first)\n\t\t}()\n";
    s += "\t\tlast := in\n\t\tgo func() {\n\t\t\ts := 0\n\t\t\tfor v := range last {\n\t\t\t\ts += v\n\t\t\t}\n\t\t\t" +
         result(k, "s") + "\n\t\t}()\n\t}\n";
    return s;
  }
  // A sender tries each send with select/default and hands it to a new goroutine when the channel is
  // not ready; the receiver takes exactly n values.
  std::string nonBlockingSend(int k, int64_t* sum) {
    out_.goStatements += 2;
    out_.dynamicGo = true;
    const int n = r_.in(1, 10), start = r_.in(0, 30);
    for (int i = 0; i < n; i++) *sum += start + 2 * i;
    std::string s = "\t{\n\t\tch := " + chanMake() + "\n";
    s += "\t\tgo func() {\n\t\t\tfor i := 0; i < " + I(n) + "; i++ {\n\t\t\t\tv := " + I(start) +
         " + 2*i\n\t\t\t\tselect {\n\t\t\t\tcase ch <- v:\n\t\t\t\tdefault:\n\t\t\t\t\tgo func() {\n\t\t\t\t\t\tch <- v\n"
         "\t\t\t\t\t}()\n\t\t\t\t}\n\t\t\t}\n\t\t}()\n";
    s += "\t\tgo func() {\n\t\t\ts := 0\n\t\t\tfor i := 0; i < " + I(n) + "; i++ {\n\t\t\t\ts += <-ch\n\t\t\t}\n\t\t\t" +
         result(k, "s") + "\n\t\t}()\n\t}\n";
    return s;
  }

  Rng r_;
  GenProgram out_;
  bool usesSync_ = false, usesTime_ = false;
};

// The trace properties; "" when they hold.
std::string checkTrace(const Scheduler& S, const GenProgram& gp) {
  enum class St { Unseen, Created, Running, Syscall, Stopped, Exited };
  std::map<uint32_t, St> st;
  int created = 0;
  for (const TraceEvent& e : S.trace.events()) {
    const uint32_t id = e.g;
    const std::string who = "goroutine " + std::to_string(id) + " " + traceEvName(e.type) + " at " + std::to_string(e.ts) + ": ";
    switch (e.type) {
      case TraceEv::GoCreate:
        if (st.count(id) != 0) return who + "created twice";
        st[id] = St::Created;
        created++;
        break;
      case TraceEv::GoStart:
        if (st.count(id) == 0 && id != 1) return who + "started but never created";
        if (st[id] == St::Running || st[id] == St::Syscall) return who + "started while already running";
        if (st[id] == St::Exited) return who + "started after its exit";
        st[id] = St::Running;
        break;
      case TraceEv::GoStop:
      case TraceEv::GoBlock:
        if (st[id] != St::Running) return who + "stopped while not running";
        st[id] = e.type == TraceEv::GoStop && e.reason == static_cast<uint8_t>(TraceStop::Exit) ? St::Exited : St::Stopped;
        break;
      case TraceEv::SyscallEnter:
        if (st[id] != St::Running) return who + "entered a syscall while not running";
        st[id] = St::Syscall;
        break;
      case TraceEv::SyscallExit:
        if (st[id] != St::Syscall) return who + "left a syscall it was not in";
        st[id] = e.reason == 1 ? St::Running : St::Stopped;
        break;
      case TraceEv::GoUnblock:
        if (st[id] == St::Exited) return who + "unblocked after its exit";
        break;
      default: break;
    }
  }
  if (S.trace.dropped() != 0) return "trace dropped events";
  // Goroutine 1 (main) is created by the scheduler's init; the rest by the program's go statements.
  const int others = created - (st.count(1) != 0 ? 1 : 0);
  if (!gp.dynamicGo && others != gp.goStatements)
    return "created " + std::to_string(others) + " goroutines, the program has " + std::to_string(gp.goStatements) + " go statements";
  if (gp.dynamicGo && others < gp.goStatements) return "fewer goroutines created than go statements";
  for (const auto& g : S.allgs) {
    const std::string name = "goroutine " + std::to_string(g->goid);
    if (g->goid != 1 && g->atomicstatus == _Gwaiting)
      return name + " lost: still waiting (" + waitReasonString(g->waitreason) + ") when main returned";
    const auto it = st.find(static_cast<uint32_t>(g->goid));
    const bool exited = it != st.end() && it->second == St::Exited;
    if (g->atomicstatus == _Gdead && !exited) return name + " dead without an exit";
    if (g->atomicstatus != _Gdead && exited) return name + " exited but not dead";
  }
  return S.checkInvariants();
}

VmOptions vmOpts(int32_t procs, uint64_t seed) {
  VmOptions o;
  o.gomaxprocs = procs;
  o.seed = seed;
  o.trace = true;
  o.maxSteps = 5000000;
  return o;
}

}  // namespace

TEST_CASE("sched property: 1000 random goroutine/channel programs lose no goroutine and print the generator's sums") {
  int withSelect = 0, dynamic = 0, handoffs = 0;
  // GOFAST_PROPERTY_DUMP=dir writes each program and its expected stdout there (to check the
  // generator against real Go: `go run seed_N.go | diff - seed_N.out`).
  const char* dump = std::getenv("GOFAST_PROPERTY_DUMP");
  for (uint64_t seed = 1; seed <= 1000; seed++) {
    const GenProgram gp = Generator(seed).make();
    if (dump != nullptr) {
      std::ofstream(std::string(dump) + "/seed_" + std::to_string(seed) + ".go") << gp.src;
      std::ofstream(std::string(dump) + "/seed_" + std::to_string(seed) + ".out") << gp.expectedStdout;
    }
    withSelect += gp.src.find("select") != std::string::npos ? 1 : 0;
    dynamic += gp.dynamicGo ? 1 : 0;
    const int32_t procs = static_cast<int32_t>(1 + seed % 4);
    const testing::CompiledRun prog = testing::compileOnly(gp.src);
    INFO("seed ", seed, " GOMAXPROCS ", procs, "\n", gp.src);
    REQUIRE_MESSAGE(prog.compiled, prog.errors);
    testing::CompiledRun a = testing::runAgain(prog, vmOpts(procs, seed));
    REQUIRE_MESSAGE(a.res.exitStatus == 0, a.res.stderrText);
    REQUIRE(a.res.stdoutText == gp.expectedStdout);
    const std::string problem = checkTrace(a.vm->scheduler(), gp);
    REQUIRE_MESSAGE(problem.empty(), problem);
    // Same seed, same run: the trace hash replays.
    testing::CompiledRun b = testing::runAgain(prog, vmOpts(procs, seed));
    REQUIRE(b.vm->scheduler().trace.hash() == a.vm->scheduler().trace.hash());
    // Another GOMAXPROCS (and scheduler seed, and for odd seeds a slow 50us write, so that main's
    // prints hand its P off while goroutines still work): another interleaving, the same result.
    const int32_t other = procs == 1 ? 3 : 1;
    VmOptions oc = vmOpts(other, seed + 7);
    if (seed % 2 == 1) oc.writeLatencyNs = 50 * 1000;
    testing::CompiledRun c = testing::runAgain(prog, oc);
    for (const TraceEvent& e : c.vm->scheduler().trace.events()) handoffs += e.type == TraceEv::Handoff ? 1 : 0;
    REQUIRE(c.res.exitStatus == 0);
    REQUIRE(c.res.stdoutText == gp.expectedStdout);
    const std::string problemC = checkTrace(c.vm->scheduler(), gp);
    REQUIRE_MESSAGE(problemC.empty(), problemC);
  }
  // The generator really covers its structures.
  CHECK(withSelect > 300);
  CHECK(dynamic > 100);
  CHECK(handoffs > 100);  // the slow writes did take Ps away from main
}

TEST_CASE("sched property: the trace checker catches a goroutine run twice or lost") {
  const GenProgram gp = Generator(3).make();
  testing::CompiledRun a = testing::compileAndRun(gp.src, vmOpts(2, 3));
  REQUIRE(a.compiled);
  Scheduler& S = a.vm->scheduler();
  REQUIRE(checkTrace(S, gp) == "");
  // A forged goroutine started twice must be reported.
  Trace saved = S.trace;
  TraceEvent ev;
  ev.g = 999;
  ev.type = TraceEv::GoCreate;
  S.trace.record(ev);
  ev.type = TraceEv::GoStart;
  S.trace.record(ev);
  S.trace.record(ev);
  CHECK(checkTrace(S, gp).find("already running") != std::string::npos);
  S.trace = saved;
  // A goroutine left waiting is lost.
  g* victim = nullptr;
  for (const auto& gup : S.allgs)
    if (gup->goid != 1 && gup->atomicstatus == _Gdead) victim = gup.get();
  REQUIRE(victim != nullptr);
  victim->atomicstatus = _Gwaiting;
  CHECK(checkTrace(S, gp).find("lost") != std::string::npos);
  victim->atomicstatus = _Gdead;
}
