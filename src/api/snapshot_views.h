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

}  // namespace gofast::api
