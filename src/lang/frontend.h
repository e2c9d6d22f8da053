// Front end driver: source text → parse → check → diagnostics exactly as `go build` prints them.
//
// cmd/compile counts every error as it is reported (syntax, lexical and type errors alike), stops at
// the 10th with a final "too many errors" line at that error's position, drops a non-syntax error
// that repeats the previous one on the same line, and prints the collected errors sorted by
// position (stable) with exact duplicates removed. The go command adds the
// "# command-line-arguments" header and exits with status 2 (1 for its own pre-scan errors, which
// have no header). A clean compile of a package without func main fails at link time with
// "runtime.main_main·f: function main is undeclared in the main package". This module applies those
// rules once, for the CLI, the UI and the tests alike.
#pragma once

#include <string>
#include <string_view>

#include "common/diagnostic.h"
#include "lang/checker.h"
#include "lang/parser.h"

namespace gofast::lang {

struct FrontendResult {
  ParseResult parse;   // owns the arena holding the AST, types, objects and constants
  CheckResult check;   // empty if the file was not type-checked
  bool checked = false;
  Diagnostics diags;   // what go build prints, in its order (sorted, limited, "too many errors" last)
  std::string output;  // the full text go build prints ("# command-line-arguments\n./main.go:...\n"), "" if ok
  int exitStatus = 0;  // 0 ok, 2 compile errors, 1 the go command's own errors
  bool ok() const { return exitStatus == 0; }
  File* file() const { return parse.file; }
};

// Parses and checks one file named displayName (e.g. "./main.go").
FrontendResult compileFrontend(std::string_view source, std::string_view displayName,
                               const CheckOptions& options = {});

}  // namespace gofast::lang
