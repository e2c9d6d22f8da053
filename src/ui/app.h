// The explainer application: the menu bar, the chapter tabs and the windows around them. It draws
// with ImGui only (no SDL, no GL): src/platform owns the window and calls frame() once per frame
// between ImGui::NewFrame() and ImGui::Render(). That keeps the whole UI testable without a window.
//
// Embed mode (SPEC F6, docs/embedding.md): inside a tutorial's iframe the app shows only the chosen
// chapter's panels (no menu bar, no tabs, no chapter shortcuts); readonly makes the code editor
// read-only; the "panels" option narrows it to some of the chapter's panels. The transport
// (postMessage, origins) is the platform's and web/main.js's business; the app answers control() for
// the player commands, and runState()/runAt() for share links that carry the run's position.
//
// Exports: "Save panel as PNG" picks a panel drawn in the last frame (panels()); the platform reads
// that rectangle of the next rendered frame (takePanelPngRequest) and saves it.
//
// Section index: App state · embed mode · frame() · menus · chapter content · About window.
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
  bool canOpenFiles = false;  // the platform reads and writes files (the desktop app: File menu)
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
  // prefers-reduced-motion (the page's media query): no blinking caret, and the player's "watch
  // lines" speed moves in jumps of a line per second instead of ten a second.
  void setReducedMotion(bool on) { reducedMotion_ = on; }
  bool reducedMotion() const { return reducedMotion_; }
  // True once after the theme changed; the platform then re-applies it with its UI scale.
  bool takeThemeChanged();
  bool quitRequested() const { return quit_; }
  void openAbout() { showAbout_ = true; }
  bool aboutOpen() const { return showAbout_; }
  bool shortcutsOpen() const { return showShortcuts_; }

  // The tab rectangles drawn in the last frame, in chapter order (the web page publishes them so
  // that browser tests and assistive technology can find the tabs).
  const std::vector<Rect>& tabRects() const { return tabRects_; }
  // Share links: the current view, and restoring one. takeShareRequested() is true once after the
  // user chose "Copy link" (the platform builds the link).
  ViewState viewState() const;
  void applyViewState(const ViewState& v);
  bool takeShareRequested();
  // Files (desktop): the File menu asks for a path; the platform does the reading and writing.
  struct FileRequest {
    enum class Kind { Open, Save } kind = Kind::Open;
    std::string path;
  };
  bool takeFileRequest(FileRequest* out);
  // The program text of the current chapter (what Save writes), and opening a file's text: it goes
  // into the Playground (or into the current chapter's editor when that chapter runs programs).
  std::string currentProgram() const;
  void openProgram(const std::string& text, const std::string& name);
  // One line the menu bar shows for a while ("Saved ./main.go", "cannot open x: No such file").
  void setFileMessage(std::string msg) { fileMessage_ = std::move(msg); fileMessageFrames_ = 600; }
  // Runs the current chapter's program on the VM (the Run button; --run on the desktop).
  bool runProgram();
  // The current chapter's run: its scheduler trace as Chrome trace-event JSON ("" without a run), and
  // the Share menu's "Download the run's trace" request (true once; the platform saves the file).
  std::string runTraceJson() const;
  bool takeTraceDownloadRequested();

  // The panels drawn in the last frame (id, title, rectangle in logical pixels), in drawing order.
  const std::vector<DrawnPanel>& panels() const { return panels_; }
  // "Save panel as PNG" (Share menu; web/main.js gofastSavePanel): asks the platform to save the panel
  // with draw id `id` from the next rendered frame. False if no such panel was drawn in the last frame.
  bool requestPanelPng(const std::string& id);
  // True once per request, with the panel's id and rectangle (logical pixels) as it is drawn in the
  // frame just rendered; the platform reads those pixels from the frame buffer.
  bool takePanelPngRequest(std::string* id, Rect* rect);

  // One plain sentence describing what the screen shows now, mirrored to an ARIA live region.
  std::string statusText() const;
  // The chapter with code (an AnalysisChapter) at index once it was shown, else nullptr (tests, status).
  const AnalysisChapter* analysisChapterIfMade(int index) const;

  // Embed mode: a minimal view of the current chapter for an iframe in someone else's page.
  void setEmbed(bool embed, bool readOnly);
  // The embed "panels" option: panel ids (AnalysisChapter::panelIds) the embedded chapter shows; empty =
  // all. Ignored outside embed mode.
  void setEmbedPanels(std::vector<std::string> ids) { embedPanels_ = std::move(ids); }
  const std::vector<std::string>& embedPanels() const { return embedPanels_; }
  bool embedded() const { return embed_; }
  bool readOnly() const { return readOnly_; }

  // The player commands of the embed protocol (and, later, of the app's own controls). This is the one
  // place that forwards them to the program's run once the VM drives the explainer.
  enum class Control { Play, Pause, Step, Back, Seek };
  enum class ControlResult { Done, Unsupported, Invalid };
  // count: steps for Step/Back (>= 1), the target step for Seek (>= 0); ignored by Play/Pause.
  // unit (Step/Back): "instruction", "line" (default), "switch", "growth" or "gc". Chapters without a
  // run (1-3) answer Unsupported; a command before any run starts one (paused).
  ControlResult control(Control c, long count, const std::string& unit = "line");
  // Where the current chapter's run is (instructions executed; 0 without a run).
  uint64_t runPosition() const;
  // The current chapter's run as a share link and the embed's `step` events see it (SPEC F6): where it
  // is, who ran last on which line, how much it printed, the trace so far, and the options it runs with.
  struct RunState {
    bool hasRun = false, running = false, finished = false, playing = false;
    int exitStatus = 0;
    uint64_t position = 0;
    int64_t goroutine = 0;
    int32_t line = 0;
    uint64_t output = 0;  // bytes of stdout and stderr so far
    uint64_t traceLength = 0, traceHash = 0;
    api::RunConfig config;
  };
  RunState runState() const;
  // Opens a share link's run: runs the current chapter's program with these options and moves to
  // instruction count `position` (paused there). False when the chapter has no run or it cannot start.
  bool runAt(int32_t gomaxprocs, uint64_t seed, int64_t writeLatencyNs, uint64_t position);

 private:
  void drawMenuBar();
  void endFrame();
  void drawEmbedded(const Fonts& fonts);
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
  bool reducedMotion_ = false;
  bool fileRequestPending_ = false;
  FileRequest fileRequest_;
  bool fileDialogOpen_ = false;
  FileRequest::Kind fileDialogKind_ = FileRequest::Kind::Open;
  char filePath_[512] = "main.go";
  std::string fileMessage_;
  int fileMessageFrames_ = 0;
  void drawFileDialog();
  bool traceDownloadRequested_ = false;
  bool showShortcuts_ = false;  // the `?` overlay
  bool embed_ = false;
  bool readOnly_ = false;
  std::vector<Rect> tabRects_;
  std::vector<std::string> embedPanels_;
  std::vector<DrawnPanel> panels_;
  std::string pngPanel_;  // requested "Save panel as PNG", "" none
  int pngFrames_ = 0;     // frames to draw before saving (the menu that asked must have closed)
  Rect pngRect_;
  bool pngReady_ = false;  // pngPanel_ is at pngRect_ in the frame just made
  // Chapters drawn from the Session (1: values, 2: calls, 3: escape) and the Playground, made when first shown.
  std::unique_ptr<AnalysisChapter> values_, calls_, escape_, goroutines_, stacks_, playground_;
  AnalysisChapter* analysisChapter(int index);
};

}  // namespace gofast::ui
