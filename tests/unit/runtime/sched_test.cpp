// One test per scheduler rule (runtime/sched.h), plus a seeded property test.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "runtime/sched.h"

using namespace gofast::rt;

namespace {

constexpr uint64_t kFnPC = 0x401000;

struct SchedEnv {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  StackAllocator stacks;
  std::unique_ptr<Scheduler> S;
  g* mainG = nullptr;

  explicit SchedEnv(int32_t procs = 1, uint64_t seed = 1, bool trace = true)
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as), stacks(heap) {
    REQUIRE(mapped);
    SchedConfig cfg;
    cfg.gomaxprocs = procs;
    cfg.seed = seed;
    cfg.goexitPC = pm.textLo + 0x2000;
    cfg.mainStackLo = pm.mainStackLo;
    cfg.mainStackHi = pm.mainStackHi;
    cfg.trace = trace;
    S = std::make_unique<Scheduler>(as, stacks, heap, cfg);
    mainG = S->init(kFnPC);
    REQUIRE(mainG);
  }
  m* m0() { return S->m0(); }
  p* P(int i) { return S->allp[i].get(); }
  // A runnable G created on m0's P without waking anyone, then taken out of the queues.
  g* detachedG() {
    const bool started = S->mainStarted;
    S->mainStarted = false;
    g* gp = S->newproc(m0(), kFnPC + 0x40, 0, kFnPC + 8);
    S->mainStarted = started;
    REQUIRE(m0()->pp->runnext == gp);
    m0()->pp->runnext = nullptr;
    return gp;
  }
  // Park the current G of mp without scheduling (test setup: leaves mp with its P and no G).
  void detachCurrent(m* mp) {
    g* gp = mp->curg;
    S->casgstatus(gp, _Grunning, _Gwaiting);
    gp->m = nullptr;
    mp->curg = nullptr;
  }
  // A fake running M holding pp (tests that need busy Ps without running a whole program).
  m* fakeM(p* pp) {
    S->allm.push_back(std::make_unique<m>());
    m* mp = S->allm.back().get();
    mp->id = S->sched.mnext++;
    mp->state = MState::Running;
    REQUIRE(S->sched.pidle != nullptr);
    // take pp off the idle list
    p** link = &S->sched.pidle;
    while (*link && *link != pp) link = &(*link)->link;
    REQUIRE(*link == pp);
    *link = pp->link;
    pp->link = nullptr;
    S->sched.npidle--;
    S->acquirep(mp, pp);
    return mp;
  }
};

}  // namespace

TEST_CASE("sched: G status names, Go's traceback strings and the legal transition table") {
  CHECK(std::string(gStatusName(_Gidle)) == "_Gidle");
  CHECK(std::string(gStatusName(_Gpreempted)) == "_Gpreempted");
  CHECK(std::string(gStatusName(_Gscanwaiting)) == "_Gscanwaiting");
  CHECK(std::string(gStatusString(_Gwaiting)) == "waiting");
  CHECK(std::string(gStatusString(_Gscanrunning)) == "running");
  CHECK(_Gscan == 0x1000);
  CHECK(std::string(waitReasonString(waitReason::waitReasonChanReceive)) == "chan receive");
  CHECK(std::string(waitReasonString(waitReason::waitReasonSelectNoCases)) == "select (no cases)");
  CHECK(std::string(waitReasonString(waitReason::waitReasonChanReceiveNilChan)) == "chan receive (nil chan)");
  CHECK(std::string(waitReasonString(waitReason::waitReasonSemacquire)) == "semacquire");
  CHECK(std::string(waitReasonString(waitReason::waitReasonSleep)) == "sleep");
  // Legal
  CHECK(legalGStatusTransition(_Gidle, _Gdead));
  CHECK(legalGStatusTransition(_Gdead, _Grunnable));
  CHECK(legalGStatusTransition(_Grunnable, _Grunning));
  CHECK(legalGStatusTransition(_Grunning, _Gwaiting));
  CHECK(legalGStatusTransition(_Gwaiting, _Grunnable));
  CHECK(legalGStatusTransition(_Grunning, _Gsyscall));
  CHECK(legalGStatusTransition(_Gsyscall, _Grunnable));
  CHECK(legalGStatusTransition(_Grunning, _Gcopystack));
  CHECK(legalGStatusTransition(_Gpreempted, _Gwaiting));
  // Illegal: a dead G never runs without being made runnable; nothing goes back to idle; no self loops.
  CHECK_FALSE(legalGStatusTransition(_Gdead, _Grunning));
  CHECK_FALSE(legalGStatusTransition(_Gwaiting, _Gdead));
  CHECK_FALSE(legalGStatusTransition(_Grunnable, _Gwaiting));
  CHECK_FALSE(legalGStatusTransition(_Grunning, _Gidle));
  CHECK_FALSE(legalGStatusTransition(_Grunning, _Grunning));
  CHECK_FALSE(legalGStatusTransition(_Gidle, _Grunnable));
}

