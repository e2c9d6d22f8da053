// The scheduler's time-driven half: syscalls, timers (time.Sleep), sysmon (retake, preemption
// requests), poll() (the VM's between-slices entry point, idle time skipping, deadlock detection),
// and procresize / GOMAXPROCS.
#include <algorithm>

#include "runtime/sched.h"

namespace gofast::rt {

// ---- syscalls ---------------------------------------------------------------------------------------------
// proc.go:3612 reentersyscall: the G keeps its M; the P stays attached loosely in _Psyscall so the
// same M can take it back cheaply, unless sysmon retakes it first.
void Scheduler::entersyscall(m* mp, int64_t durationNs) {
  g* gp = mp->curg;
  p* pp = mp->pp;
  GOFAST_RT_ASSERT(gp && pp && gp->atomicstatus == _Grunning, "entersyscall: bad state");
  traceEv(TraceEv::SyscallEnter, mp, gp);
  gp->stackguard0 = stackPreempt;  // any stack split during the syscall would be a bug (:3622)
  casgstatus(gp, _Grunning, _Gsyscall);
  if (sched.sysmonwait) {  // entersyscall_sysmon: wake sysmon so it can retake this P
    sched.sysmonwait = false;
    sysmonWhen_ = now_ + kSysmonMinDelayNS;
  }
  mp->syscalltick = pp->syscalltick;
  pp->m = nullptr;
  mp->oldp = pp;
  mp->pp = nullptr;
  pp->status = _Psyscall;
  mp->state = MState::Syscall;
  mp->syscallEnd = durationNs > 0 ? now_ + durationNs : 0;
  insyscall_++;
}

// proc.go:3773.
void Scheduler::exitsyscall(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Gsyscall && mp->state == MState::Syscall, "exitsyscall: not in a syscall");
  p* oldp = mp->oldp;
  mp->oldp = nullptr;
  mp->syscallEnd = 0;
  insyscall_--;
  gp->waitsince = 0;
  // exitsyscallfast (:3857): the old P if nobody took it, else any idle P.
  p* pp = nullptr;
  if (oldp && oldp->status == _Psyscall) {
    oldp->status = _Pidle;
    pp = oldp;
  } else if (sched.pidle) {
    pp = pidleget();
  }
  if (pp) {
    acquirep(mp, pp);
    if (mp->syscalltick != pp->syscalltick) pp->syscalltick++;  // exitsyscallfast_reacquired
    pp->syscalltick++;
    casgstatus(gp, _Gsyscall, _Grunning);
    gp->stackguard0 = gp->preempt ? stackPreempt : gp->stack.lo + _StackGuard;
    mp->state = MState::Running;
    traceEv(TraceEv::SyscallExit, mp, gp, 0, 1);
    return;
  }
  // exitsyscall0 (:3940): no P: queue the G globally and stop this M.
  traceEv(TraceEv::SyscallExit, mp, gp, 0, 0);
  casgstatus(gp, _Gsyscall, _Grunnable);
  dropg(mp);
  globrunqput(gp);
  stopm(mp);
}

void Scheduler::completeSyscalls() {
  if (insyscall_ == 0) return;  // the common case: poll() runs between every two slices
  for (size_t i = 0; i < allm.size(); i++) {
    m* mp = allm[i].get();
    if (mp->state == MState::Syscall && mp->syscallEnd != 0 && mp->syscallEnd <= now_) exitsyscall(mp);
  }
}

// ---- timers (time.go: a 4-ary min-heap per P) -------------------------------------------------------------------
void Scheduler::siftupTimer(std::vector<timer*>& h, uint32_t i) {
  timer* t = h[i];
  while (i > 0) {
    const uint32_t parent = (i - 1) / 4;
    if (t->when >= h[parent]->when) break;
    h[i] = h[parent];
    h[i]->heapIndex = i;
    i = parent;
  }
  h[i] = t;
  t->heapIndex = i;
}

void Scheduler::siftdownTimer(std::vector<timer*>& h, uint32_t i) {
  const uint32_t n = static_cast<uint32_t>(h.size());
  timer* t = h[i];
  for (;;) {
    const uint32_t c = 4 * i + 1;
    if (c >= n) break;
    uint32_t best = c;
    for (uint32_t k = c + 1; k < c + 4 && k < n; k++)
      if (h[k]->when < h[best]->when) best = k;
    if (h[best]->when >= t->when) break;
    h[i] = h[best];
    h[i]->heapIndex = i;
    i = best;
  }
  h[i] = t;
  t->heapIndex = i;
}

void Scheduler::addtimer(p* pp, timer* t) {
  GOFAST_RT_ASSERT(!t->pp, "addtimer: timer already queued");
  t->pp = pp;
  pp->timers.push_back(t);
  siftupTimer(pp->timers, static_cast<uint32_t>(pp->timers.size() - 1));
}

