// The Goroutines & frames panel: its word labelling on known frames (pure functions of a Snapshot,
// no ImGui), and the panel drawn headless for every chapter example at several points of its run and
// for a deep recursion.
#include <doctest/doctest.h>

#include <imgui.h>

#include <string>

#include "api/assets.h"
#include "api/lessons.h"
#include "api/session.h"
#include "ui/fonts.h"
#include "ui/panels/frames_panel.h"
#include "ui/theme.h"
#include "headless_frame.h"

using namespace gofast;

namespace {

using ui::test::Frame;

const api::GoroutineView* goroutine(const api::Snapshot& s, int64_t goid) {
  for (const api::GoroutineView& g : s.goroutines)
    if (g.goid == goid) return &g;
  return nullptr;
}

const ui::FrameWord* word(const std::vector<ui::FrameWord>& ws, const std::string& label) {
  for (const ui::FrameWord& w : ws)
    if (w.label == label) return &w;
  return nullptr;
}

// Runs one instruction at a time until G1's innermost frame is `fn`; returns false if it never is.
bool runUntilIn(api::Session& s, const std::string& fn, api::Snapshot& out) {
  for (int i = 0; i < 100000 && s.runSome(1); i++) {
    out = s.snapshot();
    const api::GoroutineView* g = goroutine(out, 1);
    if (g != nullptr && !g->frames.empty() && g->frames.front().function == fn) return true;
  }
  return false;
}

// add is kept out of line so that it has a frame of its own.
const char* kAdd = R"(package main

//go:noinline
func add(a, b int) int {
	return a + b
}

func main() {
	x := add(40, 2)
	println(x)
}
)";

}  // namespace

TEST_CASE("frames: the words of add(a, b int) int are its arguments, result, return address and saved BP") {
  api::Session s;
  REQUIRE(s.load(kAdd));
  REQUIRE(s.startRun());
  api::Snapshot snap;
  REQUIRE(runUntilIn(s, "main.add", snap));
  const api::GoroutineView& g = *goroutine(snap, 1);
  REQUIRE(g.frames.size() >= 2);
  const api::FrameView& f = g.frames[0];
  CHECK(g.frames[1].function == "main.main");
  // g.stackguard0 = stack.lo + _StackGuard (928, runtime/stack.go:101); nothing asked G1 to yield.
  CHECK(g.stackguard0 == g.stackLo + 928);
  // Go's stack calling convention ABI0 (cmd/compile/abi-internal.md): saved BP at fp, the return
  // address above it, then the arguments in order and the result.
  const std::vector<ui::FrameWord> ws = ui::labelFrameWords(g, 0);
  const ui::FrameWord* a = word(ws, "a int");
  const ui::FrameWord* b = word(ws, "b int");
  const ui::FrameWord* r = word(ws, "~r0 int");
  const ui::FrameWord* ret = word(ws, "return address");
  const ui::FrameWord* bp = word(ws, "saved BP");
  REQUIRE(a != nullptr);
  REQUIRE(b != nullptr);
  REQUIRE(r != nullptr);
  REQUIRE(ret != nullptr);
  REQUIRE(bp != nullptr);
  CHECK(bp->addr == f.fp);
  CHECK(ret->addr == f.fp + 8);
  CHECK(a->addr == f.fp + 16);
  CHECK(b->addr == f.fp + 24);
  CHECK(r->addr == f.fp + 32);
  CHECK(a->role == ui::FrameWord::Role::Arg);
  CHECK(b->role == ui::FrameWord::Role::Arg);
  CHECK(r->role == ui::FrameWord::Role::Result);
  CHECK(ret->role == ui::FrameWord::Role::ReturnAddress);
  CHECK(bp->role == ui::FrameWord::Role::SavedBP);
  // The values main wrote before CALL (the program's own constants).
  CHECK(a->value == "40");
  CHECK(b->value == "2");
  // The return address is named by the caller's frame; the saved BP points at the caller's saved BP.
  CHECK(ret->value == "→ main.main:" + std::to_string(g.frames[1].line));
  CHECK(g.frames[1].line == 9);
  CHECK(ret->raw == f.returnPC);
  CHECK(bp->raw == g.frames[1].fp);
  CHECK(bp->pointer);
  // Rows are one per word, highest address first, down to sp.
  REQUIRE(!ws.empty());
  CHECK(ws.back().addr == f.sp);
  for (size_t i = 1; i < ws.size(); i++) CHECK(ws[i - 1].addr == ws[i].addr + 8);
  CHECK(ws.front().addr + 8 >= f.argsHi);

  // In main's frame the same words are its outgoing arguments, named from add's frame.
  const std::vector<ui::FrameWord> mw = ui::labelFrameWords(g, 1);
  const ui::FrameWord* oa = word(mw, "a int → arg of add");
  const ui::FrameWord* orr = word(mw, "~r0 int ← result of add");
  REQUIRE(oa != nullptr);
  REQUIRE(orr != nullptr);
  CHECK(oa->addr == a->addr);
  CHECK(oa->role == ui::FrameWord::Role::OutgoingArg);
  CHECK(orr->role == ui::FrameWord::Role::OutgoingResult);
  CHECK(oa->value == "40");
  // Out of range: nothing.
  CHECK(ui::labelFrameWords(g, g.frames.size()).empty());
}

