// Embed mode of the app (docs/embedding.md): drawn with no window and no GPU, like app_test.cpp.
#include <doctest/doctest.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "api/lessons.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace {

struct Headless {
  Headless(float w, float h) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    fonts = gofast::ui::loadFonts(1.0f, 1.0f);
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    gofast::ui::applyTheme(true, 1.0f);
  }
  ~Headless() { ImGui::DestroyContext(); }
  int frame(gofast::ui::App& app, const char* typed = nullptr) {
    if (typed) ImGui::GetIO().AddInputCharactersUTF8(typed);
    ImGui::NewFrame();
    app.frame(fonts);
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  gofast::ui::Fonts fonts;
};

gofast::ui::PlatformInfo testInfo() { return {"test (no window)", "0.0.0", "none", "none"}; }

int escapeIndex() { return gofast::api::chapterIndex("escape"); }

// True if the ImGui window `name` was drawn in the last frame; *menuBar tells whether it had a menu bar.
bool windowDrawn(const char* name, bool* menuBar = nullptr) {
  ImGuiWindow* w = ImGui::FindWindowByName(name);
  if (w == nullptr || !w->Active) return false;  // Active: begun in the last frame
  if (menuBar) *menuBar = (w->Flags & ImGuiWindowFlags_MenuBar) != 0;
  return true;
}

}  // namespace

TEST_CASE("embed mode draws the chosen chapter without the menu bar and the tabs") {
  Headless h(900, 480);
  gofast::ui::App app(testInfo());
  gofast::ui::ViewState v;
  v.chapter = "escape";
  v.example = 1;
  app.applyViewState(v);
  for (int f = 0; f < 3; ++f) h.frame(app);
  REQUIRE(app.tabRects().size() == gofast::api::chapters().size());
  bool menuBar = false;
  CHECK(windowDrawn("gofast", &menuBar));
  CHECK(menuBar);

  app.setEmbed(true, false);
  CHECK(app.embedded());
  int embedded = 0;
  for (int f = 0; f < 3; ++f) embedded = h.frame(app);
  CHECK(embedded > 100);  // the chapter's panels are drawn
  CHECK(windowDrawn("gofast embed", &menuBar));
  CHECK_FALSE(menuBar);               // no menu bar
  CHECK_FALSE(windowDrawn("gofast"));  // nothing of the shell
  CHECK(app.tabRects().empty());      // no tab bar
  CHECK(app.chapter() == escapeIndex());
  CHECK(app.viewState().example == 1);

  // A host page's learner typing into the embed does not switch chapters, themes or open windows.
  const bool dark = app.darkTheme();
  h.frame(app, "4t");
  h.frame(app);
  CHECK(app.chapter() == escapeIndex());
  CHECK(app.darkTheme() == dark);
  app.openAbout();
  h.frame(app);
  CHECK_FALSE(app.aboutOpen());

  // Leaving embed mode brings the shell back.
  app.setEmbed(false, false);
  h.frame(app);
  CHECK(windowDrawn("gofast"));
  CHECK_FALSE(windowDrawn("gofast embed"));
  CHECK(app.tabRects().size() == gofast::api::chapters().size());
  CHECK(app.chapter() == escapeIndex());
}

TEST_CASE("embed mode: the chapter can still be chosen (setOption chapter), and readonly locks the editor") {
  Headless h(900, 480);
  gofast::ui::App app(testInfo());
  app.setEmbed(true, true);
  CHECK(app.readOnly());
  gofast::ui::ViewState v;
  v.chapter = "playground";
  app.applyViewState(v);
  h.frame(app);
  h.frame(app);
  const int playground = gofast::api::chapterIndex("playground");
  CHECK(app.chapter() == playground);
  const gofast::ui::AnalysisChapter* ac = app.analysisChapterIfMade(playground);
  REQUIRE(ac != nullptr);
  CHECK(ac->code().editor().readOnly());

  v.chapter = "escape";
  app.applyViewState(v);
  h.frame(app);
  CHECK(app.chapter() == escapeIndex());
  REQUIRE(app.analysisChapterIfMade(escapeIndex()) != nullptr);
  CHECK(app.analysisChapterIfMade(escapeIndex())->code().editor().readOnly());

  app.setEmbed(true, false);
  h.frame(app);
  CHECK_FALSE(app.analysisChapterIfMade(escapeIndex())->code().editor().readOnly());
}

TEST_CASE("player commands are validated; without a running program they are unsupported") {
  using C = gofast::ui::App::Control;
  using R = gofast::ui::App::ControlResult;
  gofast::ui::App app(testInfo());
  CHECK(app.control(C::Play, 0) == R::Unsupported);
  CHECK(app.control(C::Pause, 0) == R::Unsupported);
  CHECK(app.control(C::Step, 1) == R::Unsupported);
  CHECK(app.control(C::Back, 3) == R::Unsupported);
  CHECK(app.control(C::Seek, 0) == R::Unsupported);
  CHECK(app.control(C::Step, 0) == R::Invalid);
  CHECK(app.control(C::Back, -2) == R::Invalid);
  CHECK(app.control(C::Seek, -1) == R::Invalid);
}
