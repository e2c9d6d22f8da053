// The goroutine scheduler: Go 1.19's G-M-P model as a data structure the VM drives.
//
// Go runs goroutines (G) on OS threads (M), and an M may run Go code only while it holds a P, one of
// exactly GOMAXPROCS "processors" that own a local run queue (a 256-slot ring plus `runnext`), a
// cache of dead Gs, a goid batch and an mcache (runtime/HACKING.md, proc.go:19-106). gofast keeps
// those records and Go's algorithms over them (runqput/runqget/globrunqget, findRunnable with its
// 1-in-61 global check and four randomized stealing passes, spinning-M accounting, gfput/gfget,
// syscalls with sysmon's retake, 10 ms preemption requests, per-P timer heaps), written from reading
// proc.go, runtime2.go and time.go (Go 1.19.8), not copied.
//
// What is different, and why:
//  * One host thread. Ms are records: an M "runs" when the VM executes instructions of its curg.
//    Where Go blocks a thread (stopm's mPark, the netpoller's sleep) gofast parks the M record on
//    midle and returns; an M woken by startm is queued and runs schedule() the next time the VM
//    calls poll(). So there is no recursion and no host blocking; every operation returns.
//  * The VM passes the current M explicitly (Go finds it through getg().m).
//  * Virtual time. The scheduler owns a nanosecond clock that the VM advances as it executes. When
//    no M runs a G, poll() jumps the clock to the next event (a timer, a modelled syscall's end, a
//    sysmon tick), the way Go's faketime mode (proc.go:5081 in checkdead) does on the playground.
//  * No netpoller, no GC workers, no locked threads, no cgo, no race-detector randomization.
//  * Errors are values: deadlock and Go's fatal errors end the run through PollResult/fatal().
//    Broken internal invariants (an illegal casgstatus, a queue overflow) use GOFAST_RT_ASSERT.
//  * Deterministic: all randomness comes from FastRand seeded from SchedConfig::seed; lists are
//    intrusive and ordered; nothing iterates a hash map.
//
// Who calls what (the VM's side; "mp" is the M whose curg is executing):
//   init(fn)                        once: schedinit + newproc(main) + mstart on m0; goid 1 runs.
//   newproc(mp, fn, ctxt, callerpc)  a `go` statement. The new G takes mp's P's runnext.
//   gopark(mp, reason)              the running G blocks (channel, sleep, sync); mp reschedules.
//   goready(mp, gp)                 the running G makes gp runnable (into mp's P's runnext).
//   Gosched(mp) / goexit(mp)        runtime.Gosched / the goroutine's function returned.
//   gopreempt(mp)                   a prologue saw stackguard0 == stackPreempt (newstack :1040).
//   entersyscall(mp, dur)/exitsyscall(mp)   a blocking syscall of `dur` virtual ns (0 = VM ends it).
//   timeSleep(mp, ns)               time.Sleep.
//   advanceClock(ns)                after executing instructions.
//   poll()                          between slices: wakes Ms, runs sysmon, syscalls and timers,
//                                   skips idle time, detects deadlock. Then run runningMs().
// After any call that can switch (gopark, Gosched, goexit, gopreempt, entersyscall, exitsyscall,
// timeSleep) the VM must re-read mp->curg (it may be another G or nullptr: the M went idle).
//
// Section index: constants · statuses and wait reasons · gobuf, g, sudog, timer · m · p · queues ·
// schedt · SchedConfig, PollResult · Scheduler.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/addrspace.h"
#include "runtime/rand.h"
#include "runtime/rt_assert.h"
#include "runtime/stackalloc.h"
#include "runtime/trace.h"