TEST_CASE("sched: init makes goroutine 1 running on m0/P0 with a 2 KiB stack and a fake goexit return") {
  SchedEnv e(4);
  Scheduler& S = *e.S;
  g* gp = e.mainG;
  CHECK(gp->goid == 1);
  CHECK(gp->atomicstatus == _Grunning);
  CHECK(e.m0()->curg == gp);
  CHECK(e.m0()->pp == e.P(0));
  CHECK(e.P(0)->status == _Prunning);
  CHECK(S.sched.npidle == 3);
  CHECK(gp->stack.size() == _StackMin);
  CHECK(gp->stackguard0 == gp->stack.lo + 928);
  CHECK(e.heap.inArena(gp->stack.lo));
  CHECK(gp->sched.sp == gp->stack.hi - 32 - 8);
  uint64_t ret = 0;
  CHECK(e.as.readU64(gp->sched.sp, ret).ok());
  CHECK(ret == S.cfg.goexitPC + 1);
  CHECK(gp->sched.pc == kFnPC);
  CHECK(S.gByHandle(gp->sched.g) == gp);
  CHECK(S.allm.size() == 2);  // m0 and sysmon
  CHECK(S.allm[0]->g0stack.hi == e.pm.mainStackHi);
  CHECK(S.allm[1]->g0stack.size() == 8192);
  CHECK(S.NumGoroutine() == 1);
  CHECK(stackPreempt == 0xfffffffffffffadeull);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: newproc puts the new G in runnext and kicks the old runnext to the tail") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  p* pp = e.P(0);
  g* a = S.newproc(e.m0(), kFnPC, 0, 0);
  CHECK(pp->runnext == a);
  CHECK(pp->runqsize() == 0);
  g* b = S.newproc(e.m0(), kFnPC, 0, 0);
  CHECK(pp->runnext == b);
  CHECK(pp->runqsize() == 1);
  CHECK(pp->runq[pp->runqhead % kRunqSize] == a);
  CHECK(a->atomicstatus == _Grunnable);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: a G readied by the running G runs next and inherits the time slice") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  p* pp = e.P(0);
  g* other = S.newproc(mp, kFnPC, 0, 0);
  g* filler = S.newproc(mp, kFnPC, 0, 0);  // other goes to the ring's tail, filler is runnext
  (void)filler;
  const uint32_t tick0 = pp->schedtick;
  // main parks: filler (runnext) runs with the inherited slice: schedtick unchanged.
  S.gopark(mp, waitReason::waitReasonChanReceive);
  CHECK(mp->curg == filler);
  CHECK(pp->schedtick == tick0);
  // filler readies main, which takes runnext ahead of `other` in the ring, then filler blocks.
  S.goready(mp, e.mainG);
  CHECK(pp->runnext == e.mainG);
  S.gopark(mp, waitReason::waitReasonChanSend);
  CHECK(mp->curg == e.mainG);
  CHECK(pp->schedtick == tick0);  // inherited again
  // main blocks with nothing in runnext: `other` comes from the ring with a new slice.
  S.gopark(mp, waitReason::waitReasonChanReceive);
  CHECK(mp->curg == other);
  CHECK(pp->schedtick == tick0 + 1);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: a full 256-slot ring moves half of it plus the new G (129) to the global queue") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  p* pp = e.P(0);
  for (int i = 0; i < 257; i++) S.newproc(e.m0(), kFnPC, 0, 0);  // 1 in runnext, 256 in the ring
  CHECK(pp->runqsize() == 256);
  CHECK(S.sched.runqsize == 0);
  g* first = pp->runq[pp->runqhead % kRunqSize];
  S.newproc(e.m0(), kFnPC, 0, 0);
  CHECK(pp->runqsize() == 128);
  CHECK(S.sched.runqsize == 129);
  CHECK(S.sched.runq.head == first);  // the oldest half goes first, in order
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: every 61st schedtick findRunnable takes the global queue before the local one") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  p* pp = e.P(0);
  g* local = e.detachedG();
  g* global = e.detachedG();
  e.detachCurrent(mp);
  S.runqput(pp, local, false);
  S.globrunqput(global);
  bool inherit = true;
  pp->schedtick = 60;
  CHECK(S.findRunnable(mp, &inherit) == local);
  CHECK_FALSE(inherit);
  S.runqput(pp, local, false);
  pp->schedtick = 61;
  CHECK(S.findRunnable(mp, &inherit) == global);
  pp->schedtick = 122;
  S.globrunqput(global);
  CHECK(S.findRunnable(mp, &inherit) == global);
}

