#include "ui/app.h"

#include <imgui.h>

#include "api/lessons.h"
#include "common/version.h"
#include "ui/shortcuts_overlay.h"

namespace gofast::ui {

namespace {
// The Playground's starting program (the learner edits it; the compiler notes follow each edit).
const char* const kPlaygroundSample = R"(package main

import "fmt"

type point struct {
	x, y int32
}

// sum adds up the numbers; make([]int, 100) stays on the stack.
func sum() int {
	numbers := make([]int, 100)
	for i := range numbers {
		numbers[i] = i
	}
	var total int
	for _, n := range numbers {
		total += n
	}
	return total
}

func newPoint() *point {
	p := point{x: 1, y: 2} // moves to the heap: its address outlives the call
	return &p
}

func main() {
	fmt.Println(sum(), newPoint().x, "héllo, 世界", 'x', `raw`, 0x1F, 3.5e-2)
}
)";
}  // namespace

// ---- App state -------------------------------------------------------------------------------------

App::App(PlatformInfo info) : info_(std::move(info)) {}

void App::selectChapter(int index) {
  if (index >= 0 && index < static_cast<int>(api::chapters().size())) requestedChapter_ = index;
}

void App::setDarkTheme(bool dark) {
  if (dark != dark_) {
    dark_ = dark;
    themeChanged_ = true;
  }
}

bool App::takeThemeChanged() {
  bool changed = themeChanged_;
  themeChanged_ = false;
  return changed;
}

std::string App::statusText() const {
  const auto& list = api::chapters();
  const auto& c = list[static_cast<size_t>(chapter_)];
  std::string detail;
  if (const AnalysisChapter* ac = analysisChapterIfMade(chapter_)) detail = " " + ac->status();
  if (chapter_ == static_cast<int>(list.size()) - 1) return std::string("Playground: ") + c.idea + detail;
  return "Chapter " + std::to_string(chapter_ + 1) + " of " + std::to_string(list.size() - 1) + ": " + c.title +
         ". " + c.idea + detail;
}

ViewState App::viewState() const {
  ViewState v;
  v.chapter = api::chapters()[static_cast<size_t>(chapter_)].id;
  v.dark = dark_;
  if (const AnalysisChapter* ac = analysisChapterIfMade(chapter_)) {
    v.example = ac->example();
    v.inlining = ac->inlining();
    if (ac->edited()) {
      v.hasProgram = true;
      v.program = ac->program();
    }
  }
  return v;
}

void App::applyViewState(const ViewState& v) {
  int idx = api::chapterIndex(v.chapter.c_str());
  if (idx < 0) idx = 0;
  selectChapter(idx);
  chapter_ = idx;  // visible to viewState() before the next frame draws the tab bar
  setDarkTheme(v.dark);
  if (AnalysisChapter* ac = analysisChapter(idx)) {
    if (v.example >= 0 && v.example < ac->exampleCount()) ac->selectExample(v.example);
    if (v.hasProgram) ac->setProgram(v.program);
    ac->setInlining(v.inlining);
  }
}

// ---- embed mode ------------------------------------------------------------------------------------

void App::setEmbed(bool embed, bool readOnly) {
  embed_ = embed;
  readOnly_ = readOnly;
}

App::ControlResult App::control(Control c, long count, const std::string& unit) {
  switch (c) {
    case Control::Step:
    case Control::Back:
      if (count < 1) return ControlResult::Invalid;
      break;
    case Control::Seek:
      if (count < 0) return ControlResult::Invalid;
      break;
    case Control::Play:
    case Control::Pause:
      break;
  }
  using U = api::Session::StepUnit;
  U u = U::Line;
  if (unit == "instruction") u = U::Instruction;
  else if (unit == "line") u = U::Line;
  else if (unit == "switch") u = U::Switch;
  else if (unit == "growth") u = U::Growth;
  else if (unit == "gc") u = U::GC;
  else return ControlResult::Invalid;
  const int index = requestedChapter_ >= 0 ? requestedChapter_ : chapter_;
  const std::string& id = api::chapters()[static_cast<size_t>(index)].id;
  if (id != "goroutines" && id != "stacks" && id != "playground") return ControlResult::Unsupported;
  AnalysisChapter* ac = analysisChapter(index);
  if (ac == nullptr) return ControlResult::Unsupported;
  ac->ensureAnalysed();
  RunPanel& rp = ac->runPanel();
  switch (c) {
    case Control::Play: rp.play(); break;
    case Control::Pause: rp.pause(); break;
    case Control::Step: rp.step(u, count); break;
    case Control::Back: rp.back(u, count); break;
    case Control::Seek: rp.seek(static_cast<uint64_t>(count)); break;
  }
  return ControlResult::Done;
}

