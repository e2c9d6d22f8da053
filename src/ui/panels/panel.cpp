#include "ui/panels/panel.h"

namespace gofast::ui {

std::vector<DrawnPanel>& drawnPanels() {
  static std::vector<DrawnPanel> list;
  return list;
}

void Panel::draw(const char* id, const PanelFrame& frame, ImVec2 size) {
  ImGui::PushID(id);
  if (ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", title());
    drawTitleExtras(frame);
    ImGui::Separator();
    drawContent(frame);
  }
  ImGui::EndChild();
  // Bounded: code that draws panels without App::frame() (tests) never clears the list.
  constexpr size_t kMaxDrawnPanels = 64;
  if (drawnPanels().size() < kMaxDrawnPanels)
    drawnPanels().push_back(DrawnPanel{id, title(), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  ImGui::PopID();
}

}  // namespace gofast::ui
