// The GUI faces of gofast: one main loop for the native desktop app (SDL2 + OpenGL 3) and the web app
// (Emscripten: SDL2 + WebGL 2). This is the only place with SDL events, GL calls and #ifdef
// __EMSCRIPTEN__ (DESIGN.md rule 1); everything drawn comes from ui::App.
//
// Native options: --frames N / --seconds S (draw N frames or for S seconds, then exit 0: used by
// tests), --size WxH, --chapter ID, --example N (index), --run, --step UNIT:N (start the run paused and
// step N times by instruction|line|switch|growth|gc, for screenshots), --save-panel ID (after a few frames, save that panel as
// gofast-ID.png in the working directory, as the Share menu's "Save panel as PNG" does, then exit).
// Desktop files: File > Open / Save as (App asks for a path, this file reads and writes), a .go file
// dropped on the window opens in the Playground, and an interactive session's view (chapter, example,
// theme, edited program) is kept in $XDG_CONFIG_HOME/gofast/view across restarts.
// Web: the canvas fills its CSS box; the window follows the browser window's size, and the font
// atlas is rebuilt at the device pixel ratio so text is crisp on high-DPI screens.
#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#include <SDL_opengl.h>
#endif

#include "api/lessons.h"
#include "ui/app.h"
#include "ui/fonts.h"
#include "ui/png_writer.h"
#include "ui/theme.h"

