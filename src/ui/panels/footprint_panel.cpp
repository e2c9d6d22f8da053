#include "ui/panels/footprint_panel.h"

#include <algorithm>
#include <cmath>

namespace gofast::ui {

using models::Shape;

namespace {

Shape padded() {
  return Shape::structOf({{"a", Shape::boolValue()}, {"b", Shape::int64Value()}, {"c", Shape::boolValue()}});
}
Shape point() { return Shape::structOf({{"X", Shape::int32Value()}, {"Y", Shape::int32Value()}}); }

ImU32 roleColour(models::ByteRole r, bool dark) {
  switch (r) {
    case models::ByteRole::Header: return dark ? IM_COL32(220, 90, 90, 255) : IM_COL32(200, 60, 60, 255);
    case models::ByteRole::Length: return dark ? IM_COL32(190, 130, 230, 255) : IM_COL32(140, 80, 190, 255);
    case models::ByteRole::Pointer: return dark ? IM_COL32(236, 150, 70, 255) : IM_COL32(215, 110, 20, 255);
    case models::ByteRole::Payload: return dark ? IM_COL32(100, 190, 120, 255) : IM_COL32(40, 150, 70, 255);
    case models::ByteRole::Padding: return dark ? IM_COL32(85, 85, 92, 255) : IM_COL32(200, 200, 205, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

std::string withThousands(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > (s[0] == '-' ? 1 : 0); i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

}  // namespace

FootprintPanel::FootprintPanel() {
  choices_ = {
      {"int", false, [](int64_t) { return Shape::intValue(); }, [] { return Shape::intValue(); }},
      {"int32", false, [](int64_t) { return Shape::int32Value(); }, [] { return Shape::int32Value(); }},
      {"bool", false, [](int64_t) { return Shape::boolValue(); }, [] { return Shape::boolValue(); }},
      {"float64", false, [](int64_t) { return Shape::float64Value(); }, [] { return Shape::float64Value(); }},
      {"string of N bytes", true, [](int64_t n) { return Shape::string(n); }, [] { return Shape::string(8); }},
      {"[]int of N values", true, [](int64_t n) { return Shape::slice(Shape::intValue(), n); }, [] { return Shape::intValue(); }},
      {"[N]int", true, [](int64_t n) { return Shape::array(Shape::intValue(), n); }, [] { return Shape::intValue(); }},
      {"struct{X, Y int32}", false, [](int64_t) { return point(); }, [] { return point(); }},
      {"[]struct{X, Y int32} of N", true, [](int64_t n) { return Shape::slice(point(), n); }, [] { return point(); }},
      {"struct{a bool; b int64; c bool}", false, [](int64_t) { return padded(); }, [] { return padded(); }},
      {"*int", false, [](int64_t) { return Shape::pointer(Shape::intValue()); }, [] { return Shape::intValue(); }},
  };
}

void FootprintPanel::drawColumn(models::Runtime rt, const Shape& v, float width, bool dark) {
  models::Footprint fp = models::footprint(v, rt);
  models::ByteGrid grid = models::byteGrid(v, rt);
  ImGui::TextUnformatted(models::runtimeName(rt));
  ImGui::SameLine();
  ImGui::Text("%s bytes", withThousands(fp.bytes).c_str());
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextDisabled("%s", fp.formula.c_str());
  ImGui::PopTextWrapPos();
  const float cell = std::clamp(std::floor(width / 32.0f) - 1.0f, 3.0f, 10.0f);
  const int perRow = std::max(8, static_cast<int>(width / (cell + 1.0f)) / 8 * 8);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const models::ByteBlock& b : grid.blocks) {
    std::string title = b.title;
    if (b.count > 1) title += "  x " + withThousands(b.count);
    if (b.shared) title += "  (shared)";
    ImGui::TextDisabled("%s: %s B", title.c_str(), withThousands(b.size).c_str());
    const int64_t shown = std::min<int64_t>(b.size, 8 * perRow);  // at most 8 rows per block
    ImVec2 o = ImGui::GetCursorScreenPos();
    for (const models::ByteSpan& sp : b.spans) {
      for (int64_t i = sp.offset; i < sp.offset + sp.size && i < shown; i++) {
        float x = o.x + static_cast<float>(i % perRow) * (cell + 1.0f);
        float y = o.y + static_cast<float>(i / perRow) * (cell + 1.0f);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cell, y + cell), roleColour(sp.role, dark));
        if (ImGui::IsMouseHoveringRect(ImVec2(x, y), ImVec2(x + cell + 1, y + cell + 1)) && ImGui::IsWindowHovered())
          ImGui::SetTooltip("%s: %s (bytes %lld-%lld)", models::byteRoleName(sp.role), sp.label.c_str(),
                            static_cast<long long>(sp.offset), static_cast<long long>(sp.offset + sp.size - 1));
      }
    }
    const int64_t rows = (shown + perRow - 1) / perRow;
    ImGui::Dummy(ImVec2(static_cast<float>(perRow) * (cell + 1.0f), static_cast<float>(rows) * (cell + 1.0f)));
    if (shown < b.size) ImGui::TextDisabled("... %s more bytes", withThousands(b.size - shown).c_str());
  }
}

void FootprintPanel::drawChart(const Shape& elem, bool dark) {
  const std::vector<int64_t> ns = {1, 10, 100, 1000, 10000};
  std::vector<models::SeriesRow> rows = models::footprintSeries(elem, ns);
  ImGui::TextDisabled("Bytes for N values in each runtime's usual container ([]T, list, ArrayList), log scale:");
  double maxV = 1;
  for (const auto& r : rows) maxV = std::max({maxV, double(r.go), double(r.cpython), double(r.javaList)});
  const float w = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 12.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float barH = ImGui::GetFontSize() * 0.55f;
  struct Series {
    const char* name;
    ImU32 colour;
    int64_t models::SeriesRow::*field;
  };
  const Series series[] = {{"Go", dark ? IM_COL32(90, 200, 220, 255) : IM_COL32(0, 130, 160, 255), &models::SeriesRow::go},
                           {"CPython", dark ? IM_COL32(230, 200, 90, 255) : IM_COL32(170, 130, 0, 255), &models::SeriesRow::cpython},
                           {"Java", dark ? IM_COL32(230, 120, 100, 255) : IM_COL32(190, 70, 50, 255), &models::SeriesRow::javaList}};
  for (const auto& r : rows) {
    ImGui::Text("N = %s", withThousands(r.n).c_str());
    ImVec2 o = ImGui::GetCursorScreenPos();
    float y = o.y;
    for (const Series& s : series) {
      double v = static_cast<double>(r.*(s.field));
      float len = static_cast<float>(std::log10(std::max(v, 1.0)) / std::log10(maxV)) * w;
      dl->AddRectFilled(ImVec2(o.x, y), ImVec2(o.x + std::max(len, 1.0f), y + barH), s.colour);
      std::string label = std::string(s.name) + " " + withThousands(r.*(s.field));
      dl->AddText(ImVec2(o.x + len + 6, y + barH * 0.5f - ImGui::GetFontSize() * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
      y += barH + ImGui::GetFontSize() * 0.55f;
    }
    ImGui::Dummy(ImVec2(w, y - o.y));
  }
}

void FootprintPanel::drawContent(const PanelFrame& frame) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::BeginCombo("value", choices_[static_cast<size_t>(choice_)].label.c_str())) {
    for (int i = 0; i < static_cast<int>(choices_.size()); i++)
      if (ImGui::Selectable(choices_[static_cast<size_t>(i)].label.c_str(), i == choice_)) choice_ = i;
    ImGui::EndCombo();
  }
  const Choice& c = choices_[static_cast<size_t>(choice_)];
  if (c.usesN) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    ImGui::SliderInt("N", &n_, 0, 1000, "%d", ImGuiSliderFlags_Logarithmic);
  }
  ImGui::SameLine();
  for (models::ByteRole r : {models::ByteRole::Header, models::ByteRole::Length, models::ByteRole::Pointer,
                             models::ByteRole::Payload, models::ByteRole::Padding}) {
    ImGui::SameLine();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float s = ImGui::GetFontSize() * 0.7f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + s * 0.3f), ImVec2(p.x + s, p.y + s * 1.3f), roleColour(r, frame.dark));
    ImGui::Dummy(ImVec2(s, s));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", models::byteRoleName(r));
  }
  Shape v = c.make(n_);
  ImGui::BeginChild("columns", ImVec2(0, 0), false);
  const float spacing = ImGui::GetStyle().ItemSpacing.x * 2;
  const float colW = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3.0f;
  const models::Runtime rts[] = {models::Runtime::Go, models::Runtime::CPython, models::Runtime::Java};
  for (int i = 0; i < 3; i++) {
    if (i > 0) ImGui::SameLine(0, spacing);
    ImGui::BeginGroup();
    ImGui::PushID(i);
    drawColumn(rts[i], v, colW, frame.dark);
    ImGui::PopID();
    ImGui::EndGroup();
  }
  ImGui::Separator();
  drawChart(c.element(), frame.dark);
  ImGui::EndChild();
}

}  // namespace gofast::ui
