// The VM: runs a compile::Program on the simulated machine (address space, heap + GC, goroutine stacks,
// scheduler), so every value the program computes is bytes at a Go-like address.
//
// Shape (docs/runtime.md explains it for a learner):
//  * One Machine object owns all state (address space, mheap, collector, stack allocator, scheduler,
//    the per-goroutine VM state, output, counters): a session can snapshot and replay it, and nothing
//    depends on host addresses or wall-clock time (DESIGN rule 7, 11).
//  * Execution goes through the Scheduler from the start: init() creates G1 on m0 with its 2 KiB
//    stack; the run loop is poll(), then a slice of instructions for the curg of every running M. A
//    G's VM registers (pc, sp, bp) live in g.sched (gobuf) whenever it is not running.
//  * The dispatch loop keeps pc, SP, BP and a host pointer to the bytes at SP in locals. Frame operands
//    are offsets from SP; the host pointer is re-fetched after every stack move (DESIGN rule 6).
//  * Calls follow ABI0 (program.h). The callee's prologue check is Go's (obj6.go stacksplit: three
//    frame-size cases; NOSPLIT leaves skip it); a failed check calls newstack, which doubles the stack
//    (copystack: copy the used part, relocate every pointer into the old stack, free it) or, on
//    stackguard0 == stackPreempt, yields (gopreempt).
//  * Defers are _defer records in the deferring frame, linked from the G (deferprocStack); panics run
//    them from runtime.gopanic's frame and then print Go's message and traceback (exit status 2).
//  * Errors are values: a Go panic, a fatal error or a limit ends the run with a RunResult; no C++
//    exception crosses the dispatch loop.
//
// Section index: options and results · Machine (run loop, GC roots, stack growth, panics, traceback).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "compile/program.h"
#include "runtime/addrspace.h"
#include "runtime/chan.h"
#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/sched.h"
#include "runtime/stackalloc.h"
#include "runtime/sync.h"
#include "runtime/trace.h"

