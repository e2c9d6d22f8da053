// Address-space panel: the whole simulated process on one horizontal bar, from api::Snapshot values.
//
// A real Go process spans 128 TiB of addresses of which a few MiB are used: text at 0x400000, the
// heap arena at 0xc000000000, the main thread's stack just under 0x7ffffffff000. Drawn to scale, all
// of it but the gaps would be invisible, so the axis is NOT linear: every mapping gets width by the
// logarithm of its size (a 4 KiB guard page stays visible next to a 64 MiB arena), the unmapped gaps
// get a small fixed width and say how big they really are, and the heap arena is opened up the same
// way into its spans: heap objects, goroutine stacks (each in its goroutine's colour) and free pages.
// Hover shows the real address range, size and resident bytes; the mouse wheel or the +/- buttons
// zoom around the pointer, dragging pans.
#pragma once

#include <string>
#include <vector>

#include "api/snapshot.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class AddressSpacePanel : public Panel {
 public:
  const char* title() const override { return "Address space: the whole process (not to scale)"; }
  void bind(const api::Snapshot* s) { snap_ = s; }

  // One piece of the axis: a mapping, a gap, or a piece of the heap arena.
  struct Segment {
    enum class Kind { Mapping, Gap, HeapSpan, StackSpan, ArenaFree } kind = Kind::Mapping;
    std::string label;      // short text drawn inside when it fits
    std::string mapKind;    // mapping kind ("text", "guard", ...) for colour and explanation
    uint64_t lo = 0, hi = 0;
    uint64_t resident = 0;
    std::string prot;
    float x0 = 0, x1 = 0;   // position on the axis in [0, 1]
    int depth = 0;          // 0 = top bar, 1 = inside the heap arena (drawn in the lower half)
  };
  // The axis for a snapshot (public for tests): segments in address order, x0 < x1, covering [0, 1]
  // at depth 0 without overlap.
  static std::vector<Segment> layout(const api::Snapshot& s);
  // Zoom factor (1 = whole process) and the left edge of the view on the axis.
  float zoom() const { return zoom_; }
  float offset() const { return offset_; }
  void zoomBy(float factor, float anchor);  // anchor: axis position kept under the pointer

 protected:
  void drawContent(const PanelFrame& frame) override;
  void drawTitleExtras(const PanelFrame& frame) override;

 private:
  const api::Snapshot* snap_ = nullptr;
  float zoom_ = 1.0f;
  float offset_ = 0.0f;
};

}  // namespace gofast::ui
