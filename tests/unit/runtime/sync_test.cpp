// sync.Mutex and sync.WaitGroup (runtime/sync.h) driven through the scheduler without a VM.
//
// A tiny "program driver" stands in for the VM: each goroutine runs a script of operations (Lock,
// Unlock, Add, Wait, Sleep, go, Print, Work...). Every round the driver polls the scheduler, lets
// each running M execute one operation of its G (an operation that returned Blocked or Spin is
// executed again when the G gets its next turn, as the VM will), then advances the virtual clock by
// one quantum. Expected outputs marked "Go 1.19" come from running the Go program quoted next to
// the test with /usr/lib/go-1.19/bin/go (GOTOOLCHAIN=local GO111MODULE=off), 20 runs, same output.
#include <doctest/doctest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/sync.h"

using namespace gofast::rt;

namespace {

constexpr uint64_t kFn = 0x401000;

enum class K { Lock, Unlock, TryLock, Add, Wait, Sleep, Go, Print, PrintWG, Work, EnterCS, LeaveCS, Gosched };
struct Op {
  K k;
  int obj = 0;        // index into Env::objs
  int64_t n = 0;      // delta / ns / script index
  std::string tag;
};
using Script = std::vector<Op>;

Op Lock(int o) { return {K::Lock, o, 0, ""}; }
Op Unlock(int o) { return {K::Unlock, o, 0, ""}; }
Op Add(int o, int64_t d) { return {K::Add, o, d, ""}; }
Op Done(int o) { return {K::Add, o, -1, "done"}; }
Op Wait(int o) { return {K::Wait, o, 0, ""}; }
Op Sleep(int64_t ns) { return {K::Sleep, 0, ns, ""}; }
Op Go(int script) { return {K::Go, 0, script, ""}; }
Op Print(const std::string& tag, int o = 0) { return {K::Print, o, 0, tag}; }
Op Work(int64_t ns) { return {K::Work, 0, ns, ""}; }
Op EnterCS() { return {K::EnterCS, 0, 0, ""}; }
Op LeaveCS() { return {K::LeaveCS, 0, 0, ""}; }

constexpr int64_t kMs = 1000 * 1000;

struct Env {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  StackAllocator stacks;
  std::unique_ptr<Scheduler> S;
  std::unique_ptr<SyncTable> T;
  g* mainG = nullptr;
  std::vector<Addr> objs;  // Mutexes / WaitGroups, each in its own 16-byte heap object

  explicit Env(int32_t procs = 1, uint64_t seed = 1, int nobjs = 4, int32_t ncpu = kDefaultSyncNCPU)
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as), stacks(heap) {
    REQUIRE(mapped);
    SchedConfig cfg;
    cfg.gomaxprocs = procs;
    cfg.seed = seed;
    cfg.goexitPC = pm.textLo + 0x2000;
    S = std::make_unique<Scheduler>(as, stacks, heap, cfg);
    SyncConfig sc;
    sc.ncpu = ncpu;
    T = std::make_unique<SyncTable>(*S, sc);
    mainG = S->init(kFn);
    REQUIRE(mainG);
    for (int i = 0; i < nobjs; i++) {
      AllocResult r = heap.mallocgc(kWaitGroupSize, nullptr, true);
      REQUIRE(r.ok());
      objs.push_back(r.p);
    }
  }
  m* m0() { return S->m0(); }
};

struct Failure {
  SyncStatus status = SyncStatus::Done;
  int64_t goid = 0;
};

struct Driver {
  Env& e;
  std::vector<Script> scripts;  // 0 = main
  struct GS {
    int script = -1;
    size_t pc = 0;
    int64_t busyUntil = 0;
  };
  std::vector<GS> gs;  // by g.handle - 1
  std::vector<std::string> out;
  Failure failure;
  int inside = 0, maxInside = 0, csCount = 0, spins = 0;
  Addr watch = 0;            // a mutex to watch for starvation mode after every step
  bool sawStarving = false;
  bool mainDone = false;
  int64_t quantum = 1000;  // virtual ns per round
  std::vector<SyncStatus> unlockResults;

  Driver(Env& env, std::vector<Script> s) : e(env), scripts(std::move(s)) { state(e.mainG).script = 0; }

  GS& state(g* gp) {
    if (gs.size() < gp->handle) gs.resize(gp->handle);
    return gs[gp->handle - 1];
  }