namespace gofast::rt {

// ---- constants --------------------------------------------------------------------------------------
// stack.go:101 (_StackGuard = 928*sys.StackGuardMultiplier + _StackSystem; multiplier 1 on linux).
inline constexpr uint64_t _StackGuard = 928;
// stack.go:131,138: uintptrMask = 1<<(8*PtrSize)-1; stackPreempt = uintptrMask & -1314, i.e.
// 0xfffffffffffffade on 64-bit: larger than any SP, so the next prologue check fails.
inline constexpr uint64_t uintptrMask = ~uint64_t{0};
inline constexpr uint64_t stackPreempt = uintptrMask & static_cast<uint64_t>(-1314);
static_assert(stackPreempt == 0xfffffffffffffadeull);
// proc.go:600: goids are handed to each P in batches of 16.
inline constexpr uint64_t _GoidCacheBatch = 16;
// runtime2.go:631: p.runq [256]guintptr.
inline constexpr uint32_t kRunqSize = 256;
// proc.go:2605: every 61st schedtick, check the global queue first (fairness).
inline constexpr uint32_t kGlobalRunqCheckTick = 61;
// proc.go:2910 (stealWork): stealTries.
inline constexpr int stealTries = 4;
// proc.go:4265, :4275 (gfput): a P's free list is trimmed at 64 down to 32; gfget refills to 32.
inline constexpr int32_t kGFreeLocalMax = 64;
inline constexpr int32_t kGFreeLocalKeep = 32;
// proc.go:5289: forcePreemptNS = 10ms, the time slice.
inline constexpr int64_t forcePreemptNS = 10 * 1000 * 1000;
// proc.go:5146-5151: sysmon sleeps 20us, doubling after 50 idle rounds, up to 10ms.
inline constexpr int64_t kSysmonMinDelayNS = 20 * 1000;
inline constexpr int64_t kSysmonMaxDelayNS = 10 * 1000 * 1000;
inline constexpr int kSysmonIdleRoundsBeforeDoubling = 50;
// proc.go:5338 (retake): a P in a syscall is retaken after 10ms even if nobody needs it.
inline constexpr int64_t kSyscallRetakeNS = 10 * 1000 * 1000;
// proc.go:5125: forcegcperiod = 2 minutes; an idle sysmon sleeps at most half of it (:5173).
inline constexpr int64_t forcegcperiod = int64_t{2} * 60 * 1000 * 1000 * 1000;
// proc.go:686: sched.maxmcount = 10000 ("program exceeds 10000-thread limit", :760).
inline constexpr int32_t kMaxMCount = 10000;
// proc.go:1768 (allocm): an M's g0 stack is 8 KiB from stackalloc when Go creates the thread (no cgo).
inline constexpr uint64_t kG0StackSize = 8192;
// proc.go:4135-4137 (newproc1): totalSize = 4*PtrSize + MinFrameSize (0 on amd64), aligned to
// StackAlign (8): the new G's frame starts 32 bytes below stack.hi.
inline constexpr uint64_t kNewprocFrameSlack = 32;
// Default GOMAXPROCS for the UI (Go's default is ncpu, proc.go:718-721; gofast picks 4 so chapter 4
// shows several Ps on any machine; -gomaxprocs overrides).
inline constexpr int32_t kDefaultGOMAXPROCS = 4;
// runtime/debug.go: GOMAXPROCS is capped at _MaxGomaxprocs = 1<<8 in 1.19 (runtime2.go:1128).
inline constexpr int32_t _MaxGomaxprocs = 1 << 8;
// Debug knob (DESIGN.md rule 9): stress the scheduler: every goready/newproc puts the G at the tail
// instead of runnext half of the time, like Go's randomizeScheduler under -race (proc.go:5786).
inline constexpr bool kDebugRandomizeScheduler = false;

// ---- statuses and wait reasons -----------------------------------------------------------------------
// runtime2.go:34-105. 5 and 7 are unused in 1.19 (_Gmoribund_unused, _Genqueue_unused).
enum : uint32_t {
  _Gidle = 0,
  _Grunnable = 1,
  _Grunning = 2,
  _Gsyscall = 3,
  _Gwaiting = 4,
  _Gmoribund_unused = 5,
  _Gdead = 6,
  _Genqueue_unused = 7,
  _Gcopystack = 8,
  _Gpreempted = 9,
  _Gscan = 0x1000,
  _Gscanrunnable = _Gscan + _Grunnable,
  _Gscanrunning = _Gscan + _Grunning,
  _Gscansyscall = _Gscan + _Gsyscall,
  _Gscanwaiting = _Gscan + _Gwaiting,
  _Gscanpreempted = _Gscan + _Gpreempted,
};
// "_Grunnable", "_Gscanwaiting", ...
const char* gStatusName(uint32_t s);
// traceback.go gStatusStrings: what "goroutine 1 [running]:" prints ("runnable", "waiting", ...).
const char* gStatusString(uint32_t s);
// Is old -> new a transition Go's runtime makes? (The table is in sched.cpp with the call sites.)
bool legalGStatusTransition(uint32_t oldval, uint32_t newval);

// runtime2.go:116-: P statuses.
enum : uint32_t { _Pidle = 0, _Prunning = 1, _Psyscall = 2, _Pgcstop = 3, _Pdead = 4 };
const char* pStatusName(uint32_t s);

// runtime2.go:1039-1066, same order as Go 1.19. (sync.Mutex.Lock / sync.WaitGroup.Wait reasons
// appeared in Go 1.20+; in 1.19 both show "semacquire", as go-corpus/42 and /45 confirm.)
enum class waitReason : uint8_t {
  waitReasonZero,
  waitReasonGCAssistMarking,
  waitReasonIOWait,
  waitReasonChanReceiveNilChan,
  waitReasonChanSendNilChan,
  waitReasonDumpingHeap,
  waitReasonGarbageCollection,
  waitReasonGarbageCollectionScan,
  waitReasonPanicWait,
  waitReasonSelect,
  waitReasonSelectNoCases,
  waitReasonGCAssistWait,
  waitReasonGCSweepWait,
  waitReasonGCScavengeWait,
  waitReasonChanReceive,
  waitReasonChanSend,
  waitReasonFinalizerWait,
  waitReasonForceGCIdle,
  waitReasonSemacquire,
  waitReasonSleep,
  waitReasonSyncCondWait,
  waitReasonTimerGoroutineIdle,
  waitReasonTraceReaderBlocked,
  waitReasonWaitForGCCycle,
  waitReasonGCWorkerIdle,
  waitReasonPreempted,
  waitReasonDebugCall,
  Count_
};
// runtime2.go:1068 waitReasonStrings ("chan receive", "select (no cases)", "sleep", ...).
const char* waitReasonString(waitReason w);
const char* waitReasonStringU8(uint8_t w);  // for Trace::writeChromeTrace

// ---- gobuf, g, sudog, timer ----------------------------------------------------------------------------
// runtime2.go:316: what a goroutine switch saves, 7 words (56 B). `g` holds the G's handle (index
// in allgs + 1) instead of a host pointer: gofast's g records do not live in simulated memory.
struct gobuf {
  uint64_t sp = 0, pc = 0, g = 0, ctxt = 0, ret = 0, lr = 0, bp = 0;
};
static_assert(sizeof(gobuf) == 56);

struct m;
struct p;
struct g;
struct hchan;
struct timer;

// runtime2.go:347: a G waiting on a channel (or in a select: one sudog per case).
struct sudog {
  g* gp = nullptr;
  sudog* next = nullptr;  // in the channel's waitq
  sudog* prev = nullptr;
  Addr elem = 0;  // data element in simulated memory (may point into gp's stack: DESIGN rule 6)
  bool isSelect = false;
  bool success = false;          // woken by a communication (false: by close)
  sudog* waitlink = nullptr;     // g.waiting list
  hchan* c = nullptr;
  int32_t caseIndex = -1;        // select: which scase (gofast: instead of Go's releasetime reuse)
  bool isSend = false;           // select bookkeeping
  // Semaphores (runtime/sema.h, sema.go): a semaRoot's treap reuses prev/next as the left/right
  // children and elem as the key (the semaphore's address); waitlink chains the other waiters on
  // the same address.
  sudog* parent = nullptr;       // treap parent
  sudog* waittail = nullptr;     // last sudog of the waitlink list (head of the list only)
  uint32_t ticket = 0;           // treap priority while queued; 1 = handed off by semrelease
  int64_t acquiretime = 0;       // virtual ns it queued (Go: for the mutex profile)
};

struct g {
  struct stack stack;          // [lo, hi)
  uint64_t stackguard0 = 0;    // lo + _StackGuard, or stackPreempt
  gobuf sched;
  uint32_t atomicstatus = _Gidle;
  int64_t goid = 0;
  waitReason waitreason = waitReason::waitReasonZero;
  bool preempt = false;        // preemption requested (mirror of stackguard0 == stackPreempt)
  struct m* m = nullptr;       // the M running it (running / syscall)
  g* schedlink = nullptr;      // next in a gQueue / gList
  sudog* waiting = nullptr;    // sudogs this G waits on (chan/select), by waitlink
  sudog* param = nullptr;      // what woke it (Go's g.param): the sudog that completed
  bool selectDone = false;     // a select case already won (runtime2.go g.selectDone)
  bool activeStackChans = false;
  uint64_t startpc = 0;        // entry of the go'd function (tracebacks: "main.worker")
  uint64_t gopc = 0;           // pc of the go statement ("created by main.main")
  int64_t parentGoid = 0;
  uint64_t stktopsp = 0;
  int64_t waitsince = 0;       // virtual ns when it started waiting
  timer* sleepTimer = nullptr; // Go's g.timer, reused by every time.Sleep of this G
  uint32_t handle = 0;         // index in Scheduler::allgs + 1 (gobuf.g)
};

// time.go:20: the part of runtime.timer time.Sleep uses.
struct timer {
  p* pp = nullptr;        // heap it is on, nullptr = not queued
  int64_t when = 0;
  g* arg = nullptr;       // goroutineReady's argument
  uint32_t heapIndex = 0;
};

// ---- m ---------------------------------------------------------------------------------------------
enum class MState : uint8_t {
  Running,  // holds a P (curg may be nullptr only transiently inside the scheduler)
  Woken,    // startm/newm gave it nextp; schedule() runs at the next poll()
  Idle,     // on sched.midle (stopm)
  Syscall,  // its G is in a syscall; it holds oldp loosely (P is _Psyscall) or nothing
  Sysmon,   // the sysmon thread: no P, never idle
};
const char* mStateName(MState s);

struct m {
  int64_t id = 0;
  stack g0stack;               // 8 KiB from stackalloc (m0: the main thread's stack)
  ThreadStack osStack;         // only for cgo-style Ms (SchedConfig::cgoThreads)
  g* curg = nullptr;
  p* pp = nullptr;             // Go: m.p (named pp to keep the type name p usable)
  p* nextp = nullptr;
  p* oldp = nullptr;           // P held before entering a syscall
  bool spinning = false;
  MState state = MState::Idle;
  m* schedlink = nullptr;      // midle list
  uint32_t syscalltick = 0;
  int64_t syscallEnd = 0;      // modelled syscall: virtual time it returns (0 = VM calls exitsyscall)
  FastRand fastrand;           // m.fastrand
};

// ---- p ---------------------------------------------------------------------------------------------
// proc.go:5270 sysmontick: what sysmon last saw of a P.
struct sysmontick {
  uint32_t schedtick = 0;
  int64_t schedwhen = 0;
  uint32_t syscalltick = 0;
  int64_t syscallwhen = 0;
};

struct gList {  // LIFO through g.schedlink (runtime2.go gList) with a count
  g* head = nullptr;
  int32_t n = 0;
  bool empty() const { return head == nullptr; }
  void push(g* gp) {
    gp->schedlink = head;
    head = gp;
    n++;
  }
  g* pop() {
    g* gp = head;
    if (gp) {
      head = gp->schedlink;
      gp->schedlink = nullptr;
      n--;
    }
    return gp;
  }
};

struct gQueue {  // FIFO through g.schedlink (proc.go gQueue)
  g* head = nullptr;
  g* tail = nullptr;
  bool empty() const { return head == nullptr; }
  void pushBack(g* gp) {
    gp->schedlink = nullptr;
    if (tail) tail->schedlink = gp; else head = gp;
    tail = gp;
  }
  void push(g* gp) {  // at the head
    gp->schedlink = head;
    head = gp;
    if (!tail) tail = gp;
  }
  g* pop() {
    g* gp = head;
    if (gp) {
      head = gp->schedlink;
      if (!head) tail = nullptr;
      gp->schedlink = nullptr;
    }
    return gp;
  }
};

struct p {
  int32_t id = 0;
  uint32_t status = _Pidle;
  p* link = nullptr;           // pidle list
  uint32_t schedtick = 0;      // incremented on every scheduler call (execute without inheritTime)
  uint32_t syscalltick = 0;    // incremented on every system call
  struct sysmontick sysmontick;
  struct m* m = nullptr;       // back-link to the M holding it
  struct mcache* mcache = nullptr;  // P0 uses the heap's default cache (mcache0), others their own
  uint64_t goidcache = 0, goidcacheend = 0;
  uint32_t runqhead = 0, runqtail = 0;
  std::array<g*, kRunqSize> runq{};
  g* runnext = nullptr;
  gList gFree;
  std::vector<timer*> timers;  // 4-ary min-heap by when (time.go)
  bool preempt = false;        // async preemption requested (p.preempt)

