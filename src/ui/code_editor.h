// CodeEditor: the Go source editor and viewer behind the Code panel. Learners read programs in it,
// playground users type in it, the escape-analysis chapter shows the compiler's verdicts inline, and
// the stepper shows each goroutine's current line. ImGui's InputTextMultiline can neither colour nor
// annotate text, so this is our own widget, drawn with ImDrawList.
//
// Why it is shaped this way:
//   - The text is a vector of lines (UTF-8 bytes, no '\n'). Programs here are small (a 10k-line file
//     is the stress case, P4), edits touch one or two lines, and drawing wants random access to the
//     visible lines only. Every position in the public API is a gofast::Pos: 1-based line and
//     1-based *byte* column, exactly what the compiler's diagnostics and `-m` lines carry, so owners
//     pass their data through without converting.
//   - The widget owns only editing state (text, cursor, selection, undo history, breakpoints). All
//     annotations (markers, notes, underlines, arrows) are data the owner sets each time it
//     re-analyses; the widget never invents them (DESIGN rule 2). `version()` changes on every text
//     change so the owner knows when to re-analyse. Annotations are not moved by edits: they stay
//     where the owner put them until it sends new ones.
//   - Things the user does that the owner must act on (a note pill clicked, a breakpoint toggled in
//     the gutter) are queued as events; the owner drains them with takeEvents() after draw().
//   - Syntax colours come from a small line-based Go tokenizer inside the widget (keywords,
//     predeclared identifiers, numbers, strings, raw strings, runes, comments, operators), carrying
//     "inside a block comment / raw string" from line to line. lang/lexer.h is deliberately not used:
//     it skips comments, inserts semicolons and reports errors, which a highlighter must not do while
//     the user is half-way through typing; the UI stays independent of the front end's progress.
//
// Keyboard focus (how the editor and the app's single-key shortcuts share the keyboard):
//   The editor takes focus like ImGui's own text fields do: a click inside it (or requestFocus(), or
//   keyboard navigation activating it) makes it ImGui's *active item* and focuses its window; a click
//   anywhere else, Escape with no selection, another item becoming active, or the editor not being
//   drawn for a frame drops it. While focused and editable it sets ImGui's "want text input next
//   frame" flag, exactly as InputText does, so from the next ImGui::NewFrame() on io.WantTextInput
//   is true and App::handleShortcuts() (which returns early on io.WantTextInput) leaves typed
//   characters such as '1'..'6' and 't' to the editor; io.WantCaptureKeyboard is true too (an active
//   item), so an embedding page keeps its keys while the editor is not focused (F7). A read-only
//   viewer takes focus for selection and copy only and does not ask for text input (so the app's
//   shortcuts keep working there, and touch devices do not pop up a keyboard). While focused the
//   editor also claims the arrows, Home/End, PageUp/PageDown, Escape and (when editable) Tab from
//   ImGui's keyboard navigation. focused() reports the state (as of the last draw()) for owners that
//   want to know. Because ImGui drops an active item that is not submitted, draw() must be called
//   every frame the editor is on screen; an editor on a hidden tab loses focus, as it should.
//
// Keys (ImGui 1.86 has portable key codes only for A, C, V, X, Y, Z and the navigation keys):
//   typing, Enter (keeps the line's indentation, one tab more after '{' or '('), Tab / Shift+Tab
//   (insert a tab, or indent / outdent the selected lines), Backspace, Delete, arrows, Home (first
//   non-blank, then column 1), End, PageUp/PageDown, Ctrl+Home/End, Ctrl+Left/Right (by word), Shift
//   with any of them to select, Ctrl+A, Ctrl+C/X/V through ImGui's clipboard, Ctrl+Z, Ctrl+Y and
//   Ctrl+Shift+Z. With io.ConfigMacOSXBehaviors, Cmd (io.KeySuper) plays Ctrl's part and Alt moves by
//   word. Mouse: click, drag, Shift+click, double-click (word), triple-click (line), wheel; a click in
//   the gutter toggles a breakpoint; a click on a note pill reports the note's id.
//
// Section index: positions and annotations · events · options and per-frame layout · CodeEditor
// (text, cursor and selection, editing, undo, options, annotations, breakpoints, events, view, draw).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "common/pos.h"

