// Lowering: checked AST (lang/) → Go-shaped IR (analysis/ir.h), as Go 1.19's noder (irgen) and
// typecheck would shape it.
//
// The inliner prices functions by counting IR nodes, so every rewrite Go's front end performs before
// inlining is reproduced here, and nothing more (no walk/order rewrites):
//   - `x := e` → OAS{Def} with an ODCL per new name in its init; `var x T` → ODCL + `x = <nil>`;
//     `var a, b = f()` → ODCLs + OAS2FUNC; DeclStmt and nested blocks are flattened (noder stmts()).
//   - `x++` / `x += y` → OASOP; constants → OLITERAL printing their source text (OrigConst).
//   - `x.M(args)` → OCALLFUNC((*T).M, &x, args) (typecheck.FixMethodCall; implicit & / *);
//     `x.M` as a value → OMETHVALUE; `&T{...}` → OPTRLIT(OSTRUCTLIT of OSTRUCTKEYs).
//   - select cases `v := <-ch` → OSELRECV2 with lhs [v, _] (transformSelect).
//   - `a + b + c` on strings → one OADDSTR; slicing an array takes its address (implicit &).
//   - closures get Go's names ("main.func1", nested "main.func1.1") and closure variables.
// Standard-library functions the subset can call are external Funcs; the few Go inlines (runtime.Gosched,
// runtime.checkTimeouts) carry a hand-built body that reproduces their export-data cost (knownStdlib in
// lower.cpp).
#pragma once

#include <memory>

#include "analysis/ir.h"
#include "lang/checker.h"

namespace gofast::analysis {

// Lowers every function of a checked file. The File and the checker's objects must outlive the
// Package (IR nodes point at types and objects).
std::unique_ptr<Package> lowerFile(lang::File* file, const lang::CheckResult& checked);

// Size in bytes of a value of type t on amd64 (Go's types.Type.Size()).
int64_t typeSize(const types::Type* t);
// Whether values of type t contain pointers (Go's types.Type.HasPointers()).
bool hasPointers(const types::Type* t);

}  // namespace gofast::analysis