  uint32_t runqsize() const { return runqtail - runqhead; }
  bool runqempty() const { return runqhead == runqtail && runnext == nullptr; }
};

// ---- schedt (runtime2.go:757) -------------------------------------------------------------------------
struct schedt {
  uint64_t goidgen = 0;
  int64_t mnext = 0;           // next M id (mReserveID)
  m* midle = nullptr;
  int32_t nmidle = 0;
  int32_t maxmcount = kMaxMCount;
  int32_t nmsys = 0;           // sysmon
  p* pidle = nullptr;
  uint32_t npidle = 0;
  uint32_t nmspinning = 0;
  gQueue runq;                 // global run queue
  int32_t runqsize = 0;
  struct {
    gList stack;               // dead Gs with a stack
    gList noStack;
    int32_t n = 0;
  } gFree;
  bool sysmonwait = false;
};

// ---- configuration and results ----------------------------------------------------------------------------
struct SchedConfig {
  int32_t gomaxprocs = kDefaultGOMAXPROCS;
  uint64_t seed = 1;
  Addr goexitPC = 0;             // simulated address of runtime.goexit (the fake return is goexit+1)
  Addr mainStackLo = 0, mainStackHi = 0;  // m0's g0 stack (the [stack] mapping); 0 = none
  bool cgoThreads = false;       // new Ms get 8 MiB pthread stacks (mapThreadStack) instead of 8 KiB g0
  bool asyncPreempt = true;      // -preempt=async: preemptone also sets p.preempt (preemptM, 1.14+)
  bool randomizeScheduler = kDebugRandomizeScheduler;
  int64_t maxGoroutines = 1 << 20;  // SPEC R2 limit
  bool trace = true;
};

enum class RunState : uint8_t {
  Running,       // some M runs a G: execute runningMs()
  Blocked,       // nothing runs, only VM-ended syscalls are outstanding: the VM must exitsyscall
  Deadlock,      // fatal error: all goroutines are asleep - deadlock!
  NoGoroutines,  // fatal error: no goroutines (main called runtime.Goexit) - deadlock!
  Fatal,         // another fatal error (out of memory, thread limit, goroutine limit)
};
const char* runStateName(RunState s);

struct PollResult {
  RunState state = RunState::Running;
  const char* message = "";  // for fatal states, Go's text without the "fatal error: " prefix
};

// ---- Scheduler -------------------------------------------------------------------------------------------
class MachineCloner;
class Scheduler {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  Scheduler(AddressSpace& as, StackAllocator& stacks, mheap& heap, const SchedConfig& cfg = {});
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // schedinit + newproc(main) + mstart: creates m0, sysmon's M, GOMAXPROCS Ps, the main goroutine
  // (goid 1) on P0 and runs it on m0. Returns it (nullptr with fatal() set on failure).
  g* init(uint64_t mainFnPC, uint64_t mainCtxt = 0);

