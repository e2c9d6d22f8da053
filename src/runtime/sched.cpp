// The scheduler core: names, casgstatus, run queues, free Gs, newproc, schedule/findRunnable, park
// and ready, M and P lists. Syscalls, sysmon, timers, poll() and procresize are in sched_sysmon.cpp.
#include "runtime/sched.h"

#include <algorithm>
#include <cstring>

namespace gofast::rt {

// ---- names -----------------------------------------------------------------------------------------------
const char* gStatusName(uint32_t s) {
  switch (s) {
    case _Gidle: return "_Gidle";
    case _Grunnable: return "_Grunnable";
    case _Grunning: return "_Grunning";
    case _Gsyscall: return "_Gsyscall";
    case _Gwaiting: return "_Gwaiting";
    case _Gmoribund_unused: return "_Gmoribund_unused";
    case _Gdead: return "_Gdead";
    case _Genqueue_unused: return "_Genqueue_unused";
    case _Gcopystack: return "_Gcopystack";
    case _Gpreempted: return "_Gpreempted";
    case _Gscanrunnable: return "_Gscanrunnable";
    case _Gscanrunning: return "_Gscanrunning";
    case _Gscansyscall: return "_Gscansyscall";
    case _Gscanwaiting: return "_Gscanwaiting";
    case _Gscanpreempted: return "_Gscanpreempted";
    default: return "unknown";
  }
}

const char* gStatusString(uint32_t s) {
  // traceback.go:1018 gStatusStrings; the _Gscan bit is dropped (traceback.go:1036).
  switch (s & ~uint32_t{_Gscan}) {
    case _Gidle: return "idle";
    case _Grunnable: return "runnable";
    case _Grunning: return "running";
    case _Gsyscall: return "syscall";
    case _Gwaiting: return "waiting";
    case _Gdead: return "dead";
    case _Gcopystack: return "copystack";
    case _Gpreempted: return "preempted";
    default: return "???";
  }
}

const char* pStatusName(uint32_t s) {
  switch (s) {
    case _Pidle: return "_Pidle";
    case _Prunning: return "_Prunning";
    case _Psyscall: return "_Psyscall";
    case _Pgcstop: return "_Pgcstop";
    case _Pdead: return "_Pdead";
    default: return "unknown";
  }
}

const char* waitReasonString(waitReason w) {
  static const char* const kStrings[] = {
      "",                         // waitReasonZero
      "GC assist marking",        // waitReasonGCAssistMarking
      "IO wait",                  // waitReasonIOWait
      "chan receive (nil chan)",  // waitReasonChanReceiveNilChan
      "chan send (nil chan)",     // waitReasonChanSendNilChan
      "dumping heap",             // waitReasonDumpingHeap
      "garbage collection",       // waitReasonGarbageCollection
      "garbage collection scan",  // waitReasonGarbageCollectionScan
      "panicwait",                // waitReasonPanicWait
      "select",                   // waitReasonSelect
      "select (no cases)",        // waitReasonSelectNoCases
      "GC assist wait",           // waitReasonGCAssistWait
      "GC sweep wait",            // waitReasonGCSweepWait
      "GC scavenge wait",         // waitReasonGCScavengeWait
      "chan receive",             // waitReasonChanReceive
      "chan send",                // waitReasonChanSend
      "finalizer wait",           // waitReasonFinalizerWait
      "force gc (idle)",          // waitReasonForceGCIdle
      "semacquire",               // waitReasonSemacquire
      "sleep",                    // waitReasonSleep
      "sync.Cond.Wait",           // waitReasonSyncCondWait
      "timer goroutine (idle)",   // waitReasonTimerGoroutineIdle
      "trace reader (blocked)",   // waitReasonTraceReaderBlocked
      "wait for GC cycle",        // waitReasonWaitForGCCycle
      "GC worker (idle)",         // waitReasonGCWorkerIdle
      "preempted",                // waitReasonPreempted
      "debug call",               // waitReasonDebugCall
  };
  static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == static_cast<size_t>(waitReason::Count_));
  const auto i = static_cast<size_t>(w);
  return i < static_cast<size_t>(waitReason::Count_) ? kStrings[i] : "unknown wait reason";
}

const char* waitReasonStringU8(uint8_t w) { return waitReasonString(static_cast<waitReason>(w)); }

const char* mStateName(MState s) {
  switch (s) {
    case MState::Running: return "running";
    case MState::Woken: return "woken";
    case MState::Idle: return "idle";
    case MState::Syscall: return "syscall";
    case MState::Sysmon: return "sysmon";
  }
  return "?";
}

const char* runStateName(RunState s) {
  switch (s) {
    case RunState::Running: return "running";
    case RunState::Blocked: return "blocked";
    case RunState::Deadlock: return "deadlock";
    case RunState::NoGoroutines: return "no goroutines";
    case RunState::Fatal: return "fatal";
  }
  return "?";
}