namespace gofast::ui {

// ---- positions and annotations -------------------------------------------------------------------
// Lines are 1-based and columns are 1-based byte columns (gofast::Pos). Colours are ImU32 (IM_COL32).

// A line marker: a label in the gutter plus a faint band across the line ("G1", "G7", "pc").
struct LineMarker {
  int line = 0;
  ImU32 colour = 0;
  std::string label;  // short: a few characters
};

// An inline note drawn as a pill after the end of a line ("moved to heap: x", "inlined", "cost 12").
// Clicking it queues a NoteClicked event with its id.
struct InlineNote {
  int line = 0;
  std::string text;
  ImU32 colour = 0;
  int id = 0;
};

// An underline under bytes [colStart, colEnd) of one line (a diagnostic); the message shows as a
// tooltip while the mouse is over it. colEnd <= colStart underlines to the end of the line.
struct Underline {
  int line = 0;
  int colStart = 0;
  int colEnd = 0;
  ImU32 colour = 0;
  std::string message;
  bool wavy = true;  // wavy for errors, straight for milder notes
};

// A curved arrow from one source position to another (an escape-analysis flow: "x flows to ~r0").
struct FlowArrow {
  int fromLine = 0, fromCol = 0;
  int toLine = 0, toCol = 0;
  ImU32 colour = 0;
};

// ---- events ----------------------------------------------------------------------------------------

struct EditorEvent {
  enum class Kind : uint8_t {
    NoteClicked,        // id = the note's id, line = its line
    BreakpointToggled,  // line = the line, on = whether it now has a breakpoint
  };
  Kind kind = Kind::NoteClicked;
  int id = 0;
  int line = 0;
  bool on = false;
};

// ---- options ---------------------------------------------------------------------------------------

struct CodeEditorOptions {
  bool readOnly = false;       // selection and copy only; every edit is refused
  bool reducedMotion = false;  // prefers-reduced-motion: the caret does not blink
  bool breakpoints = true;     // a gutter click toggles a breakpoint
  int tabWidth = 4;            // columns a tab advances to (display only; the text keeps the '\t')
};

// The geometry of the last drawn frame (screen pixels), as the drawing code used it (DESIGN rule 11).
struct CodeEditorLayout {
  ImVec2 areaMin, areaMax;  // the visible text area (right of the gutter)
  ImVec2 gutterMin;         // the gutter's top-left corner; it spans gutterWidth to areaMin.x
  ImVec2 textOrigin;        // screen position of line 1, column 1 (moves with scrolling)
  float lineHeight = 0, gutterWidth = 0, spaceWidth = 0, tabPx = 0;
  float fontSize = 0;
  int firstLine = 0, lastLine = 0;  // 0-based, visible lines are [firstLine, lastLine)
  int pageLines = 1;                // whole lines that fit in the area (PageUp/PageDown)
};

// ---- CodeEditor ------------------------------------------------------------------------------------

class CodeEditor {
 public:
  CodeEditor();

  // -- text ------------------------------------------------------------------------------------------
  // Replaces the whole text ("\r\n" becomes "\n"); clears the undo history and puts the cursor at 1:1.
  void setText(std::string_view text);
  std::string text() const;  // lines joined with '\n'
  int lineCount() const { return static_cast<int>(lines_.size()); }
  const std::string& line(int line) const;  // 1-based; empty string when out of range
  // Increases on every change of the text (typing, undo, setText...). Owners re-analyse when it moves.
  uint64_t version() const { return version_; }

