// The runtime panels (Scheduler, Heap, Address space) draw real Snapshots: in every chapter, for
// several frames of a running program, at 1280x720 and 1920x1080, dark and light; the address-space
// axis is ordered and covers the bar; zooming keeps the point under the pointer. Headless ImGui.
#include <doctest/doctest.h>

#include <imgui.h>

#include <string>

#include "api/lessons.h"
#include "api/session.h"
#include "ui/analysis_chapter.h"
#include "ui/fonts.h"
#include "ui/panels/address_space_panel.h"
#include "ui/panels/heap_panel.h"
#include "ui/panels/scheduler_panel.h"
#include "ui/panels/timeline_panel.h"
#include "ui/theme.h"
#include "headless_frame.h"

using namespace gofast;

namespace {

using ui::test::Frame;

// Goroutines that allocate and wait on channels (as in the api snapshot views test).
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
			b := make([]byte, 100+i%300)
			sum += len(b)
		}
		if keep != nil {
			sum++
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
	for j := 0; j < 100; j++ {
		in <- 100
	}
	close(in)
	total := 0
	for i := 0; i < 6; i++ {
		total += <-out
	}
	println(total)
}
)";

}  // namespace

TEST_CASE("runtime panels: every chapter draws them for several frames of a running program") {
  for (const ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080)}) {
    Frame fr(size.x, size.y);
    for (const api::Chapter& ch : api::chapters()) {
      ui::AnalysisChapter c(ch.id, ui::CodePanel::Filter{true, true},
                            "package main\n\nfunc main() {\n\tgo func() {}()\n\tprintln(new(int) != nil)\n}\n");
      for (int e = 0; e < std::max(1, c.exampleCount()); e++) {
        if (c.exampleCount() > 0) c.selectExample(e);
        fr.draw([&](const ui::PanelFrame& f) { c.draw(f); });
        const bool ran = c.run();
        if (std::string(ch.id) != "values" && std::string(ch.id) != "calls" && std::string(ch.id) != "escape") CHECK_MESSAGE(ran, ch.id, " example ", e);
        ui::SchedulerPanel sched;
        ui::HeapPanel heap;
        ui::AddressSpacePanel space;
        for (int i = 0; i < 6; i++) {
          const bool dark = i % 2 == 0;
          CHECK(fr.draw([&](const ui::PanelFrame& f) { c.draw(f); }, dark) > 500);
          // The three panels on this chapter's run, each on its own.
          const api::Snapshot* snap = &c.runPanel().snapshot();
          sched.bind(snap);
          heap.bind(snap);
          space.bind(snap);
          CHECK(fr.draw([&](const ui::PanelFrame& f) {
            sched.draw("s", f, ImVec2(size.x * 0.5f, size.y * 0.4f));
            heap.draw("h", f, ImVec2(size.x * 0.5f, size.y * 0.4f));
            space.draw("a", f, ImVec2(size.x, size.y * 0.18f));
          }, dark) > 100);
        }
        if (ran) CHECK_FALSE(c.runPanel().snapshot().mappings.empty());
      }
    }
  }
}

TEST_CASE("runtime panels: a 4-P run drawn step by step shows its rings, spans and stacks") {
  Frame fr(1280, 720);
  api::Session s;
  REQUIRE(s.load(kProgram));
  api::RunConfig cfg;
  cfg.gomaxprocs = 4;
  REQUIRE(s.startRun(cfg));
  ui::SchedulerPanel sched;
  ui::HeapPanel heap;
  ui::AddressSpacePanel space;
  // Empty panels first: they say what they will show.
  const int emptyVtx = fr.draw([&](const ui::PanelFrame& f) {
    sched.draw("s", f, ImVec2(600, 300));
    heap.draw("h", f, ImVec2(600, 300));
    space.draw("a", f, ImVec2(1200, 120));
  });
  int frames = 0, maxVtx = 0;
  while (s.runSome(5000)) {
    api::Snapshot snap = s.snapshot();
    sched.bind(&snap);
    heap.bind(&snap);
    space.bind(&snap);
    const int v = fr.draw([&](const ui::PanelFrame& f) {
      sched.draw("s", f, ImVec2(600, 300));
      heap.draw("h", f, ImVec2(600, 300));
      space.draw("a", f, ImVec2(1200, 120));
    }, frames % 2 == 0);
    maxVtx = std::max(maxVtx, v);
    frames++;
  }
  CHECK(frames > 5);
  // 4 rings of 256 slots alone are > 4000 vertices: the panels drew real content, not placeholders.
  CHECK(maxVtx > emptyVtx + 4000);
}

