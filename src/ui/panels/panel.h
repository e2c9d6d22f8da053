// Panels: the boxes a chapter is made of (code, compiler output, narration, later frames, heap,
// scheduler...). DESIGN rule 11: this base class opens and closes the panel (a bordered child region
// with a title row) and each panel draws only its content; what a panel needs to know about the
// frame travels in a small const struct.
//
// Panels only read (DESIGN rule 2): they draw from api::Session values and report what the user asked
// for (a line clicked, a note selected) as return values or events; the owner acts through Session.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/fonts.h"

namespace gofast::ui {

// Per-frame facts every panel may use.
struct PanelFrame {
  const Fonts* fonts = nullptr;
  bool dark = true;
  bool reducedMotion = false;
};

// A panel drawn in the current frame: its draw id ("code", "run", ...), title and rectangle (logical
// pixels). The app clears the list at the start of each frame; "Save panel as PNG" and embed tests
// read it.
struct DrawnPanel {
  std::string id;
  std::string title;
  ImVec2 min, max;
};
std::vector<DrawnPanel>& drawnPanels();

class Panel {
 public:
  virtual ~Panel() = default;
  // The title row's text ("Code", "Compiler says").
  virtual const char* title() const = 0;
  // Draws the panel as a child region of the current window; size as ImGui::BeginChild.
  void draw(const char* id, const PanelFrame& frame, ImVec2 size);

 protected:
  virtual void drawContent(const PanelFrame& frame) = 0;
  // Optional widgets on the title row, right of the title (e.g. a toggle).
  virtual void drawTitleExtras(const PanelFrame&) {}
};

}  // namespace gofast::ui