  // -- cursor and selection --------------------------------------------------------------------------
  Pos cursor() const;
  // Moves the cursor (clamped to the text, snapped to a UTF-8 boundary); keepAnchor extends the selection.
  void setCursor(Pos p, bool keepAnchor = false);
  void setSelection(Pos anchor, Pos cursor);
  void selectAll();
  bool hasSelection() const;
  Pos selectionStart() const;  // equals cursor() without a selection
  Pos selectionEnd() const;
  std::string selectedText() const;

  // -- editing: what the keyboard does, callable directly. All return false (and change nothing) in
  //    read-only mode or when there is nothing to do. Each call is one undo step, except that
  //    consecutive typed characters of one word, and consecutive Backspaces/Deletes, merge.
  bool typeText(std::string_view utf8);    // replaces the selection; '}' on a blank line outdents it
  bool insertText(std::string_view utf8);  // replaces the selection, as one step (paste)
  bool newline();                          // Enter, with auto-indent
  bool backspace();
  bool deleteForward();
  bool indent();      // Tab: a tab at the cursor, or one more leading tab on every selected line
  bool outdent();     // Shift+Tab: one leading tab (or up to tabWidth spaces) less on every selected line
  void copy() const;  // the selection to ImGui's clipboard
  bool cut();
  bool paste();

  // -- undo ------------------------------------------------------------------------------------------
  bool undo();
  bool redo();
  bool canUndo() const { return undoPos_ > 0; }
  bool canRedo() const { return undoPos_ < undo_.size(); }

  // -- options ---------------------------------------------------------------------------------------
  void setOptions(const CodeEditorOptions& o) { opts_ = o; }
  const CodeEditorOptions& options() const { return opts_; }
  void setReadOnly(bool ro) { opts_.readOnly = ro; }
  bool readOnly() const { return opts_.readOnly; }

  // -- annotations (owner data; replaced wholesale) --------------------------------------------------
  void setLineMarkers(std::vector<LineMarker> m);
  void setNotes(std::vector<InlineNote> n);
  void setUnderlines(std::vector<Underline> u);
  void setArrows(std::vector<FlowArrow> a);
  void clearAnnotations();

  // -- breakpoints: toggled by gutter clicks (queued as events) or by the owner. They follow their
  //    line when lines are inserted or deleted above them.
  const std::set<int>& breakpoints() const { return breakpoints_; }
  void setBreakpoints(std::set<int> lines) { breakpoints_ = std::move(lines); }
  bool toggleBreakpoint(int line);  // returns whether the line now has one

  // -- events ----------------------------------------------------------------------------------------
  std::vector<EditorEvent> takeEvents();

  // -- view ------------------------------------------------------------------------------------------
  // Keeps a line visible on the next draw: no scroll if it is, centred if it is far away.
  void scrollToLine(int line);
  // Takes keyboard focus on the next draw (as if clicked).
  void requestFocus() { wantFocus_ = true; }
  bool focused() const { return focused_; }
  const CodeEditorLayout& layout() const { return layout_; }
  // Screen position of the top-left corner of a text position in the last drawn frame.
  ImVec2 screenPos(Pos p) const;
  // The rectangle of a note's pill in the last drawn frame; false if it was not drawn.
  bool noteRect(int id, ImVec2* min, ImVec2* max) const;

  // -- draw ------------------------------------------------------------------------------------------
  // Draws the editor as a child region of the current window and handles its input. size: as for
  // ImGui::BeginChild (0 = fill the remaining space). mono: a monospace font (Fonts::mono); null
  // uses the current font. Precondition: inside an ImGui window, between NewFrame() and Render().
  void draw(const char* id, ImFont* mono, ImVec2 size = ImVec2(0, 0));

  // Internal 0-based location (line index, byte offset). Public so that helpers in the .cpp can use it.
  struct Loc {
    int line = 0, col = 0;
    friend bool operator==(Loc a, Loc b) { return a.line == b.line && a.col == b.col; }
    friend bool operator!=(Loc a, Loc b) { return !(a == b); }
    friend bool operator<(Loc a, Loc b) { return a.line != b.line ? a.line < b.line : a.col < b.col; }
  };

