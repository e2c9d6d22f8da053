#include "runtime/gc.h"

#include <algorithm>
#include <bit>

#include "runtime/rt_assert.h"

namespace gofast::rt {

const char* gcPhaseName(gcPhase p) {
  switch (p) {
    case gcPhase::_GCoff: return "_GCoff";
    case gcPhase::_GCmark: return "_GCmark";
    case gcPhase::_GCmarktermination: return "_GCmarktermination";
  }
  return "?";
}

// ---- roots ----------------------------------------------------------------------------------------

void RootVisitor::pointer(uint64_t v) { gc_.considerPointer(v); }

void RootVisitor::block(Addr lo, uint64_t n, const uint8_t* ptrmask) {
  AddressSpace& as = gc_.heap_.addrSpace();
  const uint64_t nwords = n / kPtrSize;
  for (uint64_t i = 0; i < nwords; i++) {
    if (ptrmask && !((ptrmask[i >> 3] >> (i & 7)) & 1)) continue;
    uint64_t v = 0;
    if (as.readU64(lo + i * kPtrSize, v)) {
      faults_++;
      continue;
    }
    gc_.considerPointer(v);
  }
  gc_.state_.markWork += n;
}

// ---- collector ------------------------------------------------------------------------------------

GarbageCollector::GarbageCollector(mheap& heap, RootSource* roots) : heap_(heap), roots_(roots) {
  heap_.setGcHook(this);
  setGCPercent(kDefaultGOGC);
}

GarbageCollector::~GarbageCollector() { heap_.setGcHook(nullptr); }

void GarbageCollector::setGCPercent(int percent) {
  state_.gcPercent = percent;
  // heapMinimum = defaultHeapMinimum * GOGC / 100 (mgcpacer.go:1319).
  state_.heapMinimum = percent < 0 ? 0 : defaultHeapMinimum * static_cast<uint64_t>(percent) / 100;
  commitPacer();
}

// mgcpacer.go:1269-1278 (commit).
void GarbageCollector::commitPacer() {
  uint64_t goal = ~uint64_t{0};
  if (state_.gcPercent >= 0) {
    const uint64_t m = state_.heapMarked;
    goal = m + (m + state_.lastStackScan + state_.globalsScan) * static_cast<uint64_t>(state_.gcPercent) / 100;
  }
  if (goal < state_.heapMinimum) goal = state_.heapMinimum;
  state_.heapGoal = goal;
}

uint64_t GarbageCollector::trigger() const { return state_.heapGoal; }

void GarbageCollector::considerPointer(uint64_t v) {
  ObjectRef obj;
  if (heap_.findObject(v, &obj)) greyobject(obj);
}

void GarbageCollector::greyobject(const ObjectRef& obj) {
  mspan& s = heap_.span(obj.span);
  uint64_t& w = s.gcmarkBits[obj.objIndex >> 6];
  const uint64_t bit = uint64_t{1} << (obj.objIndex & 63);
  if (w & bit) return;
  w |= bit;
  state_.markedObjects++;
  // noscan objects are black at once: there is nothing in them to follow (mgcmark.go:1494-1496).
  if (s.noscan()) return;
  work_.push_back(obj.base);
}

void GarbageCollector::scanobject(Addr base) {
  const SpanId id = heap_.spanOf(base);
  const mspan& s = heap_.span(id);
  AddressSpace& as = heap_.addrSpace();
  const uint64_t w0 = (base - s.startAddr) / kPtrSize;
  const uint64_t w1 = w0 + s.elemsize / kPtrSize;
  // Walk the pointer bits of the object's words, 64 at a time.
  for (uint64_t w = w0; w < w1;) {
    uint64_t bits = s.ptrBits[w >> 6] >> (w & 63);
    const uint64_t span = std::min<uint64_t>(64 - (w & 63), w1 - w);
    if (span < 64) bits &= (uint64_t{1} << span) - 1;
    while (bits) {
      const uint64_t k = static_cast<uint64_t>(std::countr_zero(bits));
      bits &= bits - 1;
      uint64_t v = 0;
      const Fault f = as.readU64(s.startAddr + (w + k) * kPtrSize, v);
      GOFAST_RT_ASSERT(f.ok(), "heap object not readable");
      considerPointer(v);
    }
    w += span;
  }
  state_.markWork += s.elemsize;
}

void GarbageCollector::start() {
  if (isRunning()) return;
  // gcStart (mgc.go:579): every cache gives its spans back so the sweep sees them all.
  heap_.releaseAllCaches();
  state_.phase = gcPhase::_GCmark;
  state_.markedObjects = 0;
  state_.markWork = 0;
  state_.freedObjects = 0;
  state_.freedBytes = 0;
  state_.sweptSpans = 0;
  state_.spansToSweep = 0;
  state_.rootFaults = 0;
  heap_.mutableStats().lastFreedObjects = 0;
  heap_.mutableStats().lastFreedBytes = 0;
  work_.clear();
  RootVisitor v(*this);
  if (roots_) roots_->enumerateRoots(v);
  state_.lastStackScan = v.stackBytes_;
  state_.globalsScan = v.globalsBytes_;
  state_.rootFaults = v.faults_;
  state_.greyObjects = work_.size();
}

bool GarbageCollector::markStep(uint64_t budget) {
  if (state_.phase != gcPhase::_GCmark) return true;
  for (uint64_t i = 0; i < budget && !work_.empty(); i++) {
    const Addr b = work_.back();
    work_.pop_back();
    scanobject(b);
  }
  state_.greyObjects = work_.size();
  if (!work_.empty()) return false;
  finishMark();
  return true;
}

void GarbageCollector::finishMark() {
  // gcMarkTermination (mgc.go:923), then gcSweep (mgc.go:1489).
  state_.phase = gcPhase::_GCmarktermination;
  HeapStats& hs = heap_.mutableStats();
  hs.lastMarkedObjects = state_.markedObjects;
  hs.lastMarkWork = state_.markWork;
  hs.totalMarkWork += state_.markWork;
  state_.phase = gcPhase::_GCoff;
  state_.sweeping = true;
  sweepList_ = heap_.inUseSpans();
  sweepPos_ = 0;
  state_.spansToSweep = sweepList_.size();
}

bool GarbageCollector::sweepStep(uint64_t nspans) {
  if (!state_.sweeping) return !isRunning();
  for (uint64_t i = 0; i < nspans && sweepPos_ < sweepList_.size(); i++) {
    heap_.sweepSpan(sweepList_[sweepPos_++]);
    state_.sweptSpans++;
  }
  if (sweepPos_ < sweepList_.size()) return false;
  finishCycle();
  return true;
}

void GarbageCollector::finishCycle() {
  heap_.finishSweep();
  const HeapStats& hs = heap_.stats();
  state_.freedObjects = hs.lastFreedObjects;
  state_.freedBytes = hs.lastFreedBytes;
  state_.sweeping = false;
  sweepList_.clear();
  state_.heapMarked = hs.heapLive;
  state_.cycle++;
  heap_.mutableStats().numGC++;
  commitPacer();
}

void GarbageCollector::collect() {
  if (!isRunning()) start();
  while (!markStep(~uint64_t{0})) {
  }
  while (!sweepStep(~uint64_t{0})) {
  }
}

}  // namespace gofast::rt
