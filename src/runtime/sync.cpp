#include "runtime/sync.h"

namespace gofast::rt {

const char* syncStatusName(SyncStatus s) {
  switch (s) {
    case SyncStatus::Done: return "Done";
    case SyncStatus::Spin: return "Spin";
    case SyncStatus::Blocked: return "Blocked";
    case SyncStatus::Yielded: return "Yielded";
    case SyncStatus::FatalUnlockOfUnlocked: return "FatalUnlockOfUnlocked";
    case SyncStatus::FatalInconsistentState: return "FatalInconsistentState";
    case SyncStatus::PanicNegativeCounter: return "PanicNegativeCounter";
    case SyncStatus::PanicAddWithWait: return "PanicAddWithWait";
    case SyncStatus::PanicReused: return "PanicReused";
    case SyncStatus::Fault: return "Fault";
  }
  return "?";
}

const char* syncStatusMessage(SyncStatus s) {
  switch (s) {
    case SyncStatus::FatalUnlockOfUnlocked: return "sync: unlock of unlocked mutex";         // mutex.go:229
    case SyncStatus::FatalInconsistentState: return "sync: inconsistent mutex state";        // mutex.go:158,180
    case SyncStatus::PanicNegativeCounter: return "sync: negative WaitGroup counter";         // waitgroup.go:83
    case SyncStatus::PanicAddWithWait:
      return "sync: WaitGroup misuse: Add called concurrently with Wait";                    // waitgroup.go:86,97
    case SyncStatus::PanicReused:
      return "sync: WaitGroup is reused before previous Wait has returned";                  // waitgroup.go:141
    default: return "";
  }
}

bool syncStatusIsFatal(SyncStatus s) {
  return s == SyncStatus::FatalUnlockOfUnlocked || s == SyncStatus::FatalInconsistentState;
}

bool syncStatusIsPanic(SyncStatus s) {
  return s == SyncStatus::PanicNegativeCounter || s == SyncStatus::PanicAddWithWait || s == SyncStatus::PanicReused;
}

const char* syncOpName(SyncOp op) {
  switch (op) {
    case SyncOp::None: return "none";
    case SyncOp::MutexLock: return "sync.(*Mutex).Lock";
    case SyncOp::WaitGroupWait: return "sync.(*WaitGroup).Wait";
  }
  return "?";
}

// ---- traceback frames ------------------------------------------------------------------------------------------
// Lines from Go 1.19.8's sources and its tracebacks (go-corpus/42 and /45; the fatal and panic
// cases from running `m.Unlock()` on a zero Mutex, `wg.Done()` on a zero WaitGroup and Add after
// a Wait was released, with /usr/lib/go-1.19/bin/go run).
std::vector<SyncFrame> syncBlockedFrames(SyncOp op) {
  switch (op) {
    case SyncOp::MutexLock:
      return {
          {"sync.runtime_SemacquireMutex", "src/runtime/sema.go", 77, false},  // semacquire1 call
          {"sync.(*Mutex).lockSlow", "src/sync/mutex.go", 171, false},        // runtime_SemacquireMutex
          {"sync.(*Mutex).Lock", "src/sync/mutex.go", 90, true},              // m.lockSlow()
      };
    case SyncOp::WaitGroupWait:
      return {
          {"sync.runtime_Semacquire", "src/runtime/sema.go", 62, false},      // semacquire1 call
          {"sync.(*WaitGroup).Wait", "src/sync/waitgroup.go", 139, false},    // runtime_Semacquire
      };
    case SyncOp::None: break;
  }
  return {};
}

std::vector<SyncFrame> syncFailureFrames(SyncStatus s, bool viaDone) {
  std::vector<SyncFrame> f;
  switch (s) {
    case SyncStatus::FatalUnlockOfUnlocked:
      f.push_back({"sync.fatal", "src/runtime/panic.go", 1031, false});       // sync_fatal -> fatal
      f.push_back({"sync.(*Mutex).unlockSlow", "src/sync/mutex.go", 229, false});
      f.push_back({"sync.(*Mutex).Unlock", "src/sync/mutex.go", 223, true});
      break;
    case SyncStatus::FatalInconsistentState:
      f.push_back({"sync.throw", "src/runtime/panic.go", 1026, false});      // sync_throw -> throw
      f.push_back({"sync.(*Mutex).lockSlow", "src/sync/mutex.go", 158, false});  // or :180 (handoff check)
      f.push_back({"sync.(*Mutex).Lock", "src/sync/mutex.go", 90, true});
      break;
    case SyncStatus::PanicNegativeCounter:
      f.push_back({"sync.(*WaitGroup).Add", "src/sync/waitgroup.go", 83, false});
      if (viaDone) f.push_back({"sync.(*WaitGroup).Done", "src/sync/waitgroup.go", 108, true});
      break;
    case SyncStatus::PanicAddWithWait:
      f.push_back({"sync.(*WaitGroup).Add", "src/sync/waitgroup.go", 86, false});
      break;
    case SyncStatus::PanicReused:
      f.push_back({"sync.(*WaitGroup).Wait", "src/sync/waitgroup.go", 141, false});
      break;
    default: break;
  }
  return f;
}

// ---- memory access ------------------------------------------------------------------------------------------------
bool SyncTable::load32(Addr a, uint32_t* v) const { return s_.addrSpace().readU32(a, *v).ok(); }
bool SyncTable::load64(Addr a, uint64_t* v) const { return s_.addrSpace().readU64(a, *v).ok(); }
void SyncTable::store32(Addr a, uint32_t v) {
  GOFAST_RT_ASSERT(s_.addrSpace().writeU32(a, v).ok(), "sync: store to a checked address faulted");
}
void SyncTable::store64(Addr a, uint64_t v) {
  GOFAST_RT_ASSERT(s_.addrSpace().writeU64(a, v).ok(), "sync: store to a checked address faulted");
}

int32_t SyncTable::mutexState(Addr mu) const {
  uint32_t v = 0;
  load32(mu + kMutexStateOff, &v);
  return static_cast<int32_t>(v);
}

uint64_t SyncTable::wgState(Addr wg) const {
  uint64_t v = 0;
  load64(wg + kWaitGroupState1Off, &v);
  return v;
}

SyncTable::Cont& SyncTable::cont(const g* gp) {
  GOFAST_RT_ASSERT(gp && gp->handle != 0, "sync: no current G");
  if (conts_.size() < gp->handle) conts_.resize(gp->handle);
  return conts_[gp->handle - 1];
}

SyncOp SyncTable::blockedIn(const g* gp) const {
  if (!gp || gp->handle == 0 || gp->handle > conts_.size()) return SyncOp::None;
  return conts_[gp->handle - 1].op;
}

// proc.go:6195: spin only a few rounds, only on a multicore machine with another P running Go code
// (GOMAXPROCS > idle Ps + spinning Ms + 1) and nothing waiting in this P's local run queue.
bool SyncTable::canSpin(const m* mp, int i) const {
  if (i >= active_spin || cfg_.ncpu <= 1 ||
      s_.gomaxprocs <= static_cast<int32_t>(s_.sched.npidle + s_.sched.nmspinning) + 1) {
    return false;
  }
  if (!mp->pp || !mp->pp->runqempty()) return false;
  return true;
}

// ---- Mutex ------------------------------------------------------------------------------------------------------
SyncResult SyncTable::mutexLock(m* mp, Addr mu) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "mutexLock: no running G");
  Cont& c = cont(gp);
  if (c.op != SyncOp::None) {
    GOFAST_RT_ASSERT(c.op == SyncOp::MutexLock && c.addr == mu, "mutexLock: G is inside another sync operation");
    return lockSlow(mp, c);  // the same call again: resume
  }
  uint32_t st = 0, sema = 0;
  if (!load32(mu + kMutexStateOff, &st) || !load32(mu + kMutexSemaOff, &sema)) return {SyncStatus::Fault};
  // Fast path (mutex.go:83): CAS 0 -> mutexLocked.
  if (st == 0) {
    store32(mu + kMutexStateOff, static_cast<uint32_t>(mutexLocked));
    return {SyncStatus::Done};
  }
  c = Cont{};
  c.op = SyncOp::MutexLock;
  c.addr = mu;
  c.old = static_cast<int32_t>(st);
  return lockSlow(mp, c);
}

