// Runtime views for the Snapshot (see snapshot_views.h).
#include "api/snapshot_views.h"

#include <algorithm>
#include <map>

#include "api/session.h"

#include "runtime/gc.h"
#include "runtime/heap.h"
#include "runtime/sched.h"
#include "runtime/vm.h"

namespace gofast::api {

std::string protString(uint8_t prot) {
  std::string s = "---";
  if (prot & rt::kProtRead) s[0] = 'r';
  if (prot & rt::kProtWrite) s[1] = 'w';
  if (prot & rt::kProtExec) s[2] = 'x';
  return s;
}

namespace {

const char* mState(const rt::m& mp) {
  if (mp.state == rt::MState::Sysmon) return "sysmon";
  if (mp.state == rt::MState::Syscall) return "syscall";
  if (mp.state == rt::MState::Idle) return "idle";
  if (mp.spinning) return "spinning";
  if (mp.state == rt::MState::Woken) return "woken";
  if (mp.state == rt::MState::Running && mp.curg == nullptr) return "spinning";
  return "running";
}

void fillSched(rt::Scheduler& sc, Snapshot& s) {
  for (const auto& mp : sc.allm) {
    MView v;
    v.id = mp->id;
    v.state = mState(*mp);
    if (mp->curg != nullptr) v.curg = mp->curg->goid;
    if (mp->pp != nullptr) v.p = mp->pp->id;
    v.g0Lo = mp->g0stack.lo;
    v.g0Hi = mp->g0stack.hi;
    if (mp->state == rt::MState::Sysmon) {
      s.sysmon.exists = true;
      s.sysmon.nextWakeNs = sc.sysmonNextWake();
      s.sysmon.delayNs = sc.sysmonDelay();
      s.sysmon.sleeping = sc.sched.sysmonwait;
    }
    s.ms.push_back(std::move(v));
  }
  for (PView& pv : s.ps) {
    for (const auto& pp : sc.allp) {
      if (pp->id != pv.id) continue;
      pv.runqhead = pp->runqhead;
      pv.runqtail = pp->runqtail;
      pv.m = pp->m != nullptr ? pp->m->id : -1;
      pv.schedtick = pp->schedtick;
    }
  }
}

void fillStacks(rt::Machine& m, Snapshot& s) {
  const rt::mheap& h = m.heap();
  rt::Scheduler& sc = m.scheduler();
  for (const auto& gp : sc.allgs) {
    if (!gp->stack.ok() || !h.inArena(gp->stack.lo)) continue;
    ArenaStackView v;
    v.lo = gp->stack.lo;
    v.hi = gp->stack.hi;
    v.goid = gp->goid;
    v.dead = gp->atomicstatus == rt::_Gdead;
    s.arenaStacks.push_back(v);
  }
  for (const auto& mp : sc.allm) {
    if (!mp->g0stack.ok() || !h.inArena(mp->g0stack.lo)) continue;
    ArenaStackView v;
    v.lo = mp->g0stack.lo;
    v.hi = mp->g0stack.hi;
    v.m = mp->id;
    s.arenaStacks.push_back(v);
  }
  std::sort(s.arenaStacks.begin(), s.arenaStacks.end(),
            [](const ArenaStackView& a, const ArenaStackView& b) { return a.lo < b.lo; });
}

void fillHeap(rt::Machine& m, Snapshot& s) {
  const rt::mheap& h = m.heap();
  HeapView& hv = s.heap;
  hv.arenaLo = h.arenaLo();
  hv.arenaHi = h.arenaHi();
  const rt::HeapStats& st = h.stats();
  hv.mallocs = st.mallocs;
  hv.frees = st.frees;
  hv.tinyAllocs = st.tinyAllocs;
  hv.totalAlloc = st.totalAlloc;
  hv.heapLive = st.heapLive;
  hv.heapInuse = st.heapInuse;
  hv.stackInuse = st.stackInuse;
  hv.heapSys = st.heapSys;
  hv.numGC = st.numGC;
  uint64_t cells = 0;
  for (rt::SpanId id : h.spansInAddressOrder()) {
    const rt::mspan& sp = h.span(id);
    SpanView v;
    v.start = sp.startAddr;
    v.npages = sp.npages;
    v.manual = sp.state == rt::mSpanState::mSpanManual;
    v.sizeclass = v.manual ? 0 : sp.sizeclass();
    v.elemsize = sp.elemsize;
    v.nelems = sp.nelems;
    v.allocCount = sp.allocCount;
    v.noscan = !v.manual && sp.noscan();
    if (!v.manual && !sp.allocBits.empty() && cells + sp.nelems <= HeapView::kMaxObjectCells) {
      cells += sp.nelems;
      v.objects.resize(sp.nelems);
      for (uint32_t i = 0; i < sp.nelems; i++) {
        uint8_t bits = sp.isAllocated(i) ? 1 : 0;
        if (!sp.gcmarkBits.empty() && sp.isMarked(i)) bits |= 2;
        v.objects[i] = bits;
      }
    }
    hv.spans.push_back(std::move(v));
  }
  const rt::GcState& gs = m.gc().state();
  hv.gc.phase = rt::gcPhaseName(gs.phase);
  hv.gc.sweeping = gs.sweeping;
  hv.gc.cycle = gs.cycle;
  hv.gc.gcPercent = gs.gcPercent;
  hv.gc.heapGoal = gs.heapGoal;
  hv.gc.heapMarked = gs.heapMarked;
  hv.gc.lastFreedObjects = st.lastFreedObjects;
  hv.gc.lastFreedBytes = st.lastFreedBytes;
}

}  // namespace

void fillRuntimeViews(rt::Machine& m, Snapshot& s) {
  fillSched(m.scheduler(), s);
  for (const rt::Mapping& mp : m.addrSpace().mappings()) {
    MappingView v;
    v.name = mp.name;
    v.lo = mp.lo;
    v.hi = mp.hi;
    v.kind = rt::mappingKindName(mp.kind);
    v.prot = protString(mp.prot);
    v.residentBytes = mp.residentBytes();
    s.mappings.push_back(std::move(v));
  }
  fillStacks(m, s);
  fillHeap(m, s);
}

// ---- timeline -------------------------------------------------------------------------------------------

namespace {

int32_t idOrNone(uint16_t v) { return v == rt::kTraceNone ? -1 : static_cast<int32_t>(v); }

}  // namespace

TimelineView Session::timeline() const {
  TimelineView v;
  if (machine() == nullptr) return v;
  rt::Scheduler& sc = machine()->scheduler();
  const auto evs = sc.trace.events();
  v.now = sc.nanotime();
  v.events = evs.size();
  v.dropped = sc.trace.dropped();
  v.nps = static_cast<int32_t>(sc.allp.size());
  struct Open {
    int64_t t0;
    int32_t p, m;
    uint32_t ev;
    bool syscall;
  };
  std::map<uint32_t, Open> open;  // goid -> running (or in a syscall) since; ordered: deterministic
  std::vector<int64_t> seen;
  auto close = [&](uint32_t goid, int64_t t, std::string why) {
    auto it = open.find(goid);
    if (it == open.end()) return;
    TimelineSlice sl;
    sl.t0 = it->second.t0;
    sl.t1 = t;
    sl.goid = goid;
    sl.p = it->second.p;
    sl.m = it->second.m;
    sl.startEvent = it->second.ev;
    sl.syscall = it->second.syscall;
    sl.end = std::move(why);
    v.slices.push_back(std::move(sl));
    open.erase(it);
  };
  auto mark = [&](const rt::TraceEvent& e, uint32_t idx, std::string what) {
    TimelineMark mk;
    mk.t = static_cast<int64_t>(e.ts);
    mk.goid = e.g;
    mk.p = idOrNone(e.p);
    mk.event = idx;
    mk.what = std::move(what);
    v.marks.push_back(std::move(mk));
  };
  for (uint32_t i = 0; i < evs.size(); i++) {
    const rt::TraceEvent& e = evs[i];
    const int64_t t = static_cast<int64_t>(e.ts);
    if (e.g != 0) seen.push_back(e.g);
    if (e.p != rt::kTraceNone && e.p + 1 > v.nps) v.nps = e.p + 1;
    switch (e.type) {
      case rt::TraceEv::GoStart:
        close(e.g, t, "switch");
        open[e.g] = Open{t, idOrNone(e.p), idOrNone(e.m), i, false};
        break;
      case rt::TraceEv::GoStop:
        close(e.g, t, rt::traceStopName(static_cast<rt::TraceStop>(e.reason)));
        break;
      case rt::TraceEv::GoBlock:
        close(e.g, t, rt::waitReasonStringU8(e.reason));
        mark(e, i, std::string("blocked: ") + rt::waitReasonStringU8(e.reason));
        break;
      case rt::TraceEv::SyscallEnter:
        close(e.g, t, "syscall");
        open[e.g] = Open{t, -1, idOrNone(e.m), i, true};
        break;
      case rt::TraceEv::SyscallExit:
        close(e.g, t, "syscall exit");
        if (e.reason == 1) open[e.g] = Open{t, idOrNone(e.p), idOrNone(e.m), i, false};
        break;
      case rt::TraceEv::GoUnblock:
        mark(e, i, e.arg != 0 ? "unblocked by G" + std::to_string(e.arg) : std::string("unblocked by the runtime (timer)"));
        break;
      case rt::TraceEv::GoCreate:
        mark(e, i, e.arg != 0 ? "created by G" + std::to_string(e.arg) : std::string("created"));
        break;
      case rt::TraceEv::Steal:
        mark(e, i, "P" + std::to_string(e.p) + " stole " + std::to_string(e.arg2) + " G(s) from P" + std::to_string(e.arg));
        break;
      case rt::TraceEv::StackGrow:
        mark(e, i, "stack is now " + std::to_string(e.arg) + " bytes");
        break;
      case rt::TraceEv::ProcStart:
      case rt::TraceEv::ProcStop:
      case rt::TraceEv::ClockJump:
        break;
      default:
        mark(e, i, rt::traceEvName(e.type));
        break;
    }
  }
  // Still running: up to now.
  while (!open.empty()) close(open.begin()->first, v.now, "running");
  std::stable_sort(v.slices.begin(), v.slices.end(), [](const TimelineSlice& a, const TimelineSlice& b) { return a.t0 < b.t0; });
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  v.goids = std::move(seen);
  return v;
}

}  // namespace gofast::api
