// Goroutines & frames panel: one goroutine's stack as it sits in memory, from api::Snapshot values
// (DESIGN rule 2), for a learner who has never seen a call stack.
//
// Left, the goroutine's whole stack drawn to scale as a vertical bar: hi at the top, lo at the bottom
// (a stack grows down), the part in use between sp and hi coloured frame by frame, and two marks: sp,
// where the innermost frame ends, and stackguard0 = lo + 928 (_StackGuard, stack.go:101). Every
// function's prologue compares SP with stackguard0 (obj6.go:1012 stacksplit) and calls morestack when
// it would go below it, which doubles the stack (newstack, stack.go:962): so ordinary frames never
// reach below the mark; the room is left for runtime functions that may not grow the stack (NOSPLIT).
//
// Right, the same memory as a dump, one row per 8-byte word, highest address at the top and the
// innermost frame at the bottom: each frame a block under a header (function and line), each word
// labelled with what it holds in Go's stack-based calling convention ABI0 (compile/program.h): the
// function's locals and temporaries by name and type with their decoded value, the saved BP, the
// return address (named by the caller's function and line), and in the caller's block the arguments
// and result slots of the call in progress. Pointers get an arrow to the word they point to when it is
// in this dump (saved BPs on the left: the frame-pointer chain; data pointers on the right), otherwise
// a label saying where they point (a heap object and its size class, read-only data, ...). To stay
// readable, runs of compiler temporaries are one row (a checkbox on the title row opens them) unless
// a pointer targets them, and equal words of one array are one row ("pad +8 … +120 = 0 (×15)").
//
// labelFrameWords and describePointer are pure functions of Snapshot values, tested without ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/snapshot.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

// One 8-byte word of a frame's memory as the panel labels it.
struct FrameWord {
  enum class Role : uint8_t {
    Local,           // a local variable (or a defer record, a closure context) of this frame
    Temp,            // a compiler temporary (.autotmp_N)
    Arg,             // an argument of this frame's function (in the caller's outgoing area)
    Result,          // a result slot of this frame's function (in the caller's outgoing area)
    SavedBP,         // the caller's BP, pushed by the prologue (at fp)
    ReturnAddress,   // pushed by the caller's CALL (at fp + 8)
    OutgoingArg,     // an argument this frame wrote for the function it is calling now
    OutgoingResult,  // a result slot of the function this frame is calling now
    Unused,          // part of the frame that holds nothing now (outgoing area not in use, padding)
  };
  uint64_t addr = 0;
  Role role = Role::Unused;
  std::string label;          // "n int", "s string (len)", "saved BP", "return address"
  std::string value;          // decoded: "42", "true", "0xc000012340", "→ main.main:12"; "?" when unknown
  bool known = false;         // the frame's bytes were in the snapshot
  uint64_t raw = 0;           // the word as a little-endian uint64 (when known)
  bool pointer = false;       // the word holds a pointer by its type (or is a saved BP)
  bool maybePointer = false;  // a word of a type we cannot see into (a struct, an array): may hold one
  uint64_t slotAddr = 0;      // the one slot this word belongs to (0: none, or several small ones)
  uint32_t part = 0;          // which word of that slot (0 = its first)
};

// The words of frame `frame` (0 = innermost) of goroutine g, from its arguments' end down to its sp,
// highest address first: [sp, argsHi), one row per 8 bytes. Outgoing-argument words are named from
// the frame below it (frame - 1), the return address from the frame above (frame + 1).
std::vector<FrameWord> labelFrameWords(const api::GoroutineView& g, size_t frame);

// Where a pointer value points, in a snapshot.
struct PointerTarget {
  enum class Kind : uint8_t { None, Stack, Heap, Text, ReadOnly, Global, Other };
  Kind kind = Kind::None;
  int64_t goid = 0;        // Stack: whose stack
  uint64_t base = 0;       // Heap: the object's first byte
  uint64_t elemsize = 0;   // Heap: the object's size (its size class's size)
  int sizeclass = 0;       // Heap: 0 = a large object with a span of its own
  std::string text;        // "heap object 0xc000010020 (size class 2, 16 B)"
};
PointerTarget describePointer(const api::Snapshot& s, uint64_t value);

class FramesPanel : public Panel {
 public:
  const char* title() const override { return "Goroutines & frames: a stack in memory"; }
  void bind(const api::Snapshot* s) { snap_ = s; }
  // The goroutine shown: 0 follows the goroutine that ran last (Snapshot::currentGoid).
  void selectGoroutine(int64_t goid) { pinned_ = goid; }
  int64_t shownGoroutine() const { return shown_; }

 protected:
  void drawContent(const PanelFrame& frame) override;
  void drawTitleExtras(const PanelFrame& frame) override;

 private:
  // One row of the dump: a frame header, a word (or several equal ones), or a note.
  struct Row {
    enum class Kind : uint8_t { Header, Word, Note } kind = Kind::Word;
    int frame = -1;
    FrameWord word;
    std::string note;
    uint64_t bytes = 8;  // a Word row may stand for several equal words of one array or struct
  };
  struct RowsKey {
    const api::Snapshot* snap = nullptr;
    uint64_t position = 0, steps = 0, framesHash = 0;
    int64_t goid = 0;
    size_t frames = 0;
    uint64_t sp = 0;
    bool temps = false;
    float fontSize = 0;
    bool operator==(const RowsKey&) const = default;
  };
  void buildRows(const api::GoroutineView& g);
  void drawStackBar(const PanelFrame& frame, const api::GoroutineView& g, float width, float height);
  void drawDump(const PanelFrame& frame, const api::GoroutineView& g);
  const api::Snapshot* snap_ = nullptr;
  int64_t pinned_ = 0;
  int64_t shown_ = 0;
  // Scroll to the innermost frame when the goroutine, its depth or its sp changes.
  uint64_t followKey_ = 0;
  int scrollToFrame_ = -1;
  bool showTemps_ = false;
  std::vector<Row> rows_;  // the dump of the goroutine shown, cached by rowsKey_
  RowsKey rowsKey_;
  float widestLabel_ = 0;
};

}  // namespace gofast::ui
