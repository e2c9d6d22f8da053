// The embed "panels" option (docs/embedding.md, SPEC F6): a tutorial that embeds a chapter may show
// only some of its panels. The chapter's own layout (analysis_chapter.cpp) is not touched; instead, when
// a filter is set, draw() hands over to drawOnly(), which places the chosen panels in a grid (one
// column, or two when the view is wide) in the order the author listed them.
#include <algorithm>
#include <cmath>

#include "ui/analysis_chapter.h"

namespace gofast::ui {

std::vector<std::string> AnalysisChapter::panelIds() const {
  std::vector<std::string> ids;
  if (hasNarration_) ids.push_back("narration");
  if (!examples_.empty()) ids.push_back("examples");
  if (runs_ || both_) ids.push_back("controls");  // the player's bar (not a boxed panel: drawn on top)
  ids.push_back("code");
  if (values_) {
    ids.insert(ids.end(), {"layout", "footprint"});
  } else if (runs_) {
    if (id_ == "goroutines")
      ids.insert(ids.end(), {"scheduler", "run", "threads", "timeline", "frames"});
    else
      ids.insert(ids.end(), {"frames", "space", "run", "heap"});
  } else {
    ids.push_back("compiler");
    if (both_) ids.insert(ids.end(), {"run", "scheduler", "heap", "space", "timeline", "frames"});
  }
  return ids;
}

void AnalysisChapter::setVisiblePanels(const std::vector<std::string>& ids) {
  const std::vector<std::string> have = panelIds();
  visible_.clear();
  for (const std::string& id : ids)
    if (std::find(have.begin(), have.end(), id) != have.end() &&
        std::find(visible_.begin(), visible_.end(), id) == visible_.end())
      visible_.push_back(id);
}

void AnalysisChapter::drawOnly(const PanelFrame& frame) {
  // What draw() does every frame for a chapter that runs programs (breakpoints, keys, the run's slice,
  // the goroutines' lines in the code), then the bar and the boxed panels.
  const bool controls = std::find(visible_.begin(), visible_.end(), "controls") != visible_.end();
  if (runs_ || both_) {
    std::vector<int32_t> bps(code_.editor().breakpoints().begin(), code_.editor().breakpoints().end());
    run_.setBreakpoints(bps);
    if (controls) controls_.handleKeys();
  }
  run_.tick();
  code_.setRunLines(runs_ || both_ ? &run_.snapshot() : nullptr, frame.dark);
  if (controls) controls_.draw(frame, ImGui::GetContentRegionAvail().x);
  std::vector<std::string> boxed;
  for (const std::string& id : visible_)
    if (id != "controls") boxed.push_back(id);
  if (boxed.empty()) return;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 sp = ImGui::GetStyle().ItemSpacing;
  const int n = static_cast<int>(boxed.size());
  const int cols = n >= 2 && avail.x > avail.y * 1.5f ? 2 : 1;
  const int rows = (n + cols - 1) / cols;
  const float cellW = std::floor((avail.x - sp.x * static_cast<float>(cols - 1)) / static_cast<float>(cols));
  const float cellH = std::floor((avail.y - sp.y * static_cast<float>(rows - 1)) / static_cast<float>(rows));
  const api::Snapshot* snap = &run_.snapshot();
  for (int i = 0; i < n; ++i) {
    if (i % cols != 0) ImGui::SameLine();
    const std::string& id = boxed[static_cast<size_t>(i)];
    // The last panel of a short last row takes the full width.
    const float w = (i == n - 1 && i % cols == 0) ? avail.x : cellW;
    const ImVec2 size(w, cellH);
    if (id == "narration") {
      narration_.draw("narration", frame, size);
    } else if (id == "examples") {
      ImGui::BeginChild("examples", size, true);
      ImGui::TextDisabled("Examples");
      ImGui::Separator();
      drawExamples(frame);
      ImGui::EndChild();
    } else if (id == "code") {
      code_.draw("code", frame, size);
    } else if (id == "compiler") {
      compiler_.bind(&session_, code_.selectedNote());
      compiler_.draw("compiler", frame, size);
      int clicked = compiler_.takeClickedNote();
      if (clicked >= 0) code_.selectNote(session_, clicked == code_.selectedNote() ? -1 : clicked, frame.dark);
    } else if (id == "layout") {
      layout_.bind(&session_);
      layout_.draw("layout", frame, size);
    } else if (id == "footprint") {
      footprint_.draw("footprint", frame, size);
    } else if (id == "run") {
      run_.draw("run", frame, size);
    } else if (id == "threads") {
      threads_.bind(&session_, snap->steps);
      threads_.draw("threads", frame, size);
    } else if (id == "scheduler") {
      sched_.bind(snap);
      sched_.draw("scheduler", frame, size);
    } else if (id == "heap") {
      heap_.bind(snap);
      heap_.draw("heap", frame, size);
    } else if (id == "space") {
      space_.bind(snap);
      space_.draw("space", frame, size);
    } else if (id == "frames") {
      frames_.bind(snap);
      frames_.draw("frames", frame, size);
    } else if (id == "timeline") {
      timeline_.bind(&session_, snap->steps);
      timeline_.draw("timeline", frame, size);
    }
  }
}

}  // namespace gofast::ui