  // ---- called by the VM on behalf of the running G of mp ----
  // `go fn()` (proc.go:4094 newproc, :4112 newproc1). Returns the new G, runnable, in mp's P's
  // runnext, with sched.sp/pc prepared (the fake goexit return address is written to its stack),
  // or nullptr with fatal() set.
  g* newproc(m* mp, uint64_t fnPC, uint64_t ctxt, uint64_t callerPC);
  void gopark(m* mp, waitReason reason);     // proc.go:346 + park_m :3341
  void goready(m* mp, g* gp);                // proc.go:372 + ready :843 (mp may have no P: global)
  void Gosched(m* mp);                       // proc.go:319 + goschedImpl :3366
  void goyield(m* mp);                       // proc.go:3452 goyield_m: like Gosched, into the local runq
  void goexit(m* mp);                        // goexit1 + goexit0 :3480
  void gopreempt(m* mp);                     // gopreempt_m :3405 (failed prologue on stackPreempt)
  void entersyscall(m* mp, int64_t durationNs = 0);  // reentersyscall :3612
  void exitsyscall(m* mp);                   // :3773
  void timeSleep(m* mp, int64_t ns);         // time.go:178 timeSleep
  // runtime.GOMAXPROCS(n) from the running G: stop the world (other running Gs go to the global
  // queue), procresize, start the world. n <= 0 only queries. Returns the previous value.
  int32_t GOMAXPROCS(m* mp, int32_t n);
  int32_t NumGoroutine() const;              // gcount (proc.go:4359)
  void recordStackGrowth(m* mp, g* gp, uint64_t newSize);  // trace hook for the stack module

