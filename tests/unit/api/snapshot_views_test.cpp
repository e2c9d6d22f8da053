// Snapshot runtime views (api/snapshot_views.cpp): Ms, sysmon, mappings, arena stacks, spans and the
// GC state agree with the machine's own counters while a program with goroutines and allocations
// runs. These are consistency checks between two views of the same machine, not Go expectations.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>

#include "api/session.h"
#include "api/snapshot_views.h"

using namespace gofast;

namespace {

// Workers that allocate (heap objects of several size classes, garbage for the GC) and block on
// channels; main waits on them. Enough allocation to pass the 4 MiB minimum heap goal.
const char* kProgram = R"(package main

type node struct {
	next *node
	val  [6]int
}

func work(id int, in <-chan int, out chan<- int) {
	sum := 0
	for n := range in {
		var keep *node
		for i := 0; i < n; i++ {
			keep = &node{next: keep}
			keep.val[0] = i
			b := make([]byte, 100+i%300)
			sum += len(b)
		}
		if keep != nil {
			sum += keep.val[0]
		}
	}
	out <- sum + id
}

func main() {
	in := make(chan int)
	out := make(chan int)
	for i := 0; i < 6; i++ {
		go work(i, in, out)
	}
	for j := 0; j < 300; j++ {
		in <- 200
	}
	close(in)
	total := 0
	for i := 0; i < 6; i++ {
		total += <-out
	}
	println(total)
}
)";

int popcount8(uint8_t v, uint8_t bit) { return (v & bit) != 0 ? 1 : 0; }