// ---- casgstatus --------------------------------------------------------------------------------------------
// Go has no table: casgstatus (proc.go:957) only rejects scan states and old == new, and each call
// site knows its transition. These are all the transitions Go 1.19's runtime makes (grep casgstatus,
// castogscanstatus, casfrom_Gscanstatus, casGToPreemptScan, casGFromPreempted):
namespace {
struct Transition {
  uint32_t from, to;
  const char* where;
};
constexpr Transition kLegalTransitions[] = {
    {_Gidle, _Gdead, "newproc1 after malg, proc.go:4124; oneNewExtraM"},
    {_Gdead, _Grunnable, "newproc1, proc.go:4172"},
    {_Gdead, _Gsyscall, "needm (cgo callback on a new M), proc.go:1880"},
    {_Grunnable, _Grunning, "execute, proc.go:2534"},
    {_Grunning, _Grunnable, "goschedImpl :3373, gopreempt_m, exitsyscall0 path"},
    {_Grunning, _Gwaiting, "park_m :3348 (gopark), GC stack scans"},
    {_Grunning, _Gsyscall, "reentersyscall :3633, entersyscallblock"},
    {_Grunning, _Gdead, "goexit0, proc.go:3484"},
    {_Grunning, _Gcopystack, "newstack, stack.go:1108"},
    {_Gcopystack, _Grunning, "newstack after copystack, stack.go:1111"},
    {_Gsyscall, _Grunning, "exitsyscall fast path, proc.go:3809"},
    {_Gsyscall, _Grunnable, "exitsyscall0, proc.go:3941"},
    {_Gsyscall, _Gdead, "dropm, proc.go:1982"},
    {_Gwaiting, _Grunnable, "ready :852, findRunnable (netpoll, GC workers)"},
    {_Gwaiting, _Grunning, "GC: gcMarkDone, markroot on own stack (mgc.go:831, mgcmark.go:245)"},
    {_Grunning, _Gscanpreempted, "casGToPreemptScan (suspendG), proc.go:1053"},
    {_Gscanpreempted, _Gpreempted, "casfrom_Gscanstatus after preemptPark, proc.go:3398"},
    {_Gpreempted, _Gwaiting, "casGFromPreempted (suspendG), proc.go:1065"},
    // castogscanstatus (proc.go:937): the GC claims a G's stack...
    {_Grunnable, _Gscanrunnable, "castogscanstatus"},
    {_Gsyscall, _Gscansyscall, "castogscanstatus"},
    {_Gwaiting, _Gscanwaiting, "castogscanstatus"},
    {_Grunning, _Gscanrunning, "castogscanstatus"},
    {_Gpreempted, _Gscanpreempted, "castogscanstatus (suspendG)"},
    // ... and casfrom_Gscanstatus (proc.go:909) gives it back.
    {_Gscanrunnable, _Grunnable, "casfrom_Gscanstatus"},
    {_Gscansyscall, _Gsyscall, "casfrom_Gscanstatus"},
    {_Gscanwaiting, _Gwaiting, "casfrom_Gscanstatus"},
    {_Gscanrunning, _Grunning, "casfrom_Gscanstatus"},
    {_Gscanpreempted, _Gwaiting, "suspendG via casGFromPreempted after the scan"},
};
}  // namespace

bool legalGStatusTransition(uint32_t oldval, uint32_t newval) {
  for (const Transition& t : kLegalTransitions)
    if (t.from == oldval && t.to == newval) return true;
  return false;
}

namespace {
// The table above as bits for the plain statuses (0..15), built once: casgstatus runs at every
// goroutine switch. Bit `to` of kLegalPlain[from]; transitions to or from _Gscan states use the list.
struct PlainTransitions {
  uint16_t bits[16] = {};
  PlainTransitions() {
    for (const Transition& t : kLegalTransitions)
      if (t.from < 16 && t.to < 16) bits[t.from] = static_cast<uint16_t>(bits[t.from] | (1u << t.to));
  }
};
const PlainTransitions kLegalPlain;
}  // namespace

void Scheduler::casgstatus(g* gp, uint32_t oldval, uint32_t newval) {
  GOFAST_RT_ASSERT(gp->atomicstatus == oldval, "casgstatus: g is not in the expected status");
  GOFAST_RT_ASSERT((oldval < 16 && newval < 16) ? ((kLegalPlain.bits[oldval] >> newval) & 1u) != 0
                                                : legalGStatusTransition(oldval, newval),
                   "casgstatus: illegal G status transition");
  gp->atomicstatus = newval;
}

// ---- construction ------------------------------------------------------------------------------------------
Scheduler::Scheduler(AddressSpace& as, StackAllocator& stacks, mheap& heap, const SchedConfig& config)
    : trace(), cfg(config), as_(as), stacks_(stacks), heap_(heap) {
  trace.setEnabled(cfg.trace);
}

Scheduler::~Scheduler() {
  for (auto& c : pcaches_) heap_.unregisterCache(c.get());
}

void Scheduler::setFatal(const char* msg) {
  if (fatal_.empty()) fatal_ = msg;
}

void Scheduler::traceEv(TraceEv type, m* mp, g* gp, uint32_t arg, uint8_t reason, uint16_t arg2) {
  if (!trace.enabled()) return;
  TraceEvent e;
  e.ts = static_cast<uint64_t>(now_);
  e.g = gp ? static_cast<uint32_t>(gp->goid) : 0;
  e.arg = arg;
  e.p = (mp && mp->pp) ? static_cast<uint16_t>(mp->pp->id) : kTraceNone;
  e.m = mp ? static_cast<uint16_t>(mp->id) : kTraceNone;
  e.type = type;
  e.reason = reason;
  e.arg2 = arg2;
  trace.record(e);
}