  // ---- the VM's loop ----
  PollResult poll();
  // Ms whose curg is _Grunning, by M id (the VM executes each for a slice). The vector is the
  // scheduler's own and is refilled by the next call: iterate it before calling runningMs() or
  // poll() again (nothing the VM calls while executing a G does).
  const std::vector<m*>& runningMs();
  bool anyRunningM() const;
  int64_t nanotime() const { return now_; }
  void advanceClock(int64_t ns) { now_ += ns; }
  // One sysmon round now (tests; poll() runs it on its own schedule).
  void sysmonTick();
  int64_t sysmonNextWake() const { return sysmonWhen_; }
  int64_t sysmonDelay() const { return sysmonDelay_; }  // its current nap (UI)

  // ---- scheduler internals (public: tests drive single rules, the UI reads the state) ----
  void casgstatus(g* gp, uint32_t oldval, uint32_t newval);
  void runqput(p* pp, g* gp, bool next);
  bool runqputslow(p* pp, g* gp, uint32_t h, uint32_t t);
  g* runqget(p* pp, bool* inheritTime);
  uint32_t runqgrab(p* pp, std::array<g*, kRunqSize>& batch, uint32_t batchHead, bool stealRunNextG);
  g* runqsteal(p* pp, p* p2, bool stealRunNextG);
  void globrunqput(g* gp);
  void globrunqputhead(g* gp);
  void globrunqputbatch(gQueue& batch, int32_t n);
  g* globrunqget(p* pp, int32_t max);
  void gfput(p* pp, g* gp);
  g* gfget(p* pp);
  // schedule/findRunnable for an M that holds a P and has no curg. Either executes a G on mp or
  // stops mp (P to pidle, M to midle).
  void schedule(m* mp);
  g* findRunnable(m* mp, bool* inheritTime);  // nullptr: mp was stopped
  void execute(m* mp, g* gp, bool inheritTime);
  void wakep();
  void startm(p* pp, bool spinning);
  void handoffp(p* pp);
  void stopm(m* mp);
  void resetspinning(m* mp);
  void acquirep(m* mp, p* pp);
  p* releasep(m* mp);
  void pidleput(p* pp);
  p* pidleget();
  void mput(m* mp);
  m* mget();
  m* newm(p* pp, bool spinning);  // allocm + newm: a new M record with its g0 stack, woken with nextp
  uint32_t retake(int64_t now);
  bool preemptone(p* pp);
  // Timers: run the expired timers of pp on behalf of mp; returns the next `when` (0 = none).
  int64_t checkTimers(m* mp, p* pp, bool* ran);
  int64_t nextTimerWhen() const;  // earliest timer over all Ps (timeSleepUntil), 0 = none
  void procresize(int32_t nprocs, m* mp);  // proc.go:4801 (mp keeps or changes its P)

