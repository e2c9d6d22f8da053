// The VM (see vm.h). Section index: helpers · setup and run loop · GC roots · stack growth ·
// allocation · panics and traceback · the dispatch loop.
#include "runtime/vm.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <type_traits>

#include "compile/codegen.h"
#include "lang/lexer.h"
#include "runtime/fmt.h"
#include "runtime/sizeclasses.h"

namespace gofast::rt {

using compile::BoundsKind;
using compile::Cond;
using compile::FuncCode;
using compile::Instr;
using compile::LibFn;
using compile::NumKind;
using compile::Opcode;

// The Go root printed in runtime frames of tracebacks (the installation the corpus was made with).
static constexpr const char* kGoRoot = "/usr/lib/go-1.19";
// runtime/traceback.go:31 _TracebackMaxFrames.
static constexpr int kTracebackMaxFrames = 100;
// stack.go:105: _StackLimit = _StackGuard - _StackSystem - _StackSmall (shrinkstack's slack).
static constexpr uint64_t _StackLimit = _StackGuard - _StackSystem - _StackSmall;

// ---- helpers ---------------------------------------------------------------------------------------------

template <class T>
static inline T ldv(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T>
static inline void stv(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

static inline int64_t readI(const uint8_t* p, NumKind k) {
  switch (k) {
    case NumKind::I8: return ldv<int8_t>(p);
    case NumKind::I16: return ldv<int16_t>(p);
    case NumKind::I32: return ldv<int32_t>(p);
    case NumKind::U8: case NumKind::Bool: return ldv<uint8_t>(p);
    case NumKind::U16: return ldv<uint16_t>(p);
    case NumKind::U32: return ldv<uint32_t>(p);
    default: return ldv<int64_t>(p);
  }
}
static inline void writeI(uint8_t* p, NumKind k, uint64_t v) {
  switch (compile::numKindSize(k)) {
    case 1: stv<uint8_t>(p, static_cast<uint8_t>(v)); return;
    case 2: stv<uint16_t>(p, static_cast<uint16_t>(v)); return;
    case 4: stv<uint32_t>(p, static_cast<uint32_t>(v)); return;
    default: stv<uint64_t>(p, v); return;
  }
}
static inline double readF(const uint8_t* p, NumKind k) {
  return k == NumKind::F32 ? static_cast<double>(ldv<float>(p)) : ldv<double>(p);
}
static inline void writeF(uint8_t* p, NumKind k, double v) {
  if (k == NumKind::F32) stv<float>(p, static_cast<float>(v));
  else stv<double>(p, v);
}
template <class T>
static inline bool cmpv(T a, T b, Cond c) {
  switch (c) {
    case Cond::EQ: return a == b;
    case Cond::NE: return a != b;
    case Cond::LT: return a < b;
    case Cond::LE: return a <= b;
    case Cond::GT: return a > b;
    default: return a >= b;
  }
}
static inline bool compareK(const uint8_t* a, const uint8_t* b, NumKind k, Cond c) {
  if (compile::isFloatKind(k)) return cmpv(readF(a, k), readF(b, k), c);
  if (compile::isSignedKind(k)) return cmpv(readI(a, k), readI(b, k), c);
  return cmpv(static_cast<uint64_t>(readI(a, k)), static_cast<uint64_t>(readI(b, k)), c);
}

static std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

uint64_t roundupsize(uint64_t size) {
  // msize.go:13 roundupsize
  if (size < _MaxSmallSize) return classToSize(sizeToClass(size));
  if (size + _PageSize < size) return size;
  return (size + _PageSize - 1) & ~(_PageSize - 1);
}

// ---- setup and run loop ----------------------------------------------------------------------------------

Machine::Machine(const compile::Program& prog, const VmOptions& opts) : prog_(prog), opts_(opts) { setup(); }
Machine::~Machine() = default;

void Machine::setup() {
  GoProcessLayout layout;
  mapGoProcess(as_, layout, &pmap_);
  as_.loadImage(prog_.rodataLo, prog_.rodata.data(), prog_.rodata.size());
  HeapConfig hc;
  hc.arenaLo = pmap_.arenaLo;
  hc.maxArenaBytes = opts_.maxHeapBytes;
  hc.gcEveryAlloc = opts_.gcEveryAlloc;
  hc.zerobase = pmap_.bssHi - 8;  // runtime.zerobase: the last word of bss
  heap_ = std::make_unique<mheap>(as_, hc);
  gc_ = std::make_unique<GarbageCollector>(*heap_, this);
  StackConfig stc;
  stc.poisonFreed = opts_.poisonFreedStacks;
  stacks_ = std::make_unique<StackAllocator>(*heap_, stc);
  SchedConfig sc;
  sc.gomaxprocs = opts_.gomaxprocs;
  sc.seed = opts_.seed;
  sc.goexitPC = prog_.pcOf(prog_.funcs[static_cast<size_t>(prog_.goexitFunc)].entry);
  sc.mainStackLo = pmap_.mainStackLo;
  sc.mainStackHi = pmap_.mainStackHi;
  sc.maxGoroutines = opts_.maxGoroutines;
  sc.trace = opts_.trace;
  sc.asyncPreempt = opts_.asyncPreempt;
  sched_ = std::make_unique<Scheduler>(as_, *stacks_, *heap_, sc);
  chans_ = std::make_unique<ChanTable>(*sched_);
  SyncConfig syc;
  syc.ncpu = opts_.gomaxprocs;
  syncs_ = std::make_unique<SyncTable>(*sched_, syc);
  for (const compile::TypeInfo& t : prog_.types) {
    GcType gt;
    gt.size = static_cast<uint64_t>(t.size);
    gt.ptrdata = static_cast<uint64_t>(t.ptrdata);
    gt.gcdata = t.gcmask.empty() ? nullptr : t.gcmask.data();
    gctypes_.push_back(gt);
  }
}

Machine::GState& Machine::gs(g* gp) {
  if (gstate_.size() < gp->handle + 1) gstate_.resize(gp->handle + 1);
  return gstate_[gp->handle];
}

bool Machine::appendOut(std::string& dst, std::string_view s) {
  if (res_.stdoutText.size() + res_.stderrText.size() + s.size() > opts_.maxOutputBytes) {
    limit("more than " + std::to_string(opts_.maxOutputBytes) + " bytes of output written (limit set by -max-output)");
    return false;
  }
  dst.append(s);
  return true;
}

void Machine::fatal(const std::string& text) {
  res_.stderrText += text;
  res_.kind = ExitKind::Fatal;
  res_.exitStatus = 2;
  stop_ = Stop::Fatal;
}

void Machine::limit(const std::string& text) {
  res_.stderrText += "gofast: program stopped: " + text + "\n";
  res_.kind = ExitKind::Limit;
  res_.exitStatus = 3;
  stop_ = Stop::Limit;
}

void Machine::start() {
  if (started_) return;
  started_ = true;
  const FuncCode& entry = prog_.funcs[static_cast<size_t>(prog_.initFunc)];
  g* g1 = sched_->init(prog_.pcOf(entry.entry));
  if (g1 == nullptr) {
    fatal("fatal error: " + sched_->fatal() + "\n");
    finished_ = true;
  }
}

// The run loop. One scheduling round is poll(), then a slice of up to sliceInstructions for the curg
// of every M that was running at the poll; the Ms of a round run "in parallel", so virtual time
// advances by the longest slice. cur_ keeps the place inside a round: advance() may stop after any
// instruction (a step, a pause at a growth or GC) and the next call continues the same slice, so the
// timeline never depends on how it is stepped.

bool Machine::beginRound() {
  stop_ = Stop::None;
  const uint64_t switches = sched_->nexecute;
  PollResult pr = sched_->poll();
  if (pr.state == RunState::Deadlock) {
    deadlock(pr.message);
    return false;
  }
  if (pr.state == RunState::NoGoroutines || pr.state == RunState::Fatal) {
    fatal(std::string("fatal error: ") + pr.message + "\n");
    return false;
  }
  if (pr.state != RunState::Running) {
    res_.stderrText += "gofast: internal error: the scheduler has nothing to run\n";
    res_.kind = ExitKind::Internal;
    res_.exitStatus = 2;
    return false;
  }
  if (sched_->nexecute != switches) logEvent(MachineEvent::Switch, 0);
  cur_.inRound = true;
  const std::vector<m*>& running = sched_->runningMs();
  cur_.ms.assign(running.begin(), running.end());
  cur_.idx = 0;
  cur_.inSlice = false;
  cur_.roundMax = 0;
  return true;
}

void Machine::endSlice(m* mp, Stop s) {
  cur_.roundMax = std::max(cur_.roundMax, cur_.sliceExecuted);
  cur_.inSlice = false;
  cur_.idx++;
  asyncPreemptCheck(mp, s);
  if (cur_.idx >= cur_.ms.size()) {
    sched_->advanceClock(static_cast<int64_t>(cur_.roundMax) * kCostInstrNs);
    cur_.inRound = false;
  }
}

void Machine::asyncPreemptCheck(m* mp, Stop s) {
  // Asynchronous preemption (preempt.go; signal_unix.go:368 doSigPreempt): sysmon's preemptone set
  // g.preempt and p.preempt; the G is stopped between two instructions (here: where its slice ended,
  // registers already saved in g.sched) and goes to the global queue as gopreempt_m does.
  if (s == Stop::None && opts_.asyncPreempt && mp->curg != nullptr && mp->curg->atomicstatus == _Grunning &&
      mp->curg->preempt && mp->pp != nullptr && mp->pp->preempt) {
    g* gp = mp->curg;
    gp->preempt = false;
    mp->pp->preempt = false;
    gp->stackguard0 = gp->stack.lo + _StackGuard;
    sched_->gopreempt(mp);
  }
}

void Machine::logEvent(MachineEvent::Kind k, int64_t goid) {
  pauseKinds_ |= 1u << k;
  if (!opts_.timelineEvents) return;
  events_.push_back(MachineEvent{res_.steps, k, goid, sched_->trace.events().size()});
  eventSeq_++;
}

bool Machine::advance(uint64_t steps, uint32_t stopMask) {
  start();
  uint64_t until = steps > ~uint64_t{0} - res_.steps ? ~uint64_t{0} : res_.steps + steps;
  pauseKinds_ = 0;
  while (!finished_) {
    // A watched event stops the run at the canonical point of the instruction count it happened at.
    if ((pauseKinds_ & stopMask) != 0) until = std::min(until, res_.steps);
    if (!cur_.inRound) {
      if (!beginRound()) {
        finished_ = true;
        break;
      }
      continue;
    }
    if (cur_.idx >= cur_.ms.size()) {  // (no M ran a G at the poll)
      sched_->advanceClock(static_cast<int64_t>(cur_.roundMax) * kCostInstrNs);
      cur_.inRound = false;
      continue;
    }
    m* mp = cur_.ms[cur_.idx];
    if (!cur_.inSlice) {
      if (heap_->stats().numGC != lastGC_) {
        lastGC_ = heap_->stats().numGC;
        for (auto& gp : sched_->allgs)
          if (gp->atomicstatus != _Gdead && gp->stack.lo != 0 && gs(gp.get()).started) shrinkstack(gp.get());
      }
      uint64_t left = opts_.maxSteps - std::min(opts_.maxSteps, res_.steps);
      if (left == 0) {
        limit("more than " + std::to_string(opts_.maxSteps) + " instructions executed (limit set by -max-steps)");
        finished_ = true;
        break;
      }
      cur_.sliceLeft = static_cast<uint32_t>(std::min<uint64_t>(left, opts_.sliceInstructions));
      cur_.sliceExecuted = 0;
      cur_.inSlice = true;
    }
    if (res_.steps >= until) break;
    const uint32_t run = static_cast<uint32_t>(std::min<uint64_t>(cur_.sliceLeft, until - res_.steps));
    const uint64_t before = res_.steps, switches = sched_->nexecute;
    const uint64_t growths = res_.stackGrowths, gcs = heap_->stats().numGC;
    g* gp = mp->curg;
    lastExecuted_ = 0;
    pauseReq_ = false;
    Stop s = execute(mp, run);
    const uint64_t ex = res_.steps - before;
    if (ex > 0 && gp != nullptr) {
      lastGoid_ = gp->goid;
      lastGHandle_ = gp->handle;
    }
    cur_.sliceExecuted += lastExecuted_;
    cur_.sliceLeft -= static_cast<uint32_t>(std::min<uint64_t>(ex, cur_.sliceLeft));
    if (res_.stackGrowths != growths) logEvent(MachineEvent::Growth, gp != nullptr ? gp->goid : 0);
    if (heap_->stats().numGC != gcs) logEvent(MachineEvent::GC, gp != nullptr ? gp->goid : 0);
    if (s != Stop::None && s != Stop::Switch) {
      finished_ = true;
      break;
    }
    if (sched_->nexecute != switches) logEvent(MachineEvent::Switch, 0);
    const bool paused = s == Stop::None && cur_.sliceLeft > 0 && (pauseReq_ || ex == run);
    if (!paused) {
      const uint64_t sw = sched_->nexecute;
      endSlice(mp, s);
      if (sched_->nexecute != sw) logEvent(MachineEvent::Switch, 0);
    }
  }
  if (finished_ && (events_.empty() || events_.back().kind != MachineEvent::Exit)) {
    logEvent(MachineEvent::Exit, 0);
    cur_.inRound = false;
  }
  res_.virtualNs = sched_->nanotime();
  return !finished_;
}

bool Machine::runFor(uint64_t steps) { return advance(steps, 0); }

// Whole rounds when nothing watches the run (`gofast run`, the golden tests): the same steps as
// advance() takes, without the cursor's per-slice bookkeeping (a ping-pong runs two million rounds).
// history_test.cpp checks that both give the same timeline.
bool Machine::fullRound() {
  if (!beginRound()) return false;
  uint64_t roundMax = 0;
  for (m* mp : cur_.ms) {
    if (heap_->stats().numGC != lastGC_) {
      lastGC_ = heap_->stats().numGC;
      for (auto& gp : sched_->allgs)
        if (gp->atomicstatus != _Gdead && gp->stack.lo != 0 && gs(gp.get()).started) shrinkstack(gp.get());
    }
    const uint64_t left = opts_.maxSteps - std::min(opts_.maxSteps, res_.steps);
    if (left == 0) {
      limit("more than " + std::to_string(opts_.maxSteps) + " instructions executed (limit set by -max-steps)");
      return false;
    }
    lastExecuted_ = 0;
    const Stop s = execute(mp, static_cast<uint32_t>(std::min<uint64_t>(left, opts_.sliceInstructions)));
    roundMax = std::max(roundMax, lastExecuted_);
    if (s != Stop::None && s != Stop::Switch) return false;
    asyncPreemptCheck(mp, s);
  }
  sched_->advanceClock(static_cast<int64_t>(roundMax) * kCostInstrNs);
  cur_.inRound = false;
  return true;
}

RunResult Machine::run() {
  start();
  if (!opts_.timelineEvents)
    while (!finished_ && !cur_.inRound)
      if (!fullRound()) finished_ = true;
  advance(~uint64_t{0}, 0);  // (a round in progress, and the end's bookkeeping)
  return res_;
}

uint32_t Machine::lastGPc() const {
  const g* gp = sched_->gByHandle(lastGHandle_);
  if (gp == nullptr) return 0;
  int64_t idx = prog_.indexOf(gp->sched.pc);
  return idx < 0 ? 0 : static_cast<uint32_t>(idx);
}

// ---- GC roots ---------------------------------------------------------------------------------------------

static uint64_t argsBytes(const FuncCode& F) {
  uint64_t a = (static_cast<uint64_t>(F.argsSize) + 7) / 8 * 8;
  return a + static_cast<uint64_t>(F.resultsSize);
}

template <class Fn>
void Machine::walkFrames(g* gp, uint32_t pcIdx, Addr sp, Fn&& f) {
  // Segmented mode: a return address into runtime.lessstack continues in the previous segment.
  const std::vector<GState::Segment>* segs = gp != nullptr ? &gs(gp).segments : nullptr;
  size_t seg = segs != nullptr ? segs->size() : 0;
  for (uint64_t n = 0; n < (uint64_t{1} << 32); n++) {
    if (pcIdx >= prog_.funcOfInstr.size()) return;
    uint32_t fi = prog_.funcOfInstr[pcIdx];
    if (static_cast<int32_t>(fi) == prog_.goexitFunc) return;
    if (static_cast<int32_t>(fi) == prog_.lessstackFunc) {
      if (seg == 0) return;
      const GState::Segment& sg = (*segs)[--seg];
      int64_t idx = prog_.indexOf(sg.realRet);
      if (idx < 0) return;
      pcIdx = static_cast<uint32_t>(idx);
      sp = sg.oldSP;
      continue;
    }
    const FuncCode& F = prog_.funcs[fi];
    if constexpr (std::is_same_v<decltype(f(fi, pcIdx, sp, F, n)), bool>) {
      if (!f(fi, pcIdx, sp, F, n)) return;  // the callback has seen enough
    } else {
      f(fi, pcIdx, sp, F, n);
    }
    uint64_t ret = 0;
    if (as_.readU64(sp + static_cast<uint64_t>(F.frameSize) + 8, ret)) return;
    sp = sp + static_cast<uint64_t>(F.frameSize) + 16;
    int64_t idx = prog_.indexOf(ret);
    if (idx < 0) return;
    pcIdx = static_cast<uint32_t>(idx);
  }
}

// morestack in Go 1.2's segmented mode (stack.c newstack): a new segment for the callee, its
// arguments copied to the top, and a return address into runtime.lessstack in place of the real one.
bool Machine::morestackSegmented(int32_t fi, uint64_t* ret) {
  const FuncCode& F = prog_.funcs[static_cast<size_t>(fi)];
  g* gp = curg_;
  GState& st = gs(gp);
  const uint64_t argsB = (argsBytes(F) + 7) / 8 * 8;
  uint64_t need = static_cast<uint64_t>(F.frameSize) + 16 + argsB + kSegStackExtra;
  if (need < kSegStackMin) need = kSegStackMin;
  uint64_t size = _FixedStack;
  while (size < need) size *= 2;
  uint64_t total = size + gp->stack.size();
  for (const GState::Segment& sg : st.segments) total += sg.old.size();
  if (total > opts_.maxStackSize) {
    stackOverflow(fi);
    return false;
  }
  stack seg = stacks_->stackalloc(size, gp->m != nullptr && gp->m->pp != nullptr ? gp->m->pp->mcache : nullptr);
  if (!seg.ok()) {
    limit("more than " + std::to_string(opts_.maxHeapBytes) + " bytes of memory used (limit set by -max-heap)");
    return false;
  }
  uint8_t* host = as_.hostContiguous(seg.lo, size);
  const Addr newArgs = seg.hi - argsB;
  std::memcpy(host + (newArgs - seg.lo), stkHost_ + (r_.sp - gp->stack.lo), argsB);
  st.segments.push_back(GState::Segment{gp->stack, r_.sp, *ret, argsB});
  gp->stack = seg;
  gp->stackguard0 = gp->preempt ? stackPreempt : seg.lo + _StackGuard;
  stkHost_ = host;
  r_.sp = newArgs;
  *ret = prog_.pcOf(prog_.funcs[static_cast<size_t>(prog_.lessstackFunc)].entry);
  res_.stackSplits++;
  sched_->advanceClock(kCostStackSplitNs);
  sched_->recordStackGrowth(gp->m, gp, size);
  return true;
}

// lessstack (Go 1.2 stack.c oldstack): the callee returned into it: copy the results back to the
// previous segment, free this one, and return to the real caller.
void Machine::lessstack() {
  g* gp = curg_;
  GState& st = gs(gp);
  GState::Segment sg = st.segments.back();
  st.segments.pop_back();
  stack seg = gp->stack;
  uint8_t* oldHost = as_.hostContiguous(sg.old.lo, sg.old.size());
  std::memcpy(oldHost + (sg.oldSP - sg.old.lo), stkHost_ + (r_.sp - seg.lo), sg.argsBytes);
  gp->stack = sg.old;
  gp->stackguard0 = gp->preempt ? stackPreempt : sg.old.lo + _StackGuard;
  stkHost_ = oldHost;
  r_.sp = sg.oldSP;
  int64_t idx = prog_.indexOf(sg.realRet);
  r_.pc = idx < 0 ? 0 : static_cast<uint32_t>(idx);
  stacks_->stackfree(seg, gp->m != nullptr && gp->m->pp != nullptr ? gp->m->pp->mcache : nullptr);
  res_.stackLessstacks++;
  sched_->advanceClock(kCostStackSplitNs);
}

void Machine::enumerateRoots(RootVisitor& v) {
  if (prog_.globalsSize > 0) {
    v.block(prog_.globalsLo, (prog_.globalsSize + 7) / 8 * 8, prog_.globalsPtrMask.empty() ? nullptr : prog_.globalsPtrMask.data());
    v.globalsScanned(prog_.globalsSize);
  }
  static const uint8_t kNoPtrs[1] = {0};
  for (auto& gup : sched_->allgs) {
    g* gp = gup.get();
    if (gp->atomicstatus == _Gdead || gp->stack.lo == 0) continue;
    GState& st = gs(gp);
    if (!st.started) {
      v.pointer(gp->sched.ctxt);  // the closure a new goroutine will run
      continue;
    }
    uint32_t pc;
    Addr sp;
    if (gp == curg_) {
      pc = r_.pc;
      sp = r_.sp;
    } else {
      int64_t idx = prog_.indexOf(gp->sched.pc);
      if (idx < 0) continue;
      pc = static_cast<uint32_t>(idx);
      sp = gp->sched.sp;
    }
    walkFrames(gp, pc, sp, [&](uint32_t, uint32_t, Addr fsp, const FuncCode& F, uint64_t) {
      if (F.frameSize > 0) v.block(fsp, static_cast<uint64_t>(F.frameSize), F.localsPtrMask.empty() ? kNoPtrs : F.localsPtrMask.data());
      uint64_t ab = argsBytes(F);
      if (ab > 0) v.block(fsp + static_cast<uint64_t>(F.frameSize) + 16, ab, F.argsPtrMask.empty() ? kNoPtrs : F.argsPtrMask.data());
    });
    v.stackScanned(gp->stack.hi - sp);
    for (const PanicRec& p : st.panics) {
      v.pointer(p.typeWord);
      v.pointer(p.dataWord);
    }
  }
  v.pointer(r_.ctxt);
  if (chans_ != nullptr) v.pointer(chans_->allocating);
}

// ---- stack growth ---------------------------------------------------------------------------------------------

void Machine::refreshStackHost() {
  stkHost_ = as_.hostContiguous(curg_->stack.lo, curg_->stack.size());
}

// copystack (stack.go:853): allocate, copy the used part, adjust every pointer into the old stack, free.
// Every kind of pointer that can point into a goroutine stack is adjusted HERE and nowhere else
// (DESIGN rule 6):
//   1. the VM registers SP, BP and the closure context (adjustctxt);
//   2. every frame's pointer slots, by its stack map (adjustframe/adjustpointers), the saved BP of
//      each frame (adjustframe's frame pointer), and the arguments area of each frame;
//   3. the arguments of a call in progress (the callee's prologue is where growth happens);
//   4. the G's _defer chain head (adjustdefers; the records' own links are frame slots, case 2);
//   5. panic values (adjustpanics);
//   6. sudog elements of a blocked G (adjustsudogs, through g.waiting).
void Machine::copystack(uint64_t newsize, int32_t pendingArgsFunc) {
  g* gp = curg_;
  stack old = gp->stack;
  uint64_t used = old.hi - r_.sp;
  stack nw = stacks_->stackalloc(newsize, gp->m != nullptr && gp->m->pp != nullptr ? gp->m->pp->mcache : nullptr);
  if (!nw.ok()) {
    limit("more than " + std::to_string(opts_.maxHeapBytes) + " bytes of memory used (limit set by -max-heap)");
    return;
  }
  uint8_t* nh = as_.hostContiguous(nw.lo, newsize);
  std::memcpy(nh + (newsize - used), stkHost_ + (old.size() - used), used);
  const uint64_t delta = nw.hi - old.hi;
  auto inOld = [&](uint64_t v) { return v >= old.lo && v < old.hi; };
  auto adjAt = [&](Addr a) {
    uint8_t* p = nh + (a - nw.lo);
    uint64_t v = ldv<uint64_t>(p);
    if (inOld(v)) stv<uint64_t>(p, v + delta);
  };
  auto adjMasked = [&](Addr lo, uint64_t n, const std::vector<uint8_t>& mask) {
    for (uint64_t w = 0; w < n / 8 && w / 8 < mask.size(); w++)
      if (mask[w / 8] >> (w % 8) & 1) adjAt(lo + w * 8);
  };
  // 1. registers
  r_.sp += delta;
  if (inOld(r_.bp)) r_.bp += delta;
  if (inOld(r_.ctxt)) r_.ctxt += delta;
  gp->stack = nw;
  stkHost_ = nh;
  // 2. frames (walked on the new stack)
  walkFrames(gp, r_.pc, r_.sp, [&](uint32_t, uint32_t, Addr fsp, const FuncCode& F, uint64_t) {
    adjMasked(fsp, static_cast<uint64_t>(F.frameSize), F.localsPtrMask);
    adjAt(fsp + static_cast<uint64_t>(F.frameSize));  // saved BP
    adjMasked(fsp + static_cast<uint64_t>(F.frameSize) + 16, argsBytes(F), F.argsPtrMask);
  });
  // 3. arguments of the call in progress
  if (pendingArgsFunc >= 0) {
    const FuncCode& C = prog_.funcs[static_cast<size_t>(pendingArgsFunc)];
    adjMasked(r_.sp, argsBytes(C), C.argsPtrMask);
  }
  // 4. defers: the head, and the fields of heap-allocated records (deferproc) that point into the
  // stack (frame records are frame slots, adjusted with their frame above); 5. panics
  GState& st = gs(gp);
  if (inOld(st.deferHead)) st.deferHead += delta;
  for (Addr d = st.deferHead; d != 0;) {
    const bool onStack = d >= nw.lo && d < nw.hi;
    if (!onStack) {
      for (uint64_t off : {uint64_t{0}, uint64_t{8}, uint64_t{16}}) {
        uint64_t v = 0;
        as_.readU64(d + off, v);
        if (inOld(v)) as_.writeU64(d + off, v + delta);
      }
    }
    uint64_t next = 0;
    as_.readU64(d + 8, next);
    d = next;
  }
  for (PanicRec& p : st.panics)
    if (inOld(p.dataWord)) p.dataWord += delta;
  // 6. sudogs
  for (sudog* s = gp->waiting; s != nullptr; s = s->waitlink)
    if (inOld(s->elem)) s->elem += delta;
  gp->stackguard0 = gp->preempt ? stackPreempt : nw.lo + _StackGuard;
  stacks_->stackfree(old, gp->m != nullptr && gp->m->pp != nullptr ? gp->m->pp->mcache : nullptr);
  sched_->advanceClock(static_cast<int64_t>(used / 64) * kCostStackCopyPer64BNs);
  res_.stackMoves++;
}

// stack.go:1098-1103: the goroutine's stack would exceed maxstacksize.
void Machine::stackOverflow(int32_t calleeFunc) {
  g* gp = curg_;
  const FuncCode& F = prog_.funcs[static_cast<size_t>(calleeFunc)];
  // stack.go:1098-1103
  std::string s = "runtime: goroutine stack exceeds " + std::to_string(opts_.maxStackSize) + "-byte limit\n";
  s += "runtime: sp=" + hex(r_.sp) + " stack=[" + hex(gp->stack.lo) + ", " + hex(gp->stack.hi) + "]\n";
  s += "fatal error: stack overflow\n\nruntime stack:\nruntime.throw({" + hex(prog_.rodataLo) + ", 0xe})\n\t" +
       std::string(kGoRoot) + "/src/runtime/panic.go:1047 +0x5d\nruntime.newstack()\n\t" + std::string(kGoRoot) +
       "/src/runtime/stack.go:1103 +0x5cc\nruntime.morestack()\n\t" + std::string(kGoRoot) +
       "/src/runtime/asm_amd64.s:570 +0x8b\n\n";
  s += "goroutine " + std::to_string(gp->goid) + " [running]:\n";
  // The innermost frame is the callee whose prologue failed: it points at its declaration line.
  s += F.name + "(" + (F.argsSize > 0 ? std::string("...") : std::string()) + ")\n\t" + F.file + ":" +
       std::to_string(F.pos.line) + " +0x" + "0" + "\n";
  std::string tb = traceback(gp, r_.pc, r_.sp, false);
  // keep at most 100 frames in total
  size_t frames = 1, pos = 0;
  std::string cut;
  while (pos < tb.size()) {
    size_t e1 = tb.find('\n', pos);
    size_t e2 = e1 == std::string::npos ? std::string::npos : tb.find('\n', e1 + 1);
    if (e2 == std::string::npos) break;
    if (frames >= static_cast<size_t>(kTracebackMaxFrames)) {
      cut += "...additional frames elided...\n";
      break;
    }
    cut += tb.substr(pos, e2 + 1 - pos);
    pos = e2 + 1;
    frames++;
  }
  s += cut;
  fatal(s);
  }

// newstack (stack.go:964) for a failed prologue check of function calleeFunc.
bool Machine::newstack(int32_t calleeFunc, bool grow) {
  g* gp = curg_;
  if (gp->stackguard0 == stackPreempt) {
    // stack.go:1040-1075: a preemption request, not a real overflow: yield.
    gp->preempt = false;
    gp->stackguard0 = gp->stack.lo + _StackGuard;
    gp->sched.pc = prog_.pcOf(r_.pc);
    gp->sched.sp = r_.sp;
    gp->sched.bp = r_.bp;
    gp->sched.ctxt = r_.ctxt;
    sched_->gopreempt(gp->m);
    stop_ = Stop::Switch;
    return false;
  }
  const FuncCode& F = prog_.funcs[static_cast<size_t>(calleeFunc)];
  uint64_t oldsize = gp->stack.size();
  uint64_t newsize = grow ? oldsize * 2 : oldsize;
  // stack.go:1083-1091: make sure the frame that needs the space fits.
  uint64_t needed = static_cast<uint64_t>(F.frameSize) + 16 + _StackGuard;
  uint64_t used = gp->stack.hi - r_.sp;
  while (grow && newsize - used < needed) newsize *= 2;
  if (newsize > opts_.maxStackSize) {
    stackOverflow(calleeFunc);
    return false;
  }
  copystack(newsize, calleeFunc);
  if (stop_ != Stop::None) return false;
  if (grow) {
    res_.stackGrowths++;
    sched_->recordStackGrowth(gp->m, gp, newsize);
    pauseReq_ = opts_.timelineEvents;
  }
  return true;
}

// shrinkstack (stack.go:1147): at GC, halve a stack that uses less than a quarter of itself.
void Machine::shrinkstack(g* gp) {
  if (opts_.stackMode == StackMode::Segmented) return;  // segments are freed by lessstack
  uint64_t oldsize = gp->stack.size();
  uint64_t newsize = oldsize / 2;
  if (newsize < _FixedStack) return;
  Addr sp = gp == curg_ ? r_.sp : gp->sched.sp;
  uint64_t used = gp->stack.hi - sp + _StackLimit;
  if (used >= oldsize / 4) return;
  if (gp != curg_) {
    // Only the running G's registers are loaded here; others are moved when they run (gofast runs
    // one goroutine's frames through the VM registers).
    g* saved = curg_;
    Regs savedR = r_;
    uint8_t* savedHost = stkHost_;
    curg_ = gp;
    int64_t idx = prog_.indexOf(gp->sched.pc);
    if (idx < 0) {
      curg_ = saved;
      return;
    }
    r_.pc = static_cast<uint32_t>(idx);
    r_.sp = gp->sched.sp;
    r_.bp = gp->sched.bp;
    r_.ctxt = gp->sched.ctxt;
    refreshStackHost();
    copystack(newsize, -1);
    gp->sched.sp = r_.sp;
    gp->sched.bp = r_.bp;
    gp->sched.ctxt = r_.ctxt;
    curg_ = saved;
    r_ = savedR;
    stkHost_ = savedHost;
  } else {
    copystack(newsize, -1);
  }
  res_.stackShrinks++;
}

// The call sequence: push the return address, check the stack (obj6.go stacksplit), push BP, make the
// frame, zero it, save the closure context.
// Inlined into the dispatch loop: a call is the hot path of call-heavy programs (SPEC P1).
[[gnu::always_inline]] inline bool Machine::enter(int32_t fi, uint64_t ret, uint64_t ctxt, int32_t pendingArgsFunc) {
  const FuncCode& F = prog_.funcs[static_cast<size_t>(fi)];
  r_.ctxt = ctxt;
  if (!F.nosplit) {
    const uint64_t sp1 = r_.sp - 8;
    const uint64_t fs = static_cast<uint64_t>(F.frameSize) + 8;
    const uint64_t guard = curg_->stackguard0;
    bool fail;
    if (fs <= _StackSmall) fail = sp1 <= guard;
    else if (fs <= _StackBig) fail = sp1 - fs + _StackSmall <= guard;
    else fail = sp1 < fs - _StackSmall || sp1 - (fs - _StackSmall) <= guard;
    bool force = false;
    if (opts_.stackMode == StackMode::Segmented) {
      if (fail && curg_->stackguard0 != stackPreempt) {
        if (!morestackSegmented(fi, &ret)) return false;
        fail = false;
      }
    } else if (opts_.stackMoveEveryCall) {
      const uint64_t used = curg_->stack.hi - r_.sp;
      force = used <= kDebugStackMoveMaxUsed || res_.calls % kDebugStackMoveDeepPeriod == 0;
    }
    if (fail || force) {
      if (!newstack(fi, fail)) return false;
      (void)pendingArgsFunc;
    }
  }
  ctxt = r_.ctxt;
  const Addr lo = curg_->stack.lo;
  Addr sp = r_.sp - 8;
  stv<uint64_t>(stkHost_ + (sp - lo), ret);
  sp -= 8;
  stv<uint64_t>(stkHost_ + (sp - lo), r_.bp);
  r_.bp = sp;
  sp -= static_cast<uint64_t>(F.frameSize);
  r_.sp = sp;
  uint8_t* fp = stkHost_ + (sp - lo);
  std::memset(fp, 0, static_cast<size_t>(F.frameSize));
  if (F.ctxtSlot >= 0) stv<uint64_t>(fp + F.ctxtSlot, ctxt);
  r_.pc = F.entry;
  res_.calls++;
  return true;
}

// ---- allocation -------------------------------------------------------------------------------------------

Addr Machine::alloc(uint64_t size, int32_t typeIdx, uint64_t count) {
  const GcType* t = nullptr;
  if (typeIdx >= 0 && static_cast<size_t>(typeIdx) < gctypes_.size() && gctypes_[static_cast<size_t>(typeIdx)].ptrdata > 0)
    t = &gctypes_[static_cast<size_t>(typeIdx)];
  (void)count;
  mcache* c = curg_ != nullptr && curg_->m != nullptr && curg_->m->pp != nullptr ? curg_->m->pp->mcache : nullptr;
  const uint64_t gcs = heap_->stats().numGC;
  AllocResult a = heap_->mallocgc(size, t, true, c);
  if (heap_->stats().numGC != gcs) pauseReq_ = opts_.timelineEvents;
  if (!a.ok()) {
    limit("more than " + std::to_string(opts_.maxHeapBytes) + " bytes of heap used (limit set by -max-heap)");
    allocFailed_ = true;
    return 0;
  }
  res_.allocs++;
  sched_->advanceClock(kCostAllocNs + static_cast<int64_t>(size / 64) * kCostAllocPer64BNs);
  return a.p;
}

// ---- panics and traceback ------------------------------------------------------------------------------------

std::string Machine::printpanicval(uint64_t typeWord, uint64_t dataWord) {
  // panic.go printpanicval: basic kinds print their value; others "(TYPE) ADDRESS".
  std::string out;
  if (typeWord == 0) return "nil";
  int32_t ti = prog_.typeIndexOf(typeWord);
  if (ti < 0) return "(?) " + hex(dataWord);
  const types::Type* t = prog_.types[static_cast<size_t>(ti)].type;
  const types::Type* u = types::under(t);
  bool named = t->kind == types::Kind::Named;
  auto rd = [&](uint64_t n) {
    uint64_t v = 0;
    as_.readBytes(dataWord, &v, n);
    return v;
  };
  std::string body;
  switch (u->kind) {
    case types::Kind::Bool: printbool(body, rd(1) != 0); break;
    case types::Kind::Int: case types::Kind::Int64: printint(body, static_cast<int64_t>(rd(8))); break;
    case types::Kind::Int8: printint(body, static_cast<int8_t>(rd(1))); break;
    case types::Kind::Int16: printint(body, static_cast<int16_t>(rd(2))); break;
    case types::Kind::Int32: printint(body, static_cast<int32_t>(rd(4))); break;
    case types::Kind::Uint: case types::Kind::Uint64: case types::Kind::Uintptr: printuint(body, rd(8)); break;
    case types::Kind::Uint8: printuint(body, rd(1)); break;
    case types::Kind::Uint16: printuint(body, rd(2)); break;
    case types::Kind::Uint32: printuint(body, rd(4)); break;
    case types::Kind::Float64: {
      uint64_t b = rd(8);
      double d;
      std::memcpy(&d, &b, 8);
      printfloat(body, d);
      break;
    }
    case types::Kind::Float32: {
      uint32_t b = static_cast<uint32_t>(rd(4));
      float f;
      std::memcpy(&f, &b, 4);
      printfloat(body, f);
      break;
    }
    case types::Kind::String: {
      uint64_t p = 0, n = 0;
      as_.readU64(dataWord, p);
      as_.readU64(dataWord + 8, n);
      std::string s(n, '\0');
      as_.readBytes(p, s.data(), n);
      body = s;
      if (named) return fmtTypeName(t) + "(\"" + s + "\")";
      return s;
    }
    default:
      return "(" + fmtTypeName(t) + ") " + hex(dataWord);
  }
  if (named) return fmtTypeName(t) + "(" + body + ")";
  return body;
}

void Machine::startPanic(PanicRec rec, uint32_t pcIdx) {
  GState& st = gs(curg_);
  st.panics.push_back(std::move(rec));
  r_.pc = pcIdx;
  if (!enter(prog_.gopanicFunc, prog_.pcOf(pcIdx + 1), 0, -1)) return;
}

void Machine::runtimeError(const std::string& msg, uint32_t pcIdx) {
  PanicRec p;
  p.message = "runtime error: " + msg;
  startPanic(std::move(p), pcIdx);
}

void Machine::nilPanic(uint64_t addr, uint32_t pcIdx) {
  PanicRec p;
  p.sigsegv = true;
  p.faultAddr = addr;
  p.faultPC = prog_.pcOf(pcIdx);
  p.message = addr < 4096 ? "runtime error: invalid memory address or nil pointer dereference"
                          : "runtime error: invalid memory address or nil pointer dereference";
  startPanic(std::move(p), pcIdx);
}

void Machine::printPanicsAndDie() {
  GState& st = gs(curg_);
  std::string s;
  for (size_t i = 0; i < st.panics.size(); i++) {
    if (i > 0) s += "\t";
    s += "panic: " + st.panics[i].message + "\n";
  }
  if (!st.panics.empty() && st.panics.back().sigsegv)
    s += "[signal SIGSEGV: segmentation violation code=0x1 addr=" + hex(st.panics.back().faultAddr) + " pc=" +
         hex(st.panics.back().faultPC) + "]\n";
  s += "\n" + goroutineHeader(curg_, "running");
  s += traceback(curg_, r_.pc, r_.sp, true) + createdBy(curg_);
  res_.stderrText += s;
  res_.kind = ExitKind::Panicked;
  res_.exitStatus = 2;
  stop_ = Stop::Panic;
}

void Machine::plainPanic(const char* msg, uint32_t pcIdx) {
  PanicRec p;
  p.message = msg;  // plainError: printed without the "runtime error: " prefix
  startPanic(std::move(p), pcIdx);
}

void Machine::saveRegs(uint32_t pcIdx) {
  curg_->sched.pc = prog_.pcOf(pcIdx);
  curg_->sched.sp = r_.sp;
  curg_->sched.bp = r_.bp;
  curg_->sched.ctxt = r_.ctxt;
}

std::string Machine::goroutineHeader(g* gp, const char* state) {
  return "goroutine " + std::to_string(gp->goid) + " [" + state + "]:\n";
}

// traceback.go printcreatedby: "created by main.main\n\t/path/main.go:23 +0x..."
std::string Machine::createdBy(g* gp) {
  if (gp->goid == 1 || gp->gopc == 0) return "";
  int64_t idx = prog_.indexOf(gp->gopc);
  if (idx < 0) return "";
  const FuncCode& F = prog_.funcs[prog_.funcOfInstr[static_cast<size_t>(idx)]];
  return "created by " + F.name + "\n\t" + F.file + ":" + std::to_string(prog_.pcline[static_cast<size_t>(idx)].line) + " +" +
         hex(gp->gopc - prog_.pcOf(F.entry)) + "\n";
}

// checkdead (proc.go:5035): "fatal error: all goroutines are asleep - deadlock!" and every user
// goroutine's stack (goroutine 1 first, then in creation order).
void Machine::deadlock(const char* message) {
  std::string s = std::string("fatal error: ") + message + "\n";
  for (auto& gup : sched_->allgs) {
    g* gp = gup.get();
    if (gp->atomicstatus == _Gdead || !gs(gp).started) continue;
    int64_t idx = prog_.indexOf(gp->sched.pc);
    if (idx < 0) continue;
    const char* state = gp->atomicstatus == _Gwaiting ? waitReasonString(gp->waitreason) : gStatusString(gp->atomicstatus);
    std::string syncFrames;
    SyncOp op = syncs_->blockedIn(gp);
    if (op != SyncOp::None)
      for (const SyncFrame& f : syncBlockedFrames(op))
        syncFrames += std::string(f.func) + "(...)\n\t" + kGoRoot + "/" + f.file + ":" + std::to_string(f.line) + "\n";
    s += "\n" + goroutineHeader(gp, state) + syncFrames + traceback(gp, static_cast<uint32_t>(idx), gp->sched.sp, false) + createdBy(gp);
  }
  res_.stderrText += s;
  res_.kind = ExitKind::Fatal;
  res_.exitStatus = 2;
  stop_ = Stop::Fatal;
}

std::string Machine::traceback(g* gp, uint32_t pcIdx, Addr sp, bool skipInnermostRuntime) {
  std::string out;
  int frames = 0;
  bool elided = false;
  walkFrames(gp, pcIdx, sp, [&](uint32_t fi, uint32_t idx, Addr fsp, const FuncCode& F, uint64_t n) {
    if (elided) return;
    if (frames >= kTracebackMaxFrames) {
      out += "...additional frames elided...\n";
      elided = true;
      return;
    }
    bool innermost = n == 0;
    if (F.isWrapper) return;  // go/defer wrappers are elided, as Go elides wrapper frames
    if (F.isRuntime) {
      if (static_cast<int32_t>(fi) == prog_.gopanicFunc && !(innermost && skipInnermostRuntime)) {
        out += "panic({" + hex(prog_.rodataLo) + ", " + hex(prog_.rodataLo + 0x10) + "})\n\t" + std::string(kGoRoot) +
               "/src/runtime/panic.go:884 +" + hex(prog_.pcOf(idx) - prog_.pcOf(F.entry)) + "\n";
        frames++;
      }
      return;
    }
    uint32_t lineIdx = innermost ? idx : idx - 1;
    const compile::PcLine& pl = prog_.pcline[lineIdx];
    int32_t line = pl.line;
    int32_t inl = pl.inl;
    while (inl >= 0 && static_cast<size_t>(inl) < F.inlTree.size()) {
      const compile::InlNode& node = F.inlTree[static_cast<size_t>(inl)];
      out += node.funcName + "(...)\n\t" + F.file + ":" + std::to_string(line) + "\n";
      frames++;
      line = node.callPos.line;
      inl = node.parent;
    }
    std::string args;
    uint64_t words = (static_cast<uint64_t>(F.argsSize) + 7) / 8;
    for (uint64_t w = 0; w < words && w < 10; w++) {
      uint64_t v = 0;
      as_.readU64(fsp + static_cast<uint64_t>(F.frameSize) + 16 + w * 8, v);
      if (!args.empty()) args += ", ";
      args += hex(v);
    }
    if (words > 10) args += ", ...";
    out += F.name + "(" + args + ")\n\t" + F.file + ":" + std::to_string(line) + " +" +
           hex(prog_.pcOf(idx) - prog_.pcOf(F.entry)) + "\n";
    frames++;
  });
  return out;
}

// ---- the dispatch loop ------------------------------------------------------------------------------------

Machine::Stop Machine::execute(m* mp, uint32_t budget) {
  // Two copies of the dispatch loop: with pause points (a session's history logs growths and GCs at
  // their exact instruction) and without (`gofast run`), so the plain loop pays nothing for them.
  return opts_.timelineEvents ? executeLoop<true>(mp, budget) : executeLoop<false>(mp, budget);
}

template <bool kPausePoints>
Machine::Stop Machine::executeLoop(m* mp, uint32_t budget) {
  g* gp = mp->curg;
  stop_ = Stop::None;
  if (gp == nullptr || gp->atomicstatus != _Grunning) return Stop::None;
  curg_ = gp;
  curm_ = mp;
  GState& st0 = gs(gp);
  if (!st0.started) {
    st0.started = true;
    int64_t idx = prog_.indexOf(gp->sched.pc);
    refreshStackHost();
    r_.sp = gp->sched.sp + 8;  // newproc pushed goexit+1: enter() pushes it again
    r_.bp = 0;
    uint64_t ret = 0;
    as_.readU64(gp->sched.sp, ret);
    r_.pc = prog_.funcs[static_cast<size_t>(prog_.goexitFunc)].entry + 1;
    int32_t fi = idx < 0 ? prog_.initFunc : static_cast<int32_t>(prog_.funcOfInstr[static_cast<size_t>(idx)]);
    if (!enter(fi, ret, gp->sched.ctxt, -1)) return stop_;
  } else {
    int64_t idx = prog_.indexOf(gp->sched.pc);
    r_.pc = idx < 0 ? 0 : static_cast<uint32_t>(idx);
    r_.sp = gp->sched.sp;
    r_.bp = gp->sched.bp;
    r_.ctxt = gp->sched.ctxt;
    refreshStackHost();
    if (st0.parked) {
      // A channel operation or select parked this G: finish the instruction with its outcome.
      st0.parked = false;
      ChanResult cr = chans_->parkResult(gp);
      const Instr& pin = prog_.code[r_.pc];
      uint8_t* pfp = stkHost_ + (r_.sp - gp->stack.lo);
      if (cr.status != ChanStatus::Ok && cr.status != ChanStatus::Blocked && cr.status != ChanStatus::WouldBlock) {
        plainPanic(chanStatusMessage(cr.status), r_.pc);
        if (stop_ != Stop::None) return stop_;
      } else {
        if (pin.op == Opcode::CHANRECV && pin.k == 1) stv<uint8_t>(pfp + pin.c, cr.received ? 1 : 0);
        if (pin.op == Opcode::SELECT) {
          stv<int64_t>(pfp + pin.a, cr.selected);
          stv<int64_t>(pfp + pin.a + 8, cr.received ? 1 : 0);
        }
        r_.pc++;
      }
    }
  }

  const Instr* code = prog_.code.data();
  uint32_t pc = r_.pc;
  uint8_t* fp = stkHost_ + (r_.sp - gp->stack.lo);
  uint32_t left = pauseReq_ ? 0 : budget;  // the G's first frame already grew its stack
  uint64_t executed = 0;

#define SYNC() (r_.pc = pc)
#define RELOAD() (pc = r_.pc, fp = stkHost_ + (r_.sp - curg_->stack.lo))
#define FRAME(off) (fp + (off))
#define CHECK_STOP() \
  if (stop_ != Stop::None) goto out
// After an instruction that grew the stack or ran a GC: end the slice here (the round cursor resumes
// it), so the event's position on the timeline is this instruction.
#define PAUSE_POINT()                             \
  if constexpr (kPausePoints) {                   \
    if (pauseReq_) [[unlikely]] left = 0;         \
  }                                               \
  do {                                            \
  } while (0)
#define FAULT_NIL(addr) \
  {                     \
    SYNC();             \
    nilPanic(addr, pc); \
    CHECK_STOP();       \
    RELOAD();           \
    continue;           \
  }

  while (left > 0) {
    left--;
    executed++;
    const Instr& in = code[pc];
    switch (in.op) {
      case Opcode::NOP: pc++; break;
      case Opcode::MOVK:
        switch (in.k) {
          case 1: stv<uint8_t>(FRAME(in.a), static_cast<uint8_t>(in.imm)); break;
          case 2: stv<uint16_t>(FRAME(in.a), static_cast<uint16_t>(in.imm)); break;
          case 4: stv<uint32_t>(FRAME(in.a), static_cast<uint32_t>(in.imm)); break;
          default: stv<int64_t>(FRAME(in.a), in.imm); break;
        }
        pc++;
        break;
      case Opcode::MOV: std::memmove(FRAME(in.a), FRAME(in.b), static_cast<size_t>(in.imm)); pc++; break;
      case Opcode::ZERO: std::memset(FRAME(in.a), 0, static_cast<size_t>(in.imm)); pc++; break;
      case Opcode::LEA: stv<uint64_t>(FRAME(in.a), r_.sp + static_cast<uint64_t>(in.b)); pc++; break;
      case Opcode::LEAG: stv<uint64_t>(FRAME(in.a), static_cast<uint64_t>(in.imm)); pc++; break;
      case Opcode::LOAD: {
        uint64_t p = ldv<uint64_t>(FRAME(in.b)) + static_cast<uint64_t>(static_cast<int64_t>(in.c));
        uint64_t base = ldv<uint64_t>(FRAME(in.b));
        if (base < 4096) FAULT_NIL(base);
        Fault f;
        switch (in.imm) {
          case 8: { uint64_t v; f = as_.load(p, v); if (!f) stv(FRAME(in.a), v); break; }
          case 4: { uint32_t v; f = as_.load(p, v); if (!f) stv(FRAME(in.a), v); break; }
          case 1: { uint8_t v; f = as_.load(p, v); if (!f) stv(FRAME(in.a), v); break; }
          case 2: { uint16_t v; f = as_.load(p, v); if (!f) stv(FRAME(in.a), v); break; }
          default: {
            // The source may be in the current stack: copy through a bounce buffer.
            uint8_t small[256];
            std::vector<uint8_t> big;
            uint8_t* tmp = small;
            if (in.imm > static_cast<int64_t>(sizeof small)) {
              big.resize(static_cast<size_t>(in.imm));
              tmp = big.data();
            }
            f = as_.readBytes(p, tmp, static_cast<uint64_t>(in.imm));
            if (!f) std::memcpy(FRAME(in.a), tmp, static_cast<size_t>(in.imm));
          }
        }
        if (f) FAULT_NIL(f.addr);
        pc++;
        break;
      }
      case Opcode::STORE: {
        uint64_t base = ldv<uint64_t>(FRAME(in.a));
        uint64_t p = base + static_cast<uint64_t>(static_cast<int64_t>(in.c));
        if (base < 4096) FAULT_NIL(base);
        Fault f;
        switch (in.imm) {
          case 8: f = as_.store(p, ldv<uint64_t>(FRAME(in.b))); break;
          case 4: f = as_.store(p, ldv<uint32_t>(FRAME(in.b))); break;
          case 1: f = as_.store(p, ldv<uint8_t>(FRAME(in.b))); break;
          case 2: f = as_.store(p, ldv<uint16_t>(FRAME(in.b))); break;
          default: {
            uint8_t small[256];
            std::vector<uint8_t> big;
            uint8_t* tmp = small;
            if (in.imm > static_cast<int64_t>(sizeof small)) {
              big.resize(static_cast<size_t>(in.imm));
              tmp = big.data();
            }
            std::memcpy(tmp, FRAME(in.b), static_cast<size_t>(in.imm));
            f = as_.writeBytes(p, tmp, static_cast<uint64_t>(in.imm));
          }
        }
        if (f) FAULT_NIL(f.addr);
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        pc++;
        break;
      }
      case Opcode::ADDP: {
        uint64_t base = ldv<uint64_t>(FRAME(in.b));
        if (in.k == 1 && base < 4096) FAULT_NIL(base);
        stv<uint64_t>(FRAME(in.a), base + static_cast<uint64_t>(in.imm));
        pc++;
        break;
      }
      case Opcode::ADD: case Opcode::SUB: case Opcode::MUL: case Opcode::DIV: case Opcode::MOD: case Opcode::AND:
      case Opcode::OR: case Opcode::XOR: case Opcode::ANDNOT: case Opcode::SHL: case Opcode::SHR: {
        const NumKind k = static_cast<NumKind>(in.k);
        if (k == NumKind::I64 && in.op == Opcode::ADD) {
          stv<int64_t>(FRAME(in.a), static_cast<int64_t>(static_cast<uint64_t>(ldv<int64_t>(FRAME(in.b))) + static_cast<uint64_t>(ldv<int64_t>(FRAME(in.c)))));
          pc++;
          break;
        }
        if (compile::isFloatKind(k)) {
          double a = readF(FRAME(in.b), k), b = readF(FRAME(in.c), k), r = 0;
          if (k == NumKind::F32) {
            float fa = static_cast<float>(a), fb = static_cast<float>(b), fr = 0;
            switch (in.op) {
              case Opcode::ADD: fr = fa + fb; break;
              case Opcode::SUB: fr = fa - fb; break;
              case Opcode::MUL: fr = fa * fb; break;
              default: fr = fa / fb; break;
            }
            stv<float>(FRAME(in.a), fr);
            pc++;
            break;
          }
          switch (in.op) {
            case Opcode::ADD: r = a + b; break;
            case Opcode::SUB: r = a - b; break;
            case Opcode::MUL: r = a * b; break;
            default: r = a / b; break;
          }
          writeF(FRAME(in.a), k, r);
          pc++;
          break;
        }
        const bool sgn = compile::isSignedKind(k);
        int64_t a = readI(FRAME(in.b), k);
        uint64_t ua = static_cast<uint64_t>(a);
        uint64_t r = 0;
        if (in.op == Opcode::SHL || in.op == Opcode::SHR) {
          const NumKind ck = static_cast<NumKind>(in.k2);
          int64_t cnt = readI(FRAME(in.c), ck);
          if (compile::isSignedKind(ck) && cnt < 0) {
            SYNC();
            runtimeError("negative shift amount", pc);
            CHECK_STOP();
            RELOAD();
            continue;
          }
          uint64_t uc = static_cast<uint64_t>(cnt);
          if (in.op == Opcode::SHL) r = uc >= 64 ? 0 : ua << uc;
          else if (sgn) r = static_cast<uint64_t>(a >> (uc >= 64 ? 63 : uc));
          else r = uc >= 64 ? 0 : ua >> uc;
          writeI(FRAME(in.a), k, r);
          pc++;
          break;
        }
        int64_t b = readI(FRAME(in.c), k);
        uint64_t ub = static_cast<uint64_t>(b);
        switch (in.op) {
          case Opcode::ADD: r = ua + ub; break;
          case Opcode::SUB: r = ua - ub; break;
          case Opcode::MUL: r = ua * ub; break;
          case Opcode::DIV: case Opcode::MOD:
            if (b == 0) {
              SYNC();
              runtimeError("integer divide by zero", pc);
              CHECK_STOP();
              RELOAD();
              continue;
            }
            if (sgn) {
              if (b == -1) r = in.op == Opcode::DIV ? 0 - ua : 0;
              else r = static_cast<uint64_t>(in.op == Opcode::DIV ? a / b : a % b);
            } else {
              r = in.op == Opcode::DIV ? ua / ub : ua % ub;
            }
            break;
          case Opcode::AND: r = ua & ub; break;
          case Opcode::OR: r = ua | ub; break;
          case Opcode::XOR: r = ua ^ ub; break;
          default: r = ua & ~ub; break;
        }
        writeI(FRAME(in.a), k, r);
        pc++;
        break;
      }
      case Opcode::ADDK: {
        const NumKind k = static_cast<NumKind>(in.k);
        if (k == NumKind::I64) stv<uint64_t>(FRAME(in.a), ldv<uint64_t>(FRAME(in.b)) + static_cast<uint64_t>(in.imm));
        else writeI(FRAME(in.a), k, static_cast<uint64_t>(readI(FRAME(in.b), k)) + static_cast<uint64_t>(in.imm));
        pc++;
        break;
      }
      case Opcode::NEG: {
        const NumKind k = static_cast<NumKind>(in.k);
        if (compile::isFloatKind(k)) writeF(FRAME(in.a), k, -readF(FRAME(in.b), k));
        else writeI(FRAME(in.a), k, 0 - static_cast<uint64_t>(readI(FRAME(in.b), k)));
        pc++;
        break;
      }
      case Opcode::BITNOT: {
        const NumKind k = static_cast<NumKind>(in.k);
        writeI(FRAME(in.a), k, ~static_cast<uint64_t>(readI(FRAME(in.b), k)));
        pc++;
        break;
      }
      case Opcode::NOT: stv<uint8_t>(FRAME(in.a), ldv<uint8_t>(FRAME(in.b)) ? 0 : 1); pc++; break;
      case Opcode::CONV: {
        const NumKind to = static_cast<NumKind>(in.k), from = static_cast<NumKind>(in.k2);
        if (compile::isFloatKind(from)) {
          double v = readF(FRAME(in.b), from);
          if (compile::isFloatKind(to)) {
            writeF(FRAME(in.a), to, v);
          } else if (compile::isSignedKind(to) || to == NumKind::U8 || to == NumKind::U16 || to == NumKind::U32) {
            int64_t iv = (std::isnan(v) || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) ? std::numeric_limits<int64_t>::min()
                                                                                                      : static_cast<int64_t>(v);
            writeI(FRAME(in.a), to, static_cast<uint64_t>(iv));
          } else {
            uint64_t uv;
            if (std::isnan(v) || v < 0 || v >= 1.8446744073709552e19) uv = uint64_t{1} << 63;
            else if (v < 9.2233720368547758e18) uv = static_cast<uint64_t>(v);
            else uv = static_cast<uint64_t>(v - 9.2233720368547758e18) ^ (uint64_t{1} << 63);
            writeI(FRAME(in.a), to, uv);
          }
        } else {
          int64_t v = readI(FRAME(in.b), from);
          if (compile::isFloatKind(to)) {
            double d = compile::isSignedKind(from) ? static_cast<double>(v) : static_cast<double>(static_cast<uint64_t>(v));
            if (to == NumKind::F32)
              stv<float>(FRAME(in.a), compile::isSignedKind(from) ? static_cast<float>(v) : static_cast<float>(static_cast<uint64_t>(v)));
            else writeF(FRAME(in.a), to, d);
          } else {
            writeI(FRAME(in.a), to, static_cast<uint64_t>(v));
          }
        }
        pc++;
        break;
      }
      case Opcode::CMP:
        stv<uint8_t>(FRAME(in.a), compareK(FRAME(in.b), FRAME(in.c), static_cast<NumKind>(in.k), static_cast<Cond>(in.k2)) ? 1 : 0);
        pc++;
        break;
      case Opcode::JMP: pc = static_cast<uint32_t>(in.imm); break;
      case Opcode::JT: pc = ldv<uint8_t>(FRAME(in.a)) ? static_cast<uint32_t>(in.imm) : pc + 1; break;
      case Opcode::JF: pc = ldv<uint8_t>(FRAME(in.a)) ? pc + 1 : static_cast<uint32_t>(in.imm); break;
      case Opcode::JCMP: {
        const NumKind k = static_cast<NumKind>(in.k);
        bool t;
        if (k == NumKind::I64) t = cmpv(ldv<int64_t>(FRAME(in.a)), ldv<int64_t>(FRAME(in.b)), static_cast<Cond>(in.k2));
        else t = compareK(FRAME(in.a), FRAME(in.b), k, static_cast<Cond>(in.k2));
        pc = t ? static_cast<uint32_t>(in.imm) : pc + 1;
        break;
      }
      case Opcode::JCMPK: {
        const NumKind k = static_cast<NumKind>(in.k);
        bool t;
        if (compile::isSignedKind(k)) t = cmpv(readI(FRAME(in.a), k), static_cast<int64_t>(in.c), static_cast<Cond>(in.k2));
        else t = cmpv(static_cast<uint64_t>(readI(FRAME(in.a), k)), static_cast<uint64_t>(static_cast<int64_t>(in.c)), static_cast<Cond>(in.k2));
        pc = t ? static_cast<uint32_t>(in.imm) : pc + 1;
        break;
      }
      case Opcode::STRCMP: {
        uint64_t pa = ldv<uint64_t>(FRAME(in.b)), la = ldv<uint64_t>(FRAME(in.b + 8));
        uint64_t pb = ldv<uint64_t>(FRAME(in.c)), lb = ldv<uint64_t>(FRAME(in.c + 8));
        std::string sa(la, '\0'), sb(lb, '\0');
        as_.readBytes(pa, sa.data(), la);
        as_.readBytes(pb, sb.data(), lb);
        stv<uint8_t>(FRAME(in.a), cmpv(sa.compare(sb), 0, static_cast<Cond>(in.k2)) ? 1 : 0);
        pc++;
        break;
      }
      case Opcode::MEMEQ: {
        bool eq = std::memcmp(FRAME(in.b), FRAME(in.c), static_cast<size_t>(in.imm)) == 0;
        stv<uint8_t>(FRAME(in.a), (static_cast<Cond>(in.k2) == Cond::EQ) == eq ? 1 : 0);
        pc++;
        break;
      }
      case Opcode::STRCAT: {
        uint64_t total = 0;
        std::string s;
        for (int32_t i = 0; i < in.c; i++) {
          uint64_t p = ldv<uint64_t>(FRAME(in.b + 16 * i)), n = ldv<uint64_t>(FRAME(in.b + 16 * i + 8));
          std::string part(n, '\0');
          as_.readBytes(p, part.data(), n);
          s += part;
          total += n;
        }
        uint64_t dst = 0;
        if (total > 0) {
          SYNC();
          dst = alloc(total, -1);
          PAUSE_POINT();
          CHECK_STOP();
          fp = stkHost_ + (r_.sp - curg_->stack.lo);
          as_.writeBytes(dst, s.data(), total);
        }
        stv<uint64_t>(FRAME(in.a), dst);
        stv<uint64_t>(FRAME(in.a + 8), total);
        pc++;
        break;
      }
      case Opcode::CALL: {
        r_.pc = pc;
        if (!enter(static_cast<int32_t>(in.imm), prog_.pcOf(pc + 1), 0, static_cast<int32_t>(in.imm))) goto out;
        RELOAD();
        PAUSE_POINT();
        break;
      }
      case Opcode::CALLCLO: {
        uint64_t fv = ldv<uint64_t>(FRAME(in.a));
        if (fv < 4096) FAULT_NIL(fv);
        uint64_t entry = 0;
        if (as_.readU64(fv, entry)) FAULT_NIL(fv);
        int64_t idx = prog_.indexOf(entry);
        if (idx < 0) FAULT_NIL(entry);
        int32_t fi = static_cast<int32_t>(prog_.funcOfInstr[static_cast<size_t>(idx)]);
        r_.pc = pc;
        if (!enter(fi, prog_.pcOf(pc + 1), fv, fi)) goto out;
        RELOAD();
        PAUSE_POINT();
        break;
      }
      case Opcode::RET: {
        const Addr lo = curg_->stack.lo;
        Addr sp = r_.bp;
        r_.bp = ldv<uint64_t>(stkHost_ + (sp - lo));
        uint64_t ret = ldv<uint64_t>(stkHost_ + (sp + 8 - lo));
        r_.sp = sp + 16;
        int64_t idx = prog_.indexOf(ret);
        if (idx < 0) {
          res_.stderrText += "gofast: internal error: bad return address " + hex(ret) + "\n";
          res_.kind = ExitKind::Internal;
          res_.exitStatus = 2;
          stop_ = Stop::Internal;
          goto out;
        }
        pc = static_cast<uint32_t>(idx);
        fp = stkHost_ + (r_.sp - lo);
        break;
      }
      case Opcode::LIBCALL: {
        const LibFn lf = static_cast<LibFn>(in.k);
        bool fmtFirst = lf == LibFn::Printf || lf == LibFn::Sprintf || lf == LibFn::Errorf;
        int32_t off = in.b;
        std::string format;
        if (fmtFirst) {
          uint64_t p = ldv<uint64_t>(FRAME(off)), n = ldv<uint64_t>(FRAME(off + 8));
          format.assign(n, '\0');
          as_.readBytes(p, format.data(), n);
          off += 16;
        }
        std::vector<FmtArg> args;
        auto argFrom = [&](uint64_t typeWord, uint64_t dataWord, Addr dataWordAddr) {
          FmtArg a;
          int32_t ti = typeWord == 0 ? -1 : prog_.typeIndexOf(typeWord);
          a.type = ti < 0 ? nullptr : prog_.types[static_cast<size_t>(ti)].type;
          a.data = a.type != nullptr && compile::isDirectIface(a.type) ? dataWordAddr : dataWord;
          args.push_back(a);
        };
        if (in.c < 0) {
          uint64_t p = ldv<uint64_t>(FRAME(off)), n = ldv<uint64_t>(FRAME(off + 8));
          for (uint64_t i = 0; i < n; i++) {
            uint64_t tw = 0, dw = 0;
            as_.readU64(p + 16 * i, tw);
            as_.readU64(p + 16 * i + 8, dw);
            argFrom(tw, dw, p + 16 * i + 8);
          }
        } else {
          for (int32_t i = 0; i < in.c; i++)
            argFrom(ldv<uint64_t>(FRAME(off + 16 * i)), ldv<uint64_t>(FRAME(off + 16 * i + 8)),
                    r_.sp + static_cast<uint64_t>(off + 16 * i + 8));
        }
        std::string s;
        switch (lf) {
          case LibFn::Println: case LibFn::Sprintln: s = fmtSprintln(as_, args.data(), args.size()); break;
          case LibFn::Print: case LibFn::Sprint: s = fmtSprint(as_, args.data(), args.size()); break;
          default: s = fmtSprintf(as_, format, args.data(), args.size()); break;
        }
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        if (lf == LibFn::Println || lf == LibFn::Print || lf == LibFn::Printf) {
          if (!appendOut(res_.stdoutText, s)) goto out;  // the text is out when the write is issued
          stv<uint64_t>(FRAME(in.a), s.size());
          stv<uint64_t>(FRAME(in.a + 8), 0);
          stv<uint64_t>(FRAME(in.a + 16), 0);
          if (opts_.writeLatencyNs > 0) {
            // fmt.Fprintln -> os.(*File).Write -> poll.(*FD).Write -> syscall.Write -> syscall.Syscall,
            // which brackets the write(2) with runtime.entersyscall/exitsyscall
            // (syscall/syscall_linux.go:67-83): the G is _Gsyscall and its P _Psyscall for the
            // write's latency, and sysmon may hand the P to another M meanwhile (retake,
            // proc.go:5291, :5343-5350).
            pc++;
            SYNC();
            saveRegs(pc);
            sched_->entersyscall(curm_, opts_.writeLatencyNs);
            stop_ = Stop::Switch;
            goto parked;
          }
        } else {
          uint64_t dst = 0;
          if (!s.empty()) {
            SYNC();
            dst = alloc(s.size(), -1);
            PAUSE_POINT();
            CHECK_STOP();
            fp = stkHost_ + (r_.sp - curg_->stack.lo);
            as_.writeBytes(dst, s.data(), s.size());
          }
          stv<uint64_t>(FRAME(in.a), dst);
          stv<uint64_t>(FRAME(in.a + 8), s.size());
        }
        pc++;
        break;
      }
      case Opcode::BOUNDS: {
        const NumKind k = static_cast<NumKind>(in.k);
        int64_t i = ldv<int64_t>(FRAME(in.a));
        int64_t n = ldv<int64_t>(FRAME(in.b));
        bool bad = compile::isSignedKind(k) ? (i < 0 || i >= n) : static_cast<uint64_t>(i) >= static_cast<uint64_t>(n);
        if (bad) {
          std::string msg;
          if (compile::isSignedKind(k) && i < 0) msg = "index out of range [" + std::to_string(i) + "]";
          else
            msg = "index out of range [" + (compile::isSignedKind(k) ? std::to_string(i) : std::to_string(static_cast<uint64_t>(i))) +
                  "] with length " + std::to_string(n);
          SYNC();
          runtimeError(msg, pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        pc++;
        break;
      }
      case Opcode::INDEXADDR:
        stv<uint64_t>(FRAME(in.a), ldv<uint64_t>(FRAME(in.b)) + static_cast<uint64_t>(ldv<int64_t>(FRAME(in.c)) * in.imm));
        pc++;
        break;
      case Opcode::SLICE: {
        const uint8_t fl = in.k;
        uint8_t* blk = FRAME(in.b);
        uint64_t ptr = ldv<uint64_t>(blk);
        int64_t len = ldv<int64_t>(blk + 8), cap = ldv<int64_t>(blk + 16);
        bool isStr = fl & 8, arr = fl & 16, three = fl & 32;
        if (arr && ptr < 4096) FAULT_NIL(ptr);
        int64_t lo = (fl & 1) ? ldv<int64_t>(blk + 24) : 0;
        int64_t hi = (fl & 2) ? ldv<int64_t>(blk + 32) : len;
        int64_t mx = (fl & 4) ? ldv<int64_t>(blk + 40) : cap;
        std::string msg;
        const bool lenBound = isStr || arr;  // strings and arrays report "with length"
        if (three) {
          if (mx < 0 || mx > cap) msg = "slice bounds out of range [::" + std::to_string(mx) + "] with " + (lenBound ? "length " : "capacity ") + std::to_string(cap);
          else if (hi < 0 || hi > mx) msg = "slice bounds out of range [:" + std::to_string(hi) + ":" + std::to_string(mx) + "]";
          else if (lo < 0 || lo > hi) msg = "slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + ":]";
        } else {
          int64_t bound = isStr ? len : cap;
          if (hi < 0 || hi > bound) {
            msg = "slice bounds out of range [:" + std::to_string(hi) + "]";
            if (hi >= 0) msg += std::string(" with ") + (lenBound ? "length " : "capacity ") + std::to_string(bound);
          } else if (lo < 0 || lo > hi) {
            msg = "slice bounds out of range [" + std::to_string(lo) + ":" + std::to_string(hi) + "]";
          }
        }
        if (!msg.empty()) {
          SYNC();
          runtimeError(msg, pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        uint64_t np = ptr + static_cast<uint64_t>(lo * in.imm);
        if (hi - lo == 0 && !isStr && (mx - lo) == 0) np = ptr + static_cast<uint64_t>(lo * in.imm);
        stv<uint64_t>(FRAME(in.a), np);
        stv<int64_t>(FRAME(in.a + 8), hi - lo);
        if (!isStr) stv<int64_t>(FRAME(in.a + 16), mx - lo);
        else if (hi - lo == 0) stv<uint64_t>(FRAME(in.a), ptr + static_cast<uint64_t>(lo));
        pc++;
        break;
      }
      case Opcode::MAKESLICE: {
        int64_t len = ldv<int64_t>(FRAME(in.b)), cap = ldv<int64_t>(FRAME(in.c));
        const compile::TypeInfo& et = prog_.types[static_cast<size_t>(in.imm)];
        if (len < 0) {
          SYNC();
          runtimeError("makeslice: len out of range", pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        if (cap < len) {
          SYNC();
          runtimeError("makeslice: cap out of range", pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        SYNC();
        uint64_t p = alloc(static_cast<uint64_t>(cap * et.size), static_cast<int32_t>(in.imm));
        PAUSE_POINT();
        CHECK_STOP();
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        stv<uint64_t>(FRAME(in.a), p);
        stv<int64_t>(FRAME(in.a + 8), len);
        stv<int64_t>(FRAME(in.a + 16), cap);
        pc++;
        break;
      }
      case Opcode::GROWSLICE: case Opcode::APPENDSL: {
        const compile::TypeInfo& et = prog_.types[static_cast<size_t>(in.imm)];
        uint64_t ptr = ldv<uint64_t>(FRAME(in.b));
        int64_t len = ldv<int64_t>(FRAME(in.b + 8)), cap = ldv<int64_t>(FRAME(in.b + 16));
        int64_t add;
        uint64_t srcPtr = 0;
        if (in.op == Opcode::GROWSLICE) {
          add = ldv<int64_t>(FRAME(in.c));
        } else {
          srcPtr = ldv<uint64_t>(FRAME(in.c));
          add = ldv<int64_t>(FRAME(in.c + 8));
        }
        int64_t need = len + add;
        const uint64_t es = static_cast<uint64_t>(et.size);
        if (need > cap) {
          // growslice (slice.go:178, Go 1.19)
          int64_t newcap = cap;
          int64_t doublecap = newcap + newcap;
          if (need > doublecap) {
            newcap = need;
          } else {
            const int64_t threshold = 256;  // slice.go:205
            if (cap < threshold) {
              newcap = doublecap;
            } else {
              while (0 < newcap && newcap < need) newcap += (newcap + 3 * threshold) / 4;
              if (newcap <= 0) newcap = need;
            }
          }
          uint64_t capmem;
          if (es == 0) {
            capmem = 0;
          } else {
            capmem = roundupsize(static_cast<uint64_t>(newcap) * es);
            newcap = static_cast<int64_t>(capmem / es);
          }
          SYNC();
          uint64_t np = alloc(capmem, static_cast<int32_t>(in.imm));
          PAUSE_POINT();
          CHECK_STOP();
          fp = stkHost_ + (r_.sp - curg_->stack.lo);
          if (in.op == Opcode::APPENDSL) srcPtr = ldv<uint64_t>(FRAME(in.c));  // GC does not move; reread anyway
          ptr = ldv<uint64_t>(FRAME(in.b));
          if (len > 0) as_.memmove(np, ptr, static_cast<uint64_t>(len) * es);
          ptr = np;
          cap = newcap;
        }
        if (in.op == Opcode::APPENDSL && add > 0) as_.memmove(ptr + static_cast<uint64_t>(len) * es, srcPtr, static_cast<uint64_t>(add) * es);
        stv<uint64_t>(FRAME(in.a), ptr);
        stv<int64_t>(FRAME(in.a + 8), need);
        stv<int64_t>(FRAME(in.a + 16), cap);
        pc++;
        break;
      }
      case Opcode::ELEMEND: {
        uint64_t ptr = ldv<uint64_t>(FRAME(in.b));
        int64_t len = ldv<int64_t>(FRAME(in.b + 8));
        stv<uint64_t>(FRAME(in.a), ptr + static_cast<uint64_t>((len - in.c) * in.imm));
        pc++;
        break;
      }
      case Opcode::COPY: {
        uint64_t dp = ldv<uint64_t>(FRAME(in.b)), sp = ldv<uint64_t>(FRAME(in.c));
        int64_t dl = ldv<int64_t>(FRAME(in.b + 8)), sl = ldv<int64_t>(FRAME(in.c + 8));
        int64_t n = std::min(dl, sl);
        if (n > 0) as_.memmove(dp, sp, static_cast<uint64_t>(n * in.imm));
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        stv<int64_t>(FRAME(in.a), n);
        pc++;
        break;
      }
      case Opcode::NEW: {
        SYNC();
        uint64_t p = alloc(static_cast<uint64_t>(prog_.types[static_cast<size_t>(in.imm)].size), static_cast<int32_t>(in.imm));
        PAUSE_POINT();
        CHECK_STOP();
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        stv<uint64_t>(FRAME(in.a), p);
        pc++;
        break;
      }
      case Opcode::FUNCADDR: stv<uint64_t>(FRAME(in.a), prog_.funcClosureAddr[static_cast<size_t>(in.imm)]); pc++; break;
      case Opcode::CONVIFACE: {
        const compile::TypeInfo& ti = prog_.types[static_cast<size_t>(in.imm)];
        uint64_t data;
        if (in.k == 2) {
          data = ldv<uint64_t>(FRAME(in.b));
        } else if (in.k == 1) {
          SYNC();
          data = alloc(static_cast<uint64_t>(ti.size), static_cast<int32_t>(in.imm));
          PAUSE_POINT();
          CHECK_STOP();
          fp = stkHost_ + (r_.sp - curg_->stack.lo);
          std::vector<uint8_t> tmp(FRAME(in.b), FRAME(in.b) + ti.size);
          as_.writeBytes(data, tmp.data(), tmp.size());
        } else {
          std::memmove(FRAME(in.c), FRAME(in.b), static_cast<size_t>(ti.size));
          data = r_.sp + static_cast<uint64_t>(in.c);
        }
        stv<uint64_t>(FRAME(in.a), ti.descAddr);
        stv<uint64_t>(FRAME(in.a + 8), data);
        pc++;
        break;
      }
      case Opcode::STR2BYTES: {
        uint64_t p = ldv<uint64_t>(FRAME(in.b)), n = ldv<uint64_t>(FRAME(in.b + 8));
        uint64_t cap = in.k == 1 ? n : roundupsize(n);  // rawbyteslice rounds up (string.go:284)
        uint64_t dst = 0;
        if (n > 0) {
          SYNC();
          dst = alloc(cap, -1);
          PAUSE_POINT();
          CHECK_STOP();
          fp = stkHost_ + (r_.sp - curg_->stack.lo);
          as_.memmove(dst, p, n);
        } else {
          cap = 0;
          dst = heap_->config().zerobase;
        }
        stv<uint64_t>(FRAME(in.a), dst);
        stv<uint64_t>(FRAME(in.a + 8), n);
        stv<uint64_t>(FRAME(in.a + 16), cap);
        pc++;
        break;
      }
      case Opcode::BYTES2STR: {
        uint64_t p = ldv<uint64_t>(FRAME(in.b)), n = ldv<uint64_t>(FRAME(in.b + 8));
        uint64_t dst = 0;
        if (n > 0) {
          SYNC();
          dst = alloc(n, -1);
          PAUSE_POINT();
          CHECK_STOP();
          fp = stkHost_ + (r_.sp - curg_->stack.lo);
          as_.memmove(dst, p, n);
        }
        stv<uint64_t>(FRAME(in.a), dst);
        stv<uint64_t>(FRAME(in.a + 8), n);
        pc++;
        break;
      }
      case Opcode::RUNESTR: {
        int64_t v = readI(FRAME(in.b), static_cast<NumKind>(in.k));
        if (!compile::isSignedKind(static_cast<NumKind>(in.k)) && static_cast<uint64_t>(v) > 0x10FFFF) v = 0xFFFD;
        uint32_t r = (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : static_cast<uint32_t>(v);
        std::string s;
        lang::appendUtf8(s, r);  // the lexer's encoder: one UTF-8 implementation
        SYNC();
        uint64_t dst = alloc(s.size(), -1);
        PAUSE_POINT();
        CHECK_STOP();
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        as_.writeBytes(dst, s.data(), s.size());
        stv<uint64_t>(FRAME(in.a), dst);
        stv<uint64_t>(FRAME(in.a + 8), s.size());
        pc++;
        break;
      }
      case Opcode::DECODERUNE: {
        uint64_t p = ldv<uint64_t>(FRAME(in.b)), n = ldv<uint64_t>(FRAME(in.b + 8));
        int64_t i = ldv<int64_t>(FRAME(in.c));
        uint8_t buf[4] = {0, 0, 0, 0};
        uint64_t avail = std::min<uint64_t>(4, n - static_cast<uint64_t>(i));
        as_.readBytes(p + static_cast<uint64_t>(i), buf, avail);
        uint32_t r = 0xFFFD;
        int64_t size = 1;
        uint8_t c0 = buf[0];
        auto cont = [&](int k) { return static_cast<uint64_t>(k) < avail && (buf[k] & 0xC0) == 0x80; };
        if (c0 < 0x80) {
          r = c0;
        } else if (c0 >= 0xC2 && c0 < 0xE0 && cont(1)) {
          r = (c0 & 0x1Fu) << 6 | (buf[1] & 0x3Fu);
          size = 2;
        } else if (c0 >= 0xE0 && c0 < 0xF0 && cont(1) && cont(2)) {
          uint32_t v = (c0 & 0x0Fu) << 12 | (buf[1] & 0x3Fu) << 6 | (buf[2] & 0x3Fu);
          if (v >= 0x800 && !(v >= 0xD800 && v <= 0xDFFF)) {
            r = v;
            size = 3;
          }
        } else if (c0 >= 0xF0 && c0 < 0xF5 && cont(1) && cont(2) && cont(3)) {
          uint32_t v = (c0 & 0x07u) << 18 | (buf[1] & 0x3Fu) << 12 | (buf[2] & 0x3Fu) << 6 | (buf[3] & 0x3Fu);
          if (v >= 0x10000 && v <= 0x10FFFF) {
            r = v;
            size = 4;
          }
        }
        stv<int32_t>(FRAME(in.a), static_cast<int32_t>(r));
        stv<int64_t>(FRAME(in.a + 8), i + size);
        pc++;
        break;
      }
      case Opcode::PRINT: {
        const types::Type* t = prog_.types[static_cast<size_t>(in.imm)].type;
        const types::Type* u = types::under(t);
        std::string s;
        const uint8_t* v = FRAME(in.a);
        switch (u->kind) {
          case types::Kind::Bool: printbool(s, ldv<uint8_t>(v) != 0); break;
          case types::Kind::Int: case types::Kind::Int64: case types::Kind::Int8: case types::Kind::Int16: case types::Kind::Int32:
          case types::Kind::UntypedInt: case types::Kind::UntypedRune:
            printint(s, readI(v, compile::numKindOf(t)));
            break;
          case types::Kind::Uint: case types::Kind::Uint64: case types::Kind::Uintptr: case types::Kind::Uint8: case types::Kind::Uint16:
          case types::Kind::Uint32:
            printuint(s, static_cast<uint64_t>(readI(v, compile::numKindOf(t))));
            break;
          case types::Kind::Float32: case types::Kind::Float64: case types::Kind::UntypedFloat:
            printfloat(s, readF(v, compile::numKindOf(t)));
            break;
          case types::Kind::String: case types::Kind::UntypedString: {
            uint64_t p = ldv<uint64_t>(v), n = ldv<uint64_t>(v + 8);
            std::string str(n, '\0');
            as_.readBytes(p, str.data(), n);
            printstring(s, str);
            break;
          }
          case types::Kind::Slice: printslice(s, ldv<uint64_t>(v), ldv<int64_t>(v + 8), ldv<int64_t>(v + 16)); break;
          case types::Kind::Interface: printeface(s, ldv<uint64_t>(v), ldv<uint64_t>(v + 8)); break;
          case types::Kind::UntypedNil: s += "nil"; break;
          default: printpointer(s, ldv<uint64_t>(v)); break;
        }
        if (!appendOut(res_.stderrText, s)) goto out;
        sliceExtraNs_ += opts_.writeLatencyNs;  // one gwrite per printed value (print.go)
        pc++;
        break;
      }
      // print/println: each piece is its own write(2) through the runtime's raw write1 (print.go:86
      // gwrite -> write_err.go:12 writeErr), with no entersyscall: the G stays _Grunning and its M is
      // busy in the kernel for the write's latency, added to this slice's virtual time.
      case Opcode::PRINTSP:
        if (!appendOut(res_.stderrText, " ")) goto out;
        sliceExtraNs_ += opts_.writeLatencyNs;
        pc++;
        break;
      case Opcode::PRINTNL:
        if (!appendOut(res_.stderrText, "\n")) goto out;
        sliceExtraNs_ += opts_.writeLatencyNs;
        pc++;
        break;
      case Opcode::PANIC: {
        PanicRec p;
        p.typeWord = ldv<uint64_t>(FRAME(in.a));
        p.dataWord = ldv<uint64_t>(FRAME(in.a + 8));
        if (p.typeWord == 0) {
          // Go 1.19: panic(nil) panics with a nil value; printpanicval prints "nil".
          p.message = "nil";
        } else {
          p.message = printpanicval(p.typeWord, p.dataWord);
        }
        SYNC();
        startPanic(std::move(p), pc);
        CHECK_STOP();
        RELOAD();
        break;
      }
      case Opcode::PANICMSG: {
        SYNC();
        const std::string& msg = prog_.panicMessages[static_cast<size_t>(in.imm)];
        runtimeError(msg, pc);
        CHECK_STOP();
        RELOAD();
        break;
      }
      case Opcode::DEFER: case Opcode::DEFERCLO: {
        // deferprocStack (panic.go:298): the record is in this frame at SP+a; with k&4 it is a heap
        // record (deferproc, a defer inside a loop) whose address is in frame[a].
        const bool heapRec = (in.k & 4) != 0;
        const Addr recAddr = heapRec ? ldv<uint64_t>(FRAME(in.a)) : r_.sp + static_cast<uint64_t>(in.a);
        uint64_t fn;
        if (in.op == Opcode::DEFERCLO) {
          fn = ldv<uint64_t>(FRAME(in.b));
        } else if ((in.k & 3) == 2) {
          as_.writeU64(recAddr + 24, prog_.pcOf(prog_.funcs[static_cast<size_t>(in.imm)].entry));
          fn = recAddr + 24;
        } else {
          fn = prog_.funcClosureAddr[static_cast<size_t>(in.imm)];
        }
        GState& st = gs(curg_);
        as_.writeU64(recAddr, fn);
        as_.writeU64(recAddr + 8, st.deferHead);
        as_.writeU64(recAddr + 16, r_.sp);
        st.deferHead = recAddr;
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        pc++;
        break;
      }
      case Opcode::DEFERRETURN: case Opcode::PANICCONT: {
        GState& st = gs(curg_);
        Addr d = st.deferHead;
        uint64_t dsp = 0;
        if (d != 0) as_.readU64(d + 16, dsp);
        if (d != 0 && (in.op == Opcode::PANICCONT || dsp == r_.sp)) {
          uint64_t fn = 0, link = 0, entry = 0;
          as_.readU64(d, fn);
          as_.readU64(d + 8, link);
          st.deferHead = link;
          if (fn < 4096 || as_.readU64(fn, entry)) {
            // defer of a nil func value panics when the deferred call runs
            SYNC();
            nilPanic(fn, pc);
            CHECK_STOP();
            RELOAD();
            break;
          }
          int64_t idx = prog_.indexOf(entry);
          int32_t fi = idx < 0 ? 0 : static_cast<int32_t>(prog_.funcOfInstr[static_cast<size_t>(idx)]);
          r_.pc = pc;
          if (!enter(fi, prog_.pcOf(pc), fn, fi)) goto out;
          RELOAD();
          break;
        }
        if (in.op == Opcode::PANICCONT) {
          SYNC();
          printPanicsAndDie();
          goto out;
        }
        pc++;
        break;
      }
      case Opcode::GOEXIT: {
        SYNC();
        if (curg_->goid != 1) {
          // goexit1 (proc.go:3470): the goroutine's function returned.
          saveRegs(pc);
          gs(curg_) = GState{};
          sched_->goexit(curm_);
          stop_ = Stop::Switch;
          goto parked;
        }
        {
          // runtime.main returned: exit(0) (proc.go:267)
          res_.kind = ExitKind::Exited;
          res_.exitStatus = 0;
          stop_ = Stop::Exit;
          goto out;
        }
        break;
      }
      case Opcode::GO: {
        uint64_t fv = ldv<uint64_t>(FRAME(in.a));
        uint64_t entry = 0;
        if (fv < 4096 || as_.readU64(fv, entry)) FAULT_NIL(fv);
        SYNC();
        g* ng = sched_->newproc(curm_, entry, fv, prog_.pcOf(pc));
        if (ng == nullptr) {
          fatal("fatal error: " + sched_->fatal() + "\n");
          goto out;
        }
        gs(ng) = GState{};
        pc++;
        break;
      }
      case Opcode::MAKECHAN: {
        int64_t size = ldv<int64_t>(FRAME(in.b));
        const compile::TypeInfo& et = prog_.types[static_cast<size_t>(in.imm)];
        const GcType* gt = et.ptrdata > 0 ? &gctypes_[static_cast<size_t>(in.imm)] : nullptr;
        SYNC();
        ChanStatus cs = ChanStatus::Ok;
        mcache* mc = curm_ != nullptr && curm_->pp != nullptr ? curm_->pp->mcache : nullptr;
        hchan* c = chans_->makechan(static_cast<uint64_t>(et.size), size, gt, &cs, mc);
        if (cs == ChanStatus::OutOfMemory || c == nullptr) {
          if (cs == ChanStatus::PanicSizeOutOfRange) {
            plainPanic(chanStatusMessage(cs), pc);
            CHECK_STOP();
            RELOAD();
            continue;
          }
          limit("more than " + std::to_string(opts_.maxHeapBytes) + " bytes of heap used (limit set by -max-heap)");
          goto out;
        }
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        stv<uint64_t>(FRAME(in.a), c->addr);
        pc++;
        break;
      }
      case Opcode::CHANSEND: case Opcode::CHANRECV: {
        bool send = in.op == Opcode::CHANSEND;
        hchan* c = chans_->lookup(ldv<uint64_t>(FRAME(send ? in.a : in.b)));
        Addr elem = r_.sp + static_cast<uint64_t>(send ? in.b : in.a);
        SYNC();
        saveRegs(pc);
        ChanResult cr = send ? chans_->chansend(curm_, c, elem, true) : chans_->chanrecv(curm_, c, elem, true);
        if (cr.status == ChanStatus::Blocked) {
          gs(curg_).parked = true;
          stop_ = Stop::Switch;
          goto parked;
        }
        if (cr.status != ChanStatus::Ok) {
          plainPanic(chanStatusMessage(cr.status), pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        if (!send && in.k == 1) stv<uint8_t>(FRAME(in.c), cr.received ? 1 : 0);
        pc++;
        break;
      }
      case Opcode::CHANCLOSE: {
        hchan* c = chans_->lookup(ldv<uint64_t>(FRAME(in.a)));
        SYNC();
        saveRegs(pc);
        ChanResult cr = chans_->closechan(curm_, c);
        if (cr.status != ChanStatus::Ok) {
          plainPanic(chanStatusMessage(cr.status), pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        pc++;
        break;
      }
      case Opcode::CHANLEN: case Opcode::CHANCAP: {
        hchan* c = chans_->lookup(ldv<uint64_t>(FRAME(in.b)));
        stv<int64_t>(FRAME(in.a), static_cast<int64_t>(in.op == Opcode::CHANLEN ? ChanTable::chanlen(c) : ChanTable::chancap(c)));
        pc++;
        break;
      }
      case Opcode::SELECT: {
        std::vector<scase> cases(static_cast<size_t>(std::max(in.c, 0)));
        for (int32_t i = 0; i < in.c; i++) {
          cases[static_cast<size_t>(i)].c = chans_->lookup(ldv<uint64_t>(FRAME(in.b + 24 * i)));
          cases[static_cast<size_t>(i)].elem = ldv<uint64_t>(FRAME(in.b + 24 * i + 8));
          cases[static_cast<size_t>(i)].isSend = ldv<uint64_t>(FRAME(in.b + 24 * i + 16)) != 0;
        }
        SYNC();
        saveRegs(pc);
        ChanResult cr = chans_->selectgo(curm_, cases.data(), in.c, in.k == 0);
        if (cr.status == ChanStatus::Blocked) {
          gs(curg_).parked = true;
          stop_ = Stop::Switch;
          goto parked;
        }
        if (cr.status != ChanStatus::Ok && cr.status != ChanStatus::WouldBlock) {
          plainPanic(chanStatusMessage(cr.status), pc);
          CHECK_STOP();
          RELOAD();
          continue;
        }
        fp = stkHost_ + (r_.sp - curg_->stack.lo);
        stv<int64_t>(FRAME(in.a), cr.status == ChanStatus::WouldBlock ? -1 : cr.selected);
        stv<int64_t>(FRAME(in.a + 8), cr.received ? 1 : 0);
        pc++;
        break;
      }
      case Opcode::SYNCOP: {
        // sync.Mutex / sync.WaitGroup (runtime/sync.h): resumable operations. Blocked and Spin keep
        // the pc on this instruction, so the operation continues when the G runs again.
        const Addr obj = ldv<uint64_t>(FRAME(in.a));
        SyncResult sr;
        SYNC();
        saveRegs(pc);
        switch (static_cast<compile::SyncMethod>(in.k)) {
          case compile::SyncMethod::MutexLock: sr = syncs_->mutexLock(curm_, obj); break;
          case compile::SyncMethod::MutexUnlock: sr = syncs_->mutexUnlock(curm_, obj); break;
          case compile::SyncMethod::WgAdd: sr = syncs_->wgAdd(curm_, obj, ldv<int64_t>(FRAME(in.b))); break;
          case compile::SyncMethod::WgDone: sr = syncs_->wgDone(curm_, obj); break;
          default: sr = syncs_->wgWait(curm_, obj); break;
        }
        if (sr.status == SyncStatus::Done) {
          pc++;
          break;
        }
        if (sr.status == SyncStatus::Spin) {
          sliceExtraNs_ += sr.costNs;  // time the G spent spinning (sync.h: count it as executed)
          goto out;  // end the slice; the same operation runs again at the G's next turn
        }
        if (sr.status == SyncStatus::Blocked || sr.status == SyncStatus::Yielded) {
          if (sr.status == SyncStatus::Yielded) saveRegs(pc + 1);
          stop_ = Stop::Switch;
          goto parked;
        }
        if (sr.status == SyncStatus::Fault) FAULT_NIL(obj);
        if (syncStatusIsFatal(sr.status)) {
          fatal(std::string("fatal error: ") + syncStatusMessage(sr.status) + "\n\n" + goroutineHeader(curg_, "running") +
                traceback(curg_, pc, r_.sp, false) + createdBy(curg_));
          goto out;
        }
        plainPanic(syncStatusMessage(sr.status), pc);
        CHECK_STOP();
        RELOAD();
        break;
      }
      case Opcode::LESSSTACK: {
        SYNC();
        lessstack();
        RELOAD();
        break;
      }
      case Opcode::SLEEP: case Opcode::GOSCHED: {
        int64_t ns = in.op == Opcode::SLEEP ? ldv<int64_t>(FRAME(in.a)) : 0;
        pc++;
        SYNC();
        saveRegs(pc);
        if (in.op == Opcode::SLEEP) sched_->timeSleep(curm_, ns);
        else sched_->Gosched(curm_);
        stop_ = Stop::Switch;
        goto parked;
      }
      case Opcode::UNSUPPORTED: case Opcode::Count_: default: {
        res_.stderrText += "gofast: this program uses a feature the VM cannot run yet\n";
        res_.kind = ExitKind::Unsupported;
        res_.exitStatus = 2;
        stop_ = Stop::Internal;
        goto out;
      }
    }
  }
out:
  SYNC();
parked:
  res_.steps += executed;
  lastExecuted_ = executed + static_cast<uint64_t>(sliceExtraNs_ / kCostInstrNs);
  sliceExtraNs_ = 0;
  // The registers go back to g.sched at every stop but a switch (which saved them already): also when
  // the run ends, so the final state does not depend on where earlier slices were cut.
  if (curg_ != nullptr && stop_ != Stop::Switch) {
    curg_->sched.pc = prog_.pcOf(r_.pc);
    curg_->sched.sp = r_.sp;
    curg_->sched.bp = r_.bp;
    curg_->sched.ctxt = r_.ctxt;
  }
  if (stop_ == Stop::None || stop_ == Stop::Switch) curg_ = nullptr;  // registers live in g.sched now
#undef SYNC
#undef RELOAD
#undef FRAME
#undef CHECK_STOP
#undef PAUSE_POINT
#undef FAULT_NIL
  return stop_;
}

// ---- frames for the UI ------------------------------------------------------------------------------------

std::vector<Machine::FrameInfo> Machine::frames(uint32_t handle, size_t maxFrames) {
  std::vector<FrameInfo> out;
  g* gp = sched_->gByHandle(handle);
  if (gp == nullptr || gp->atomicstatus == _Gdead || !gs(gp).started || gp == curg_) return out;
  const int64_t idx = prog_.indexOf(gp->sched.pc);
  if (idx < 0) return out;
  walkFrames(gp, static_cast<uint32_t>(idx), gp->sched.sp, [&](uint32_t fi, uint32_t pc, Addr sp, const FuncCode&, uint64_t) {
    out.push_back(FrameInfo{static_cast<int32_t>(fi), pc, sp});
    return out.size() < maxFrames;
  });
  return out;
}

}  // namespace gofast::rt
