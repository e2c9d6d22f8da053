// Fonts: TTF/OTF files from Debian's font packages, embedded at build time (src/cmake/embed_file.cmake),
// rasterised by ImGui at the screen's real pixel density so text stays crisp on high-DPI displays.
//
// Sizes are in logical (CSS / unscaled) pixels; `pixelScale` is framebuffer pixels per logical pixel
// (devicePixelRatio on the web). The atlas is rasterised at size*pixelScale and drawn with
// FontGlobalScale = 1/pixelScale, so layout stays in logical pixels.
#pragma once

struct ImFont;

namespace gofast::ui {

struct Fonts {
  ImFont* body = nullptr;     // Inter, for text and controls
  ImFont* heading = nullptr;  // Inter SemiBold, larger
  ImFont* mono = nullptr;     // JetBrains Mono, for code, bytes and addresses
  float pixelScale = 1.0f;
  float uiScale = 1.0f;
};

// (Re)builds the current ImGui context's font atlas. The renderer must re-upload the atlas texture
// afterwards. uiScale enlarges everything (native high-DPI screens); pixelScale only sharpens.
Fonts loadFonts(float pixelScale, float uiScale);

}  // namespace gofast::ui
