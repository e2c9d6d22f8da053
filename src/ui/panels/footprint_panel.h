// Footprint panel (chapter 1): the same value in Go, CPython 3.11 and Java 17, byte by byte.
// The numbers come from models/footprint (each runtime's documented object layout, checked against
// measurements on the real runtimes); this panel only draws them: one column per runtime with its
// objects as grids of byte cells coloured by role (header, length, pointer, payload, padding), and a
// "bytes for N values" chart underneath.
#pragma once

#include <string>
#include <vector>

#include "models/footprint.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class FootprintPanel : public Panel {
 public:
  FootprintPanel();
  const char* title() const override { return "Footprint: one value in Go, CPython and Java"; }

  struct Choice {
    std::string label;      // "[]int (N values)"
    bool usesN = false;     // the shape depends on N
    models::Shape (*make)(int64_t n) = nullptr;
    models::Shape (*element)() = nullptr;  // what "N values" means for the chart
  };
  const std::vector<Choice>& choices() const { return choices_; }
  int choice() const { return choice_; }
  void setChoice(int i) { choice_ = i; }
  int n() const { return n_; }
  void setN(int n) { n_ = n; }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  void drawColumn(models::Runtime rt, const models::Shape& v, float width, bool dark);
  void drawChart(const models::Shape& elem, bool dark);

  std::vector<Choice> choices_;
  int choice_ = 5;  // []int
  int n_ = 10;
};

}  // namespace gofast::ui
