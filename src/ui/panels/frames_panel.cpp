#include "ui/panels/frames_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "ui/panels/scheduler_panel.h"  // goroutineColor
#include "ui/panels/threads_panel.h"    // humanBytes

namespace gofast::ui {

namespace {

constexpr uint64_t kWord = 8;           // goarch.PtrSize on amd64
constexpr uint64_t kStackGuard = 928;   // _StackGuard, runtime/stack.go:101 (928 * StackGuardMultiplier)
constexpr uint64_t kStackPreempt = 0xfffffffffffffadeull;  // stackPreempt, runtime/stack.go:138
constexpr uint64_t kPageBytes = 8192;   // _PageSize, runtime/sizeclasses.go:88
// The session copies at most this many innermost frames (api/session.cpp kMaxFrames).
constexpr size_t kSnapshotMaxFrames = 256;

std::string hex(uint64_t a) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(a));
  return b;
}

bool startsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

// "main.fib" -> "fib", "main.(*T).m" -> "(*T).m": labels are narrow; tooltips say the full name.
std::string shortFunc(const std::string& f) { return startsWith(f, "main.") ? f.substr(5) : f; }

bool isPointerType(const std::string& t) {
  return startsWith(t, "*") || startsWith(t, "map[") || startsWith(t, "chan ") || startsWith(t, "<-chan ") ||
         startsWith(t, "chan<- ") || startsWith(t, "func(") || t == "unsafe.Pointer";
}
bool isIfaceType(const std::string& t) { return t == "any" || t == "error" || startsWith(t, "interface"); }
bool isSignedInt(const std::string& t) { return t == "int" || t == "int8" || t == "int16" || t == "int32" || t == "int64" || t == "rune"; }
bool isUnsignedInt(const std::string& t) {
  return t == "uint" || t == "uint8" || t == "uint16" || t == "uint32" || t == "uint64" || t == "uintptr" || t == "byte";
}

// Little-endian read of n (1..8) bytes of g's frame memory at addr, from the frame's copied bytes.
bool readFrame(const api::FrameView& f, uint64_t addr, size_t n, uint64_t& out) {
  if (f.bytes.empty() || addr < f.sp || addr + n > f.sp + f.bytes.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; i++) out |= static_cast<uint64_t>(f.bytes[addr - f.sp + i]) << (8 * i);
  return true;
}

// A small scalar decoded by its type; "" when the type is not a scalar we know.
std::string decodeScalar(const std::string& type, uint64_t v, int size) {
  char b[48];
  if (type == "bool") return v != 0 ? "true" : "false";
  if (isSignedInt(type)) {
    const int bits = size * 8;
    int64_t s = static_cast<int64_t>(v);
    if (bits < 64) s = static_cast<int64_t>(v << (64 - bits)) >> (64 - bits);
    std::snprintf(b, sizeof b, "%lld", static_cast<long long>(s));
    return b;
  }
  if (isUnsignedInt(type)) {
    std::snprintf(b, sizeof b, "%llu", static_cast<unsigned long long>(v));
    return b;
  }
  if (type == "float64") {
    double d = 0;
    std::memcpy(&d, &v, sizeof d);
    std::snprintf(b, sizeof b, "%g", d);
    return b;
  }
  if (type == "float32") {
    const uint32_t w = static_cast<uint32_t>(v);
    float d = 0;
    std::memcpy(&d, &w, sizeof d);
    std::snprintf(b, sizeof b, "%g", static_cast<double>(d));
    return b;
  }
  return "";
}

// A word of a value we cannot decode by type: small numbers in decimal, others (likely addresses) in hex.
std::string genericWord(uint64_t v) {
  const int64_t s = static_cast<int64_t>(v);
  if (s > -1000000 && s < 1000000) return std::to_string(s);
  return hex(v);
}

// The words [a, a+8) of slot sl: part = which word of the slot; fills label, value, pointer flags.
void describeSlotWord(const api::SlotView& sl, const api::FrameView& f, uint64_t a, FrameWord& w) {
  const uint64_t part = a > sl.addr ? (a - sl.addr) / kWord : 0;
  const std::string& t = sl.type;
  std::string name = sl.name + (t.empty() ? "" : " " + t);
  std::string suffix;
  const bool multi = sl.size > static_cast<int32_t>(kWord);
  if (t == "string") suffix = part == 0 ? " (ptr)" : " (len)";
  else if (startsWith(t, "[]")) suffix = part == 0 ? " (ptr)" : part == 1 ? " (len)" : " (cap)";
  else if (isIfaceType(t)) suffix = part == 0 ? " (type)" : " (data)";
  else if (multi) suffix = part == 0 ? "" : " +" + std::to_string(part * kWord);
  w.label = part == 0 ? name + suffix : sl.name + suffix;
  w.slotAddr = sl.addr;
  w.part = static_cast<uint32_t>(part);
  if (!w.known) return;
  const uint64_t from = std::max(a, sl.addr);
  const size_t n = static_cast<size_t>(std::min<uint64_t>(a + kWord, sl.addr + static_cast<uint64_t>(sl.size)) - from);
  uint64_t v = 0;
  if (!readFrame(f, from, n, v)) return;
  if (t == "string" || startsWith(t, "[]")) {
    w.pointer = part == 0;
    w.value = part == 0 ? hex(v) : std::to_string(static_cast<int64_t>(v));
  } else if (isIfaceType(t) || isPointerType(t)) {
    w.pointer = true;
    w.value = v == 0 ? "nil" : hex(v);
  } else if (!multi) {
    w.value = decodeScalar(t, v, sl.size);
    if (w.value.empty()) {
      w.value = genericWord(v);
      w.maybePointer = n == kWord;
    }
  } else {
    w.value = genericWord(v);
    w.maybePointer = n == kWord;
  }
}

}  // namespace

