// Run panel: runs the program on gofast's VM a slice per frame (the UI never waits for it: SPEC R2)
// and shows what a learner watches while it runs: the program's output (stdout, then stderr, as
// `go run` prints them), the goroutines with their state, wait reason and stack size, and the Ps
// with their run queues. Everything comes from api::Session::snapshot() (DESIGN rule 2).
#pragma once

#include "api/session.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class RunPanel : public Panel {
 public:
  const char* title() const override { return "Run (gofast's VM: what go run prints)"; }
  // The session to run; the panel calls startRun/runSome/stopRun on it.
  void bind(api::Session* s) { session_ = s; }
  // Instructions executed per frame while running (≈ a few ms natively).
  static constexpr uint64_t kStepsPerFrame = 200000;
  // Starts a run (as the Run button does). False when the program cannot run (see runError()).
  bool run();
  // Called once per frame by the owner before drawing: advances a running program by one slice.
  void tick();
  const api::Snapshot& snapshot() const { return snap_; }

 protected:
  void drawContent(const PanelFrame& frame) override;
  void drawTitleExtras(const PanelFrame& frame) override;

 private:
  api::Session* session_ = nullptr;
  api::Snapshot snap_;
  bool failed_ = false;  // the last Run could not start (runError shown)
};

}  // namespace gofast::ui