TEST_CASE("frames: pointers are told apart: into this stack, into a heap object with its size class") {
  // p points at a stack variable (it does not escape); q at a heap object (it escapes through the
  // global). A [2]int is 16 bytes: size class 2 (runtime/sizeclasses.go:8, class 2 = 16 bytes).
  const char* src = R"(package main

var sink *[2]int

//go:noinline
func use(p *int, q *[2]int) int {
	sink = q
	return *p + q[0]
}

func main() {
	x := 7
	q := new([2]int)
	q[0] = 5
	println(use(&x, q))
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  REQUIRE(s.startRun());
  api::Snapshot snap;
  REQUIRE(runUntilIn(s, "main.use", snap));
  const api::GoroutineView& g = *goroutine(snap, 1);
  const std::vector<ui::FrameWord> ws = ui::labelFrameWords(g, 0);
  const ui::FrameWord* p = word(ws, "p *int");
  const ui::FrameWord* q = word(ws, "q *[2]int");
  REQUIRE(p != nullptr);
  REQUIRE(q != nullptr);
  CHECK(p->pointer);
  CHECK(q->pointer);
  const ui::PointerTarget tp = ui::describePointer(snap, p->raw);
  CHECK(tp.kind == ui::PointerTarget::Kind::Stack);
  CHECK(tp.goid == 1);
  CHECK(p->raw >= g.frames[1].sp);  // x lives in main's frame
  const ui::PointerTarget tq = ui::describePointer(snap, q->raw);
  CHECK(tq.kind == ui::PointerTarget::Kind::Heap);
  CHECK(tq.sizeclass == 2);
  CHECK(tq.elemsize == 16);
  CHECK(tq.base == q->raw);
  CHECK(tq.text.find("size class 2") != std::string::npos);
  CHECK(ui::describePointer(snap, 0).kind == ui::PointerTarget::Kind::None);
  // The return address lies in the program's text.
  CHECK(ui::describePointer(snap, g.frames[0].returnPC).kind == ui::PointerTarget::Kind::Text);
}

TEST_CASE("frames panel: draws every chapter example at several points of its run, every goroutine") {
  Frame fr(1280, 720);
  ui::FramesPanel empty;
  const int emptyVtx = fr.draw([&](const ui::PanelFrame& f) { empty.draw("e", f, ImVec2(500, 500)); });
  CHECK(emptyVtx > 0);
  int examples = 0;
  for (const api::Chapter& ch : api::chapters()) {
    for (const api::Example& ex : api::examples(ch.id)) {
      CAPTURE(ex.path);
      api::Session s;
      REQUIRE(s.load(ex.source));
      REQUIRE(s.startRun());
      ui::FramesPanel panel;
      int drawn = 0, maxVtx = 0, withGoroutines = 0;
      // Small steps first (inside main's first calls), then larger ones.
      for (int i = 0; i < 14; i++) {
        const bool more = s.runSome(i < 6 ? 1 + 7 * static_cast<uint64_t>(i) : 4000);
        api::Snapshot snap = s.snapshot();
        withGoroutines += snap.goroutines.empty() ? 0 : 1;
        panel.bind(&snap);
        // Follow the running goroutine, then pin each of the first few goroutines in turn.
        panel.selectGoroutine(i % 3 == 0 || snap.goroutines.empty() ? 0 : snap.goroutines[static_cast<size_t>(i) % std::min<size_t>(snap.goroutines.size(), 5)].goid);
        const int v = fr.draw([&](const ui::PanelFrame& f) { panel.draw("f", f, ImVec2(500, 500)); }, i % 2 == 0);
        maxVtx = std::max(maxVtx, v);
        drawn++;
        if (snap.finished) CHECK(panel.shownGoroutine() == 0);  // it says the program finished
        else if (!snap.goroutines.empty() && i % 3 == 0 && snap.currentGoid != 0 && goroutine(snap, snap.currentGoid) != nullptr)
          CHECK(panel.shownGoroutine() == snap.currentGoid);
        if (!more) break;
      }
      CHECK(drawn >= 1);
      CHECK(withGoroutines >= 1);
      CHECK(maxVtx > emptyVtx + 500);  // a stack bar and rows of words, not the placeholder
      examples++;
    }
  }
  CHECK(examples >= 10);
}

TEST_CASE("frames panel: a deep recursion draws its 256 innermost frames and a grown stack") {
  Frame fr(1280, 720);
  api::Session s;
  REQUIRE(s.load(api::asset("examples/stacks/01_deep_recursion.go")));
  REQUIRE(s.startRun());
  ui::FramesPanel panel;
  api::Snapshot snap;
  size_t deepest = 0;
  uint64_t biggest = 0;
  for (int i = 0; i < 400 && s.runSome(2000); i++) {
    snap = s.snapshot();
    const api::GoroutineView* g = goroutine(snap, 1);
    REQUIRE(g != nullptr);
    deepest = std::max(deepest, g->frames.size());
    biggest = std::max(biggest, g->stackHi - g->stackLo);
    if (i % 20 == 0) {
      panel.bind(&snap);
      CHECK(fr.draw([&](const ui::PanelFrame& f) { panel.draw("f", f, ImVec2(500, 500)); }) > 1000);
    }
    // Every frame's words are labelled: each frame holds its saved BP and return address.
    if (i == 100) {
      for (size_t k = 0; k < g->frames.size(); k++) {
        const auto ws = ui::labelFrameWords(*g, k);
        CHECK(word(ws, "saved BP") != nullptr);
        CHECK(word(ws, "return address") != nullptr);
      }
      // A saved BP points into the same (by now large, > 32 KiB) stack.
      const ui::PointerTarget t = ui::describePointer(snap, word(ui::labelFrameWords(*g, 0), "saved BP")->raw);
      CHECK(g->stackHi - g->stackLo > 32 * 1024);
      CHECK(t.kind == ui::PointerTarget::Kind::Stack);
      CHECK(t.goid == 1);
    }
  }
  CHECK(deepest == 256);           // the session copies the 256 innermost frames
  CHECK(biggest >= 64 * 1024);     // 10,000 frames of > 128 B: the 2 KiB stack grew many times
}

TEST_CASE("frames: stackguard0 is stackPreempt while a goroutine is in a system call") {
  // fmt.Println is a write(2) here. entersyscall sets g.stackguard0 = stackPreempt (proc.go:3623:
  // any stack split during the syscall would be a bug), exitsyscall restores stack.lo + 928.
  api::Session s;
  REQUIRE(s.load(api::asset("examples/goroutines/04_slow_write.go")));
  api::RunConfig cfg;
  cfg.writeLatencyNs = 100000;
  REQUIRE(s.startRun(cfg));
  bool sawPreempt = false, sawNormal = false;
  Frame fr(800, 600);
  ui::FramesPanel panel;
  for (int i = 0; i < 200000 && !sawPreempt && s.runSome(1); i++) {
    api::Snapshot snap = s.snapshot();
    for (const api::GoroutineView& g : snap.goroutines) {
      if (g.stackguard0 == 0xfffffffffffffadeull) {  // stackPreempt, runtime/stack.go:138
        sawPreempt = true;
        CHECK(g.status == "syscall");
        panel.bind(&snap);
        panel.selectGoroutine(g.goid);
        CHECK(fr.draw([&](const ui::PanelFrame& f) { panel.draw("f", f, ImVec2(500, 500)); }) > 500);
        CHECK(panel.shownGoroutine() == g.goid);
      } else if (g.stackguard0 == g.stackLo + 928) {
        sawNormal = true;
      }
    }
  }
  CHECK(sawNormal);
  CHECK(sawPreempt);
}

TEST_CASE("frames: small arguments share a word; a string is a pointer and a length") {
  // ABI0 lays the arguments out like the fields of a struct (cmd/compile/abi-internal.md): a and b
  // are bytes 0 and 1 of one word, s starts at the next 8-byte boundary.
  const char* src = R"(package main

//go:noinline
func g(a, b bool, s string) int {
	if a && !b {
		return len(s)
	}
	return 0
}

func main() {
	println(g(true, false, "hello"))
}
)";
  api::Session s;
  REQUIRE(s.load(src));
  REQUIRE(s.startRun());
  api::Snapshot snap;
  REQUIRE(runUntilIn(s, "main.g", snap));
  const api::GoroutineView& g = *goroutine(snap, 1);
  const std::vector<ui::FrameWord> ws = ui::labelFrameWords(g, 0);
  const ui::FrameWord* ab = word(ws, "a bool · b bool");
  const ui::FrameWord* sp = word(ws, "s string (ptr)");
  const ui::FrameWord* sl = word(ws, "s (len)");
  REQUIRE(ab != nullptr);
  REQUIRE(sp != nullptr);
  REQUIRE(sl != nullptr);
  CHECK(ab->value == "true · false");
  CHECK(ab->addr == g.frames[0].fp + 16);
  CHECK(sp->addr == ab->addr + 8);
  CHECK(sl->addr == sp->addr + 8);
  CHECK(sl->value == "5");
  CHECK(sp->pointer);
  // A string literal's bytes are read-only data.
  CHECK(ui::describePointer(snap, sp->raw).kind == ui::PointerTarget::Kind::ReadOnly);
}
