// Inliner: Go 1.19's cmd/compile/internal/inline/inl.go, reimplemented on analysis/ir.h.
//
// How Go decides (and so how we do):
//   1. Functions are visited bottom-up over the call graph (visitFuncsBottomUp). For each function
//      of a strongly connected component, CanInline prices it with the hairyVisitor: one point per IR
//      node, a call to a non-inlinable function costs inlineExtraCallCost (57) more, a call to an
//      inlinable one costs that function's own cost instead, closures cost 15 plus their body, and a few
//      ops (go, defer, recover, local type declarations) make a function non-inlinable whatever its
//      size. A function whose cost stays within inlineMaxBudget (80) gets an Inline record: its cost
//      and a copy of its body. A component that is a single self-recursive function is not inlinable.
//   2. Right after pricing a function, InlineCalls walks its body and replaces each call to an
//      inlinable callee by an OINLCALL: parameters become fresh locals assigned from the arguments,
//      `return` becomes assignments to result variables plus a jump, and the callee's body is copied
//      in (positions print at the call site). Inlining is transitive (calls inside the copy are
//      inlined too), stops at a repeated recursive cycle, and never applies to go/defer calls.
//      Calls through a local func variable assigned once, and calls of function literals, are
//      resolved by staticValue; a called literal is priced on the spot (so its "can inline" line comes
//      first).
//   3. Messages: `can inline f` (-m) or `can inline f with cost N as: <type> { <body> }` (-m=2),
//      `cannot inline f: <reason>` (-m=2 only), `inlining call to f`.
#pragma once

#include "analysis/ir.h"

namespace gofast::analysis {

// Runs Go's InlinePackage on every function of pkg (does nothing but price functions with -l).
void inlinePackage(Package& pkg, Output& out);

// Prices one function with the hairyVisitor (no messages, no Inline record). For tests and the UI.
struct CostResult {
  int32_t cost = 0;
  std::string reason;  // non-empty: not inlinable ("unhandled op GO", "function too complex: ...")
};
CostResult hairyCost(Func* fn);

}  // namespace gofast::analysis