// Every invariant between the views and the machine's counters in one snapshot.
void checkViews(const api::Snapshot& s) {
  // Mappings: sorted, disjoint, page aligned, protections as /proc/self/maps.
  REQUIRE_FALSE(s.mappings.empty());
  for (size_t i = 0; i < s.mappings.size(); i++) {
    const api::MappingView& m = s.mappings[i];
    CHECK(m.lo < m.hi);
    CHECK(m.lo % 4096 == 0);
    CHECK(m.hi % 4096 == 0);
    CHECK(m.residentBytes <= m.hi - m.lo);
    CHECK(m.prot.size() == 3);
    if (i > 0) CHECK(s.mappings[i - 1].hi <= m.lo);
  }
  std::map<std::string, const api::MappingView*> byKind;
  for (const api::MappingView& m : s.mappings) byKind[m.kind] = &m;
  REQUIRE(byKind.count("text"));
  CHECK(byKind["text"]->prot == "r-x");
  CHECK(byKind["text"]->lo == 0x400000);
  REQUIRE(byKind.count("heap arena"));
  CHECK(byKind["heap arena"]->lo == s.heap.arenaLo);
  CHECK(byKind["heap arena"]->hi == s.heap.arenaHi);
  CHECK(byKind["guard"]->prot == "---");

  // Spans: address order, inside the arena, disjoint; their sums are the heap's counters.
  uint64_t live = 0, inuse = 0, stackBytes = 0, cells = 0;
  for (size_t i = 0; i < s.heap.spans.size(); i++) {
    const api::SpanView& sp = s.heap.spans[i];
    const uint64_t end = sp.start + sp.npages * 8192;
    CHECK(sp.start >= s.heap.arenaLo);
    CHECK(end <= s.heap.arenaHi);
    if (i > 0) CHECK(s.heap.spans[i - 1].start + s.heap.spans[i - 1].npages * 8192 <= sp.start);
    if (sp.manual) {
      stackBytes += sp.npages * 8192;
      CHECK(sp.objects.empty());
      continue;
    }
    inuse += sp.npages * 8192;
    live += uint64_t{sp.allocCount} * sp.elemsize;
    CHECK(sp.nelems * sp.elemsize <= sp.npages * 8192);
    if (sp.objects.empty()) {
      // Only past the cap on copied cells (a big heap).
      CHECK(cells + sp.nelems > api::HeapView::kMaxObjectCells);
      continue;
    }
    REQUIRE(sp.objects.size() == sp.nelems);
    cells += sp.nelems;
    uint32_t allocated = 0;
    for (uint8_t o : sp.objects) allocated += static_cast<uint32_t>(popcount8(o, 1));
    CHECK(allocated == sp.allocCount);
  }
  CHECK(cells <= api::HeapView::kMaxObjectCells);
  CHECK(live == s.heap.heapLive);
  CHECK(inuse == s.heap.heapInuse);
  CHECK(stackBytes == s.heap.stackInuse);
  CHECK(s.heap.heapLive == s.heapLive);  // the same counter as Session::snapshot's
  CHECK(s.heap.numGC == s.numGC);
  CHECK(s.heap.gc.cycle == s.heap.numGC);
  CHECK(s.heap.gc.heapGoal >= 4u << 20);  // never below heapMinimum (mgcpacer.go:63)

  // Arena stacks: each inside a manual span, disjoint; every live goroutine's stack is among them.
  for (size_t i = 0; i < s.arenaStacks.size(); i++) {
    const api::ArenaStackView& st = s.arenaStacks[i];
    CHECK(st.lo < st.hi);
    if (i > 0) CHECK(s.arenaStacks[i - 1].hi <= st.lo);
    bool inside = false;
    for (const api::SpanView& sp : s.heap.spans)
      inside |= sp.manual && st.lo >= sp.start && st.hi <= sp.start + sp.npages * 8192;
    CHECK_MESSAGE(inside, "stack of G", st.goid, " / M", st.m, " is not in a stack span");
  }
  for (const api::GoroutineView& g : s.goroutines) {
    bool found = false;
    for (const api::ArenaStackView& st : s.arenaStacks) found |= st.goid == g.goid && st.lo == g.stackLo && !st.dead;
    CHECK_MESSAGE(found, "G", g.goid, " stack missing");
  }

  // Ms: exactly one sysmon; an M and a P agree on who holds whom; a running M runs its P's G.
  int sysmons = 0;
  for (const api::MView& m : s.ms) {
    if (m.state == "sysmon") {
      sysmons++;
      CHECK(m.p == -1);
    }
    if (m.p >= 0) {
      bool agree = false;
      for (const api::PView& p : s.ps) agree |= p.id == m.p && p.m == m.id && p.curg == m.curg;
      CHECK(agree);
    }
    CHECK(m.g0Lo < m.g0Hi);
  }
  CHECK(sysmons == 1);
  CHECK(s.sysmon.exists);
  CHECK(s.sysmon.delayNs >= 20000);      // proc.go:5146: at least 20 µs
  CHECK(s.sysmon.delayNs <= 10000000);   // at most 10 ms
  for (const api::PView& p : s.ps) {
    CHECK(p.runqtail - p.runqhead == p.runq.size());
    CHECK(p.runq.size() <= 256);
  }
}

}  // namespace

TEST_CASE("snapshot views: Ms, mappings, stacks, spans and GC agree with the machine while it runs") {
  api::Session s;
  REQUIRE(s.load(kProgram));
  api::RunConfig cfg;
  cfg.gomaxprocs = 4;
  REQUIRE(s.startRun(cfg));
  int snapshots = 0;
  bool sawQueued = false, sawManyStacks = false, sawGC = false;
  while (s.runSome(20000)) {
    api::Snapshot snap = s.snapshot();
    checkViews(snap);
    for (const api::PView& p : snap.ps) sawQueued |= !p.runq.empty() || p.runnext != 0;
    sawManyStacks |= snap.arenaStacks.size() >= 7;  // main + 6 workers (+ g0 stacks)
    sawGC |= snap.heap.gc.cycle > 0;
    snapshots++;
  }
  REQUIRE(s.runFinished());
  api::Snapshot end = s.snapshot();
  checkViews(end);
  CHECK(end.exitStatus == 0);
  CHECK(snapshots > 10);
  CHECK(sawQueued);
  CHECK(sawManyStacks);
  CHECK(sawGC);
  CHECK(end.ms.size() >= 2);  // m0 and sysmon at least
  CHECK(end.ps.size() == 4);
}

