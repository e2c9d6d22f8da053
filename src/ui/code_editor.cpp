// CodeEditor (see code_editor.h for what it is and how it shares the keyboard with the app).
//
// Section index: UTF-8 and character classes · highlighter tokenizer · palette · text model ·
// editing · undo · annotations, breakpoints, events, view · layout and hit testing · mouse ·
// keyboard · drawing · draw().
#include "ui/code_editor.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <iterator>

#include <imgui_internal.h>  // active item, focus and nav masks: how ImGui's own InputText holds the keyboard

namespace gofast::ui {

using Loc = CodeEditor::Loc;

namespace {

// ---- UTF-8 and character classes -------------------------------------------------------------------

// Bytes in the UTF-8 sequence starting at s[i]; 1 for a malformed or truncated one.
int utf8Len(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (i + static_cast<size_t>(n) > s.size()) return 1;
  for (int k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0xC0) != 0x80) return 1;
  return n;
}

// The code point at s[i] (U+FFFD if malformed) and its length in bytes.
unsigned decodeUtf8(std::string_view s, size_t i, int* len) {
  *len = utf8Len(s, i);
  const auto c = static_cast<unsigned char>(s[i]);
  if (*len == 1) return c < 0x80 ? c : 0xFFFDu;
  unsigned cp = c & (0x7Fu >> *len);
  for (int k = 1; k < *len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3Fu);
  return cp;
}

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
// Letters, digits, '_' and every non-ASCII byte (Go identifiers may be Unicode letters).
bool isWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
// 0 blank, 1 word, 2 punctuation: double-click and Ctrl+arrows move over runs of one class.
int charClass(char c) { return isBlank(c) ? 0 : isWordByte(c) ? 1 : 2; }

int leadingBlanks(const std::string& s) {
  int n = 0;
  while (n < static_cast<int>(s.size()) && isBlank(s[static_cast<size_t>(n)])) ++n;
  return n;
}

// ---- highlighter tokenizer -------------------------------------------------------------------------
// A forgiving, line-at-a-time Go tokenizer for colours only. The state carried from one line to the
// next is whether it ends inside a /* comment */ or a `raw string`.

enum class Hl : uint8_t { Text, Keyword, Builtin, Func, Number, String, Comment, Operator, Count };
enum : uint8_t { kLexNormal = 0, kLexBlockComment = 1, kLexRawString = 2 };

struct Span {
  int begin, end;
  Hl kind;
};

bool isOneOf(std::string_view w, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (w == list[i]) return true;
  return false;
}

bool isKeyword(std::string_view w) {
  static const char* const kw[] = {"break",  "case",        "chan", "const",   "continue", "default", "defer",
                                   "else",   "fallthrough", "for",  "func",    "go",       "goto",    "if",
                                   "import", "interface",   "map",  "package", "range",    "return",  "select",
                                   "struct", "switch",      "type", "var"};
  return isOneOf(w, kw, sizeof kw / sizeof kw[0]);
}

// Go's predeclared identifiers (the universe block): types, constants, zero value and builtins.
bool isPredeclared(std::string_view w) {
  static const char* const pre[] = {"bool",       "byte",    "complex64", "complex128", "error",  "float32", "float64",
                                    "int",        "int8",    "int16",     "int32",      "int64",  "rune",    "string",
                                    "uint",       "uint8",   "uint16",    "uint32",     "uint64", "uintptr", "any",
                                    "comparable", "true",    "false",     "iota",       "nil",    "append",  "cap",
                                    "close",      "complex", "copy",      "delete",     "imag",   "len",     "make",
                                    "new",        "panic",   "print",     "println",    "real",   "recover"};
  return isOneOf(w, pre, sizeof pre / sizeof pre[0]);
}

// Scans one line that starts in `state`; appends coloured spans to *out (if given) and returns the
// state at the end of the line. Blanks get no span (nothing to draw).
uint8_t scanLine(std::string_view s, uint8_t state, std::vector<Span>* out) {
  const size_t n = s.size();
  auto emit = [out](size_t b, size_t e, Hl k) {
    if (!out || e <= b) return;
    if (!out->empty() && out->back().kind == k && k == Hl::Operator && out->back().end == static_cast<int>(b)) {
      out->back().end = static_cast<int>(e);
    } else {
      out->push_back(Span{static_cast<int>(b), static_cast<int>(e), k});
    }
  };
  size_t i = 0;
  if (state == kLexBlockComment) {
    size_t p = s.find("*/");
    if (p == std::string_view::npos) {
      emit(0, n, Hl::Comment);
      return kLexBlockComment;
    }
    emit(0, p + 2, Hl::Comment);
    i = p + 2;
  } else if (state == kLexRawString) {
    size_t p = s.find('`');
    if (p == std::string_view::npos) {
      emit(0, n, Hl::String);
      return kLexRawString;
    }
    emit(0, p + 1, Hl::String);
    i = p + 1;
  }
  while (i < n) {
    const char c = s[i];
    if (isBlank(c)) {
      ++i;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '/') {
      emit(i, n, Hl::Comment);
      return kLexNormal;
    } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
      size_t p = s.find("*/", i + 2);
      if (p == std::string_view::npos) {
        emit(i, n, Hl::Comment);
        return kLexBlockComment;
      }
      emit(i, p + 2, Hl::Comment);
      i = p + 2;
    } else if (c == '`') {
      size_t p = s.find('`', i + 1);
      if (p == std::string_view::npos) {
        emit(i, n, Hl::String);
        return kLexRawString;
      }
      emit(i, p + 1, Hl::String);
      i = p + 1;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && s[j] != c) j += (s[j] == '\\' && j + 1 < n) ? 2 : 1;
      if (j < n) ++j;  // the closing quote; an unterminated literal ends with the line
      emit(i, j, Hl::String);
      i = j;
    } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s[i + 1]))) {
      const bool hex = c == '0' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
      size_t j = i + 1;
      while (j < n) {
        const char d = s[j];
        const char prev = s[j - 1];
        const bool expSign =
            (d == '+' || d == '-') &&
            (hex ? (prev == 'p' || prev == 'P') : (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P'));
        if (isWordByte(d) || d == '.' || expSign) {
          ++j;
        } else {
          break;
        }
      }
      emit(i, j, Hl::Number);
      i = j;
    } else if (isWordByte(c)) {
      size_t j = i + 1;
      while (j < n && isWordByte(s[j])) ++j;
      const std::string_view w = s.substr(i, j - i);
      Hl k = Hl::Text;
      if (isKeyword(w)) {
        k = Hl::Keyword;
      } else if (isPredeclared(w)) {
        k = Hl::Builtin;
      } else {
        size_t p = j;
        while (p < n && isBlank(s[p])) ++p;
        if (p < n && s[p] == '(') k = Hl::Func;
      }
      emit(i, j, k);
      i = j;
    } else {
      emit(i, i + 1, Hl::Operator);
      ++i;
    }
  }
  return kLexNormal;
}

// ---- palette ---------------------------------------------------------------------------------------
// Syntax colours for the current theme, told apart by the window background's luminance. Both sets
// keep text at or above 4.5:1 against the editor background.

struct Palette {
  bool dark = true;
  ImU32 bg, gutterBg, gutterLine, lineNumber, lineNumberCurrent, currentLine, selection, caret, breakpoint,
      breakpointHint;
  ImU32 syntax[static_cast<int>(Hl::Count)];
};