std::vector<FrameWord> labelFrameWords(const api::GoroutineView& g, size_t frame) {
  std::vector<FrameWord> out;
  if (frame >= g.frames.size()) return out;
  const api::FrameView& f = g.frames[frame];
  const api::FrameView* inner = frame > 0 ? &g.frames[frame - 1] : nullptr;
  const api::FrameView* caller = frame + 1 < g.frames.size() ? &g.frames[frame + 1] : nullptr;
  const uint64_t top = (std::max(f.argsHi, f.fp + 2 * kWord) + kWord - 1) / kWord * kWord;
  for (uint64_t a = top; a > f.sp;) {
    a -= kWord;
    FrameWord w;
    w.addr = a;
    w.known = readFrame(f, a, kWord, w.raw);
    if (!w.known) w.value = "?";
    if (a == f.fp) {
      w.role = FrameWord::Role::SavedBP;
      w.label = "saved BP";
      w.pointer = true;
      if (w.known) w.value = hex(w.raw);
    } else if (a == f.fp + kWord) {
      w.role = FrameWord::Role::ReturnAddress;
      w.label = "return address";
      if (w.known) {
        if (caller != nullptr) w.value = "→ " + caller->function + ":" + std::to_string(caller->line);
        else if (g.frames.size() >= kSnapshotMaxFrames) w.value = "→ an older frame";
        else w.value = "→ runtime.goexit";
      }
    } else {
      // The slots of this frame covering the word (several small ones may share it).
      std::vector<const api::SlotView*> own;
      for (const api::SlotView& sl : f.slots)
        if (sl.size > 0 && sl.addr < a + kWord && sl.addr + static_cast<uint64_t>(sl.size) > a) own.push_back(&sl);
      const api::FrameView* src = &f;  // the bytes are this frame's, outgoing words included
      bool outgoing = false;
      if (own.empty() && inner != nullptr && a < f.fp) {
        for (const api::SlotView& sl : inner->slots)
          if ((sl.kind == "param" || sl.kind == "result") && sl.size > 0 && sl.addr < a + kWord &&
              sl.addr + static_cast<uint64_t>(sl.size) > a)
            own.push_back(&sl);
        outgoing = !own.empty();
      }
      if (own.empty()) {
        w.role = FrameWord::Role::Unused;
        w.label = a < f.fp ? "(not in use)" : "(padding)";
        if (w.known) w.value = genericWord(w.raw);
      } else {
        const api::SlotView& s0 = *own.front();
        if (outgoing) w.role = s0.kind == "result" ? FrameWord::Role::OutgoingResult : FrameWord::Role::OutgoingArg;
        else if (s0.kind == "param") w.role = FrameWord::Role::Arg;
        else if (s0.kind == "result") w.role = FrameWord::Role::Result;
        else if (s0.kind == "temp") w.role = FrameWord::Role::Temp;
        else w.role = FrameWord::Role::Local;
        if (own.size() == 1) {
          describeSlotWord(s0, *src, a, w);
        } else {
          // Small slots sharing a word: "a bool · b bool", "true · false" (lowest address first).
          std::string label, value;
          for (const api::SlotView* sl : own) {
            FrameWord part;
            part.known = w.known;
            describeSlotWord(*sl, *src, a, part);
            label += (label.empty() ? "" : " · ") + part.label;
            value += (value.empty() ? "" : " · ") + (part.value.empty() ? "?" : part.value);
          }
          w.label = label;
          w.slotAddr = 0;
          w.part = 0;
          if (w.known) w.value = value;
        }
        if (outgoing) w.label += (s0.kind == "result" ? " ← result of " : " → arg of ") + shortFunc(inner->function);
      }
    }
    out.push_back(std::move(w));
  }
  return out;
}

PointerTarget describePointer(const api::Snapshot& s, uint64_t v) {
  PointerTarget t;
  if (v == 0) return t;
  // Goroutine stacks: arenaStacks is in address order (10,000 goroutines make a linear scan slow).
  const auto& st = s.arenaStacks;
  auto si = std::upper_bound(st.begin(), st.end(), v, [](uint64_t x, const api::ArenaStackView& a) { return x < a.lo; });
  if (si != st.begin() && v < std::prev(si)->hi && std::prev(si)->goid != 0 && !std::prev(si)->dead) {
    t.kind = PointerTarget::Kind::Stack;
    t.goid = std::prev(si)->goid;
    t.text = "G" + std::to_string(t.goid) + "'s stack " + hex(v);
    return t;
  }
  if (st.empty())
    for (const api::GoroutineView& g : s.goroutines)
      if (v >= g.stackLo && v < g.stackHi) {
        t.kind = PointerTarget::Kind::Stack;
        t.goid = g.goid;
        t.text = "G" + std::to_string(g.goid) + "'s stack " + hex(v);
        return t;
      }
  const auto& spans = s.heap.spans;
  auto it = std::upper_bound(spans.begin(), spans.end(), v, [](uint64_t x, const api::SpanView& sp) { return x < sp.start; });
  if (it != spans.begin()) {
    const api::SpanView& sp = *std::prev(it);
    if (!sp.manual && v < sp.start + sp.npages * kPageBytes && sp.elemsize > 0) {
      const uint64_t idx = (v - sp.start) / sp.elemsize;
      t.kind = PointerTarget::Kind::Heap;
      t.base = sp.start + idx * sp.elemsize;
      t.elemsize = sp.elemsize;
      t.sizeclass = sp.sizeclass;
      t.text = "heap object " + hex(t.base) + (v != t.base ? "+" + std::to_string(v - t.base) : "") +
               (sp.sizeclass != 0 ? " (size class " + std::to_string(sp.sizeclass) + ", " + std::to_string(sp.elemsize) + " B)"
                                  : " (large, " + humanBytes(static_cast<int64_t>(sp.elemsize)) + ")");
      return t;
    }
  }
  for (const api::MappingView& m : s.mappings)
    if (v >= m.lo && v < m.hi) {
      if (m.kind == "text") t.kind = PointerTarget::Kind::Text, t.text = "code (text) " + hex(v);
      else if (m.kind == "rodata") t.kind = PointerTarget::Kind::ReadOnly, t.text = "read-only data " + hex(v);
      else if (m.kind == "data" || m.kind == "bss") t.kind = PointerTarget::Kind::Global, t.text = "global (" + m.kind + ") " + hex(v);
      else if (m.kind == "heap arena") t.kind = PointerTarget::Kind::Other, t.text = "heap arena " + hex(v);
      else t.kind = PointerTarget::Kind::Other, t.text = m.name + " " + hex(v);
      return t;
    }
  return t;
}