uint64_t App::runPosition() const {
  const AnalysisChapter* ac = analysisChapterIfMade(requestedChapter_ >= 0 ? requestedChapter_ : chapter_);
  return ac != nullptr && ac->session().hasRun() ? ac->session().position() : 0;
}

App::RunState App::runState() const {
  RunState r;
  const AnalysisChapter* ac = analysisChapterIfMade(requestedChapter_ >= 0 ? requestedChapter_ : chapter_);
  if (ac == nullptr || !ac->session().hasRun()) return r;
  const api::Session& s = ac->session();
  r.hasRun = true;
  r.finished = s.runFinished();
  r.running = !r.finished;
  r.playing = ac->runPanel().playing();
  r.position = s.position();
  r.goroutine = s.currentGoid();
  r.line = s.currentLine();
  r.config = s.runConfig();
  const api::Snapshot& snap = ac->runPanel().snapshot();
  if (snap.position == r.position) {  // the panel's snapshot is current (it is refreshed every frame)
    r.exitStatus = snap.exitStatus;
    r.output = snap.stdoutText.size() + snap.stderrText.size();
    r.traceLength = snap.traceLength;
    r.traceHash = snap.traceHash;
  } else {
    const api::Snapshot now = s.snapshot();
    r.exitStatus = now.exitStatus;
    r.output = now.stdoutText.size() + now.stderrText.size();
    r.traceLength = now.traceLength;
    r.traceHash = now.traceHash;
  }
  return r;
}

bool App::runAt(int32_t gomaxprocs, uint64_t seed, int64_t writeLatencyNs, uint64_t position) {
  const int index = requestedChapter_ >= 0 ? requestedChapter_ : chapter_;
  AnalysisChapter* ac = analysisChapter(index);
  if (ac == nullptr || (ac->id() != "goroutines" && ac->id() != "stacks" && ac->id() != "playground")) return false;
  api::RunConfig& cfg = ac->runPanel().config();
  cfg.gomaxprocs = gomaxprocs;
  cfg.seed = seed;
  cfg.writeLatencyNs = writeLatencyNs;
  if (!ac->run()) return false;
  ac->runPanel().seek(position);  // pauses there
  return true;
}

bool App::runProgram() {
  AnalysisChapter* ac = analysisChapter(requestedChapter_ >= 0 ? requestedChapter_ : chapter_);
  return ac != nullptr && ac->run();
}

std::string App::runTraceJson() const {
  const AnalysisChapter* ac = analysisChapterIfMade(chapter_);
  return ac != nullptr && ac->session().hasRun() ? ac->session().chromeTraceJson() : std::string();
}

bool App::takeTraceDownloadRequested() {
  bool r = traceDownloadRequested_;
  traceDownloadRequested_ = false;
  return r;
}

bool App::requestPanelPng(const std::string& id) {
  for (const DrawnPanel& p : panels_) {
    if (p.id != id) continue;
    pngPanel_ = id;
    pngFrames_ = 2;
    pngReady_ = false;
    return true;
  }
  return false;
}

bool App::takePanelPngRequest(std::string* id, Rect* rect) {
  if (!pngReady_) return false;
  pngReady_ = false;
  *id = pngPanel_;
  *rect = pngRect_;
  pngPanel_.clear();
  return true;
}

// After drawing: remember where the panels are; a PNG request becomes ready once the frame it wants shows.
void App::endFrame() {
  panels_ = drawnPanels();
  if (pngPanel_.empty() || pngReady_ || --pngFrames_ > 0) return;
  for (const DrawnPanel& p : panels_) {
    if (p.id != pngPanel_) continue;
    pngRect_ = Rect{p.min.x, p.min.y, p.max.x - p.min.x, p.max.y - p.min.y};
    pngReady_ = true;
    return;
  }
  pngPanel_.clear();  // the panel is gone (chapter switched): nothing to save
}

bool App::takeShareRequested() {
  bool r = shareRequested_;
  shareRequested_ = false;
  return r;
}

AnalysisChapter* App::analysisChapter(int index) {
  const std::string id = api::chapters()[static_cast<size_t>(index)].id;
  if (id == "values") {
    if (!values_) values_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{false, false});
    return values_.get();
  }
  if (id == "calls") {
    if (!calls_) calls_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{true, false});
    return calls_.get();
  }
  if (id == "goroutines") {
    if (!goroutines_) goroutines_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{false, false});
    return goroutines_.get();
  }
  if (id == "stacks") {
    if (!stacks_) stacks_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{false, false});
    return stacks_.get();
  }
  if (id == "escape") {
    if (!escape_) escape_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{false, true});
    return escape_.get();
  }
  if (id == "playground") {
    if (!playground_) playground_ = std::make_unique<AnalysisChapter>(id, CodePanel::Filter{true, true}, kPlaygroundSample);
    return playground_.get();
  }
  return nullptr;
}

