// Session: load → front end → analysis, kept as values for the faces (see session.h).
#include "api/session.h"

#include <algorithm>
#include <sstream>

#include "analysis/report.h"
#include "api/snapshot_views.h"
#include "compile/codegen.h"
#include "lang/frontend.h"
#include "lang/types.h"
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
  history_.reset();
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
  history_.reset();
  program_.reset();
  runError_.clear();
  bpHit_ = false;
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
  vo.stackMode = cfg.segmentedStacks ? rt::StackMode::Segmented : rt::StackMode::Copying;
  vo.asyncPreempt = cfg.asyncPreempt;
  if (cfg.debugKnobs) {
    vo.stackMoveEveryCall = true;
    vo.gcEveryAlloc = true;
  }
  auto m = std::make_unique<rt::Machine>(*program_, vo);
  m->start();
  HistoryConfig hc;
  if (cfg.checkpointInterval != 0) hc.minInterval = cfg.checkpointInterval;
  history_ = std::make_unique<History>(std::move(m), hc);
  return true;
}

Session::LineKey Session::lineKey() const {
  LineKey k;
  const rt::Machine* m = machine();
  if (m == nullptr) return k;
  k.goid = m->lastGoid();
  const uint32_t pc = m->lastGPc();
  if (k.goid != 0 && pc < program_->pcline.size()) k.line = program_->pcline[pc].line;
  return k;
}

int64_t Session::currentGoid() const { return lineKey().goid; }
int32_t Session::currentLine() const { return lineKey().line; }

void Session::setBreakpoints(std::vector<int32_t> lines) {
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  breakpoints_ = std::move(lines);
}

// With breakpoints, play steps one instruction at a time and looks at the line after each (a few
// hundred nanoseconds per instruction); the caller's per-frame budget bounds the cost.
bool Session::runSome(uint64_t steps) {
  bpHit_ = false;
  if (history_ == nullptr || history_->finished()) return false;
  if (breakpoints_.empty()) return history_->forward(steps);
  LineKey k = lineKey();
  for (uint64_t i = 0; i < steps && !history_->finished(); i++) {
    history_->forward(1);
    LineKey n = lineKey();
    if (!(n == k) && n.line != k.line && std::binary_search(breakpoints_.begin(), breakpoints_.end(), n.line)) {
      bpHit_ = true;
      break;
    }
    k = n;
  }
  return !history_->finished();
}

std::vector<rt::TraceEvent> Session::traceEvents(size_t from, size_t to) const {
  std::vector<rt::TraceEvent> out;
  if (machine() == nullptr) return out;
  const auto evs = machine()->scheduler().trace.events();
  to = std::min(to, evs.size());
  for (size_t i = from; i < to; i++) out.push_back(evs[i]);
  return out;
}

uint64_t Session::position() const { return history_ ? history_->position() : 0; }

uint64_t Session::seek(uint64_t pos) { return history_ ? history_->seek(pos) : 0; }

uint64_t Session::seekToTraceEvent(size_t index) {
  if (history_ == nullptr) return 0;
  for (const rt::Machine::MachineEvent& e : history_->events())
    if (e.traceLen > index) return history_->seek(e.step);
  return history_->seek(history_->furthest());
}

namespace {
// The longest a line step looks ahead or behind, in instructions (a `for {}` never changes line).
constexpr uint64_t kMaxLineStep = 1 << 20;
constexpr uint64_t kLineBackWindow = 1 << 12;

uint32_t maskOf(Session::StepUnit u) {
  using K = rt::Machine::MachineEvent;
  switch (u) {
    case Session::StepUnit::Switch: return 1u << K::Switch | 1u << K::Exit;
    case Session::StepUnit::Growth: return 1u << K::Growth | 1u << K::Exit;
    case Session::StepUnit::GC: return 1u << K::GC | 1u << K::Exit;
    default: return 0;
  }
}

rt::Machine::MachineEvent::Kind kindOf(Session::StepUnit u) {
  using K = rt::Machine::MachineEvent;
  switch (u) {
    case Session::StepUnit::Switch: return K::Switch;
    case Session::StepUnit::Growth: return K::Growth;
    default: return K::GC;
  }
}
}  // namespace

