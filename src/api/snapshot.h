// Snapshot: a read-only picture of a running program that panels draw (DESIGN rule 2). Plain values
// copied out of the machine between two slices of execution, so a panel never holds a pointer into
// the VM and the VM is free to move stacks or collect garbage afterwards.
//
// This first version covers what the run panels show today (goroutines with their stacks and wait
// reasons, the Ps with their run queues, counters, output); frames with their bytes, heap objects and
// mappings join it with the time-travel work (issue #7).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gofast::api {

struct GoroutineView {
  int64_t goid = 0;
  std::string status;      // "running", "runnable", "waiting", "syscall", "dead" (Go's traceback words)
  std::string waitReason;  // "chan receive", "semacquire", "sleep", ... ("" unless waiting)
  uint64_t stackLo = 0, stackHi = 0;  // [lo, hi): the stack's address range
  uint64_t sp = 0;                    // saved stack pointer (0 while unknown)
  int32_t m = -1;                     // M running it, -1 none
  std::string function;               // where it is (innermost function), when known
  int32_t line = 0;
};

struct PView {
  int32_t id = 0;
  std::string status;            // "_Pidle", "_Prunning", ...
  int64_t curg = 0;              // goid running on it (via its M), 0 none
  int64_t runnext = 0;           // goid in runnext, 0 none
  std::vector<int64_t> runq;     // goids in the local ring, head first
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
};

}  // namespace gofast::api