TEST_CASE("sched: globrunqget takes min(len/GOMAXPROCS+1, max, 128) and keeps the extra locally") {
  SchedEnv e(4);
  Scheduler& S = *e.S;
  p* pp = e.P(0);
  std::vector<g*> gs;
  for (int i = 0; i < 20; i++) gs.push_back(e.detachedG());
  for (g* gp : gs) S.globrunqput(gp);
  g* got = S.globrunqget(pp, 0);
  CHECK(got == gs[0]);
  CHECK(pp->runqsize() == 5);  // 20/4+1 = 6: one returned, five into the ring
  CHECK(S.sched.runqsize == 14);
  CHECK(S.globrunqget(pp, 1) == gs[6]);  // max 1
  CHECK(pp->runqsize() == 5);
  // A large global queue is capped at half the ring.
  SchedEnv e1(1);
  for (int i = 0; i < 300; i++) e1.S->globrunqput(e1.detachedG());
  e1.S->globrunqget(e1.P(0), 0);
  CHECK(e1.P(0)->runqsize() == 127);
  CHECK(e1.S->sched.runqsize == 300 - 128);
}

TEST_CASE("sched: stealing takes half of a victim's ring; only the last pass takes runnext") {
  SchedEnv e(2);
  Scheduler& S = *e.S;
  p* p0 = e.P(0);
  p* p1 = e.P(1);
  std::vector<g*> gs;
  for (int i = 0; i < 9; i++) gs.push_back(e.detachedG());
  for (g* gp : gs) S.runqput(p0, gp, false);
  g* got = S.runqsteal(p1, p0, false);
  CHECK(got == gs[4]);               // 9 - 9/2 = 5 stolen, the last one is returned to run
  CHECK(p1->runqsize() == 4);
  CHECK(p0->runqsize() == 4);
  // Runnext is only stolen when the ring is empty and the caller asks (stealTimersOrRunNextG).
  SchedEnv e2(2);
  g* rn = e2.detachedG();
  e2.P(0)->runnext = rn;
  CHECK(e2.S->runqsteal(e2.P(1), e2.P(0), false) == nullptr);
  CHECK(e2.S->runqsteal(e2.P(1), e2.P(0), true) == rn);
  CHECK(e2.P(0)->runnext == nullptr);
}