namespace {

struct Loop {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  gofast::ui::App* app = nullptr;
  gofast::ui::Fonts fonts;
  float uiScale = 1.0f;
  long framesLeft = -1;  // native --frames
  std::string savePanel;  // native --save-panel: the panel to save after a few frames, then exit
  long frameCount = 0;
  Uint32 deadlineMs = 0;  // native --seconds (SDL ticks), 0 = none
  bool done = false;
  std::string publishedStatus;
  std::string publishedTabs;  // tabs, panels and theme as last published (change check)
};

// Framebuffer pixels per window unit (devicePixelRatio on the web, 1 on most X11 setups).
float pixelScale(SDL_Window* w) {
  int ww = 0, wh = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(w, &ww, &wh);
  SDL_GL_GetDrawableSize(w, &dw, &dh);
  return ww > 0 ? static_cast<float>(dw) / static_cast<float>(ww) : 1.0f;
}

void rebuildFontsIfNeeded(Loop& L) {
  float ps = pixelScale(L.window);
  if (L.fonts.body && ps == L.fonts.pixelScale) return;
  L.fonts = gofast::ui::loadFonts(ps, L.uiScale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

#if defined(__EMSCRIPTEN__)
// Keep the SDL window the size of the canvas's CSS box (which CSS sizes to the browser window).
void followCanvasSize(Loop& L) {
  double cssW = 0, cssH = 0;
  emscripten_get_element_css_size("#canvas", &cssW, &cssH);
  int w = 0, h = 0;
  SDL_GetWindowSize(L.window, &w, &h);
  if (cssW >= 1 && cssH >= 1 && (static_cast<int>(cssW) != w || static_cast<int>(cssH) != h))
    SDL_SetWindowSize(L.window, static_cast<int>(cssW), static_cast<int>(cssH));
}

// ---- share links (web/main.js builds and reads the URL hash; SPEC F6) ----------------------------------
gofast::ui::App* gApp = nullptr;  // the page's app, for the exported functions below

void jsonString(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}
// Mirror the UI state into the page: an ARIA live region for screen readers, and the tab rectangles
// (CSS pixels) for the page's own scripts and tests.
void publishState(Loop& L) {
  std::string status = L.app->statusText();
  std::string tabs = "[";
  for (const auto& r : L.app->tabRects()) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s[%.1f,%.1f,%.1f,%.1f]", tabs.size() > 1 ? "," : "", r.x, r.y, r.w, r.h);
    tabs += buf;
  }
  tabs += "]";
  // The panels drawn (id, title, rectangle in CSS pixels): "Save panel as PNG" and the embed tests.
  std::string panels = "[";
  for (const auto& p : L.app->panels()) {
    if (panels.size() > 1) panels += ',';
    panels += "{\"id\":";
    jsonString(panels, p.id);
    panels += ",\"title\":";
    jsonString(panels, p.title);
    char buf[96];
    std::snprintf(buf, sizeof buf, ",\"rect\":[%.1f,%.1f,%.1f,%.1f]}", p.min.x, p.min.y, p.max.x - p.min.x, p.max.y - p.min.y);
    panels += buf;
  }
  panels += "]";
  // A run's move also counts as a change (web/main.js then sends an embed's host its `step` event).
  const std::string key = tabs + panels + (L.app->darkTheme() ? " dark " : " light ") + std::to_string(L.app->runPosition());
  if (status == L.publishedStatus && key == L.publishedTabs) return;
  L.publishedStatus = status;
  L.publishedTabs = key;
  // Strings go to JS as UTF-8 data (never evaluated as code; JSON.parse only).
  EM_ASM({
    var status = UTF8ToString($0);
    var tabs = JSON.parse(UTF8ToString($1));
    var panels = JSON.parse(UTF8ToString($4));
    Module.gofastState = ({chapter : $2, dark : !!$3, tabs : tabs, status : status, panels : panels});
    var el = document.getElementById('gofast-status');
    if (el && el.textContent !== status) el.textContent = status;
    if (typeof Module.gofastOnState === 'function') Module.gofastOnState();  // web/main.js: embed events
  }, status.c_str(), tabs.c_str(), L.app->chapter(), L.app->darkTheme() ? 1 : 0, panels.c_str());
}

#endif

// "Save panel as PNG": the panel's rectangle (logical pixels) in frame-buffer pixels, clamped.
struct PixelRect {
  int x = 0, y = 0, w = 0, h = 0;  // y from the top
};
PixelRect toPixels(const gofast::ui::Rect& r) {
  const ImGuiIO& io = ImGui::GetIO();
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  const int fw = static_cast<int>(io.DisplaySize.x * sx), fh = static_cast<int>(io.DisplaySize.y * sy);
  PixelRect p;
  p.x = std::clamp(static_cast<int>(std::lround(r.x * sx)), 0, fw);
  p.y = std::clamp(static_cast<int>(std::lround(r.y * sy)), 0, fh);
  p.w = std::clamp(static_cast<int>(std::lround((r.x + r.w) * sx)), 0, fw) - p.x;
  p.h = std::clamp(static_cast<int>(std::lround((r.y + r.h) * sy)), 0, fh) - p.y;
  return p;
}

// Saves the requested panel from the frame just rendered (before the swap: the back buffer holds it).
// Web: the page crops the canvas and lets the browser encode and download it (web/main.js). Desktop:
// glReadPixels, encoded by ui::encodePng, written to gofast-<panel>.png in the working directory.
void savePanelPng(Loop& L) {
  std::string id;
  gofast::ui::Rect rect;
  if (!L.app->takePanelPngRequest(&id, &rect)) return;
  const PixelRect p = toPixels(rect);
  if (p.w <= 0 || p.h <= 0) return;
#if defined(__EMSCRIPTEN__)
  EM_ASM({ if (window.gofastSavePanelPixels) window.gofastSavePanelPixels(UTF8ToString($0), $1, $2, $3, $4); },
         id.c_str(), p.x, p.y, p.w, p.h);
#else
  const int fh = static_cast<int>(ImGui::GetIO().DisplaySize.y * ImGui::GetIO().DisplayFramebufferScale.y);
  std::vector<uint8_t> pixels(static_cast<size_t>(p.w) * static_cast<size_t>(p.h) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(p.x, fh - p.y - p.h, p.w, p.h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL rows go bottom to top; PNG rows top to bottom. The frame is opaque: alpha 255.
  std::vector<uint8_t> rows(pixels.size());
  const size_t stride = static_cast<size_t>(p.w) * 4;
  for (int y = 0; y < p.h; ++y)
    std::copy_n(pixels.data() + static_cast<size_t>(p.h - 1 - y) * stride, stride, rows.data() + static_cast<size_t>(y) * stride);
  for (size_t i = 3; i < rows.size(); i += 4) rows[i] = 255;
  const std::vector<uint8_t> png = gofast::ui::encodePng(rows.data(), rows.size(), static_cast<uint32_t>(p.w), static_cast<uint32_t>(p.h));
  const std::string path = "gofast-" + id + ".png";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || std::fwrite(png.data(), 1, png.size(), f) != png.size()) {
    std::fprintf(stderr, "gofast-desktop: cannot write %s\n", path.c_str());
  } else {
    std::printf("gofast-desktop: saved %s (%dx%d)\n", path.c_str(), p.w, p.h);
  }
  if (f != nullptr) std::fclose(f);
#endif
  (void)L;
}

#if !defined(__EMSCRIPTEN__)
// ---- files and the remembered view (desktop) ----------------------------------------------------------

void openFile(gofast::ui::App& app, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    app.setFileMessage("cannot open " + path);
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > (1u << 20)) {
    app.setFileMessage(path + " is larger than 1 MiB: not opened");
    return;
  }
  app.openProgram(text, path);
}

void handleFileRequests(gofast::ui::App& app) {
  gofast::ui::App::FileRequest r;
  if (!app.takeFileRequest(&r)) return;
  if (r.kind == gofast::ui::App::FileRequest::Kind::Open) {
    openFile(app, r.path);
    return;
  }
  std::ofstream out(r.path, std::ios::binary | std::ios::trunc);
  out << app.currentProgram();
  app.setFileMessage(out.good() ? "Saved " + r.path : "cannot write " + r.path);
}

// The view (chapter, example, theme, edited program) survives a restart, as the web page keeps it in
// local storage: $XDG_CONFIG_HOME/gofast/view (or ~/.config/gofast/view), one "key=value" line each,
// the program last (it may span lines).
std::string viewFilePath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  std::string dir = xdg != nullptr && *xdg != '\0' ? xdg : home != nullptr ? std::string(home) + "/.config" : "";
  return dir.empty() ? "" : dir + "/gofast/view";
}

void saveView(const gofast::ui::App& app) {
  const std::string path = viewFilePath();
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  const gofast::ui::ViewState v = app.viewState();
  out << "chapter=" << v.chapter << "\nexample=" << v.example << "\ndark=" << (v.dark ? 1 : 0)
      << "\ninlining=" << (v.inlining ? 1 : 0) << "\n";
  if (v.hasProgram) out << "program=" << v.program;
}

void restoreView(gofast::ui::App& app) {
  const std::string path = viewFilePath();
  std::ifstream in(path, std::ios::binary);
  if (path.empty() || !in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  gofast::ui::ViewState v;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    const size_t eq = line.find('=');
    const std::string key = line.substr(0, eq), val = eq == std::string::npos ? "" : line.substr(eq + 1);
    if (key == "program") {
      v.hasProgram = true;
      v.program = text.substr(pos + 8);
      break;
    }
    if (key == "chapter") v.chapter = val;
    if (key == "example") v.example = std::atoi(val.c_str());
    if (key == "dark") v.dark = val == "1";
    if (key == "inlining") v.inlining = val != "0";
    pos = eol + 1;
  }
  if (gofast::api::chapterIndex(v.chapter.c_str()) < 0) return;
  app.applyViewState(v);
}
#endif

void frame(void* arg) {
  Loop& L = *static_cast<Loop*>(arg);
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) L.done = true;
#if !defined(__EMSCRIPTEN__)
    if (e.type == SDL_DROPFILE && e.drop.file != nullptr) {  // a file dropped on the window
      openFile(*L.app, e.drop.file);
      SDL_free(e.drop.file);
    }
#endif
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE &&
        e.window.windowID == SDL_GetWindowID(L.window))
      L.done = true;
  }
