// sync.Mutex and sync.WaitGroup: Go 1.19's sync/mutex.go and sync/waitgroup.go over the semaphores.
//
// The objects live in simulated memory with Go's layout, so the memory view shows their real bytes:
//  * sync.Mutex {state int32; sema uint32}: 8 bytes, align 4 (unsafe.Sizeof/Alignof in Go 1.19).
//    state = mutexLocked(1) | mutexWoken(2) | mutexStarving(4) | waiters << mutexWaiterShift(3).
//  * sync.WaitGroup {noCopy; state1 uint64; state2 uint32}: 16 bytes, align 8. state1 holds the
//    counter in its high 32 bits and the number of waiters in the low 32; state2 is the semaphore.
//
// How a Mutex behaves (mutex.go:42-66):
//  * Lock's fast path is one CAS 0 -> mutexLocked. Otherwise lockSlow loops:
//    - spin while the mutex is locked but not starving and runtime_canSpin allows it (proc.go:6195:
//      fewer than active_spin = 4 rounds, more than one CPU, GOMAXPROCS > npidle + nmspinning + 1,
//      i.e. another P is running, and an empty local run queue). A spin is procyield(30), costing
//      virtual time; while spinning it sets mutexWoken so that Unlock does not wake a sleeper;
//    - then it computes the new state (take the lock if not starving, else count itself a waiter,
//      switch to starvation if it has waited > 1 ms) and CASes it in. If it did not get the lock it
//      sleeps on the semaphore: FIFO the first time, at the head (lifo) if it was already woken once.
//  * Normal mode: Unlock wakes the first sleeper, which must compete with running Gs for the lock
//    (running Gs usually win: they are on a CPU). Starvation mode (a waiter waited > 1 ms): Unlock
//    hands the lock directly to the first sleeper (semrelease with handoff) and yields its P to it;
//    newcomers neither spin nor grab, they queue at the tail. The woken owner leaves starvation
//    mode if it is the last waiter or waited < 1 ms.
//  * Unlock of an unlocked mutex is `fatal error: sync: unlock of unlocked mutex` (not a panic:
//    recover cannot catch it).
// WaitGroup (waitgroup.go): Add(delta) adds delta << 32 to state1; at counter 0 with waiters it
// zeroes state1 and releases the semaphore once per waiter (each readied into runnext, so with
// one P the last released runs first). Wait increments the waiter count and sleeps on the semaphore.
// Misuse panics: a negative counter, Add racing with Wait, reuse before Wait returned.
//
// The VM cannot block inside a host call, so every operation is resumable (a state machine):
//   SyncResult r = sync.mutexLock(mp, addr);
//     Done     finished, the G keeps running: go to the next instruction.
//     Spin     the G is still running and spinning: count r.costNs as time this G executed (as for
//              instructions), let other Ms run, and call the same operation again (same G, same
//              arguments, pc not advanced) at its next turn.
//     Blocked  the G parked on the semaphore (waitReasonSemacquire); mp runs another G (re-read
//              mp->curg). Leave the G's pc on the operation: when it runs again, call the same
//              operation again and it resumes where it stopped.
//     Yielded  finished (advance the pc as for Done), but the G handed its P to the woken waiter
//              (starvation handoff, goyield): re-read mp->curg; the G is runnable on the local runq.
//     Fatal*/Panic*   Go's fatal error / panic with syncStatusMessage's text; Fault: the address
//              is not mapped (a nil *Mutex): the VM raises its nil-dereference panic.
// A G's continuation (lockSlow's locals: waitStartTime, starving, awoke, iter, old) is kept in a
// side table indexed by the G's handle: nothing points into a goroutine's stack.
// For the deadlock dump, blockedIn(gp) says which operation a parked G is in and
// syncBlockedFrames gives the runtime/sync frames Go 1.19 prints above the user's frames.
//
// Section index: layout and constants · SyncStatus, SyncResult · traceback frames · SyncTable.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/sema.h"

