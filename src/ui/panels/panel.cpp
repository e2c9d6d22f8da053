#include "ui/panels/panel.h"

namespace gofast::ui {

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
  ImGui::PopID();
}

}  // namespace gofast::ui