TEST_CASE("sched: an idle M steals only while 2*nmspinning < busy Ps") {
  SchedEnv e(4);
  Scheduler& S = *e.S;
  S.mainStarted = false;
  m* mA = e.fakeM(e.P(1));
  m* mB = e.fakeM(e.P(2));
  m* mC = e.fakeM(e.P(3));
  CHECK(S.sched.npidle == 0);
  for (int i = 0; i < 4; i++) S.runqput(e.P(2), e.detachedG(), false);
  mB->spinning = mC->spinning = true;  // pretend two Ms are already spinning
  S.sched.nmspinning = 2;
  bool inherit = false;
  CHECK(S.findRunnable(mA, &inherit) == nullptr);  // 2*2 < 4-0 is false: no stealing
  CHECK(mA->state == MState::Idle);
  CHECK(mA->pp == nullptr);
  CHECK(e.P(1)->status == _Pidle);
  CHECK(e.P(2)->runqsize() == 4);
  // With one spinning M, 2*1 < 4-1: it steals half.
  mC->spinning = false;
  S.sched.nmspinning = 1;
  S.mget();
  REQUIRE(S.pidleget() == e.P(1));
  mA->state = MState::Running;
  S.acquirep(mA, e.P(1));
  g* got = S.findRunnable(mA, &inherit);
  CHECK(got != nullptr);
  CHECK(mA->spinning);
  CHECK(e.P(2)->runqsize() == 2);
}

TEST_CASE("sched: wakep starts a spinning M only if a P is idle and nobody spins") {
  SchedEnv e(2);
  Scheduler& S = *e.S;
  g* gp = S.newproc(e.m0(), kFnPC, 0, 0);  // mainStarted: wakep -> a new M with P1, spinning
  CHECK(S.sched.nmspinning == 1);
  CHECK(S.allm.size() == 3);
  S.newproc(e.m0(), kFnPC, 0, 0);  // someone spins already: no second M
  CHECK(S.allm.size() == 3);
  PollResult r = S.poll();  // the new M runs: steals from P0 (ring first, runnext only on pass 4)
  CHECK(r.state == RunState::Running);
  CHECK(S.allm[2]->curg == gp);
  CHECK(S.sched.nmspinning == 0);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: Gosched puts the G on the global queue") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  g* other = S.newproc(e.m0(), kFnPC, 0, 0);
  e.P(0)->schedtick = 1;  // not a multiple of 61 (main started with schedtick 0: it inherited)
  S.Gosched(e.m0());
  CHECK(e.m0()->curg == other);
  CHECK(S.sched.runqsize == 1);
  CHECK(S.sched.runq.head == e.mainG);
  CHECK(e.mainG->atomicstatus == _Grunnable);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: gfput moves free Gs to the global list at 64 (keeping 31); gfget refills 32") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  p* pp = e.P(0);
  std::vector<g*> dead;
  for (int i = 0; i < 64; i++) {
    g* gp = e.detachedG();
    gp->atomicstatus = _Gdead;  // test setup
    dead.push_back(gp);
  }
  for (int i = 0; i < 63; i++) S.gfput(pp, dead[i]);
  CHECK(pp->gFree.n == 63);
  CHECK(S.sched.gFree.n == 0);
  S.gfput(pp, dead[63]);
  CHECK(pp->gFree.n == 31);
  CHECK(S.sched.gFree.n == 33);
  for (int i = 0; i < 31; i++) CHECK(S.gfget(pp) != nullptr);
  CHECK(pp->gFree.n == 0);
  g* gp = S.gfget(pp);  // refill: 32 from the global list, one handed out
  CHECK(gp != nullptr);
  CHECK(pp->gFree.n == 31);
  CHECK(S.sched.gFree.n == 1);
  // A reused G keeps its 2 KiB stack and gets a fresh goid from newproc.
  CHECK(gp->stack.size() == _StackMin);
}