namespace gofast::rt {

// ---- layout and constants --------------------------------------------------------------------------------
// sync/mutex.go:34-37 and unsafe.Sizeof(sync.Mutex{}) = 8, Alignof = 4 (go1.19 linux/amd64).
inline constexpr uint64_t kMutexSize = 8;
inline constexpr uint64_t kMutexAlign = 4;
inline constexpr uint64_t kMutexStateOff = 0;  // state int32
inline constexpr uint64_t kMutexSemaOff = 4;   // sema uint32
// sync/waitgroup.go:23-34 and unsafe.Sizeof(sync.WaitGroup{}) = 16, Alignof = 8 (go1.19 amd64).
inline constexpr uint64_t kWaitGroupSize = 16;
inline constexpr uint64_t kWaitGroupAlign = 8;
inline constexpr uint64_t kWaitGroupState1Off = 0;  // state1 uint64: counter<<32 | waiters
inline constexpr uint64_t kWaitGroupState2Off = 8;  // state2 uint32: the semaphore

// sync/mutex.go:48-52.
inline constexpr int32_t mutexLocked = 1;
inline constexpr int32_t mutexWoken = 2;
inline constexpr int32_t mutexStarving = 4;
inline constexpr int32_t mutexWaiterShift = 3;
// sync/mutex.go:77: starvationThresholdNs = 1e6 (1 ms).
inline constexpr int64_t starvationThresholdNs = 1000000;
// runtime/lock_futex.go:30-31: active_spin = 4 rounds of procyield(active_spin_cnt = 30).
inline constexpr int active_spin = 4;
inline constexpr int active_spin_cnt = 30;
// Virtual cost of one runtime_doSpin = procyield(30) = 30 PAUSE instructions (asm_amd64.s:752).
// Measured here: 3.34-3.47 us for 30 _mm_pause() on the 2-vCPU AMD EPYC VM (gcc -O2, 1M rounds);
// PAUSE latency varies widely by CPU (Skylake+ ~140 cycles, older Intel ~10).
inline constexpr int64_t kDoSpinNs = 3400;
// Default simulated CPU count for canSpin's `ncpu <= 1` test (gofast's default GOMAXPROCS).
inline constexpr int32_t kDefaultSyncNCPU = kDefaultGOMAXPROCS;

// ---- results -------------------------------------------------------------------------------------------------
enum class SyncStatus : uint8_t {
  Done,
  Spin,
  Blocked,
  Yielded,
  FatalUnlockOfUnlocked,  // fatal error: sync: unlock of unlocked mutex (mutex.go:229)
  FatalInconsistentState, // fatal error: sync: inconsistent mutex state (mutex.go throws; a bug or a copied Mutex)
  PanicNegativeCounter,   // panic: sync: negative WaitGroup counter (waitgroup.go:83)
  PanicAddWithWait,       // panic: sync: WaitGroup misuse: Add called concurrently with Wait (:86, :97)
  PanicReused,            // panic: sync: WaitGroup is reused before previous Wait has returned (:141)
  Fault,                  // the object's address is not mapped (nil pointer)
};
const char* syncStatusName(SyncStatus s);
// Go's message ("sync: negative WaitGroup counter"); "" for Done/Spin/Blocked/Yielded/Fault.
const char* syncStatusMessage(SyncStatus s);
bool syncStatusIsFatal(SyncStatus s);  // "fatal error: ..." (unrecoverable) rather than "panic: ..."
bool syncStatusIsPanic(SyncStatus s);

struct SyncResult {
  SyncStatus status = SyncStatus::Done;
  int64_t costNs = 0;  // Spin: virtual time the spin took (kDoSpinNs)
};

// Which sync operation a G is in the middle of (Spin or Blocked), for tracebacks and the UI.
enum class SyncOp : uint8_t { None, MutexLock, WaitGroupWait };
const char* syncOpName(SyncOp op);

// ---- traceback frames ----------------------------------------------------------------------------------------
// One frame Go prints for a G stopped inside the sync package: "sync.(*Mutex).lockSlow(...)" then
// "\t$GOROOT/src/sync/mutex.go:171". inlined frames print "(...)" even in raw tracebacks.
struct SyncFrame {
  const char* func;  // "sync.runtime_SemacquireMutex"
  const char* file;  // relative to $GOROOT: "src/runtime/sema.go"
  int line;
  bool inlined;
};
// The frames, innermost first, printed above the user's frames for a G blocked in op (checked
// against Go 1.19: tests/golden/go-corpus/42_deadlock_mutex and 45_deadlock_waitgroup).
std::vector<SyncFrame> syncBlockedFrames(SyncOp op);
// The frames of the goroutine that hit a sync fatal error or panic (Go 1.19 tracebacks of
// m.Unlock() on an unlocked mutex, wg.Done() past zero / wg.Add(-1), reuse in Wait). viaDone: the
// user called Done (inlined into the trace as sync.(*WaitGroup).Done(...) waitgroup.go:108).
std::vector<SyncFrame> syncFailureFrames(SyncStatus s, bool viaDone);

// ---- SyncTable ------------------------------------------------------------------------------------------------
struct SyncConfig {
  int32_t ncpu = kDefaultSyncNCPU;  // runtime.NumCPU(): spinning needs ncpu > 1
};

class MachineCloner;
class SyncTable {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  explicit SyncTable(Scheduler& s, const SyncConfig& cfg = {}) : s_(s), sema_(s), cfg_(cfg) {}
  SyncTable(const SyncTable&) = delete;
  SyncTable& operator=(const SyncTable&) = delete;