namespace gofast::rt {

// stack.go:1052 (newstack): maxstacksize = 1<<20 at start, set by runtime.main to 1 GB on 64-bit
// (proc.go:151 maxstacksize = 1000000000).
inline constexpr uint64_t kMaxStackSize = 1000000000;
// obj6.go / stack.go:106-107: StackSmall and StackBig bound the three prologue cases.
inline constexpr uint64_t _StackSmall = 128;
inline constexpr uint64_t _StackBig = 4096;
// Debug knobs (DESIGN rule 9) as defaults of VmOptions.
inline constexpr bool kDebugStackMoveEveryCall = false;
// With that knob on, a call moves the stack only while at most this many bytes of it are in use;
// deeper, every kDebugStackMoveDeepPeriod-th call (copying a deep stack at every call is quadratic:
// 17_recursion's 100000 frames would copy ~500 GB).
inline constexpr uint64_t kDebugStackMoveMaxUsed = 64 << 10;
inline constexpr uint64_t kDebugStackMoveDeepPeriod = 1024;

// Virtual clock: documented cost of each kind of work, in nanoseconds (the UI shows what calls,
// allocations and GC cost). Roughly a 3 GHz core running Go code: one simple instruction ≈ 1 ns.
inline constexpr int64_t kCostInstrNs = 1;
inline constexpr int64_t kCostCallNs = 2;         // prologue, frame setup, return
inline constexpr int64_t kCostAllocNs = 20;       // mallocgc fast path
inline constexpr int64_t kCostAllocPer64BNs = 1;  // zeroing / copying per 64 bytes
inline constexpr int64_t kCostStackCopyPer64BNs = 1;
inline constexpr int64_t kCostStackSplitNs = 20;  // segmented mode: a split (stackalloc) or a lessstack return
// Output is a write(2) system call. Its virtual latency by default: a short line written to a pipe or
// to a file in the page cache takes 1-3 us on Linux x86-64 (measured on gofast's development machine,
// 200,000 writes of a 19-byte line: 1.2 us each to a pipe with a reader draining it, 2.3 us to a
// file, 0.6 us to /dev/null). fmt.Print* goes through syscall.Write -> entersyscall (the G is
// _Gsyscall, its P _Psyscall, sysmon may retake it); print/println use the runtime's raw write1
// (print.go:86 gwrite -> write_err.go:12 writeErr), which blocks the M without entersyscall.
inline constexpr int64_t kDefaultWriteLatencyNs = 2000;

// How goroutine stacks grow. Go 1.3+ copies a stack to one twice the size (Copying, what gofast
// runs). Go 1.2's segmented stacks (a new segment linked on overflow, `lessstack` on return) are a
// planned second mode for chapter 3's "hot split" demonstration; newstack is where it will branch.
enum class StackMode : uint8_t { Copying, Segmented };

// Go 1.2's segmented stacks (golang/go src/pkg/runtime/stack.h at the Go 1.2 development commit
// 01f63ec): a new segment gets the splitting frame plus StackExtra (1024) bytes, at least StackMin;
// Go 1.2 raised StackMin from 4 KB to 8 KB (Go 1.2 release notes, "Stack size").
inline constexpr uint64_t kSegStackExtra = 1024;
inline constexpr uint64_t kSegStackMin = 8192;

struct VmOptions {
  StackMode stackMode = StackMode::Copying;
  bool trace = false;  // record scheduler trace events (Scheduler::trace)
  // -preempt=async (Go 1.14+, the default of Go 1.19): a goroutine marked by sysmon after 10 ms is
  // stopped where it is (at the end of its current slice, its registers saved in g.sched) even in a
  // loop without calls. false = -preempt=cooperative (Go <= 1.13): only the next prologue stops it.
  bool asyncPreempt = true;
  uint64_t maxSteps = 100000000;        // instructions (-max-steps)
  uint64_t maxHeapBytes = uint64_t{1} << 30;  // heap arena bytes (-max-heap)
  uint64_t maxOutputBytes = uint64_t{64} << 20;
  int64_t maxGoroutines = 1 << 20;
  uint64_t maxStackSize = kMaxStackSize;
  int32_t gomaxprocs = 1;
  uint64_t seed = 1;
  bool stackMoveEveryCall = kDebugStackMoveEveryCall;  // copystack to a same-size stack at every call
  bool gcEveryAlloc = kDebugGcEveryAlloc;
  bool poisonFreedStacks = kDebugPoisonFreedStacks;
  uint32_t sliceInstructions = 10000;  // instructions per scheduling slice
  // Log timeline events (MachineEvent: switches, growths, GCs) and pause after the instruction that
  // grew a stack or ran a GC so their positions are exact. The session's history needs them; a plain
  // `gofast run` does not (a ping-pong logs two million switches). The timeline is the same either way.
  bool timelineEvents = false;
  // Virtual duration of each write(2) the program makes (-write-latency). 0 = output costs no time
  // and fmt.Print* enters no syscall.
  int64_t writeLatencyNs = kDefaultWriteLatencyNs;
};

enum class ExitKind : uint8_t { Exited, Panicked, Fatal, Limit, Unsupported, Internal };

struct RunResult {
  ExitKind kind = ExitKind::Exited;
  int exitStatus = 0;
  std::string stdoutText;
  std::string stderrText;
  uint64_t steps = 0;
  int64_t virtualNs = 0;
  uint64_t calls = 0, stackGrowths = 0, stackMoves = 0, stackShrinks = 0, allocs = 0;
  uint64_t stackSplits = 0, stackLessstacks = 0;  // segmented mode: morestack / lessstack
};

class Machine final : public RootSource {
 public:
  Machine(const compile::Program& prog, const VmOptions& opts = {});
  ~Machine() override;
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // Runs the program to its end (or a limit).
  RunResult run();
  // Stepwise (the session API): start() creates G1; runFor(n) executes exactly n more instructions
  // (fewer when the run ends) and returns false once the run has ended. The run is one fixed
  // timeline of scheduling rounds whatever the step sizes: runFor(1) a million times reaches the
  // same state as runFor(1000000) or run() (the round cursor below keeps a round's place).
  void start();
  bool runFor(uint64_t steps);
  // Like runFor, but also stops at the first event whose kind is in stopMask (bits of
  // 1 << MachineEvent::Kind). Every stop is at a canonical point: the state just before the next
  // instruction, after any poll and slice set-up at that instruction count, so an instruction count
  // names exactly one state of the run (time travel compares them).
  bool advance(uint64_t steps, uint32_t stopMask);
  bool finished() const { return finished_; }
  const RunResult& result() const { return res_; }
  uint64_t steps() const { return res_.steps; }

