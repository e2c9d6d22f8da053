// Parser: Go source text → AST (lang/ast.h) plus Go 1.19's syntax errors, verbatim.
//
// A recursive-descent parser that follows the structure of Go 1.19's
// cmd/compile/internal/syntax/parser.go production by production (reimplemented, not copied), for
// one reason: gofast must print the same syntax errors as `go build`, at the same positions, and
// Go's messages depend on exactly which production notices the problem ("unexpected newline in
// argument list; possibly missing comma or )", "non-declaration statement outside function body",
// "unexpected {, expecting expression"...). Error recovery (which tokens get skipped) is Go's too,
// because it decides which follow-on errors appear.
//
// Diagnostics are post-processed the way cmd/compile's base.ErrorfAt/FlushErrors do:
//   - at most one "syntax error: ..." per line (the first one reported wins);
//   - identical non-syntax errors on one line are reported once;
//   - sorted by position, exact duplicates dropped;
//   - after the 10th error parsing stops and a final "too many errors" diagnostic is appended at the
//     10th error's position (Go prints `./x.go:L:C: too many errors`).
// Lexical errors ("newline in string") have no "syntax error: " prefix, as in Go. Like Go, after
// the body of a function parsed without errors, the parser checks branch statements and labels
// (Go's CheckBranches mode): "label L defined and not used", "break is not in a loop, switch, or
// select", "fallthrough statement out of place"...
//
// Errors are values: no exceptions, no aborts. The returned ParseResult owns the arena holding the
// AST and a copy of the source text that the AST's string views point into.
#pragma once

#include <memory>
#include <string_view>

#include "common/arena.h"
#include "common/diagnostic.h"
#include "lang/ast.h"

namespace gofast::lang {

struct ParseResult {
  std::unique_ptr<Arena> arena;  // owns every node and the source copy
  File* file = nullptr;          // null only when the package clause itself is broken
  Diagnostics diags;             // in Go's order; empty means success
  // Number of "syntax error: ..." messages reported (before per-line filtering). Go type-checks a
  // file only if this is 0, the file is non-null and there were not too many errors; lexical,
  // branch and directive errors alone do not stop type checking (cmd/compile/internal/noder).
  int syntaxErrors = 0;
  bool tooManyErrors = false;  // diags ends with "too many errors": Go stops right there
  // The error comes from the go command's own pre-scan of the package clause and imports (go/build
  // with go/parser), not from the compiler: `go build` prints it as `main.go:1:1: expected
  // 'package', found 'func'` -- no "./", no "# command-line-arguments" line -- and exits with 1.
  bool headerError = false;

  bool ok() const { return diags.empty() && file != nullptr; }
  // True when Go would go on to type-check (append the checker's diagnostics to diags, keeping
  // Go's 10-error limit across both, then sort stably by position).
  bool canCheck() const { return file != nullptr && syntaxErrors == 0 && !tooManyErrors && !headerError; }
};

// Parses one file. displayName is what diagnostics print ("./main.go").
ParseResult parseFile(std::string_view source, std::string_view displayName);

// Go's limit on reported errors before "too many errors" (cmd/compile/internal/base/print.go).
inline constexpr int kMaxErrors = 10;

}  // namespace gofast::lang
