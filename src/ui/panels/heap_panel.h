// Heap panel: Go's heap as the allocator sees it, from api::Snapshot values (DESIGN rule 2).
//
// At the top, the collector: its phase, how many cycles have run, and the number that decides when the
// next one starts, the heap goal (live heap after the last cycle × (1 + GOGC/100), at least 4 MiB:
// mgcpacer.go), drawn as a bar of the live heap against the goal. Below, the spans grouped by size
// class (sizeclasses.go: 67 classes from 8 B to 32 KiB; larger objects get a span of their own), each
// span's objects as small cells: free, allocated, marked by the GC. Goroutine stacks live in the same
// arena, in spans of their own (mSpanManual, stack.go): they are drawn apart, each stack in its
// goroutine's colour, so a learner sees that a goroutine's 2 KiB stack sits next to heap objects.
#pragma once

#include "api/snapshot.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class HeapPanel : public Panel {
 public:
  const char* title() const override { return "Heap: spans by size class, objects, GC"; }
  void bind(const api::Snapshot* s) { snap_ = s; }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  void drawGc(const PanelFrame& frame);
  const api::Snapshot* snap_ = nullptr;
};

}  // namespace gofast::ui