  // Runs until main's script ends, a sync failure, or the scheduler stops running.
  RunState run(int64_t maxRounds = 2000000) {
    for (int64_t round = 0; round < maxRounds; round++) {
      PollResult r = e.S->poll();
      if (r.state != RunState::Running) return r.state;
      for (m* mp : e.S->runningMs()) {
        if (!mp->curg || mp->curg->atomicstatus != _Grunning) continue;
        step(mp);
        if (watch && (e.T->mutexState(watch) & mutexStarving) != 0) sawStarving = true;
        if (mainDone || failure.status != SyncStatus::Done) return RunState::Running;
      }
      e.S->advanceClock(quantum);
    }
    FAIL("driver: too many rounds");
    return RunState::Fatal;
  }

  void fail(m* mp, SyncStatus st) {
    failure.status = st;
    failure.goid = mp->curg->goid;
  }

  void step(m* mp) {
    g* gp = mp->curg;
    GS& st = state(gp);
    REQUIRE(st.script >= 0);
    if (e.S->nanotime() < st.busyUntil) return;
    const Script& sc = scripts[static_cast<size_t>(st.script)];
    if (st.pc == sc.size()) {
      if (gp == e.mainG) {
        mainDone = true;
      } else {
        e.S->goexit(mp);
      }
      return;
    }
    const Op& op = sc[st.pc];
    const Addr obj = e.objs[static_cast<size_t>(op.obj)];
    auto handle = [&](SyncResult r) {
      switch (r.status) {
        case SyncStatus::Done:
        case SyncStatus::Yielded: break;
        case SyncStatus::Spin:
          spins++;
          st.busyUntil = e.S->nanotime() + r.costNs;
          return false;
        case SyncStatus::Blocked: return false;
        default: fail(mp, r.status); return false;
      }
      return true;
    };
    switch (op.k) {
      case K::Lock:
        if (handle(e.T->mutexLock(mp, obj))) st.pc++;
        break;
      case K::Unlock: {
        st.pc++;  // before: the G may be switched out (Yielded)
        SyncResult r = e.T->mutexUnlock(mp, obj);
        unlockResults.push_back(r.status);
        if (!handle(r)) st.pc--;
        break;
      }
      case K::TryLock: st.pc++; e.T->mutexTryLock(mp, obj); break;
      case K::Add: {
        SyncResult r = e.T->wgAdd(mp, obj, op.n);
        if (handle(r)) st.pc++;
        break;
      }
      case K::Wait:
        if (handle(e.T->wgWait(mp, obj))) st.pc++;
        break;
      case K::Sleep: st.pc++; e.S->timeSleep(mp, op.n); break;
      case K::Go: {
        st.pc++;
        g* ng = e.S->newproc(mp, kFn, 0, 0);
        REQUIRE(ng);
        state(ng) = GS{static_cast<int>(op.n), 0, 0};
        break;
      }
      case K::Print:
        st.pc++;
        out.push_back(op.tag + " " + std::to_string(e.T->mutexState(obj)));
        break;
      case K::PrintWG: st.pc++; out.push_back(op.tag); break;
      case K::Work: st.pc++; st.busyUntil = e.S->nanotime() + op.n; break;
      case K::EnterCS:
        st.pc++;
        inside++;
        csCount++;
        maxInside = std::max(maxInside, inside);
        break;
      case K::LeaveCS: st.pc++; inside--; break;
      case K::Gosched: st.pc++; e.S->Gosched(mp); break;
    }
  }
};

Op Say(const std::string& tag) { return {K::PrintWG, 0, 0, tag}; }