const AnalysisChapter* App::analysisChapterIfMade(int index) const {
  if (index < 0 || index >= static_cast<int>(api::chapters().size())) return nullptr;
  const std::string id = api::chapters()[static_cast<size_t>(index)].id;
  if (id == "values") return values_.get();
  if (id == "calls") return calls_.get();
  if (id == "escape") return escape_.get();
  if (id == "goroutines") return goroutines_.get();
  if (id == "stacks") return stacks_.get();
  if (id == "playground") return playground_.get();
  return nullptr;
}

// ---- frame() ---------------------------------------------------------------------------------------

void App::frame(const Fonts& fonts) {
  drawnPanels().clear();
  if (embed_) {
    drawEmbedded(fonts);
    endFrame();
    return;
  }
  handleShortcuts();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_MenuBar;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("gofast", nullptr, flags);
  ImGui::PopStyleVar(2);
  drawMenuBar();

  const auto& list = api::chapters();
  tabRects_.assign(list.size(), Rect{});
  if (ImGui::BeginTabBar("chapters", ImGuiTabBarFlags_FittingPolicyScroll)) {
    for (size_t i = 0; i < list.size(); ++i) {
      ImGuiTabItemFlags tabFlags = requestedChapter_ == static_cast<int>(i) ? ImGuiTabItemFlags_SetSelected : 0;
      bool open = ImGui::BeginTabItem(list[i].tab, nullptr, tabFlags);
      // The rect of the tab itself (BeginTabItem's last item), for tests and the web page's a11y mirror.
      ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
      tabRects_[i] = Rect{mn.x, mn.y, mx.x - mn.x, mx.y - mn.y};
      if (open) {
        chapter_ = static_cast<int>(i);
        drawChapter(fonts, static_cast<int>(i));
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  requestedChapter_ = -1;
  ImGui::End();
  if (showAbout_) drawAbout();
  if (showShortcuts_) drawShortcutsOverlay(&showShortcuts_);
  drawFileDialog();
  endFrame();
}

// Embed mode: one window with the current chapter only. No menu bar, no tabs, no About window and no
// shortcuts (a host page's learner did not ask for them); the page adds its "Open in gofast" link.
void App::drawEmbedded(const Fonts& fonts) {
  if (requestedChapter_ >= 0) chapter_ = requestedChapter_;
  requestedChapter_ = -1;
  tabRects_.clear();
  showAbout_ = false;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("gofast embed", nullptr, flags);
  ImGui::PopStyleVar(2);
  drawChapter(fonts, chapter_);
  ImGui::End();
}

void App::handleShortcuts() {
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  // ImGui 1.86 has no portable key codes for digits and letters, but typed characters are portable.
  for (ImWchar ch : io.InputQueueCharacters) {
    if (ch >= '1' && ch <= '6') selectChapter(ch - '1');
    if (ch == 't' || ch == 'T') setDarkTheme(!dark_);
    if (ch == '?') showShortcuts_ = !showShortcuts_;
  }
}

// ---- menus -----------------------------------------------------------------------------------------

void App::drawMenuBar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextUnformatted("gofast");
  ImGui::TextDisabled("why Go is fast");
  ImGui::Separator();
  if (ImGui::BeginMenu("Chapters")) {
    const auto& list = api::chapters();
    for (size_t i = 0; i < list.size(); ++i) {
      char key[2] = {static_cast<char>('1' + i), 0};
      if (ImGui::MenuItem(list[i].title, key, chapter_ == static_cast<int>(i))) selectChapter(static_cast<int>(i));
    }
    ImGui::EndMenu();
  }
  if (info_.canOpenFiles && ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open a .go file...")) {
      fileDialogOpen_ = true;
      fileDialogKind_ = FileRequest::Kind::Open;
    }
    if (ImGui::MenuItem("Save the program as...")) {
      fileDialogOpen_ = true;
      fileDialogKind_ = FileRequest::Kind::Save;
    }
    ImGui::TextDisabled("(or drop a .go file on the window)");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    bool dark = dark_;
    if (ImGui::MenuItem("Dark theme", "T", &dark)) setDarkTheme(dark);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Share")) {
    if (info_.canShare) {
      if (ImGui::MenuItem("Copy link to this view")) shareRequested_ = true;
      const AnalysisChapter* ac = analysisChapterIfMade(chapter_);
      const bool hasRun = ac != nullptr && ac->session().hasRun();
      if (ImGui::MenuItem("Download the run's trace (Chrome/Perfetto JSON)", nullptr, false, hasRun)) traceDownloadRequested_ = true;
    }
    // Web: a download; desktop: gofast-<panel>.png in the working directory.
    if (ImGui::BeginMenu("Save panel as PNG", !panels_.empty())) {
      for (const DrawnPanel& p : panels_) {
        ImGui::PushID(p.id.c_str());
        if (ImGui::MenuItem(p.title.c_str())) requestPanelPng(p.id);
        ImGui::PopID();
      }
      ImGui::EndMenu();
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keyboard shortcuts", "?")) showShortcuts_ = true;
    if (ImGui::MenuItem("About gofast")) showAbout_ = true;
    ImGui::EndMenu();
  }
  if (fileMessageFrames_ > 0) {
    fileMessageFrames_--;
    ImGui::TextDisabled("%s", fileMessage_.c_str());
  }
  ImGui::EndMenuBar();
}

// ---- chapter content -------------------------------------------------------------------------------


void App::drawChapter(const Fonts& fonts, int index) {
  const api::Chapter& c = api::chapters()[static_cast<size_t>(index)];
  ImGui::Spacing();
  if (fonts.heading) ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(c.title);
  if (fonts.heading) ImGui::PopFont();
  ImGui::Spacing();
  if (AnalysisChapter* ac = analysisChapter(index)) {
    ac->code().editor().setReadOnly(readOnly_);
    ac->setVisiblePanels(embed_ ? embedPanels_ : std::vector<std::string>{});
    PanelFrame frame;
    frame.fonts = &fonts;
    frame.dark = dark_;
    frame.reducedMotion = reducedMotion_;
    CodeEditorOptions eo = ac->code().editor().options();
    eo.reducedMotion = reducedMotion_;
    ac->code().editor().setOptions(eo);
    ac->draw(frame);
    return;
  }
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 40.0f);
  ImGui::TextWrapped("%s", c.idea);
  ImGui::Spacing();
  ImGui::TextDisabled("What this chapter will show:");
  ImGui::TextWrapped("%s", c.willShow);
  ImGui::PopTextWrapPos();
}

// ---- About window ----------------------------------------------------------------------------------

void App::drawAbout() {
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin("About gofast", &showAbout_, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("gofast shows the five things that make Go fast (after Dave Cheney, 2014), each "
                       "implemented small enough to watch.");
    ImGui::Separator();
    if (ImGui::BeginTable("versions", 2)) {
      auto row = [](const char* k, const std::string& v) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", k);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", v.c_str());
      };
      row("gofast", versionString());
      row("Dear ImGui", IMGUI_VERSION);
      row("SDL2", info_.sdlVersion);
      row("Compiler", compilerString());
      row("Face", info_.name);
      row("OpenGL", info_.glVersion);
      row("Renderer", info_.glRenderer);
      ImGui::EndTable();
    }
    if (ImGui::Button("Close")) showAbout_ = false;
  }
  ImGui::End();
}