void Scheduler::deltimer0(p* pp) {
  auto& h = pp->timers;
  timer* top = h[0];
  top->pp = nullptr;
  timer* last = h.back();
  h.pop_back();
  if (!h.empty()) {
    h[0] = last;
    siftdownTimer(h, 0);
  }
}

// proc.go:3279 checkTimers + time.go runtimer: run pp's expired timers on mp. Each sleep timer's
// function is goroutineReady (time.go:192), i.e. goready on the *current* M's P.
int64_t Scheduler::checkTimers(m* mp, p* pp, bool* ran) {
  while (!pp->timers.empty()) {
    timer* t = pp->timers[0];
    if (t->when > now_) return t->when;
    deltimer0(pp);
    *ran = true;
    goready(mp, t->arg);
  }
  return 0;
}

int64_t Scheduler::nextTimerWhen() const {
  int64_t next = 0;
  for (const auto& pp : allp)
    if (!pp->timers.empty() && (next == 0 || pp->timers[0]->when < next)) next = pp->timers[0]->when;
  return next;
}

// time.go:178 timeSleep: park with a timer on the current P that readies the G at now+ns.
void Scheduler::timeSleep(m* mp, int64_t ns) {
  if (ns <= 0) return;
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning && mp->pp, "timeSleep: bad state");
  timer* t = gp->sleepTimer;
  if (!t) {
    timerStore_.push_back(std::make_unique<timer>());
    t = timerStore_.back().get();
    gp->sleepTimer = t;
  }
  t->arg = gp;
  t->when = now_ + ns;
  if (t->when < now_) t->when = INT64_MAX;  // maxWhen on overflow (time.go:187)
  // gopark(resetForSleep, ..., waitReasonSleep): park first, then (on g0) add the timer to this P.
  gp->waitreason = waitReason::waitReasonSleep;
  gp->waitsince = now_;
  traceEv(TraceEv::GoBlock, mp, gp, 0, static_cast<uint8_t>(waitReason::waitReasonSleep));
  casgstatus(gp, _Grunning, _Gwaiting);
  dropg(mp);
  addtimer(mp->pp, t);
  schedule(mp);
}

// ---- sysmon -------------------------------------------------------------------------------------------------
// proc.go:5388: ask the G running on pp to stop at its next function prologue.
bool Scheduler::preemptone(p* pp) {
  m* mp = pp->m;
  if (!mp || mp == sysmonM_) return false;
  g* gp = mp->curg;
  if (!gp) return false;
  gp->preempt = true;
  gp->stackguard0 = stackPreempt;
  if (cfg.asyncPreempt) pp->preempt = true;  // preemptM: SIGURG (1.14+); the VM may stop it anywhere safe
  traceEv(TraceEv::Preempt, mp, gp);
  return true;
}

// proc.go:5291.
uint32_t Scheduler::retake(int64_t now) {
  uint32_t n = 0;
  for (int32_t i = 0; i < gomaxprocs; i++) {
    p* pp = allp[i].get();
    struct sysmontick& pd = pp->sysmontick;
    const uint32_t s = pp->status;
    bool sysretake = false;
    if (s == _Prunning || s == _Psyscall) {
      // Preempt a G that has been running for the whole time slice.
      if (pd.schedtick != pp->schedtick) {
        pd.schedtick = pp->schedtick;
        pd.schedwhen = now;
      } else if (pd.schedwhen + forcePreemptNS <= now) {
        preemptone(pp);
        sysretake = true;  // a syscall also counts as running for the slice
      }
    }
    if (s == _Psyscall) {
      // Retake a P from a syscall if it has lasted a whole sysmon tick (20us or more).
      if (!sysretake && pd.syscalltick != pp->syscalltick) {
        pd.syscalltick = pp->syscalltick;
        pd.syscallwhen = now;
        continue;
      }
      // ... unless there is no work for it, others are idle or spinning and it has not been 10ms.
      if (pp->runqempty() && sched.nmspinning + sched.npidle > 0 && pd.syscallwhen + kSyscallRetakeNS > now) continue;
      pp->status = _Pidle;
      traceEv(TraceEv::Handoff, sysmonM_, nullptr, static_cast<uint32_t>(pp->id));
      n++;
      pp->syscalltick++;
      handoffp(pp);
    }
  }
  return n;
}

