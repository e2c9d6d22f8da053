// The code editor driven headlessly: real ImGui frames with typed characters, key presses (io.KeysDown
// through a KeyMap set up as a backend would) and mouse clicks, and no window or GPU.
#include <doctest/doctest.h>

#include <cstdlib>
#include <set>
#include <string>

#include <imgui.h>

#include "api/lessons.h"
#include "ui/app.h"
#include "ui/code_editor.h"
#include "ui/fonts.h"
#include "ui/theme.h"

using gofast::Pos;
using gofast::ui::CodeEditor;
using gofast::ui::EditorEvent;

namespace {

std::string gClipboard;

struct Rig {
  explicit Rig(float w = 1000, float h = 700) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 100 + k;  // distinct, as a backend does
    io.SetClipboardTextFn = [](void*, const char* text) { gClipboard = text; };
    io.GetClipboardTextFn = [](void*) { return gClipboard.c_str(); };
    gClipboard.clear();
    fonts = gofast::ui::loadFonts(1.0f, 1.0f);
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th);
    gofast::ui::applyTheme(true, 1.0f);
  }
  ~Rig() { ImGui::DestroyContext(); }
  Rig(const Rig&) = delete;
  Rig& operator=(const Rig&) = delete;

  // One frame with the editor filling a window; returns the vertices drawn.
  int frame(CodeEditor& ed) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::TextUnformatted("above the editor");
    ed.draw("code", fonts.mono);
    ImGui::End();
    ImGui::Render();
    return ImGui::GetDrawData()->TotalVtxCount;
  }
  void type(CodeEditor& ed, const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    frame(ed);
  }
  enum Mod { None = 0, Ctrl = 1, Shift = 2 };
  // Presses a key for one frame (with modifiers), then releases it for one frame.
  void key(CodeEditor& ed, ImGuiKey k, int mods = None) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = mods & Ctrl;
    io.KeyShift = mods & Shift;
    io.KeysDown[io.KeyMap[k]] = true;
    frame(ed);
    io.KeysDown[io.KeyMap[k]] = false;
    io.KeyCtrl = io.KeyShift = false;
    frame(ed);
  }
  void keys(CodeEditor& ed, ImGuiKey k, int n, int mods = None) {
    for (int i = 0; i < n; ++i) key(ed, k, mods);
  }
  // Moves the mouse there, presses and releases the left button. Waits out the double-click time first.
  void click(CodeEditor& ed, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f;  // no double-click with an earlier click
    io.MousePos = at;
    frame(ed);
    io.DeltaTime = 1.0f / 60.0f;
    io.MouseDown[0] = true;
    frame(ed);
    io.MouseDown[0] = false;
    frame(ed);
  }
  void doubleClick(CodeEditor& ed, ImVec2 at) {
    click(ed, at);
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    frame(ed);
    io.MouseDown[0] = false;
    frame(ed);
  }
  void focus(CodeEditor& ed) {
    ed.requestFocus();
    frame(ed);
    frame(ed);
  }
  gofast::ui::Fonts fonts;
};

// The centre of the glyph at a 1-based line and byte column, on screen.
ImVec2 at(const CodeEditor& ed, int line, int col) {
  ImVec2 p = ed.screenPos(Pos{line, col});
  return ImVec2(p.x + ed.layout().spaceWidth * 0.25f, p.y + ed.layout().lineHeight * 0.5f);
}

}  // namespace

