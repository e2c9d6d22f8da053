// Draws the whole app with no window and no GPU: ImGui builds its font atlas and draw lists exactly as
// it would for a real frame; only the renderer is missing (example_null in Dear ImGui).
#include <doctest/doctest.h>

#include <imgui.h>

#include "api/lessons.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/shortcuts_overlay.h"
#include "ui/theme.h"

namespace {

struct Headless {
  Headless(float w, float h, float pixelScale) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DisplayFramebufferScale = ImVec2(pixelScale, pixelScale);
    io.DeltaTime = 1.0f / 60.0f;
    fonts = gofast::ui::loadFonts(pixelScale, 1.0f);
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    atlasWidth = tw;
  }
  ~Headless() { ImGui::DestroyContext(); }
  // One frame; returns the number of vertices drawn.
  int frame(gofast::ui::App& app, const char* typed = nullptr) {
    if (typed) ImGui::GetIO().AddInputCharactersUTF8(typed);
    ImGui::NewFrame();
    app.frame(fonts);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  gofast::ui::Fonts fonts;
  int atlasWidth = 0;
};

gofast::ui::PlatformInfo testInfo() { return {"test (no window)", "0.0.0", "none", "none"}; }

}  // namespace

TEST_CASE("every chapter draws in both themes, and tabs are laid out left to right") {
  Headless h(1280, 720, 1.0f);
  gofast::ui::App app(testInfo());
  for (bool dark : {true, false}) {
    gofast::ui::applyTheme(dark, 1.0f);
    for (int c = 0; c < static_cast<int>(gofast::api::chapters().size()); ++c) {
      app.selectChapter(c);
      for (int f = 0; f < 3; ++f) CHECK(h.frame(app) > 100);
      CHECK(app.chapter() == c);
      const auto& tabs = app.tabRects();
      REQUIRE(tabs.size() == gofast::api::chapters().size());
      for (size_t i = 1; i < tabs.size(); ++i) CHECK(tabs[i].x > tabs[i - 1].x);
      CHECK(app.statusText().find(gofast::api::chapters()[static_cast<size_t>(c)].title) != std::string::npos);
    }
  }
}

TEST_CASE("typed shortcuts: digits choose a chapter, t toggles the theme") {
  Headless h(1280, 720, 1.0f);
  gofast::ui::App app(testInfo());
  h.frame(app);
  h.frame(app, "4");
  h.frame(app);
  CHECK(app.chapter() == 3);
  bool dark = app.darkTheme();
  h.frame(app, "t");
  CHECK(app.darkTheme() != dark);
  CHECK(app.takeThemeChanged());
  CHECK_FALSE(app.takeThemeChanged());
}

TEST_CASE("the About window opens and draws versions") {
  Headless h(1280, 720, 1.0f);
  gofast::ui::App app(testInfo());
  h.frame(app);
  int without = h.frame(app);
  app.openAbout();
  h.frame(app);  // an auto-sized window is measured, hidden, on its first frame
  int with = h.frame(app);
  CHECK(app.aboutOpen());
  CHECK(with > without);
}

TEST_CASE("high-DPI: fonts are rasterised at the pixel scale, layout stays in logical pixels") {
  float tabWidth1 = 0, tabWidth2 = 0;
  int atlas1 = 0, atlas2 = 0;
  {
    Headless h(960, 540, 1.0f);
    gofast::ui::App app(testInfo());
    h.frame(app);
    tabWidth1 = app.tabRects()[0].w;
    atlas1 = h.atlasWidth;
  }
  {
    Headless h(960, 540, 2.0f);
    gofast::ui::App app(testInfo());
    h.frame(app);
    tabWidth2 = app.tabRects()[0].w;
    atlas2 = h.atlasWidth;
  }
  CHECK(atlas2 > atlas1);                          // glyphs rasterised with twice the pixels
  CHECK(std::abs(tabWidth2 - tabWidth1) < 1.5f);  // same logical size
}

TEST_CASE("? opens the keyboard shortcuts overlay and ? closes it; every shortcut has a description") {
  Headless h(1280, 720, 1.0f);
  gofast::ui::App app(testInfo());
  h.frame(app);
  CHECK_FALSE(app.shortcutsOpen());
  int before = h.frame(app);
  h.frame(app, "?");
  CHECK(app.shortcutsOpen());
  CHECK(h.frame(app) > before);  // the window adds its table
  h.frame(app, "?");
  CHECK_FALSE(app.shortcutsOpen());
  for (const auto& s : gofast::ui::shortcuts()) {
    CHECK(std::string(s.keys).size() > 0);
    CHECK(std::string(s.action).size() > 3);
  }
}
