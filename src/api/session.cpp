// Session: load → front end → analysis, kept as values for the faces (see session.h).
#include "api/session.h"

#include <algorithm>
#include <sstream>

#include "analysis/report.h"
#include "compile/codegen.h"
#include "lang/frontend.h"
#include "runtime/sched.h"
#include "runtime/vm.h"

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
  machine_.reset();
  program_.reset();
  analysis_.reset();
  front_.reset();
  runError_.clear();
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
  analysis_ = std::make_unique<analysis::AnalysisResult>(analysis::analyzeFile(fr.file(), fr.check, aopts));
  analysis::AnalysisResult& res = *analysis_;
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

// ---- running --------------------------------------------------------------------------------------------

static_assert(RunConfig{}.writeLatencyNs == rt::kDefaultWriteLatencyNs, "RunConfig's default write latency is the VM's");

bool Session::startRun(const RunConfig& cfg) {
  machine_.reset();
  program_.reset();
  runError_.clear();
  runConfig_ = cfg;
  if (!loaded_) {
    runError_ = "no program loaded";
    return false;
  }
  if (!ok() || analysis_ == nullptr) {
    runError_ = buildOutput_;
    return false;
  }
  compile::CompileOptions co;
  co.displayName = opts_.displayName;
  co.traceName = "/tmp/gofast/main.go";  // where `go run` would have built it (tracebacks print it)
  compile::CompileResult cr = compile::compileProgram(*analysis_->package, co);
  if (!cr.ok()) {
    runError_ = "# command-line-arguments\n";
    for (const Diagnostic& d : cr.diags) runError_ += formatDiagnostic(d) + "\n";
    return false;
  }
  program_ = std::move(cr.program);
  rt::VmOptions vo;
  vo.gomaxprocs = cfg.gomaxprocs;
  vo.seed = cfg.seed;
  vo.maxSteps = cfg.maxSteps;
  vo.trace = cfg.trace;
  vo.writeLatencyNs = cfg.writeLatencyNs;
  if (cfg.debugKnobs) {
    vo.stackMoveEveryCall = true;
    vo.gcEveryAlloc = true;
  }
  machine_ = std::make_unique<rt::Machine>(*program_, vo);
  machine_->start();
  return true;
}

bool Session::runSome(uint64_t steps) {
  if (machine_ == nullptr || machine_->finished()) return false;
  return machine_->runFor(steps);
}

bool Session::hasRun() const { return machine_ != nullptr; }
bool Session::runFinished() const { return machine_ != nullptr && machine_->finished(); }

void Session::stopRun() {
  machine_.reset();
  program_.reset();
}

models::ThreadComparison Session::threadComparison() const {
  if (machine_ == nullptr) return models::compareWithThreads(models::RunCounts{});
  return models::compareWithThreads(models::countRun(machine_->scheduler().trace));
}

std::string Session::chromeTraceJson() const {
  if (machine_ == nullptr) return {};
  std::ostringstream out;
  machine_->scheduler().trace.writeChromeTrace(out, rt::waitReasonStringU8);
  return out.str();
}

Snapshot Session::snapshot() const {
  Snapshot s;
  if (machine_ == nullptr) return s;
  const rt::RunResult& r = machine_->result();
  s.finished = machine_->finished();
  s.running = !s.finished;
  s.exitStatus = r.exitStatus;
  s.steps = r.steps;
  s.calls = r.calls;
  s.allocs = r.allocs;
  s.stackGrowths = r.stackGrowths;
  s.stdoutText = r.stdoutText;
  s.stderrText = r.stderrText;
  rt::Machine& m = *machine_;
  s.virtualNs = m.scheduler().nanotime();
  const rt::HeapStats& hs = m.heap().stats();
  s.heapLive = hs.heapLive;
  s.heapInuse = hs.heapInuse;
  s.stackInuse = hs.stackInuse;
  s.numGC = hs.numGC;
  const rt::Scheduler& sc = m.scheduler();
  for (const auto& gp : sc.allgs) {
    if (gp->atomicstatus == rt::_Gdead || gp->atomicstatus == rt::_Gidle) continue;
    GoroutineView v;
    v.goid = gp->goid;
    v.status = rt::gStatusString(gp->atomicstatus);
    if ((gp->atomicstatus & ~rt::_Gscan) == rt::_Gwaiting) v.waitReason = rt::waitReasonString(gp->waitreason);
    v.stackLo = gp->stack.lo;
    v.stackHi = gp->stack.hi;
    v.sp = gp->sched.sp;
    v.m = gp->m != nullptr ? static_cast<int32_t>(gp->m->id) : -1;
    s.goroutines.push_back(std::move(v));
  }
  for (const auto& pp : sc.allp) {
    if (pp->status == rt::_Pdead) continue;
    PView v;
    v.id = pp->id;
    v.status = rt::pStatusName(pp->status);
    if (pp->m != nullptr && pp->m->curg != nullptr) v.curg = pp->m->curg->goid;
    if (pp->runnext != nullptr) v.runnext = pp->runnext->goid;
    for (uint32_t i = pp->runqhead; i != pp->runqtail; i++) v.runq.push_back(pp->runq[i % rt::kRunqSize]->goid);
    s.ps.push_back(std::move(v));
  }
  for (rt::g* gp = sc.sched.runq.head; gp != nullptr; gp = gp->schedlink) s.globalRunq.push_back(gp->goid);
  return s;
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