Palette makePalette() {
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImVec4 w = st.Colors[ImGuiCol_WindowBg];
  Palette p;
  p.dark = 0.299f * w.x + 0.587f * w.y + 0.114f * w.z < 0.5f;
  auto c = [](float r, float g, float b, float a = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, a)); };
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  p.selection = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  p.caret = text;
  auto& s = p.syntax;
  s[static_cast<int>(Hl::Text)] = text;
  if (p.dark) {
    p.bg = c(0.075f, 0.082f, 0.098f);
    p.gutterBg = c(0.095f, 0.104f, 0.122f);
    p.gutterLine = c(1, 1, 1, 0.08f);
    p.lineNumber = c(0.47f, 0.50f, 0.56f);
    p.lineNumberCurrent = c(0.85f, 0.87f, 0.90f);
    p.currentLine = c(1, 1, 1, 0.045f);
    p.breakpoint = c(0.93f, 0.30f, 0.28f);
    p.breakpointHint = c(0.93f, 0.30f, 0.28f, 0.35f);
    s[static_cast<int>(Hl::Keyword)] = c(0.80f, 0.60f, 0.96f);
    s[static_cast<int>(Hl::Builtin)] = c(0.40f, 0.82f, 0.86f);
    s[static_cast<int>(Hl::Func)] = c(0.56f, 0.74f, 1.00f);
    s[static_cast<int>(Hl::Number)] = c(0.98f, 0.68f, 0.44f);
    s[static_cast<int>(Hl::String)] = c(0.66f, 0.86f, 0.50f);
    s[static_cast<int>(Hl::Comment)] = c(0.52f, 0.57f, 0.63f);
    s[static_cast<int>(Hl::Operator)] = c(0.78f, 0.81f, 0.86f);
  } else {
    p.bg = c(1.0f, 1.0f, 1.0f);
    p.gutterBg = c(0.955f, 0.960f, 0.965f);
    p.gutterLine = c(0, 0, 0, 0.10f);
    p.lineNumber = c(0.50f, 0.53f, 0.57f);
    p.lineNumberCurrent = c(0.10f, 0.11f, 0.13f);
    p.currentLine = c(0, 0, 0, 0.045f);
    p.breakpoint = c(0.82f, 0.16f, 0.14f);
    p.breakpointHint = c(0.82f, 0.16f, 0.14f, 0.35f);
    s[static_cast<int>(Hl::Keyword)] = c(0.50f, 0.10f, 0.66f);
    s[static_cast<int>(Hl::Builtin)] = c(0.00f, 0.42f, 0.50f);
    s[static_cast<int>(Hl::Func)] = c(0.08f, 0.30f, 0.72f);
    s[static_cast<int>(Hl::Number)] = c(0.66f, 0.32f, 0.00f);
    s[static_cast<int>(Hl::String)] = c(0.08f, 0.46f, 0.10f);
    s[static_cast<int>(Hl::Comment)] = c(0.40f, 0.44f, 0.48f);
    s[static_cast<int>(Hl::Operator)] = c(0.22f, 0.24f, 0.28f);
  }
  return p;
}

