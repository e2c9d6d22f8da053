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
  m2Cache_.clear();
  m2Cached_ = false;
  diags_.clear();
  buildOutput_.clear();
  mLines_.clear();
  notes_.clear();
  funcs_.clear();
  layouts_.clear();
  front_.reset();
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
  front_ = std::make_unique<lang::FrontendResult>(lang::compileFrontend(source_, opts_.displayName));
  lang::FrontendResult& fr = *front_;
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
  for (lang::Decl* d : fr.file()->decls) {
    auto* td = d->as<lang::TypeDecl>();
    if (td == nullptr || td->name == nullptr || td->name->obj == nullptr || td->name->obj->type == nullptr) continue;
    const types::Type* t = td->name->obj->type;
    if (types::under(t) == nullptr || types::under(t)->kind != types::Kind::Struct) continue;
    layouts_.push_back(compile::structReport(t, td->name->value));
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

std::vector<std::string> Session::why(const Note& n) const {
  std::vector<std::string> out;
  if (!ok()) return out;
  if (!m2Cached_) {
    m2Cache_ = mText(2);
    m2Cached_ = true;
  }
  const std::string prefix = opts_.displayName + ":" + std::to_string(n.pos.line) + ":" + std::to_string(n.pos.col) + ": ";
  // A variable's flow block is headed "x escapes to heap:" although -m says "moved to heap: x".
  const std::string head = n.kind == NoteKind::MovedToHeap ? n.subject + " escapes to heap" : n.text;
  bool inBlock = false;
  size_t start = 0;
  while (start < m2Cache_.size()) {
    size_t end = m2Cache_.find('\n', start);
    if (end == std::string::npos) end = m2Cache_.size();
    std::string_view line(m2Cache_.data() + start, end - start);
    start = end + 1;
    if (line.substr(0, prefix.size()) != prefix) {
      inBlock = false;
      continue;
    }
    std::string_view text = line.substr(prefix.size());
    if (inBlock && !text.empty() && text[0] == ' ') {
      out.emplace_back(text);
      continue;
    }
    inBlock = false;
    // The note's own line at -m=2: the same words, followed by " with cost", ":" (a flow chain) or
    // nothing; an inlined call's line is identical at both levels.
    if (out.empty() && text.substr(0, head.size()) == head) {
      std::string_view rest = text.substr(head.size());
      if (rest.empty() || rest == ":" || rest.substr(0, 10) == " with cost" || n.kind == NoteKind::CannotInline) {
        out.emplace_back(text);
        inBlock = rest == ":";
      }
    }
  }
  if (out.size() == 1 && out[0] == n.text) out.clear();
  return out;
}

}  // namespace gofast::api
