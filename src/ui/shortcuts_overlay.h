// The `?` overlay: every keyboard shortcut of the app in one window (SPEC F7). The list is data
// (shortcuts()), so the overlay, the menus' shortcut labels and the tests read the same table.
#pragma once

#include <vector>

namespace gofast::ui {

struct Shortcut {
  const char* keys;   // "1 … 6", "T", "Ctrl+Z"
  const char* action; // "Go to chapter 1 … 6 (6 = Playground)"
  const char* where;  // "anywhere" / "code editor"
};

const std::vector<Shortcut>& shortcuts();

// Draws the overlay window while *open is true (Escape or the close button clears it).
void drawShortcutsOverlay(bool* open);

}  // namespace gofast::ui