ImU32 withAlpha(ImU32 col, int alpha) {
  return (col & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// Black or white, whichever reads better on `col`.
ImU32 contrastText(ImU32 col) {
  const ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
  return 0.299f * v.x + 0.587f * v.y + 0.114f * v.z > 0.55f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

double nowSeconds() { return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0; }

constexpr size_t kMaxUndo = 10000;   // undo steps kept; the oldest are dropped
constexpr int kMaxGutterLabels = 2;  // marker labels shown per line before "+N"

}  // namespace

// ---- text model ------------------------------------------------------------------------------------

CodeEditor::CodeEditor() = default;

void CodeEditor::setText(std::string_view text) {
  lines_.clear();
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      lines_.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  lines_.push_back(std::move(cur));
  cursor_ = anchor_ = Loc{};
  undo_.clear();
  undoPos_ = 0;
  mergeable_ = false;
  preferredX_ = -1;
  lexValid_ = 1;
  ++version_;
}

std::string CodeEditor::text() const {
  std::string out;
  size_t total = 0;
  for (const auto& l : lines_) total += l.size() + 1;
  out.reserve(total);
  for (size_t i = 0; i < lines_.size(); ++i) {
    if (i) out += '\n';
    out += lines_[i];
  }
  return out;
}

const std::string& CodeEditor::line(int line) const {
  static const std::string empty;
  if (line < 1 || line > lineCount()) return empty;
  return lines_[static_cast<size_t>(line - 1)];
}

Loc CodeEditor::clampLoc(Loc l) const {
  l.line = std::clamp(l.line, 0, lineCount() - 1);
  const std::string& s = lines_[static_cast<size_t>(l.line)];
  l.col = std::clamp(l.col, 0, static_cast<int>(s.size()));
  // Snap to the start of the UTF-8 sequence that contains col.
  int at = 0;
  while (at < l.col) {
    int next = at + utf8Len(s, static_cast<size_t>(at));
    if (next > l.col) break;
    at = next;
  }
  l.col = at;
  return l;
}

Loc CodeEditor::endOf(Loc at, std::string_view inserted) const {
  size_t nl = inserted.rfind('\n');
  if (nl == std::string_view::npos) return Loc{at.line, at.col + static_cast<int>(inserted.size())};
  int lines = static_cast<int>(std::count(inserted.begin(), inserted.end(), '\n'));
  return Loc{at.line + lines, static_cast<int>(inserted.size() - nl - 1)};
}

std::string CodeEditor::textIn(Loc a, Loc b) const {
  if (b < a) std::swap(a, b);
  const auto& first = lines_[static_cast<size_t>(a.line)];
  if (a.line == b.line) return first.substr(static_cast<size_t>(a.col), static_cast<size_t>(b.col - a.col));
  std::string out = first.substr(static_cast<size_t>(a.col));
  for (int l = a.line + 1; l < b.line; ++l) {
    out += '\n';
    out += lines_[static_cast<size_t>(l)];
  }
  out += '\n';
  out += lines_[static_cast<size_t>(b.line)].substr(0, static_cast<size_t>(b.col));
  return out;
}

Loc CodeEditor::rawReplace(Loc a, Loc b, std::string_view text) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '\n') {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  const std::string tail = lines_[static_cast<size_t>(b.line)].substr(static_cast<size_t>(b.col));
  std::string& first = lines_[static_cast<size_t>(a.line)];
  first.resize(static_cast<size_t>(a.col));
  first += parts[0];
  const auto firstIt = lines_.begin() + a.line;
  lines_.erase(firstIt + 1, firstIt + 1 + (b.line - a.line));
  lines_.insert(lines_.begin() + a.line + 1, std::make_move_iterator(parts.begin() + 1),
                std::make_move_iterator(parts.end()));
  const int added = static_cast<int>(parts.size()) - 1;
  Loc end{a.line + added, static_cast<int>(lines_[static_cast<size_t>(a.line + added)].size())};
  lines_[static_cast<size_t>(a.line + added)] += tail;
  shiftBreakpoints(a, b, added);
  lexValid_ = std::min(lexValid_, a.line + 1);
  ++version_;
  return end;
}

void CodeEditor::shiftBreakpoints(Loc a, Loc b, int addedLines) {
  const int removed = b.line - a.line;
  if (breakpoints_.empty() || (removed == 0 && addedLines == 0)) return;
  // A pure insertion at column 1 pushes the whole line (and its breakpoint) down.
  const bool pushesLine = a == b && a.col == 0;
  std::set<int> moved;
  for (int bp : breakpoints_) {
    int l = bp - 1;
    if (l > b.line || (pushesLine && l == a.line)) {
      l += addedLines - removed;
    } else if (l > a.line) {
      l = a.line;  // its line was joined into a.line
    }
    moved.insert(l + 1);
  }
  breakpoints_ = std::move(moved);
}

int CodeEditor::nextCol(int line, int col) const {
  const std::string& s = lines_[static_cast<size_t>(line)];
  if (col >= static_cast<int>(s.size())) return static_cast<int>(s.size());
  return col + utf8Len(s, static_cast<size_t>(col));
}

int CodeEditor::prevCol(int line, int col) const {
  if (col <= 0) return 0;
  const std::string& s = lines_[static_cast<size_t>(line)];
  int p = col - 1;
  for (int back = 0; p > 0 && back < 3 && (static_cast<unsigned char>(s[static_cast<size_t>(p)]) & 0xC0) == 0x80;
       ++back)
    --p;
  return p + utf8Len(s, static_cast<size_t>(p)) == col ? p : col - 1;
}

Loc CodeEditor::wordLeft(Loc l) const {
  if (l.col == 0)
    return l.line > 0 ? Loc{l.line - 1, static_cast<int>(lines_[static_cast<size_t>(l.line - 1)].size())} : l;
  const std::string& s = lines_[static_cast<size_t>(l.line)];
  int c = l.col;
  while (c > 0 && isBlank(s[static_cast<size_t>(c - 1)])) --c;
  if (c > 0) {
    const int cls = charClass(s[static_cast<size_t>(c - 1)]);
    while (c > 0 && charClass(s[static_cast<size_t>(c - 1)]) == cls) --c;
  }
  return Loc{l.line, c};
}

Loc CodeEditor::wordRight(Loc l) const {
  const std::string& s = lines_[static_cast<size_t>(l.line)];
  const int n = static_cast<int>(s.size());
  if (l.col >= n) return l.line + 1 < lineCount() ? Loc{l.line + 1, 0} : l;
  int c = l.col;
  while (c < n && isBlank(s[static_cast<size_t>(c)])) ++c;
  if (c < n) {
    const int cls = charClass(s[static_cast<size_t>(c)]);
    while (c < n && charClass(s[static_cast<size_t>(c)]) == cls) ++c;
  }
  return Loc{l.line, c};
}

void CodeEditor::selectWordAt(Loc l) {
  const std::string& s = lines_[static_cast<size_t>(l.line)];
  const int n = static_cast<int>(s.size());
  int at = std::min(l.col, n - 1);
  if (at < 0) {
    moveTo(l, false);
    return;
  }
  const int cls = charClass(s[static_cast<size_t>(at)]);
  int b = at, e = at;
  while (b > 0 && charClass(s[static_cast<size_t>(b - 1)]) == cls) --b;
  while (e < n && charClass(s[static_cast<size_t>(e)]) == cls) ++e;
  moveTo(Loc{l.line, b}, false);
  moveTo(Loc{l.line, e}, true);
}

// ---- cursor and selection --------------------------------------------------------------------------

Pos CodeEditor::cursor() const { return Pos{cursor_.line + 1, cursor_.col + 1}; }
bool CodeEditor::hasSelection() const { return anchor_ != cursor_; }
Pos CodeEditor::selectionStart() const { return Pos{selMin().line + 1, selMin().col + 1}; }
Pos CodeEditor::selectionEnd() const { return Pos{selMax().line + 1, selMax().col + 1}; }
std::string CodeEditor::selectedText() const { return textIn(selMin(), selMax()); }

void CodeEditor::moveTo(Loc l, bool select) {
  cursor_ = clampLoc(l);
  if (!select) anchor_ = cursor_;
  mergeable_ = false;
  preferredX_ = -1;
  ensureCursorVisible_ = true;
  blinkStart_ = nowSeconds();
}

void CodeEditor::setCursor(Pos p, bool keepAnchor) { moveTo(Loc{p.line - 1, p.col - 1}, keepAnchor); }

void CodeEditor::setSelection(Pos anchor, Pos cursor) {
  moveTo(Loc{anchor.line - 1, anchor.col - 1}, false);
  moveTo(Loc{cursor.line - 1, cursor.col - 1}, true);
}

void CodeEditor::selectAll() {
  anchor_ = Loc{};
  cursor_ = Loc{lineCount() - 1, static_cast<int>(lines_.back().size())};
  mergeable_ = false;
}

// ---- editing ---------------------------------------------------------------------------------------

bool CodeEditor::replace(Loc a, Loc b, std::string_view text, EditKind kind, const Loc* anchorAfter,
                         const Loc* cursorAfter) {
  if (opts_.readOnly) return false;
  if (b < a) std::swap(a, b);
  if (a == b && text.empty()) return false;
  Edit e;
  e.at = a;
  e.removed = textIn(a, b);
  e.inserted = std::string(text);
  e.anchorBefore = anchor_;
  e.cursorBefore = cursor_;
  e.kind = kind;
  const Loc end = rawReplace(a, b, text);
  cursor_ = cursorAfter ? clampLoc(*cursorAfter) : end;
  anchor_ = anchorAfter ? clampLoc(*anchorAfter) : cursor_;
  e.anchorAfter = anchor_;
  e.cursorAfter = cursor_;
  preferredX_ = -1;
  ensureCursorVisible_ = true;
  blinkStart_ = nowSeconds();

  bool merged = false;
  if (mergeable_ && undoPos_ == undo_.size() && undoPos_ > 0 && undo_.back().kind == kind) {
    Edit& last = undo_.back();
    if (kind == EditKind::Typing && e.removed.empty() && e.at == endOf(last.at, last.inserted)) {
      // A word and the blanks after it form one step; a blank after a word starts a new one.
      const bool wordEnds = isBlank(e.inserted[0]) && !last.inserted.empty() && !isBlank(last.inserted.back());
      if (!wordEnds) {
        last.inserted += e.inserted;
        merged = true;
      }
    } else if (kind == EditKind::Backspace && e.inserted.empty() && last.inserted.empty() &&
               endOf(e.at, e.removed) == last.at) {
      last.at = e.at;
      last.removed = e.removed + last.removed;
      merged = true;
    } else if (kind == EditKind::Delete && e.inserted.empty() && last.inserted.empty() && e.at == last.at) {
      last.removed += e.removed;
      merged = true;
    }
    if (merged) {
      last.anchorAfter = e.anchorAfter;
      last.cursorAfter = e.cursorAfter;
    }
  }
  if (!merged) {
    undo_.resize(undoPos_);
    undo_.push_back(std::move(e));
    if (undo_.size() > kMaxUndo) undo_.erase(undo_.begin());
    undoPos_ = undo_.size();
  }
  mergeable_ = kind != EditKind::Other;
  return true;
}

bool CodeEditor::replaceSelection(std::string_view text, EditKind kind) {
  return replace(selMin(), selMax(), text, kind, nullptr, nullptr);
}

bool CodeEditor::typeText(std::string_view utf8) {
  if (opts_.readOnly || utf8.empty()) return false;
  // '}' typed on a line that is blank up to the cursor closes a block: take one level of indentation off.
  if (utf8 == "}" && !hasSelection() && cursor_.col > 0) {
    const std::string& s = lines_[static_cast<size_t>(cursor_.line)];
    if (leadingBlanks(s) >= cursor_.col) {
      int from = cursor_.col - 1;
      if (s[static_cast<size_t>(from)] == ' ') {
        int spaces = 1;
        while (from > 0 && spaces < opts_.tabWidth && s[static_cast<size_t>(from - 1)] == ' ') --from, ++spaces;
      }
      return replace(Loc{cursor_.line, from}, cursor_, "}", EditKind::Typing, nullptr, nullptr);
    }
  }
  return replaceSelection(utf8, EditKind::Typing);
}

bool CodeEditor::insertText(std::string_view utf8) { return replaceSelection(utf8, EditKind::Other); }

bool CodeEditor::newline() {
  if (opts_.readOnly) return false;
  const Loc a = selMin(), b = selMax();
  const std::string& s = lines_[static_cast<size_t>(a.line)];
  const int blanks = std::min(leadingBlanks(s), a.col);
  std::string indent = s.substr(0, static_cast<size_t>(blanks));
  int before = a.col;
  while (before > 0 && isBlank(s[static_cast<size_t>(before - 1)])) --before;
  const char opener = before > 0 ? s[static_cast<size_t>(before - 1)] : 0;
  const std::string& after = lines_[static_cast<size_t>(b.line)];
  const char next = b.col < static_cast<int>(after.size()) ? after[static_cast<size_t>(b.col)] : 0;
  std::string text = "\n" + indent;
  if (opener == '{' || opener == '(') {
    text += '\t';
    const bool closes = (opener == '{' && next == '}') || (opener == '(' && next == ')');
    if (closes) {
      // "{|}" → the closer goes to its own line under the opener's indentation.
      const Loc caret{a.line + 1, static_cast<int>(indent.size()) + 1};
      text += "\n" + indent;
      return replace(a, b, text, EditKind::Other, &caret, &caret);
    }
  }
  return replace(a, b, text, EditKind::Other, nullptr, nullptr);
}

bool CodeEditor::backspace() {
  if (opts_.readOnly) return false;
  if (hasSelection()) return replaceSelection("", EditKind::Other);
  if (cursor_.col == 0) {
    if (cursor_.line == 0) return false;
    const Loc prevEnd{cursor_.line - 1, static_cast<int>(lines_[static_cast<size_t>(cursor_.line - 1)].size())};
    return replace(prevEnd, cursor_, "", EditKind::Backspace, nullptr, nullptr);
  }
  return replace(Loc{cursor_.line, prevCol(cursor_.line, cursor_.col)}, cursor_, "", EditKind::Backspace, nullptr,
                 nullptr);
}

bool CodeEditor::deleteForward() {
  if (opts_.readOnly) return false;
  if (hasSelection()) return replaceSelection("", EditKind::Other);
  const int len = static_cast<int>(lines_[static_cast<size_t>(cursor_.line)].size());
  if (cursor_.col >= len) {
    if (cursor_.line + 1 >= lineCount()) return false;
    return replace(cursor_, Loc{cursor_.line + 1, 0}, "", EditKind::Delete, nullptr, nullptr);
  }
  return replace(cursor_, Loc{cursor_.line, nextCol(cursor_.line, cursor_.col)}, "", EditKind::Delete, nullptr,
                 nullptr);
}

bool CodeEditor::editLines(int first, int last, bool add) {
  std::string block;
  std::vector<int> delta;  // bytes added (negative: removed) at the start of each line
  for (int l = first; l <= last; ++l) {
    const std::string& s = lines_[static_cast<size_t>(l)];
    if (l > first) block += '\n';
    int d = 0;
    if (add) {
      if (!s.empty()) d = 1;  // blank lines stay empty, as gofmt leaves them
      if (d) block += '\t';
      block += s;
    } else {
      if (!s.empty() && s[0] == '\t') {
        d = -1;
      } else {
        while (-d < opts_.tabWidth && -d < static_cast<int>(s.size()) && s[static_cast<size_t>(-d)] == ' ') --d;
      }
      block += s.substr(static_cast<size_t>(-d));
    }
    delta.push_back(d);
  }
  if (std::all_of(delta.begin(), delta.end(), [](int d) { return d == 0; })) return false;
  auto adjust = [&](Loc l) {
    if (l.line >= first && l.line <= last) l.col = std::max(0, l.col + delta[static_cast<size_t>(l.line - first)]);
    return l;
  };
  const Loc anchorAfter = adjust(anchor_), cursorAfter = adjust(cursor_);
  const Loc a{first, 0}, b{last, static_cast<int>(lines_[static_cast<size_t>(last)].size())};
  return replace(a, b, block, EditKind::Other, &anchorAfter, &cursorAfter);
}

bool CodeEditor::indent() {
  if (opts_.readOnly) return false;
  if (hasSelection() && selMin().line != selMax().line) {
    const Loc b = selMax();
    return editLines(selMin().line, b.col == 0 ? b.line - 1 : b.line, true);
  }
  return replaceSelection("\t", EditKind::Typing);
}

bool CodeEditor::outdent() {
  if (opts_.readOnly) return false;
  const Loc b = selMax();
  int last = b.line;
  if (hasSelection() && b.col == 0 && b.line > selMin().line) --last;
  return editLines(selMin().line, last, false);
}

void CodeEditor::copy() const {
  if (hasSelection()) ImGui::SetClipboardText(selectedText().c_str());
}

bool CodeEditor::cut() {
  if (opts_.readOnly || !hasSelection()) return false;
  copy();
  return replaceSelection("", EditKind::Other);
}

bool CodeEditor::paste() {
  if (opts_.readOnly) return false;
  const char* clip = ImGui::GetClipboardText();
  if (!clip || !*clip) return false;
  std::string text;
  for (const char* p = clip; *p; ++p)
    if (*p != '\r') text += *p;
  return insertText(text);
}

// ---- undo ------------------------------------------------------------------------------------------

bool CodeEditor::undo() {
  if (opts_.readOnly || !canUndo()) return false;
  const Edit& e = undo_[--undoPos_];
  rawReplace(e.at, endOf(e.at, e.inserted), e.removed);
  anchor_ = clampLoc(e.anchorBefore);
  cursor_ = clampLoc(e.cursorBefore);
  mergeable_ = false;
  preferredX_ = -1;
  ensureCursorVisible_ = true;
  return true;
}

bool CodeEditor::redo() {
  if (opts_.readOnly || !canRedo()) return false;
  const Edit& e = undo_[undoPos_++];
  rawReplace(e.at, endOf(e.at, e.removed), e.inserted);
  anchor_ = clampLoc(e.anchorAfter);
  cursor_ = clampLoc(e.cursorAfter);
  mergeable_ = false;
  preferredX_ = -1;
  ensureCursorVisible_ = true;
  return true;
}

// ---- annotations, breakpoints, events, view --------------------------------------------------------
// Annotations are kept sorted by line (stable: the owner's order within a line is kept), so drawing
// finds a visible line's annotations by binary search even with thousands of them.

namespace {
template <class T>
void sortByLine(std::vector<T>& v) {
  std::stable_sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.line < b.line; });
}
template <class T>
std::pair<typename std::vector<T>::const_iterator, typename std::vector<T>::const_iterator> onLine(
    const std::vector<T>& v, int line1) {
  auto lo = std::lower_bound(v.begin(), v.end(), line1, [](const T& a, int l) { return a.line < l; });
  auto hi = lo;
  while (hi != v.end() && hi->line == line1) ++hi;
  return {lo, hi};
}
}  // namespace