TEST_CASE("address space: the axis is in address order, covers the bar, opens the arena; zoom keeps the anchor") {
  api::Session s;
  REQUIRE(s.load(kProgram));
  REQUIRE(s.startRun());
  for (int i = 0; i < 5 && s.runSome(20000); i++) {
  }
  api::Snapshot snap = s.snapshot();
  auto segs = ui::AddressSpacePanel::layout(snap);
  REQUIRE(segs.size() > snap.mappings.size());
  float lastX = 0.0f;
  uint64_t lastHi = 0, lastInnerHi = 0;
  int stackSpans = 0, gaps = 0;
  using K = ui::AddressSpacePanel::Segment::Kind;
  for (const auto& g : segs) {
    CHECK(g.x0 < g.x1);
    CHECK(g.lo < g.hi);
    if (g.depth == 0) {
      CHECK(g.x0 == doctest::Approx(lastX));
      CHECK(g.lo >= lastHi);
      lastX = g.x1;
      lastHi = g.hi;
      gaps += g.kind == K::Gap ? 1 : 0;
    } else {
      CHECK(g.lo >= snap.heap.arenaLo);
      CHECK(g.hi <= snap.heap.arenaHi);
      CHECK(g.lo >= lastInnerHi);
      lastInnerHi = g.hi;
      stackSpans += g.kind == K::StackSpan ? 1 : 0;
    }
  }
  CHECK(lastX == doctest::Approx(1.0f));
  CHECK(gaps >= 2);  // below text (the nil page) and between bss and the arena at least
  CHECK(stackSpans >= 1);
  // The smallest mapping (a 4 KiB guard page) still gets a visible share of the bar.
  for (const auto& g : segs)
    if (g.depth == 0 && g.mapKind == "guard") CHECK(g.x1 - g.x0 > 0.01f);

  ui::AddressSpacePanel p;
  CHECK(p.zoom() == 1.0f);
  p.zoomBy(4.0f, 0.3f);
  CHECK(p.zoom() == 4.0f);
  // The anchor stays where it was on the screen: 0.3 of the way across before and after.
  CHECK((0.3f - p.offset()) * p.zoom() == doctest::Approx(0.3f));
  p.zoomBy(1e9f, 0.5f);
  CHECK(p.zoom() <= 5000.0f);
  p.zoomBy(1e-9f, 0.5f);
  CHECK(p.zoom() == 1.0f);
  CHECK(p.offset() == 0.0f);
}

TEST_CASE("scheduler panel: goroutine colours are stable and distinct for neighbours") {
  Frame fr(200, 200);
  CHECK(ui::goroutineColor(7, true) == ui::goroutineColor(7, true));
  for (int64_t g = 1; g < 50; g++) CHECK(ui::goroutineColor(g, true) != ui::goroutineColor(g + 1, true));
}

TEST_CASE("timeline panel: draws lanes for every P and goroutine; a click on a slice calls onSeek with its event") {
  Frame fr(1000, 400);
  api::Session s;
  // main computes for a while: its slice on P0 covers most of the run, so a click in the lane hits it.
  REQUIRE(s.load("package main\n\nfunc main() {\n\tdone := make(chan int)\n\tgo func() { done <- 1 }()\n\t<-done\n\tx := 0\n"
                 "\tfor i := 0; i < 200000; i++ {\n\t\tx += i\n\t}\n\tprintln(x)\n}\n"));
  api::RunConfig cfg;
  cfg.gomaxprocs = 2;
  REQUIRE(s.startRun(cfg));
  while (s.runSome(100000)) {
  }
  ui::TimelinePanel tl;
  int64_t sought = -1;
  tl.onSeek = [&](uint32_t ev) { sought = ev; };
  tl.bind(&s, s.snapshot().steps);
  auto draw = [&] { return fr.draw([&](const ui::PanelFrame& f) { tl.draw("tl", f, ImVec2(980, 380)); }); };
  CHECK(draw() > 200);
  CHECK(tl.view().nps == 2);
  CHECK(tl.view().goids.size() == 2);
  ImGuiIO& io = ImGui::GetIO();
  for (float y = 30; y < 200 && sought < 0; y += 3) {
    io.MousePos = ImVec2(700, y);
    draw();
    io.MouseDown[0] = true;
    draw();
    io.MouseDown[0] = false;
    draw();
  }
  REQUIRE(sought >= 0);
  const float laneY = io.MousePos.y;  // a P lane
  bool isSliceStart = false;
  for (const api::TimelineSlice& sl : tl.view().slices) isSliceStart |= sl.startEvent == static_cast<uint32_t>(sought);
  CHECK(isSliceStart);
  // Zoom keeps the anchor; the wheel over a P lane zooms.
  tl.zoomBy(8.0f, 0.25f);
  CHECK(tl.zoom() == 8.0f);
  CHECK((0.25f - tl.offset()) * tl.zoom() == doctest::Approx(0.25f));
  const float z = tl.zoom();
  io.MousePos = ImVec2(700, laneY);
  draw();
  io.MouseWheel = 1.0f;
  draw();
  CHECK(tl.zoom() != z);
}
