// The UI tests' headless ImGui (the null-backend pattern): a context with the app's fonts and theme;
// draw(fn) = one frame of a full-screen window in which fn draws panels, frames(app, n) = n frames of
// the whole App. No renderer: the draw data is built and counted, never rasterised.
#pragma once

#include <imgui.h>

#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/panels/panel.h"
#include "ui/theme.h"

namespace gofast::ui::test {

struct Frame {
  Frame(float w, float h) : w_(w), h_(h) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    fonts = loadFonts(1.0f, 1.0f);
    unsigned char* px = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
    applyTheme(true, 1.0f);
  }
  ~Frame() { ImGui::DestroyContext(); }
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;
  // One frame; returns the number of vertices drawn.
  template <class Fn>
  int draw(Fn&& fn, bool dark = true) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w_, h_));
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
    PanelFrame f;
    f.fonts = &fonts;
    f.dark = dark;
    fn(f);
    ImGui::End();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  // n frames of the whole app (menus, tabs, the current chapter).
  void frames(App& app, int n) {
    for (int i = 0; i < n; ++i) {
      ImGui::NewFrame();
      app.frame(fonts);
      ImGui::Render();
    }
  }
  float w_, h_;
  Fonts fonts;
};

}  // namespace gofast::ui::test
