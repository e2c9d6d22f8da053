// Channel and select rules (runtime/chan.h) on top of the scheduler.
#include <doctest/doctest.h>

#include <memory>

#include "runtime/chan.h"

using namespace gofast::rt;

namespace {

constexpr uint64_t kFn = 0x401000;

struct ChanEnv {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  StackAllocator stacks;
  std::unique_ptr<Scheduler> S;
  std::unique_ptr<ChanTable> T;
  g* mainG = nullptr;
  explicit ChanEnv(int32_t procs = 1, uint64_t seed = 1)
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as), stacks(heap) {
    REQUIRE(mapped);
    SchedConfig cfg;
    cfg.gomaxprocs = procs;
    cfg.seed = seed;
    cfg.goexitPC = pm.textLo + 0x2000;
    S = std::make_unique<Scheduler>(as, stacks, heap, cfg);
    T = std::make_unique<ChanTable>(*S);
    mainG = S->init(kFn);
    REQUIRE(mainG);
  }
  m* m0() { return S->m0(); }
  // A slot on gp's stack for an 8-byte element (below the fake return address).
  Addr slot(g* gp, int i = 0) { return gp->stack.hi - 64 - 8 * static_cast<uint64_t>(i); }
  uint64_t read(Addr a) {
    uint64_t v = 0;
    REQUIRE(as.readU64(a, v).ok());
    return v;
  }
  void write(Addr a, uint64_t v) { REQUIRE(as.writeU64(a, v).ok()); }
  hchan* make(int64_t size) {
    ChanStatus st;
    hchan* c = T->makechan(8, size, nullptr, &st);
    REQUIRE(st == ChanStatus::Ok);
    return c;
  }
};

}  // namespace

TEST_CASE("chan: makechan puts hchan (96 B) and a noscan buffer in one heap object") {
  ChanEnv e;
  hchan* c = e.make(3);
  CHECK(e.heap.inArena(c->addr));
  CHECK(c->buf == c->addr + hchanSize);
  CHECK(e.read(c->addr + kHchanDataqsiz) == 3);
  CHECK(e.read(c->addr + kHchanBuf) == c->buf);
  CHECK(e.T->lookup(c->addr) == c);
  ChanStatus st;
  CHECK(e.T->makechan(8, -1, nullptr, &st) == nullptr);
  CHECK(st == ChanStatus::PanicSizeOutOfRange);
}

TEST_CASE("chan: unbuffered send hands the value to a waiting receiver, which takes runnext") {
  ChanEnv e;
  Scheduler& S = *e.S;
  hchan* c = e.make(0);
  g* sender = S.newproc(e.m0(), kFn, 0, 0);
  // main receives: nobody is sending yet, so it parks on recvq and the sender runs.
  ChanResult r = e.T->chanrecv(e.m0(), c, e.slot(e.mainG), true);
  CHECK(r.status == ChanStatus::Blocked);
  CHECK(e.mainG->atomicstatus == _Gwaiting);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "chan receive");
  REQUIRE(e.m0()->curg == sender);
  e.write(e.slot(sender), 42);
  r = e.T->chansend(e.m0(), c, e.slot(sender), true);
  CHECK(r.status == ChanStatus::Ok);
  CHECK(e.read(e.slot(e.mainG)) == 42);  // copied straight onto main's stack
  CHECK(S.allp[0]->runnext == e.mainG);
  S.goexit(e.m0());
  CHECK(e.m0()->curg == e.mainG);
  r = e.T->parkResult(e.mainG);
  CHECK(r.status == ChanStatus::Ok);
  CHECK(r.received);
  CHECK(S.checkInvariants() == "");
}

TEST_CASE("chan: buffered FIFO; a full buffer parks the sender; recv takes the head and refills from it") {
  ChanEnv e;
  Scheduler& S = *e.S;
  hchan* c = e.make(2);
  for (uint64_t v = 1; v <= 2; v++) {
    e.write(e.slot(e.mainG), v);
    CHECK(e.T->chansend(e.m0(), c, e.slot(e.mainG), true).status == ChanStatus::Ok);
  }
  CHECK(ChanTable::chanlen(c) == 2);
  CHECK(e.read(c->addr + kHchanQcount) == 2);
  e.write(e.slot(e.mainG), 3);
  CHECK(e.T->chansend(e.m0(), c, e.slot(e.mainG), false).status == ChanStatus::WouldBlock);
  g* recvG = S.newproc(e.m0(), kFn, 0, 0);
  CHECK(e.T->chansend(e.m0(), c, e.slot(e.mainG), true).status == ChanStatus::Blocked);
  REQUIRE(e.m0()->curg == recvG);
  ChanResult r = e.T->chanrecv(e.m0(), c, e.slot(recvG), true);
  CHECK(r.received);
  CHECK(e.read(e.slot(recvG)) == 1);
  CHECK(ChanTable::chanlen(c) == 2);  // main's 3 moved into the buffer
  CHECK(e.mainG->atomicstatus == _Grunnable);
  e.T->chanrecv(e.m0(), c, e.slot(recvG), true);
  CHECK(e.read(e.slot(recvG)) == 2);
  e.T->chanrecv(e.m0(), c, e.slot(recvG), true);
  CHECK(e.read(e.slot(recvG)) == 3);
  S.goexit(e.m0());
  CHECK(e.T->parkResult(e.mainG).status == ChanStatus::Ok);
}

