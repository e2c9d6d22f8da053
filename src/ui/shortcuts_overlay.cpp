#include "ui/shortcuts_overlay.h"

#include <cstring>

#include <imgui.h>

namespace gofast::ui {

const std::vector<Shortcut>& shortcuts() {
  static const std::vector<Shortcut> list = {
      {"1 ... 6", "go to chapter 1 ... 5, 6 = Playground", "anywhere (not while typing)"},
      {"T", "switch between the dark and the light theme", "anywhere (not while typing)"},
      {"?", "show or hide this list", "anywhere (not while typing)"},
      {"Esc", "close this list; leave the code editor", "anywhere"},
      {"Space", "run / pause / play the program", "chapters 4, 5 and the Playground (not while typing)"},
      {"Right / Left", "step forward / back by the chosen unit (instruction, line, switch, growth, GC)", "chapters 4, 5, Playground"},
      {"Shift+Right / Shift+Left", "step forward / back one source line", "chapters 4, 5, Playground"},
      {"Home / End", "back to the start / to the furthest point run", "chapters 4, 5, Playground"},
      {"U", "the next step unit (instruction, line, switch, growth, GC)", "chapters 4, 5, Playground"},
      {"S", "the next play speed (watch lines, fast, full)", "chapters 4, 5, Playground"},
      {"Tab, arrows, Space", "keyboard navigation: reach any other control (ImGui's nav)", "anywhere"},
      {"click a note", "explain the compiler's decision; draw its flow", "code panel"},
      {"Ctrl+Z / Ctrl+Y", "undo / redo", "code editor"},
      {"Ctrl+C / Ctrl+X / Ctrl+V", "copy / cut / paste", "code editor"},
      {"Ctrl+A", "select all", "code editor"},
      {"Tab / Shift+Tab", "indent / outdent the selected lines", "code editor"},
      {"Ctrl+Left / Ctrl+Right", "move by word (Shift: select)", "code editor"},
      {"Home / End, PgUp / PgDn", "line start / end, page up / down", "code editor"},
      {"click the gutter", "toggle a breakpoint", "code editor"},
  };
  return list;
}

void drawShortcutsOverlay(bool* open) {
  if (open == nullptr || !*open) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 34, 0), ImGuiCond_Appearing);
  if (ImGui::Begin("Keyboard shortcuts", open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    if (ImGui::BeginTable("keys", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("Keys");
      ImGui::TableSetupColumn("Does");
      ImGui::TableSetupColumn("Where");
      ImGui::TableHeadersRow();
      for (const Shortcut& s : shortcuts()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(s.keys);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", s.action);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", s.where);
      }
      ImGui::EndTable();
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
      *open = false;
    if (ImGui::Button("Close")) *open = false;
  }
  ImGui::End();
}

}  // namespace gofast::ui