TEST_CASE("snapshot views: no run, no views; protections print as /proc/self/maps") {
  api::Session s;
  REQUIRE(s.load("package main\n\nfunc main() {}\n"));
  api::Snapshot snap = s.snapshot();
  CHECK(snap.ms.empty());
  CHECK(snap.mappings.empty());
  CHECK(snap.heap.spans.empty());
  CHECK(api::protString(1 | 4) == "r-x");
  CHECK(api::protString(1 | 2) == "rw-");
  CHECK(api::protString(0) == "---");
}

TEST_CASE("timeline: slices per P never overlap, every goroutine has a lane, creations match the trace") {
  api::Session s;
  REQUIRE(s.load(kProgram));
  CHECK(s.timeline().slices.empty());  // no run yet
  api::RunConfig cfg;
  cfg.gomaxprocs = 4;
  REQUIRE(s.startRun(cfg));
  for (int i = 0; i < 20 && s.runSome(20000); i++) {
  }
  for (int round = 0; round < 2; round++) {  // mid-run, then at the end
    const api::TimelineView v = s.timeline();
    REQUIRE_FALSE(v.slices.empty());
    CHECK(v.nps == 4);
    CHECK(v.now == s.snapshot().virtualNs);
    std::vector<int64_t> lastEnd(4, -1);
    for (size_t i = 0; i < v.slices.size(); i++) {
      const api::TimelineSlice& sl = v.slices[i];
      CHECK(sl.t0 <= sl.t1);
      CHECK(sl.t1 <= v.now);
      CHECK(sl.startEvent < v.events);
      if (i > 0) CHECK(v.slices[i - 1].t0 <= sl.t0);
      CHECK(std::binary_search(v.goids.begin(), v.goids.end(), sl.goid));
      if (sl.p >= 0) {
        REQUIRE(sl.p < 4);
        CHECK(sl.t0 >= lastEnd[static_cast<size_t>(sl.p)]);  // one goroutine at a time on a P
        lastEnd[static_cast<size_t>(sl.p)] = sl.t1;
      }
    }
    int created = 0;
    for (const api::TimelineMark& m : v.marks) {
      CHECK(m.event < v.events);
      created += m.what.rfind("created", 0) == 0 ? 1 : 0;
    }
    CHECK(created == s.threadComparison().counts.created);  // the thread model counts the same GoCreates
    CHECK(v.goids.size() >= 7);  // main and 6 workers
    while (s.runSome(100000)) {
    }
  }
}

TEST_CASE("snapshot views: a big heap copies at most kMaxObjectCells object cells, the rest as counts") {
  api::Session s;
  // 600,000 live 8-byte objects in 16-byte tiny blocks: about 300,000 slots, past the cap.
  REQUIRE(s.load("package main\n\nfunc main() {\n\tp := make([]*int, 600000)\n\tfor i := range p {\n\t\tp[i] = new(int)\n"
                 "\t\t*p[i] = i\n\t}\n\tprintln(len(p), *p[599999])\n}\n"));
  REQUIRE(s.startRun());
  while (s.runSome(1000000)) {
  }
  api::Snapshot snap = s.snapshot();
  CHECK(snap.exitStatus == 0);
  checkViews(snap);
  uint64_t slots = 0;
  bool summarised = false;
  for (const api::SpanView& sp : snap.heap.spans) {
    if (sp.manual) continue;
    slots += sp.nelems;
    summarised |= sp.objects.empty() && sp.sizeclass != 0;
  }
  CHECK(slots > api::HeapView::kMaxObjectCells);
  CHECK(summarised);
}
