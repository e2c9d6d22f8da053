// Session: the one narrow API every face (UI, CLI, embed) drives the core through (DESIGN rules 1-2).
//
// A Session holds one program and everything known about it. Loading runs the whole front end and
// the analysis once: the parse, the type check (go build's diagnostics, with Go's wording and
// positions), then Go 1.19's inliner and escape analysis on the checked file. The results are kept
// as plain values the panels draw: the compile errors, the `-m` lines exactly as
// `go build -gcflags=-m` prints them, and *notes*, one per thing the compiler decided at a source
// position (a function's inline cost and verdict, an inlined call, a variable moved to the heap, an
// allocation that escapes or stays on the stack, a leaking parameter), classified so the UI can
// colour them without parsing text.
//
// Why the notes come from the structured analysis records (analysis::FuncAnalysis) and the -m
// lines from the analysis' own output: both are produced by the same pass, so the UI's pills and the
// Diagnostics panel's lines can never disagree with `gofast build -m` (the golden tests check the
// latter against real Go).
//
// The run side (executing the program on the VM, stepping forwards and backwards, snapshots) joins
// this class when the machine lands (issues #5-#7); the UI already holds a Session for it.
//
// Section index: options · notes · Session.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "api/history.h"
#include "api/snapshot.h"
#include "common/diagnostic.h"
#include "compile/layout.h"
#include "models/threads.h"
#include "common/pos.h"

namespace gofast::lang {
struct FrontendResult;
}
namespace gofast::analysis {
struct AnalysisResult;
}
namespace gofast::compile {
struct Program;
}
namespace gofast::rt {
class Machine;
}

namespace gofast::api {

struct TimelineView;  // api/snapshot_views.h

// ---- options -----------------------------------------------------------------------------------------
struct LoadOptions {
  bool inlining = true;                  // false: as `-gcflags=-l`
  std::string displayName = "./main.go"; // how diagnostics name the file (go build's "./main.go")
};

// ---- notes ------------------------------------------------------------------------------------------
enum class NoteKind : uint8_t {
  CanInline,       // "can inline f with cost 12" (cost and budget in the note)
  CannotInline,    // "cannot inline f: function too complex: cost 95 exceeds budget 80"
  InlinedCall,     // "inlining call to f"
  MovedToHeap,     // "moved to heap: x"
  EscapesToHeap,   // "new(int) escapes to heap", "func literal escapes to heap"
  DoesNotEscape,   // "&Point{...} does not escape", "p does not escape"
  LeakingParam,    // "leaking param: p", "leaking param content: p", "... to result ~r0 level=0"
};
const char* noteKindName(NoteKind k);  // "can-inline", "moved-to-heap", ... (stable, for tests and JS)

struct Note {
  Pos pos;
  NoteKind kind = NoteKind::CanInline;
  std::string function;  // Go's name of the function the note belongs to ("main", "(*Point).Norm1")
  std::string subject;   // what it is about: a function, callee, variable or expression
  std::string text;      // the compiler's words, as `-m` prints them
  int32_t cost = -1;     // CanInline/CannotInline: the inline cost when Go computed one
  std::vector<std::string> flow;  // -m=2 explanation lines when known (may be empty)
};

// How to run the loaded program (SPEC F4 options).
struct RunConfig {
  int32_t gomaxprocs = 1;
  uint64_t seed = 1;
  uint64_t maxSteps = 100000000;  // instructions before the run is stopped (SPEC R2)
  bool trace = true;              // record the scheduler trace (timeline, thread model, export)
  bool debugKnobs = false;        // DESIGN rule 9: a stack move at every call and a GC before every allocation
  uint64_t checkpointInterval = 0;  // time travel: instructions between checkpoints at first (0 = History's default)
  bool segmentedStacks = false;     // Go 1.2's segmented stacks instead of copying (gofast run -stack=segmented)
  bool asyncPreempt = true;         // Go 1.14+ asynchronous preemption; false = cooperative (-preempt=cooperative)
  // Virtual latency of each write(2) (fmt output is a syscall; chapter 4 slows it to show a P handoff).
  // Default: rt::kDefaultWriteLatencyNs (runtime/vm.h; session.cpp checks they agree).
  int64_t writeLatencyNs = 2000;
};

// ---- Session ------------------------------------------------------------------------------------------
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Parses, checks and analyses `source`. Returns true when the program compiles (no diagnostics).
  // Never fails otherwise: bad input becomes diagnostics.
  bool load(std::string_view source, const LoadOptions& opts = {});

  bool loaded() const { return loaded_; }
  bool ok() const { return loaded_ && diags_.empty(); }
  const std::string& source() const { return source_; }
  const LoadOptions& options() const { return opts_; }

  // What `go build` prints for the program's errors (empty when it compiles), in go build's order.
  const Diagnostics& diagnostics() const { return diags_; }
  // The text `go build` prints (the "# command-line-arguments" header and the errors), "" when ok.
  const std::string& buildOutput() const { return buildOutput_; }

  // The `-m` lines (without the file prefix), in Go's order; empty when the program has errors.
  const std::vector<analysis::Message>& mLines() const { return mLines_; }
  // The complete `go build -gcflags=-m=<level>` text for the loaded program (level 1 or 2).
  std::string mText(int level) const;