// mutex.go:108 lockSlow as a resumable loop. c.phase says where the previous call stopped.
SyncResult SyncTable::lockSlow(m* mp, Cont& c) {
  const Addr statep = c.addr + kMutexStateOff;
  const Addr semap = c.addr + kMutexSemaOff;
  auto load = [&]() {
    uint32_t v = 0;
    GOFAST_RT_ASSERT(load32(statep, &v), "lockSlow: mutex unmapped while in use");
    return static_cast<int32_t>(v);
  };
  auto cas = [&](int32_t oldv, int32_t newv) {  // atomic.CompareAndSwapInt32 on one host thread
    if (load() != oldv) return false;
    store32(statep, static_cast<uint32_t>(newv));
    return true;
  };
  // After the semaphore was acquired (mutex.go:172-190). Returns true when the lock is ours.
  auto woken = [&](SyncResult* out) {
    c.starving = c.starving || s_.nanotime() - c.waitStartTime > starvationThresholdNs;
    c.old = load();
    if (c.old & mutexStarving) {
      // Ownership was handed off to us; mutexLocked is not set and we still count as a waiter.
      if ((c.old & (mutexLocked | mutexWoken)) != 0 || (c.old >> mutexWaiterShift) == 0) {
        c = Cont{};
        *out = {SyncStatus::FatalInconsistentState};
        return true;
      }
      uint32_t delta = static_cast<uint32_t>(mutexLocked) - (uint32_t{1} << mutexWaiterShift);
      // Exit starvation mode if we did not starve or are the last waiter (mutex.go:183-190).
      if (!c.starving || (c.old >> mutexWaiterShift) == 1) delta -= static_cast<uint32_t>(mutexStarving);
      store32(statep, static_cast<uint32_t>(load()) + delta);  // atomic.AddInt32
      c = Cont{};
      *out = {SyncStatus::Done};
      return true;
    }
    c.awoke = true;
    c.iter = 0;
    return false;
  };

  if (c.phase == Phase::Spinning) {
    c.phase = Phase::None;
    c.old = load();  // mutex.go:131, after runtime_doSpin
  } else if (c.phase == Phase::Sleeping) {
    if (sema_.semacquireResume(mp) == SemaStatus::Blocked) return {SyncStatus::Blocked};
    c.phase = Phase::None;
    SyncResult out;
    if (woken(&out)) return out;
  }
  for (;;) {
    const int32_t old = c.old;
    // Spin only in normal mode while locked (mutex.go:117).
    if ((old & (mutexLocked | mutexStarving)) == mutexLocked && canSpin(mp, c.iter)) {
      // Set mutexWoken so that Unlock does not wake a sleeper while we are about to take the lock.
      if (!c.awoke && (old & mutexWoken) == 0 && (old >> mutexWaiterShift) != 0 && cas(old, old | mutexWoken)) {
        c.awoke = true;
      }
      c.iter++;
      c.phase = Phase::Spinning;
      return {SyncStatus::Spin, kDoSpinNs};  // runtime_doSpin: procyield(active_spin_cnt)
    }
    uint32_t nw = static_cast<uint32_t>(old);
    if ((old & mutexStarving) == 0) nw |= mutexLocked;  // newcomers do not grab a starving mutex
    if ((old & (mutexLocked | mutexStarving)) != 0) nw += uint32_t{1} << mutexWaiterShift;
    if (c.starving && (old & mutexLocked) != 0) nw |= mutexStarving;
    if (c.awoke) {
      if ((nw & mutexWoken) == 0) {
        c = Cont{};
        return {SyncStatus::FatalInconsistentState};
      }
      nw &= ~static_cast<uint32_t>(mutexWoken);
    }
    if (cas(old, static_cast<int32_t>(nw))) {
      if ((old & (mutexLocked | mutexStarving)) == 0) {
        c = Cont{};
        return {SyncStatus::Done};  // locked with the CAS
      }
      // Waited before: queue at the front (mutex.go:166).
      const bool queueLifo = c.waitStartTime != 0;
      if (c.waitStartTime == 0) c.waitStartTime = s_.nanotime();
      if (sema_.semacquire1(mp, semap, queueLifo) == SemaStatus::Blocked) {
        c.phase = Phase::Sleeping;
        return {SyncStatus::Blocked};
      }
      SyncResult out;
      if (woken(&out)) return out;
    } else {
      c.old = load();
    }
  }
}

