#include "runtime/run.h"

#include "analysis/report.h"
#include "compile/codegen.h"
#include "lang/frontend.h"

namespace gofast::rt {

RunOutcome runSource(std::string_view source, const RunOptions& opts) {
  RunOutcome out;
  lang::FrontendResult fe = lang::compileFrontend(source, opts.displayName);
  if (!fe.ok()) {
    out.result.stderrText = fe.output;
    out.result.exitStatus = fe.exitStatus == 0 ? 2 : fe.exitStatus;
    out.result.kind = ExitKind::Unsupported;
    return out;
  }
  analysis::AnalysisOptions ao;
  ao.noInline = opts.noInline;
  analysis::AnalysisResult ar = analysis::analyzeFile(fe.file(), fe.check, ao);
  compile::CompileOptions co;
  co.displayName = opts.displayName;
  co.traceName = opts.tracePath;
  compile::CompileResult cr = compile::compileProgram(*ar.package, co);
  if (!cr.ok()) {
    std::string text = "# command-line-arguments\n";
    for (const Diagnostic& d : cr.diags) text += formatDiagnostic(d) + "\n";
    out.result.stderrText = text;
    out.result.exitStatus = 2;
    out.result.kind = ExitKind::Unsupported;
    return out;
  }
  out.compiled = true;
  VmOptions vm = opts.vm;
  if (opts.chromeTrace != nullptr) vm.trace = true;
  Machine m(*cr.program, vm);
  out.result = m.run();
  if (opts.chromeTrace != nullptr) m.scheduler().trace.writeChromeTrace(*opts.chromeTrace, waitReasonStringU8);
  return out;
}

}  // namespace gofast::rt
