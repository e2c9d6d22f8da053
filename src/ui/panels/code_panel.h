// Code panel: the program in the CodeEditor, annotated with what the compiler decided (DESIGN rule 2:
// the notes are the analysis' own verdicts from api::Session, never invented here).
//
// Each note is a pill after its line, coloured by kind (stack green, heap orange, inlining blue,
// not inlined grey). Clicking a pill selects the note: the owner then shows its explanation, and this
// panel draws the note's flow chain as arrows between the source positions `-m=2` names
// ("from &x (address-of) at ./main.go:7:9"). Compile errors are wavy underlines with their message.
#pragma once

#include <string>
#include <vector>

#include "api/session.h"
#include "api/snapshot.h"
#include "ui/code_editor.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

// Colours of the note kinds in a theme (also used by the compiler panel).
ImU32 noteColour(api::NoteKind k, bool dark);
// The short label of a note's pill ("inline: cost 4 of 80", "moved to heap: x").
std::string notePillText(const api::Note& n);

class CodePanel : public Panel {
 public:
  struct Filter {
    bool inlining = true;  // can/cannot inline, inlined calls
    bool escapes = true;   // heap/stack verdicts, leaking params
  };

  const char* title() const override { return "Code"; }
  CodeEditor& editor() { return editor_; }
  const CodeEditor& editor() const { return editor_; }
  void setFilter(Filter f) { filter_ = f; }

  // Replaces the annotations with the session's notes and diagnostics (call after each load).
  void show(const api::Session& s, bool dark);
  // Index into session.notes() of the selected note, or -1.
  int selectedNote() const { return selected_; }
  // Selects a note (-1: none), draws its flow arrows and scrolls to it.
  void selectNote(const api::Session& s, int index, bool dark);
  // True once after the user clicked a pill (the selection changed).
  bool takeSelectionChanged();
  // Where the run is: a marker per goroutine on its current line ("G1"), the current one highlighted.
  void setRunLines(const api::Snapshot* snap, bool dark);

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  void annotate(const api::Session& s, bool dark);

  CodeEditor editor_;
  Filter filter_;
  const api::Session* session_ = nullptr;  // the session last shown (owned by the chapter)
  int selected_ = -1;
  bool selectionChanged_ = false;
  std::vector<LineMarker> noteMarkers_, runMarkers_;
  uint64_t runMarkersAt_ = ~uint64_t{0};  // snapshot position the run markers were made for
  int followedLine_ = 0;                  // the current goroutine's line the view last scrolled to
};

}  // namespace gofast::ui
