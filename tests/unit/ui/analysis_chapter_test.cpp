// The compiler chapters (2: calls, 3: escape) and the Playground draw real analysis results: every
// example loads, compiles and draws; notes can be selected; edits re-analyse. Headless ImGui.
#include <doctest/doctest.h>

#include <imgui.h>

#include "api/lessons.h"
#include "ui/analysis_chapter.h"
#include "ui/fonts.h"
#include "ui/panels/narration_panel.h"
#include "ui/theme.h"

using namespace gofast;

namespace {

struct Frame {
  Frame() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
    fonts = ui::loadFonts(1.0f, 1.0f);
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    ui::applyTheme(true, 1.0f);
  }
  ~Frame() { ImGui::DestroyContext(); }
  int draw(ui::AnalysisChapter& c) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 720));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::PanelFrame f;
    f.fonts = &fonts;
    c.draw(f);
    ImGui::End();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  ui::Fonts fonts;
};

}  // namespace

TEST_CASE("analysis chapters: every example of calls and escape compiles and draws with notes") {
  Frame fr;
  for (const char* id : {"calls", "escape"}) {
    ui::AnalysisChapter c(id, ui::CodePanel::Filter{true, true});
    REQUIRE(c.exampleCount() >= 3);
    for (int i = 0; i < c.exampleCount(); i++) {
      c.selectExample(i);
      CHECK(fr.draw(c) > 500);
      CHECK(c.session().ok());
      CHECK_FALSE(c.session().notes().empty());
      CHECK(c.status().find("Example: ") == 0);
      // Select every note in turn: the panel accepts it and draws.
      for (int n = 0; n < static_cast<int>(c.session().notes().size()); n++) {
        c.code().selectNote(c.session(), n, true);
        CHECK(c.code().selectedNote() == n);
        CHECK(fr.draw(c) > 500);
      }
    }
  }
}

TEST_CASE("analysis chapters: editing re-analyses; errors replace the notes; -l removes inlined calls") {
  Frame fr;
  ui::AnalysisChapter c("playground", ui::CodePanel::Filter{true, true},
                        "package main\n\nfunc add(a, b int) int { return a + b }\n\nfunc main() {\n\tprintln(add(1, 2))\n}\n");
  CHECK(c.exampleCount() == 0);
  fr.draw(c);
  REQUIRE(c.session().ok());
  bool inlined = false;
  for (const api::Note& n : c.session().notes()) inlined |= n.kind == api::NoteKind::InlinedCall;
  CHECK(inlined);
  c.setInlining(false);
  fr.draw(c);
  for (const api::Note& n : c.session().notes()) CHECK(n.kind != api::NoteKind::InlinedCall);
  c.code().editor().setText("package main\n\nfunc main() {\n\tx := 1\n}\n");
  fr.draw(c);
  CHECK_FALSE(c.session().ok());
  CHECK(c.session().diagnostics().size() == 1);
  CHECK(c.status() == "1 compile error(s).");
}

TEST_CASE("narration: headings, paragraphs and bullets; markup characters dropped") {
  ui::NarrationPanel p;
  p.setText("# Title here\n\nFirst line\ncontinues `code`.\n\n- one *two*\n  three\n- four\n");
  const auto& b = p.blocks();
  REQUIRE(b.size() == 4);
  CHECK(b[0].kind == ui::NarrationPanel::Block::Kind::Heading);
  CHECK(b[0].text == "Title here");
  CHECK(b[1].text == "First line continues code.");
  CHECK(b[2].kind == ui::NarrationPanel::Block::Kind::Bullet);
  CHECK(b[2].text == "one two three");
  CHECK(b[3].text == "four");
}