TEST_CASE("code editor: typing, Enter keeps the indentation and adds a tab after '{', '}' outdents") {
  Rig r;
  CodeEditor ed;
  ed.setText("package main\n\nfunc main() {");
  r.focus(ed);
  CHECK(ed.focused());
  ed.setCursor(Pos{3, 14});
  const auto v0 = ed.version();
  r.key(ed, ImGuiKey_Enter);
  CHECK(ed.line(4) == "\t");
  r.type(ed, "x := 1");
  r.key(ed, ImGuiKey_Enter);
  CHECK(ed.line(5) == "\t");
  r.type(ed, "if x > 0 {");
  r.key(ed, ImGuiKey_Enter);
  CHECK(ed.line(6) == "\t\t");
  r.type(ed, "}");
  r.key(ed, ImGuiKey_Enter);
  r.type(ed, "}");
  CHECK(ed.text() == "package main\n\nfunc main() {\n\tx := 1\n\tif x > 0 {\n\t}\n}");
  CHECK(ed.version() > v0);
  CHECK(ed.cursor() == Pos{7, 2});

  // Enter between '{' and '}' puts the closer on its own line under the opener.
  ed.setText("func f() {}");
  ed.setCursor(Pos{1, 11});
  r.key(ed, ImGuiKey_Enter);
  CHECK(ed.text() == "func f() {\n\t\n}");
  CHECK(ed.cursor() == Pos{2, 2});

  // Tab inserts a tab; with lines selected, Tab and Shift+Tab indent and outdent them.
  ed.setText("a\nb\n\nc");
  ed.setCursor(Pos{1, 1});
  r.key(ed, ImGuiKey_Tab);
  CHECK(ed.line(1) == "\ta");
  ed.setSelection(Pos{1, 1}, Pos{4, 2});
  r.key(ed, ImGuiKey_Tab);
  CHECK(ed.text() == "\t\ta\n\tb\n\n\tc");
  r.key(ed, ImGuiKey_Tab, Rig::Shift);
  r.key(ed, ImGuiKey_Tab, Rig::Shift);
  CHECK(ed.text() == "a\nb\n\nc");
}

TEST_CASE("code editor: Backspace and Delete join lines") {
  Rig r;
  CodeEditor ed;
  ed.setText("ab\ncd\nef");
  r.focus(ed);
  ed.setCursor(Pos{2, 1});
  r.key(ed, ImGuiKey_Backspace);
  CHECK(ed.text() == "abcd\nef");
  CHECK(ed.cursor() == Pos{1, 3});
  r.key(ed, ImGuiKey_End);
  r.key(ed, ImGuiKey_Delete);
  CHECK(ed.text() == "abcdef");
  r.key(ed, ImGuiKey_Home);
  r.key(ed, ImGuiKey_Backspace);  // nothing before the first byte
  CHECK(ed.text() == "abcdef");
  r.key(ed, ImGuiKey_End, Rig::Ctrl);
  r.key(ed, ImGuiKey_Delete);  // nothing after the last
  CHECK(ed.text() == "abcdef");
}

TEST_CASE("code editor: selection, cut and paste round trip through the clipboard") {
  Rig r;
  CodeEditor ed;
  ed.setText("hello world\nsecond");
  r.focus(ed);
  r.keys(ed, ImGuiKey_RightArrow, 5, Rig::Shift);
  CHECK(ed.selectedText() == "hello");
  r.key(ed, ImGuiKey_X, Rig::Ctrl);
  CHECK(gClipboard == "hello");
  CHECK(ed.text() == " world\nsecond");
  r.key(ed, ImGuiKey_End, Rig::Ctrl);
  r.key(ed, ImGuiKey_V, Rig::Ctrl);
  CHECK(ed.text() == " world\nsecondhello");

  // Shift+Up keeps the column where the line above is long enough, else goes to its end.
  r.key(ed, ImGuiKey_UpArrow, Rig::Shift);
  CHECK(ed.selectedText() == "\nsecondhello");
  r.key(ed, ImGuiKey_Home, Rig::Ctrl | Rig::Shift);
  CHECK(ed.selectedText() == " world\nsecondhello");
  r.key(ed, ImGuiKey_LeftArrow);  // collapses the selection to its start
  CHECK(ed.cursor() == Pos{1, 1});
  CHECK_FALSE(ed.hasSelection());
  r.key(ed, ImGuiKey_RightArrow, Rig::Shift);
  r.key(ed, ImGuiKey_End, Rig::Shift);
  CHECK(ed.selectedText() == " world");
  r.key(ed, ImGuiKey_C, Rig::Ctrl);
  CHECK(gClipboard == " world");
  r.key(ed, ImGuiKey_A, Rig::Ctrl);
  CHECK(ed.selectedText() == ed.text());
  r.key(ed, ImGuiKey_V, Rig::Ctrl);  // paste over a selection
  CHECK(ed.text() == " world");

  // Mouse: a drag selects, a double-click selects a word.
  ed.setText("alpha beta gamma");
  r.frame(ed);
  ImGuiIO& io = ImGui::GetIO();
  r.click(ed, at(ed, 1, 1));
  io.MousePos = at(ed, 1, 1);
  io.MouseDown[0] = true;
  r.frame(ed);
  io.MousePos = ed.screenPos(Pos{1, 6});
  io.MousePos.y += ed.layout().lineHeight * 0.5f;
  r.frame(ed);
  io.MouseDown[0] = false;
  r.frame(ed);
  CHECK(ed.selectedText() == "alpha");
  r.doubleClick(ed, at(ed, 1, 9));
  CHECK(ed.selectedText() == "beta");
}