  // Events on the timeline, at the instruction count where they happened (the session's history
  // uses them to step and step back by goroutine switch, stack growth and GC). A growth or a GC
  // happens inside an instruction: execution pauses right after it so the position is exact.
  struct MachineEvent {
    enum Kind : uint8_t { Switch, Growth, GC, Exit };
    uint64_t step = 0;
    Kind kind = Switch;
    int64_t goid = 0;
    uint64_t traceLen = 0;  // scheduler trace events recorded by then (maps a trace event to a position)
  };
  // Events logged since the last call (the caller keeps them), and how many were logged over the
  // whole run (so a clone replaying part of the timeline can tell which events are new).
  std::vector<MachineEvent> takeEvents() { return std::move(events_); }
  uint64_t eventsLogged() const { return eventSeq_; }
  // The goroutine that executed the most recent instruction (0 before the first) and the
  // instruction index it will execute next (its line is where "it is").
  int64_t lastGoid() const { return lastGoid_; }
  uint32_t lastGPc() const;

  // A deep copy of the whole machine state (address space, heap, collector, stacks, scheduler,
  // channels, semaphores, per-G state, the round cursor), sharing only the immutable Program and the
  // append-only trace buffer (trace.h). withLogs = false leaves the output text empty: the session
  // keeps one copy of it and gives a restored clone its prefix back with restoreLogs().
  std::unique_ptr<Machine> clone(bool withLogs = true) const;
  void restoreLogs(std::string_view out, std::string_view err);
  // Host bytes this machine's state occupies (resident pages dominate), for history budgets.
  uint64_t footprintBytes() const;

  // A frame of a goroutine's stack, innermost first (the UI's frames panel).
  struct FrameInfo {
    int32_t func = -1;   // index in Program::funcs
    uint32_t pc = 0;     // instruction index (the call site for outer frames)
    Addr sp = 0;         // frame [sp, sp + frameSize), then saved BP, return address, args
  };
  // The frames of the goroutine with this handle (g.handle), innermost first, at most maxFrames.
  std::vector<FrameInfo> frames(uint32_t handle, size_t maxFrames);
  const compile::Program& program() const { return prog_; }

  // RootSource: globals, every goroutine's frames (stack maps), VM registers, panic values.
  void enumerateRoots(RootVisitor& v) override;

  AddressSpace& addrSpace() { return as_; }
  mheap& heap() { return *heap_; }
  Scheduler& scheduler() { return *sched_; }
  const GarbageCollector& gc() const { return *gc_; }
  const GoProcessMap& processMap() const { return pmap_; }

  // Per-goroutine VM state that is not in g (indexed by g.handle).
  struct PanicRec {
    std::string message;     // already formatted (printpanicval)
    bool sigsegv = false;
    uint64_t faultAddr = 0, faultPC = 0;
    uint64_t typeWord = 0, dataWord = 0;  // the panic value (a GC root; data may point into the stack)
  };
  struct GState {
    Addr deferHead = 0;  // first _defer record (in a frame of this G's stack)
    std::vector<PanicRec> panics;
    bool started = false;
    bool parked = false;  // parked in a channel operation or select: ask ChanTable::parkResult on resume
    // Segmented mode: the segments below the current one, innermost last (Go 1.2's Stktop records).
    struct Segment {
      stack old;          // the segment the split left
      Addr oldSP = 0;     // SP in it at the call (the callee's arguments are there)
      uint64_t realRet = 0;  // the return address lessstack goes back to
      uint64_t argsBytes = 0;
    };
    std::vector<Segment> segments;
  };

 private:
  enum class Stop : uint8_t { None, Exit, Panic, Fatal, Limit, Switch, Internal };