g* Scheduler::init(uint64_t mainFnPC, uint64_t mainCtxt) {
  GOFAST_RT_ASSERT(allm.empty(), "Scheduler::init called twice");
  // m0: the main thread; its g0 runs on the process's main stack (proc.go:146, asm_amd64.s rt0_go).
  auto m0p = std::make_unique<m>();
  m0p->id = sched.mnext++;
  m0p->fastrand = FastRand(cfg.seed, 0);
  m0p->g0stack = stack{cfg.mainStackLo, cfg.mainStackHi};
  m0p->state = MState::Running;
  m* mp0 = m0p.get();
  allm.push_back(std::move(m0p));
  // schedinit: procresize(GOMAXPROCS) wires P0 to m0 (proc.go:4801, :4953).
  // (schedinit calls procresize directly, without startTheWorld's wakep: no other M yet.)
  p* runnable = procresizeImpl(std::clamp<int32_t>(cfg.gomaxprocs, 1, _MaxGomaxprocs), mp0);
  GOFAST_RT_ASSERT(runnable == nullptr, "schedinit: runnable Ps before main");
  // runtime.main starts sysmon on its own M before main.main runs (proc.go:144-149): M1.
  auto sm = std::make_unique<m>();
  sm->id = sched.mnext++;
  sm->fastrand = FastRand(cfg.seed, static_cast<uint64_t>(sm->id));
  sm->state = MState::Sysmon;
  if (!cfg.cgoThreads) sm->g0stack = stacks_.stackalloc(kG0StackSize, nullptr);
  sysmonM_ = sm.get();
  allm.push_back(std::move(sm));
  sched.nmsys++;
  sysmonDelay_ = kSysmonMinDelayNS;
  sysmonWhen_ = now_ + sysmonDelay_;
  // newproc(runtime.main) on m0 (asm_amd64.s rt0_go): goid 1 from P0's first batch. gofast runs
  // main.main directly as that goroutine (Go's runtime.main calls it, proc.go:250).
  g* mainG = newproc(mp0, mainFnPC, mainCtxt, 0);
  if (!mainG) return nullptr;
  // mstart -> schedule on m0.
  schedule(mp0);
  mainStarted = true;  // proc.go:148: set by runtime.main; from now on newproc calls wakep
  return mainG;
}

// ---- run queues --------------------------------------------------------------------------------------------
void Scheduler::runqput(p* pp, g* gp, bool next) {
  if (cfg.randomizeScheduler && next && pp->m && pp->m->fastrand.fastrandn(2) == 0) next = false;
  if (next) {
    g* oldnext = pp->runnext;
    pp->runnext = gp;
    if (!oldnext) return;
    gp = oldnext;  // kick the old runnext out to the tail of the ring
  }
  for (;;) {
    const uint32_t h = pp->runqhead, t = pp->runqtail;
    if (t - h < kRunqSize) {
      pp->runq[t % kRunqSize] = gp;
      pp->runqtail = t + 1;
      return;
    }
    if (runqputslow(pp, gp, h, t)) return;
  }
}

// proc.go:5820: the ring is full: move its first half and gp to the global queue in one batch.
bool Scheduler::runqputslow(p* pp, g* gp, uint32_t h, uint32_t t) {
  std::array<g*, kRunqSize / 2 + 1> batch{};
  const uint32_t n = (t - h) / 2;
  GOFAST_RT_ASSERT(n == kRunqSize / 2, "runqputslow: queue is not full");
  for (uint32_t i = 0; i < n; i++) batch[i] = pp->runq[(h + i) % kRunqSize];
  pp->runqhead = h + n;
  batch[n] = gp;
  if (cfg.randomizeScheduler && pp->m) {
    for (uint32_t i = 1; i <= n; i++) std::swap(batch[i], batch[pp->m->fastrand.fastrandn(i + 1)]);
  }
  gQueue q;
  for (uint32_t i = 0; i <= n; i++) q.pushBack(batch[i]);
  globrunqputbatch(q, static_cast<int32_t>(n + 1));
  return true;
}

g* Scheduler::runqget(p* pp, bool* inheritTime) {
  if (g* next = pp->runnext) {
    pp->runnext = nullptr;
    if (inheritTime) *inheritTime = true;  // runnext inherits the current time slice
    return next;
  }
  if (inheritTime) *inheritTime = false;
  const uint32_t h = pp->runqhead, t = pp->runqtail;
  if (t == h) return nullptr;
  g* gp = pp->runq[h % kRunqSize];
  pp->runq[h % kRunqSize] = nullptr;
  pp->runqhead = h + 1;
  return gp;
}

