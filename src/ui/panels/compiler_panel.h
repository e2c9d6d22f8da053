// Compiler panel: what `go build` says about the program, line for line. With errors it lists them
// (the text go build prints); otherwise the `-m` lines (exactly `go build -gcflags=-m`'s), coloured by
// kind. Clicking a line selects the note it belongs to. Under the list, the selected note explained:
// one plain sentence, then the compiler's own `-m=2` reasoning (costs, flow chains).
#pragma once

#include "api/session.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

// One plain sentence a learner can read for a note ("x outlives newPoint's frame, so ...").
std::string explainNote(const api::Note& n);

class CompilerPanel : public Panel {
 public:
  const char* title() const override { return "Compiler says (go build -gcflags=-m)"; }
  // The session to draw and the currently selected note (index into notes(), -1 none).
  void bind(const api::Session* s, int selectedNote) {
    session_ = s;
    selected_ = selectedNote;
  }
  // A note the user clicked in the list (index), once; -1 when none.
  int takeClickedNote();

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  const api::Session* session_ = nullptr;
  int selected_ = -1;
  int clicked_ = -1;
};

}  // namespace gofast::ui