// One iteration of proc.go:5134's loop, at the virtual time it wakes up.
void Scheduler::sysmonTick() {
  const int64_t now = now_;
  if (sched.npidle == static_cast<uint32_t>(gomaxprocs)) {
    // Everything idle: sleep until the next timer, at most forcegcperiod/2 (:5164-5176).
    sched.sysmonwait = true;
    int64_t sleep = forcegcperiod / 2;
    const int64_t next = nextTimerWhen();
    if (next > now && next - now < sleep) sleep = next - now;
    sysmonWhen_ = now + sleep;
    return;
  }
  sched.sysmonwait = false;
  if (retake(now) != 0) sysmonIdle_ = 0; else sysmonIdle_++;
  // Next nap (:5146-5151): 20us while it finds work; after 50 idle rounds, double up to 10ms.
  if (sysmonIdle_ == 0) {
    sysmonDelay_ = kSysmonMinDelayNS;
  } else if (sysmonIdle_ > kSysmonIdleRoundsBeforeDoubling) {
    sysmonDelay_ *= 2;
  }
  if (sysmonDelay_ > kSysmonMaxDelayNS) sysmonDelay_ = kSysmonMaxDelayNS;
  sysmonWhen_ = now + sysmonDelay_;
}

// ---- poll ---------------------------------------------------------------------------------------------------
void Scheduler::runPendingWakes() {
  while (!pendingWake_.empty() && fatal_.empty()) {
    m* mp = pendingWake_.front();
    pendingWake_.erase(pendingWake_.begin());
    if (mp->state != MState::Woken) continue;
    p* pp = mp->nextp;
    mp->nextp = nullptr;
    mp->state = MState::Running;
    acquirep(mp, pp);  // mstart1 / stopm's return: acquirep(nextp), then schedule
    schedule(mp);
  }
}

PollResult Scheduler::poll() {
  for (uint64_t iter = 0;; iter++) {
    GOFAST_RT_ASSERT(iter < 100000000, "poll: no progress");
    if (!fatal_.empty()) return {RunState::Fatal, fatal_.c_str()};
    runPendingWakes();
    completeSyscalls();
    runPendingWakes();
    if (now_ >= sysmonWhen_) {
      sysmonTick();
      runPendingWakes();
    }
    if (!fatal_.empty()) return {RunState::Fatal, fatal_.c_str()};
    // A timer expired while its P is idle: the M Go leaves sleeping in netpoll until the next timer
    // (findRunnable's pollUntil) wakes up; gofast wakes a spinning M, which runs it by stealing.
    const int64_t nt = nextTimerWhen();
    if (nt != 0 && nt <= now_ && sched.npidle > 0 && sched.nmspinning == 0) {
      wakep();
      runPendingWakes();
    }
    if (anyRunningM()) return {RunState::Running, ""};
    if (!pendingWake_.empty()) continue;
    // Nothing runs: skip to the next event (faketime, proc.go:5081).
    int64_t next = 0;
    auto consider = [&](int64_t t) {
      if (t > now_ && (next == 0 || t < next)) next = t;
    };
    consider(nextTimerWhen());
    bool anySyscall = false, openSyscall = false;
    for (const auto& mp : allm) {
      if (mp->state != MState::Syscall) continue;
      anySyscall = true;
      if (mp->syscallEnd != 0) consider(mp->syscallEnd); else openSyscall = true;
    }
    if (anySyscall && sched.npidle < static_cast<uint32_t>(gomaxprocs)) consider(sysmonWhen_);
    if (next != 0) {
      now_ = next;
      traceEv(TraceEv::ClockJump, nullptr, nullptr);
      continue;
    }
    if (openSyscall) return {RunState::Blocked, ""};
    // checkdead (proc.go:5017): no M runs, nothing can wake anyone.
    for (const auto& gp : allgs)
      if (gp->atomicstatus == _Gwaiting || gp->atomicstatus == _Gpreempted)
        return {RunState::Deadlock, "all goroutines are asleep - deadlock!"};
    return {RunState::NoGoroutines, "no goroutines (main called runtime.Goexit) - deadlock!"};
  }
}