TEST_CASE("sched: goids come from per-P batches of 16; main is goroutine 1") {
  SchedEnv e(2);
  Scheduler& S = *e.S;
  CHECK(e.mainG->goid == 1);  // P0's first batch is 1..16
  g* g2 = S.newproc(e.m0(), kFnPC, 0, 0);
  CHECK(g2->goid == 2);
  PollResult r = S.poll();  // a spinning M takes P1 and steals g2
  REQUIRE(r.state == RunState::Running);
  m* m2 = S.allm[2].get();
  REQUIRE(m2->curg == g2);
  REQUIRE(m2->pp == e.P(1));
  g* onP1 = S.newproc(m2, kFnPC, 0, 0);
  CHECK(onP1->goid == 17);  // P1's first batch: 17..32
  std::vector<int64_t> ids;
  for (int i = 0; i < 15; i++) ids.push_back(S.newproc(e.m0(), kFnPC, 0, 0)->goid);
  CHECK(ids.front() == 3);
  CHECK(ids[13] == 16);
  CHECK(ids[14] == 33);  // P0's second batch
  CHECK(S.newproc(m2, kFnPC, 0, 0)->goid == 18);
}

TEST_CASE("sched: sysmon hands a P off from a syscall after a whole 20us tick") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  g* worker = S.newproc(mp, kFnPC, 0, 0);
  const int64_t t0 = S.nanotime();
  S.entersyscall(mp, 5 * 1000 * 1000);
  CHECK(e.mainG->atomicstatus == _Gsyscall);
  CHECK(e.P(0)->status == _Psyscall);
  CHECK(mp->pp == nullptr);
  PollResult r = S.poll();
  REQUIRE(r.state == RunState::Running);
  CHECK(worker->atomicstatus == _Grunning);
  CHECK(worker->m != mp);
  CHECK(worker->m->pp == e.P(0));
  int64_t handoffAt = -1;
  for (const TraceEvent& ev : S.trace.events())
    if (ev.type == TraceEv::Handoff) handoffAt = static_cast<int64_t>(ev.ts);
  CHECK(handoffAt - t0 >= kSysmonMinDelayNS);
  CHECK(handoffAt - t0 <= 2 * kSysmonMinDelayNS);
  // The syscall returns after 5ms: its P is gone and none is idle, so main goes global; M0 stops.
  S.advanceClock(5 * 1000 * 1000);
  r = S.poll();
  CHECK(e.mainG->atomicstatus == _Grunnable);
  CHECK(S.sched.runqsize == 1);
  CHECK(mp->state == MState::Idle);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: a short syscall keeps its P (exitsyscall fast path)") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  S.entersyscall(mp, 0);
  S.advanceClock(5000);
  S.exitsyscall(mp);
  CHECK(mp->pp == e.P(0));
  CHECK(mp->curg == e.mainG);
  CHECK(e.mainG->atomicstatus == _Grunning);
  CHECK(e.P(0)->syscalltick == 1);
}

TEST_CASE("sched: sysmon requests preemption of a G that ran for 10ms") {
  SchedEnv e(1);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  g* other = S.newproc(mp, kFnPC, 0, 0);
  int64_t flaggedAt = -1;
  for (int i = 0; i < 3000 && flaggedAt < 0; i++) {
    S.advanceClock(10 * 1000);  // the VM runs 10us of instructions
    REQUIRE(S.poll().state == RunState::Running);
    if (e.mainG->preempt) flaggedAt = S.nanotime();
  }
  REQUIRE(flaggedAt > 0);
  CHECK(flaggedAt >= forcePreemptNS);
  CHECK(flaggedAt <= forcePreemptNS + kSysmonMaxDelayNS);
  CHECK(e.mainG->stackguard0 == stackPreempt);
  CHECK(e.P(0)->preempt);
  // The next prologue fails; newstack sees stackPreempt and calls gopreempt_m: global queue.
  e.P(0)->schedtick = 1;  // (main inherited tick 0; a multiple of 61 would pick main again)
  S.gopreempt(mp);
  CHECK(mp->curg == other);
  CHECK(S.sched.runq.head == e.mainG);
  CHECK(other->stackguard0 == other->stack.lo + _StackGuard);
}

