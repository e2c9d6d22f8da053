#include "ui/panels/layout_panel.h"

#include <algorithm>
#include <string>

namespace gofast::ui {

namespace {

ImU32 fieldColour(size_t i, bool dark) {
  static const ImU32 darkPal[] = {IM_COL32(86, 156, 214, 255), IM_COL32(110, 200, 120, 255), IM_COL32(206, 145, 220, 255),
                                  IM_COL32(220, 180, 80, 255), IM_COL32(90, 200, 200, 255), IM_COL32(236, 140, 70, 255)};
  static const ImU32 lightPal[] = {IM_COL32(40, 110, 190, 255), IM_COL32(40, 150, 60, 255), IM_COL32(150, 80, 170, 255),
                                   IM_COL32(175, 125, 0, 255), IM_COL32(0, 140, 140, 255), IM_COL32(200, 95, 20, 255)};
  return dark ? darkPal[i % 6] : lightPal[i % 6];
}

}  // namespace

void drawLayoutRow(const std::vector<compile::LayoutRow>& rows, int64_t size, float cell, bool dark,
                   const std::vector<std::string_view>& colourOrder) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float h = std::max(cell, ImGui::GetFontSize() * 1.2f);
  const ImU32 padCol = dark ? IM_COL32(90, 90, 96, 255) : IM_COL32(200, 200, 205, 255);
  const ImU32 gridCol = dark ? IM_COL32(30, 32, 38, 255) : IM_COL32(250, 250, 248, 255);
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 darkText = IM_COL32(20, 20, 24, 255);
  for (const compile::LayoutRow& r : rows) {
    if (r.size <= 0) continue;
    // A field keeps its colour in the declared and the reordered row.
    size_t fieldIdx = static_cast<size_t>(std::find(colourOrder.begin(), colourOrder.end(), r.name) - colourOrder.begin());
    float x0 = origin.x + static_cast<float>(r.offset) * cell;
    float x1 = origin.x + static_cast<float>(r.offset + r.size) * cell;
    ImU32 c = r.padding ? padCol : fieldColour(fieldIdx, dark);
    dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x1, origin.y + h), c);
    if (r.padding) {  // hatch the hole
      for (float x = x0 - h; x < x1; x += 6.0f) {
        float a = std::max(x, x0), b = std::min(x + h, x1);
        if (b > a) dl->AddLine(ImVec2(a, origin.y + h - (a - x)), ImVec2(b, origin.y + h - (b - x)), gridCol, 1.0f);
      }
    }
    // byte separators when cells are wide enough to see them
    if (cell >= 6.0f)
      for (int64_t b = 1; b < r.size; b++) {
        float x = x0 + static_cast<float>(b) * cell;
        dl->AddLine(ImVec2(x, origin.y + h * 0.7f), ImVec2(x, origin.y + h), gridCol, 1.0f);
      }
    dl->AddRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + h), gridCol);
    std::string label = r.padding ? "pad" : std::string(r.name);
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    if (ts.x + 4 < x1 - x0)
      dl->AddText(ImVec2(x0 + (x1 - x0 - ts.x) * 0.5f, origin.y + (h - ts.y) * 0.5f), r.padding ? textCol : darkText, label.c_str());
    // tooltip
    if (ImGui::IsMouseHoveringRect(ImVec2(x0, origin.y), ImVec2(x1, origin.y + h)) && ImGui::IsWindowHovered()) {
      if (r.padding)
        ImGui::SetTooltip("padding: %lld unused byte(s) at offset %lld%s", static_cast<long long>(r.size),
                          static_cast<long long>(r.offset), r.tail ? " (tail: rounds the size up to the alignment)" : "");
      else
        ImGui::SetTooltip("%.*s %s: offset %lld, size %lld, align %lld", static_cast<int>(r.name.size()), r.name.data(),
                          r.typeName.c_str(), static_cast<long long>(r.offset), static_cast<long long>(r.size),
                          static_cast<long long>(r.align));
    }
  }
  ImGui::Dummy(ImVec2(static_cast<float>(size) * cell, h));
}

void LayoutPanel::drawContent(const PanelFrame& frame) {
  ImGui::BeginChild("layouts", ImVec2(0, 0), false);
  if (session_ == nullptr || !session_->ok()) {
    ImGui::TextDisabled(session_ != nullptr && session_->loaded() ? "The program has errors." : "No program.");
    ImGui::EndChild();
    return;
  }
  const auto& layouts = session_->structLayouts();
  if (layouts.empty()) ImGui::TextDisabled("This program declares no struct types.");
  const float avail = ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < layouts.size(); i++) {
    const compile::LayoutReport& r = layouts[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Text("type %s struct", r.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%lld bytes, align %lld; fields %lld, padding %lld", static_cast<long long>(r.size),
                        static_cast<long long>(r.align), static_cast<long long>(r.fieldBytes),
                        static_cast<long long>(r.paddingBytes));
    const int64_t maxSize = std::max<int64_t>(r.size, 1);
    const float cell = std::clamp(avail / static_cast<float>(std::max<int64_t>(maxSize, 8)), 1.0f, 28.0f);
    std::vector<std::string_view> names;
    for (const compile::LayoutRow& row : r.rows)
      if (!row.padding) names.push_back(row.name);
    drawLayoutRow(r.rows, r.size, cell, frame.dark, names);
    if (r.reorderHelps()) {
      ImGui::TextDisabled("reordered by alignment: %lld bytes, saves %lld (%d%%)", static_cast<long long>(r.reorderedSize),
                          static_cast<long long>(r.saving()),
                          static_cast<int>(100 * r.saving() / std::max<int64_t>(r.size, 1)));
      drawLayoutRow(r.reorderedRows, r.reorderedSize, cell, frame.dark, names);
    } else if (r.paddingBytes > 0) {
      ImGui::TextDisabled("reordering cannot make it smaller");
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace gofast::ui
