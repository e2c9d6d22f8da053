// The analysis driver and the -m text (see report.h).
#include "analysis/report.h"

#include "analysis/escape.h"
#include "analysis/inline.h"
#include "analysis/lower.h"
#include "lang/parser.h"

namespace gofast::analysis {

std::string AnalysisResult::text() const {
  std::string s;
  const Message* prev = nullptr;
  for (const Message& m : lines) {
    if (prev != nullptr && prev->pos == m.pos && prev->text == m.text && false) continue;
    s += fileName;
    s += ":";
    s += formatPos(m.pos);
    s += ": ";
    s += m.text;
    s += "\n";
    prev = &m;
  }
  return s;
}

AnalysisResult analyzeFile(lang::File* file, const lang::CheckResult& checked, const AnalysisOptions& opts) {
  AnalysisResult res;
  res.package = lowerFile(file, checked);
  res.fileName = res.package->fileName;
  Output out;
  out.opts = opts;
  inlinePackage(*res.package, out);
  escapePackage(*res.package, out);
  res.lines = std::move(out.lines);
  for (auto& f : res.package->funcs) {
    if (f.external) continue;
    if (f.info.name.empty()) {
      f.info.name = f.name;
      f.info.pos = f.pos;
    }
    res.funcs.push_back(&f.info);
    if (f.src != nullptr && f.closure == nullptr) {
      if (auto* fd = f.src->as<lang::FuncDecl>()) fd->analysis = &f.info;
    } else if (f.src != nullptr) {
      if (auto* fl = f.src->as<lang::FuncLit>(); fl != nullptr && fl->analysis == nullptr) fl->analysis = &f.info;
    }
  }
  return res;
}

std::string buildM(std::string_view source, std::string_view displayName, const AnalysisOptions& opts,
                   int* exitStatus) {
  std::string outText;
  if (exitStatus != nullptr) *exitStatus = 0;
  lang::ParseResult pr = lang::parseFile(source, displayName);
  if (pr.headerError) {
    for (auto& d : pr.diags) outText += formatDiagnostic(d) + "\n";
    if (exitStatus != nullptr) *exitStatus = 1;
    return outText;
  }
  outText += "# command-line-arguments\n";
  if (!pr.diags.empty() || !pr.canCheck()) {
    for (auto& d : pr.diags) outText += formatDiagnostic(d) + "\n";
    if (exitStatus != nullptr) *exitStatus = 1;
    return outText;
  }
  lang::CheckResult cr = lang::check(pr.file, *pr.arena);
  if (!cr.diags.empty()) {
    int n = 0;
    for (auto& d : cr.diags) {
      if (n++ >= lang::kMaxErrors) break;
      outText += formatDiagnostic(d) + "\n";
    }
    if (exitStatus != nullptr) *exitStatus = 1;
    return outText;
  }
  AnalysisResult res = analyzeFile(pr.file, cr, opts);
  outText += res.text();
  return outText;
}

}  // namespace gofast::analysis
