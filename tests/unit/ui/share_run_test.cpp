// Share links carry the run (SPEC F6): App::runState() is what a link records (position and options),
// App::runAt() what opening it does. Two apps opened at the same position show the same state.
#include <doctest/doctest.h>

#include <imgui.h>

#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "headless_frame.h"

namespace {

// A 1280x720 headless app.
struct Headless : gofast::ui::test::Frame {
  Headless() : Frame(1280, 720) {}
};

gofast::ui::App appOn(const char* chapter) {
  gofast::ui::App app({"test (no window)", "0.0.0", "none", "none"});
  gofast::ui::ViewState v;
  v.chapter = chapter;
  v.example = 0;
  app.applyViewState(v);
  return app;
}

}  // namespace

TEST_CASE("share link run: a position reached by stepping is reproduced by runAt in a fresh app") {
  Headless h;
  gofast::ui::App a = appOn("goroutines");
  h.frames(a, 2);
  CHECK_FALSE(a.runState().hasRun);
  using C = gofast::ui::App::Control;
  REQUIRE(a.control(C::Step, 3, "switch") == gofast::ui::App::ControlResult::Done);
  REQUIRE(a.control(C::Step, 5, "line") == gofast::ui::App::ControlResult::Done);
  h.frames(a, 3);
  const gofast::ui::App::RunState ra = a.runState();
  REQUIRE(ra.hasRun);
  CHECK_FALSE(ra.playing);
  CHECK(ra.position > 0);
  CHECK(ra.goroutine > 0);
  CHECK(ra.line > 0);
  CHECK(ra.traceLength > 0);
  CHECK(ra.config.gomaxprocs == 4);  // the UI's default (analysis_chapter.cpp)

  gofast::ui::App b = appOn("goroutines");
  h.frames(b, 1);
  REQUIRE(b.runAt(ra.config.gomaxprocs, ra.config.seed, ra.config.writeLatencyNs, ra.position));
  h.frames(b, 3);
  const gofast::ui::App::RunState rb = b.runState();
  CHECK(rb.position == ra.position);
  CHECK(rb.goroutine == ra.goroutine);
  CHECK(rb.line == ra.line);
  CHECK(rb.output == ra.output);
  CHECK(rb.traceLength == ra.traceLength);
  CHECK(rb.traceHash == ra.traceHash);
  CHECK_FALSE(rb.playing);

  // Other options make another run; chapters without a run refuse.
  gofast::ui::App c = appOn("goroutines");
  REQUIRE(c.runAt(1, 7, 100000, ra.position));
  CHECK(c.runState().config.gomaxprocs == 1);
  CHECK(c.runState().config.seed == 7);
  CHECK(c.runState().config.writeLatencyNs == 100000);
  gofast::ui::App d = appOn("escape");
  CHECK_FALSE(d.runAt(1, 1, 2000, 10));
  CHECK_FALSE(d.runState().hasRun);
}
