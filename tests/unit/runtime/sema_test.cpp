// Semaphores (runtime/sema.h): the semtable, the treap of addresses, FIFO/LIFO wake order, handoff.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "runtime/sema.h"

using namespace gofast::rt;

namespace {

constexpr uint64_t kFn = 0x401000;

struct SemaEnv {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  StackAllocator stacks;
  std::unique_ptr<Scheduler> S;
  std::unique_ptr<SemaTable> T;
  g* mainG = nullptr;
  Addr block = 0;  // a heap block holding the semaphore words
  explicit SemaEnv(int32_t procs = 1, uint64_t seed = 1)
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as), stacks(heap) {
    REQUIRE(mapped);
    SchedConfig cfg;
    cfg.gomaxprocs = procs;
    cfg.seed = seed;
    cfg.goexitPC = pm.textLo + 0x2000;
    S = std::make_unique<Scheduler>(as, stacks, heap, cfg);
    T = std::make_unique<SemaTable>(*S);
    mainG = S->init(kFn);
    REQUIRE(mainG);
    AllocResult r = heap.mallocgc(64 * 1024, nullptr, true);
    REQUIRE(r.ok());
    block = r.p;
  }
  m* m0() { return S->m0(); }
  uint32_t read(Addr a) {
    uint32_t v = 0;
    REQUIRE(as.readU32(a, v).ok());
    return v;
  }
  void write(Addr a, uint32_t v) { REQUIRE(as.writeU32(a, v).ok()); }
  // n goroutines created now; with GOMAXPROCS=1 the last one created runs first (runnext).
  std::vector<g*> spawn(int n) {
    std::vector<g*> out;
    for (int i = 0; i < n; i++) out.push_back(S->newproc(m0(), kFn, 0, 0));
    return out;
  }
};

}  // namespace

TEST_CASE("sema: 251 roots keyed by (addr >> 3) % 251; cansemacquire takes a unit only if there is one") {
  CHECK(semTabSize == 251);
  CHECK(SemaTable::rootIndex(0) == 0);
  CHECK(SemaTable::rootIndex(8) == 1);
  CHECK(SemaTable::rootIndex(7) == 0);
  CHECK(SemaTable::rootIndex(251 * 8) == 0);
  CHECK(SemaTable::rootIndex(0xc000010004) == ((0xc000010004ull >> 3) % 251));
  SemaEnv e;
  const Addr a = e.block;
  e.write(a, 2);
  CHECK(e.T->cansemacquire(a));
  CHECK(e.read(a) == 1);
  CHECK(e.T->cansemacquire(a));
  CHECK_FALSE(e.T->cansemacquire(a));
  CHECK(e.read(a) == 0);
  // Fast paths: release with no sleeper only counts; acquire takes the count without parking.
  CHECK_FALSE(e.T->semrelease1(e.m0(), a, false));
  CHECK(e.read(a) == 1);
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Acquired);
  CHECK(e.m0()->curg == e.mainG);
  CHECK(e.read(a) == 0);
  CHECK(e.T->totalWaiters() == 0);
}

TEST_CASE("sema: sleepers on one address wake FIFO; lifo=true queues at the head") {
  SemaEnv e;
  Scheduler& S = *e.S;
  const Addr a = e.block;
  std::vector<g*> gs = e.spawn(3);  // run order: gs[2] (runnext), gs[0], gs[1]
  // main sleeps first, then each goroutine as it runs.
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "semacquire");
  CHECK(e.T->inSemacquire(e.mainG));
  std::vector<g*> order;
  for (int i = 0; i < 3; i++) {
    g* cur = e.m0()->curg;
    order.push_back(cur);
    const bool lifo = (i == 2);  // the last one queues at the head
    CHECK(e.T->semacquire1(e.m0(), a, lifo) == SemaStatus::Blocked);
  }
  CHECK(order == std::vector<g*>{gs[2], gs[0], gs[1]});
  CHECK(e.T->rootFor(a).nwait == 4);
  CHECK(e.T->waiters(a) == std::vector<g*>{gs[1], e.mainG, gs[2], gs[0]});
  CHECK(e.T->checkInvariants() == "");
  // Everybody sleeps: deadlock.
  CHECK(S.poll().state == RunState::Deadlock);
}

TEST_CASE("sema: release wakes the first sleeper into runnext; the woken G takes the unit when it runs") {
  SemaEnv e;
  Scheduler& S = *e.S;
  const Addr a = e.block;
  std::vector<g*> gs = e.spawn(2);  // gs[1] runs first, then gs[0]
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);  // main
  REQUIRE(e.m0()->curg == gs[1]);
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);  // gs[1]
  REQUIRE(e.m0()->curg == gs[0]);
  CHECK_FALSE(e.T->semrelease1(e.m0(), a, false));
  CHECK(e.read(a) == 1);  // the unit stays in the count until the woken G takes it
  CHECK(S.allp[0]->runnext == e.mainG);
  CHECK(e.mainG->atomicstatus == _Grunnable);
  CHECK(e.T->waiters(a) == std::vector<g*>{gs[1]});
  S.goexit(e.m0());
  REQUIRE(e.m0()->curg == e.mainG);
  CHECK(e.T->semacquireResume(e.m0()) == SemaStatus::Acquired);
  CHECK(e.read(a) == 0);
  CHECK_FALSE(e.T->inSemacquire(e.mainG));
  CHECK(e.T->rootFor(a).nwait == 1);
  // The trace shows the block with its reason and the unblock by goroutine gs[0].
  bool sawBlock = false, sawUnblock = false;
  for (const TraceEvent& ev : S.trace.events()) {
    if (ev.type == TraceEv::GoBlock && ev.g == 1 &&
        ev.reason == static_cast<uint8_t>(waitReason::waitReasonSemacquire)) sawBlock = true;
    if (ev.type == TraceEv::GoUnblock && ev.g == 1 && ev.arg == static_cast<uint32_t>(gs[0]->goid)) sawUnblock = true;
  }
  CHECK(sawBlock);
  CHECK(sawUnblock);
}

