// Scheduler panel (chapter 4): Go's G-M-P scheduler as it is now, drawn from api::Snapshot values.
//
//   G = a goroutine, M = an OS thread, P = a "processor": GOMAXPROCS of them, and an M may run Go code
//   only while it holds one. Each P is a card: its local run queue drawn as the 256-slot ring it
//   really is (runtime2.go:631; occupied slots coloured by goroutine, head and tail marked), its
//   runnext slot (the goroutine that runs next, ahead of the ring), the M holding it and the G that
//   M runs. Under the cards: the global run queue (sched.runq), every M with its state (running,
//   spinning, idle, in a syscall) and sysmon's next wake-up. Every element has a tooltip saying what it
//   is and where proc.go handles it, so a learner who never heard of G-M-P can read the picture.
#pragma once

#include <cstdint>

#include "api/snapshot.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class SchedulerPanel : public Panel {
 public:
  const char* title() const override { return "Scheduler: goroutines (G) on threads (M) holding processors (P)"; }
  // The snapshot to draw (owned by the caller, valid while drawing).
  void bind(const api::Snapshot* s) { snap_ = s; }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  void drawP(const api::PView& p, float width, float height, const PanelFrame& frame);
  void drawQueues(const PanelFrame& frame);
  const api::Snapshot* snap_ = nullptr;
};

// A stable colour per goroutine (the same G has the same colour in every panel).
ImU32 goroutineColor(int64_t goid, bool dark);

}  // namespace gofast::ui