#if defined(__EMSCRIPTEN__)
  followCanvasSize(L);
#endif
  rebuildFontsIfNeeded(L);
  if (L.app->takeThemeChanged()) gofast::ui::applyTheme(L.app->darkTheme(), L.uiScale);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  L.app->frame(L.fonts);
#if !defined(__EMSCRIPTEN__)
  handleFileRequests(*L.app);
#endif
  ImGui::Render();

  const ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  savePanelPng(L);
  SDL_GL_SwapWindow(L.window);
#if defined(__EMSCRIPTEN__)
  publishState(L);
#endif
#if defined(__EMSCRIPTEN__)
  if (L.app->takeShareRequested()) EM_ASM({ if (window.gofastShare) window.gofastShare(); });
  if (L.app->takeTraceDownloadRequested()) EM_ASM({ if (window.gofastDownloadTrace) window.gofastDownloadTrace(); });
#endif
  ++L.frameCount;
  if (!L.savePanel.empty() && L.frameCount == 5 && !L.app->requestPanelPng(L.savePanel)) {
    std::fprintf(stderr, "gofast-desktop: no panel %s on screen\n", L.savePanel.c_str());
    L.done = true;
  }
  if (!L.savePanel.empty() && L.frameCount == 9) L.done = true;  // the request is served two frames later
  if (L.app->quitRequested()) L.done = true;
  if (L.framesLeft > 0 && --L.framesLeft == 0) L.done = true;
  if (L.deadlineMs && SDL_GetTicks() >= L.deadlineMs) L.done = true;
}

