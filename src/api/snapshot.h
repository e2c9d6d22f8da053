// Snapshot: a read-only picture of a running program that panels draw (DESIGN rule 2). Plain values
// copied out of the machine between two slices of execution, so a panel never holds a pointer into
// the VM and the VM is free to move stacks or collect garbage afterwards.
//
// Views are comparable (==): the time-travel tests check that the state after stepping back equals
// the state first seen at that position.
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
  bool operator==(const GoroutineView&) const = default;
};

struct PView {
  int32_t id = 0;
  std::string status;            // "_Pidle", "_Prunning", ...
  int64_t curg = 0;              // goid running on it (via its M), 0 none
  int64_t runnext = 0;           // goid in runnext, 0 none
  std::vector<int64_t> runq;     // goids in the local ring, head first
  bool operator==(const PView&) const = default;
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
  // Time travel: where the run is (instructions executed), who ran last and on which line.
  uint64_t position = 0;
  int64_t currentGoid = 0;
  int32_t currentLine = 0;
  uint64_t traceLength = 0, traceHash = 0;  // scheduler trace events so far and their hash
  uint64_t memoryHash = 0;                   // full snapshots only: every mapping and resident byte
  bool operator==(const Snapshot&) const = default;
};

}  // namespace gofast::api