  // ---- state (read by the UI and tests) ----
  std::vector<std::unique_ptr<g>> allgs;   // every G ever created, never freed (allgs)
  std::vector<std::unique_ptr<m>> allm;    // m0 first, then sysmon's M, then the rest
  std::vector<std::unique_ptr<p>> allp;    // len == gomaxprocs (Ps beyond it are kept as _Pdead)
  schedt sched;
  int32_t gomaxprocs = 0;
  uint64_t startingStackSize = _FixedStack;  // stack.go:1446 (adaptive; the GC may raise it)
  bool mainStarted = false;
  uint64_t nexecute = 0;  // execute() calls: a G started running on an M (the UI's "goroutine switch")
  Trace trace;
  SchedConfig cfg;

  m* m0() const { return allm.empty() ? nullptr : allm[0].get(); }
  const std::string& fatal() const { return fatal_; }
  g* gByHandle(uint64_t h) const { return h == 0 || h > allgs.size() ? nullptr : allgs[h - 1].get(); }
  // Invariant check for tests: every G is in exactly the place its status says. Returns "" when
  // consistent, else a description of the first problem.
  std::string checkInvariants() const;

  // Sudog pool for the channel module (acquireSudog/releaseSudog, proc.go:388).
  sudog* acquireSudog();
  void releaseSudog(sudog* s);

