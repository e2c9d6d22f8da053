// Analysis results: what the inliner and escape analysis decided, as plain data for the CLI and the UI.
//
// The `-m` text (report.h) is one view of these results; the UI reads the structured form to annotate
// source lines ("can inline, cost 22 of 80", "moved to heap: x" with the flow chain that explains it,
// as structured steps with positions the UI draws arrows from: FlowChain below).
// Everything here is value data (strings, positions, numbers) that outlives the IR.
//
// Entry point: analyzeFile() in report.h returns an AnalysisResult; FuncDecl::analysis and
// FuncLit::analysis point at the FuncAnalysis records of the result (valid while it lives).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/pos.h"

namespace gofast::analysis {

// One line of compiler output: `<file>:<pos>: <text>`.
struct Message {
  Pos pos;
  std::string text;
};

// A call site in a function and what the inliner did with it.
struct CallSiteVerdict {
  Pos pos;              // the call's '(' (for calls inside inlined bodies: the outermost call site)
  std::string callee;   // "sum", "(*Point).Norm1", "runtime.Gosched"; a dynamic call: the callee
                        // expression ("hook", "h.fn")
  bool inlined = false;
  // Why the call was not inlined (empty when inlined). Go prints only one of these reasons, at -m=2:
  // "repeated recursive cycle" (`cannot inline f into g: repeated recursive cycle`). The others use the
  // words of Go's -json=0 optimisation log (inl.go mkinlcall): "f cannot be inlined (<f's reason>)",
  // "cost 30 of f exceeds max large caller cost 20", "recursive call to f"; and ours for the cases Go
  // skips silently: "go statement" / "defer statement" (calls of go/defer are never inlined, inl.go
  // inlnode), "dynamic call: the callee is not known at compile time".
  std::string reason;
};

// One escape-analysis verdict about a variable, parameter or allocation.
enum class EscapeKind : uint8_t {
  MovedToHeap,      // moved to heap: x
  EscapesToHeap,    // new(int) escapes to heap / func literal escapes to heap
  DoesNotEscape,    // &Point{...} does not escape / p does not escape
  LeakingParam,     // leaking param: p [to result ~r0 level=0] / leaking param content: p
};

// ---- flow chains: why something escapes or leaks (the -m=2 explanation, escape/solve.go explainPath) ----
//
// Go prints, at -m=2, for every location whose address reaches the heap (or for every parameter whose
// value reaches the heap or a result), the path the value took through the assignment graph:
//
//   ./main.go:7:2: c escapes to heap:                      FlowChain{pos 7:2, Escapes, subject "c"}
//   ./main.go:7:2:   flow: ~r0 = &c:                       FlowStep{dst "~r0", src "c", derefs -1}
//   ./main.go:7:2:     from &c (address-of) at ./main.go:8:9           FlowWhy{8:9, "&c", "address-of"}
//   ./main.go:7:2:     from return &c (return) at ./main.go:8:2        FlowWhy{8:2, "return &c", "return"}
//
// The -m=2 text is printed from these records (escape.cpp explainLines), so the two cannot disagree.
// Steps run from the subject towards the sink ({heap} or a result); the UI draws one arrow per step
// (srcPos → dstPos when both are known) and labels it with the FlowWhy reasons.

// One "from <what> (<reason>) at <pos>" line: the expression that carries the value and the kind of flow
// (Go's note.why: "address-of", "assign", "return", "call parameter", "spill", "captured by a closure",
// "slice-literal-element", "interface-converted", "dot of pointer", "send", "appendee slice"...).
struct FlowWhy {
  Pos pos;              // position of the expression (inside inlined bodies: the outermost call site)
  std::string what;     // the expression as Go prints it: "&c", "return &c", "sink = v"
  std::string reason;   // "address-of"
};

// One "flow: dst = <ops>src:" step: src's value (derefs 0), address (derefs -1) or pointee(s) (derefs
// > 0, printed as that many '*') is assigned to dst.
struct FlowStep {
  std::string dst;      // Go's explainLoc: "{heap}", "~r0", "p", "{storage for &Point{...}}", "{temp}"
  std::string src;
  int derefs = 0;
  Pos dstPos;           // the location's position (invalid for {heap} and {temp})
  Pos srcPos;
  std::vector<FlowWhy> why;  // innermost first, as Go prints them
};

enum class FlowChainKind : uint8_t {
  Escapes,     // "<subject> escapes to heap:" (a variable moved to heap, an allocation escaping)
  ParamLeak,   // "parameter <subject> leaks to <sink> with derefs=<derefs>:"
};

struct FlowChain {
  Pos pos;                   // where Go prints every line of the chain: the subject's position
  FlowChainKind kind = FlowChainKind::Escapes;
  std::string subject;       // "c", "new(int)", "p"
  std::string sink;          // where the chain ends (the last step's dst): "{heap}", a result ("~r0"),
                             // a variable of an enclosing function or of an outer loop
  int derefs = 0;            // ParamLeak: the derefs printed in the header
  std::vector<FlowStep> steps;
  bool truncated = false;    // Go stopped at an assignment cycle ("warning: truncated explanation ...")
};

struct EscapeVerdict {
  Pos pos;
  EscapeKind kind = EscapeKind::DoesNotEscape;
  std::string what;                 // "x", "new(int)", "p"
  std::string message;              // the -m line text
  // Why, as structured data: for MovedToHeap / EscapesToHeap the chain that made it escape (one); for
  // LeakingParam the chains of the leaks this verdict reports (to the heap, or to that result; Go may
  // print more than one). Empty for DoesNotEscape and when AnalysisOptions::flows is off.
  std::vector<FlowChain> chains;
  std::vector<std::string> flow;    // the same chains as -m=2 text lines (without the position prefix)
};

// Per function (declaration, method, closure; re-created closure copies appear under their new name).
struct FuncAnalysis {
  std::string name;           // Go's name: "main", "(*Point).Norm1", "sumTo.func1"
  Pos pos;
  bool inlinable = false;
  int32_t cost = -1;           // inline cost when computed (-1: not computed, e.g. go:noinline)
  std::string reason;          // why not inlinable ("function too complex: cost 95 exceeds budget 80")
  std::string inlineBody;      // "func(int) int { return x + 7 }" when inlinable
  std::vector<CallSiteVerdict> calls;
  std::vector<EscapeVerdict> escapes;
};

// Go 1.19's inliner constants (cmd/compile/internal/inline/inl.go).
inline constexpr int32_t inlineMaxBudget = 80;           // inl.go:45
inline constexpr int32_t inlineExtraAppendCost = 0;      // inl.go:46
inline constexpr int32_t inlineExtraCallCost = 57;       // inl.go:48: 57 was benchmarked to provided most benefit with no bad surprises; see https://github.com/golang/go/issues/19348#issuecomment-439370742
inline constexpr int32_t inlineExtraPanicCost = 1;       // inl.go:49: do not penalize inlining panics
inline constexpr int32_t inlineExtraThrowCost = inlineMaxBudget;  // inl.go:50: with current (2018-05/1.11) code, inlining runtime.throw does not help
inline constexpr int32_t inlineBigFunctionNodes = 5000;  // inl.go:52: functions with this many nodes are considered "big"
inline constexpr int32_t inlineBigFunctionMaxCost = 20;  // inl.go:53: max cost of inlinee when inlining into a "big" function

// Go 1.19's stack allocation limits (cmd/compile/internal/ir/cfg.go).
inline constexpr int64_t MaxStackVarSize = 10 * 1024 * 1024;   // cfg.go:11: explicitly declared variables
inline constexpr int64_t MaxImplicitStackVarSize = 64 * 1024;  // cfg.go:19: new(T), &T{}, make, closures
// escape.go:254 (1.19 escape/escape.go flowClosure): captures up to 128 bytes by value.
inline constexpr int64_t maxCaptureByValue = 128;
// escape/leaks.go:13: parameter-to-result leaks tracked for the first 7 results.
inline constexpr int numEscResults = 7;

struct AnalysisOptions {
  int m = 1;               // -m level: 1 or 2
  bool noInline = false;   // -l
  // Record the flow chains of escape verdicts (EscapeVerdict::chains) even below -m=2. Go records
  // them only for -m=2 (escape.go: notes are kept when base.Flag.LowerM >= 2); they never change a
  // verdict. buildM turns this off at -m=1, where nothing reads them.
  bool flows = true;
};

}  // namespace gofast::analysis