TEST_CASE("sched: sysmon's nap is 20us, doubling after 50 idle rounds, up to 10ms") {
  SchedEnv e(1);  // main keeps P0 busy, so sysmon never goes to its long idle sleep
  Scheduler& S = *e.S;
  std::vector<int64_t> naps;
  for (int i = 0; i < 62; i++) {
    S.advanceClock(S.sysmonNextWake() - S.nanotime());
    S.sysmonTick();
    naps.push_back(S.sysmonNextWake() - S.nanotime());
  }
  for (int i = 0; i < 50; i++) CHECK(naps[i] == 20 * 1000);
  CHECK(naps[50] == 40 * 1000);
  CHECK(naps[51] == 80 * 1000);
  CHECK(naps[57] == 20 * 1000 * 256);
  CHECK(naps[58] == 10 * 1000 * 1000);
  CHECK(naps[61] == 10 * 1000 * 1000);
}

TEST_CASE("sched: time.Sleep timers wake goroutines in virtual-time order, skipping idle time") {
  SchedEnv e(2);
  Scheduler& S = *e.S;
  m* mp = e.m0();
  std::vector<g*> sleepers;
  for (int i = 0; i < 3; i++) sleepers.push_back(S.newproc(mp, kFnPC, 0, 0));
  const int64_t dur[3] = {30, 10, 20};  // ms
  std::map<g*, int64_t> sleepFor;
  for (int i = 0; i < 3; i++) sleepFor[sleepers[i]] = dur[i] * 1000 * 1000;
  S.gopark(mp, waitReason::waitReasonChanReceive);  // main waits forever
  std::vector<std::pair<int64_t, g*>> wakeups;
  std::set<g*> slept;
  for (int round = 0; round < 100; round++) {
    PollResult r = S.poll();
    if (r.state != RunState::Running) {
      CHECK(r.state == RunState::Deadlock);
      break;
    }
    for (m* rm : S.runningMs()) {
      g* gp = rm->curg;
      if (!slept.count(gp) && sleepFor.count(gp)) {
        slept.insert(gp);
        S.timeSleep(rm, sleepFor[gp]);
      } else {
        wakeups.push_back({S.nanotime(), gp});
        S.goexit(rm);
      }
    }
    CHECK(S.checkInvariants() == "");
  }
  REQUIRE(wakeups.size() == 3);
  CHECK(wakeups[0].second == sleepers[1]);
  CHECK(wakeups[1].second == sleepers[2]);
  CHECK(wakeups[2].second == sleepers[0]);
  CHECK(wakeups[0].first == 10 * 1000 * 1000);
  CHECK(wakeups[1].first == 20 * 1000 * 1000);
  CHECK(wakeups[2].first == 30 * 1000 * 1000);
  CHECK(sleepers[0]->waitreason == waitReason::waitReasonZero);
}

TEST_CASE("sched: deadlock is a status value, not a crash") {
  SchedEnv e(4);
  Scheduler& S = *e.S;
  S.gopark(e.m0(), waitReason::waitReasonChanReceive);
  PollResult r = S.poll();
  CHECK(r.state == RunState::Deadlock);
  CHECK(std::string(r.message) == "all goroutines are asleep - deadlock!");
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "chan receive");
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sched: GOMAXPROCS resizes Ps, moving a removed P's queue to the global queue") {
  SchedEnv e(4);
  Scheduler& S = *e.S;
  for (int i = 0; i < 6; i++) S.newproc(e.m0(), kFnPC, 0, 0);
  S.poll();
  CHECK(S.GOMAXPROCS(e.m0(), 0) == 4);
  CHECK(S.GOMAXPROCS(e.m0(), 2) == 4);
  CHECK(S.gomaxprocs == 2);
  CHECK(S.allp.size() == 2);
  CHECK(e.m0()->curg == e.mainG);
  CHECK(S.checkInvariants() == "");
  S.poll();
  CHECK(S.checkInvariants() == "");
  CHECK(S.GOMAXPROCS(e.m0(), 3) == 2);
  S.poll();
  CHECK(S.checkInvariants() == "");
}