std::string glString(GLenum name) {
  const GLubyte* s = glGetString(name);
  return s ? reinterpret_cast<const char*>(s) : "?";
}

}  // namespace

#if defined(__EMSCRIPTEN__)
extern "C" {
// Runs the current chapter's program (as its Run button does). 1 when it started.
EMSCRIPTEN_KEEPALIVE int gofast_run() { return gApp != nullptr && gApp->runProgram() ? 1 : 0; }

// The current chapter's run trace as Chrome trace-event JSON ("" without a run); valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* gofast_trace_json() {
  static std::string json;
  json = gApp != nullptr ? gApp->runTraceJson() : std::string();
  return json.c_str();
}

// The current view as JSON: {"v":1,"chapter":"escape","example":2,"inlining":true,"dark":true,
// "hasProgram":false,"program":"","run":null or {position, goroutine, line, output, ..., gomaxprocs,
// seed, writeLatencyNs}}. The string stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* gofast_view_state() {
  static std::string json;
  json.clear();
  if (gApp == nullptr) return "{}";
  gofast::ui::ViewState v = gApp->viewState();
  json = "{\"v\":1,\"chapter\":";
  jsonString(json, v.chapter);
  json += ",\"example\":" + std::to_string(v.example);
  json += std::string(",\"inlining\":") + (v.inlining ? "true" : "false");
  json += std::string(",\"dark\":") + (v.dark ? "true" : "false");
  json += std::string(",\"hasProgram\":") + (v.hasProgram ? "true" : "false");
  json += ",\"program\":";
  jsonString(json, v.program);
  // The run (chapters 4, 5 and the playground), null without one: a share link carries its position and
  // options; the rest lets a test (and the embed's host) see that a link reproduces the same state.
  const gofast::ui::App::RunState r = gApp->runState();
  if (!r.hasRun) {
    json += ",\"run\":null}";
    return json.c_str();
  }
  char buf[512];
  std::snprintf(buf, sizeof buf,
                ",\"run\":{\"position\":%llu,\"goroutine\":%lld,\"line\":%d,\"output\":%llu,\"finished\":%s,"
                "\"playing\":%s,\"exitStatus\":%d,\"traceLength\":%llu,\"traceHash\":\"%016llx\",\"gomaxprocs\":%d,"
                "\"seed\":%llu,\"writeLatencyNs\":%lld}}",
                static_cast<unsigned long long>(r.position), static_cast<long long>(r.goroutine), r.line,
                static_cast<unsigned long long>(r.output), r.finished ? "true" : "false", r.playing ? "true" : "false",
                r.exitStatus, static_cast<unsigned long long>(r.traceLength), static_cast<unsigned long long>(r.traceHash),
                r.config.gomaxprocs, static_cast<unsigned long long>(r.config.seed), static_cast<long long>(r.config.writeLatencyNs));
  json += buf;
  return json.c_str();
}

// Opens a share link's run (App::runAt): 1 when it runs and stands at `position`.
EMSCRIPTEN_KEEPALIVE int gofast_run_at(int gomaxprocs, double seed, double writeLatencyNs, double position) {
  if (gApp == nullptr || gomaxprocs < 1 || gomaxprocs > 64) return 0;
  if (!(seed >= 0 && seed <= 9007199254740991.0) || !(writeLatencyNs >= 0 && writeLatencyNs <= 1e12) ||
      !(position >= 0 && position <= 9007199254740991.0))
    return 0;  // also refuses NaN
  return gApp->runAt(gomaxprocs, static_cast<uint64_t>(seed), static_cast<int64_t>(writeLatencyNs), static_cast<uint64_t>(position)) ? 1 : 0;
}

// Restores a view (from a share link). Strings arrive as UTF-8 data and are never interpreted.
EMSCRIPTEN_KEEPALIVE void gofast_apply_view(const char* chapter, int example, int inlining, int dark,
                                            const char* program, int hasProgram) {
  if (gApp == nullptr) return;
  gofast::ui::ViewState v;
  v.chapter = chapter != nullptr ? chapter : "values";
  v.example = example;
  v.inlining = inlining != 0;
  v.dark = dark != 0;
  v.hasProgram = hasProgram != 0 && program != nullptr;
  if (v.hasProgram) v.program = program;
  gApp->applyViewState(v);
}