std::string readFile(const std::string& rel) {
  std::ifstream in(std::string(GOFAST_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "sync.(*Mutex).lockSlow(...)\n\t$GOROOT/src/sync/mutex.go:171\n" lines as in Go's normalized dumps.
std::string frameText(const std::vector<SyncFrame>& fs) {
  std::string s;
  for (const SyncFrame& f : fs) s += std::string(f.func) + "(...)\n\t$GOROOT/" + f.file + ":" + std::to_string(f.line) + "\n";
  return s;
}

}  // namespace

TEST_CASE("sync: Mutex and WaitGroup layouts match unsafe.Sizeof/Alignof in Go 1.19") {
  // Go 1.19: fmt.Println(unsafe.Sizeof(m), unsafe.Alignof(m)) -> "Mutex 8 4", "WaitGroup 16 8".
  CHECK(kMutexSize == 8);
  CHECK(kMutexAlign == 4);
  CHECK(kMutexSemaOff == 4);
  CHECK(kWaitGroupSize == 16);
  CHECK(kWaitGroupAlign == 8);
  CHECK(kWaitGroupState2Off == 8);
  CHECK(mutexLocked == 1);
  CHECK(mutexWoken == 2);
  CHECK(mutexStarving == 4);
  CHECK(mutexWaiterShift == 3);
  CHECK(starvationThresholdNs == 1000000);
}

TEST_CASE("sync: uncontended Lock/Unlock is the fast path on the state word; TryLock") {
  Env e;
  const Addr mu = e.objs[0];
  CHECK(e.T->mutexLock(e.m0(), mu).status == SyncStatus::Done);
  CHECK(e.T->mutexState(mu) == mutexLocked);
  CHECK_FALSE(e.T->mutexTryLock(e.m0(), mu));
  CHECK(e.T->mutexUnlock(e.m0(), mu).status == SyncStatus::Done);
  CHECK(e.T->mutexState(mu) == 0);
  CHECK(e.T->mutexTryLock(e.m0(), mu));
  CHECK(e.T->mutexState(mu) == mutexLocked);
  CHECK(e.T->mutexUnlock(e.m0(), mu).status == SyncStatus::Done);
  CHECK(e.T->sema().totalWaiters() == 0);
  CHECK(e.S->trace.events().size() > 0);
}

TEST_CASE("sync: Unlock of an unlocked mutex is Go's fatal error") {
  // Go 1.19, `var m sync.Mutex; m.Unlock()`:
  //   fatal error: sync: unlock of unlocked mutex
  //   goroutine 1 [running]:
  //   sync.fatal({0x468c10?, 0x461040?})  .../runtime/panic.go:1031
  //   sync.(*Mutex).unlockSlow(0xc00008c000, 0xffffffff)  .../sync/mutex.go:229
  //   sync.(*Mutex).Unlock(...)  .../sync/mutex.go:223
  Env e;
  SyncResult r = e.T->mutexUnlock(e.m0(), e.objs[0]);
  CHECK(r.status == SyncStatus::FatalUnlockOfUnlocked);
  CHECK(syncStatusIsFatal(r.status));
  CHECK_FALSE(syncStatusIsPanic(r.status));
  CHECK(std::string(syncStatusMessage(r.status)) == "sync: unlock of unlocked mutex");
  CHECK(e.T->mutexState(e.objs[0]) == -1);  // unlockSlow sees new = 0xffffffff, as in Go's trace
  CHECK(frameText(syncFailureFrames(r.status, false)) ==
        "sync.fatal(...)\n\t$GOROOT/src/runtime/panic.go:1031\n"
        "sync.(*Mutex).unlockSlow(...)\n\t$GOROOT/src/sync/mutex.go:229\n"
        "sync.(*Mutex).Unlock(...)\n\t$GOROOT/src/sync/mutex.go:223\n");
  // A nil *Mutex is a fault for the VM to turn into its nil-dereference panic.
  CHECK(e.T->mutexLock(e.m0(), 0).status == SyncStatus::Fault);
  CHECK(e.T->wgWait(e.m0(), 8).status == SyncStatus::Fault);
}

TEST_CASE("sync: mutual exclusion with many goroutines on 4 Ps, with spinning and sleeping") {
  for (uint64_t seed : {1ull, 2ull, 3ull, 4ull}) {
    const int32_t procs = seed == 4 ? 1 : 4;
    Env e(procs, seed);
    const int kG = 24, kIters = 20;
    // 0: main; 1: worker.
    Script worker;
    for (int i = 0; i < kIters; i++) {
      worker.push_back(Lock(0));
      worker.push_back(EnterCS());
      worker.push_back(Work(2000 + 500 * (i % 3)));
      if (procs == 1) worker.push_back({K::Gosched, 0, 0, ""});  // one P: yield inside the critical section
      worker.push_back(LeaveCS());
      worker.push_back(Unlock(0));
      worker.push_back(Work(1500));
    }
    worker.push_back(Done(1));
    Script mainS;
    mainS.push_back(Add(1, kG));
    for (int i = 0; i < kG; i++) mainS.push_back(Go(1));
    mainS.push_back(Wait(1));
    Driver d(e, {mainS, worker});
    CHECK(d.run() == RunState::Running);
    CHECK(d.mainDone);
    CHECK(d.failure.status == SyncStatus::Done);
    CHECK(d.maxInside == 1);
    CHECK(d.csCount == kG * kIters);
    CHECK(e.T->mutexState(e.objs[0]) == 0);
    CHECK(e.T->wgState(e.objs[1]) == 0);
    CHECK(e.T->sema().totalWaiters() == 0);
    CHECK(e.T->sema().checkInvariants() == "");
    CHECK(e.S->checkInvariants() == "");
    // Contention really happened: goroutines slept on the mutex's semaphore...
    int semBlocks = 0;
    for (const TraceEvent& ev : e.S->trace.events())
      if (ev.type == TraceEv::GoBlock && ev.reason == static_cast<uint8_t>(waitReason::waitReasonSemacquire)) semBlocks++;
    CHECK(semBlocks > 1);   // besides main's Wait
    if (procs == 1) {
      CHECK(d.spins == 0);  // canSpin: never with GOMAXPROCS=1
      continue;
    }
    CHECK(d.spins > 0);     // and others spun on it (4 Ps: canSpin holds)
    // All four Ps ran workers.
    int starts[4] = {0, 0, 0, 0};
    for (const TraceEvent& ev : e.S->trace.events())
      if (ev.type == TraceEv::GoStart && ev.p < 4) starts[ev.p]++;
    for (int pi = 0; pi < 4; pi++) CHECK(starts[pi] > 0);
  }
}

TEST_CASE("sync: under heavy contention a waiter starves past 1 ms and the mutex enters starvation mode") {
  // 16 goroutines on 4 Ps, each holding the mutex for 40 us and coming back at once: a woken
  // waiter keeps losing to running goroutines until it has waited 1 ms (mutex.go:42-66).
  Env e(4, 7);
  Script worker;
  for (int i = 0; i < 30; i++) {
    worker.push_back(Lock(0));
    worker.push_back(EnterCS());
    worker.push_back(Work(40000));
    worker.push_back(LeaveCS());
    worker.push_back(Unlock(0));
  }
  worker.push_back(Done(1));
  Script mainS = {Add(1, 16)};
  for (int i = 0; i < 16; i++) mainS.push_back(Go(1));
  mainS.push_back(Wait(1));
  Driver d(e, {mainS, worker});
  d.watch = e.objs[0];
  CHECK(d.run() == RunState::Running);
  CHECK(d.mainDone);
  CHECK(d.maxInside == 1);
  CHECK(d.csCount == 16 * 30);
  CHECK(d.sawStarving);
  int yields = 0;
  for (SyncStatus st : d.unlockResults) yields += st == SyncStatus::Yielded ? 1 : 0;
  CHECK(yields > 0);  // starvation-mode Unlocks handed off and yielded
  CHECK(e.T->mutexState(e.objs[0]) == 0);
  CHECK(e.S->checkInvariants() == "");
}

TEST_CASE("sync: canSpin needs GOMAXPROCS > 1, another running P, an empty local runq and < 4 rounds") {
  {
    Env e(1);
    CHECK_FALSE(e.T->canSpin(e.m0(), 0));  // gomaxprocs 1 <= npidle 0 + nmspinning 0 + 1
  }
  {
    Env e(2, 1, 4, /*ncpu=*/1);
    CHECK_FALSE(e.T->canSpin(e.m0(), 0));  // ncpu <= 1
  }
  Env e(2);
  // P1 is idle: 2 <= 1 + 0 + 1, no spinning.
  CHECK(e.S->sched.npidle == 1);
  CHECK_FALSE(e.T->canSpin(e.m0(), 0));
  // Start a second goroutine and let the scheduler give it to the other P.
  g* other = e.S->newproc(e.m0(), kFn, 0, 0);
  for (int i = 0; i < 10 && e.S->runningMs().size() < 2; i++) e.S->poll();
  REQUIRE(e.S->runningMs().size() == 2);
  REQUIRE(other->atomicstatus == _Grunning);
  CHECK(e.T->canSpin(e.m0(), 0));
  CHECK(e.T->canSpin(e.m0(), active_spin - 1));
  CHECK_FALSE(e.T->canSpin(e.m0(), active_spin));
  // Something in the local run queue: no spinning.
  e.S->newproc(e.m0(), kFn, 0, 0);
  CHECK_FALSE(e.T->canSpin(e.m0(), 0));
}

TEST_CASE("sync: a contended Lock spins (costing virtual time) and sets mutexWoken before it sleeps") {
  Env e(2);
  const Addr mu = e.objs[0];
  g* holder = e.S->newproc(e.m0(), kFn, 0, 0);
  for (int i = 0; i < 10 && e.S->runningMs().size() < 2; i++) e.S->poll();
  REQUIRE(holder->atomicstatus == _Grunning);
  m* hm = holder->m;
  REQUIRE(hm != e.m0());
  CHECK(e.T->mutexLock(hm, mu).status == SyncStatus::Done);
  // main: four spins (locked, not starving, canSpin), each costing kDoSpinNs; then it sleeps.
  int spins = 0;
  for (;;) {
    SyncResult r = e.T->mutexLock(e.m0(), mu);
    if (r.status != SyncStatus::Spin) {
      CHECK(r.status == SyncStatus::Blocked);
      break;
    }
    CHECK(r.costNs == kDoSpinNs);
    CHECK(e.T->blockedIn(e.mainG) == SyncOp::MutexLock);
    spins++;
    REQUIRE(spins <= active_spin);
  }
  CHECK(spins == active_spin);
  CHECK(e.T->mutexState(mu) == (mutexLocked | (1 << mutexWaiterShift)));
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  // A second waiter spins while one sleeps: it sets mutexWoken so Unlock will not wake the sleeper.
  g* third = e.S->newproc(hm, kFn, 0, 0);
  (void)third;
  // (m0 is idle now; let the scheduler run the new G.)
  for (int i = 0; i < 10 && !(third->atomicstatus == _Grunning && third->m != hm); i++) e.S->poll();
  if (third->atomicstatus == _Grunning && third->m != hm) {
    SyncResult r = e.T->mutexLock(third->m, mu);
    CHECK(r.status == SyncStatus::Spin);
    CHECK((e.T->mutexState(mu) & mutexWoken) != 0);
    // The holder unlocks: a waiter exists but mutexWoken is set, so nobody is woken.
    CHECK(e.T->mutexUnlock(hm, mu).status == SyncStatus::Done);
    CHECK(e.mainG->atomicstatus == _Gwaiting);
    // The spinner takes the lock at its next turn and clears mutexWoken.
    CHECK(e.T->mutexLock(third->m, mu).status == SyncStatus::Done);
    CHECK(e.T->mutexState(mu) == (mutexLocked | (1 << mutexWaiterShift)));
  } else {
    FAIL("third goroutine did not start on another M");
  }
}

TEST_CASE("sync: waiters are woken FIFO (Go 1.19 order)") {
  // Go 1.19, GOMAXPROCS=1:
  //   mu.Lock(); for i := 1..5 { wg.Add(1); go func(id) { defer wg.Done(); fmt.Println("blocking", id);
  //   mu.Lock(); fmt.Println("locked", id); mu.Unlock() }(i) }; time.Sleep(10ms);
  //   fmt.Println("unlock"); mu.Unlock(); wg.Wait()
  // prints blocking 5 1 2 3 4, unlock, locked 5 1 2 3 4.
  Env e(1);
  std::vector<Script> scripts(1);
  scripts[0].push_back(Lock(0));
  for (int i = 1; i <= 5; i++) {
    scripts[0].push_back(Add(1, 1));
    scripts[0].push_back(Go(i));
    scripts.push_back({Say("blocking " + std::to_string(i)), Lock(0), Say("locked " + std::to_string(i)), Unlock(0), Done(1)});
  }
  scripts[0].push_back(Sleep(10 * kMs));
  scripts[0].push_back(Say("unlock"));
  scripts[0].push_back(Unlock(0));
  scripts[0].push_back(Wait(1));
  Driver d(e, scripts);
  CHECK(d.run() == RunState::Running);
  CHECK(d.mainDone);
  const std::vector<std::string> want = {"blocking 5", "blocking 1", "blocking 2", "blocking 3", "blocking 4", "unlock",
                                         "locked 5",   "locked 1",   "locked 2",   "locked 3",   "locked 4"};
  CHECK(d.out == want);
}

TEST_CASE("sync: a newcomer steals the released unit; the woken G queues again behind it (Go 1.19)") {
  // Go 1.19, GOMAXPROCS=1 (state = *(*int32)(unsafe.Pointer(&mu))):
  //   mu.Lock(); wg.Add(2); go g2 { defer wg.Done(); mu.Lock(); Println("g2 locked", state); mu.Unlock() }
  //   time.Sleep(2ms); mu.Unlock(); Println("main unlocked", state); mu.Lock(); Println("main relocked", state)
  //   go g3 { defer wg.Done(); Println("g3 locking", state); mu.Lock(); Println("g3 locked", state);
  //           mu.Unlock(); Println("g3 unlocked", state) }
  //   time.Sleep(1ms); Println("main unlocks", state); mu.Unlock(); Println("main after unlock", state); wg.Wait()
  // prints: main unlocked 2, main relocked 3, g3 locking 3, main unlocks 17, main after unlock 10,
  //         g3 locked 9, g3 unlocked 2, g2 locked 1
  Env e(1);
  Script g2 = {Lock(0), Print("g2 locked"), Unlock(0), Done(1)};
  Script g3 = {Print("g3 locking"), Lock(0), Print("g3 locked"), Unlock(0), Print("g3 unlocked"), Done(1)};
  Script mainS = {Lock(0), Add(1, 2), Go(1), Sleep(2 * kMs), Unlock(0), Print("main unlocked"), Lock(0),
                  Print("main relocked"), Go(2), Sleep(1 * kMs), Print("main unlocks"), Unlock(0),
                  Print("main after unlock"), Wait(1)};
  Driver d(e, {mainS, g2, g3});
  CHECK(d.run() == RunState::Running);
  CHECK(d.mainDone);
  const std::vector<std::string> want = {"main unlocked 2", "main relocked 3",      "g3 locking 3", "main unlocks 17",
                                         "main after unlock 10", "g3 locked 9", "g3 unlocked 2", "g2 locked 1"};
  CHECK(d.out == want);
}

TEST_CASE("sync: starvation mode after 1 ms; newcomers queue; Unlock hands off and yields (Go 1.19)") {
  // Go 1.19, GOMAXPROCS=1, same helpers as above:
  //   mu.Lock(); wg.Add(2); go g2 { defer wg.Done(); mu.Lock(); Println("g2 locked", state); mu.Unlock();
  //                                 Println("g2 unlocked", state) }
  //   time.Sleep(2ms); mu.Unlock(); Println("main unlocked", state); mu.Lock(); Println("main relocked", state)
  //   time.Sleep(1ms); Println("main woke", state)
  //   go g3 { defer wg.Done(); Println("g3 locking", state); mu.Lock(); Println("g3 locked", state);
  //           mu.Unlock(); Println("g3 unlocked", state) }
  //   time.Sleep(1ms); Println("main unlocks", state); mu.Unlock(); Println("main after unlock", state); wg.Wait()
  // prints: main unlocked 2, main relocked 3, main woke 13, g3 locking 13, main unlocks 21, g2 locked 13,
  //         g3 locked 1, g3 unlocked 0, main after unlock 0, g2 unlocked 0
  // (13 = locked|starving|1 waiter: g2 waited 2 ms > 1 ms and found the mutex locked again; 21: g3
  // queued without grabbing; main's Unlock handed the mutex to g2 and yielded, so g2 ran before main
  // printed; g3, the last waiter, left starvation mode.)
  Env e(1);
  Script g2 = {Lock(0), Print("g2 locked"), Unlock(0), Print("g2 unlocked"), Done(1)};
  Script g3 = {Print("g3 locking"), Lock(0), Print("g3 locked"), Unlock(0), Print("g3 unlocked"), Done(1)};
  Script mainS = {Lock(0),          Add(1, 2),          Go(1),          Sleep(2 * kMs), Unlock(0),
                  Print("main unlocked"), Lock(0),      Print("main relocked"), Sleep(1 * kMs),
                  Print("main woke"), Go(2),            Sleep(1 * kMs), Print("main unlocks"), Unlock(0),
                  Print("main after unlock"), Wait(1)};
  Driver d(e, {mainS, g2, g3});
  CHECK(d.run() == RunState::Running);
  CHECK(d.mainDone);
  const std::vector<std::string> want = {"main unlocked 2", "main relocked 3", "main woke 13", "g3 locking 13",
                                         "main unlocks 21", "g2 locked 13", "g3 locked 1", "g3 unlocked 0",
                                         "main after unlock 0", "g2 unlocked 0"};
  CHECK(d.out == want);
  // The two starvation-mode Unlocks (main's and g2's) handed off and yielded.
  int yields = 0;
  for (SyncStatus s : d.unlockResults) yields += s == SyncStatus::Yielded ? 1 : 0;
  CHECK(yields == 2);
}

TEST_CASE("sync: WaitGroup wakes every waiter at zero; with one P the last released runs first (Go 1.19)") {
  // Go 1.19, GOMAXPROCS=1:
  //   wg.Add(1); for i := 1..4 { done.Add(1); go func(id) { defer done.Done(); Println("waiting", id);
  //   wg.Wait(); Println("woken", id) }(i) }; time.Sleep(10ms); Println("done"); wg.Done(); done.Wait()
  // prints waiting 4 1 2 3, done, woken 3 4 1 2.
  Env e(1);
  std::vector<Script> scripts(1);
  scripts[0].push_back(Add(0, 1));
  for (int i = 1; i <= 4; i++) {
    scripts[0].push_back(Add(1, 1));
    scripts[0].push_back(Go(i));
    scripts.push_back({Say("waiting " + std::to_string(i)), Wait(0), Say("woken " + std::to_string(i)), Done(1)});
  }
  scripts[0].push_back(Sleep(10 * kMs));
  scripts[0].push_back(Say("done"));
  scripts[0].push_back(Done(0));
  scripts[0].push_back(Wait(1));
  Driver d(e, scripts);
  // Before the Done: 4 waiters recorded in the low word, counter 1 in the high word.
  CHECK(d.run() == RunState::Running);
  CHECK(d.mainDone);
  const std::vector<std::string> want = {"waiting 4", "waiting 1", "waiting 2", "waiting 3", "done",
                                         "woken 3",   "woken 4",   "woken 1",   "woken 2"};
  CHECK(d.out == want);
  CHECK(e.T->wgState(e.objs[0]) == 0);
}

TEST_CASE("sync: WaitGroup state word counts counter<<32 | waiters") {
  Env e(1);
  const Addr wg = e.objs[0];
  CHECK(e.T->wgAdd(e.m0(), wg, 3).status == SyncStatus::Done);
  CHECK(e.T->wgState(wg) == (uint64_t{3} << 32));
  g* other = e.S->newproc(e.m0(), kFn, 0, 0);
  CHECK(e.T->wgWait(e.m0(), wg).status == SyncStatus::Blocked);
  CHECK(e.T->blockedIn(e.mainG) == SyncOp::WaitGroupWait);
  REQUIRE(e.m0()->curg == other);
  CHECK(e.T->wgState(wg) == ((uint64_t{3} << 32) | 1));
  CHECK(e.T->wgDone(e.m0(), wg).status == SyncStatus::Done);
  CHECK(e.T->wgDone(e.m0(), wg).status == SyncStatus::Done);
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(e.T->wgDone(e.m0(), wg).status == SyncStatus::Done);
  CHECK(e.T->wgState(wg) == 0);
  CHECK(e.mainG->atomicstatus == _Grunnable);
  e.S->goexit(e.m0());
  REQUIRE(e.m0()->curg == e.mainG);
  CHECK(e.T->wgWait(e.m0(), wg).status == SyncStatus::Done);  // the same call again completes
  CHECK(e.T->blockedIn(e.mainG) == SyncOp::None);
  CHECK(e.T->wgWait(e.m0(), wg).status == SyncStatus::Done);  // counter 0: no wait at all
}

TEST_CASE("sync: negative WaitGroup counter panics") {
  // Go 1.19, `var wg sync.WaitGroup; wg.Done()`:
  //   panic: sync: negative WaitGroup counter
  //   sync.(*WaitGroup).Add(0x45ce80?, 0xc0000061a0?)  .../sync/waitgroup.go:83
  //   sync.(*WaitGroup).Done(...)  .../sync/waitgroup.go:108
  Env e;
  SyncResult r = e.T->wgDone(e.m0(), e.objs[0]);
  CHECK(r.status == SyncStatus::PanicNegativeCounter);
  CHECK(syncStatusIsPanic(r.status));
  CHECK(std::string(syncStatusMessage(r.status)) == "sync: negative WaitGroup counter");
  CHECK(frameText(syncFailureFrames(r.status, true)) ==
        "sync.(*WaitGroup).Add(...)\n\t$GOROOT/src/sync/waitgroup.go:83\n"
        "sync.(*WaitGroup).Done(...)\n\t$GOROOT/src/sync/waitgroup.go:108\n");
  CHECK(e.T->wgAdd(e.m0(), e.objs[1], -5).status == SyncStatus::PanicNegativeCounter);
}

TEST_CASE("sync: Add before a released Wait has returned panics in the waiter (Go 1.19)") {
  // Go 1.19, GOMAXPROCS=1: wg.Add(1); go func() { wg.Wait() }(); time.Sleep(1ms); wg.Done(); wg.Add(1);
  // time.Sleep(1ms) -> "panic: sync: WaitGroup is reused before previous Wait has returned" in
  // goroutine 5 [running]: sync.(*WaitGroup).Wait(...) .../sync/waitgroup.go:141.
  Env e(1);
  Script waiter = {Wait(0)};
  Script mainS = {Add(0, 1), Go(1), Sleep(1 * kMs), Done(0), Add(0, 1), Sleep(1 * kMs)};
  Driver d(e, {mainS, waiter});
  d.run();
  CHECK(d.failure.status == SyncStatus::PanicReused);
  CHECK(d.failure.goid != 1);
  CHECK(std::string(syncStatusMessage(d.failure.status)) == "sync: WaitGroup is reused before previous Wait has returned");
  CHECK(frameText(syncFailureFrames(d.failure.status, false)) ==
        "sync.(*WaitGroup).Wait(...)\n\t$GOROOT/src/sync/waitgroup.go:141\n");
}

TEST_CASE("sync: deadlock on a Mutex: poll reports Deadlock and the dump frames match go-corpus/42") {
  Env e(2);
  Script mainS = {Lock(0), Lock(0)};  // Lock is not reentrant
  Driver d(e, {mainS});
  CHECK(d.run() == RunState::Deadlock);
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "semacquire");
  CHECK(e.T->blockedIn(e.mainG) == SyncOp::MutexLock);
  const std::string expected = readFile("tests/golden/go-corpus/42_deadlock_mutex/expected_stderr_normalized.txt");
  REQUIRE_FALSE(expected.empty());
  const std::string dump = "goroutine 1 [" + std::string(waitReasonString(e.mainG->waitreason)) + "]:\n" +
                           frameText(syncBlockedFrames(e.T->blockedIn(e.mainG)));
  CHECK(expected.find(dump) != std::string::npos);
  CHECK(e.T->sema().totalWaiters() == 1);
}

TEST_CASE("sync: deadlock on a WaitGroup: poll reports Deadlock and the dump frames match go-corpus/45") {
  Env e(4);
  Script worker = {Done(0)};
  Script mainS = {Add(0, 3), Go(1), Go(1), Wait(0)};
  Driver d(e, {mainS, worker});
  CHECK(d.run() == RunState::Deadlock);
  CHECK(e.T->blockedIn(e.mainG) == SyncOp::WaitGroupWait);
  CHECK(e.T->wgState(e.objs[0]) == ((uint64_t{1} << 32) | 1));
  const std::string expected = readFile("tests/golden/go-corpus/45_deadlock_waitgroup/expected_stderr_normalized.txt");
  REQUIRE_FALSE(expected.empty());
  const std::string dump = "goroutine 1 [" + std::string(waitReasonString(e.mainG->waitreason)) + "]:\n" +
                           frameText(syncBlockedFrames(e.T->blockedIn(e.mainG)));
  CHECK(expected.find(dump) != std::string::npos);
  // Inlined frames are flagged (Go prints "(...)" for them even in raw tracebacks).
  std::vector<SyncFrame> mf = syncBlockedFrames(SyncOp::MutexLock);
  REQUIRE(mf.size() == 3);
  CHECK(mf[2].inlined);
  CHECK_FALSE(mf[0].inlined);
  CHECK(syncBlockedFrames(SyncOp::None).empty());
}

TEST_CASE("sync: same seed, same trace hash; the program is deterministic on 4 Ps") {
  auto runOnce = [](uint64_t seed) {
    Env e(4, seed);
    Script worker;
    for (int i = 0; i < 10; i++) {
      worker.push_back(Lock(0));
      worker.push_back(Work(3000));
      worker.push_back(Unlock(0));
      worker.push_back(Work(1000 + 700 * (i % 4)));
    }
    worker.push_back(Done(1));
    Script mainS = {Add(1, 12)};
    for (int i = 0; i < 12; i++) mainS.push_back(Go(1));
    mainS.push_back(Wait(1));
    Driver d(e, {mainS, worker});
    REQUIRE(d.run() == RunState::Running);
    REQUIRE(d.mainDone);
    return std::make_pair(e.S->trace.hash(), e.S->nanotime());
  };
  const auto a = runOnce(11);
  CHECK(a == runOnce(11));
  CHECK(a.second > 0);
  const auto b = runOnce(12);
  CHECK(b == runOnce(12));
}
