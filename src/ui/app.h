// The explainer application: the menu bar, the chapter tabs and the windows around them. It draws
// with ImGui only (no SDL, no GL): src/platform owns the window and calls frame() once per frame
// between ImGui::NewFrame() and ImGui::Render(). That keeps the whole UI testable without a window.
//
// Section index: App state · frame() · menus · chapter content · About window.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ui/analysis_chapter.h"
#include "ui/fonts.h"

namespace gofast::ui {

// What the platform layer knows and the About window shows.
// What a share link or an embed restores (SPEC F6): the chapter, its example, options, the theme and,
// when the learner changed it, the program text.
struct ViewState {
  std::string chapter = "values";  // api::Chapter::id
  int example = -1;                // index in the chapter's examples, -1 none
  bool inlining = true;
  bool dark = true;
  bool hasProgram = false;         // program is meaningful (edited text or the playground)
  std::string program;
};

struct PlatformInfo {
  std::string name;        // "desktop (SDL2 + OpenGL 3)" or "web (WebAssembly + WebGL 2)"
  std::string sdlVersion;  // "2.26.5"
  std::string glVersion;   // GL_VERSION string
  std::string glRenderer;  // GL_RENDERER string
  bool canShare = false;   // the platform can make share links (the web page)
};

// A rectangle in logical pixels (CSS pixels on the web).
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
};

class App {
 public:
  explicit App(PlatformInfo info);

  // Draws one frame of the whole UI. Precondition: inside ImGui::NewFrame()/Render(), fonts loaded.
  void frame(const Fonts& fonts);

  int chapter() const { return chapter_; }
  void selectChapter(int index);
  bool darkTheme() const { return dark_; }
  void setDarkTheme(bool dark);
  // True once after the theme changed; the platform then re-applies it with its UI scale.
  bool takeThemeChanged();
  bool quitRequested() const { return quit_; }
  void openAbout() { showAbout_ = true; }
  bool aboutOpen() const { return showAbout_; }

  // The tab rectangles drawn in the last frame, in chapter order (the web page publishes them so
  // that browser tests and assistive technology can find the tabs).
  const std::vector<Rect>& tabRects() const { return tabRects_; }
  // Share links: the current view, and restoring one. takeShareRequested() is true once after the
  // user chose "Copy link" (the platform builds the link).
  ViewState viewState() const;
  void applyViewState(const ViewState& v);
  bool takeShareRequested();

  // One plain sentence describing what the screen shows now, mirrored to an ARIA live region.
  std::string statusText() const;

 private:
  void drawMenuBar();
  void drawChapter(const Fonts& fonts, int index);
  void drawAbout();
  void handleShortcuts();

  PlatformInfo info_;
  int chapter_ = 0;
  int requestedChapter_ = -1;  // set by selectChapter/shortcuts, applied when the tab bar is drawn
  bool dark_ = true;
  bool themeChanged_ = false;
  bool showAbout_ = false;
  bool quit_ = false;
  bool shareRequested_ = false;
  std::vector<Rect> tabRects_;
  // Chapters about the compiler's decisions (2: calls, 3: escape) and the Playground, made when first shown.
  std::unique_ptr<AnalysisChapter> calls_, escape_, playground_;
  AnalysisChapter* analysisChapter(int index);
  const AnalysisChapter* analysisChapterIfMade(int index) const;
};

}  // namespace gofast::ui