// The chapter ids in tab order, as a JSON array (web/main.js validates embed messages with it).
EMSCRIPTEN_KEEPALIVE const char* gofast_chapters() {
  static std::string json;
  json = "[";
  for (const auto& c : gofast::api::chapters()) {
    if (json.size() > 1) json += ',';
    jsonString(json, c.id);
  }
  json += "]";
  return json.c_str();
}

// Embed mode (docs/embedding.md): no menu bar or tabs; readonly makes the code editor read-only.
EMSCRIPTEN_KEEPALIVE void gofast_set_embed(int embed, int readOnly) {
  if (gApp != nullptr) gApp->setEmbed(embed != 0, readOnly != 0);
}

// The embed "panels" option: comma-separated panel ids (web/main.js validated them); "" shows all.
EMSCRIPTEN_KEEPALIVE void gofast_set_panels(const char* csv) {
  if (gApp == nullptr || csv == nullptr) return;
  std::vector<std::string> ids;
  std::string cur;
  for (const char* c = csv;; ++c) {
    if (*c == ',' || *c == 0) {
      if (!cur.empty()) ids.push_back(cur);
      cur.clear();
      if (*c == 0) break;
    } else {
      cur += *c;
    }
  }
  gApp->setEmbedPanels(std::move(ids));
}

// "Save panel as PNG" for the page's scripts: saves the panel with draw id `id` from the next frames
// (the page's gofastSavePanelPixels gets its pixels). 1 when such a panel is on screen, else 0.
EMSCRIPTEN_KEEPALIVE int gofast_save_panel(const char* id) {
  return gApp != nullptr && id != nullptr && gApp->requestPanelPng(id) ? 1 : 0;
}

// The player commands of the embed protocol, forwarded to App::control: command "play", "pause",
// "step", "back" or "seek"; unit (step, back) "instruction", "line", "switch", "growth" or "gc"; count:
// steps, or the position for seek. Returns 0 done, 1 unsupported (this chapter runs no program), 2 invalid.
EMSCRIPTEN_KEEPALIVE int gofast_control(const char* command, const char* unit, double count) {
  using C = gofast::ui::App::Control;
  if (gApp == nullptr || command == nullptr || unit == nullptr) return 2;
  const std::string cmd = command;
  C c;
  if (cmd == "play") c = C::Play;
  else if (cmd == "pause") c = C::Pause;
  else if (cmd == "step") c = C::Step;
  else if (cmd == "back") c = C::Back;
  else if (cmd == "seek") c = C::Seek;
  else return 2;
  if (!(count >= -1.0 && count <= 2147483647.0)) return 2;  // also refuses NaN; long is 32 bits in wasm
  switch (gApp->control(c, static_cast<long>(count), unit)) {
    case gofast::ui::App::ControlResult::Done: return 0;
    case gofast::ui::App::ControlResult::Unsupported: return 1;
    case gofast::ui::App::ControlResult::Invalid: return 2;
  }
  return 2;
}
}
#endif

int main(int argc, char** argv) {
  int width = 1280, height = 800;
  long frames = -1;
  double seconds = 0;
  const char* chapter = nullptr;
  bool runAtStart = false;
  int example = -1;
  std::string stepUnit;
  long stepCount = 0;
  std::string savePanel;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
      frames = std::strtol(argv[++i], nullptr, 10);
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::strtod(argv[++i], nullptr);
    } else if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
      if (std::sscanf(argv[++i], "%dx%d", &width, &height) != 2 || width < 200 || height < 200) {
        std::fprintf(stderr, "gofast-desktop: --size wants WxH, e.g. 1280x800\n");
        return 2;
      }
    } else if (std::strcmp(argv[i], "--chapter") == 0 && i + 1 < argc) {
      chapter = argv[++i];
      if (gofast::api::chapterIndex(chapter) < 0) {
        std::fprintf(stderr, "gofast-desktop: no chapter %s (values, calls, escape, goroutines, stacks, playground)\n", chapter);
        return 2;
      }
    } else if (std::strcmp(argv[i], "--save-panel") == 0 && i + 1 < argc) {
      savePanel = argv[++i];
    } else if (std::strcmp(argv[i], "--run") == 0) {
      runAtStart = true;
    } else if (std::strcmp(argv[i], "--example") == 0 && i + 1 < argc) {
      example = static_cast<int>(std::strtol(argv[++i], nullptr, 10));
    } else if (std::strcmp(argv[i], "--step") == 0 && i + 1 < argc) {
      // UNIT:N, e.g. switch:6: start the chapter's run paused and step N times by UNIT (screenshots)
      const std::string arg = argv[++i];
      const size_t colon = arg.find(':');
      stepUnit = arg.substr(0, colon);
      stepCount = colon == std::string::npos ? 1 : std::strtol(arg.c_str() + colon + 1, nullptr, 10);
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: gofast-desktop [--size WxH] [--frames N] [--seconds S] [--chapter ID] [--example N] [--run] [--step UNIT:N] [--save-panel ID]\n");
      return 0;
    } else {
      std::fprintf(stderr, "gofast-desktop: unknown argument %s (try --help)\n", argv[i]);
      return 2;
    }
  }

  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "gofast-desktop: SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