TEST_CASE("sema: a woken G that finds the unit taken queues again and keeps sleeping") {
  SemaEnv e;
  Scheduler& S = *e.S;
  const Addr a = e.block;
  std::vector<g*> gs = e.spawn(1);
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);  // main sleeps
  REQUIRE(e.m0()->curg == gs[0]);
  e.T->semrelease1(e.m0(), a, false);  // main readied, count 1
  CHECK(e.T->cansemacquire(a));        // gs[0] takes the unit first (a barging newcomer)
  S.goexit(e.m0());
  REQUIRE(e.m0()->curg == e.mainG);
  CHECK(e.T->semacquireResume(e.m0()) == SemaStatus::Blocked);
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(e.T->waiters(a) == std::vector<g*>{e.mainG});
  CHECK(S.poll().state == RunState::Deadlock);
}

TEST_CASE("sema: handoff gives the unit to the sleeper and yields the P to it (local runq, not global)") {
  SemaEnv e;
  Scheduler& S = *e.S;
  const Addr a = e.block;
  std::vector<g*> gs = e.spawn(1);
  CHECK(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);  // main sleeps
  REQUIRE(e.m0()->curg == gs[0]);
  CHECK(e.T->semrelease1(e.m0(), a, true));  // handoff: gs[0] yields
  CHECK(e.read(a) == 0);                     // the unit went straight to main (ticket)
  REQUIRE(e.m0()->curg == e.mainG);          // main runs at once
  CHECK(gs[0]->atomicstatus == _Grunnable);
  CHECK(S.allp[0]->runqsize() == 1);  // goyield: the releaser is on the local runq
  CHECK(S.sched.runqsize == 0);
  CHECK(e.T->semacquireResume(e.m0()) == SemaStatus::Acquired);
  // goyield traces a preemption stop for the releaser.
  bool sawYield = false;
  for (const TraceEvent& ev : S.trace.events())
    if (ev.type == TraceEv::GoStop && ev.g == static_cast<uint32_t>(gs[0]->goid) &&
        ev.reason == static_cast<uint8_t>(TraceStop::Preempted)) sawYield = true;
  CHECK(sawYield);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sema: many addresses in one root form a valid, balanced treap; each wakes its own sleepers") {
  SemaEnv e(1, 42);
  Scheduler& S = *e.S;
  // 32 addresses that all map to the same root: stride 251*8 bytes inside the 64 KiB block.
  std::vector<Addr> addrs;
  Addr base = e.block;
  while (SemaTable::rootIndex(base) != 7) base += 8;
  for (int i = 0; i < 32; i++) addrs.push_back(base + static_cast<uint64_t>(i) * 251 * 8);
  const int n = static_cast<int>(addrs.size());
  // One sleeper per address (plus a second on every 4th), in a shuffled address order.
  std::vector<g*> gs = e.spawn(n + n / 4);
  std::vector<int> perm;
  for (int i = 0; i < n; i++) perm.push_back((i * 13) % n);
  // main is the first sleeper on addrs[perm[0]].
  std::vector<std::pair<Addr, g*>> slept;
  for (int i = 0; i < n + n / 4; i++) {
    const Addr a = addrs[perm[i % n]];
    g* cur = e.m0()->curg;
    slept.push_back({a, cur});
    REQUIRE(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);
    CHECK(e.T->checkInvariants() == "");
  }
  const uint32_t root = SemaTable::rootIndex(addrs[0]);
  CHECK(e.T->root(root).nwait == static_cast<uint32_t>(n + n / 4));
  CHECK(e.T->treapHeight(root) >= 5);   // at least log2(32)
  CHECK(e.T->treapHeight(root) <= 20);  // a random treap of 32 keys is far from a 32-long list
  // Each address wakes its own sleepers, FIFO.
  for (Addr a : addrs) {
    std::vector<g*> expect;
    for (auto& [sa, gp] : slept)
      if (sa == a) expect.push_back(gp);
    CHECK(e.T->waiters(a) == expect);
  }
  // The remaining runnable G releases every address once: each first sleeper becomes runnable.
  REQUIRE(e.m0()->curg != nullptr);
  for (Addr a : addrs) {
    g* first = e.T->waiters(a).front();
    e.T->semrelease1(e.m0(), a, false);
    CHECK(first->atomicstatus == _Grunnable);
    CHECK(e.T->checkInvariants() == "");
  }
  CHECK(e.T->root(root).nwait == static_cast<uint32_t>(n / 4));
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("sema: the treap's shape is deterministic for a seed (fastrand of the running M)") {
  auto shape = [](uint64_t seed) {
    SemaEnv e(1, seed);
    Addr base = e.block;
    while (SemaTable::rootIndex(base) != 3) base += 8;
    std::vector<g*> gs = e.spawn(24);
    for (int i = 0; i < 25; i++) {
      const Addr a = base + static_cast<uint64_t>((i * 7) % 25) * 251 * 8;
      REQUIRE(e.T->semacquire1(e.m0(), a, false) == SemaStatus::Blocked);
    }
    return std::make_pair(e.T->treapHeight(3), e.S->trace.hash());
  };
  CHECK(shape(5) == shape(5));
  // Different seeds give different priorities; over a few seeds at least two heights differ.
  std::vector<uint32_t> heights;
  for (uint64_t s = 1; s <= 8; s++) heights.push_back(shape(s).first);
  bool differ = false;
  for (uint32_t h : heights) differ = differ || h != heights[0];
  CHECK(differ);
}
