// Narration: one plain sentence for what the last step did ("Stepped to the next goroutine switch:
// G7 blocked on chan receive; P0 started G9. G9 is at line 14 (main.worker)."), from two snapshots
// and the scheduler trace between them (SPEC F7: the UI shows it and the web page mirrors it to an
// ARIA live region for screen readers).
#pragma once

#include <string>

#include "api/session.h"
#include "api/snapshot.h"

namespace gofast::api {

// verb: what the user asked for ("Stepped to the next line", "Went back one GC").
std::string describeMove(const Session& s, const Snapshot& before, const Snapshot& after, const std::string& verb);
// How the run ended ("The program exited with status 0 after 1234 instructions.").
std::string describeEnd(const Snapshot& end);

}  // namespace gofast::api