void CodeEditor::setLineMarkers(std::vector<LineMarker> m) {
  markers_ = std::move(m);
  sortByLine(markers_);
}
void CodeEditor::setNotes(std::vector<InlineNote> n) {
  notes_ = std::move(n);
  sortByLine(notes_);
}
void CodeEditor::setUnderlines(std::vector<Underline> u) {
  underlines_ = std::move(u);
  sortByLine(underlines_);
}
void CodeEditor::setArrows(std::vector<FlowArrow> a) { arrows_ = std::move(a); }

void CodeEditor::clearAnnotations() {
  markers_.clear();
  notes_.clear();
  underlines_.clear();
  arrows_.clear();
}

bool CodeEditor::toggleBreakpoint(int line) {
  if (line < 1 || line > lineCount()) return false;
  if (breakpoints_.erase(line)) return false;
  breakpoints_.insert(line);
  return true;
}

std::vector<EditorEvent> CodeEditor::takeEvents() {
  std::vector<EditorEvent> out;
  out.swap(events_);
  return out;
}

void CodeEditor::scrollToLine(int line) { scrollRequest_ = std::clamp(line, 1, lineCount()) - 1; }

ImVec2 CodeEditor::screenPos(Pos p) const {
  const Loc l = clampLoc(Loc{p.line - 1, p.col - 1});
  return ImVec2(layout_.textOrigin.x + xOf(layout_, l.line, l.col), layout_.textOrigin.y + l.line * layout_.lineHeight);
}

bool CodeEditor::noteRect(int id, ImVec2* min, ImVec2* max) const {
  for (const Pill& p : pills_) {
    if (p.id != id) continue;
    if (min) *min = p.min;
    if (max) *max = p.max;
    return true;
  }
  return false;
}

// ---- layout and hit testing ------------------------------------------------------------------------

float CodeEditor::advance(const CodeEditorLayout& L, unsigned cp) const {
  if (!font_ || font_->FontSize <= 0) return L.spaceWidth;
  const float scale = L.fontSize / font_->FontSize;
  return (cp < 0x10000 ? font_->GetCharAdvance(static_cast<ImWchar>(cp)) : font_->FallbackAdvanceX) * scale;
}

float CodeEditor::xOf(const CodeEditorLayout& L, int line, int col) const {
  const std::string& s = lines_[static_cast<size_t>(line)];
  const size_t end = std::min(static_cast<size_t>(std::max(col, 0)), s.size());
  float x = 0;
  for (size_t i = 0; i < end;) {
    int len = 1;
    if (s[i] == '\t') {
      x = (std::floor(x / L.tabPx + 0.001f) + 1) * L.tabPx;
    } else {
      x += advance(L, decodeUtf8(s, i, &len));
    }
    i += static_cast<size_t>(len);
  }
  return x;
}