// proc.go:5963: take half (rounded up) of pp's ring into batch; if the ring is empty and
// stealRunNextG, take runnext. (Go sleeps 3us first when pp is running, to let it run its own
// runnext; one host thread has no such race, so that pause is not modelled.)
uint32_t Scheduler::runqgrab(p* pp, std::array<g*, kRunqSize>& batch, uint32_t batchHead,
                             bool stealRunNextG) {
  const uint32_t h = pp->runqhead, t = pp->runqtail;
  uint32_t n = t - h;
  n = n - n / 2;
  if (n == 0) {
    if (stealRunNextG && pp->runnext) {
      batch[batchHead % kRunqSize] = pp->runnext;
      pp->runnext = nullptr;
      return 1;
    }
    return 0;
  }
  GOFAST_RT_ASSERT(n <= kRunqSize / 2, "runqgrab: inconsistent head and tail");
  for (uint32_t i = 0; i < n; i++) {
    batch[(batchHead + i) % kRunqSize] = pp->runq[(h + i) % kRunqSize];
    pp->runq[(h + i) % kRunqSize] = nullptr;
  }
  pp->runqhead = h + n;
  return n;
}

// proc.go:6018: steal into pp's own ring; return the last stolen G to run now.
g* Scheduler::runqsteal(p* pp, p* p2, bool stealRunNextG) {
  const uint32_t t = pp->runqtail;
  uint32_t n = runqgrab(p2, pp->runq, t, stealRunNextG);
  if (n == 0) return nullptr;
  m* thief = pp->m;
  traceEv(TraceEv::Steal, thief, nullptr, static_cast<uint32_t>(p2->id), 0, static_cast<uint16_t>(n));
  n--;
  g* gp = pp->runq[(t + n) % kRunqSize];
  pp->runq[(t + n) % kRunqSize] = nullptr;
  if (n == 0) return gp;
  GOFAST_RT_ASSERT(t - pp->runqhead + n < kRunqSize, "runqsteal: runq overflow");
  pp->runqtail = t + n;
  return gp;
}

void Scheduler::globrunqput(g* gp) {
  sched.runq.pushBack(gp);
  sched.runqsize++;
}

void Scheduler::globrunqputhead(g* gp) {
  sched.runq.push(gp);
  sched.runqsize++;
}

void Scheduler::globrunqputbatch(gQueue& batch, int32_t n) {
  while (g* gp = batch.pop()) sched.runq.pushBack(gp);
  sched.runqsize += n;
}

// proc.go:5603: n = min(runqsize/gomaxprocs + 1, runqsize, max if > 0, len(runq)/2); return one, put
// the rest on pp's ring.
g* Scheduler::globrunqget(p* pp, int32_t max) {
  if (sched.runqsize == 0) return nullptr;
  int32_t n = sched.runqsize / gomaxprocs + 1;
  if (n > sched.runqsize) n = sched.runqsize;
  if (max > 0 && n > max) n = max;
  if (n > static_cast<int32_t>(kRunqSize) / 2) n = static_cast<int32_t>(kRunqSize) / 2;
  sched.runqsize -= n;
  g* gp = sched.runq.pop();
  n--;
  for (; n > 0; n--) runqput(pp, sched.runq.pop(), false);
  return gp;
}

// ---- free Gs (proc.go:4241 gfput, :4284 gfget) ---------------------------------------------------------------
void Scheduler::gfput(p* pp, g* gp) {
  GOFAST_RT_ASSERT(gp->atomicstatus == _Gdead, "gfput: bad status (not Gdead)");
  if (gp->stack.size() != startingStackSize && gp->stack.ok()) {
    stacks_.stackfree(gp->stack, pp->mcache);  // non-standard size (grown): free it
    gp->stack = {};
    gp->stackguard0 = 0;
  }
  pp->gFree.push(gp);
  if (pp->gFree.n >= kGFreeLocalMax) {
    while (pp->gFree.n >= kGFreeLocalKeep) {
      g* x = pp->gFree.pop();
      if (x->stack.ok()) sched.gFree.stack.push(x); else sched.gFree.noStack.push(x);
      sched.gFree.n++;
    }
  }
}

g* Scheduler::gfget(p* pp) {
  if (pp->gFree.empty() && (!sched.gFree.stack.empty() || !sched.gFree.noStack.empty())) {
    while (pp->gFree.n < kGFreeLocalKeep) {
      g* x = sched.gFree.stack.pop();  // prefer Gs with stacks
      if (!x) x = sched.gFree.noStack.pop();
      if (!x) break;
      sched.gFree.n--;
      pp->gFree.push(x);
    }
  }
  g* gp = pp->gFree.pop();
  if (!gp) return nullptr;
  if (gp->stack.ok() && gp->stack.size() != startingStackSize) {
    stacks_.stackfree(gp->stack, pp->mcache);
    gp->stack = {};
    gp->stackguard0 = 0;
  }
  if (!gp->stack.ok()) {
    gp->stack = stacks_.stackalloc(startingStackSize, pp->mcache);
    if (!gp->stack.ok()) {
      pp->gFree.push(gp);
      setFatal("runtime: out of memory");
      return nullptr;
    }
    gp->stackguard0 = gp->stack.lo + _StackGuard;
  }
  return gp;
}

g* Scheduler::malg(uint64_t stacksize, p* pp) {
  auto ng = std::make_unique<g>();
  ng->stack = stacks_.stackalloc(stacksize, pp ? pp->mcache : nullptr);
  if (!ng->stack.ok()) {
    setFatal("runtime: out of memory");
    return nullptr;
  }
  ng->stackguard0 = ng->stack.lo + _StackGuard;
  ng->handle = static_cast<uint32_t>(allgs.size() + 1);
  allgs.push_back(std::move(ng));  // allgadd
  return allgs.back().get();
}

