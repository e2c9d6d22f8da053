#include "ui/panels/timeline_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/panels/scheduler_panel.h"  // goroutineColor
#include "ui/panels/threads_panel.h"    // humanNs

namespace gofast::ui {

namespace {
constexpr float kMaxZoom = 100000.0f;
}

void TimelinePanel::zoomBy(float factor, float anchor) {
  const float oldZoom = zoom_;
  zoom_ = std::clamp(zoom_ * factor, 1.0f, kMaxZoom);
  const float frac = (anchor - offset_) * oldZoom;
  offset_ = std::clamp(anchor - frac / zoom_, 0.0f, 1.0f - 1.0f / zoom_);
}

void TimelinePanel::drawTitleExtras(const PanelFrame&) {
  ImGui::SameLine();
  if (ImGui::SmallButton("-")) zoomBy(1.0f / 1.6f, offset_ + 0.5f / zoom_);
  ImGui::SameLine();
  if (ImGui::SmallButton("+")) zoomBy(1.6f, offset_ + 0.5f / zoom_);
  ImGui::SameLine();
  if (ImGui::SmallButton("all")) {
    zoom_ = 1.0f;
    offset_ = 0.0f;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("wheel on P lanes (Ctrl+wheel on G lanes) = zoom, drag = pan, click = that moment");
}

void TimelinePanel::drawContent(const PanelFrame& frame) {
  if (session_ == nullptr || !session_->hasRun()) {
    cached_ = false;
    ImGui::TextDisabled("Run the program: each P and each goroutine gets a lane showing when it ran.");
    return;
  }
  if (!cached_ || cachedSteps_ != runSteps_) {
    view_ = session_->timeline();
    cachedSteps_ = runSteps_;
    cached_ = true;
    byP_.assign(static_cast<size_t>(std::max(0, view_.nps)), {});
    byG_.assign(view_.goids.size(), {});
    marksByG_.assign(view_.goids.size(), {});
    auto lane = [&](int64_t goid) {
      auto it = std::lower_bound(view_.goids.begin(), view_.goids.end(), goid);
      return it != view_.goids.end() && *it == goid ? static_cast<int>(it - view_.goids.begin()) : -1;
    };
    for (uint32_t i = 0; i < view_.slices.size(); i++) {
      const api::TimelineSlice& s = view_.slices[i];
      if (s.p >= 0 && s.p < view_.nps) byP_[static_cast<size_t>(s.p)].push_back(i);
      const int l = lane(s.goid);
      if (l >= 0) byG_[static_cast<size_t>(l)].push_back(i);
    }
    for (uint32_t i = 0; i < view_.marks.size(); i++) {
      const int l = lane(view_.marks[i].goid);
      if (l >= 0) marksByG_[static_cast<size_t>(l)].push_back(i);
    }
  }
  const api::TimelineView& v = view_;
  const bool dark = frame.dark;
  ImDrawList* axis = ImGui::GetWindowDrawList();
  const float lineH = ImGui::GetTextLineHeight();
  const float labelW = ImGui::CalcTextSize("G00000").x + 8;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float W = std::max(50.0f, ImGui::GetContentRegionAvail().x - labelW - ImGui::GetStyle().ScrollbarSize);
  const double end = static_cast<double>(std::max<int64_t>(1, v.now));
  const float x0 = origin.x + labelW;
  auto xOf = [&](int64_t t) { return x0 + (static_cast<float>(static_cast<double>(t) / end) - offset_) * zoom_ * W; };
  ImGuiIO& io = ImGui::GetIO();
  // Time axis.
  {
    const double visible = end / static_cast<double>(zoom_);
    // A 1-2-5 step that leaves room for a label between ticks.
    const double minStep = visible * static_cast<double>(ImGui::CalcTextSize("000.00 ms").x + 12.0f) / static_cast<double>(W);
    double step = std::pow(10.0, std::floor(std::log10(std::max(minStep, 1.0))));
    if (step < minStep) step *= 2;
    if (step < minStep) step *= 2.5;
    if (step < minStep) step *= 2;
    const double t0 = static_cast<double>(offset_) * end;
    for (double t = std::ceil(t0 / step) * step; t <= t0 + visible; t += step) {
      const float x = xOf(static_cast<int64_t>(t));
      if (x > x0 + W) break;
      axis->AddLine(ImVec2(x, origin.y + lineH), ImVec2(x, origin.y + lineH + 4), ImGui::GetColorU32(ImGuiCol_TextDisabled));
      axis->AddText(ImVec2(x + 2, origin.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), humanNs(static_cast<int64_t>(t)).c_str());
    }
    ImGui::Dummy(ImVec2(labelW + W, lineH + 6));
  }
  const float laneH = lineH + 4;
  uint32_t clicked = UINT32_MAX;
  bool any = false;
  auto drawLane = [&](const char* label, const std::vector<uint32_t>& slices, const std::vector<uint32_t>* marks, bool byGoroutine,
                      const char* tip) {
    ImDrawList* dl = ImGui::GetWindowDrawList();  // the lanes' own window (the goroutine lanes scroll)
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(label, ImVec2(labelW + W, laneH));
    const bool hov = ImGui::IsItemHovered();
    if (ImGui::IsItemActive() && io.MouseDelta.x != 0.0f)
      offset_ = std::clamp(offset_ - io.MouseDelta.x / (W * zoom_), 0.0f, 1.0f - 1.0f / zoom_);
    // The wheel zooms on the P lanes; on the goroutine lanes it scrolls, and zooms with Ctrl.
    if (hov && io.MouseWheel != 0.0f && (!byGoroutine || io.KeyCtrl)) zoomBy(std::pow(1.25f, io.MouseWheel), offset_ + (io.MousePos.x - x0) / (W * zoom_));
    if (o.y + laneH < ImGui::GetWindowPos().y || o.y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight()) return;
    dl->AddText(ImVec2(o.x, o.y + 2), ImGui::GetColorU32(ImGuiCol_Text), label);
    if (hov && io.MousePos.x < x0 && tip != nullptr) ImGui::SetTooltip("%s", tip);
    dl->PushClipRect(ImVec2(x0, o.y), ImVec2(x0 + W, o.y + laneH), true);
    dl->AddRectFilled(ImVec2(x0, o.y + 1), ImVec2(x0 + W, o.y + laneH - 1), dark ? IM_COL32(36, 37, 42, 255) : IM_COL32(240, 240, 243, 255));
    const bool press = hov && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && std::fabs(io.MouseDragMaxDistanceSqr[0]) < 9.0f;
    for (uint32_t si : slices) {
      const api::TimelineSlice& s = v.slices[si];
      float a = xOf(s.t0), b = xOf(s.t1);
      if (b < x0 || a > x0 + W) continue;
      b = std::max(b, a + 1.0f);
      ImU32 col = byGoroutine ? (s.p >= 0 ? goroutineColor(s.goid, dark) : (dark ? IM_COL32(230, 120, 100, 255) : IM_COL32(190, 70, 50, 255)))
                              : goroutineColor(s.goid, dark);
      dl->AddRectFilled(ImVec2(a, o.y + 3), ImVec2(b, o.y + laneH - 3), col);
      if (!byGoroutine && b - a > 24) {
        const std::string t = "G" + std::to_string(s.goid);
        if (ImGui::CalcTextSize(t.c_str()).x + 4 < b - a) dl->AddText(ImVec2(a + 2, o.y + 2), IM_COL32(20, 20, 25, 255), t.c_str());
      }
      if (byGoroutine && b - a > 24 && s.p >= 0) {
        const std::string t = "P" + std::to_string(s.p);
        if (ImGui::CalcTextSize(t.c_str()).x + 4 < b - a) dl->AddText(ImVec2(a + 2, o.y + 2), IM_COL32(20, 20, 25, 255), t.c_str());
      }
      if (hov && io.MousePos.x >= a && io.MousePos.x < b) {
        any = true;
        ImGui::SetTooltip("G%lld %s %s%d, %s to %s (%s)\nended: %s\nclick: go to this moment (trace event %u)",
                          static_cast<long long>(s.goid), s.syscall ? "in a syscall on" : "ran on", s.syscall ? "M" : "P",
                          s.syscall ? s.m : s.p, humanNs(s.t0).c_str(), humanNs(s.t1).c_str(), humanNs(s.t1 - s.t0).c_str(),
                          s.end.c_str(), s.startEvent);
        if (press) clicked = s.startEvent;
      }
    }
    if (marks != nullptr) {
      for (uint32_t mi : *marks) {
        const api::TimelineMark& m = v.marks[mi];
        const float x = xOf(m.t);
        if (x < x0 - 4 || x > x0 + W + 4) continue;
        const ImU32 col = dark ? IM_COL32(235, 235, 240, 255) : IM_COL32(30, 30, 35, 255);
        dl->AddTriangleFilled(ImVec2(x - 3, o.y + laneH - 1), ImVec2(x + 3, o.y + laneH - 1), ImVec2(x, o.y + laneH - 6), col);
        if (hov && !any && std::fabs(io.MousePos.x - x) <= 3.0f) {
          any = true;
          ImGui::SetTooltip("%s: G%lld %s\nclick: go to this moment (trace event %u)", humanNs(m.t).c_str(), static_cast<long long>(m.goid),
                            m.what.c_str(), m.event);
          if (press) clicked = m.event;
        }
      }
    }
    // The cursor: now.
    const float xn = xOf(v.now);
    dl->AddLine(ImVec2(xn, o.y), ImVec2(xn, o.y + laneH), dark ? IM_COL32(255, 90, 90, 255) : IM_COL32(210, 30, 30, 255), 2.0f);
    dl->PopClipRect();
  };
  static const char* kPTip = "A P lane: which goroutine ran on this processor, and when. Gaps: the P was idle.";
  static const char* kGTip = "A goroutine lane: when it ran (on which P), and triangles for what happened to it.";
  for (int p = 0; p < v.nps; p++) {
    const std::string l = "P" + std::to_string(p);
    drawLane(l.c_str(), byP_[static_cast<size_t>(p)], nullptr, false, kPTip);
  }
  ImGui::Separator();
  ImGui::BeginChild("glanes", ImVec2(0, 0), false, io.KeyCtrl ? ImGuiWindowFlags_NoScrollWithMouse : 0);
  // 10,000 goroutines make 10,000 lanes: only the visible ones are laid out (ImGuiListClipper).
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(v.goids.size()), laneH + ImGui::GetStyle().ItemSpacing.y);
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; i++) {
      const size_t k = static_cast<size_t>(i);
      const std::string l = "G" + std::to_string(v.goids[k]);
      ImGui::PushID(i);
      drawLane(l.c_str(), byG_[k], &marksByG_[k], true, kGTip);
      ImGui::PopID();
    }
  }
  ImGui::EndChild();
  if (clicked != UINT32_MAX && onSeek) onSeek(clicked);
}

}  // namespace gofast::ui