// ---- drawing -------------------------------------------------------------------------------------------

namespace {

struct Palette {
  ImU32 args, locals, temps, link, unused, frameA, frameB, current, guard, sp, bar, arrow, bpArrow, text, dim, headerBg;
};

Palette palette(bool dark) {
  if (dark)
    return {IM_COL32(80, 180, 200, 255),  IM_COL32(235, 165, 80, 255),  IM_COL32(180, 140, 90, 255),
            IM_COL32(160, 140, 230, 255), IM_COL32(90, 92, 100, 255),   IM_COL32(70, 110, 150, 255),
            IM_COL32(90, 135, 175, 255),  IM_COL32(120, 210, 130, 255), IM_COL32(230, 90, 90, 255),
            IM_COL32(250, 220, 90, 255),  IM_COL32(48, 50, 56, 255),    IM_COL32(250, 200, 90, 230),
            IM_COL32(160, 140, 230, 200), IM_COL32(235, 235, 240, 255), IM_COL32(140, 142, 150, 255),
            IM_COL32(50, 54, 64, 255)};
  return {IM_COL32(20, 130, 150, 255),  IM_COL32(205, 120, 20, 255),  IM_COL32(160, 115, 60, 255),
          IM_COL32(110, 80, 200, 255),  IM_COL32(170, 172, 180, 255), IM_COL32(150, 185, 220, 255),
          IM_COL32(120, 160, 205, 255), IM_COL32(30, 150, 60, 255),   IM_COL32(200, 40, 40, 255),
          IM_COL32(190, 140, 0, 255),   IM_COL32(228, 230, 234, 255), IM_COL32(200, 120, 0, 230),
          IM_COL32(110, 80, 200, 200),  IM_COL32(20, 20, 25, 255),    IM_COL32(110, 112, 120, 255),
          IM_COL32(222, 228, 238, 255)};
}

ImU32 roleColor(FrameWord::Role r, const Palette& p) {
  switch (r) {
    case FrameWord::Role::Arg: case FrameWord::Role::Result:
    case FrameWord::Role::OutgoingArg: case FrameWord::Role::OutgoingResult: return p.args;
    case FrameWord::Role::Local: return p.locals;
    case FrameWord::Role::Temp: return p.temps;
    case FrameWord::Role::SavedBP: case FrameWord::Role::ReturnAddress: return p.link;
    case FrameWord::Role::Unused: return p.unused;
  }
  return p.unused;
}

std::string roleHelp(const FrameWord& w, const api::GoroutineView& g, size_t k) {
  const api::FrameView& f = g.frames[k];
  const std::string caller = k + 1 < g.frames.size() ? g.frames[k + 1].function : std::string("the runtime");
  switch (w.role) {
    case FrameWord::Role::Arg:
      return "An argument of " + f.function + ". Go's stack calling convention (ABI0) passes arguments in memory:\n"
             "the caller (" + caller + ") wrote it at the bottom of its own frame just before CALL,\n"
             "so it sits above the return address, and " + f.function + " reads it at SP+" +
             std::to_string(w.addr - f.sp) + ".";
    case FrameWord::Role::Result:
      return "A result of " + f.function + ": the caller (" + caller + ") reserved the slot before CALL;\n" +
             f.function + " writes it before RET and the caller reads it after.";
    case FrameWord::Role::OutgoingArg:
      return "An argument " + f.function + " wrote for the call it is making now (" + g.frames[k - 1].function + ").\n"
             "This is the outgoing-arguments area at the bottom of " + f.function + "'s frame (SP+" + std::to_string(w.addr - f.sp) +
             "):\nthe callee finds it just above its return address.";
    case FrameWord::Role::OutgoingResult:
      return "A result slot of the call in progress (" + g.frames[k - 1].function + "): reserved here by " + f.function +
             ",\nfilled by the callee before it returns.";
    case FrameWord::Role::Local:
      return "A variable of " + f.function + ", at SP+" + std::to_string(w.addr - f.sp) +
             ". It lives on the stack because escape\nanalysis proved it does not outlive the call: no allocation, no GC work;"
             "\nit disappears when the function returns. Slots holding pointers are zeroed by the prologue.";
    case FrameWord::Role::Temp:
      return "Compiler temporaries (.autotmp_N): intermediate values the compiler gave stack slots.\n"
             "Tick \"temporaries\" above to see them one by one.";
    case FrameWord::Role::SavedBP:
      return "saved BP: the caller's frame pointer, pushed by " + f.function + "'s prologue (PUSHQ BP) and popped\n"
             "before RET. Each saved BP points at the caller's saved BP: a chain through all frames that\n"
             "debuggers and profilers follow (frame pointers are on by default since Go 1.7).";
    case FrameWord::Role::ReturnAddress:
      return "return address " + hex(w.raw) + ": pushed by the CALL instruction in " + caller + ".\n"
             "When " + f.function + " executes RET, the CPU pops it and continues in the caller right after the call." +
             (k + 1 < g.frames.size() ? ""
                                      : "\nThe outermost function returns into runtime.goexit (newproc pushed that address,\n"
                                        "proc.go:4149-4151, gostartcallfn), which ends the goroutine.");
    case FrameWord::Role::Unused:
      return "Part of " + f.function + "'s frame that holds nothing now: the outgoing-arguments area when no call is\n"
             "in progress, or padding. Its bytes are whatever was written last.";
  }
  return "";
}

}  // namespace


