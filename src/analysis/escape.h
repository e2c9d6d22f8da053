// Escape analysis: Go 1.19's cmd/compile/internal/escape, reimplemented on analysis/ir.h.
//
// The model (escape.go's header comment, in short): every variable and every allocating expression
// (new, &T{}, make, slice literals, closures, method values, string concatenation) is a *location*.
// Walking the (inlined) IR, each assignment-like flow adds an edge dst ← src weighted by *derefs*:
// `p = &x` is -1, `p = x` is 0, `p = *x` is +1 (clamped at 0 when walking). The solver walks backwards
// from every location; a location whose address (derefs < 0) reaches a location that *outlives* it
// (the heap, a result of a non-inlined call, a variable at a smaller loop depth, a variable of an
// enclosing function) escapes: named variables are "moved to heap", expressions "escape to heap".
// Parameters get a summary ("leaking param: p", "p does not escape", "leaking param: p to result ~r0
// level=0") that callers in later batches use instead of the callee's body. Batches are the same
// bottom-up SCCs as the inliner's, run after inlining, with closures analysed with their outer function.
#pragma once

#include "analysis/ir.h"

namespace gofast::analysis {

// Runs escape analysis on every function of pkg (after inlinePackage), appending the -m lines.
void escapePackage(Package& pkg, Output& out);

}  // namespace gofast::analysis
