// Analysis results: what the inliner and escape analysis decided, as plain data for the CLI and the UI.
//
// The `-m` text (report.h) is one view of these results; the UI reads the structured form to annotate
// source lines ("can inline, cost 22 of 80", "moved to heap: x" with the flow chain that explains it).
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
  std::string callee;   // "sum", "(*Point).Norm1", "runtime.Gosched"
  bool inlined = false;
};

// One escape-analysis verdict about a variable, parameter or allocation.
enum class EscapeKind : uint8_t {
  MovedToHeap,      // moved to heap: x
  EscapesToHeap,    // new(int) escapes to heap / func literal escapes to heap
  DoesNotEscape,    // &Point{...} does not escape / p does not escape
  LeakingParam,     // leaking param: p [to result ~r0 level=0] / leaking param content: p
};

struct EscapeVerdict {
  Pos pos;
  EscapeKind kind = EscapeKind::DoesNotEscape;
  std::string what;                 // "x", "new(int)", "p"
  std::string message;              // the -m line text
  std::vector<std::string> flow;    // the -m=2 explanation lines (without the position prefix)
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
};

}  // namespace gofast::analysis
