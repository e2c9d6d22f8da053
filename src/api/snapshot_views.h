// Snapshot views of the runtime: the Ms and sysmon, the address space's mappings, the goroutine
// stacks inside the heap arena, the heap's spans with their objects and the collector's state, copied
// out of a running rt::Machine into plain api::Snapshot values (DESIGN rule 2) for the Scheduler,
// Heap and Address-space panels.
//
// Kept apart from Session::snapshot (which copies the goroutines, Ps and counters) so the runtime's
// internal structures are read in one place: if the runtime changes a structure, this is the file to
// follow. Everything here only reads the machine; the copies are bounded by what the machine holds
// (one byte per heap object slot, one record per mapping, M and stack).
#pragma once

#include "api/snapshot.h"

namespace gofast::rt {
class Machine;
}

namespace gofast::api {

// Fills s.ms, s.sysmon, s.mappings, s.arenaStacks, s.heap, and the ring positions and M of every
// PView already in s.ps (matched by P id). Precondition: the machine is between two slices.
void fillRuntimeViews(rt::Machine& m, Snapshot& s);

// "r-x", "rw-", "---": a mapping's protection as /proc/self/maps prints it (without the 'p').
std::string protString(uint8_t prot);

// ---- the scheduler trace as a timeline (Session::timeline) ----
// A stretch of time a goroutine ran on a P (or sat in a syscall on an M: p == -1).
struct TimelineSlice {
  int64_t t0 = 0, t1 = 0;     // virtual ns
  int64_t goid = 0;
  int32_t p = -1, m = -1;
  uint32_t startEvent = 0;    // index of the trace event that started it (GoStart / SyscallEnter)
  bool syscall = false;
  std::string end;            // why it ended: "chan receive", "Gosched", "Preempted", "syscall", "Exit", ...
};
// A moment: a goroutine created, unblocked, preempted, a steal, a stack growth, a GC.
struct TimelineMark {
  int64_t t = 0;
  int64_t goid = 0;
  int32_t p = -1;
  uint32_t event = 0;         // index in the trace
  std::string what;           // "GoCreate", "unblock by G3", "Steal 2 from P1", ...
};
struct TimelineView {
  int64_t now = 0;            // the machine's clock: the cursor
  int32_t nps = 0;            // P lanes 0..nps-1 (the highest P id seen + 1)
  std::vector<int64_t> goids; // one lane per goroutine that appears, ascending
  std::vector<TimelineSlice> slices;  // by start time
  std::vector<TimelineMark> marks;    // by time
  uint64_t events = 0, dropped = 0;   // trace events stored / not stored (the trace's limit)
};

}  // namespace gofast::api