TEST_CASE("code editor: undo and redo restore the exact text, typed words are grouped") {
  Rig r;
  CodeEditor ed;
  const std::string original = "func f() {\n}";
  ed.setText(original);
  r.focus(ed);
  ed.setCursor(Pos{1, 11});
  r.key(ed, ImGuiKey_Enter);
  r.type(ed, "return a + b");
  const std::string typed = ed.text();
  CHECK(typed == "func f() {\n\treturn a + b\n}");
  r.key(ed, ImGuiKey_Z, Rig::Ctrl);
  CHECK(ed.text() == "func f() {\n\treturn a +\n}");  // " b" was the last group
  int steps = 1;
  while (ed.canUndo()) {
    r.key(ed, ImGuiKey_Z, Rig::Ctrl);
    ++steps;
  }
  CHECK(ed.text() == original);
  CHECK(steps == 5);  // Enter, "return", " a", " +", " b"
  CHECK(ed.cursor() == Pos{1, 11});
  r.key(ed, ImGuiKey_Y, Rig::Ctrl);
  CHECK(ed.text() == "func f() {\n\t\n}");
  while (ed.canRedo()) r.key(ed, ImGuiKey_Z, Rig::Ctrl | Rig::Shift);
  CHECK(ed.text() == typed);

  // Backspaces merge into one step; cursor movement ends a group.
  r.keys(ed, ImGuiKey_Backspace, 3);
  r.key(ed, ImGuiKey_Home);
  r.key(ed, ImGuiKey_Delete);
  CHECK(ed.text() == "func f() {\n\teturn a \n}");
  CHECK(ed.undo());
  CHECK(ed.text() == "func f() {\n\treturn a \n}");
  CHECK(ed.undo());
  CHECK(ed.text() == typed);
  // A new edit after undo drops the redo branch.
  ed.setCursor(Pos{1, 1});
  CHECK(ed.typeText("x"));
  CHECK_FALSE(ed.canRedo());
}

TEST_CASE("code editor: the cursor moves by UTF-8 characters, not bytes") {
  Rig r;
  CodeEditor ed;
  ed.setText("héllo, 世界\nabcdefghijklmnop");
  r.focus(ed);
  r.keys(ed, ImGuiKey_RightArrow, 2);
  CHECK(ed.cursor() == Pos{1, 4});  // h (1 byte) + é (2 bytes)
  r.key(ed, ImGuiKey_End);
  const int len = static_cast<int>(ed.line(1).size());
  CHECK(len == 14);
  r.key(ed, ImGuiKey_LeftArrow, Rig::Shift);
  CHECK(ed.selectedText() == "界");
  r.key(ed, ImGuiKey_LeftArrow, Rig::Shift);
  CHECK(ed.selectedText() == "世界");
  r.key(ed, ImGuiKey_Backspace);
  CHECK(ed.line(1) == "héllo, ");
  ed.setCursor(Pos{1, 4});
  r.key(ed, ImGuiKey_Backspace);
  CHECK(ed.line(1) == "hllo, ");
  // Down keeps the x position; up comes back to it.
  ed.setText("héllo\nabcdefghijklmnop");
  ed.setCursor(Pos{1, 5});  // after "hél"
  r.frame(ed);
  r.key(ed, ImGuiKey_DownArrow);
  CHECK(ed.cursor() == Pos{2, 4});
  r.key(ed, ImGuiKey_UpArrow);
  CHECK(ed.cursor() == Pos{1, 5});
  // A column inside a sequence snaps to its start; Ctrl+Right moves by word.
  ed.setCursor(Pos{1, 3});  // the second byte of é
  CHECK(ed.cursor() == Pos{1, 2});
  ed.setCursor(Pos{2, 1});
  ed.setText("x := foo(bar)");
  r.key(ed, ImGuiKey_RightArrow, Rig::Ctrl);
  CHECK(ed.cursor() == Pos{1, 2});
  r.key(ed, ImGuiKey_RightArrow, Rig::Ctrl);
  CHECK(ed.cursor() == Pos{1, 5});
  r.key(ed, ImGuiKey_RightArrow, Rig::Ctrl);
  CHECK(ed.cursor() == Pos{1, 9});
}

