// Machine::clone: a deep copy of a running machine, the base of the session's checkpoints (time
// travel, issue #7).
//
// Almost all of the machine's state is already plain values or indices (simulated memory, spans by
// SpanId, goroutines by handle). The exceptions are the scheduler's records, which link to each
// other with host pointers the way Go's runtime links g, m, p and sudog: those are copied object by
// object and every pointer is translated through a map from the old object to its copy. A pointer
// that is not in the map is a bug (it would alias the other machine), so translation asserts.
//
// The static_asserts on the record sizes are a tripwire: adding a field to g, m, p, sudog, hchan or
// to one of the classes copied here fails the build until this file copies the new field too.
#include <cstdint>
#include <cstring>
#include <map>
#include <unordered_map>

#include "runtime/rt_assert.h"
#include "runtime/vm.h"

// The tripwires are checked on the 64-bit libstdc++ build (the sizes differ under wasm32/libc++).
#if defined(__GLIBCXX__) && UINTPTR_MAX == UINT64_MAX
#define GOFAST_CLONE_TRIPWIRE(cond, msg) static_assert(cond, msg)
#else
#define GOFAST_CLONE_TRIPWIRE(cond, msg) static_assert(true, msg)
#endif

namespace gofast::rt {

class MachineCloner {
 public:
  explicit MachineCloner(const Machine& src) : src_(src) {}

  std::unique_ptr<Machine> run(bool withLogs) {
    GOFAST_CLONE_TRIPWIRE(sizeof(Machine) == 2832, "Machine changed: copy the new fields in copyMachine");
    GOFAST_CLONE_TRIPWIRE(sizeof(Scheduler) == 648, "Scheduler changed: copy the new fields in copyScheduler");
    GOFAST_CLONE_TRIPWIRE(sizeof(mheap) == 7560, "mheap changed: copy the new fields in copyHeap");
    GOFAST_CLONE_TRIPWIRE(sizeof(GarbageCollector) == 208, "GarbageCollector changed: copy the new fields");
    GOFAST_CLONE_TRIPWIRE(sizeof(StackAllocator) == 144, "StackAllocator changed: copy the new fields");
    GOFAST_CLONE_TRIPWIRE(sizeof(ChanTable) == 320, "ChanTable changed: copy the new fields in copyChans");
    GOFAST_CLONE_TRIPWIRE(sizeof(SyncTable) == 4088, "SyncTable changed: copy the new fields in copySyncs");
    GOFAST_CLONE_TRIPWIRE(sizeof(Trace) == 56, "Trace changed: copy the new fields in copyTrace");
    GOFAST_CLONE_TRIPWIRE(sizeof(Machine::GState) == 64, "GState changed: check it is still a plain value");
    auto dst = std::make_unique<Machine>(src_.prog_, src_.opts_);
    copyAddressSpace(src_.as_, dst->as_);
    copyHeap(*src_.heap_, *dst->heap_);
    copyCollector(*src_.gc_, *dst->gc_);
    copyStacks(*src_.stacks_, *dst->stacks_);
    copyScheduler(*src_.sched_, *dst->sched_);
    // The heap's registered caches: mcache0 and the Ps' caches (copied with the scheduler).
    dst->heap_->caches_.clear();
    for (mcache* c : src_.heap_->caches_) dst->heap_->caches_.push_back(fix(c));
    copyChans(*src_.chans_, *dst->chans_);
    copySyncs(*src_.syncs_, *dst->syncs_);
    copyMachine(src_, *dst, withLogs);
    return dst;
  }

 private:
  template <class T>
  T* fix(T* p) const {
    if (p == nullptr) return nullptr;
    auto it = map_.find(p);
    GOFAST_RT_ASSERT(it != map_.end(), "clone: a pointer to an object that was not copied");
    return static_cast<T*>(it->second);
  }
  template <class T>
  void fixIn(T*& p) const {
    p = fix(p);
  }
  void add(const void* from, void* to) { map_[from] = to; }

