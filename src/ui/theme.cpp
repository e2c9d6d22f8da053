#include "ui/theme.h"

#include <imgui.h>

namespace gofast::ui {

void applyTheme(bool dark, float uiScale) {
  ImGuiStyle style;  // start from defaults so that scaling never compounds
  if (dark) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 4.0f;
  style.FrameRounding = 3.0f;
  style.TabRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowBorderSize = 1.0f;
  ImVec4* c = style.Colors;
  if (dark) {
    c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.15f, 0.16f, 0.19f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.60f, 0.63f, 0.68f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.18f, 0.22f, 0.28f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.00f, 0.52f, 0.66f, 1.0f);
    c[ImGuiCol_TabActive] = ImVec4(0.00f, 0.45f, 0.58f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.00f, 0.45f, 0.58f, 0.45f);
    c[ImGuiCol_Button] = ImVec4(0.00f, 0.45f, 0.58f, 0.55f);
  } else {
    c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.92f, 0.93f, 0.94f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.08f, 0.09f, 0.11f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.40f, 0.44f, 1.0f);
    c[ImGuiCol_Tab] = ImVec4(0.82f, 0.88f, 0.92f, 1.0f);
    c[ImGuiCol_TabHovered] = ImVec4(0.00f, 0.68f, 0.85f, 0.80f);
    c[ImGuiCol_TabActive] = ImVec4(0.55f, 0.82f, 0.92f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.00f, 0.60f, 0.76f, 0.35f);
    c[ImGuiCol_Button] = ImVec4(0.00f, 0.60f, 0.76f, 0.35f);
    // Check boxes, radio buttons and fields must stand out from the near-white window.
    c[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.88f, 0.90f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.78f, 0.84f, 0.88f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.70f, 0.80f, 0.86f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.70f, 0.72f, 0.75f, 0.80f);
  }
  style.ScaleAllSizes(uiScale);
  ImGui::GetStyle() = style;
}

}  // namespace gofast::ui