TEST_CASE("code editor: read-only refuses every edit but selects and copies") {
  Rig r;
  CodeEditor ed;
  const std::string src = "package main\n\nfunc main() {}";
  ed.setText(src);
  ed.setReadOnly(true);
  r.focus(ed);
  CHECK(ed.focused());
  const auto v = ed.version();
  r.type(ed, "xyz");
  r.key(ed, ImGuiKey_Enter);
  r.key(ed, ImGuiKey_Backspace);
  r.key(ed, ImGuiKey_Delete);
  r.key(ed, ImGuiKey_Tab);
  gClipboard = "pasted";
  r.key(ed, ImGuiKey_V, Rig::Ctrl);
  r.key(ed, ImGuiKey_A, Rig::Ctrl);
  r.key(ed, ImGuiKey_X, Rig::Ctrl);
  CHECK(gClipboard == "pasted");
  CHECK_FALSE(ed.typeText("a"));
  CHECK_FALSE(ed.newline());
  CHECK_FALSE(ed.undo());
  CHECK(ed.text() == src);
  CHECK(ed.version() == v);
  r.key(ed, ImGuiKey_C, Rig::Ctrl);
  CHECK(gClipboard == src);
  // A read-only viewer does not ask for text input (the app's shortcuts stay live, no soft keyboard).
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  ed.setReadOnly(false);
  r.frame(ed);
  r.frame(ed);
  CHECK(ImGui::GetIO().WantTextInput);
}

TEST_CASE("code editor: 10k lines with annotations draw only the visible lines") {
  Rig r;
  std::string small, big;
  for (int i = 0; i < 10000; ++i) {
    std::string l = "\tx" + std::to_string(i) + " := compute(\"value\", " + std::to_string(i * 7) + ") // note";
    if (i < 60) small += l + "\n";
    big += l + "\n";
  }
  auto annotate = [](CodeEditor& ed, int lines) {
    std::vector<gofast::ui::LineMarker> m;
    std::vector<gofast::ui::InlineNote> n;
    std::vector<gofast::ui::Underline> u;
    std::vector<gofast::ui::FlowArrow> a;
    for (int l = 1; l <= lines; l += 3) {
      m.push_back({l, IM_COL32(0, 160, 220, 255), "G" + std::to_string(l % 10)});
      n.push_back({l, "moved to heap: x", IM_COL32(230, 120, 40, 255), l});
      u.push_back({l, 2, 4, IM_COL32(230, 60, 60, 255), "undefined: x", true});
      a.push_back({l, 2, l + 2, 6, IM_COL32(200, 80, 200, 255)});
    }
    ed.setLineMarkers(std::move(m));
    ed.setNotes(std::move(n));
    ed.setUnderlines(std::move(u));
    ed.setArrows(std::move(a));
  };
  CodeEditor a, b;
  a.setText(small);
  b.setText(big);
  annotate(a, 60);
  annotate(b, 10000);
  r.frame(a);
  const int vSmall = r.frame(a);
  r.frame(b);
  const int vBig = r.frame(b);
  CHECK(vBig > 1000);
  CHECK(vBig < vSmall * 3 / 2);
  CHECK(vBig < 60000);
  CHECK(b.layout().lastLine - b.layout().firstLine < 60);

  // scrollToLine centres a far line; the vertex count stays the same order.
  b.scrollToLine(9000);
  r.frame(b);
  const int vScrolled = r.frame(b);
  CHECK(b.layout().firstLine < 8999);
  CHECK(b.layout().lastLine > 8999);
  CHECK(std::abs((b.layout().firstLine + b.layout().lastLine) / 2 - 8999) < 3);
  CHECK(vScrolled < vSmall * 3 / 2);
  // A near line scrolls only as far as needed.
  b.scrollToLine(b.layout().lastLine + 1);
  r.frame(b);
  r.frame(b);
  CHECK(b.layout().lastLine >= 0);
}

