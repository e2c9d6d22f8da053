// Timeline panel: the run's scheduler trace as lanes, one per P (which goroutine ran on it when) and
// one per goroutine (when it ran, on which P, and what happened to it: created, blocked, unblocked,
// preempted, its stack grown), on a linear axis of virtual time with a cursor at "now". The mouse
// wheel or the +/- buttons zoom around the pointer, dragging pans, hovering explains a slice or a
// mark, and clicking one reports its trace event index through onSeek (time travel will jump there).
// Data: api::Session::timeline() (plain values built from rt::Trace), rebuilt only when the run has
// advanced (the owner passes the run's instruction count).
#pragma once

#include <cstdint>
#include <functional>

#include "api/session.h"
#include "api/snapshot_views.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class TimelinePanel : public Panel {
 public:
  const char* title() const override { return "Timeline: who ran where, and when (virtual time)"; }
  void bind(const api::Session* s, uint64_t runSteps) {
    session_ = s;
    runSteps_ = runSteps;
  }
  // Called with a trace event index when the user clicks a slice (its start) or a mark.
  std::function<void(uint32_t eventIndex)> onSeek;

  const api::TimelineView& view() const { return view_; }
  float zoom() const { return zoom_; }
  float offset() const { return offset_; }
  void zoomBy(float factor, float anchor);  // anchor in [0, 1] of the whole run, kept in place

 protected:
  void drawContent(const PanelFrame& frame) override;
  void drawTitleExtras(const PanelFrame& frame) override;

 private:
  const api::Session* session_ = nullptr;
  uint64_t runSteps_ = 0;
  bool cached_ = false;
  uint64_t cachedSteps_ = 0;
  api::TimelineView view_;
  std::vector<std::vector<uint32_t>> byP_, byG_;     // slice indices per lane
  std::vector<std::vector<uint32_t>> marksByG_;
  float zoom_ = 1.0f, offset_ = 0.0f;
};

}  // namespace gofast::ui
