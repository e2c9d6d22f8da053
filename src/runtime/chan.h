// Channels and select over the scheduler: Go 1.19's chan.go and select.go semantics.
//
// A channel value is a pointer to a 96-byte `hchan` object in the simulated heap (as in Go, so the
// program prints 0xc000... for it and the GC sees it); gofast keeps the live record (wait queues of
// sudogs, which hold host pointers) beside it in a ChanTable and mirrors the plain fields (qcount,
// dataqsiz, buf, elemsize, closed, sendx, recvx at their Go offsets) into the object after each
// operation so the memory view shows real bytes. The buffer is a ring in the simulated heap:
// allocated with the hchan when the element type has no pointers, separately otherwise
// (chan.go:95-111). Elements move through the AddressSpace: a send to a waiting receiver copies
// straight into the receiver's stack slot (sendDirect, chan.go:320) and readies it into runnext.
//
// Blocking: when an operation must wait, the G gets a sudog on the channel's queue and is parked
// (Scheduler::gopark); the call returns ChanStatus::Blocked and the VM runs whatever mp runs next.
// When the G runs again, the VM calls parkResult(gp) to learn how the operation ended (received
// ok / closed, select case chosen, or "send on closed channel"). Go's panics are status values.
// select's poll order comes from the running M's seeded fastrand (select.go:166-177); nil channels
// are left out of both orders, so a select on nil channels only blocks forever.
// Rule 6 (stacks move): sudog.elem may point into a parked G's stack; the stack mover adjusts it
// through g.waiting.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "runtime/heap.h"
#include "runtime/sched.h"

namespace gofast::rt {

// chan.go:29 hchanSize on amd64 (unsafe.Sizeof(hchan{}) rounded to maxAlign 8) and maxElemSize.
inline constexpr uint64_t hchanSize = 96;
inline constexpr uint64_t maxElemSize = 1 << 16;  // chan.go:76 (the compiler rejects larger)
// Offsets of hchan's fields (runtime2.go/chan.go:33 layout on amd64).
inline constexpr uint64_t kHchanQcount = 0, kHchanDataqsiz = 8, kHchanBuf = 16, kHchanElemsize = 24,
                          kHchanClosed = 28, kHchanElemtype = 32, kHchanSendx = 40, kHchanRecvx = 48,
                          kHchanRecvq = 56, kHchanSendq = 72, kHchanLock = 88;

struct waitq {  // chan.go:54: FIFO of sudogs
  sudog* first = nullptr;
  sudog* last = nullptr;
  void enqueue(sudog* s);
  sudog* dequeue();  // skips select sudogs whose select already completed (selectDone)
  void remove(sudog* s);
  bool empty() const { return first == nullptr; }
};

struct hchan {
  Addr addr = 0;        // the channel value: address of the hchan object
  uint64_t qcount = 0;  // elements in the buffer
  uint64_t dataqsiz = 0;
  Addr buf = 0;
  uint16_t elemsize = 0;
  bool closed = false;
  uint64_t sendx = 0, recvx = 0;
  waitq recvq, sendq;
};

enum class ChanStatus : uint8_t {
  Ok,
  Blocked,            // the G parked; ask parkResult(gp) when it runs again
  WouldBlock,         // non-blocking operation (select with default) could not proceed
  PanicSendOnClosed,  // panic: send on closed channel
  PanicCloseOfClosed, // panic: close of closed channel
  PanicCloseOfNil,    // panic: close of nil channel
  PanicSizeOutOfRange,  // panic: makechan: size out of range
  OutOfMemory,
};
// The text Go panics with (plainError, so printed as "panic: send on closed channel").
const char* chanStatusMessage(ChanStatus s);

struct ChanResult {
  ChanStatus status = ChanStatus::Ok;
  bool received = false;  // recv: a value was received (false: zero value from a closed channel)
  int32_t selected = -1;  // select: chosen case, -1 = default
};

struct scase {  // select.go:19
  hchan* c = nullptr;  // nullptr: a nil channel (never ready)
  Addr elem = 0;       // value to send / where to receive (0 = discard)
  bool isSend = false;
};

class MachineCloner;
class ChanTable {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  explicit ChanTable(Scheduler& s) : s_(s) {}

  // make(chan T, size): elemType nullptr = no pointers (noscan).
  hchan* makechan(uint64_t elemsize, int64_t size, const GcType* elemType, ChanStatus* st, mcache* c = nullptr);
  hchan* lookup(Addr chanValue) const;  // nullptr for 0 or unknown

  // Called on behalf of mp->curg. A nil c is a nil channel.
  ChanResult chansend(m* mp, hchan* c, Addr elem, bool block);
  ChanResult chanrecv(m* mp, hchan* c, Addr elem, bool block);
  ChanResult closechan(m* mp, hchan* c);
  // len(c), cap(c).
  static uint64_t chanlen(const hchan* c) { return c ? c->qcount : 0; }
  static uint64_t chancap(const hchan* c) { return c ? c->dataqsiz : 0; }
  // select (select.go:121 selectgo); block = no default case. ncases == 0 is `select {}`.
  ChanResult selectgo(m* mp, const scase* cases, int ncases, bool block);
  // How a parked channel operation or select of gp ended; call once when gp runs again.
  ChanResult parkResult(g* gp);
  // The hchan object whose buffer is being allocated (a GC root while makechan runs), or 0.
  Addr allocating = 0;

 private:
  void send(m* mp, hchan* c, sudog* sg, Addr ep);
  void recv(m* mp, hchan* c, sudog* sg, Addr ep);
  void copyElem(Addr dst, Addr src, uint64_t n);
  void zeroElem(Addr dst, uint64_t n);
  Addr chanbuf(const hchan* c, uint64_t i) const { return c->buf + i * c->elemsize; }
  void syncHeader(const hchan* c);  // every mirrored field (makechan)
  void syncState(const hchan* c);   // qcount, closed, sendx, recvx (after an operation)
  ChanResult park(m* mp, hchan* c, Addr ep, bool isSend, waitReason r);

  Scheduler& s_;
  std::map<Addr, std::unique_ptr<hchan>> chans_;
  struct LookupSlot {
    Addr addr = 0;
    hchan* c = nullptr;
  };
  static constexpr size_t kLookupCacheSize = 16;  // power of two
  mutable LookupSlot lookupCache_[kLookupCacheSize];
};

}  // namespace gofast::rt
