// The GUI faces of gofast: one main loop for the native desktop app (SDL2 + OpenGL 3) and the web app
// (Emscripten: SDL2 + WebGL 2). This is the only place with SDL events, GL calls and #ifdef
// __EMSCRIPTEN__ (DESIGN.md rule 1); everything drawn comes from ui::App.
//
// Native options: --frames N / --seconds S (draw N frames or for S seconds, then exit 0: used by
// tests), --size WxH.
// Web: the canvas fills its CSS box; the window follows the browser window's size, and the font
// atlas is rebuilt at the device pixel ratio so text is crisp on high-DPI screens.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

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
#include "ui/theme.h"

namespace {

struct Loop {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  gofast::ui::App* app = nullptr;
  gofast::ui::Fonts fonts;
  float uiScale = 1.0f;
  long framesLeft = -1;  // native --frames
  Uint32 deadlineMs = 0;  // native --seconds (SDL ticks), 0 = none
  bool done = false;
  std::string publishedStatus;
  std::string publishedTabs;
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
  tabs += L.app->darkTheme() ? " dark" : " light";  // part of the change check only
  if (status == L.publishedStatus && tabs == L.publishedTabs) return;
  L.publishedStatus = status;
  L.publishedTabs = tabs;
  // Strings go to JS as UTF-8 data (never evaluated as code).
  EM_ASM({
    var status = UTF8ToString($0);
    var tabs = JSON.parse(UTF8ToString($1));
    Module.gofastState = ({chapter : $2, dark : !!$3, tabs : tabs, status : status});
    var el = document.getElementById('gofast-status');
    if (el && el.textContent !== status) el.textContent = status;
    if (typeof Module.gofastOnState === 'function') Module.gofastOnState();  // web/main.js: embed events
  }, status.c_str(), tabs.substr(0, tabs.rfind(' ')).c_str(), L.app->chapter(), L.app->darkTheme() ? 1 : 0);
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
#endif

void frame(void* arg) {
  Loop& L = *static_cast<Loop*>(arg);
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    if (e.type == SDL_QUIT) L.done = true;
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
  ImGui::Render();

  const ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  SDL_GL_SwapWindow(L.window);
#if defined(__EMSCRIPTEN__)
  publishState(L);
#endif
#if defined(__EMSCRIPTEN__)
  if (L.app->takeShareRequested()) EM_ASM({ if (window.gofastShare) window.gofastShare(); });
  if (L.app->takeTraceDownloadRequested()) EM_ASM({ if (window.gofastDownloadTrace) window.gofastDownloadTrace(); });
#endif
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
// The current view as JSON: {"v":1,"chapter":"escape","example":2,"inlining":true,"dark":true,
// "hasProgram":false,"program":""}. The string stays valid until the next call.
// Runs the current chapter's program (as its Run button does). 1 when it started.
EMSCRIPTEN_KEEPALIVE int gofast_run() { return gApp != nullptr && gApp->runProgram() ? 1 : 0; }

// The current chapter's run trace as Chrome trace-event JSON ("" without a run); valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* gofast_trace_json() {
  static std::string json;
  json = gApp != nullptr ? gApp->runTraceJson() : std::string();
  return json.c_str();
}

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
  json += "}";
  return json.c_str();
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

// The player commands of the embed protocol, forwarded to the app: command "play", "pause", "step",
// "back" or "seek"; count as App::control. Returns 0 done, 1 unsupported (nothing runs yet), 2 invalid.
EMSCRIPTEN_KEEPALIVE int gofast_control(const char* command, double count) {
  using C = gofast::ui::App::Control;
  if (gApp == nullptr || command == nullptr) return 2;
  const std::string cmd = command;
  C c;
  if (cmd == "play") c = C::Play;
  else if (cmd == "pause") c = C::Pause;
  else if (cmd == "step") c = C::Step;
  else if (cmd == "back") c = C::Back;
  else if (cmd == "seek") c = C::Seek;
  else return 2;
  if (!(count >= -1.0 && count <= 2147483647.0)) return 2;  // also refuses NaN; long is 32 bits in wasm
  switch (gApp->control(c, static_cast<long>(count))) {
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
    } else if (std::strcmp(argv[i], "--run") == 0) {
      runAtStart = true;
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: gofast-desktop [--size WxH] [--frames N] [--seconds S] [--chapter ID] [--run]\n");
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
#endif
  gofast::ui::App app(info);
  if (chapter != nullptr) app.selectChapter(gofast::api::chapterIndex(chapter));
  if (runAtStart) app.runProgram();
  L.app = &app;
#if defined(__EMSCRIPTEN__)
  gApp = &app;
#endif
  L.framesLeft = frames;
  if (seconds > 0) L.deadlineMs = SDL_GetTicks() + static_cast<Uint32>(seconds * 1000.0);
#if defined(__EMSCRIPTEN__)
  // Follow the page's colour scheme; CSS pixels already account for the page zoom.
  app.setDarkTheme(EM_ASM_INT({ return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0; }) != 0);
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
  while (!L.done) frame(&L);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(L.gl);
  SDL_DestroyWindow(L.window);
  SDL_Quit();
#endif
  return 0;
}