 private:
  enum class EditKind : uint8_t { Other, Typing, Backspace, Delete };
  struct Edit {  // one undo step: at `at`, `removed` was replaced by `inserted`
    Loc at;
    std::string removed, inserted;
    Loc anchorBefore, cursorBefore, anchorAfter, cursorAfter;
    EditKind kind = EditKind::Other;
  };
  struct Pill {
    ImVec2 min, max;
    int id = 0, line = 0;
  };

  // text model
  Loc clampLoc(Loc l) const;
  Loc endOf(Loc at, std::string_view inserted) const;  // where text inserted at `at` ends
  std::string textIn(Loc a, Loc b) const;
  Loc rawReplace(Loc a, Loc b, std::string_view text);  // no undo; returns the end of the inserted text
  // The one way text changes with undo: [a, b) becomes text; selection after = the given one or the end.
  bool replace(Loc a, Loc b, std::string_view text, EditKind kind, const Loc* anchorAfter, const Loc* cursorAfter);
  bool replaceSelection(std::string_view text, EditKind kind);
  void shiftBreakpoints(Loc a, Loc b, int addedLines);
  int nextCol(int line, int col) const;
  int prevCol(int line, int col) const;
  Loc wordLeft(Loc l) const;
  Loc wordRight(Loc l) const;
  void selectWordAt(Loc l);
  void moveTo(Loc l, bool select);                // navigation: breaks undo merging, resets the caret blink
  bool editLines(int first, int last, bool add);  // indent/outdent helper
  Loc selMin() const { return anchor_ < cursor_ ? anchor_ : cursor_; }
  Loc selMax() const { return anchor_ < cursor_ ? cursor_ : anchor_; }

  // drawing helpers (code_editor.cpp); valid once draw() has run (they use the font it drew with)
  float advance(const CodeEditorLayout& L, unsigned codepoint) const;
  float xOf(const CodeEditorLayout& L, int line, int col) const;  // pixels from the text origin
  int colAt(const CodeEditorLayout& L, int line, float x) const;
  Loc locAt(const CodeEditorLayout& L, ImVec2 mouse) const;
  void handleKeyboard(const CodeEditorLayout& L);
  void handleMouse(const CodeEditorLayout& L, bool hovered, bool clicked);
  void updateLexStates(int upTo);
  void layoutPills(const CodeEditorLayout& L);
  void drawContent(const CodeEditorLayout& L, bool hovered);

  std::vector<std::string> lines_{std::string()};
  Loc cursor_, anchor_;
  float preferredX_ = -1;  // for Up/Down through short lines; <0 = take it from the cursor
  uint64_t version_ = 0;
  std::vector<Edit> undo_;
  size_t undoPos_ = 0;
  bool mergeable_ = false;  // the last undo step may absorb the next typed character

  CodeEditorOptions opts_;
  std::vector<LineMarker> markers_;
  std::vector<InlineNote> notes_;
  std::vector<Underline> underlines_;
  std::vector<FlowArrow> arrows_;
  std::set<int> breakpoints_;  // 1-based lines
  std::vector<EditorEvent> events_;

  // view state
  CodeEditorLayout layout_;
  std::vector<Pill> pills_;        // pills drawn in the last frame (hit testing, noteRect)
  std::vector<uint8_t> lexState_;  // tokenizer state at the start of each line
  int lexValid_ = 1;               // lexState_[0, lexValid_) are up to date
  uint64_t widthVersion_ = ~uint64_t(0);
  int maxColumns_ = 0;      // widest line in display columns (horizontal scroll extent)
  int scrollRequest_ = -1;  // 0-based line to bring into view
  bool ensureCursorVisible_ = false;
  bool wantFocus_ = false;
  bool focused_ = false;
  bool resumeAfterScrollbar_ = false;
  bool dragging_ = false;
  double blinkStart_ = 0;
  ImFont* font_ = nullptr;  // the font of the last draw()
};

}  // namespace gofast::ui