bool Session::step(StepUnit u) {
  if (history_ == nullptr || history_->finished()) return false;
  const uint64_t from = position();
  switch (u) {
    case StepUnit::Instruction: history_->forward(1); break;
    case StepUnit::Line: {
      const LineKey k = lineKey();
      for (uint64_t i = 0; i < kMaxLineStep && !history_->finished(); i++) {
        history_->forward(1);
        if (!(lineKey() == k)) break;
      }
      break;
    }
    default: {
      // An event at the current position was already stepped to: look past it.
      const auto& evs = history_->events();
      const auto kind = kindOf(u);
      auto next = std::find_if(evs.begin(), evs.end(), [&](const rt::Machine::MachineEvent& e) { return e.step > from && e.kind == kind; });
      if (next != evs.end()) {
        history_->seek(next->step);
      } else {
        if (position() < history_->furthest()) history_->seek(history_->furthest());
        history_->forward(~uint64_t{0} >> 1, maskOf(u));
        // An event logged at the very position we started from (a poll's switch) does not count.
        while (position() == from && !history_->finished()) history_->forward(~uint64_t{0} >> 1, maskOf(u));
      }
      break;
    }
  }
  return position() != from || history_->finished();
}

bool Session::back(StepUnit u) {
  if (history_ == nullptr || position() == 0) return false;
  const uint64_t from = position();
  switch (u) {
    case StepUnit::Instruction: history_->seek(from - 1); break;
    case StepUnit::Line: {
      // Replay a window before here one instruction at a time, split it into runs of the same
      // (goroutine, line), and go to the start of the run before the current one: where a forward
      // line step from further back would have stopped.
      uint64_t window = kLineBackWindow;
      for (;;) {
        const uint64_t start = from > window ? from - window : 0;
        history_->seek(start);
        std::vector<uint64_t> runStarts{start};
        LineKey k = lineKey();
        while (position() < from) {
          history_->forward(1);
          LineKey n = lineKey();
          if (!(n == k)) runStarts.push_back(position());
          k = n;
        }
        // runStarts[0] is the window's start; the others are true starts of runs. In the middle of
        // a run (reached by instruction steps), back goes to its start; at a run's start, to the
        // start of the run before it.
        const size_t n = runStarts.size();
        const bool atRunStart = runStarts.back() == from;
        const size_t need = atRunStart ? 3 : 2;
        if (n >= need || start == 0 || window >= kMaxLineStep) {
          uint64_t target = atRunStart ? (n >= 2 ? runStarts[n - 2] : start) : runStarts.back();
          history_->seek(target);
          break;
        }
        window *= 4;
      }
      break;
    }
    default: {
      const auto& evs = history_->events();
      const auto kind = kindOf(u);
      uint64_t target = 0;
      for (const auto& e : evs)
        if (e.kind == kind && e.step < from) target = e.step;
      history_->seek(target);
      break;
    }
  }
  return position() != from;
}

bool Session::hasRun() const { return history_ != nullptr; }
bool Session::runFinished() const { return history_ != nullptr && history_->finished(); }

void Session::stopRun() {
  history_.reset();
  program_.reset();
}

models::ThreadComparison Session::threadComparison() const {
  if (machine() == nullptr) return models::compareWithThreads(models::RunCounts{});
  return models::compareWithThreads(models::countRun(machine()->scheduler().trace));
}

std::string Session::chromeTraceJson() const {
  if (machine() == nullptr) return {};
  std::ostringstream out;
  machine()->scheduler().trace.writeChromeTrace(out, rt::waitReasonStringU8);
  return out.str();
}