// ---- procresize / GOMAXPROCS -------------------------------------------------------------------------------------
p* Scheduler::procresizeImpl(int32_t nprocs, m* mp) {
  const int32_t old = gomaxprocs;
  GOFAST_RT_ASSERT(nprocs >= 1 && nprocs <= _MaxGomaxprocs, "procresize: invalid arg");
  // Initialize new Ps (p.init, proc.go:4683).
  while (static_cast<int32_t>(allp.size()) < nprocs) {
    auto np = std::make_unique<p>();
    np->id = static_cast<int32_t>(allp.size());
    np->status = _Pgcstop;
    if (np->id == 0) {
      np->mcache = &heap_.defaultCache();  // mcache0
    } else {
      pcaches_.push_back(std::make_unique<mcache>());
      np->mcache = pcaches_.back().get();
      heap_.registerCache(np->mcache);
    }
    allp.push_back(std::move(np));
  }
  // Keep the current P if it survives, else switch to P0.
  if (mp->pp && mp->pp->id < nprocs) {
    mp->pp->status = _Prunning;
  } else {
    if (mp->pp) {
      mp->pp->m = nullptr;
      mp->pp = nullptr;
    }
    p* p0 = allp[0].get();
    p0->m = nullptr;
    p0->status = _Pidle;
    acquirep(mp, p0);
  }
  // Destroy the Ps beyond nprocs (p.destroy, proc.go:4710).
  for (int32_t i = nprocs; i < old; i++) {
    p* pp = allp[i].get();
    while (pp->runqhead != pp->runqtail) {  // keep the ring's order at the global queue's head
      pp->runqtail--;
      globrunqputhead(pp->runq[pp->runqtail % kRunqSize]);
      pp->runq[pp->runqtail % kRunqSize] = nullptr;
    }
    if (pp->runnext) {
      globrunqputhead(pp->runnext);
      pp->runnext = nullptr;
    }
    for (timer* t : std::vector<timer*>(pp->timers)) {  // moveTimers to the current P
      t->pp = nullptr;
      addtimer(mp->pp, t);
    }
    pp->timers.clear();
    while (g* gp = pp->gFree.pop()) {
      if (gp->stack.ok()) sched.gFree.stack.push(gp); else sched.gFree.noStack.push(gp);
      sched.gFree.n++;
    }
    stacks_.stackcacheClear(*pp->mcache);
    heap_.unregisterCache(pp->mcache);
    pp->status = _Pdead;
  }
  while (static_cast<int32_t>(allp.size()) > nprocs) {
    deadPs_.push_back(std::move(allp.back()));
    allp.pop_back();
  }
  // The rest become idle, or runnable if they have local work.
  p* runnablePs = nullptr;
  for (int32_t i = nprocs - 1; i >= 0; i--) {
    p* pp = allp[i].get();
    if (pp == mp->pp) continue;
    pp->status = _Pidle;
    pp->m = nullptr;
    if (pp->runqempty()) {
      pidleput(pp);
    } else {
      pp->link = runnablePs;
      runnablePs = pp;
    }
  }
  // stealOrder.reset(nprocs): the strides coprime with nprocs.
  stealCoprimes_.clear();
  for (uint32_t i = 1; i <= static_cast<uint32_t>(nprocs); i++) {
    uint32_t a = i, b = static_cast<uint32_t>(nprocs);
    while (b != 0) {
      const uint32_t t = a % b;
      a = b;
      b = t;
    }
    if (a == 1) stealCoprimes_.push_back(i);
  }
  gomaxprocs = nprocs;
  return runnablePs;
}

void Scheduler::procresize(int32_t nprocs, m* mp) { startTheWorld(procresizeImpl(nprocs, mp)); }

void Scheduler::startTheWorld(p* runnablePs) {
  while (p* pp = runnablePs) {
    runnablePs = pp->link;
    pp->link = nullptr;
    if (m* nmp = mget()) {
      nmp->nextp = pp;
      nmp->state = MState::Woken;
      pendingWake_.push_back(nmp);
    } else if (!newm(pp, false)) {
      return;
    }
  }
  wakep();
}

// stopTheWorldWithSema (proc.go:1163), modelled: every other running G is preempted to the global
// queue (as gopreempt_m would do at its next safe point), Ps in syscalls and idle Ps are stopped.
void Scheduler::stopTheWorld(m* mp) {
  for (m* wm : pendingWake_) {  // Ms about to start: undo
    if (wm->state != MState::Woken) continue;
    p* pp = wm->nextp;
    wm->nextp = nullptr;
    if (wm->spinning) {
      wm->spinning = false;
      sched.nmspinning--;
    }
    mput(wm);
    pp->status = _Pgcstop;
  }
  pendingWake_.clear();
  for (const auto& om : allm) {
    m* o = om.get();
    if (o == mp || o->state != MState::Running || !o->pp) continue;
    if (g* gp = o->curg) {
      traceEv(TraceEv::GoStop, o, gp, 0, static_cast<uint8_t>(TraceStop::GomaxprocsChange));
      casgstatus(gp, _Grunning, _Grunnable);
      dropg(o);
      globrunqput(gp);
    }
    p* pp = releasep(o);
    pp->status = _Pgcstop;
    o->spinning = false;
    stopm(o);
  }
  for (const auto& pp : allp) {
    if (pp->status == _Psyscall) {
      pp->status = _Pgcstop;
      pp->syscalltick++;
    }
  }
  while (p* pp = pidleget()) pp->status = _Pgcstop;
  if (mp->pp) mp->pp->status = _Pgcstop;
}

int32_t Scheduler::GOMAXPROCS(m* mp, int32_t n) {
  const int32_t ret = gomaxprocs;
  if (n <= 0 || n == ret) return ret;
  if (n > _MaxGomaxprocs) n = _MaxGomaxprocs;
  stopTheWorld(mp);
  p* runnable = procresizeImpl(n, mp);
  startTheWorld(runnable);
  return ret;
}

}  // namespace gofast::rt