void FramesPanel::drawContent(const PanelFrame& frame) {
  shown_ = 0;
  if (snap_ == nullptr || snap_->goroutines.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Run the program: this panel shows a goroutine's stack, its frames and every word in them.");
    ImGui::PopTextWrapPos();
    return;
  }
  if (snap_->finished) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("The program has finished (exit status %d): its goroutines and their stacks are gone. "
                        "Step back or run it again to see them.", snap_->exitStatus);
    ImGui::PopTextWrapPos();
    return;
  }
  // Which goroutine: the pinned one if it still exists, else the one that ran last, else G1.
  const api::GoroutineView* g = nullptr;
  auto find = [&](int64_t id) -> const api::GoroutineView* {
    for (const api::GoroutineView& v : snap_->goroutines)
      if (v.goid == id) return &v;
    return nullptr;
  };
  if (pinned_ != 0) g = find(pinned_);
  const bool following = g == nullptr;  // nothing pinned, or the pinned goroutine has exited
  if (g == nullptr && snap_->currentGoid != 0) g = find(snap_->currentGoid);
  if (g == nullptr) g = find(1);
  if (g == nullptr) g = &snap_->goroutines.front();
  shown_ = g->goid;

  auto gLabel = [](const api::GoroutineView& v) {
    std::string s = "G" + std::to_string(v.goid) + " " + v.status;
    if (!v.waitReason.empty()) s += " (" + v.waitReason + ")";
    if (!v.function.empty()) s += " in " + v.function + ":" + std::to_string(v.line);
    return s;
  };
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 24));
  const std::string preview = (!following ? std::string() : pinned_ != 0 ? "G" + std::to_string(pinned_) + " exited; following: " : "following: ") + gLabel(*g);
  if (ImGui::BeginCombo("##goroutine", preview.c_str())) {
    if (ImGui::Selectable("follow the goroutine that runs", pinned_ == 0)) pinned_ = 0;
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(snap_->goroutines.size()));
    while (clip.Step())
      for (int i = clip.DisplayStart; i < clip.DisplayEnd; i++) {
        const api::GoroutineView& v = snap_->goroutines[static_cast<size_t>(i)];
        ImGui::PushID(i);
        if (ImGui::Selectable(gLabel(v).c_str(), pinned_ == v.goid)) pinned_ = v.goid;
        ImGui::PopID();
      }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Every goroutine has a stack of its own. Pick one, or follow the one that ran last.");

  const Palette pal = palette(frame.dark);
  const uint64_t size = g->stackHi - g->stackLo;
  const uint64_t sp = !g->frames.empty() ? g->frames.front().sp : g->sp;
  const uint64_t used = sp > g->stackLo && sp <= g->stackHi ? g->stackHi - sp : 0;
  ImGui::Text("stack %s, %s in use by %zu frame%s", humanBytes(static_cast<int64_t>(size)).c_str(),
              humanBytes(static_cast<int64_t>(used)).c_str(), g->frames.size(), g->frames.size() == 1 ? "" : "s");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("A goroutine starts with a 2 KiB stack (_StackMin, stack.go:75) and the runtime doubles it\n"
                      "by copying when a call would not fit (newstack, stack.go:962): stacks stay small.");
  // Legend.
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float s = ImGui::GetTextLineHeight() * 0.6f;
    auto key = [&](ImU32 c, const char* label) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float y = p.y + (ImGui::GetTextLineHeight() - s) * 0.5f;
      dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), c, 1.0f);
      ImGui::Dummy(ImVec2(s, s));
      ImGui::SameLine(0, 3);
      ImGui::TextUnformatted(label);
      ImGui::SameLine(0, 10);
    };
    key(pal.args, "args/results");
    key(pal.locals, "locals");
    key(pal.link, "saved BP, return address");
    if (ImGui::GetContentRegionAvail().x > ImGui::CalcTextSize("hover a row: what it is").x) ImGui::TextDisabled("hover a row: what it is");
    else ImGui::NewLine();
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // The bar and its labels ("stackguard0" must fit), at most a quarter of the panel.
  const float barW = std::min(avail.x * 0.25f, 24.0f + ImGui::CalcTextSize("stackguard0").x + 14.0f);
  drawStackBar(frame, *g, barW, avail.y);
  ImGui::SameLine(0, 6);
  drawDump(frame, *g);
}