// ---- newproc -----------------------------------------------------------------------------------------------
g* Scheduler::newproc(m* mp, uint64_t fnPC, uint64_t ctxt, uint64_t callerPC) {
  GOFAST_RT_ASSERT(mp && mp->pp, "newproc: M without a P");
  p* pp = mp->pp;
  if (NumGoroutine() >= cfg.maxGoroutines) {
    setFatal("gofast: goroutine limit exceeded");
    return nullptr;
  }
  g* newg = gfget(pp);
  if (!newg) {
    if (!fatal_.empty()) return nullptr;
    newg = malg(_StackMin, pp);
    if (!newg) return nullptr;
    casgstatus(newg, _Gidle, _Gdead);
  }
  GOFAST_RT_ASSERT(newg->stack.hi != 0, "newproc1: newg missing stack");
  // Frame: 32 bytes of slack below hi, then gostartcall pushes the fake return address goexit+1
  // (PCQuantum = 1 on amd64) so that fn "returns" into goexit. sched.pc = fn, ctxt = the closure.
  const uint64_t sp = newg->stack.hi - kNewprocFrameSlack;
  newg->sched = gobuf{};
  newg->sched.sp = sp;
  newg->stktopsp = sp;
  newg->sched.pc = cfg.goexitPC + 1;
  newg->sched.g = newg->handle;
  newg->sched.sp -= 8;
  const Fault f = as_.writeU64(newg->sched.sp, newg->sched.pc);
  GOFAST_RT_ASSERT(!f, "newproc: cannot write the goexit return address on the new stack");
  newg->sched.pc = fnPC;
  newg->sched.ctxt = ctxt;
  newg->gopc = callerPC;
  newg->startpc = fnPC;
  newg->parentGoid = mp->curg ? mp->curg->goid : 0;
  newg->waitreason = waitReason::waitReasonZero;
  newg->preempt = false;
  newg->param = nullptr;
  newg->waiting = nullptr;
  newg->selectDone = false;
  newg->m = nullptr;
  casgstatus(newg, _Gdead, _Grunnable);
  if (pp->goidcache == pp->goidcacheend) {
    sched.goidgen += _GoidCacheBatch;
    pp->goidcache = sched.goidgen - (_GoidCacheBatch - 1);
    pp->goidcacheend = pp->goidcache + _GoidCacheBatch;
  }
  newg->goid = static_cast<int64_t>(pp->goidcache);
  pp->goidcache++;
  traceEv(TraceEv::GoCreate, mp, newg, mp->curg ? static_cast<uint32_t>(mp->curg->goid) : 0);
  runqput(pp, newg, true);
  if (mainStarted) wakep();
  return newg;
}

// ---- M and P lists ------------------------------------------------------------------------------------------
void Scheduler::acquirep(m* mp, p* pp) {
  GOFAST_RT_ASSERT(!mp->pp && !pp->m && pp->status == _Pidle, "acquirep: invalid p state");
  mp->pp = pp;
  pp->m = mp;
  pp->status = _Prunning;
  traceEv(TraceEv::ProcStart, mp, nullptr);
}

p* Scheduler::releasep(m* mp) {
  p* pp = mp->pp;
  GOFAST_RT_ASSERT(pp && pp->m == mp && pp->status == _Prunning, "releasep: invalid p state");
  traceEv(TraceEv::ProcStop, mp, nullptr);
  pp->m = nullptr;
  mp->pp = nullptr;
  pp->status = _Pidle;
  return pp;
}

// proc.go:5707: idle Ps form a LIFO list.
void Scheduler::pidleput(p* pp) {
  GOFAST_RT_ASSERT(pp->runqempty(), "pidleput: P has non-empty run queue");
  pp->status = _Pidle;
  pp->link = sched.pidle;
  sched.pidle = pp;
  sched.npidle++;
}

p* Scheduler::pidleget() {
  p* pp = sched.pidle;
  if (pp) {
    sched.pidle = pp->link;
    pp->link = nullptr;
    sched.npidle--;
  }
  return pp;
}

void Scheduler::mput(m* mp) {
  mp->schedlink = sched.midle;
  sched.midle = mp;
  sched.nmidle++;
  mp->state = MState::Idle;
}

m* Scheduler::mget() {
  m* mp = sched.midle;
  if (mp) {
    sched.midle = mp->schedlink;
    mp->schedlink = nullptr;
    sched.nmidle--;
  }
  return mp;
}

