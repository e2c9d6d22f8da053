// Layout panel (chapter 1): each struct type of the program drawn byte by byte, as the compiler lays
// it out (compile/layout: Go 1.19's offsets, checked against real Go), with its padding holes, and the
// same fields reordered by alignment underneath, so the saving is visible.
#pragma once

#include <string_view>
#include <vector>

#include "api/session.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class LayoutPanel : public Panel {
 public:
  const char* title() const override { return "Layout (bytes as the compiler places them)"; }
  void bind(const api::Session* s) { session_ = s; }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  const api::Session* session_ = nullptr;
};

// Draws one row of byte cells for a struct layout (declared or reordered). Exposed for tests.
// colourOrder: field names in declared order (a field keeps its colour when reordered).
void drawLayoutRow(const std::vector<compile::LayoutRow>& rows, int64_t size, float cell, bool dark,
                   const std::vector<std::string_view>& colourOrder);

}  // namespace gofast::ui