int CodeEditor::colAt(const CodeEditorLayout& L, int line, float x) const {
  const std::string& s = lines_[static_cast<size_t>(line)];
  float cur = 0;
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    float w;
    if (s[i] == '\t') {
      w = (std::floor(cur / L.tabPx + 0.001f) + 1) * L.tabPx - cur;
    } else {
      w = advance(L, decodeUtf8(s, i, &len));
    }
    if (x < cur + w * 0.5f) return static_cast<int>(i);
    cur += w;
    i += static_cast<size_t>(len);
  }
  return static_cast<int>(s.size());
}

Loc CodeEditor::locAt(const CodeEditorLayout& L, ImVec2 mouse) const {
  int line = static_cast<int>(std::floor((mouse.y - L.textOrigin.y) / L.lineHeight));
  if (line < 0) return Loc{0, 0};
  if (line >= lineCount()) return Loc{lineCount() - 1, static_cast<int>(lines_.back().size())};
  return Loc{line, colAt(L, line, mouse.x - L.textOrigin.x)};
}

void CodeEditor::updateLexStates(int upTo) {
  const int n = lineCount();
  if (static_cast<int>(lexState_.size()) != n) lexState_.resize(static_cast<size_t>(n), kLexNormal);
  lexState_[0] = kLexNormal;
  lexValid_ = std::clamp(lexValid_, 1, n);
  const int last = std::min(upTo, n - 1);
  for (int i = lexValid_; i <= last; ++i)
    lexState_[static_cast<size_t>(i)] =
        scanLine(lines_[static_cast<size_t>(i - 1)], lexState_[static_cast<size_t>(i - 1)], nullptr);
  lexValid_ = std::max(lexValid_, last + 1);
}

void CodeEditor::layoutPills(const CodeEditorLayout& L) {
  pills_.clear();
  if (notes_.empty()) return;
  auto lo = std::lower_bound(notes_.begin(), notes_.end(), L.firstLine + 1,
                             [](const InlineNote& a, int l) { return a.line < l; });
  const float padX = L.spaceWidth * 0.6f;
  int curLine = -1;
  float x = 0;
  for (auto it = lo; it != notes_.end() && it->line <= L.lastLine; ++it) {
    if (it->line < 1 || it->line > lineCount()) continue;
    const int l = it->line - 1;
    if (l != curLine) {
      curLine = l;
      x = L.textOrigin.x + xOf(L, l, static_cast<int>(lines_[static_cast<size_t>(l)].size())) + L.spaceWidth * 2;
    }
    const float w =
        font_ ? font_->CalcTextSizeA(L.fontSize, FLT_MAX, 0, it->text.c_str()).x : L.spaceWidth * it->text.size();
    const float y = L.textOrigin.y + l * L.lineHeight;
    Pill p;
    p.min = ImVec2(x, y + 1);
    p.max = ImVec2(x + w + 2 * padX, y + L.lineHeight - 1);
    p.id = it->id;
    p.line = it->line;
    pills_.push_back(p);
    x = p.max.x + L.spaceWidth * 0.6f;
  }
}

// ---- mouse -----------------------------------------------------------------------------------------

void CodeEditor::handleMouse(const CodeEditorLayout& L, bool hovered, bool clicked) {
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 m = io.MousePos;
  const Pill* pill = nullptr;
  if (hovered)
    for (const Pill& p : pills_)
      if (m.x >= p.min.x && m.x < p.max.x && m.y >= p.min.y && m.y < p.max.y) pill = &p;
  const bool inGutter = m.x < L.areaMin.x;
  if (hovered) ImGui::SetMouseCursor(pill || inGutter ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_TextInput);

  if (clicked) {
    if (pill) {
      events_.push_back(EditorEvent{EditorEvent::Kind::NoteClicked, pill->id, pill->line, false});
    } else if (inGutter) {
      const int line = static_cast<int>(std::floor((m.y - L.textOrigin.y) / L.lineHeight));
      if (opts_.breakpoints && line >= 0 && line < lineCount()) {
        const bool on = toggleBreakpoint(line + 1);
        events_.push_back(EditorEvent{EditorEvent::Kind::BreakpointToggled, 0, line + 1, on});
      }
    } else {
      const Loc at = locAt(L, m);
      const int clicks = io.MouseClickedCount[0];
      if (clicks == 2) {
        selectWordAt(at);
      } else if (clicks >= 3) {
        moveTo(Loc{at.line, 0}, false);
        moveTo(at.line + 1 < lineCount() ? Loc{at.line + 1, 0}
                                         : Loc{at.line, static_cast<int>(lines_[static_cast<size_t>(at.line)].size())},
               true);
      } else {
        moveTo(at, io.KeyShift);
      }
      dragging_ = true;
    }
  }
  if (dragging_ && io.MouseDown[0]) {
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) {
      moveTo(locAt(L, m), true);
      ensureCursorVisible_ = false;
    }
    // Dragging past an edge scrolls.
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    if (m.y < L.areaMin.y) ImGui::SetScrollY(win, win->Scroll.y - L.lineHeight);
    if (m.y > L.areaMax.y) ImGui::SetScrollY(win, win->Scroll.y + L.lineHeight);
    if (m.x < L.areaMin.x) ImGui::SetScrollX(win, std::max(0.0f, win->Scroll.x - L.spaceWidth * 2));
    if (m.x > L.areaMax.x) ImGui::SetScrollX(win, win->Scroll.x + L.spaceWidth * 2);
  }
  if (!io.MouseDown[0]) dragging_ = false;
}

// ---- keyboard --------------------------------------------------------------------------------------