#if defined(__EMSCRIPTEN__)
  const char* glsl = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  const char* faceName = "web (WebAssembly + WebGL 2)";
#else
  const char* glsl = "#version 130";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  const char* faceName = "desktop (SDL2 + OpenGL 3)";
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);

  Loop L;
  const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  L.window = SDL_CreateWindow("gofast: why Go is fast", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width,
                              height, flags);
  if (!L.window) {
    std::fprintf(stderr, "gofast-desktop: SDL_CreateWindow: %s\n", SDL_GetError());
    return 1;
  }
  L.gl = SDL_GL_CreateContext(L.window);
  if (!L.gl) {
    std::fprintf(stderr, "gofast-desktop: SDL_GL_CreateContext: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(L.window, L.gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layouts are stored by gofast itself (later), not imgui.ini
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(L.window, L.gl);
  ImGui_ImplOpenGL3_Init(glsl);

  SDL_version linked;
  SDL_GetVersion(&linked);
  gofast::ui::PlatformInfo info;
  info.name = faceName;
  info.sdlVersion = std::to_string(linked.major) + "." + std::to_string(linked.minor) + "." + std::to_string(linked.patch);
  info.glVersion = glString(GL_VERSION);
  info.glRenderer = glString(GL_RENDERER);

#if defined(__EMSCRIPTEN__)
  info.canShare = true;
#else
  info.canOpenFiles = true;
#endif
  gofast::ui::App app(info);
  if (chapter != nullptr) app.selectChapter(gofast::api::chapterIndex(chapter));
  if (chapter != nullptr && example >= 0) {
    gofast::ui::ViewState v;
    v.chapter = chapter;
    v.example = example;
    app.applyViewState(v);
  }
  if (runAtStart) app.runProgram();
  if (!stepUnit.empty() && stepCount > 0) app.control(gofast::ui::App::Control::Step, stepCount, stepUnit);
  L.app = &app;
#if defined(__EMSCRIPTEN__)
  gApp = &app;
#endif
  L.framesLeft = frames;
  L.savePanel = savePanel;
  if (seconds > 0) L.deadlineMs = SDL_GetTicks() + static_cast<Uint32>(seconds * 1000.0);
#if defined(__EMSCRIPTEN__)
  // Follow the page's colour scheme; CSS pixels already account for the page zoom.
  app.setDarkTheme(EM_ASM_INT({ return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0; }) != 0);
  app.setReducedMotion(
      EM_ASM_INT({ return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0; }) != 0);
  L.uiScale = 1.0f;
#else
  float ddpi = 0;
  if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(L.window), &ddpi, nullptr, nullptr) == 0 && ddpi > 120.0f)
    L.uiScale = ddpi / 96.0f;
  if (L.uiScale > 3.0f) L.uiScale = 3.0f;
#endif
  gofast::ui::applyTheme(app.darkTheme(), L.uiScale);
  app.takeThemeChanged();

#if defined(__EMSCRIPTEN__)
  emscripten_set_main_loop_arg(frame, &L, 0, true);
#else
  // Interactive use (no --frames/--seconds/--chapter) remembers the view across restarts.
  const bool remember = frames < 0 && seconds <= 0 && chapter == nullptr && savePanel.empty() && !runAtStart && stepUnit.empty();
  if (remember) restoreView(app);
  while (!L.done) frame(&L);
  if (remember) saveView(app);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(L.gl);
  SDL_DestroyWindow(L.window);
  SDL_Quit();
#endif
  return 0;
}
