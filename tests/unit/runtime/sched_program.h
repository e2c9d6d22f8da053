// Test helper for the scheduler tests that run whole programs: compiles Go source as `gofast run`
// does (front end, Go 1.19 inlining and escape analysis, bytecode) and runs it on a Machine that the
// test keeps, so it can read the scheduler's trace and state after the run.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "analysis/report.h"
#include "common/diagnostic.h"
#include "compile/codegen.h"
#include "lang/frontend.h"
#include "runtime/vm.h"

namespace gofast::rt::testing {

struct CompiledRun {
  std::shared_ptr<const compile::Program> prog;  // shared by runs of the same program
  std::unique_ptr<Machine> vm;
  RunResult res;
  bool compiled = false;
  std::string errors;  // front end or compile errors when !compiled
};

// Compiles only (res and vm stay empty); run it with runAgain.
inline CompiledRun compileOnly(const std::string& src) {
  CompiledRun c;
  lang::FrontendResult fe = lang::compileFrontend(src, "./main.go");
  if (!fe.ok()) {
    c.errors = fe.output;
    return c;
  }
  analysis::AnalysisResult ar = analysis::analyzeFile(fe.file(), fe.check, analysis::AnalysisOptions{});
  compile::CompileOptions co;
  compile::CompileResult cr = compile::compileProgram(*ar.package, co);
  if (!cr.ok()) {
    for (const Diagnostic& d : cr.diags) c.errors += formatDiagnostic(d) + "\n";
    return c;
  }
  c.compiled = true;
  c.prog = std::move(cr.program);
  return c;
}

// A fresh run of an already compiled program.
inline CompiledRun runAgain(const CompiledRun& compiled, const VmOptions& opts) {
  CompiledRun c;
  c.compiled = compiled.compiled;
  c.errors = compiled.errors;
  c.prog = compiled.prog;
  if (!c.compiled) return c;
  c.vm = std::make_unique<Machine>(*c.prog, opts);
  c.res = c.vm->run();
  return c;
}

inline CompiledRun compileAndRun(const std::string& src, const VmOptions& opts) {
  return runAgain(compileOnly(src), opts);
}

}  // namespace gofast::rt::testing