m* Scheduler::newm(p* pp, bool spinning) {
  const int64_t ms = static_cast<int64_t>(allm.size()) - sched.nmsys;
  if (ms >= sched.maxmcount) {
    setFatal("program exceeds 10000-thread limit");  // proc.go:760 checkmcount
    return nullptr;
  }
  auto nm = std::make_unique<m>();
  nm->id = sched.mnext++;
  nm->fastrand = FastRand(cfg.seed, static_cast<uint64_t>(nm->id));
  if (cfg.cgoThreads) {
    nm->osStack = mapThreadStack(as_, "thread stack m" + std::to_string(nm->id), kGlibcDefaultStackSize,
                                 as_.findFreeBelow(GoProcessLayout{}.mmapTop, kGlibcDefaultStackSize + kGlibcGuardSize));
    nm->g0stack = stack{nm->osStack.lo, nm->osStack.hi};
  } else {
    nm->g0stack = stacks_.stackalloc(kG0StackSize, nullptr);
  }
  m* mp = nm.get();
  allm.push_back(std::move(nm));
  mp->spinning = spinning;
  mp->nextp = pp;
  mp->state = MState::Woken;
  pendingWake_.push_back(mp);
  return mp;
}

// proc.go:2231: the M has no P and nothing to do: park it on midle. It runs again when startm
// hands it a P (state Woken, schedule() at the next poll()).
void Scheduler::stopm(m* mp) {
  GOFAST_RT_ASSERT(!mp->pp, "stopm holding p");
  GOFAST_RT_ASSERT(!mp->spinning, "stopm spinning");
  mput(mp);
}

// proc.go:2269.
void Scheduler::startm(p* pp, bool spinning) {
  if (!pp) {
    pp = pidleget();
    if (!pp) {
      if (spinning) {
        GOFAST_RT_ASSERT(sched.nmspinning > 0, "startm: negative nmspinning");
        sched.nmspinning--;
      }
      return;
    }
  }
  m* nmp = mget();
  if (!nmp) {
    if (!newm(pp, spinning)) pidleput(pp);
    return;
  }
  GOFAST_RT_ASSERT(!nmp->spinning && !nmp->nextp, "startm: m is spinning or has p");
  GOFAST_RT_ASSERT(!spinning || pp->runqempty(), "startm: p has runnable gs");
  nmp->spinning = spinning;
  nmp->nextp = pp;
  nmp->state = MState::Woken;
  pendingWake_.push_back(nmp);
}

// proc.go:2422: start a spinning M only if a P is idle and nobody spins.
void Scheduler::wakep() {
  if (sched.npidle == 0) return;
  if (sched.nmspinning != 0) return;
  sched.nmspinning = 1;
  startm(nullptr, true);
}

void Scheduler::resetspinning(m* mp) {
  GOFAST_RT_ASSERT(mp->spinning, "resetspinning: not a spinning m");
  mp->spinning = false;
  GOFAST_RT_ASSERT(sched.nmspinning > 0, "findrunnable: negative nmspinning");
  sched.nmspinning--;
  wakep();
}

// proc.go:2354: hand a P (from a syscall) to an M if there is work for it, else idle it.
void Scheduler::handoffp(p* pp) {
  if (!pp->runqempty() || sched.runqsize != 0) {
    startm(pp, false);
    return;
  }
  if (sched.nmspinning + sched.npidle == 0) {
    sched.nmspinning++;
    startm(pp, true);
    return;
  }
  // (gcwaiting, safe-point functions and the netpoller's last-P rule are not modelled.)
  const bool hasTimers = !pp->timers.empty();
  pidleput(pp);
  if (hasTimers) wakep();  // wakeNetPoller(when) with no M blocked in netpoll (proc.go:2412)
}

// ---- schedule -----------------------------------------------------------------------------------------------
void Scheduler::dropg(m* mp) {
  if (mp->curg) mp->curg->m = nullptr;
  mp->curg = nullptr;
}

void Scheduler::execute(m* mp, g* gp, bool inheritTime) {
  mp->curg = gp;
  gp->m = mp;
  casgstatus(gp, _Grunnable, _Grunning);
  gp->waitsince = 0;
  gp->preempt = false;
  gp->stackguard0 = gp->stack.lo + _StackGuard;
  if (!inheritTime) mp->pp->schedtick++;
  mp->state = MState::Running;
  nexecute++;
  traceEv(TraceEv::GoStart, mp, gp, 0, inheritTime ? 1 : 0);
}

void Scheduler::schedule(m* mp) {
  GOFAST_RT_ASSERT(mp->pp && !mp->curg, "schedule: M without P or with a curg");
  mp->pp->preempt = false;
  GOFAST_RT_ASSERT(!(mp->spinning && !mp->pp->runqempty()), "schedule: spinning with local work");
  bool inheritTime = false;
  g* gp = findRunnable(mp, &inheritTime);
  if (!gp) return;  // mp stopped
  if (mp->spinning) resetspinning(mp);
  execute(mp, gp, inheritTime);
}

