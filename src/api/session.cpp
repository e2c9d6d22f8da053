// Session: load → front end → analysis, kept as values for the faces (see session.h).
#include "api/session.h"

#include <algorithm>

#include "analysis/report.h"
#include "lang/frontend.h"

namespace gofast::api {

const char* noteKindName(NoteKind k) {
  switch (k) {
    case NoteKind::CanInline: return "can-inline";
    case NoteKind::CannotInline: return "cannot-inline";
    case NoteKind::InlinedCall: return "inlined-call";
    case NoteKind::MovedToHeap: return "moved-to-heap";
    case NoteKind::EscapesToHeap: return "escapes-to-heap";
    case NoteKind::DoesNotEscape: return "does-not-escape";
    case NoteKind::LeakingParam: return "leaking-param";
  }
  return "?";
}

Session::Session() = default;
Session::~Session() = default;

void Session::clear() {
  loaded_ = false;
  diags_.clear();
  buildOutput_.clear();
  mLines_.clear();
  notes_.clear();
  funcs_.clear();
}

namespace {

NoteKind escapeNoteKind(analysis::EscapeKind k) {
  switch (k) {
    case analysis::EscapeKind::MovedToHeap: return NoteKind::MovedToHeap;
    case analysis::EscapeKind::EscapesToHeap: return NoteKind::EscapesToHeap;
    case analysis::EscapeKind::DoesNotEscape: return NoteKind::DoesNotEscape;
    case analysis::EscapeKind::LeakingParam: return NoteKind::LeakingParam;
  }
  return NoteKind::DoesNotEscape;
}

}  // namespace

bool Session::load(std::string_view source, const LoadOptions& opts) {
  clear();
  source_.assign(source);
  opts_ = opts;
  lang::FrontendResult fr = lang::compileFrontend(source_, opts_.displayName);
  loaded_ = true;
  diags_ = fr.diags;
  buildOutput_ = fr.output;
  if (!fr.ok() || !fr.checked || fr.file() == nullptr) return false;

  analysis::AnalysisOptions aopts;
  aopts.m = 1;
  aopts.noInline = !opts_.inlining;
  analysis::AnalysisResult res = analysis::analyzeFile(fr.file(), fr.check, aopts);
  mLines_ = res.lines;
  funcs_.reserve(res.funcs.size());
  for (const analysis::FuncAnalysis* f : res.funcs) funcs_.push_back(*f);

  for (const analysis::FuncAnalysis& f : funcs_) {
    if (f.inlinable) {
      notes_.push_back(Note{f.pos, NoteKind::CanInline, f.name, f.name, "can inline " + f.name, f.cost, {}});
    } else if (!f.reason.empty()) {
      notes_.push_back(Note{f.pos, NoteKind::CannotInline, f.name, f.name, "cannot inline " + f.name + ": " + f.reason,
                            f.cost, {}});
    }
    for (const analysis::CallSiteVerdict& c : f.calls) {
      if (c.inlined) notes_.push_back(Note{c.pos, NoteKind::InlinedCall, f.name, c.callee, "inlining call to " + c.callee, -1, {}});
    }
    for (const analysis::EscapeVerdict& e : f.escapes) {
      notes_.push_back(Note{e.pos, escapeNoteKind(e.kind), f.name, e.what, e.message, -1, e.flow});
    }
  }
  std::stable_sort(notes_.begin(), notes_.end(), [](const Note& a, const Note& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    if (a.pos.col != b.pos.col) return a.pos.col < b.pos.col;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  return true;
}

std::string Session::mText(int level) const {
  if (!loaded_) return {};
  analysis::AnalysisOptions aopts;
  aopts.m = level >= 2 ? 2 : 1;
  aopts.noInline = !opts_.inlining;
  return analysis::buildM(source_, opts_.displayName, aopts);
}

}  // namespace gofast::api