  static void copyAddressSpace(const AddressSpace& s, AddressSpace& d) {
    GOFAST_CLONE_TRIPWIRE(sizeof(AddressSpace) == 2168, "AddressSpace changed: copy the new fields in copyAddressSpace");
    d.maps_ = s.maps_;
    d.pages_.clear();
    d.chunks_.clear();
    d.pages_.reserve(s.pages_.size());
    for (const auto& [pn, slot] : s.pages_) {
      auto pg = std::make_unique<AddressSpace::Page>();
      std::memcpy(pg->bytes, slot.bytes, kHostPageSize);
      uint8_t* bytes = pg->bytes;
      d.pages_.emplace(pn, AddressSpace::PageSlot{std::move(pg), bytes});
    }
    d.residentPages_ = s.residentPages_;
    d.flushTlb();
  }

  void copyHeap(const mheap& s, mheap& d) {
    d.cfg_ = s.cfg_;
    d.arenaLo_ = s.arenaLo_;
    d.arenaHi_ = s.arenaHi_;
    d.freeRuns_ = s.freeRuns_;
    d.spanOfPage_ = s.spanOfPage_;
    d.spans_ = s.spans_;
    d.freeSpanIds_ = s.freeSpanIds_;
    for (int i = 0; i < numSpanClasses; i++) d.central_[i] = s.central_[i];
    d.cache0_ = s.cache0_;
    add(&s.cache0_, &d.cache0_);
    d.stats_ = s.stats_;
    d.inGc_ = s.inGc_;
    // caches_ is rebuilt after the scheduler's caches exist; gc_ is the new collector already.
  }

  static void copyCollector(const GarbageCollector& s, GarbageCollector& d) {
    d.state_ = s.state_;
    d.work_ = s.work_;
    d.sweepList_ = s.sweepList_;
    d.sweepPos_ = s.sweepPos_;
  }

  static void copyStacks(const StackAllocator& s, StackAllocator& d) {
    d.cfg_ = s.cfg_;
    d.stats_ = s.stats_;
    for (int i = 0; i < _NumStackOrders; i++) d.stackpool_[i] = s.stackpool_[i];
  }