bool SyncTable::mutexTryLock(m* mp, Addr mu, SyncStatus* st) {
  (void)mp;
  if (st) *st = SyncStatus::Done;
  uint32_t old = 0, sema = 0;
  if (!load32(mu + kMutexStateOff, &old) || !load32(mu + kMutexSemaOff, &sema)) {
    if (st) *st = SyncStatus::Fault;
    return false;
  }
  if ((old & static_cast<uint32_t>(mutexLocked | mutexStarving)) != 0) return false;
  store32(mu + kMutexStateOff, old | static_cast<uint32_t>(mutexLocked));
  return true;
}

SyncResult SyncTable::mutexUnlock(m* mp, Addr mu) {
  GOFAST_RT_ASSERT(mp->curg && mp->curg->atomicstatus == _Grunning, "mutexUnlock: no running G");
  const Addr statep = mu + kMutexStateOff;
  const Addr semap = mu + kMutexSemaOff;
  uint32_t st = 0, sema = 0;
  if (!load32(statep, &st) || !load32(semap, &sema)) return {SyncStatus::Fault};
  // Fast path (mutex.go:219): drop the lock bit.
  uint32_t nw = st - static_cast<uint32_t>(mutexLocked);
  store32(statep, nw);
  if (nw == 0) return {SyncStatus::Done};
  // unlockSlow (mutex.go:227).
  if (((nw + static_cast<uint32_t>(mutexLocked)) & static_cast<uint32_t>(mutexLocked)) == 0) {
    return {SyncStatus::FatalUnlockOfUnlocked};
  }
  if ((nw & static_cast<uint32_t>(mutexStarving)) == 0) {
    uint32_t old = nw;
    for (;;) {
      // No waiters, or someone was already woken or grabbed the lock: nobody to wake.
      if ((static_cast<int32_t>(old) >> mutexWaiterShift) == 0 ||
          (old & static_cast<uint32_t>(mutexLocked | mutexWoken | mutexStarving)) != 0) {
        return {SyncStatus::Done};
      }
      // Grab the right to wake someone.
      nw = (old - (uint32_t{1} << mutexWaiterShift)) | static_cast<uint32_t>(mutexWoken);
      uint32_t cur = 0;
      load32(statep, &cur);
      if (cur == old) {
        store32(statep, nw);
        sema_.semrelease1(mp, semap, false);
        return {SyncStatus::Done};
      }
      old = cur;
    }
  }
  // Starvation mode: hand the mutex to the first waiter and yield our P to it (mutex.go:247-253).
  const bool yielded = sema_.semrelease1(mp, semap, true);
  return {yielded ? SyncStatus::Yielded : SyncStatus::Done};
}

