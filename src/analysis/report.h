// Report: the driver that runs lowering, inlining and escape analysis on a checked file, and the
// `-m` / `-m=2` text exactly as `go build -gcflags=-m` prints it for Go 1.19.
//
// Order of the lines (see tests/golden/gc-corpus/README.md): `# command-line-arguments`, then the
// inliner's lines in bottom-up call-graph order, then escape analysis batch by batch. With -m every
// message is flushed as soon as it is made (base.WarnfAt with Flag.LowerM set flushes immediately), so
// lines stay in emission order; only identical consecutive lines of one flush are merged.
//
// API:
//   - CLI: buildM(source, "./main.go", opts) → the full text `go build` would print (including
//     compile errors from the front end, in which case no analysis lines appear).
//   - UI: analyzeFile(file, checked, opts) → AnalysisResult with per-function FuncAnalysis records
//     (cost, decision, inlined call sites, escape verdicts with flow chains) and the lines.
//   - compile layer: AnalysisResult::package holds the IR after inlining (OINLCALL bodies
//     substituted) and escape analysis (Name::addrtaken, escape verdicts on Names).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "analysis/ir.h"
#include "lang/checker.h"

namespace gofast::analysis {

struct AnalysisResult {
  std::unique_ptr<Package> package;     // the IR after inlining and escape analysis
  std::vector<Message> lines;           // -m lines in Go's order (without the file prefix)
  std::vector<const FuncAnalysis*> funcs;  // every analysed function (points into package)
  std::string fileName = "./main.go";
  // "./main.go:6:6: can inline sum\n..." (no "# command-line-arguments" header).
  std::string text() const;
};

// Runs the inliner and escape analysis on a checked file and sets FuncDecl/FuncLit::analysis.
AnalysisResult analyzeFile(lang::File* file, const lang::CheckResult& checked, const AnalysisOptions& opts);

// What `go build -gcflags=-m[=2] [-l]` prints for one file: parse, check, analyse. Returns the output
// text and sets *exitStatus (0, or 1 when the program has errors; go build prints them then).
std::string buildM(std::string_view source, std::string_view displayName, const AnalysisOptions& opts,
                   int* exitStatus = nullptr);

}  // namespace gofast::analysis
