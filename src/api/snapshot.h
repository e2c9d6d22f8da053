// Snapshot: a read-only picture of a running program that panels draw (DESIGN rule 2). Plain values
// copied out of the machine between two slices of execution, so a panel never holds a pointer into
// the VM and the VM is free to move stacks or collect garbage afterwards.
//
// Views are comparable (==): the time-travel tests check that the state after stepping back equals
// the state first seen at that position. The runtime views at the end (Ms, sysmon, mappings, spans,
// GC state) are filled by api/snapshot_views.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gofast::api {

// One named slot of a frame (a local, parameter, result or compiler temporary).
struct SlotView {
  std::string name;   // "n", "~r0", ".autotmp_3", "&x"
  std::string type;   // Go's spelling: "int", "*main.Point"
  std::string kind;   // "local", "param", "result", "temp", "defer", "closure"
  uint64_t addr = 0;  // where it lives
  int32_t size = 0;
  bool operator==(const SlotView&) const = default;
};

// A call frame, innermost first. Memory from sp upwards: the frame's own [sp, fp) (locals, temporaries,
// outgoing arguments), the saved BP at fp, the return address at fp+8, then its arguments and results
// (in the caller's frame) from fp+16.
struct FrameView {
  std::string function;  // "main.fib"
  int32_t line = 0;
  uint64_t sp = 0, fp = 0;
  uint64_t argsLo = 0, argsHi = 0;   // [argsLo, argsHi): arguments then results
  uint64_t returnPC = 0;             // the simulated return address stored at fp+8
  std::vector<SlotView> slots;
  std::vector<uint8_t> bytes;        // [sp, argsHi) (empty when not requested)
  bool operator==(const FrameView&) const = default;
};

struct GoroutineView {
  int64_t goid = 0;
  std::string status;      // "running", "runnable", "waiting", "syscall", "dead" (Go's traceback words)
  std::string waitReason;  // "chan receive", "semacquire", "sleep", ... ("" unless waiting)
  uint64_t stackLo = 0, stackHi = 0;  // [lo, hi): the stack's address range
  uint64_t sp = 0;                    // saved stack pointer (0 while unknown)
  int32_t m = -1;                     // M running it, -1 none
  std::string function;               // where it is (innermost function), when known
  int32_t line = 0;
  std::vector<FrameView> frames;      // innermost first
  // g.stackguard0 (runtime2.go:416): stack.lo + _StackGuard (928, stack.go:101), which every function
  // prologue compares SP with; or stackPreempt (0xfffffffffffffade, stack.go:138) when the scheduler
  // asked the goroutine to yield at its next call.
  uint64_t stackguard0 = 0;
  bool operator==(const GoroutineView&) const = default;
};

struct PView {
  int32_t id = 0;
  std::string status;            // "_Pidle", "_Prunning", ...
  int64_t curg = 0;              // goid running on it (via its M), 0 none
  int64_t runnext = 0;           // goid in runnext, 0 none
  std::vector<int64_t> runq;     // goids in the local ring, head first
  // Where the ring's head and tail are (runtime2.go:629-630 p.runqhead/runqtail; slot = index % 256):
  // the ring's occupied slots are runqhead % 256 ... (runqtail - 1) % 256.
  uint32_t runqhead = 0, runqtail = 0;
  int64_t m = -1;                // id of the M holding it, -1 none
  uint32_t schedtick = 0;        // scheduler calls on this P (p.schedtick)
  bool operator==(const PView&) const = default;
};

// An M: an OS thread (runtime2.go:526). Filled by api/snapshot_views.cpp.
struct MView {
  int64_t id = 0;
  // "running" (holds a P, runs curg), "spinning" (holds a P, looking for work), "woken" (started by
  // startm, about to schedule), "idle" (parked on sched.midle), "syscall", "sysmon".
  std::string state;
  int64_t curg = 0;               // goid it runs, 0 none
  int32_t p = -1;                 // id of the P it holds, -1 none
  uint64_t g0Lo = 0, g0Hi = 0;    // its g0 (scheduler) stack [lo, hi)
  bool operator==(const MView&) const = default;
};

// sysmon (proc.go:5134): the M without a P that wakes up now and then to retake Ps from long
// syscalls and preempt long-running goroutines.
struct SysmonView {
  bool exists = false;
  int64_t nextWakeNs = 0;   // virtual time of its next round
  int64_t delayNs = 0;      // its current nap: 20 µs, doubling after 50 idle rounds up to 10 ms
  bool sleeping = false;    // sched.sysmonwait: every P idle, it sleeps until the next timer
  bool operator==(const SysmonView&) const = default;
};