// ---- property test ------------------------------------------------------------------------------------
namespace {

struct Scenario {
  uint64_t hash = 0;
  std::string problem;
  uint64_t events = 0;
};

Scenario runScenario(uint64_t seed, int32_t procs, int rounds) {
  SchedEnv e(procs, seed);
  Scheduler& S = *e.S;
  FastRand rng(seed, 999);
  std::vector<g*> parked;  // Gs parked by the driver (waiting for a goready)
  Scenario out;
  for (int round = 0; round < rounds && out.problem.empty(); round++) {
    PollResult r = S.poll();
    if (r.state != RunState::Running) break;
    for (m* mp : S.runningMs()) {
      if (!mp->curg || mp->state != MState::Running) continue;
      const uint32_t action = rng.fastrandn(100);
      g* cur = mp->curg;
      if (action < 20) {
        if (S.NumGoroutine() < 400) S.newproc(mp, kFnPC, 0, 0);
      } else if (action < 35) {
        if (cur == e.mainG) continue;  // keep main alive so most scenarios run to the end
        parked.push_back(cur);
        S.gopark(mp, waitReason::waitReasonChanReceive);
      } else if (action < 55) {
        if (!parked.empty()) {
          const uint32_t k = rng.fastrandn(static_cast<uint32_t>(parked.size()));
          g* w = parked[k];
          parked.erase(parked.begin() + k);
          S.goready(mp, w);
        }
      } else if (action < 65) {
        S.Gosched(mp);
      } else if (action < 72) {
        if (cur != e.mainG) S.goexit(mp);
      } else if (action < 80) {
        S.timeSleep(mp, 1000 * (1 + rng.fastrandn(500)));
      } else if (action < 84) {
        S.entersyscall(mp, 1000 * (1 + rng.fastrandn(100)));
      }
      std::string inv = S.checkInvariants();
      if (!inv.empty()) {
        out.problem = "seed " + std::to_string(seed) + " round " + std::to_string(round) + ": " + inv;
        break;
      }
    }
    S.advanceClock(1000 * (1 + rng.fastrandn(20)));
  }
  // Every G is accounted for: running, runnable in exactly one queue (checkInvariants), waiting
  // (driver-parked or sleeping), in a syscall, or dead.
  for (const auto& gp : S.allgs) {
    const uint32_t s = gp->atomicstatus;
    if (s == _Gwaiting) {
      const bool byDriver = std::find(parked.begin(), parked.end(), gp.get()) != parked.end();
      const bool sleeping = gp->waitreason == waitReason::waitReasonSleep && gp->sleepTimer && gp->sleepTimer->pp;
      if (!byDriver && !sleeping && out.problem.empty()) out.problem = "lost waiting G " + std::to_string(gp->goid);
    }
  }
  out.hash = S.trace.hash();
  out.events = S.trace.recorded();
  return out;
}

}  // namespace

TEST_CASE("sched: property: 1000 seeded scenarios lose no G, run none twice, and replay identically") {
  std::set<uint64_t> hashes;
  for (uint64_t seed = 1; seed <= 1000; seed++) {
    const int32_t procs = static_cast<int32_t>(1 + seed % 8);
    Scenario a = runScenario(seed, procs, 60);
    REQUIRE_MESSAGE(a.problem.empty(), a.problem);
    if (seed % 50 == 0) {
      Scenario b = runScenario(seed, procs, 60);
      CHECK(a.hash == b.hash);
      CHECK(a.events == b.events);
    }
    hashes.insert(a.hash);
  }
  CHECK(hashes.size() > 900);  // different seeds take different paths
}