namespace {

// Frames with their bytes for the first goroutines only (a program with 10k goroutines would copy
// megabytes every frame); full snapshots have all.
constexpr size_t kFrameBytesGoroutines = 64;
// Goroutines that get all their frames in a normal snapshot (then only the current one does).
constexpr size_t kFramesGoroutines = 256;
// Innermost frames shown per goroutine (deep recursion is summarised by its stack size).
constexpr size_t kMaxFrames = 256;

const char* slotKindName(compile::FrameSlot::Kind k) {
  switch (k) {
    case compile::FrameSlot::Local: return "local";
    case compile::FrameSlot::Param: return "param";
    case compile::FrameSlot::Result: return "result";
    case compile::FrameSlot::Temp: return "temp";
    case compile::FrameSlot::Defer: return "defer";
    case compile::FrameSlot::Closure: return "closure";
  }
  return "?";
}

void addFrames(rt::Machine& m, const compile::Program& prog, uint32_t handle, GoroutineView& v, bool withBytes, size_t maxFrames) {
  for (const rt::Machine::FrameInfo& fr : m.frames(handle, maxFrames)) {
    const compile::FuncCode& F = prog.funcs[static_cast<size_t>(fr.func)];
    FrameView f;
    f.function = F.name;
    f.line = fr.pc < prog.pcline.size() ? prog.pcline[fr.pc].line : 0;
    f.sp = fr.sp;
    f.fp = fr.sp + static_cast<uint64_t>(F.frameSize);
    f.argsLo = f.fp + 16;
    f.argsHi = f.argsLo + (static_cast<uint64_t>(F.argsSize) + 7) / 8 * 8 + static_cast<uint64_t>(F.resultsSize);
    m.addrSpace().readU64(f.fp + 8, f.returnPC);
    for (const compile::FrameSlot& sl : F.slots) {
      SlotView sv;
      sv.name = sl.name;
      sv.type = sl.type != nullptr ? types::typeString(sl.type) : "";
      sv.kind = slotKindName(sl.kind);
      sv.addr = fr.sp + static_cast<uint64_t>(static_cast<int64_t>(sl.offset));
      sv.size = sl.size;
      f.slots.push_back(std::move(sv));
    }
    if (withBytes && f.argsHi > f.sp && f.argsHi - f.sp <= (uint64_t{1} << 20)) {
      f.bytes.resize(f.argsHi - f.sp);
      if (m.addrSpace().readBytes(f.sp, f.bytes.data(), f.bytes.size())) f.bytes.clear();
    }
    v.frames.push_back(std::move(f));
  }
  if (!v.frames.empty()) {
    v.function = v.frames.front().function;
    v.line = v.frames.front().line;
  }
}

}  // namespace

Snapshot Session::snapshot(bool full) const {
  Snapshot s;
  if (machine() == nullptr) return s;
  const rt::RunResult& r = machine()->result();
  s.finished = machine()->finished();
  s.running = !s.finished;
  s.exitStatus = r.exitStatus;
  s.steps = r.steps;
  s.calls = r.calls;
  s.allocs = r.allocs;
  s.stackGrowths = r.stackGrowths;
  s.stdoutText = r.stdoutText;
  s.stderrText = r.stderrText;
  rt::Machine& m = *machine();
  s.virtualNs = m.scheduler().nanotime();
  const rt::HeapStats& hs = m.heap().stats();
  s.heapLive = hs.heapLive;
  s.heapInuse = hs.heapInuse;
  s.stackInuse = hs.stackInuse;
  s.numGC = hs.numGC;
  const rt::Scheduler& sc = m.scheduler();
  const int64_t curGoid = lineKey().goid;
  for (const auto& gp : sc.allgs) {
    if (gp->atomicstatus == rt::_Gdead || gp->atomicstatus == rt::_Gidle) continue;
    GoroutineView v;
    v.goid = gp->goid;
    v.status = rt::gStatusString(gp->atomicstatus);
    if ((gp->atomicstatus & ~rt::_Gscan) == rt::_Gwaiting) v.waitReason = rt::waitReasonString(gp->waitreason);
    v.stackLo = gp->stack.lo;
    v.stackHi = gp->stack.hi;
    v.sp = gp->sched.sp;
    v.stackguard0 = gp->stackguard0;
    v.m = gp->m != nullptr ? static_cast<int32_t>(gp->m->id) : -1;
    // Frames for the first goroutines and the current one (all in full snapshots); the others get
    // their innermost frame only (where they are), which keeps a 10k-goroutine snapshot cheap.
    const bool many = !full && s.goroutines.size() >= kFramesGoroutines && gp->goid != curGoid;
    addFrames(m, *program_, gp->handle, v, full || s.goroutines.size() < kFrameBytesGoroutines, many ? 1 : kMaxFrames);
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
  fillRuntimeViews(m, s);
  s.position = history_->position();
  const LineKey k = lineKey();
  s.currentGoid = k.goid;
  s.currentLine = k.line;
  s.traceLength = sc.trace.events().size();
  s.traceHash = sc.trace.hash();
  if (full) s.memoryHash = m.addrSpace().contentHash();
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
