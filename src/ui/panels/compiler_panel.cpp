#include "ui/panels/compiler_panel.h"

#include <string>

#include "common/diagnostic.h"
#include "ui/panels/code_panel.h"

namespace gofast::ui {

std::string explainNote(const api::Note& n) {
  switch (n.kind) {
    case api::NoteKind::CanInline:
      return n.subject + " is cheap enough (cost " + std::to_string(n.cost) +
             ", the budget is 80): calls to it can be replaced by a copy of its body.";
    case api::NoteKind::CannotInline:
      return "Calls to " + n.subject + " stay real calls, with a frame on the stack: " +
             n.text.substr(n.text.find(':') + 2) + ".";
    case api::NoteKind::InlinedCall:
      return "This call to " + n.subject + " was replaced by its body: no jump, no new frame.";
    case api::NoteKind::MovedToHeap:
      return n.subject + " must outlive the frame of " + n.function +
             ", so it is allocated on the heap; the garbage collector frees it later.";
    case api::NoteKind::EscapesToHeap:
      return n.subject + " may be used after " + n.function + " returns, so it is allocated on the heap.";
    case api::NoteKind::DoesNotEscape:
      return "Nothing keeps " + n.subject + " beyond the frame of " + n.function +
             ": it stays on the stack, where allocation and freeing cost nothing.";
    case api::NoteKind::LeakingParam:
      return "What is passed in as " + n.subject + " may be kept after " + n.function +
             " returns (in the heap or in a result), so callers must treat it as escaping.";
  }
  return n.text;
}

int CompilerPanel::takeClickedNote() {
  int c = clicked_;
  clicked_ = -1;
  return c;
}

void CompilerPanel::drawContent(const PanelFrame& frame) {
  if (session_ == nullptr || !session_->loaded()) {
    ImGui::TextDisabled("No program loaded.");
    return;
  }
  ImFont* mono = frame.fonts != nullptr ? frame.fonts->mono : nullptr;
  const float detailH = selected_ >= 0 ? ImGui::GetTextLineHeightWithSpacing() * 7.5f : 0.0f;
  ImGui::BeginChild("lines", ImVec2(0, -detailH), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono != nullptr) ImGui::PushFont(mono);
  if (!session_->diagnostics().empty()) {
    ImVec4 red = frame.dark ? ImVec4(1.0f, 0.45f, 0.45f, 1.0f) : ImVec4(0.75f, 0.1f, 0.1f, 1.0f);
    ImGui::TextUnformatted("# command-line-arguments");
    for (const Diagnostic& d : session_->diagnostics()) ImGui::TextColored(red, "%s", formatDiagnostic(d).c_str());
  } else {
    const auto& notes = session_->notes();
    const std::string& file = session_->options().displayName;
    ImGui::TextUnformatted("# command-line-arguments");
    int row = 0;
    for (const analysis::Message& m : session_->mLines()) {
      // The note this line is about (same position and words), for colour and selection.
      int noteIdx = -1;
      for (size_t i = 0; i < notes.size(); i++) {
        if (notes[i].pos == m.pos && notes[i].text == m.text) {
          noteIdx = static_cast<int>(i);
          break;
        }
      }
      std::string text = file + ":" + std::to_string(m.pos.line) + ":" + std::to_string(m.pos.col) + ": " + m.text;
      ImGui::PushID(row++);
      if (noteIdx >= 0)
        ImGui::PushStyleColor(ImGuiCol_Text, noteColour(notes[static_cast<size_t>(noteIdx)].kind, frame.dark));
      if (ImGui::Selectable(text.c_str(), noteIdx >= 0 && noteIdx == selected_) && noteIdx >= 0) clicked_ = noteIdx;
      if (noteIdx >= 0) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    if (session_->mLines().empty()) ImGui::TextDisabled("(nothing: no function to inline, nothing allocated)");
  }
  if (mono != nullptr) ImGui::PopFont();
  ImGui::EndChild();

  if (selected_ >= 0 && static_cast<size_t>(selected_) < session_->notes().size()) {
    const api::Note& n = session_->notes()[static_cast<size_t>(selected_)];
    ImGui::Separator();
    ImGui::BeginChild("why", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextWrapped("%s", explainNote(n).c_str());
    ImGui::PopTextWrapPos();
    std::vector<std::string> why = session_->why(n);
    if (!why.empty()) {
      ImGui::TextDisabled("go build -gcflags=-m=2 says:");
      if (mono != nullptr) ImGui::PushFont(mono);
      for (const std::string& w : why) ImGui::TextUnformatted(w.c_str());
      if (mono != nullptr) ImGui::PopFont();
    }
    ImGui::EndChild();
  }
}

}  // namespace gofast::ui
