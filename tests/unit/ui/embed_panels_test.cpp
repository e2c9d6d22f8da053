// The embed "panels" option and "Save panel as PNG" (docs/embedding.md): drawn with no window and no
// GPU, like embed_test.cpp. The app reports which panels it drew (ui::drawnPanels via App::panels).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <imgui.h>

#include "api/lessons.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "headless_frame.h"

namespace {

using Headless = gofast::ui::test::Frame;

std::vector<std::string> drawnIds(const gofast::ui::App& app) {
  std::vector<std::string> ids;
  for (const auto& p : app.panels()) ids.push_back(p.id);
  return ids;
}

gofast::ui::App embeddedApp(const char* chapter) {
  gofast::ui::App app({"test (no window)", "0.0.0", "none", "none"});
  gofast::ui::ViewState v;
  v.chapter = chapter;
  app.applyViewState(v);
  app.setEmbed(true, false);
  return app;
}

}  // namespace

TEST_CASE("embed panels: only the listed panels are drawn, in the listed order, inside the view") {
  Headless h(1000, 600);
  gofast::ui::App app = embeddedApp("goroutines");
  h.frames(app, 3);
  const std::vector<std::string> all = drawnIds(app);
  CHECK(all == std::vector<std::string>{"narration", "code", "scheduler", "run", "threads"});

  app.setEmbedPanels({"run", "code"});
  h.frames(app, 3);
  CHECK(drawnIds(app) == std::vector<std::string>{"run", "code"});
  for (const auto& p : app.panels()) {
    CHECK(p.min.x >= 0.0f);
    CHECK(p.min.y >= 0.0f);
    CHECK(p.max.x <= 1000.0f);
    CHECK(p.max.y <= 600.0f);
    CHECK(p.max.x - p.min.x > 200.0f);  // the two panels share the whole view
    CHECK(p.max.y - p.min.y > 200.0f);
  }
  CHECK(app.panels()[0].title == std::string("Run (gofast's VM: what go run prints)"));

  // Ids the chapter does not have are dropped; a list naming none of its panels shows the whole chapter.
  app.setEmbedPanels({"compiler", "timeline"});
  h.frames(app, 3);
  CHECK(drawnIds(app) == std::vector<std::string>{"timeline"});
  app.setEmbedPanels({"compiler", "layout"});
  h.frames(app, 3);
  CHECK(drawnIds(app) == all);

  // Outside embed mode the option has no effect.
  app.setEmbedPanels({"code"});
  app.setEmbed(false, false);
  h.frames(app, 3);
  CHECK(drawnIds(app).size() > 1);
}

TEST_CASE("embed panels: each chapter's panel ids can be shown alone") {
  Headless h(900, 560);
  for (const auto& c : gofast::api::chapters()) {
    gofast::ui::App app = embeddedApp(c.id);
    h.frames(app, 2);
    const gofast::ui::AnalysisChapter* ac = app.analysisChapterIfMade(app.chapter());
    REQUIRE(ac != nullptr);
    for (const std::string& id : ac->panelIds()) {
      CAPTURE(c.id);
      CAPTURE(id);
      app.setEmbedPanels({id});
      h.frames(app, 2);
      if (id == "examples" || id == "controls") {
        CHECK(app.panels().empty());  // the examples box and the player's bar are not Panels: nothing else is drawn
      } else {
        CHECK(drawnIds(app) == std::vector<std::string>{id});
      }
    }
  }
}

TEST_CASE("save panel as PNG: a request waits for a frame without the menu, then gives the panel's rectangle") {
  Headless h(1000, 600);
  gofast::ui::App app({"test (no window)", "0.0.0", "none", "none"});
  gofast::ui::ViewState v;
  v.chapter = "escape";
  app.applyViewState(v);
  h.frames(app, 3);
  std::string id;
  gofast::ui::Rect r;
  CHECK_FALSE(app.takePanelPngRequest(&id, &r));
  CHECK_FALSE(app.requestPanelPng("heap"));  // not on screen in this chapter
  REQUIRE(app.requestPanelPng("compiler"));
  h.frames(app, 1);
  CHECK_FALSE(app.takePanelPngRequest(&id, &r));  // the frame that asked (its menu may still show)
  h.frames(app, 1);
  REQUIRE(app.takePanelPngRequest(&id, &r));
  CHECK(id == "compiler");
  const gofast::ui::DrawnPanel* p = nullptr;
  for (const auto& q : app.panels())
    if (q.id == "compiler") p = &q;
  REQUIRE(p != nullptr);
  CHECK(r.x == p->min.x);
  CHECK(r.y == p->min.y);
  CHECK(r.w == p->max.x - p->min.x);
  CHECK(r.h == p->max.y - p->min.y);
  CHECK(r.w > 100.0f);
  h.frames(app, 2);
  CHECK_FALSE(app.takePanelPngRequest(&id, &r));  // once per request
}
