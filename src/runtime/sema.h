// Semaphores: Go 1.19's runtime/sema.go, the sleep/wakeup primitive under sync.Mutex and WaitGroup.
//
// A Go "semaphore" is a uint32 counter somewhere in memory (sync.Mutex.sema, WaitGroup.state2) plus a
// queue of goroutines sleeping on its address. semacquire takes one unit of the count if there is one
// (cansemacquire: load, CAS v -> v-1) and otherwise parks the goroutine; semrelease adds one unit
// and, if somebody sleeps on that address, wakes the first one. It is the runtime's futex: every
// sleep is paired with exactly one wakeup, even when the wakeup comes first (the count remembers it).
//
// Data structure (sema.go:30-58), kept as Go does:
//  * semtable: semTabSize = 251 semaRoots (a prime, so user address patterns do not collide);
//    an address goes to root (addr >> 3) % 251.
//  * each semaRoot holds a treap of sudogs, one per distinct address with sleepers: a binary search
//    tree by address (sudog.elem; prev/next are the left/right children) kept balanced on average by
//    a random heap priority (sudog.ticket = fastrand() | 1, from the running M's seeded generator, so
//    runs are deterministic and consume random numbers the way Go does);
//  * the other sleepers on the same address hang off that sudog through waitlink (waittail points to
//    the last), so queueing and waking are O(1) once the address is found, O(log n) to find it.
//  * nwait counts the sleepers of the root (all addresses): semrelease's fast path skips the lock
//    and the search when it is zero.
// Wake order: FIFO per address; lifo = true queues at the head (a sync.Mutex waiter that was woken,
// lost the race for the lock and queues again, mutex.go:170). With handoff = true (a starving
// mutex's Unlock) semrelease takes the unit for the waiter itself (sudog.ticket = 1) and yields its P
// so the waiter runs at once in the same time slice (goyield, sema.go:196-219).
//
// gofast differences: single host thread, so the locks and atomics are plain loads and stores of
// the simulated memory; Go's semacquire1 loops around gopark inside one call, while here
// semacquire1 returns Blocked after parking and the caller (runtime/sync.h, on behalf of the VM)
// calls semacquireResume when the G runs again; the sudog of a blocked G is kept in a side table
// indexed by the G's handle (no host pointer into a goroutine stack). The block and mutex profiles
// (releasetime, blockevent, mutexevent) are not modelled; acquiretime is kept for display.
// Precondition (DESIGN rule 6): the semaphore word must not move while Gs sleep on it. In Go
// &m.sema escapes (runtime_SemacquireMutex has no //go:noescape, sync/runtime.go), so a Mutex or
// WaitGroup that is waited on always lives in the heap.
//
// Section index: constants · SemaStatus · SemaTable (acquire, release, treap, inspection).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/sched.h"

namespace gofast::rt {

// sema.go:40: semTabSize, "prime to not correlate with any user patterns".
inline constexpr uint32_t semTabSize = 251;
// sema.go:57 rootFor: the address is shifted right by 3 before the modulo.
inline constexpr uint32_t kSemaRootShift = 3;

// sema.go:41 semaRoot (the lock is not needed on one host thread).
struct semaRoot {
  sudog* treap = nullptr;  // root of the treap of distinct addresses
  uint32_t nwait = 0;      // sleepers on any address of this root
};

enum class SemaStatus : uint8_t {
  Acquired,  // one unit of the count was taken; the G keeps running
  Blocked,   // the G is parked (waitReasonSemacquire); call semacquireResume when it runs again
};

class MachineCloner;
class SemaTable {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  explicit SemaTable(Scheduler& s) : s_(s) {}
  SemaTable(const SemaTable&) = delete;
  SemaTable& operator=(const SemaTable&) = delete;

  static uint32_t rootIndex(Addr addr) { return static_cast<uint32_t>((addr >> kSemaRootShift) % semTabSize); }
  semaRoot& rootFor(Addr addr) { return table_[rootIndex(addr)]; }
  const semaRoot& root(uint32_t i) const { return table_[i]; }

  // sema.go:223 cansemacquire: if *addr > 0, decrement it and return true. addr must be mapped.
  bool cansemacquire(Addr addr);

  // sema.go:104 semacquire1 for mp->curg (the sync package's runtime_Semacquire and
  // runtime_SemacquireMutex). lifo queues at the head of addr's sleepers.
  SemaStatus semacquire1(m* mp, Addr addr, bool lifo);
  // The rest of semacquire1's loop for a G that parked in it and runs again (mp->curg): Acquired
  // if it was handed the unit (ticket) or can take one now, else it queues again (same lifo) and
  // parks: Blocked.
  SemaStatus semacquireResume(m* mp);
  // Is gp parked in (or between the park and the resume of) a semacquire?
  bool inSemacquire(const g* gp) const;

  // sema.go:165 semrelease1 on behalf of mp->curg: *addr++, wake the first sleeper on addr. With
  // handoff the unit goes straight to the woken G and the caller yields (goyield): returns true when
  // that happened, and the VM must re-read mp->curg.
  bool semrelease1(m* mp, Addr addr, bool handoff);

  // ---- inspection (tests, UI) ----
  // The Gs sleeping on addr, in the order semrelease would wake them.
  std::vector<g*> waiters(Addr addr) const;
  // Sleepers over all roots (the sum of nwait).
  uint32_t totalWaiters() const;
  // Height of root i's treap (0 = empty): shows the balance.
  uint32_t treapHeight(uint32_t i) const;
  // Invariants of every treap (BST by address, heap by ticket, parent links, nwait). "" if fine.
  std::string checkInvariants() const;
  uint32_t readCount(Addr addr) const;  // *addr (0 when unmapped)

 private:
  struct Pending {  // a G inside semacquire1 (between gopark and its return)
    sudog* s = nullptr;
    Addr addr = 0;
    bool lifo = false;
  };
  SemaStatus park(m* mp, Pending& pd);  // the loop body: nwait++, recheck, queue, gopark
  void queue(m* mp, semaRoot& root, Addr addr, sudog* s, bool lifo);  // sema.go:236
  sudog* dequeue(semaRoot& root, Addr addr);                          // sema.go:323
  void rotateLeft(semaRoot& root, sudog* x);                          // sema.go:394
  void rotateRight(semaRoot& root, sudog* y);                         // sema.go:422
  Pending& pending(const g* gp);

  Scheduler& s_;
  std::array<semaRoot, semTabSize> table_{};
  std::vector<Pending> pending_;  // by g.handle - 1
};

}  // namespace gofast::rt