void CodeEditor::handleKeyboard(const CodeEditorLayout& L) {
  ImGuiIO& io = ImGui::GetIO();
  const bool osx = io.ConfigMacOSXBehaviors;
  const bool cmd = osx ? (io.KeySuper && !io.KeyCtrl) : (io.KeyCtrl && !io.KeySuper);
  const bool word = osx ? io.KeyAlt : (io.KeyCtrl && !io.KeySuper);
  const bool shift = io.KeyShift;
  auto pressed = [](ImGuiKey k) {
    const int i = ImGui::GetKeyIndex(k);
    return i >= 0 && ImGui::IsKeyPressed(i, true);
  };
  auto vertical = [&](int lines) {
    const float x = preferredX_ >= 0 ? preferredX_ : xOf(L, cursor_.line, cursor_.col);
    const int target = cursor_.line + lines;
    Loc to;
    if (target < 0) {
      to = Loc{0, 0};
    } else if (target >= lineCount()) {
      to = Loc{lineCount() - 1, static_cast<int>(lines_.back().size())};
    } else {
      to = Loc{target, colAt(L, target, x)};
    }
    if (!shift && hasSelection()) anchor_ = cursor_;
    moveTo(to, shift);
    preferredX_ = x;
  };
  const Loc docEnd{lineCount() - 1, static_cast<int>(lines_.back().size())};

  if (cmd && !io.KeyAlt) {
    if (pressed(ImGuiKey_A)) selectAll();
    if (pressed(ImGuiKey_C)) copy();
    if (pressed(ImGuiKey_X)) cut();
    if (pressed(ImGuiKey_V)) paste();
    if (pressed(ImGuiKey_Z)) shift ? redo() : undo();
    if (pressed(ImGuiKey_Y) && !shift) redo();
  }
  if (pressed(ImGuiKey_LeftArrow)) {
    if (!shift && hasSelection() && !word && !cmd) {
      moveTo(selMin(), false);
    } else if (osx && cmd) {
      moveTo(Loc{cursor_.line, 0}, shift);
    } else if (word) {
      moveTo(wordLeft(cursor_), shift);
    } else if (cursor_.col > 0) {
      moveTo(Loc{cursor_.line, prevCol(cursor_.line, cursor_.col)}, shift);
    } else if (cursor_.line > 0) {
      moveTo(Loc{cursor_.line - 1, static_cast<int>(lines_[static_cast<size_t>(cursor_.line - 1)].size())}, shift);
    }
  }
  if (pressed(ImGuiKey_RightArrow)) {
    const int len = static_cast<int>(lines_[static_cast<size_t>(cursor_.line)].size());
    if (!shift && hasSelection() && !word && !cmd) {
      moveTo(selMax(), false);
    } else if (osx && cmd) {
      moveTo(Loc{cursor_.line, len}, shift);
    } else if (word) {
      moveTo(wordRight(cursor_), shift);
    } else if (cursor_.col < len) {
      moveTo(Loc{cursor_.line, nextCol(cursor_.line, cursor_.col)}, shift);
    } else if (cursor_.line + 1 < lineCount()) {
      moveTo(Loc{cursor_.line + 1, 0}, shift);
    }
  }
  if (pressed(ImGuiKey_UpArrow)) {
    if (osx && cmd) {
      moveTo(Loc{}, shift);
    } else if (!io.KeyCtrl) {
      vertical(-1);
    }
  }
  if (pressed(ImGuiKey_DownArrow)) {
    if (osx && cmd) {
      moveTo(docEnd, shift);
    } else if (!io.KeyCtrl) {
      vertical(1);
    }
  }
  if (pressed(ImGuiKey_PageUp)) vertical(-L.pageLines);
  if (pressed(ImGuiKey_PageDown)) vertical(L.pageLines);
  if (pressed(ImGuiKey_Home)) {
    if (cmd) {
      moveTo(Loc{}, shift);
    } else {
      const int first = leadingBlanks(lines_[static_cast<size_t>(cursor_.line)]);
      moveTo(Loc{cursor_.line, cursor_.col == first ? 0 : first}, shift);
    }
  }
  if (pressed(ImGuiKey_End)) {
    moveTo(cmd ? docEnd : Loc{cursor_.line, static_cast<int>(lines_[static_cast<size_t>(cursor_.line)].size())}, shift);
  }
  if (pressed(ImGuiKey_Escape)) {
    if (hasSelection()) {
      moveTo(cursor_, false);
    } else {
      ImGui::ClearActiveID();
    }
  }
  if (opts_.readOnly) return;

  if (pressed(ImGuiKey_Backspace)) {
    if (word && !hasSelection()) moveTo(wordLeft(cursor_), true);
    backspace();
  }
  if (pressed(ImGuiKey_Delete)) {
    if (word && !hasSelection()) moveTo(wordRight(cursor_), true);
    deleteForward();
  }
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) newline();
  if (pressed(ImGuiKey_Tab) && !io.KeyCtrl && !io.KeyAlt) shift ? outdent() : indent();

  // Typed characters. Ctrl (without Alt: AltGr types characters on some layouts) and Cmd are shortcuts.
  const bool shortcutHeld = (io.KeyCtrl && !io.KeyAlt) || (osx && io.KeySuper);
  if (!shortcutHeld) {
    for (ImWchar ch : io.InputQueueCharacters) {
      const unsigned cp = ch;
      if (cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF)) continue;  // Enter/Tab come as keys
      std::string utf8;
      appendUtf8(utf8, cp);
      typeText(utf8);
    }
  }
}

// ---- drawing ---------------------------------------------------------------------------------------

namespace {

void drawWavy(ImDrawList* dl, float x0, float x1, float y, ImU32 col, float amp) {
  ImVec2 pts[256];
  int n = 0;
  const float step = amp * 1.5f;
  for (float x = x0; x < x1 && n < 255; x += step, ++n) pts[n] = ImVec2(x, y + ((n & 1) ? -amp : amp));
  pts[n] = ImVec2(x1, y + ((n & 1) ? -amp : amp));
  ++n;
  dl->AddPolyline(pts, n, col, 0, 1.0f);
}

}  // namespace