// proc.go:6222-6270 randomOrder/randomEnum: visit all Ps starting at a random one with a random
// stride coprime to their count (stealCoprimes_, computed by procresize).
bool Scheduler::stealWork(m* mp, int64_t now, g** gpOut, bool* inheritTime) {
  p* pp = mp->pp;
  bool ranTimer = false;
  const uint32_t count = static_cast<uint32_t>(gomaxprocs);
  for (int i = 0; i < stealTries; i++) {
    const bool stealTimersOrRunNextG = i == stealTries - 1;
    const uint32_t r = mp->fastrand.fastrand();
    uint32_t pos = r % count;
    const uint32_t inc = stealCoprimes_[r / count % stealCoprimes_.size()];
    for (uint32_t k = 0; k < count; k++, pos = (pos + inc) % count) {
      p* p2 = allp[pos].get();
      if (p2 == pp) continue;
      if (stealTimersOrRunNextG && !p2->timers.empty()) {
        bool ran = false;
        checkTimers(mp, p2, &ran);
        if (ran) {
          if (g* gp = runqget(pp, inheritTime)) {
            *gpOut = gp;
            return ranTimer;
          }
          ranTimer = true;
        }
      }
      if (p2->status != _Pidle) {  // idlepMask: an idle P has nothing to steal
        if (g* gp = runqsteal(pp, p2, stealTimersOrRunNextG)) {
          *inheritTime = false;
          *gpOut = gp;
          return ranTimer;
        }
      }
    }
  }
  (void)now;
  *gpOut = nullptr;
  return ranTimer;
}

// proc.go:2561 findRunnable, without GC workers, trace reader, netpoll and locked Ms.
g* Scheduler::findRunnable(m* mp, bool* inheritTime) {
  for (int guard = 0;; guard++) {
    GOFAST_RT_ASSERT(guard < 1000, "findRunnable: no progress");
    p* pp = mp->pp;
    *inheritTime = false;
    bool ran = false;
    checkTimers(mp, pp, &ran);
    // Fairness: every 61st schedtick take one G from the global queue first.
    if (pp->schedtick % kGlobalRunqCheckTick == 0 && sched.runqsize > 0) {
      if (g* gp = globrunqget(pp, 1)) return gp;
    }
    if (g* gp = runqget(pp, inheritTime)) return gp;
    if (sched.runqsize != 0) {
      if (g* gp = globrunqget(pp, 0)) return gp;
    }
    // netpoll: none. Steal, unless half the busy Ps already have a spinning M.
    const uint32_t procs = static_cast<uint32_t>(gomaxprocs);
    if (mp->spinning || 2 * sched.nmspinning < procs - sched.npidle) {
      if (!mp->spinning) {
        mp->spinning = true;
        sched.nmspinning++;
      }
      g* gp = nullptr;
      const bool newWork = stealWork(mp, now_, &gp, inheritTime);
      if (gp) return gp;
      if (newWork) continue;
    }
    // Nothing: recheck the global queue, then give up the P.
    if (sched.runqsize != 0) {
      *inheritTime = false;
      return globrunqget(pp, 0);
    }
    std::vector<bool> idleSnapshot(allp.size());
    for (size_t i = 0; i < allp.size(); i++) idleSnapshot[i] = allp[i]->status == _Pidle;
    releasep(mp);
    pidleput(pp);
    if (mp->spinning) {
      mp->spinning = false;
      GOFAST_RT_ASSERT(sched.nmspinning > 0, "findrunnable: negative nmspinning");
      sched.nmspinning--;
      // checkRunqsNoP (proc.go:2985): work may have appeared while we were dropping the P.
      p* found = nullptr;
      for (int32_t i = 0; i < gomaxprocs; i++) {
        if (!idleSnapshot[i] && !allp[i]->runqempty()) {
          found = pidleget();
          break;
        }
      }
      if (found) {
        acquirep(mp, found);
        mp->spinning = true;
        sched.nmspinning++;
        continue;
      }
    }
    stopm(mp);
    return nullptr;
  }
}

// ---- park, ready, yield, exit ---------------------------------------------------------------------------------
void Scheduler::gopark(m* mp, waitReason reason) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "gopark: bad g status");
  gp->waitreason = reason;
  gp->waitsince = now_;
  traceEv(TraceEv::GoBlock, mp, gp, 0, static_cast<uint8_t>(reason));
  casgstatus(gp, _Grunning, _Gwaiting);
  dropg(mp);
  schedule(mp);
}

void Scheduler::goready(m* mp, g* gp) {
  GOFAST_RT_ASSERT(gp->atomicstatus == _Gwaiting, "bad g->status in ready");
  traceEv(TraceEv::GoUnblock, mp, gp, (mp && mp->curg) ? static_cast<uint32_t>(mp->curg->goid) : 0);
  casgstatus(gp, _Gwaiting, _Grunnable);
  gp->waitreason = waitReason::waitReasonZero;
  if (mp && mp->pp) {
    runqput(mp->pp, gp, true);
  } else {
    globrunqput(gp);  // readied from outside any P (gofast: the VM's own events)
  }
  wakep();
}

void Scheduler::Gosched(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "bad g status");
  traceEv(TraceEv::GoStop, mp, gp, 0, static_cast<uint8_t>(TraceStop::Gosched));
  casgstatus(gp, _Grunning, _Grunnable);
  dropg(mp);
  globrunqput(gp);
  schedule(mp);
}

// proc.go:3452 goyield / goyield_m: like Gosched, but traced as a preemption and the G goes to the
// tail of its P's local runq, not the global queue. semrelease1 uses it after a starvation handoff
// so that the woken waiter (in runnext) runs at once and inherits the time slice (sema.go:201-218).
void Scheduler::goyield(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "bad g status");
  GOFAST_RT_ASSERT(mp->pp != nullptr, "goyield: no P");
  traceEv(TraceEv::GoStop, mp, gp, 0, static_cast<uint8_t>(TraceStop::Preempted));
  p* pp = mp->pp;
  casgstatus(gp, _Grunning, _Grunnable);
  dropg(mp);
  runqput(pp, gp, false);
  schedule(mp);
}