  void copyScheduler(const Scheduler& s, Scheduler& d) {
    // Allocate every record first (so pointers between them can be translated), then copy values.
    d.allgs.clear();
    for (const auto& gp : s.allgs) {
      d.allgs.push_back(std::make_unique<g>(*gp));
      add(gp.get(), d.allgs.back().get());
    }
    d.allm.clear();
    for (const auto& mp : s.allm) {
      d.allm.push_back(std::make_unique<m>(*mp));
      add(mp.get(), d.allm.back().get());
    }
    d.allp.clear();
    for (const auto& pp : s.allp) {
      d.allp.push_back(std::make_unique<p>(*pp));
      add(pp.get(), d.allp.back().get());
    }
    d.deadPs_.clear();
    for (const auto& pp : s.deadPs_) {
      d.deadPs_.push_back(std::make_unique<p>(*pp));
      add(pp.get(), d.deadPs_.back().get());
    }
    d.pcaches_.clear();
    for (const auto& c : s.pcaches_) {
      d.pcaches_.push_back(std::make_unique<mcache>(*c));
      add(c.get(), d.pcaches_.back().get());
    }
    d.timerStore_.clear();
    for (const auto& t : s.timerStore_) {
      d.timerStore_.push_back(std::make_unique<timer>(*t));
      add(t.get(), d.timerStore_.back().get());
    }
    d.sudogStore_.clear();
    for (const auto& sg : s.sudogStore_) {
      d.sudogStore_.push_back(std::make_unique<sudog>(*sg));
      add(sg.get(), d.sudogStore_.back().get());
    }
    // hchan records are owned by the ChanTable: map them now, copy them in copyChans.
    for (const auto& [addr, c] : src_.chans_->chans_) {
      auto nc = std::make_unique<hchan>(*c);
      add(c.get(), nc.get());
      newChans_.emplace(addr, std::move(nc));
    }

    GOFAST_CLONE_TRIPWIRE(sizeof(g) == 200, "g changed: translate its new pointer fields here");
    for (auto& gp : d.allgs) {
      fixIn(gp->m);
      fixIn(gp->schedlink);
      fixIn(gp->waiting);
      fixIn(gp->param);
      fixIn(gp->sleepTimer);
    }
    GOFAST_CLONE_TRIPWIRE(sizeof(m) == 120, "m changed: translate its new pointer fields here");
    for (auto& mp : d.allm) {
      fixIn(mp->curg);
      fixIn(mp->pp);
      fixIn(mp->nextp);
      fixIn(mp->oldp);
      fixIn(mp->schedlink);
    }
    GOFAST_CLONE_TRIPWIRE(sizeof(p) == 2200, "p changed: translate its new pointer fields here");
    auto fixP = [&](p* pp) {
      fixIn(pp->link);
      fixIn(pp->m);
      fixIn(pp->mcache);
      for (g*& gp : pp->runq) fixIn(gp);
      fixIn(pp->runnext);
      fixIn(pp->gFree.head);
      for (timer*& t : pp->timers) fixIn(t);
    };
    for (auto& pp : d.allp) fixP(pp.get());
    for (auto& pp : d.deadPs_) fixP(pp.get());
    GOFAST_CLONE_TRIPWIRE(sizeof(timer) == 32, "timer changed: translate its new pointer fields here");
    for (auto& t : d.timerStore_) {
      fixIn(t->pp);
      fixIn(t->arg);
    }
    GOFAST_CLONE_TRIPWIRE(sizeof(sudog) == 96, "sudog changed: translate its new pointer fields here");
    for (auto& sg : d.sudogStore_) {
      fixIn(sg->gp);
      fixIn(sg->next);
      fixIn(sg->prev);
      fixIn(sg->waitlink);
      fixIn(sg->c);
      fixIn(sg->parent);
      fixIn(sg->waittail);
    }
    d.sudogFree_.clear();
    for (sudog* sg : s.sudogFree_) d.sudogFree_.push_back(fix(sg));
    d.pendingWake_.clear();
    for (m* mp : s.pendingWake_) d.pendingWake_.push_back(fix(mp));
    d.running_.clear();
    for (m* mp : s.running_) d.running_.push_back(fix(mp));
    d.insyscall_ = s.insyscall_;

    GOFAST_CLONE_TRIPWIRE(sizeof(schedt) == 128, "schedt changed: translate its new pointer fields here");
    d.sched = s.sched;
    fixIn(d.sched.midle);
    fixIn(d.sched.pidle);
    fixIn(d.sched.runq.head);
    fixIn(d.sched.runq.tail);
    fixIn(d.sched.gFree.stack.head);
    fixIn(d.sched.gFree.noStack.head);

    d.gomaxprocs = s.gomaxprocs;
    d.startingStackSize = s.startingStackSize;
    d.mainStarted = s.mainStarted;
    d.nexecute = s.nexecute;
    copyTrace(s.trace, d.trace);
    d.cfg = s.cfg;
    d.now_ = s.now_;
    d.fatal_ = s.fatal_;
    d.sysmonM_ = fix(s.sysmonM_);
    d.sysmonWhen_ = s.sysmonWhen_;
    d.sysmonIdle_ = s.sysmonIdle_;
    d.sysmonDelay_ = s.sysmonDelay_;
    d.stealCoprimes_ = s.stealCoprimes_;
  }

  static void copyTrace(const Trace& s, Trace& d) {
    d.buf_ = s.buf_;  // shared, append-only (trace.h)
    d.len_ = s.len_;
    d.hash_ = s.hash_;
    d.recorded_ = s.recorded_;
    d.maxEvents_ = s.maxEvents_;
    d.enabled_ = s.enabled_;
  }