// ---- WaitGroup ----------------------------------------------------------------------------------------------------
SyncResult SyncTable::wgAdd(m* mp, Addr wg, int64_t delta) {
  const Addr statep = wg + kWaitGroupState1Off;
  const Addr semap = wg + kWaitGroupState2Off;
  uint64_t state = 0;
  uint32_t sema = 0;
  if (!load64(statep, &state) || !load32(semap, &sema)) return {SyncStatus::Fault};
  state += static_cast<uint64_t>(delta) << 32;  // atomic.AddUint64(statep, uint64(delta)<<32)
  store64(statep, state);
  const int32_t v = static_cast<int32_t>(state >> 32);
  const uint32_t w = static_cast<uint32_t>(state);
  if (v < 0) return {SyncStatus::PanicNegativeCounter};
  if (w != 0 && delta > 0 && static_cast<int64_t>(v) == delta) return {SyncStatus::PanicAddWithWait};
  if (v > 0 || w == 0) return {SyncStatus::Done};
  // The counter reached 0 with waiters: reset the waiter count and release each waiter once.
  uint64_t now = 0;
  load64(statep, &now);
  if (now != state) return {SyncStatus::PanicAddWithWait};
  store64(statep, 0);
  for (uint32_t i = w; i != 0; i--) sema_.semrelease1(mp, semap, false);
  return {SyncStatus::Done};
}

SyncResult SyncTable::wgWait(m* mp, Addr wg) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "wgWait: no running G");
  const Addr statep = wg + kWaitGroupState1Off;
  const Addr semap = wg + kWaitGroupState2Off;
  Cont& c = cont(gp);
  auto afterSleep = [&]() -> SyncResult {
    uint64_t st = 0;
    load64(statep, &st);
    if (st != 0) return {SyncStatus::PanicReused};  // waitgroup.go:140
    return {SyncStatus::Done};
  };
  if (c.op != SyncOp::None) {
    GOFAST_RT_ASSERT(c.op == SyncOp::WaitGroupWait && c.addr == wg, "wgWait: G is inside another sync operation");
    if (sema_.semacquireResume(mp) == SemaStatus::Blocked) return {SyncStatus::Blocked};
    c = Cont{};
    return afterSleep();
  }
  uint64_t state = 0;
  uint32_t sema = 0;
  if (!load64(statep, &state) || !load32(semap, &sema)) return {SyncStatus::Fault};
  if (static_cast<int32_t>(state >> 32) == 0) return {SyncStatus::Done};  // counter 0: no need to wait
  store64(statep, state + 1);  // CAS state -> state+1: one more waiter (cannot fail on one thread)
  if (sema_.semacquire1(mp, semap, false) == SemaStatus::Blocked) {
    c = Cont{};
    c.op = SyncOp::WaitGroupWait;
    c.phase = Phase::Sleeping;
    c.addr = wg;
    return {SyncStatus::Blocked};
  }
  return afterSleep();
}

}  // namespace gofast::rt
