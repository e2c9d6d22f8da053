// Diagnostics: user mistakes as values (DESIGN.md rule 5).
//
// A Diagnostic is one message at one position in one file, printed the way the Go toolchain prints
// it: `./main.go:4:7: message`. The file name is kept as the user gave it relative to the working
// directory (`go build main.go` prints `./main.go`), so the front end, the analysis and the runtime
// can all report with identical text.
#pragma once

#include <string>
#include <vector>

#include "common/pos.h"

namespace gofast {

struct Diagnostic {
  std::string file;  // as printed, e.g. "./main.go"
  Pos pos;
  std::string msg;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// "./main.go:4:7: message" (or "./main.go:4: message" when the column is unknown, or just the
// message when there is no file).
std::string formatDiagnostic(const Diagnostic& d);

// How `go build` prints a file named on the command line (relative to the working directory):
// "main.go" -> "./main.go", "sub/main.go" -> "sub/main.go", "../x/m.go" and absolute paths unchanged
// (the CLI makes absolute paths relative first).
std::string goDisplayPath(const std::string& path);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace gofast