  AddressSpace& addrSpace() { return as_; }
  mheap& heap() { return heap_; }

  // Trace helpers (public for the channel module).
  void traceEv(TraceEv type, m* mp, g* gp, uint32_t arg = 0, uint8_t reason = 0, uint16_t arg2 = 0);

 private:
  g* malg(uint64_t stacksize, p* pp);
  void dropg(m* mp);
  void setFatal(const char* msg);
  void runPendingWakes();
  void completeSyscalls();
  void stealTimersWake();
  void addtimer(p* pp, timer* t);
  void deltimer0(p* pp);  // remove the heap top
  void siftupTimer(std::vector<timer*>& h, uint32_t i);
  void siftdownTimer(std::vector<timer*>& h, uint32_t i);
  bool stealWork(m* mp, int64_t now, g** gpOut, bool* inheritTime);
  void stopTheWorld(m* mp);
  void startTheWorld(p* runnablePs);
  p* procresizeImpl(int32_t nprocs, m* mp);  // returns the Ps with local work (runnablePs)

  AddressSpace& as_;
  StackAllocator& stacks_;
  mheap& heap_;
  int64_t now_ = 0;
  std::string fatal_;
  std::vector<m*> pendingWake_;                // Ms woken by startm, FIFO
  std::vector<std::unique_ptr<mcache>> pcaches_;  // mcaches of P1..
  std::vector<std::unique_ptr<p>> deadPs_;        // Ps removed by procresize (_Pdead), kept for oldp
  std::vector<std::unique_ptr<timer>> timerStore_;
  std::vector<std::unique_ptr<sudog>> sudogStore_;
  std::vector<sudog*> sudogFree_;
  // sysmon state (proc.go:5134)
  m* sysmonM_ = nullptr;
  int64_t sysmonWhen_ = 0;
  int sysmonIdle_ = 0;
  int64_t sysmonDelay_ = 0;
  // randomOrder (proc.go:6222): coprimes of gomaxprocs
  std::vector<uint32_t> stealCoprimes_;
  std::vector<m*> running_;  // runningMs()'s result
  int32_t insyscall_ = 0;    // Ms in MState::Syscall (entersyscall .. exitsyscall)
};

}  // namespace gofast::rt
