// The player (RunPanel + ControlsPanel): in the chapters that run programs, a run can be stepped
// and stepped back by every unit while the chapter draws, back returns exactly to the state first
// seen (position, output, current line), each move leaves a narration sentence, and the app's
// control() forwards the embed protocol's commands to it. Headless ImGui.
#include <doctest/doctest.h>

#include <imgui.h>

#include <string>
#include <vector>

#include "api/lessons.h"
#include "ui/analysis_chapter.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "headless_frame.h"

using namespace gofast;

namespace {

using ui::test::Frame;

}  // namespace

TEST_CASE("player: every example of the running chapters steps and steps back exactly while drawing") {
  Frame fr(1280, 720);
  using U = ui::RunPanel::Unit;
  for (const char* id : {"goroutines", "stacks", "playground"}) {
    // (The playground has no examples: it starts with a goroutine example's text.)
    ui::AnalysisChapter ch(id, ui::CodePanel::Filter{}, api::examples("goroutines").front().source);
    const size_t n = std::max<size_t>(api::examples(id).size(), 1);
    for (size_t ex = 0; ex < n; ex++) {
      CAPTURE(std::string(id));
      CAPTURE(ex);
      if (!api::examples(id).empty()) ch.selectExample(static_cast<int>(ex));
      fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
      ui::RunPanel& rp = ch.runPanel();
      for (U u : {U::Line, U::Instruction, U::Switch, U::Growth, U::GC}) {
        REQUIRE(rp.step(U::Line));  // starts a paused run the first time
        std::vector<api::Snapshot> seen{rp.snapshot()};
        for (int i = 0; i < 4 && !rp.snapshot().finished; i++) {
          rp.step(u);
          CHECK_FALSE(rp.narration().empty());
          fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
          seen.push_back(rp.snapshot());
        }
        for (size_t i = seen.size() - 1; i > 0; i--) {
          if (seen[i].position == seen[i - 1].position) continue;
          rp.back(u);
          fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
          CHECK(rp.snapshot().position <= seen[i].position);
        }
        // Back to a position first seen: the same state.
        rp.seek(seen[0].position);
        CHECK(rp.snapshot().position == seen[0].position);
        CHECK(rp.snapshot().stdoutText == seen[0].stdoutText);
        CHECK(rp.snapshot().currentLine == seen[0].currentLine);
        CHECK(rp.snapshot().goroutines == seen[0].goroutines);
      }
      // Play to the end, then back to the start and forward again.
      rp.play();
      for (int i = 0; i < 400 && rp.playing(); i++) fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
      const api::Snapshot end = rp.snapshot();
      CHECK(end.finished);
      CHECK_FALSE(rp.narration().empty());
      rp.seek(0);
      CHECK(rp.snapshot().position == 0);
      rp.seek(end.position);
      CHECK(rp.snapshot().stdoutText == end.stdoutText);
    }
  }
}

TEST_CASE("player: the app forwards play, pause, step, back and seek to the current chapter's run") {
  Frame fr(1280, 720);
  ui::App app(ui::PlatformInfo{"test (no window)", "0.0.0", "none", "none"});
  auto frame = [&] { fr.frames(app, 1); };
  app.selectChapter(0);  // values: nothing runs there
  frame();
  CHECK(app.control(ui::App::Control::Step, 1) == ui::App::ControlResult::Unsupported);
  app.selectChapter(3);  // goroutines
  frame();
  frame();
  REQUIRE(app.chapter() == 3);
  CHECK(app.control(ui::App::Control::Step, 0) == ui::App::ControlResult::Invalid);
  CHECK(app.control(ui::App::Control::Step, 1, "sideways") == ui::App::ControlResult::Invalid);
  REQUIRE(app.control(ui::App::Control::Step, 3, "line") == ui::App::ControlResult::Done);
  const uint64_t p3 = app.runPosition();
  CHECK(p3 > 0);
  REQUIRE(app.control(ui::App::Control::Step, 2, "instruction") == ui::App::ControlResult::Done);
  CHECK(app.runPosition() == p3 + 2);
  REQUIRE(app.control(ui::App::Control::Back, 2, "instruction") == ui::App::ControlResult::Done);
  CHECK(app.runPosition() == p3);
  REQUIRE(app.control(ui::App::Control::Seek, 5) == ui::App::ControlResult::Done);
  CHECK(app.runPosition() == 5);
  CHECK(app.control(ui::App::Control::Play, 0) == ui::App::ControlResult::Done);
  CHECK(app.control(ui::App::Control::Pause, 0) == ui::App::ControlResult::Done);
}

TEST_CASE("files (desktop): an opened program goes into the Playground, and Save writes the current chapter's text") {
  Frame fr(1280, 720);
  ui::App app(ui::PlatformInfo{"test (no window)", "0.0.0", "none", "none"});
  auto frame = [&] { fr.frames(app, 1); };
  frame();
  const std::string src = "package main\n\nfunc main() {\n\tprintln(\"opened\")\n}\n";
  app.openProgram(src, "x.go");
  frame();
  frame();
  CHECK(app.chapter() == static_cast<int>(api::chapters().size()) - 1);
  CHECK(app.currentProgram() == src);
  ui::App::FileRequest r;
  CHECK_FALSE(app.takeFileRequest(&r));  // nothing asked yet
  // The opened program runs in the Playground.
  REQUIRE(app.control(ui::App::Control::Step, 1000, "instruction") == ui::App::ControlResult::Done);
  CHECK(app.runPosition() > 0);
}

TEST_CASE("player keys: U picks the next step unit, S the next speed; reduced motion slows watching to a line a second") {
  Frame fr(1280, 720);
  ui::AnalysisChapter ch("goroutines", ui::CodePanel::Filter{});
  fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
  CHECK(ch.controls().unit() == ui::RunPanel::Unit::Line);
  ImGui::GetIO().AddInputCharacter('u');
  fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
  CHECK(ch.controls().unit() == ui::RunPanel::Unit::Switch);
  const ui::RunPanel::Speed sp = ch.runPanel().speed();
  ImGui::GetIO().AddInputCharacter('s');
  fr.draw([&](const ui::PanelFrame& f) { ch.draw(f); });
  CHECK(ch.runPanel().speed() != sp);
  // Watching lines: ten a second normally (a line every 6 frames), one a second with reduced motion.
  for (bool reduced : {false, true}) {
    ui::RunPanel& rp = ch.runPanel();
    REQUIRE(rp.step(ui::RunPanel::Unit::Line));
    rp.setSpeed(ui::RunPanel::Speed::Lines);
    rp.play();
    const uint64_t from = rp.snapshot().position;
    for (int i = 0; i < 30; i++)
      fr.draw([&](const ui::PanelFrame& f0) {
        ui::PanelFrame f = f0;
        f.reducedMotion = reduced;
        ch.draw(f);
      });
    rp.pause();
    CHECK((rp.snapshot().position > from) == !reduced);  // 30 frames: five lines, or none yet
    ch.selectExample(0);  // a fresh run for the next round
  }
}