// ---- files (desktop) --------------------------------------------------------------------------------

bool App::takeFileRequest(FileRequest* out) {
  if (!fileRequestPending_) return false;
  fileRequestPending_ = false;
  *out = fileRequest_;
  return true;
}

std::string App::currentProgram() const {
  const AnalysisChapter* ac = analysisChapterIfMade(requestedChapter_ >= 0 ? requestedChapter_ : chapter_);
  return ac != nullptr ? ac->program() : std::string();
}

void App::openProgram(const std::string& text, const std::string& name) {
  ViewState v;
  v.chapter = "playground";
  v.dark = dark_;
  v.hasProgram = true;
  v.program = text;
  applyViewState(v);
  setFileMessage("Opened " + name + " in the Playground");
}

void App::drawFileDialog() {
  if (fileDialogOpen_) {
    ImGui::OpenPopup("file");
    fileDialogOpen_ = false;
  }
  if (!ImGui::BeginPopupModal("file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  const bool open = fileDialogKind_ == FileRequest::Kind::Open;
  ImGui::TextUnformatted(open ? "Open a Go file (it goes into the Playground):" : "Save the program to:");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28.0f);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##path", filePath_, sizeof filePath_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (enter || ImGui::Button(open ? "Open" : "Save")) {
    fileRequest_ = FileRequest{fileDialogKind_, filePath_};
    fileRequestPending_ = true;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace gofast::ui
