// A precise, stop-the-world, non-moving mark-sweep garbage collector over mheap.
//
// Go 1.19's collector is concurrent (mutators keep running while it marks, guarded by a write
// barrier) but, seen from a single step of a program, a cycle does what this one does: find every
// object reachable from the roots, then free the rest in place (nothing moves, so addresses the user
// saw stay valid). gofast stops the world for the whole cycle, which keeps the VM simple and
// deterministic; the UI can still watch a cycle progress with the step API (markStep/sweepStep).
//
//  * Roots come from the VM through RootSource: globals (data/bss with their pointer masks),
//    goroutine stacks with their stack maps, and anything else holding pointers (VM registers,
//    channel buffers are heap objects already). The VM calls RootVisitor::block for a region of
//    simulated memory with a pointer mask (like Go's scanblock, mgcmark.go:1218) or
//    RootVisitor::pointer for a single value held outside simulated memory.
//  * Marking is precise: only words whose pointer bit is set are followed, and only values that
//    point into an allocated object of an in-use span count (interior pointers mark the whole object;
//    pointers into stacks, free slots, tail waste or outside the arena are ignored), as
//    greyobject/scanobject do (mgcmark.go:1461, :1256). The grey set is a LIFO work list.
//  * Sweeping frees every unmarked slot (mheap::sweepSpan) and returns empty spans' pages.
//  * Pacing is GOGC's: the next goal is heapMarked + (heapMarked + stack scan + globals scan) *
//    GOGC/100, at least heapMinimum = 4 MiB * GOGC/100 (mgcpacer.go:1271-1277, :63-64, :1319).
//    Go starts its concurrent cycle *before* the goal so marking ends near it; a stop-the-world
//    collector needs no runway, so gofast collects when heapLive reaches the goal.
//  * Debug knob: HeapConfig::gcEveryAlloc (kDebugGcEveryAlloc) collects before every allocation.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/heap.h"

namespace gofast::rt {

// GOGC default (mgcpacer.go:1352, readGOGC) and the minimum heap goal for GOGC=100
// (defaultHeapMinimum, mgcpacer.go:63-64; the 512 KiB experiment is off in 1.19).
inline constexpr int kDefaultGOGC = 100;
inline constexpr uint64_t defaultHeapMinimum = uint64_t{4} << 20;

// gcphase values (mgc.go:207-209).
enum class gcPhase : uint8_t { _GCoff, _GCmark, _GCmarktermination };
const char* gcPhaseName(gcPhase p);

class GarbageCollector;

// Handed to RootSource::enumerateRoots; the VM reports its roots through it.
class RootVisitor {
 public:
  // A pointer-sized value that may point into the heap (held by the VM outside simulated memory).
  void pointer(uint64_t v);
  // Scan [lo, lo+n) in simulated memory: word i is a pointer candidate when bit i of ptrmask is set
  // (LSB first, like Go's gcdata / stack maps). ptrmask == nullptr: every word is a pointer slot.
  void block(Addr lo, uint64_t n, const uint8_t* ptrmask);
  // For the pacer: bytes of goroutine stack / globals that were scanned (lastStackScan, globalsScan).
  void stackScanned(uint64_t bytes) { stackBytes_ += bytes; }
  void globalsScanned(uint64_t bytes) { globalsBytes_ += bytes; }
  // Faults met while reading a root block (a bug in the VM's root description); counted, not fatal.
  uint64_t faults() const { return faults_; }

 private:
  friend class GarbageCollector;
  explicit RootVisitor(GarbageCollector& gc) : gc_(gc) {}
  GarbageCollector& gc_;
  uint64_t stackBytes_ = 0, globalsBytes_ = 0, faults_ = 0;
};

// Implemented by the VM.
class RootSource {
 public:
  virtual ~RootSource() = default;
  virtual void enumerateRoots(RootVisitor& v) = 0;
};

// What the UI shows about the collector.
struct GcState {
  gcPhase phase = gcPhase::_GCoff;
  bool sweeping = false;
  uint64_t cycle = 0;           // completed cycles
  int gcPercent = kDefaultGOGC;  // GOGC; < 0 = off
  uint64_t heapMinimum = defaultHeapMinimum;
  uint64_t heapGoal = defaultHeapMinimum;  // next GC when heapLive reaches this
  uint64_t heapMarked = 0;     // live heap after the last cycle
  uint64_t lastStackScan = 0;  // bytes of stack scanned in the last cycle
  uint64_t globalsScan = 0;    // bytes of globals scanned in the last cycle
  // Current / last cycle progress.
  uint64_t markedObjects = 0;
  uint64_t markWork = 0;  // bytes scanned (roots + objects)
  uint64_t greyObjects = 0;  // work list length
  uint64_t rootFaults = 0;
  uint64_t sweptSpans = 0, spansToSweep = 0;
  uint64_t freedObjects = 0, freedBytes = 0;
};

class MachineCloner;
class GarbageCollector final : public GcHook {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  // Registers itself with the heap (mallocgc will call collect()). roots may be null (no roots: a
  // collection frees everything) and can be set later.
  GarbageCollector(mheap& heap, RootSource* roots);
  ~GarbageCollector() override;
  GarbageCollector(const GarbageCollector&) = delete;
  GarbageCollector& operator=(const GarbageCollector&) = delete;

  void setRoots(RootSource* roots) { roots_ = roots; }
  // debug.SetGCPercent / GOGC: < 0 turns the collector off (no automatic cycles).
  void setGCPercent(int percent);

  // runtime.GC(): a full cycle now (finishes a cycle in progress first).
  void collect() override;
  uint64_t trigger() const override;
  bool running() const override { return isRunning(); }

  // Step API (the world stays stopped between steps; the caller must not run Go code until
  // isRunning() is false). start() enumerates the roots; markStep scans up to `budget` objects and
  // returns true when marking is done; sweepStep sweeps up to `nspans` spans and returns true when
  // the cycle has ended.
  void start();
  bool markStep(uint64_t budget);
  bool sweepStep(uint64_t nspans);
  bool isRunning() const { return state_.phase != gcPhase::_GCoff || state_.sweeping; }

  const GcState& state() const { return state_; }

 private:
  friend class RootVisitor;
  void greyobject(const ObjectRef& obj);
  void scanobject(Addr base);
  void considerPointer(uint64_t v);
  void finishMark();
  void finishCycle();
  void commitPacer();

  mheap& heap_;
  RootSource* roots_;
  GcState state_;
  std::vector<Addr> work_;  // grey objects
  std::vector<SpanId> sweepList_;
  size_t sweepPos_ = 0;
};

}  // namespace gofast::rt