void FramesPanel::drawTitleExtras(const PanelFrame&) {
  ImGui::SameLine();
  ImGui::Checkbox("temporaries", &showTemps_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the compiler's temporaries word by word (off: one row per run of them).");
}

void FramesPanel::drawStackBar(const PanelFrame& frame, const api::GoroutineView& g, float width, float height) {
  const Palette pal = palette(frame.dark);
  ImGui::BeginChild("bar", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float lh = ImGui::GetTextLineHeight();
  const float barW = std::min(24.0f, width * 0.3f);
  const float top = o.y + lh * 0.5f, bottom = o.y + height - lh * 0.5f - 2;
  const uint64_t lo = g.stackLo, hi = g.stackHi;
  if (hi <= lo || bottom <= top) {
    ImGui::EndChild();
    return;
  }
  auto yOf = [&](uint64_t a) {
    const double f = static_cast<double>(hi - std::clamp(a, lo, hi)) / static_cast<double>(hi - lo);
    return top + static_cast<float>(f) * (bottom - top);
  };
  const float x0 = o.x, x1 = o.x + barW;
  dl->AddRectFilled(ImVec2(x0, top), ImVec2(x1, bottom), pal.bar);
  // The guard zone below stackguard0 (hatched).
  const bool preempt = g.stackguard0 == kStackPreempt;
  const uint64_t guard = preempt ? lo + kStackGuard : g.stackguard0;
  const float gy = yOf(guard);
  for (float y = gy; y < bottom; y += 5) dl->AddLine(ImVec2(x0, y), ImVec2(x1, std::min(bottom, y + barW * 0.4f)), (pal.guard & 0x00ffffff) | 0x70000000);
  // The used part [sp, hi), then the frames in it (alternating shades; the running frame highlighted).
  {
    const uint64_t usedSp = !g.frames.empty() ? g.frames.front().sp : g.sp;
    if (usedSp > lo && usedSp < hi) dl->AddRectFilled(ImVec2(x0, yOf(hi)), ImVec2(x1, yOf(usedSp)), pal.frameA);
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hoverWin = ImGui::IsWindowHovered();
  for (size_t k = 0; k < g.frames.size(); k++) {
    const api::FrameView& f = g.frames[k];
    const uint64_t fTop = k + 1 < g.frames.size() ? g.frames[k + 1].sp : std::max(f.argsHi, f.fp + 16);
    float ya = yOf(fTop), yb = yOf(f.sp);
    if (yb - ya < 1.0f) yb = ya + 1.0f;
    const bool current = k == 0 && g.goid == snap_->currentGoid;
    dl->AddRectFilled(ImVec2(x0, ya), ImVec2(x1, yb), current ? pal.current : (k % 2 ? pal.frameA : pal.frameB));
    if (hoverWin && mouse.x >= x0 && mouse.x < x1 && mouse.y >= ya && mouse.y < yb) {
      ImGui::SetTooltip("%s (line %d): [%s, %s), %llu bytes\nclick to show it in the dump", f.function.c_str(), f.line,
                        hex(f.sp).c_str(), hex(fTop).c_str(), static_cast<unsigned long long>(fTop - f.sp));
      if (ImGui::IsMouseClicked(0)) scrollToFrame_ = static_cast<int>(k);
    }
  }
  dl->AddRect(ImVec2(x0, top), ImVec2(x1, bottom), pal.dim);
  // Marks and their labels right of the bar, pushed apart when they would overlap.
  struct Mark {
    float y;
    std::string text;
    ImU32 col;
    std::string help;
  };
  const uint64_t sp = !g.frames.empty() ? g.frames.front().sp : g.sp;
  std::vector<Mark> marks;
  marks.push_back({top, "hi " + hex(hi), pal.dim, "stack.hi = " + hex(hi) + ": the top of the stack. The first frame starts just below it."});
  if (sp > lo && sp <= hi)
    marks.push_back({yOf(sp), "sp", pal.sp,
                     "sp = " + hex(sp) + ": the stack pointer, the lowest byte in use. Each call moves it down by the callee's\n"
                     "frame; each return moves it back up. Everything between sp and hi is the frames."});
  const bool inSyscall = g.status == "syscall";
  marks.push_back({gy, preempt ? "stackPreempt" : "stackguard0", pal.guard,
                   preempt && inSyscall
                       ? "stackguard0 = stackPreempt (0xfffffffffffffade, stack.go:138) while the goroutine is in a\n"
                         "system call: entersyscall (proc.go:3623) sets it so that any stack check during the call\n"
                         "fails on purpose; exitsyscall puts back lo + 928. The line marks where that is."
                   : preempt ? "stackguard0 = stackPreempt (0xfffffffffffffade, stack.go:138): the scheduler asked this goroutine\n"
                             "to yield (it ran 10 ms, or a GC needs it). The value is larger than any SP, so the next\n"
                             "function prologue fails its check, calls morestack, and newstack (stack.go:1021) sees\n"
                             "the request and calls the scheduler instead of growing the stack. The line marks\n"
                             "where it is otherwise, lo + 928."
                           : "stackguard0 = " + hex(g.stackguard0) + " = lo + 928 (_StackGuard, stack.go:101). Every function's prologue compares\n"
                             "SP (minus its frame size) with it: CMPQ SP, 16(R14); JLS morestack (obj6.go:1073).\n"
                             "Below it, morestack allocates a stack twice as big, copies the frames and fixes the\n"
                             "pointers into them (copystack, stack.go:857). The hatched 928 bytes are kept for\n"
                             "runtime functions that must not grow the stack (NOSPLIT)."});
  marks.push_back({bottom, "lo " + hex(lo), pal.dim, "stack.lo = " + hex(lo) + ": the bottom. The stack grows down, towards lo."});
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.y < b.y; });
  // Label positions: centred on their mark, pushed down to not overlap, then up from the bottom edge.
  std::vector<float> ty(marks.size());
  for (size_t i = 0; i < marks.size(); i++) ty[i] = std::max(marks[i].y - lh * 0.5f, i > 0 ? ty[i - 1] + lh : o.y);
  for (size_t i = marks.size(); i-- > 0;) ty[i] = std::min(ty[i], i + 1 < marks.size() ? ty[i + 1] - lh : o.y + height - lh);
  for (size_t i = 0; i < marks.size(); i++) {
    const Mark& m = marks[i];
    const float tyc = ty[i];
    dl->AddLine(ImVec2(x0 - 2, m.y), ImVec2(x1 + 4, m.y), m.col, m.col == pal.dim ? 1.0f : 2.0f);
    if (std::abs(tyc + lh * 0.5f - m.y) > 2) dl->AddLine(ImVec2(x1 + 4, m.y), ImVec2(x1 + 7, tyc + lh * 0.5f), m.col);
    const std::string shortText = startsWith(m.text, "hi ") ? "hi" : startsWith(m.text, "lo ") ? "lo" : m.text;
    const std::string& t = ImGui::CalcTextSize(m.text.c_str()).x < width - barW - 10 ? m.text : shortText;
    dl->AddText(ImVec2(x1 + 8, tyc), m.col == pal.dim ? ImGui::GetColorU32(ImGuiCol_Text) : m.col, t.c_str());
    if (hoverWin && mouse.x >= x1 && mouse.y >= tyc && mouse.y < tyc + lh) ImGui::SetTooltip("%s", m.help.c_str());
  }
  if (hoverWin && mouse.x >= x0 && mouse.x < x1 && mouse.y >= gy && mouse.y < bottom && !ImGui::IsAnyItemHovered())
    ImGui::SetTooltip("The guard zone: the lowest 928 bytes (_StackGuard, stack.go:101). No Go frame may reach into\n"
                      "it: the prologue check moves the goroutine to a bigger stack first.");
  ImGui::EndChild();
}

void FramesPanel::buildRows(const api::GoroutineView& g) {
  // Rows, highest address first: each frame's block is [its sp, the caller's sp); the outermost block
  // also holds its own arguments.
  std::vector<Row>& rows = rows_;
  rows.clear();
  const size_t n = g.frames.size();
  rows.push_back({Row::Kind::Note, -1, {}, "↑ higher addresses, older calls"});
  if (n >= kSnapshotMaxFrames) rows.push_back({Row::Kind::Note, -1, {}, "… older frames not shown (the 256 innermost are)"});
  const bool noBytes = n > 0 && g.frames.front().bytes.empty();
  if (noBytes) rows.push_back({Row::Kind::Note, -1, {}, "memory not copied (only the first 64 goroutines' frames are)"});
  if (n > 0) {
    const api::FrameView& outer = g.frames.back();
    const uint64_t outerTop = std::max(outer.argsHi, outer.fp + 16);
    if (g.stackHi > outerTop)
      rows.push_back({Row::Kind::Note, -1, {},
                      humanBytes(static_cast<int64_t>(g.stackHi - outerTop)) + " up to hi: left free when the goroutine started"});
  }
  for (size_t k = n; k-- > 0;) {
    rows.push_back({Row::Kind::Header, static_cast<int>(k), {}, ""});
    const uint64_t blockTop = k + 1 < n ? g.frames[k + 1].sp : ~uint64_t{0};
    std::vector<FrameWord> ws = labelFrameWords(g, k);
    for (size_t i = 0; i < ws.size(); i++) {
      FrameWord& w = ws[i];
      if (w.addr >= blockTop) continue;
      // Later words of one slot holding the same value (a zeroed array) collapse into one row:
      // "pad +8 … +120" = 0 (×15).
      size_t j = i;
      if (w.part > 0)
        while (j + 1 < ws.size() && ws[j + 1].slotAddr == w.slotAddr && ws[j + 1].part > 0 && ws[j + 1].value == w.value &&
               !ws[j + 1].pointer)
          j++;
      if (j - i >= 2) {
        FrameWord c = ws[j];
        const std::string hiLabel = w.label, loLabel = ws[j].label;
        c.label = loLabel + " … " + (hiLabel.find(" +") != std::string::npos ? hiLabel.substr(hiLabel.find(" +") + 1) : hiLabel);
        c.value = w.value + "  (×" + std::to_string(j - i + 1) + ")";
        Row r{Row::Kind::Word, static_cast<int>(k), std::move(c), ""};
        r.bytes = (j - i + 1) * kWord;
        rows.push_back(std::move(r));
        i = j;
        continue;
      }
      rows.push_back({Row::Kind::Word, static_cast<int>(k), std::move(w), ""});
    }
  }
  if (!showTemps_) {
    // Runs of compiler temporaries become one row each (the checkbox on the title row opens them).
    // Temporaries a pointer in this stack points to stay rows of their own (a slice's backing array).
    std::vector<uint64_t> targets;
    for (const Row& r : rows)
      if (r.kind == Row::Kind::Word && r.word.known && (r.word.pointer || r.word.maybePointer) && r.word.raw >= g.stackLo &&
          r.word.raw < g.stackHi && r.word.role != FrameWord::Role::SavedBP)
        targets.push_back(r.word.raw);
    std::sort(targets.begin(), targets.end());
    std::vector<uint64_t> pointedSlots;  // every word of a pointed-to slot stays
    for (const Row& r : rows)
      if (r.kind == Row::Kind::Word && r.word.slotAddr != 0) {
        const auto t = std::lower_bound(targets.begin(), targets.end(), r.word.addr);
        if (t != targets.end() && *t < r.word.addr + r.bytes) pointedSlots.push_back(r.word.slotAddr);
      }
    std::sort(pointedSlots.begin(), pointedSlots.end());
    auto pointedTo = [&](const Row& r) {
      const auto t = std::lower_bound(targets.begin(), targets.end(), r.word.addr);
      if (t != targets.end() && *t < r.word.addr + r.bytes) return true;
      return r.word.slotAddr != 0 && std::binary_search(pointedSlots.begin(), pointedSlots.end(), r.word.slotAddr);
    };
    std::vector<Row> merged;
    for (Row& r : rows) {
      const bool temp = r.kind == Row::Kind::Word && r.word.role == FrameWord::Role::Temp && !pointedTo(r);
      if (temp && !merged.empty() && merged.back().kind == Row::Kind::Word && merged.back().word.role == FrameWord::Role::Temp &&
          merged.back().frame == r.frame && !pointedTo(merged.back())) {
        Row& m = merged.back();
        m.bytes += r.bytes;
        m.word.addr = r.word.addr;
        m.word.label = "compiler temporaries";
        m.word.value = std::to_string(m.bytes / kWord) + " words";
        m.word.pointer = m.word.maybePointer = false;
        continue;
      }
      merged.push_back(std::move(r));
    }
    rows = std::move(merged);
  }
  if (n > 0) {
    const uint64_t sp = g.frames.front().sp;
    if (sp > g.stackLo)
      rows.push_back({Row::Kind::Note, -1, {},
                      "↓ sp. Below: " + humanBytes(static_cast<int64_t>(sp - g.stackLo)) + " free for the next calls"});
  }

}

void FramesPanel::drawDump(const PanelFrame& frame, const api::GoroutineView& g) {
  const Palette pal = palette(frame.dark);
  // Rebuilt only when the snapshot, the goroutine or the option change (a deep stack is thousands of
  // words; labelling them every frame would cost milliseconds).
  // The key hashes the frames' bytes too: an edited program can reach the same position with other values.
  uint64_t fh = 1469598103934665603ull;  // FNV-1a
  auto mix = [&fh](uint64_t v) {
    fh ^= v;
    fh *= 1099511628211ull;
  };
  for (const api::FrameView& f : g.frames) {
    mix(f.sp);
    mix(static_cast<uint64_t>(f.line));
    mix(f.function.size());
    for (size_t i = 0; i + 8 <= f.bytes.size(); i += 8) {
      uint64_t w = 0;
      std::memcpy(&w, f.bytes.data() + i, 8);
      mix(w);
    }
  }
  const RowsKey rk{snap_, snap_->position, snap_->steps, fh, g.goid, g.frames.size(),
                    g.frames.empty() ? 0 : g.frames.front().sp, showTemps_, ImGui::GetFontSize()};
  if (!(rk == rowsKey_)) {
    buildRows(g);
    rowsKey_ = rk;
    widestLabel_ = 0;
    for (const Row& r : rows_)
      if (r.kind == Row::Kind::Word) widestLabel_ = std::max(widestLabel_, ImGui::CalcTextSize(r.word.label.c_str()).x);
  }
  const std::vector<Row>& rows = rows_;
  const size_t n = g.frames.size();
  ImGui::BeginChild("dump", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float rowH = ImGui::GetTextLineHeight() + 3;
  const float W = std::max(ImGui::GetContentRegionAvail().x, 300.0f);
  ImFont* mono = frame.fonts != nullptr && frame.fonts->mono != nullptr ? frame.fonts->mono : ImGui::GetFont();
  ImGui::PushFont(mono);
  const float addrW = ImGui::CalcTextSize("…0000").x + 10;
  ImGui::PopFont();
  const float bpGutter = 14;  // saved-BP arrows between the address and the label
  const float arrowGutter = 22;
  const float labelX = addrW + bpGutter;
  // Labels as wide as the widest one, leaving the values at least 14 characters.
  const float widest = widestLabel_;
  ImGui::PushFont(mono);
  const float minValueW = ImGui::CalcTextSize("0xc000012345 ").x;
  ImGui::PopFont();
  const float labelW = std::clamp(widest + 12, 100.0f, std::max(100.0f, W - labelX - arrowGutter - minValueW));
  const float valueX = labelX + labelW;
  const float valueRight = W - arrowGutter;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float winH = ImGui::GetWindowHeight();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hoverWin = ImGui::IsWindowHovered();
  const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text), dimCol = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  auto rowY = [&](size_t i) { return origin.y + static_cast<float>(i) * rowH; };
  // Word address -> row, for arrows (rows are in descending address order).
  std::vector<size_t> wordRows;  // indices of word rows, addresses descending
  for (size_t i = 0; i < rows.size(); i++)
    if (rows[i].kind == Row::Kind::Word) wordRows.push_back(i);
  auto rowOf = [&](uint64_t a) -> int {
    // The first word row (in descending order) starting at or below a.
    auto it = std::lower_bound(wordRows.begin(), wordRows.end(), a, [&](size_t i, uint64_t v) { return rows[i].word.addr > v; });
    if (it == wordRows.end()) return -1;
    const Row& r = rows[*it];
    return a < r.word.addr + r.bytes ? static_cast<int>(*it) : -1;
  };
  const float clipTop = ImGui::GetWindowPos().y, clipBottom = clipTop + winH;
  int currentHeader = -1;
  for (size_t i = 0; i < rows.size(); i++) {
    const Row& r = rows[i];
    const float y = rowY(i);
    if (r.kind == Row::Kind::Header && (scrollToFrame_ == r.frame)) currentHeader = static_cast<int>(i);
    if (y + rowH < clipTop || y > clipBottom) continue;
    if (r.kind == Row::Kind::Note) {
      dl->AddText(ImVec2(origin.x + 4, y + 1), dimCol, r.note.c_str());
      continue;
    }
    if (r.frame < 0 || static_cast<size_t>(r.frame) >= g.frames.size()) continue;
    const api::FrameView& f = g.frames[static_cast<size_t>(r.frame)];
    const bool current = r.frame == 0 && g.goid == snap_->currentGoid;
    if (r.kind == Row::Kind::Header) {
      const uint64_t fTop = static_cast<size_t>(r.frame) + 1 < g.frames.size() ? g.frames[static_cast<size_t>(r.frame) + 1].sp
                                                                                 : std::max(f.argsHi, f.fp + 16);
      dl->AddRectFilled(ImVec2(origin.x, y + 1), ImVec2(origin.x + W, y + rowH - 1), pal.headerBg, 3.0f);
      if (current) dl->AddRect(ImVec2(origin.x, y + 1), ImVec2(origin.x + W, y + rowH - 1), pal.current, 3.0f, 0, 2.0f);
      // The innermost frame says what the goroutine is doing: "◀ running", "◀ waiting: chan receive".
      std::string state;
      if (r.frame == 0)
        state = current ? "  ◀ running" : "  ◀ " + g.status + (g.waitReason.empty() ? "" : ": " + g.waitReason);
      const std::string h = f.function + " · line " + std::to_string(f.line) + " · " + std::to_string(fTop - f.sp) + " B" + state;
      dl->AddText(ImVec2(origin.x + 6, y + 1), current ? pal.current : textCol, h.c_str());
      if (hoverWin && mouse.y >= y && mouse.y < y + rowH && mouse.x >= origin.x && mouse.x < origin.x + W)
        ImGui::SetTooltip("The frame of %s, from sp %s (bottom) to %s.\n%s", f.function.c_str(), hex(f.sp).c_str(), hex(fTop).c_str(),
                          r.frame == 0 ? "It is the innermost frame: the function running now (or where this goroutine stopped)."
                                       : "It is waiting for the call below it to return.");
      continue;
    }
    const FrameWord& w = r.word;
    const ImU32 rc = roleColor(w.role, pal);
    // Address (low digits; the full one in the tooltip), role tag, label, value.
    char ab[24];
    std::snprintf(ab, sizeof ab, "…%04llx", static_cast<unsigned long long>(w.addr & 0xffff));
    ImGui::PushFont(mono);
    dl->AddText(ImVec2(origin.x + 2, y + 1), dimCol, ab);
    ImGui::PopFont();
    dl->AddRectFilled(ImVec2(origin.x + labelX - 6, y + 2), ImVec2(origin.x + labelX - 2, y + rowH - 2), rc);
    if (i + 1 < rows.size() && rows[i + 1].kind == Row::Kind::Word)
      dl->AddLine(ImVec2(origin.x + labelX - 6, y + rowH), ImVec2(origin.x + W - arrowGutter, y + rowH), (pal.unused & 0x00ffffff) | 0x40000000);
    dl->PushClipRect(ImVec2(origin.x + labelX, y), ImVec2(origin.x + valueX - 4, y + rowH), true);
    dl->AddText(ImVec2(origin.x + labelX + 2, y + 1), w.role == FrameWord::Role::Unused ? dimCol : textCol, w.label.c_str());
    dl->PopClipRect();
    // The value: the longest wording that fits (the full one is in the tooltip). A value may use the
    // arrow gutter when its row has no arrow.
    const bool hasArrow = (w.pointer || w.maybePointer) && w.known && w.raw >= g.stackLo && w.raw < g.stackHi && rowOf(w.raw) >= 0;
    const float valueW = (hasArrow ? valueRight : W) - valueX - 2;
    std::vector<std::string> options{w.value};
    bool prose = w.role == FrameWord::Role::ReturnAddress;
    if (w.known && (w.pointer || w.maybePointer) && w.role != FrameWord::Role::SavedBP && w.raw != 0) {
      const PointerTarget t = describePointer(*snap_, w.raw);
      if (t.kind == PointerTarget::Kind::Heap) {
        const std::string cls = t.sizeclass != 0 ? "size class " + std::to_string(t.sizeclass) : "large";
        options = {"→ " + t.text, "→ heap object (" + cls + ")", "→ heap, " + (t.sizeclass != 0 ? "class " + std::to_string(t.sizeclass) : cls),
                   "→ heap"};
        prose = true;
      } else if (t.kind == PointerTarget::Kind::Stack && t.goid != g.goid) {
        options = {"→ G" + std::to_string(t.goid) + "'s stack " + hex(w.raw), "→ G" + std::to_string(t.goid) + "'s stack"};
        prose = true;
      } else if (t.kind == PointerTarget::Kind::Stack && rowOf(w.raw) < 0) {
        options = {hex(w.raw) + " ↑ an older frame", hex(w.raw) + " ↑"};
      } else if (w.pointer && t.kind == PointerTarget::Kind::ReadOnly) {
        options = {w.value + " (read-only data)", w.value + " (rodata)", w.value};
      }
    }
    ImGui::PushFont(prose ? ImGui::GetIO().FontDefault : mono);
    std::string value = options.back();
    for (const std::string& opt : options)
      if (ImGui::CalcTextSize(opt.c_str()).x <= valueW) {
        value = opt;
        break;
      }
    dl->PushClipRect(ImVec2(origin.x + valueX, y), ImVec2(origin.x + valueX + valueW, y + rowH), true);
    dl->AddText(ImVec2(origin.x + valueX, y + 1), w.role == FrameWord::Role::Unused ? dimCol : rc, value.c_str());
    dl->PopClipRect();
    ImGui::PopFont();
    if (hoverWin && mouse.y >= y && mouse.y < y + rowH && mouse.x >= origin.x && mouse.x < origin.x + W) {
      dl->AddRect(ImVec2(origin.x, y), ImVec2(origin.x + W, y + rowH), rc);
      std::string tip = hex(w.addr) + ": " + w.label + " = " + value + "\n\n" + roleHelp(w, g, static_cast<size_t>(r.frame));
      if (w.known && (w.pointer || w.maybePointer) && w.raw != 0) {
        const PointerTarget t = describePointer(*snap_, w.raw);
        if (t.kind != PointerTarget::Kind::None) tip += "\n\nIt points to " + t.text + ".";
        if (t.kind == PointerTarget::Kind::Heap)
          tip += "\nThe heap object was allocated by mallocgc: the value escaped (go build -gcflags=-m says why).";
      }
      ImGui::SetTooltip("%s", tip.c_str());
    }
  }
  // Arrows: saved BPs on the left (the frame-pointer chain), data pointers into this stack on the right.
  for (size_t i = 0; i < rows.size(); i++) {
    const Row& r = rows[i];
    if (r.kind != Row::Kind::Word || !r.word.known || r.word.raw == 0) continue;
    const FrameWord& w = r.word;
    if (!w.pointer && !w.maybePointer) continue;
    if (w.raw < g.stackLo || w.raw >= g.stackHi) continue;
    const int t = rowOf(w.raw);
    if (t < 0 || t == static_cast<int>(i)) continue;
    const float ya = rowY(i) + rowH * 0.5f, yb = rowY(static_cast<size_t>(t)) + rowH * 0.5f;
    if (std::max(ya, yb) < clipTop || std::min(ya, yb) > clipBottom) continue;
    if (w.role == FrameWord::Role::SavedBP) {
      const float x = origin.x + addrW + 2;
      const float dx = std::min(bpGutter - 4, 4 + std::abs(yb - ya) * 0.05f);
      dl->AddBezierCubic(ImVec2(x + bpGutter - 4, ya), ImVec2(x + bpGutter - 4 - dx * 2, ya), ImVec2(x + bpGutter - 4 - dx * 2, yb),
                         ImVec2(x + bpGutter - 6, yb), pal.bpArrow, 1.5f);
      dl->AddTriangleFilled(ImVec2(x + bpGutter - 3, yb), ImVec2(x + bpGutter - 8, yb - 3), ImVec2(x + bpGutter - 8, yb + 3), pal.bpArrow);
    } else {
      const float x = origin.x + valueRight + 2;
      const float dx = std::min(arrowGutter - 4, 6 + std::abs(yb - ya) * 0.08f);
      dl->AddBezierCubic(ImVec2(x, ya), ImVec2(x + dx, ya), ImVec2(x + dx, yb), ImVec2(x + 2, yb), pal.arrow, 1.8f);
      dl->AddTriangleFilled(ImVec2(x - 1, yb), ImVec2(x + 5, yb - 3.5f), ImVec2(x + 5, yb + 3.5f), pal.arrow);
      dl->AddCircleFilled(ImVec2(x, ya), 2.5f, pal.arrow);
    }
  }
  ImGui::Dummy(ImVec2(W, static_cast<float>(rows.size()) * rowH));
  // Follow the innermost frame (the bottom) when the goroutine, its depth or its sp change.
  const uint64_t key = (static_cast<uint64_t>(g.goid) * 1000003u) ^ (static_cast<uint64_t>(n) << 40) ^ (n > 0 ? g.frames.front().sp : 0);
  if (scrollToFrame_ >= 0 && currentHeader >= 0) {
    ImGui::SetScrollY(static_cast<float>(currentHeader) * rowH);
    scrollToFrame_ = -1;
  } else if (key != followKey_) {
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(rows.size()) * rowH - winH + rowH));
    followKey_ = key;
  }
  ImGui::EndChild();
}

}  // namespace gofast::ui