TEST_CASE("code editor: clicking a note pill reports its id; the gutter toggles breakpoints") {
  Rig r;
  CodeEditor ed;
  ed.setText("package main\n\nfunc main() {\n\tx := 1\n\t_ = &x\n}");
  ed.setNotes(
      {{4, "moved to heap: x", IM_COL32(230, 120, 40, 255), 42}, {5, "inlined", IM_COL32(80, 160, 80, 255), 7}});
  r.frame(ed);
  r.frame(ed);
  ImVec2 mn, mx;
  REQUIRE(ed.noteRect(42, &mn, &mx));
  CHECK(mn.x > ed.screenPos(Pos{4, 8}).x);  // after the end of line 4
  CHECK_FALSE(ed.noteRect(99, nullptr, nullptr));
  const Pos before = ed.cursor();
  r.click(ed, ImVec2((mn.x + mx.x) * 0.5f, (mn.y + mx.y) * 0.5f));
  auto ev = ed.takeEvents();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == EditorEvent::Kind::NoteClicked);
  CHECK(ev[0].id == 42);
  CHECK(ev[0].line == 4);
  CHECK(ed.cursor() == before);  // a pill click does not move the cursor
  CHECK(ed.takeEvents().empty());

  // Gutter: a click toggles the line's breakpoint, a second click removes it.
  const auto& L = ed.layout();
  const ImVec2 gutter3(L.gutterMin.x + 6, ed.screenPos(Pos{3, 1}).y + L.lineHeight * 0.5f);
  r.click(ed, gutter3);
  ev = ed.takeEvents();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == EditorEvent::Kind::BreakpointToggled);
  CHECK(ev[0].line == 3);
  CHECK(ev[0].on);
  CHECK(ed.breakpoints() == std::set<int>{3});
  r.click(ed, gutter3);
  ev = ed.takeEvents();
  REQUIRE(ev.size() == 1);
  CHECK_FALSE(ev[0].on);
  CHECK(ed.breakpoints().empty());

  // Breakpoints follow their lines when lines are inserted or removed above them.
  r.click(ed, gutter3);
  ed.setCursor(Pos{1, 1});
  ed.newline();
  CHECK(ed.breakpoints() == std::set<int>{4});
  ed.undo();
  CHECK(ed.breakpoints() == std::set<int>{3});
  // A click in the text moves the cursor there and focuses the editor.
  r.click(ed, at(ed, 4, 2));
  CHECK(ed.focused());
  CHECK(ed.cursor() == Pos{4, 2});
  // A click outside the editor lets go of the keyboard.
  r.click(ed, ImVec2(5, 5));
  CHECK_FALSE(ed.focused());
}

TEST_CASE("code editor in the app: typing in the focused Playground editor does not trigger shortcuts") {
  Rig r(1280, 720);
  gofast::ui::App app(gofast::ui::PlatformInfo{"test", "0", "none", "none"});
  const int playground = static_cast<int>(gofast::api::chapters().size()) - 1;
  auto frame = [&](const char* typed = nullptr) {
    if (typed) ImGui::GetIO().AddInputCharactersUTF8(typed);
    ImGui::NewFrame();
    app.frame(r.fonts);
    ImGui::Render();
  };
  app.selectChapter(playground);
  frame();
  frame();
  REQUIRE(app.chapter() == playground);
  ImGuiIO& io = ImGui::GetIO();
  auto clickAt = [&](ImVec2 p) {
    io.DeltaTime = 1.0f;
    io.MousePos = p;
    frame();
    io.DeltaTime = 1.0f / 60.0f;
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  };
  clickAt(ImVec2(700, 300));  // inside the code editor (upper part of the tab)
  CHECK(io.WantTextInput);
  frame("4t");
  frame();
  CHECK(app.chapter() == playground);
  CHECK_FALSE(app.takeThemeChanged());
  clickAt(ImVec2(1200, 60));  // the empty end of the tab bar: the editor lets go
  CHECK_FALSE(io.WantTextInput);
  frame("2");
  frame();
  CHECK(app.chapter() == 1);
}