void CodeEditor::drawContent(const CodeEditorLayout& L, bool hovered) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette P = makePalette();
  const ImGuiIO& io = ImGui::GetIO();
  const float textDy = (L.lineHeight - L.fontSize) * 0.5f;
  const bool sel = hasSelection();
  const Loc s0 = selMin(), s1 = selMax();
  const float areaL = L.areaMin.x, areaR = L.areaMax.x;

  // Text area, clipped right of the gutter.
  dl->PushClipRect(L.areaMin, L.areaMax, true);
  std::vector<Span> spans;
  const Underline* hoveredUnderline = nullptr;
  for (int l = L.firstLine; l < L.lastLine; ++l) {
    const std::string& s = lines_[static_cast<size_t>(l)];
    const float y = L.textOrigin.y + l * L.lineHeight;
    if (l == cursor_.line && !sel) dl->AddRectFilled(ImVec2(areaL, y), ImVec2(areaR, y + L.lineHeight), P.currentLine);
    for (auto [it, end] = onLine(markers_, l + 1); it != end; ++it)
      dl->AddRectFilled(ImVec2(areaL, y), ImVec2(areaR, y + L.lineHeight), withAlpha(it->colour, 0x26));
    if (sel && l >= s0.line && l <= s1.line) {
      const float x0 = xOf(L, l, l == s0.line ? s0.col : 0);
      const float x1 = l == s1.line ? xOf(L, l, s1.col) : xOf(L, l, static_cast<int>(s.size())) + L.spaceWidth * 0.6f;
      dl->AddRectFilled(ImVec2(L.textOrigin.x + x0, y), ImVec2(L.textOrigin.x + x1, y + L.lineHeight), P.selection);
    }

    // Syntax-coloured text, split at tabs (ImGui draws a tab as a fixed width, not to the next stop).
    spans.clear();
    scanLine(s, lexState_[static_cast<size_t>(l)], &spans);
    float x = 0;
    size_t pos = 0;
    const float limit = areaR - L.textOrigin.x;
    for (const Span& sp : spans) {
      if (x > limit) break;
      x += xOf(L, l, sp.begin) - xOf(L, l, static_cast<int>(pos));  // blanks before the span
      pos = static_cast<size_t>(sp.begin);
      const ImU32 col = P.syntax[static_cast<int>(sp.kind)];
      while (pos < static_cast<size_t>(sp.end) && x <= limit) {
        if (s[pos] == '\t') {
          x = (std::floor(x / L.tabPx + 0.001f) + 1) * L.tabPx;
          ++pos;
          continue;
        }
        size_t runEnd = pos;
        float w = 0;
        while (runEnd < static_cast<size_t>(sp.end) && s[runEnd] != '\t') {
          int len = 1;
          w += advance(L, decodeUtf8(s, runEnd, &len));
          runEnd += static_cast<size_t>(len);
        }
        if (L.textOrigin.x + x + w >= areaL)
          dl->AddText(font_, L.fontSize, ImVec2(L.textOrigin.x + x, y + textDy), col, s.data() + pos,
                      s.data() + runEnd);
        x += w;
        pos = runEnd;
      }
    }

    // Underlines (diagnostics).
    for (auto [it, end] = onLine(underlines_, l + 1); it != end; ++it) {
      const int len = static_cast<int>(s.size());
      const int c0 = std::clamp(it->colStart - 1, 0, len);
      const int c1 = it->colEnd > it->colStart ? std::clamp(it->colEnd - 1, c0, len) : len;
      const float x0 = L.textOrigin.x + xOf(L, l, c0);
      float x1 = L.textOrigin.x + xOf(L, l, c1);
      if (x1 < x0 + L.spaceWidth) x1 = x0 + L.spaceWidth;
      const float uy = y + L.lineHeight - 2.5f;
      if (it->wavy) {
        drawWavy(dl, x0, x1, uy, it->colour, 1.5f);
      } else {
        dl->AddLine(ImVec2(x0, uy + 1), ImVec2(x1, uy + 1), it->colour, 1.0f);
      }
      if (hovered && !it->message.empty() && io.MousePos.x >= x0 && io.MousePos.x < x1 && io.MousePos.y >= y &&
          io.MousePos.y < y + L.lineHeight)
        hoveredUnderline = &*it;
    }
  }

  // Note pills after the ends of lines.
  const float rounding = L.lineHeight * 0.5f;
  for (const Pill& p : pills_) {
    const InlineNote* note = nullptr;
    for (auto [it, end] = onLine(notes_, p.line); it != end; ++it)
      if (it->id == p.id) note = &*it;
    if (!note) continue;
    const bool over = hovered && io.MousePos.x >= p.min.x && io.MousePos.x < p.max.x && io.MousePos.y >= p.min.y &&
                      io.MousePos.y < p.max.y;
    dl->AddRectFilled(p.min, p.max, withAlpha(note->colour, over ? 0x70 : 0x38), rounding);
    dl->AddRect(p.min, p.max, withAlpha(note->colour, 0xB0), rounding);
    dl->AddText(font_, L.fontSize, ImVec2(p.min.x + L.spaceWidth * 0.6f, p.min.y + textDy - 1),
                P.syntax[static_cast<int>(Hl::Text)], note->text.c_str());
  }

  // Flow arrows: a curve from one position to another, bulging to the right; an arc over the line
  // when both ends are on one line.
  for (const FlowArrow& a : arrows_) {
    if (a.fromLine < 1 || a.toLine < 1 || a.fromLine > lineCount() || a.toLine > lineCount()) continue;
    const int lo = std::min(a.fromLine, a.toLine) - 1, hi = std::max(a.fromLine, a.toLine) - 1;
    if (hi < L.firstLine || lo >= L.lastLine) continue;
    const Loc from = clampLoc(Loc{a.fromLine - 1, a.fromCol - 1}), to = clampLoc(Loc{a.toLine - 1, a.toCol - 1});
    const float half = L.spaceWidth * 0.5f;
    ImVec2 p0(L.textOrigin.x + xOf(L, from.line, from.col) + half, L.textOrigin.y + (from.line + 0.5f) * L.lineHeight);
    ImVec2 p3(L.textOrigin.x + xOf(L, to.line, to.col) + half, L.textOrigin.y + (to.line + 0.5f) * L.lineHeight);
    ImVec2 p1, p2;
    if (from.line == to.line) {
      p0.y -= L.lineHeight * 0.5f;
      p3.y -= L.lineHeight * 0.5f;
      p1 = ImVec2(p0.x, p0.y - L.lineHeight * 1.1f);
      p2 = ImVec2(p3.x, p3.y - L.lineHeight * 1.1f);
    } else {
      const float bend = std::clamp(std::fabs(p3.y - p0.y) * 0.5f, L.spaceWidth * 4, L.spaceWidth * 24);
      p1 = ImVec2(p0.x + bend, p0.y);
      p2 = ImVec2(p3.x + bend, p3.y);
    }
    const ImU32 col = withAlpha(a.colour, 0xD0);
    dl->AddBezierCubic(p0, p1, p2, p3, col, 1.5f, 24);
    dl->AddCircleFilled(p0, 2.5f, col, 8);
    ImVec2 d(p3.x - p2.x, p3.y - p2.y);
    const float dlen = std::sqrt(d.x * d.x + d.y * d.y);
    d = dlen > 0.01f ? ImVec2(d.x / dlen, d.y / dlen) : ImVec2(-1, 0);
    const float h = L.spaceWidth * 0.9f;
    const ImVec2 n(-d.y, d.x);
    dl->AddTriangleFilled(p3, ImVec2(p3.x - d.x * h + n.x * h * 0.5f, p3.y - d.y * h + n.y * h * 0.5f),
                          ImVec2(p3.x - d.x * h - n.x * h * 0.5f, p3.y - d.y * h - n.y * h * 0.5f), col);
  }

  // The caret.
  if (focused_) {
    const bool on = opts_.reducedMotion || std::fmod(ImGui::GetTime() - blinkStart_, 1.2) < 0.8;
    if (on && cursor_.line >= L.firstLine && cursor_.line < L.lastLine) {
      const float cx = L.textOrigin.x + xOf(L, cursor_.line, cursor_.col);
      const float cy = L.textOrigin.y + cursor_.line * L.lineHeight;
      dl->AddRectFilled(ImVec2(cx, cy + 1), ImVec2(cx + std::max(1.5f, L.fontSize * 0.1f), cy + L.lineHeight - 1),
                        opts_.readOnly ? withAlpha(P.caret, 0x80) : P.caret);
    }
  }
  dl->PopClipRect();

  // The gutter: breakpoints, marker labels, line numbers (it does not scroll sideways).
  const float gx = L.gutterMin.x, gy = L.areaMin.y;
  dl->AddRectFilled(ImVec2(gx, gy), ImVec2(gx + L.gutterWidth, L.areaMax.y), P.gutterBg);
  dl->AddLine(ImVec2(gx + L.gutterWidth - 1, gy), ImVec2(gx + L.gutterWidth - 1, L.areaMax.y), P.gutterLine);
  dl->PushClipRect(ImVec2(gx, gy), ImVec2(gx + L.gutterWidth, L.areaMax.y), true);
  const float bpCol = L.lineHeight * 0.8f;
  const float markerX = gx + 2 + bpCol;
  const float numberRight = gx + L.gutterWidth - L.spaceWidth;
  const int hoverLine = hovered && io.MousePos.x < L.areaMin.x
                            ? static_cast<int>(std::floor((io.MousePos.y - L.textOrigin.y) / L.lineHeight))
                            : -1;
  char num[16];
  for (int l = L.firstLine; l < L.lastLine; ++l) {
    const float y = L.textOrigin.y + l * L.lineHeight;
    const ImVec2 dot(gx + 2 + bpCol * 0.5f, y + L.lineHeight * 0.5f);
    if (breakpoints_.count(l + 1)) {
      dl->AddCircleFilled(dot, L.lineHeight * 0.3f, P.breakpoint, 16);
    } else if (opts_.breakpoints && l == hoverLine) {
      dl->AddCircleFilled(dot, L.lineHeight * 0.3f, P.breakpointHint, 16);
    }
    float mx = markerX;
    int shown = 0, total = 0;
    for (auto [it, end] = onLine(markers_, l + 1); it != end; ++it, ++total) {
      if (shown == kMaxGutterLabels) continue;
      const float w = font_->CalcTextSizeA(L.fontSize, FLT_MAX, 0, it->label.c_str()).x + L.spaceWidth * 0.6f;
      dl->AddRectFilled(ImVec2(mx, y + 2), ImVec2(mx + w, y + L.lineHeight - 2), it->colour, 3.0f);
      dl->AddText(font_, L.fontSize, ImVec2(mx + L.spaceWidth * 0.3f, y + textDy), contrastText(it->colour),
                  it->label.c_str());
      mx += w + 2;
      ++shown;
    }
    if (total > shown) {
      std::snprintf(num, sizeof num, "+%d", total - shown);
      dl->AddText(font_, L.fontSize, ImVec2(mx, y + textDy), P.lineNumber, num);
    }
    std::snprintf(num, sizeof num, "%d", l + 1);
    const float w = font_->CalcTextSizeA(L.fontSize, FLT_MAX, 0, num).x;
    dl->AddText(font_, L.fontSize, ImVec2(numberRight - w, y + textDy),
                l == cursor_.line ? P.lineNumberCurrent : P.lineNumber, num);
  }
  dl->PopClipRect();

  // Tooltips: a diagnostic's message; every marker label of a gutter line.
  if (hoveredUnderline) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(hoveredUnderline->message.c_str());
    ImGui::EndTooltip();
  } else if (hoverLine >= 0 && hoverLine < lineCount()) {
    auto [it, end] = onLine(markers_, hoverLine + 1);
    if (it != end) {
      ImGui::BeginTooltip();
      for (; it != end; ++it) ImGui::TextUnformatted(it->label.c_str());
      ImGui::EndTooltip();
    }
  }
}

// ---- draw() ----------------------------------------------------------------------------------------

