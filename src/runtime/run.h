// run: source text → front end → analysis (inlining, escape analysis) → compile → VM, as `go run`
// does for one file. Shared by `gofast run`, the golden corpus test and (later) the session API.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "runtime/vm.h"

namespace gofast::rt {

struct RunOptions {
  std::string displayName = "./main.go";  // how compile errors name the file
  std::string tracePath = "/tmp/main.go";  // absolute path tracebacks print
  bool noInline = false;                   // -l
  VmOptions vm;
  // -trace: when set, the scheduler trace is written here after the run as Chrome trace-event JSON
  // (chrome://tracing, Perfetto): one track per P and per M, flows for unblocks.
  std::ostream* chromeTrace = nullptr;
};

struct RunOutcome {
  bool compiled = false;  // false: stderrText holds go build's errors (or gofast's "cannot run X yet")
  RunResult result;       // stdout/stderr text and exit status (also set when !compiled)
};

RunOutcome runSource(std::string_view source, const RunOptions& opts);

}  // namespace gofast::rt