// proc.go:3405 gopreempt_m: same as Gosched, after a failed prologue check on stackPreempt.
void Scheduler::gopreempt(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "bad g status");
  traceEv(TraceEv::GoStop, mp, gp, 0, static_cast<uint8_t>(TraceStop::Preempted));
  casgstatus(gp, _Grunning, _Grunnable);
  dropg(mp);
  globrunqput(gp);
  schedule(mp);
}

void Scheduler::goexit(m* mp) {
  g* gp = mp->curg;
  GOFAST_RT_ASSERT(gp && gp->atomicstatus == _Grunning, "goexit: bad g status");
  traceEv(TraceEv::GoStop, mp, gp, 0, static_cast<uint8_t>(TraceStop::Exit));
  casgstatus(gp, _Grunning, _Gdead);
  gp->m = nullptr;
  gp->waitreason = waitReason::waitReasonZero;
  gp->param = nullptr;
  gp->waiting = nullptr;
  gp->preempt = false;
  dropg(mp);
  gfput(mp->pp, gp);
  schedule(mp);
}

int32_t Scheduler::NumGoroutine() const {
  // proc.go:4359 gcount: allglen - gFree - system goroutines (gofast has none).
  int64_t n = static_cast<int64_t>(allgs.size()) - sched.gFree.n;
  for (const auto& pp : allp) n -= pp->gFree.n;
  return static_cast<int32_t>(n < 1 ? 1 : n);
}

void Scheduler::recordStackGrowth(m* mp, g* gp, uint64_t newSize) {
  traceEv(TraceEv::StackGrow, mp, gp, static_cast<uint32_t>(std::min<uint64_t>(newSize, 0xffffffffu)));
}

const std::vector<m*>& Scheduler::runningMs() {
  running_.clear();  // reused: no allocation per scheduling round
  for (const auto& mp : allm)
    if (mp->state == MState::Running && mp->curg && mp->curg->atomicstatus == _Grunning)
      running_.push_back(mp.get());
  return running_;
}

bool Scheduler::anyRunningM() const {
  for (const auto& mp : allm)
    if (mp->state == MState::Running && mp->curg && mp->curg->atomicstatus == _Grunning) return true;
  return false;
}

// ---- sudogs ---------------------------------------------------------------------------------------------------
sudog* Scheduler::acquireSudog() {
  if (sudogFree_.empty()) {
    sudogStore_.push_back(std::make_unique<sudog>());
    return sudogStore_.back().get();
  }
  sudog* s = sudogFree_.back();
  sudogFree_.pop_back();
  return s;
}

void Scheduler::releaseSudog(sudog* s) {
  *s = sudog{};
  sudogFree_.push_back(s);
}

// ---- invariants -----------------------------------------------------------------------------------------------
std::string Scheduler::checkInvariants() const {
  // Count where every G is found: local rings, runnext, the global queue, running on an M.
  std::vector<int> seen(allgs.size() + 1, 0);
  auto note = [&](const g* gp) { seen[gp->handle]++; };
  for (const auto& pp : allp) {
    if (pp->status == _Pdead) continue;
    if (pp->runqtail - pp->runqhead > kRunqSize) return "runq over capacity on P" + std::to_string(pp->id);
    for (uint32_t i = pp->runqhead; i != pp->runqtail; i++) note(pp->runq[i % kRunqSize]);
    if (pp->runnext) note(pp->runnext);
  }
  int32_t gn = 0;
  for (const g* gp = sched.runq.head; gp; gp = gp->schedlink) {
    note(gp);
    gn++;
  }
  if (gn != sched.runqsize) return "global runqsize mismatch";
  for (const auto& mp : allm) {
    if (mp->curg) {
      if (mp->curg->m != mp.get()) return "curg.m does not point back";
      note(mp->curg);
    }
  }
  uint32_t npidle = 0;
  for (const p* pp = sched.pidle; pp; pp = pp->link) {
    npidle++;
    if (pp->status != _Pidle) return "P on pidle not _Pidle";
  }
  if (npidle != sched.npidle) return "npidle mismatch";
  uint32_t nspin = 0;
  for (const auto& mp : allm) nspin += mp->spinning ? 1 : 0;
  if (nspin > sched.nmspinning) return "more spinning Ms than nmspinning";
  for (const auto& gp : allgs) {
    const int c = seen[gp->handle];
    const uint32_t s = gp->atomicstatus;
    if (s == _Grunnable && c != 1)
      return "runnable G " + std::to_string(gp->goid) + " found " + std::to_string(c) + " times in queues";
    if (s == _Grunning && (c != 1 || !gp->m || gp->m->curg != gp.get()))
      return "running G " + std::to_string(gp->goid) + " not running on exactly one M";
    if ((s == _Gwaiting || s == _Gdead || s == _Gsyscall) && c != 0 && !(s == _Gsyscall && c == 1))
      return "G " + std::to_string(gp->goid) + " in " + gStatusName(s) + " found in a run queue";
  }
  return "";
}

}  // namespace gofast::rt