void CodeEditor::draw(const char* id, ImFont* mono, ImVec2 size) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiIO& io = ImGui::GetIO();
  if (mono) ImGui::PushFont(mono);
  const Palette P = makePalette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, P.bg);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  const bool open = ImGui::BeginChild(id, size, true, ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoMove);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImGuiWindow* win = ImGui::GetCurrentWindow();
  const ImGuiID iid = win->GetID("##code");
  if (!open) {
    focused_ = false;
    ImGui::EndChild();
    if (mono) ImGui::PopFont();
    return;
  }

  // ---- per-frame layout (DESIGN rule 11) ----
  font_ = ImGui::GetFont();
  CodeEditorLayout L;
  L.fontSize = ImGui::GetFontSize();
  L.lineHeight = std::floor(L.fontSize * 1.35f + 0.5f);
  L.spaceWidth = advance(L, ' ');
  L.tabPx = L.spaceWidth * static_cast<float>(std::max(1, opts_.tabWidth));
  int digits = 1;
  for (int n = lineCount(); n >= 10; n /= 10) ++digits;
  float markerW = 0;
  for (size_t i = 0; i < markers_.size();) {  // widest run of labels on one line
    float w = 0;
    size_t j = i;
    for (int k = 0; j < markers_.size() && markers_[j].line == markers_[i].line; ++j, ++k)
      if (k < kMaxGutterLabels)
        w += font_->CalcTextSizeA(L.fontSize, FLT_MAX, 0, markers_[j].label.c_str()).x + L.spaceWidth * 0.6f + 2;
    if (j - i > static_cast<size_t>(kMaxGutterLabels)) w += L.spaceWidth * 3;
    markerW = std::max(markerW, w);
    i = j;
  }
  L.gutterWidth = std::floor(2 + L.lineHeight * 0.8f + markerW + (std::max(digits, 2) + 1) * L.spaceWidth + 0.5f);
  const ImRect inner = win->InnerRect;
  L.gutterMin = inner.Min;
  L.areaMin = ImVec2(inner.Min.x + L.gutterWidth, inner.Min.y);
  L.areaMax = inner.Max;
  const float topPad = 2;
  L.textOrigin = ImVec2(L.areaMin.x + L.spaceWidth * 0.75f - win->Scroll.x, inner.Min.y + topPad - win->Scroll.y);
  const float areaH = std::max(0.0f, L.areaMax.y - L.areaMin.y);
  L.firstLine = std::clamp(static_cast<int>(std::floor((L.areaMin.y - L.textOrigin.y) / L.lineHeight)), 0, lineCount());
  L.lastLine = std::clamp(static_cast<int>(std::ceil((L.areaMax.y - L.textOrigin.y) / L.lineHeight)), 0, lineCount());
  L.pageLines = std::max(1, static_cast<int>(areaH / L.lineHeight) - 1);
  if (widthVersion_ != version_) {
    maxColumns_ = 0;
    const int tw = std::max(1, opts_.tabWidth);
    for (const std::string& s : lines_) {
      int cols = 0;
      for (size_t i = 0; i < s.size(); i += static_cast<size_t>(utf8Len(s, i)))
        cols = s[i] == '\t' ? (cols / tw + 1) * tw : cols + 1;
      maxColumns_ = std::max(maxColumns_, cols);
    }
    widthVersion_ = version_;
  }
  const float textH = lineCount() * L.lineHeight + topPad;
  const ImVec2 content(L.gutterWidth + (maxColumns_ + 40) * L.spaceWidth,
                       textH + (textH > areaH ? areaH * 0.5f : 0.0f));
  ImGui::Dummy(content);

  // ---- the interactive item and keyboard focus (see the header) ----
  const ImRect bb(inner.Min, inner.Max);
  ImGui::ItemAdd(bb, iid);
  ImGui::KeepAliveID(iid);
  const bool hovered = ImGui::ItemHoverable(bb, iid);
  const bool clicked = hovered && io.MouseClicked[0];
  // Dragging our own scrollbar takes ImGui's active item for a moment; give focus back after it.
  const ImGuiID sbX = ImGui::GetWindowScrollbarID(win, ImGuiAxis_X),
                sbY = ImGui::GetWindowScrollbarID(win, ImGuiAxis_Y);
  if (focused_ && (g.ActiveId == sbX || g.ActiveId == sbY)) resumeAfterScrollbar_ = true;
  bool resume = false;
  if (resumeAfterScrollbar_ && g.ActiveId != sbX && g.ActiveId != sbY) {
    resume = g.ActiveId == 0;
    resumeAfterScrollbar_ = false;
  }
  if (g.ActiveId != iid && (clicked || wantFocus_ || resume || g.NavActivateId == iid)) {
    ImGui::SetActiveID(iid, win);
    ImGui::SetFocusID(iid, win);
    ImGui::FocusWindow(win);
    // Claim the keys ImGui's keyboard navigation would otherwise take.
    g.ActiveIdUsingNavDirMask |=
        (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right) | (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
    g.ActiveIdUsingNavInputMask |= (1 << ImGuiNavInput_Cancel);
    g.ActiveIdUsingKeyInputMask |= (ImU64(1) << ImGuiKey_Home) | (ImU64(1) << ImGuiKey_End) |
                                   (ImU64(1) << ImGuiKey_PageUp) | (ImU64(1) << ImGuiKey_PageDown);
    if (!opts_.readOnly) g.ActiveIdUsingKeyInputMask |= ImU64(1) << ImGuiKey_Tab;
    blinkStart_ = nowSeconds();
  }
  wantFocus_ = false;
  if (g.ActiveId == iid && io.MouseClicked[0] && !hovered) ImGui::ClearActiveID();  // a click elsewhere
  focused_ = g.ActiveId == iid;
  if (focused_) {
    g.ActiveIdAllowOverlap = !io.MouseDown[0];  // other items stay hoverable while we hold focus
    if (!opts_.readOnly) g.WantTextInputNextFrame = 1;
  }

  // ---- input ----
  updateLexStates(L.lastLine);
  layoutPills(L);
  handleMouse(L, hovered, clicked);
  if (focused_) handleKeyboard(L);
  focused_ = g.ActiveId == iid;  // Escape may have let go
  if (L.lastLine > lineCount()) L.lastLine = lineCount();
  L.firstLine = std::min(L.firstLine, L.lastLine);
  updateLexStates(L.lastLine);
  if (cursor_.line >= lineCount()) cursor_ = clampLoc(cursor_);
  anchor_ = clampLoc(anchor_);

  // ---- scrolling requests ----
  const float viewTop = win->Scroll.y;
  if (scrollRequest_ >= 0) {
    const float top = topPad + scrollRequest_ * L.lineHeight;
    if (top < viewTop || top + L.lineHeight > viewTop + areaH) {
      const bool near = top >= viewTop - areaH * 0.5f && top + L.lineHeight <= viewTop + areaH * 1.5f;
      const float target = near ? (top < viewTop ? top - topPad : top + L.lineHeight - areaH + topPad)
                                : top - (areaH - L.lineHeight) * 0.5f;
      ImGui::SetScrollY(win, std::max(0.0f, target));
    }
    scrollRequest_ = -1;
  } else if (ensureCursorVisible_) {
    const float top = topPad + cursor_.line * L.lineHeight;
    if (top < viewTop) ImGui::SetScrollY(win, std::max(0.0f, top - topPad));
    if (top + L.lineHeight > viewTop + areaH) ImGui::SetScrollY(win, top + L.lineHeight - areaH + topPad);
    const float cx = xOf(L, cursor_.line, cursor_.col);  // from the text origin
    const float textW = L.areaMax.x - L.areaMin.x - L.spaceWidth * 2;
    if (cx < win->Scroll.x) ImGui::SetScrollX(win, std::max(0.0f, cx - L.spaceWidth * 4));
    if (cx > win->Scroll.x + textW) ImGui::SetScrollX(win, cx - textW + L.spaceWidth * 4);
  }
  ensureCursorVisible_ = false;

  // ---- draw ----
  layoutPills(L);  // the text may have changed
  drawContent(L, hovered);
  layout_ = L;
  ImGui::EndChild();
  if (mono) ImGui::PopFont();
}

}  // namespace gofast::ui