// One address-space mapping (like a line of /proc/self/maps).
struct MappingView {
  std::string name;           // "text", "heap arena", "[stack]", "thread stack m3 guard", ...
  uint64_t lo = 0, hi = 0;    // [lo, hi)
  std::string kind;           // rt::mappingKindName: "text", "rodata", "data", "bss", "heap arena", "main stack", "thread stack", "guard", "anon"
  std::string prot;           // "r-x", "rw-", "---"
  uint64_t residentBytes = 0; // bytes backed by memory (touched pages)
  bool operator==(const MappingView&) const = default;
};

// A goroutine stack (or an M's g0 stack) inside the heap arena.
struct ArenaStackView {
  uint64_t lo = 0, hi = 0;
  int64_t goid = 0;     // owner goroutine, 0 when it is an M's g0 stack
  int64_t m = -1;       // for g0 stacks: the M
  bool dead = false;    // a dead goroutine's stack kept for reuse (gfput)
  bool operator==(const ArenaStackView&) const = default;
};

// One span of the heap arena (mheap.go:377 mspan).
struct SpanView {
  uint64_t start = 0, npages = 0;
  bool manual = false;        // mSpanManual: goroutine stacks; otherwise mSpanInUse: heap objects
  int sizeclass = 0;          // 0 = one large object (or a stack span)
  uint64_t elemsize = 0;
  uint32_t nelems = 0, allocCount = 0;
  bool noscan = false;        // objects without pointers (the GC does not scan them)
  // Per object (in-use spans with a size class): bit 0 allocated, bit 1 marked by the GC. Empty for
  // spans past HeapView::kMaxObjectCells (a big heap is summarised by allocCount instead).
  std::vector<uint8_t> objects;
  bool operator==(const SpanView&) const = default;
};

struct GcView {
  std::string phase;          // "_GCoff", "_GCmark", "_GCmarktermination"
  bool sweeping = false;
  uint64_t cycle = 0;         // completed cycles
  int gcPercent = 100;        // GOGC
  uint64_t heapGoal = 0;      // next cycle when heapLive reaches it
  uint64_t heapMarked = 0;    // live heap after the last cycle
  uint64_t lastFreedObjects = 0, lastFreedBytes = 0;
  bool operator==(const GcView&) const = default;
};

struct HeapView {
  // At most this many per-object cells are copied per snapshot (the UI copies one every frame; a
  // 1 GiB heap of 8-byte objects would otherwise be 128 MiB of cells).
  static constexpr uint64_t kMaxObjectCells = uint64_t{1} << 18;
  uint64_t arenaLo = 0, arenaHi = 0;
  std::vector<SpanView> spans;  // address order
  // runtime.MemStats-like counters (rt::HeapStats).
  uint64_t mallocs = 0, frees = 0, tinyAllocs = 0, totalAlloc = 0;
  uint64_t heapLive = 0, heapInuse = 0, stackInuse = 0, heapSys = 0, numGC = 0;
  GcView gc;
  bool operator==(const HeapView&) const = default;
};

struct Snapshot {
  bool running = false;    // a run exists and has not finished
  bool finished = false;
  int exitStatus = 0;
  uint64_t steps = 0;      // instructions executed
  int64_t virtualNs = 0;   // the VM's clock
  uint64_t stackGrowths = 0, calls = 0, allocs = 0;
  uint64_t heapLive = 0, heapInuse = 0, stackInuse = 0, numGC = 0;
  std::vector<GoroutineView> goroutines;  // by goid
  std::vector<PView> ps;
  std::vector<int64_t> globalRunq;
  std::string stdoutText, stderrText;
  // ---- runtime views (api/snapshot_views.cpp) ----
  std::vector<MView> ms;                 // by id: m0, sysmon's M, then the others
  SysmonView sysmon;
  std::vector<MappingView> mappings;     // address order, disjoint
  std::vector<ArenaStackView> arenaStacks;  // goroutine and g0 stacks in the heap arena, address order
  HeapView heap;
  // Time travel: where the run is (instructions executed), who ran last and on which line.
  uint64_t position = 0;
  int64_t currentGoid = 0;
  int32_t currentLine = 0;
  uint64_t traceLength = 0, traceHash = 0;  // scheduler trace events so far and their hash
  uint64_t memoryHash = 0;                   // full snapshots only: every mapping and resident byte
  bool operator==(const Snapshot&) const = default;
};

}  // namespace gofast::api