  void copyChans(const ChanTable& s, ChanTable& d) {
    GOFAST_CLONE_TRIPWIRE(sizeof(hchan) == 88, "hchan changed: translate its new pointer fields here");
    d.chans_.clear();
    for (auto& [addr, c] : newChans_) {
      fixIn(c->recvq.first);
      fixIn(c->recvq.last);
      fixIn(c->sendq.first);
      fixIn(c->sendq.last);
      d.chans_.emplace(addr, std::move(c));
    }
    newChans_.clear();
    d.allocating = s.allocating;
    for (auto& slot : d.lookupCache_) slot = ChanTable::LookupSlot{};  // a cache: starts empty
  }

  void copySyncs(const SyncTable& s, SyncTable& d) {
    d.cfg_ = s.cfg_;
    d.conts_ = s.conts_;
    const SemaTable& ss = s.sema_;
    SemaTable& ds = d.sema_;
    for (uint32_t i = 0; i < semTabSize; i++) {
      ds.table_[i] = ss.table_[i];
      fixIn(ds.table_[i].treap);
    }
    ds.pending_ = ss.pending_;
    for (auto& pd : ds.pending_) fixIn(pd.s);
  }

  void copyMachine(const Machine& s, Machine& d, bool withLogs) {
    d.pmap_ = s.pmap_;
    d.gctypes_ = s.gctypes_;
    d.gstate_ = s.gstate_;
    d.curm_ = fix(s.curm_);
    d.curg_ = fix(s.curg_);
    d.r_ = s.r_;
    d.stkHost_ = nullptr;  // execute() fetches it again
    d.allocFailed_ = s.allocFailed_;
    d.stop_ = s.stop_;
    d.res_ = s.res_;
    d.outLenAtClone_ = s.logsCleared_ ? s.outLenAtClone_ : s.res_.stdoutText.size();
    d.errLenAtClone_ = s.logsCleared_ ? s.errLenAtClone_ : s.res_.stderrText.size();
    d.logsCleared_ = s.logsCleared_ || !withLogs;
    if (!withLogs) {
      d.res_.stdoutText.clear();
      d.res_.stderrText.clear();
    }
    d.lastExecuted_ = s.lastExecuted_;
    d.sliceExtraNs_ = s.sliceExtraNs_;
    d.lastGC_ = s.lastGC_;
    d.started_ = s.started_;
    d.finished_ = s.finished_;
    d.cur_ = s.cur_;
    for (m*& mp : d.cur_.ms) mp = fix(mp);
    d.pauseReq_ = s.pauseReq_;
    d.pauseKinds_ = s.pauseKinds_;
    d.events_.clear();
    d.eventSeq_ = s.eventSeq_;
    d.lastGoid_ = s.lastGoid_;
    d.lastGHandle_ = s.lastGHandle_;
  }


 public:
  static uint64_t footprint(const Machine& mc) {
    uint64_t b = mc.as_.residentBytes();
    b += mc.sched_->allgs.size() * (sizeof(g) + sizeof(Machine::GState) + 64);
    b += mc.heap_->spans_.size() * (sizeof(mspan) + 64);
    b += mc.sched_->sudogStore_.size() * sizeof(sudog) + mc.sched_->timerStore_.size() * sizeof(timer);
    b += mc.res_.stdoutText.size() + mc.res_.stderrText.size();  // (the trace buffer is shared)
    return b;
  }
  static void restoreLogs(Machine& mc, std::string_view out, std::string_view err) {
    mc.res_.stdoutText.assign(out.substr(0, mc.outLenAtClone_));
    mc.res_.stderrText.assign(err.substr(0, mc.errLenAtClone_));
    mc.logsCleared_ = false;
  }

 private:
  const Machine& src_;
  std::unordered_map<const void*, void*> map_;
  std::map<Addr, std::unique_ptr<hchan>> newChans_;
};

std::unique_ptr<Machine> Machine::clone(bool withLogs) const { return MachineCloner(*this).run(withLogs); }

uint64_t Machine::footprintBytes() const { return MachineCloner::footprint(*this); }

void Machine::restoreLogs(std::string_view out, std::string_view err) { MachineCloner::restoreLogs(*this, out, err); }

}  // namespace gofast::rt
