// Run panel: runs the program on gofast's VM a slice per frame (the UI never waits for it: SPEC R2)
// and shows what a learner watches while it runs: the program's output (stdout, then stderr, as
// `go run` prints them), the goroutines with their state, wait reason and stack size, and the Ps
// with their run queues. Everything comes from api::Session::snapshot() (DESIGN rule 2).
#pragma once

#include <string>
#include <vector>

#include "api/session.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

// The panel is also the player (the Controls panel drives it): a run plays a slice per frame at the
// chosen speed, and can be paused, stepped and stepped back by instruction, line, goroutine switch,
// stack growth or GC, or moved to any instruction count (api::Session's time travel). After each
// move it keeps one plain sentence saying what happened (narration()).
class RunPanel : public Panel {
 public:
  const char* title() const override { return "Run (gofast's VM: what go run prints)"; }
  // The session to run; the panel calls startRun/runSome/stopRun on it.
  void bind(api::Session* s) { session_ = s; }
  // Instructions executed per frame at full speed (≈ a few ms natively: SPEC R2).
  static constexpr uint64_t kStepsPerFrame = 200000;
  // Starts a run and plays it (the Run button). False when the program cannot run (see runError()).
  bool run();
  // Called once per frame by the owner before drawing: advances a playing run by one slice.
  void tick();
  const api::Snapshot& snapshot() const { return snap_; }

  // ---- the player ----
  enum class Speed : uint8_t { Lines, Fast, Max };  // ~10 source lines a second, 2k instructions a frame, full
  using Unit = api::Session::StepUnit;
  api::RunConfig& config() { return cfg_; }
  Speed speed() const { return speed_; }
  void setSpeed(Speed s) { speed_ = s; }
  void setReducedMotion(bool on) { reducedMotion_ = on; }  // Speed::Lines moves a line a second
  bool playing() const { return playing_; }
  void play();   // starts a run first if there is none
  void pause() { playing_ = false; }
  // One unit forward or back, n times; seek to an instruction count. A run is started (paused) if
  // there is none. Return false when nothing moved.
  bool step(Unit u, long n = 1);
  bool back(Unit u, long n = 1);
  bool seek(uint64_t position);
  bool seekToTraceEvent(size_t index);  // a click on the timeline
  // The furthest instruction count known (the end once the run finished).
  uint64_t furthest() const;
  bool endKnown() const;  // the run has been played to its end (furthest() is the end)
  // What the last move did, in one sentence ("" before any).
  const std::string& narration() const { return narration_; }
  void setBreakpoints(const std::vector<int32_t>& lines);

 protected:
  void drawContent(const PanelFrame& frame) override;
  void drawTitleExtras(const PanelFrame& frame) override;

 private:
  bool ensureRun();  // starts a paused run if there is none
  void refresh(const char* verb);  // new snapshot + narration of the move from the previous one

  api::Session* session_ = nullptr;
  api::Snapshot snap_;
  api::RunConfig cfg_;
  bool failed_ = false;  // the last Run could not start (runError shown)
  bool playing_ = false;
  Speed speed_ = Speed::Max;
  int lineFrames_ = 0;   // Speed::Lines: frames since the last line step
  bool reducedMotion_ = false;
  std::string narration_;
};

}  // namespace gofast::ui
