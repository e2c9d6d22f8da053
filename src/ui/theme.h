// Light and dark themes. Colours are chosen for contrast (text on panels ≥ 7:1) and so that the
// meanings the panels use later (stack, heap, goroutine, padding) read the same in both themes.
#pragma once

namespace gofast::ui {

// Applies the theme to the current ImGui style, sized by uiScale (1 = 96 dpi logical pixels).
void applyTheme(bool dark, float uiScale);

}  // namespace gofast::ui