  // Every compiler decision with a position, sorted by position (line, column) then kind.
  const std::vector<Note>& notes() const { return notes_; }
  // Why: the `-m=2` lines Go prints for this note (its first line, e.g. "can inline add with cost 4
  // as: ...", "x escapes to heap:", then the indented "flow:" / "from ... at ..." chain), without the
  // position prefix. Empty when -m=2 says nothing more than -m.
  std::vector<std::string> why(const Note& n) const;

  // Chapter 1: the layout of every struct type declared at package level, in source order (field
  // offsets, padding, the reordered size). Valid until the next load(); also for programs that
  // empty unless the program compiles.
  const std::vector<compile::LayoutReport>& structLayouts() const { return layouts_; }

  // ---- running (the VM) ----
  // Compiles the loaded program and prepares a machine to run it from the start. False when it
  // cannot run (compile errors, or constructs the VM does not run yet): runError() says why, in
  // go build's format.
  bool startRun(const RunConfig& cfg = {});
  // Executes up to `steps` more instructions. Returns true while the program is still running.
  // The UI calls it once per frame with a budget that keeps the frame short (SPEC R2).
  bool runSome(uint64_t steps);
  bool hasRun() const;          // a run exists (running or finished)
  bool runFinished() const;
  void stopRun();               // forget the run
  const std::string& runError() const { return runError_; }
  const RunConfig& runConfig() const { return runConfig_; }  // the options of the current run (share links)
  // The picture of the run now (output so far, goroutines with their frames, Ps, counters). full
  // adds what only tests need: every goroutine's frame bytes and a hash of all simulated memory.
  Snapshot snapshot(bool full = false) const;

  // ---- time travel (history.h) ----
  // One step forward or back by a unit: an instruction; a source line (the next instruction some
  // goroutine executes is on another line, or another goroutine runs); the next goroutine switch;
  // stack growth; GC. Back returns to where the previous step of that unit would have stopped, exactly
  // (the state is the one first seen there). Both return false when there is nowhere to go.
  enum class StepUnit : uint8_t { Instruction, Line, Switch, Growth, GC };
  bool step(StepUnit u);
  bool back(StepUnit u);
  // Moves to instruction count pos (clamped to the end of the run). Returns the position reached.
  uint64_t seek(uint64_t pos);
  // Moves to the first stop at which scheduler trace event `index` has happened (the timeline's
  // clicks): the goroutine switch, growth, GC or exit that follows it.
  uint64_t seekToTraceEvent(size_t index);
  uint64_t position() const;
  // Lines where play (runSome) stops: when the next instruction of the goroutine that just ran is
  // the first of a breakpoint line. breakpointHit() says the last runSome stopped at one.
  void setBreakpoints(std::vector<int32_t> lines);
  const std::vector<int32_t>& breakpoints() const { return breakpoints_; }
  bool breakpointHit() const { return bpHit_; }
  // Where the run is: the goroutine that executed the last instruction and the line it is on now.
  int64_t currentGoid() const;
  int32_t currentLine() const;
  const History* history() const { return history_.get(); }
  // Scheduler trace events [from, to) of the run so far (narration, tests); clamped to what exists.
  std::vector<rt::TraceEvent> traceEvents(size_t from, size_t to) const;
  // Chapter 4: the run so far priced as if every goroutine were an OS thread (models/threads.h),
  // from the scheduler trace. Empty counts when there is no run or no trace.
  models::ThreadComparison threadComparison() const;
  // The run's scheduler trace as Chrome trace-event JSON ("" without a run).
  std::string chromeTraceJson() const;
  // The run's scheduler trace as timeline lanes (api/snapshot_views.h; defined in snapshot_views.cpp).
  TimelineView timeline() const;

  // Per function: cost, verdict, call sites and escape verdicts (valid until the next load()).
  const std::vector<analysis::FuncAnalysis>& functions() const { return funcs_; }

 private:
  void clear();

  bool loaded_ = false;
  std::string source_;
  LoadOptions opts_;
  Diagnostics diags_;
  std::string buildOutput_;
  std::vector<analysis::Message> mLines_;
  std::vector<Note> notes_;
  std::vector<analysis::FuncAnalysis> funcs_;
  std::unique_ptr<lang::FrontendResult> front_;  // keeps the types the layouts point at
  std::unique_ptr<analysis::AnalysisResult> analysis_;  // the inlined IR the compiler reads
  std::unique_ptr<compile::Program> program_;
  std::unique_ptr<History> history_;  // the run: live machine, checkpoints, events
  rt::Machine* machine() const { return history_ ? &history_->machine() : nullptr; }
  struct LineKey {
    int64_t goid = 0;
    int32_t line = 0;
    bool operator==(const LineKey&) const = default;
  };
  LineKey lineKey() const;
  std::vector<int32_t> breakpoints_;
  bool bpHit_ = false;
  RunConfig runConfig_;
  std::string runError_;
  std::vector<compile::LayoutReport> layouts_;
  mutable std::string m2Cache_;  // mText(2), computed on the first why()
  mutable bool m2Cached_ = false;
};

}  // namespace gofast::api