  void setup();
  Stop execute(m* mp, uint32_t budget);
  template <bool kPausePoints>
  Stop executeLoop(m* mp, uint32_t budget);
  // Register file of the running G (valid while executing; saved in g.sched otherwise).
  struct Regs {
    uint32_t pc = 0;  // instruction index
    Addr sp = 0, bp = 0;
    uint64_t ctxt = 0;
  };
  // Calls function fi with return address ret (a simulated pc); runs the prologue (stack check,
  // BP push, frame zeroing, context save). Returns false when the run must stop (fatal).
  bool enter(int32_t fi, uint64_t ret, uint64_t ctxt, int32_t pendingArgsFunc);
  bool newstack(int32_t calleeFunc, bool grow);
  void copystack(uint64_t newsize, int32_t pendingArgsFunc);
  void shrinkstack(g* gp);
  void refreshStackHost();
  Addr alloc(uint64_t size, int32_t typeIdx, uint64_t count = 1);
  bool allocFailed() const { return allocFailed_; }
  void startPanic(PanicRec rec, uint32_t pcIdx);
  void plainPanic(const char* msg, uint32_t pcIdx);
  void deadlock(const char* message);
  std::string goroutineHeader(g* gp, const char* state);
  std::string createdBy(g* gp);
  void saveRegs(uint32_t pcIdx);
  void runtimeError(const std::string& msg, uint32_t pcIdx);
  void nilPanic(uint64_t addr, uint32_t pcIdx);
  std::string printpanicval(uint64_t typeWord, uint64_t dataWord);
  void printPanicsAndDie();
  std::string traceback(g* gp, uint32_t pcIdx, Addr sp, bool skipInnermostRuntime);
  template <class Fn>
  void walkFrames(g* gp, uint32_t pcIdx, Addr sp, Fn&& f);
  bool morestackSegmented(int32_t fi, uint64_t* ret);
  void stackOverflow(int32_t calleeFunc);
  void lessstack();
  GState& gs(g* gp);
  bool appendOut(std::string& dst, std::string_view s);
  void fatal(const std::string& text);
  void limit(const std::string& text);

  const compile::Program& prog_;
  VmOptions opts_;
  AddressSpace as_;
  GoProcessMap pmap_;
  std::unique_ptr<mheap> heap_;
  std::unique_ptr<GarbageCollector> gc_;
  std::unique_ptr<StackAllocator> stacks_;
  std::unique_ptr<Scheduler> sched_;
  std::unique_ptr<ChanTable> chans_;
  std::unique_ptr<SyncTable> syncs_;
  m* curm_ = nullptr;
  std::vector<GcType> gctypes_;
  std::vector<GState> gstate_;

  // running state
  g* curg_ = nullptr;
  Regs r_;
  uint8_t* stkHost_ = nullptr;  // host bytes of curg_->stack.lo
  bool allocFailed_ = false;
  Stop stop_ = Stop::None;
  RunResult res_;
  uint64_t lastExecuted_ = 0;  // instructions of the last execute() (virtual clock)
  int64_t sliceExtraNs_ = 0;   // virtual ns the current execute() spent beyond its instructions
                               // (print/println raw writes, sync.Mutex spinning)
  uint64_t lastGC_ = 0;        // heap cycles seen (shrinkstack runs after each)
  bool started_ = false, finished_ = false;

  // The round cursor: where execution is inside a scheduling round (poll, then one slice per M
  // that was running at the poll), so a run can stop after any instruction and continue exactly.
  struct Cursor {
    bool inRound = false;
    std::vector<m*> ms;          // the Ms running a G at the poll (clone.cpp translates them)
    size_t idx = 0;              // the M whose slice is next or in progress
    bool inSlice = false;
    uint32_t sliceLeft = 0;      // instructions left in the slice
    uint64_t sliceExecuted = 0;  // instructions executed in it (virtual time)
    uint64_t roundMax = 0;       // longest slice of the round
  } cur_;
  bool pauseReq_ = false;        // a growth or GC happened: end execute() after this instruction
  uint32_t pauseKinds_ = 0;      // which (bits of MachineEvent::Kind)
  std::vector<MachineEvent> events_;
  uint64_t eventSeq_ = 0;
  int64_t lastGoid_ = 0;
  uint32_t lastGHandle_ = 0;
  size_t outLenAtClone_ = 0, errLenAtClone_ = 0;  // output lengths when clone(false) was taken
  bool logsCleared_ = false;                       // made by clone(false), restoreLogs not called yet
  bool beginRound();             // poll; false when the run ended
  bool fullRound();              // run(): one whole round without pauses; false when the run ended
  void endSlice(m* mp, Stop s);
  void asyncPreemptCheck(m* mp, Stop s);
  void logEvent(MachineEvent::Kind k, int64_t goid);
  friend class MachineCloner;
};

// Go's roundupsize (msize.go): the size mallocgc really allocates for `size` bytes.
uint64_t roundupsize(uint64_t size);

}  // namespace gofast::rt
