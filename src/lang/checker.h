// Checker: resolves names and types in a parsed file and reports Go 1.19's type errors, verbatim.
//
// gofast must print what `go build` prints, so the checker mirrors Go 1.19's types2 (the type checker
// inside cmd/compile) in the three things that decide the output:
//   - wording: types2's messages in the compiler's flavour (CompilerErrorMessages), e.g.
//     "cannot use n (variable of type int) as type string in variable declaration",
//     "assignment mismatch: 2 variables but f returns 1 value", "x declared but not used";
//   - positions: types2 reports at the leftmost position of the offending expression (Node::start)
//     or at a specific token (a call's ')' ...), exactly as noted at each report;
//   - order: package-level declarations are resolved first (types, then the rest, in source order,
//     dependencies on demand), then function bodies in the order their declarations were resolved;
//     unused variables are reported at the end of each function body, unused imports last. The
//     front end (lang/frontend.h) applies Go's 10-error limit to this order and then sorts.
// The checker also rejects, at their position, the constructs outside gofast's subset (maps,
// interfaces, generics, recover, goto, other packages...: "maps are not supported by gofast"),
// before type checking, because Go's own errors for the rest of such a program would be noise.
//
// Results live in the AST's typed slots (Expr::type, Expr::constant, Name::obj, FuncDecl::func,
// FuncLit::func, BlockStmt/CaseClause/CommClause::scope, BranchStmt::target) and in CheckResult.
// Every type, object and constant is allocated in the Arena passed in (normally the parse arena),
// so they live exactly as long as the AST.
#pragma once

#include <cstdint>
#include <vector>

#include "common/arena.h"
#include "common/diagnostic.h"
#include "lang/ast.h"
#include "lang/constant.h"
#include "lang/types.h"

namespace gofast::lang {

// Sizes for unsafe.Sizeof/Alignof/Offsetof. The compile layer owns layout and may install its own
// oracle; by default the checker uses Go's amd64 rules (defaultLayout()).
class LayoutOracle {
 public:
  virtual ~LayoutOracle() = default;
  virtual int64_t sizeOf(const types::Type* t) const = 0;
  virtual int64_t alignOf(const types::Type* t) const = 0;
  // Byte offset of field `index` within struct type `st` (st is the underlying struct).
  virtual int64_t offsetOf(const types::Type* st, int index) const = 0;
};

// Go's gc layout on amd64 (word 8, max align 8; zero-size final field padding as in Go 1.19).
const LayoutOracle& defaultLayout();

struct CheckOptions {
  const LayoutOracle* layout = nullptr;  // null: defaultLayout()
};

struct CheckResult {
  Diagnostics diags;              // in Go's report order (not sorted, not limited)
  bool unsupported = false;       // diags are "... not supported by gofast" errors; nothing else checked
  types::Scope* universe = nullptr;
  types::Scope* pkgScope = nullptr;   // package-level objects
  types::Scope* fileScope = nullptr;  // imports (child of pkgScope)
  std::vector<types::Func*> funcs;    // every function checked: declarations and literals, in check order
  // Package-level variable declarations in Go's initialization order (each VarDecl once).
  std::vector<VarDecl*> initOrder;
  types::Object* mainFunc = nullptr;  // func main, if declared
};

// Type-checks `file`, allocating in `arena`. Diagnostics use file->fileName.
CheckResult check(File* file, Arena& arena, const CheckOptions& options = {});

// Helpers for later passes -------------------------------------------------------------------------

// The object a name or qualified identifier (pkg.Name) denotes, or null.
types::Object* objectOf(const Expr* e);
// The type of an expression after checking (untyped constants carry their final type).
inline const types::Type* typeOf(const Expr* e) { return e ? e->type : nullptr; }

}  // namespace gofast::lang