TEST_CASE("code editor: any sequence of edits undoes to the original and redoes to the result") {
  Rig r;  // the clipboard and ImGui's time need a context
  CodeEditor ed;
  const std::string original = "package main\n\nfunc main() {\n\tprintln(\"héllo, 世界\")\n}\n";
  ed.setText(original);
  uint32_t seed = 12345;
  auto rnd = [&seed](int n) {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<int>((seed >> 8) % static_cast<uint32_t>(n));
  };
  const char* const pieces[] = {"a", "b", " ", "{", "}", "é", "世", "\t", "x := 1", "(", ")"};
  gClipboard = "pasted\ntext";
  for (int i = 0; i < 2000; ++i) {
    switch (rnd(10)) {
      case 0:
      case 1:
      case 2:
        ed.typeText(pieces[rnd(11)]);
        break;
      case 3:
        ed.backspace();
        break;
      case 4:
        ed.deleteForward();
        break;
      case 5:
        ed.newline();
        break;
      case 6:
        rnd(2) ? ed.indent() : ed.outdent();
        break;
      case 7: {
        const int l1 = 1 + rnd(ed.lineCount()), l2 = 1 + rnd(ed.lineCount());
        ed.setSelection(Pos{l1, 1 + rnd(12)}, Pos{l2, 1 + rnd(12)});
        break;
      }
      case 8:
        rnd(3) ? ed.paste() : ed.cut();
        break;
      default:
        ed.setCursor(Pos{1 + rnd(ed.lineCount()), 1 + rnd(20)});
        break;
    }
    // The cursor is always inside the text and on a UTF-8 boundary.
    const Pos c = ed.cursor();
    REQUIRE(c.line >= 1);
    REQUIRE(c.line <= ed.lineCount());
    const std::string& l = ed.line(c.line);
    REQUIRE(c.col - 1 <= static_cast<int>(l.size()));
    if (c.col - 1 < static_cast<int>(l.size()))
      CHECK((static_cast<unsigned char>(l[static_cast<size_t>(c.col - 1)]) & 0xC0) != 0x80);
  }
  const std::string result = ed.text();
  CHECK(result != original);
  while (ed.canUndo()) ed.undo();
  CHECK(ed.text() == original);
  while (ed.canRedo()) ed.redo();
  CHECK(ed.text() == result);
}

TEST_CASE("code editor: focus comes from a click or requestFocus and leaves with Escape") {
  Rig r;
  CodeEditor ed;
  ed.setText("a\nb");
  r.frame(ed);
  r.frame(ed);
  CHECK_FALSE(ed.focused());
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  r.type(ed, "zz");  // not focused: typed characters are not the editor's
  CHECK(ed.text() == "a\nb");
  r.focus(ed);
  CHECK(ImGui::GetIO().WantTextInput);
  CHECK(ImGui::GetIO().WantCaptureKeyboard);
  r.key(ed, ImGuiKey_Escape);
  CHECK_FALSE(ed.focused());
  r.frame(ed);
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  // Shift+click extends, a triple-click selects the line.
  r.click(ed, at(ed, 1, 1));
  CHECK(ed.focused());
  ImGui::GetIO().KeyShift = true;
  r.click(ed, at(ed, 2, 2));
  ImGui::GetIO().KeyShift = false;
  CHECK(ed.selectedText() == "a\nb");
  r.doubleClick(ed, at(ed, 1, 1));
  ImGui::GetIO().MouseDown[0] = true;
  r.frame(ed);
  ImGui::GetIO().MouseDown[0] = false;
  r.frame(ed);
  CHECK(ed.selectedText() == "a\n");
}