  // All on behalf of mp->curg; mu / wg are the objects' addresses in simulated memory.
  SyncResult mutexLock(m* mp, Addr mu);    // mutex.go:81 Lock + :108 lockSlow
  bool mutexTryLock(m* mp, Addr mu, SyncStatus* st = nullptr);  // mutex.go:95 (Go 1.18+)
  SyncResult mutexUnlock(m* mp, Addr mu);  // mutex.go:212 Unlock + :227 unlockSlow
  SyncResult wgAdd(m* mp, Addr wg, int64_t delta);  // waitgroup.go:65
  SyncResult wgDone(m* mp, Addr wg) { return wgAdd(mp, wg, -1); }  // waitgroup.go:107
  SyncResult wgWait(m* mp, Addr wg);       // waitgroup.go:112

  // proc.go:6195 sync_runtime_canSpin for mp at spin round i.
  bool canSpin(const m* mp, int i) const;

  // The operation gp is in the middle of (None if it is not inside Lock/Wait).
  SyncOp blockedIn(const g* gp) const;
  // Reads of the objects (tests, UI).
  int32_t mutexState(Addr mu) const;
  uint64_t wgState(Addr wg) const;

  SemaTable& sema() { return sema_; }
  const SyncConfig& config() const { return cfg_; }

 private:
  enum class Phase : uint8_t { None, Spinning, Sleeping };
  struct Cont {  // lockSlow's locals, or Wait's
    SyncOp op = SyncOp::None;
    Phase phase = Phase::None;
    Addr addr = 0;
    int64_t waitStartTime = 0;
    bool starving = false;
    bool awoke = false;
    int iter = 0;
    int32_t old = 0;
  };
  Cont& cont(const g* gp);
  SyncResult lockSlow(m* mp, Cont& c);
  bool load32(Addr a, uint32_t* v) const;
  void store32(Addr a, uint32_t v);
  bool load64(Addr a, uint64_t* v) const;
  void store64(Addr a, uint64_t v);

  Scheduler& s_;
  SemaTable sema_;
  SyncConfig cfg_;
  std::vector<Cont> conts_;  // by g.handle - 1
};

}  // namespace gofast::rt