TEST_CASE("chan: close wakes receivers with zero values and senders with a panic; panics are values") {
  ChanEnv e;
  Scheduler& S = *e.S;
  hchan* c = e.make(0);
  g* a = S.newproc(e.m0(), kFn, 0, 0);
  CHECK(e.T->closechan(e.m0(), nullptr).status == ChanStatus::PanicCloseOfNil);
  // main waits to receive; a closes.
  e.write(e.slot(e.mainG), 77);
  CHECK(e.T->chanrecv(e.m0(), c, e.slot(e.mainG), true).status == ChanStatus::Blocked);
  REQUIRE(e.m0()->curg == a);
  CHECK(e.T->closechan(e.m0(), c).status == ChanStatus::Ok);
  CHECK(e.T->closechan(e.m0(), c).status == ChanStatus::PanicCloseOfClosed);
  CHECK(std::string(chanStatusMessage(ChanStatus::PanicCloseOfClosed)) == "close of closed channel");
  ChanResult sr = e.T->chansend(e.m0(), c, e.slot(a), true);
  CHECK(sr.status == ChanStatus::PanicSendOnClosed);
  CHECK(std::string(chanStatusMessage(sr.status)) == "send on closed channel");
  S.goexit(e.m0());
  ChanResult r = e.T->parkResult(e.mainG);
  CHECK_FALSE(r.received);
  CHECK(e.read(e.slot(e.mainG)) == 0);
  // Receiving from a closed, drained channel never blocks.
  r = e.T->chanrecv(e.m0(), c, e.slot(e.mainG), true);
  CHECK(r.status == ChanStatus::Ok);
  CHECK_FALSE(r.received);
}

TEST_CASE("chan: nil channels block forever; the run ends in a deadlock status") {
  ChanEnv e;
  CHECK(e.T->chanrecv(e.m0(), nullptr, 0, false).status == ChanStatus::WouldBlock);
  CHECK(e.T->chanrecv(e.m0(), nullptr, 0, true).status == ChanStatus::Blocked);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "chan receive (nil chan)");
  PollResult r = e.S->poll();
  CHECK(r.state == RunState::Deadlock);
}

TEST_CASE("chan: select {} parks with 'select (no cases)'") {
  ChanEnv e;
  CHECK(e.T->selectgo(e.m0(), nullptr, 0, true).status == ChanStatus::Blocked);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "select (no cases)");
  CHECK(e.S->poll().state == RunState::Deadlock);
}

TEST_CASE("chan: select polls ready cases in seeded random order, default when none is ready") {
  auto pick = [](uint64_t seed) {
    ChanEnv e(1, seed);
    hchan* c1 = e.make(1);
    hchan* c2 = e.make(1);
    e.write(e.slot(e.mainG), 5);
    e.T->chansend(e.m0(), c1, e.slot(e.mainG), true);
    e.T->chansend(e.m0(), c2, e.slot(e.mainG), true);
    scase cases[3] = {{nullptr, e.slot(e.mainG, 1), false}, {c1, e.slot(e.mainG, 1), false}, {c2, e.slot(e.mainG, 1), false}};
    ChanResult r = e.T->selectgo(e.m0(), cases, 3, false);
    REQUIRE(r.status == ChanStatus::Ok);
    REQUIRE(r.received);
    return r.selected;
  };
  int counts[3] = {0, 0, 0};
  for (uint64_t seed = 1; seed <= 200; seed++) counts[pick(seed)]++;
  CHECK(counts[0] == 0);  // the nil channel is never chosen
  CHECK(counts[1] > 60);
  CHECK(counts[2] > 60);
  CHECK(pick(7) == pick(7));  // same seed, same choice
  ChanEnv e;
  hchan* c = e.make(0);
  scase one[1] = {{c, e.slot(e.mainG), false}};
  CHECK(e.T->selectgo(e.m0(), one, 1, false).selected == -1);  // default
}

TEST_CASE("chan: a blocked select is woken by one case and leaves the other channels' queues") {
  ChanEnv e;
  Scheduler& S = *e.S;
  hchan* c1 = e.make(0);
  hchan* c2 = e.make(0);
  g* sender = S.newproc(e.m0(), kFn, 0, 0);
  scase cases[2] = {{c1, e.slot(e.mainG), false}, {c2, e.slot(e.mainG), false}};
  CHECK(e.T->selectgo(e.m0(), cases, 2, true).status == ChanStatus::Blocked);
  CHECK(std::string(waitReasonString(e.mainG->waitreason)) == "select");
  REQUIRE(e.m0()->curg == sender);
  CHECK_FALSE(c1->recvq.empty());
  CHECK_FALSE(c2->recvq.empty());
  e.write(e.slot(sender), 9);
  CHECK(e.T->chansend(e.m0(), c2, e.slot(sender), true).status == ChanStatus::Ok);
  // A second sender on c1 must not match main's stale c1 sudog (selectDone): it would park.
  CHECK(e.T->chansend(e.m0(), c1, e.slot(sender), false).status == ChanStatus::WouldBlock);
  S.goexit(e.m0());
  REQUIRE(e.m0()->curg == e.mainG);
  ChanResult r = e.T->parkResult(e.mainG);
  CHECK(r.selected == 1);
  CHECK(r.received);
  CHECK(e.read(e.slot(e.mainG)) == 9);
  CHECK(c1->recvq.empty());
  CHECK(c2->recvq.empty());
}
