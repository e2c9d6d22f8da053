#include "ui/fonts.h"

#include <cstddef>

#include <imgui.h>

extern const unsigned char gofast_font_ui[];
extern const std::size_t gofast_font_ui_size;
extern const unsigned char gofast_font_ui_bold[];
extern const std::size_t gofast_font_ui_bold_size;
extern const unsigned char gofast_font_mono[];
extern const std::size_t gofast_font_mono_size;

namespace gofast::ui {

namespace {

constexpr float kBodySize = 16.0f;     // logical px
constexpr float kHeadingSize = 22.0f;  // logical px
constexpr float kMonoSize = 15.0f;     // logical px

ImFont* addFont(ImFontAtlas* atlas, const unsigned char* data, std::size_t size, float px) {
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are static, embedded in the binary
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  // Latin-1 plus the few symbols the UI draws (arrows, ellipsis, bullets, multiplication sign).
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x21FF, 0x2260, 0x2265, 0x25A0, 0x25FF, 0};
  return atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px, &cfg, ranges);
}

}  // namespace

Fonts loadFonts(float pixelScale, float uiScale) {
  if (pixelScale < 0.5f) pixelScale = 1.0f;
  if (uiScale < 0.5f) uiScale = 1.0f;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float s = pixelScale * uiScale;
  Fonts f;
  f.body = addFont(io.Fonts, gofast_font_ui, gofast_font_ui_size, kBodySize * s);
  f.heading = addFont(io.Fonts, gofast_font_ui_bold, gofast_font_ui_bold_size, kHeadingSize * s);
  f.mono = addFont(io.Fonts, gofast_font_mono, gofast_font_mono_size, kMonoSize * s);
  io.Fonts->Build();
  io.FontDefault = f.body;
  io.FontGlobalScale = 1.0f / pixelScale;
  f.pixelScale = pixelScale;
  f.uiScale = uiScale;
  return f;
}

}  // namespace gofast::ui
