// Controls: the player's bar (SPEC F7). Run / pause, the step unit (instruction, line, goroutine
// switch, stack growth, GC) with step and back buttons, the speed, a slider over the run's
// instructions (drag to travel in time), the run's options (GOMAXPROCS, seed, the write latency that
// makes output a slow syscall), and under them the narration: one sentence for what the last move did.
// Every button has a keyboard shortcut (shortcuts_overlay.cpp lists them; handleKeys() acts on them).
#pragma once

#include "ui/panels/panel.h"
#include "ui/panels/run_panel.h"

namespace gofast::ui {

class ControlsPanel {
 public:
  // The "slow writes" latency: 100 us, five sysmon ticks of 20 us, so sysmon retakes the P of a
  // goroutine blocked in write(2) (retake, proc.go:5338) and chapter 4 shows the handoff.
  static constexpr int64_t kSlowWriteNs = 100000;
  static constexpr int64_t kFastWriteNs = 2000;  // rt::kDefaultWriteLatencyNs
  void bind(RunPanel* run) { run_ = run; }
  // Height the bar needs (two rows).
  static float height();
  // Draws the bar at the cursor, `width` wide.
  void draw(const PanelFrame& frame, float width);
  // Space: play/pause; Right/Left: step/back by the chosen unit; Shift+Right/Left: by line;
  // Home/End: start/end of what has run; U: the next step unit; S: the next speed. Ignored while
  // typing in a text field.
  void handleKeys();
  RunPanel::Unit unit() const { return unit_; }

 private:
  RunPanel* run_ = nullptr;
  RunPanel::Unit unit_ = RunPanel::Unit::Line;
};

}  // namespace gofast::ui
