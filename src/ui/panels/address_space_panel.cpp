#include "ui/panels/address_space_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/panels/scheduler_panel.h"  // goroutineColor
#include "ui/panels/threads_panel.h"    // humanBytes

namespace gofast::ui {

namespace {

using Seg = AddressSpacePanel::Segment;

constexpr uint64_t kPageBytes = 8192;      // Go's page (_PageSize, sizeclasses.go): spans are counted in them
constexpr uint64_t kOsPage = 4096;         // the amd64 page: mappings are counted in them
constexpr float kMaxZoom = 5000.0f;

std::string hex(uint64_t a) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(a));
  return b;
}

float log2f1(uint64_t v) { return std::log2(static_cast<float>(std::max<uint64_t>(v, 1))); }

// Width of a mapping on the axis: grows with the logarithm of its size, so every mapping is visible.
float mappingWeight(uint64_t bytes) { return 1.0f + 0.35f * log2f1(bytes / kOsPage); }
constexpr float kGapWeight = 1.2f;
constexpr float kArenaFactor = 3.0f;  // the arena is the interesting part: three times a mapping's width

ImU32 kindColor(const Seg& s, bool dark) {
  auto c = [dark](int r, int g, int b, int r2, int g2, int b2) { return dark ? IM_COL32(r, g, b, 255) : IM_COL32(r2, g2, b2, 255); };
  switch (s.kind) {
    case Seg::Kind::Gap: return c(38, 39, 44, 236, 236, 240);
    case Seg::Kind::HeapSpan: return c(235, 165, 80, 205, 120, 20);  // the Heap panel's "allocated"
    case Seg::Kind::StackSpan: return c(50, 52, 58, 225, 226, 230);
    case Seg::Kind::ArenaFree: return c(52, 62, 78, 205, 214, 228);
    case Seg::Kind::Mapping: break;
  }
  const std::string& k = s.mapKind;
  if (k == "text") return c(170, 130, 230, 140, 90, 200);
  if (k == "rodata") return c(220, 140, 190, 195, 95, 150);
  if (k == "data") return c(80, 190, 170, 30, 150, 130);
  if (k == "bss") return c(120, 200, 150, 70, 165, 110);
  if (k == "heap arena") return c(60, 100, 150, 150, 180, 220);
  if (k == "main stack" || k == "thread stack") return c(120, 190, 90, 80, 150, 50);
  if (k == "guard") return c(210, 80, 80, 200, 60, 60);
  return c(140, 140, 150, 150, 150, 160);
}

const char* explain(const Seg& s) {
  switch (s.kind) {
    case Seg::Kind::Gap: return "Unmapped: nothing lives here and any access faults. A nil pointer dereference lands in\nthe first gap: page 0 is never mapped.";
    case Seg::Kind::HeapSpan: return "Heap spans: runs of 8 KiB pages, each holding objects of one size class (mheap.go:377).";
    case Seg::Kind::StackSpan: return "A stack span: goroutine stacks (2 KiB to start, stack.go:75) carved from the heap arena\n(stackalloc, stack.go:344). Coloured stripes are the goroutines' stacks.";
    case Seg::Kind::ArenaFree: return "Free pages of the arena: reserved address space the heap will hand out next.\nNever touched, so they cost no memory.";
    case Seg::Kind::Mapping: break;
  }
  const std::string& k = s.mapKind;
  if (k == "text") return "Machine code of the program and the runtime (read + execute). Go's linker puts it at\n0x400000 on linux/amd64 (cmd/link/internal/amd64/obj.go).";
  if (k == "rodata") return "Read-only data: string literals, type descriptors, tables.";
  if (k == "data") return "Global variables with initial values.";
  if (k == "bss") return "Global variables that start as zero: no bytes in the file, zero pages at run time.";
  if (k == "heap arena") return "Go's heap arena: 64 MiB of address space reserved at 0xc000000000 (malloc.go:460).\nHeap objects AND goroutine stacks live here. Only touched pages cost memory.";
  if (k == "main stack") return "The main thread's stack: 8 MiB reserved (ulimit -s), grown by the kernel on demand.\nGoroutines do not run here (only m0's scheduler code, g0): each has its own small stack in the heap arena.";
  if (k == "thread stack") return "An OS thread's stack from mmap: 8 MiB reserved by glibc for every thread.";
  if (k == "guard") return "A guard page (no access): a stack that overflows into it faults instead of\nsilently overwriting the mapping below. Goroutine stacks need none: the function\nprologue checks the stack bound (stackguard0) before every call.";
  return "An anonymous mapping.";
}

}  // namespace

std::vector<Seg> AddressSpacePanel::layout(const api::Snapshot& s) {
  std::vector<Seg> top;
  std::vector<float> w;
  uint64_t prev = 0;
  int arenaIndex = -1;
  for (const api::MappingView& m : s.mappings) {
    if (m.lo > prev) {
      Seg& g = top.emplace_back();
      g.kind = Seg::Kind::Gap;
      g.label = "unmapped " + humanBytes(static_cast<int64_t>(m.lo - prev));
      g.lo = prev;
      g.hi = m.lo;
      w.push_back(kGapWeight);
    }
    float wt = mappingWeight(m.hi - m.lo);
    if (m.kind == "heap arena" && m.lo == s.heap.arenaLo) {
      wt *= kArenaFactor;
      arenaIndex = static_cast<int>(top.size());
    }
    Seg& seg = top.emplace_back();
    seg.kind = Seg::Kind::Mapping;
    seg.label = m.name;
    seg.mapKind = m.kind;
    seg.lo = m.lo;
    seg.hi = m.hi;
    seg.resident = m.residentBytes;
    seg.prot = m.prot;
    w.push_back(wt);
    prev = m.hi;
  }
  float total = 0;
  for (float x : w) total += x;
  if (total <= 0) return top;
  float x = 0;
  for (size_t i = 0; i < top.size(); i++) {
    top[i].x0 = x / total;
    x += w[i];
    top[i].x1 = (i + 1 == top.size()) ? 1.0f : x / total;
  }
  if (arenaIndex < 0) return top;
  // The arena opened up: its spans and free runs in address order, each by the log of its pages.
  const uint64_t arenaLo = top[static_cast<size_t>(arenaIndex)].lo, arenaHi = top[static_cast<size_t>(arenaIndex)].hi;
  const float arenaX0 = top[static_cast<size_t>(arenaIndex)].x0, arenaX1 = top[static_cast<size_t>(arenaIndex)].x1;
  std::vector<Seg> inner;
  std::vector<float> iw;
  uint64_t at = arenaLo;
  auto addFree = [&](uint64_t lo, uint64_t hi) {
    Seg& f = inner.emplace_back();
    f.kind = Seg::Kind::ArenaFree;
    f.label = "free";
    f.lo = lo;
    f.hi = hi;
    f.depth = 1;
    iw.push_back(1.0f + 0.3f * log2f1((hi - lo) / kPageBytes));
  };
  // Adjacent spans of the same kind are one piece (a heap of 10,000 spans stays readable).
  uint64_t pages = 0;
  int count = 0;
  for (size_t i = 0; i < s.heap.spans.size(); i++) {
    const api::SpanView& sp = s.heap.spans[i];
    const uint64_t hi = sp.start + sp.npages * kPageBytes;
    if (sp.start < at || hi > arenaHi) continue;  // not inside (should not happen)
    if (sp.start > at) addFree(at, sp.start);
    const bool extend = !inner.empty() && inner.back().hi == sp.start &&
                        inner.back().kind == (sp.manual ? Seg::Kind::StackSpan : Seg::Kind::HeapSpan);
    if (!extend) {
      Seg& seg = inner.emplace_back();
      seg.kind = sp.manual ? Seg::Kind::StackSpan : Seg::Kind::HeapSpan;
      seg.lo = sp.start;
      seg.depth = 1;
      iw.push_back(0.0f);
      pages = 0;
      count = 0;
    }
    Seg& seg = inner.back();
    seg.hi = hi;
    pages += sp.npages;
    count++;
    seg.label = sp.manual ? "stacks" : count == 1 ? (sp.sizeclass == 0 ? "large" : std::to_string(sp.elemsize) + " B")
                                                  : std::to_string(count) + " spans";
    iw.back() = 1.0f + 0.5f * log2f1(pages);
    at = hi;
  }
  if (at < arenaHi) addFree(at, arenaHi);
  float it = 0;
  for (float v : iw) it += v;
  float ix = 0;
  const float span = arenaX1 - arenaX0;
  for (size_t i = 0; i < inner.size(); i++) {
    inner[i].x0 = arenaX0 + span * ix / it;
    ix += iw[i];
    inner[i].x1 = (i + 1 == inner.size()) ? arenaX1 : arenaX0 + span * ix / it;
  }
  top.insert(top.begin() + arenaIndex + 1, inner.begin(), inner.end());
  return top;
}

void AddressSpacePanel::zoomBy(float factor, float anchor) {
  const float oldZoom = zoom_;
  zoom_ = std::clamp(zoom_ * factor, 1.0f, kMaxZoom);
  // Keep `anchor` at the same place on the screen.
  const float frac = (anchor - offset_) * oldZoom;  // 0..1 across the view
  offset_ = anchor - frac / zoom_;
  offset_ = std::clamp(offset_, 0.0f, 1.0f - 1.0f / zoom_);
}

void AddressSpacePanel::drawTitleExtras(const PanelFrame&) {
  ImGui::SameLine();
  if (ImGui::SmallButton("-")) zoomBy(1.0f / 1.6f, offset_ + 0.5f / zoom_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom out (or the mouse wheel over the bar)");
  ImGui::SameLine();
  if (ImGui::SmallButton("+")) zoomBy(1.6f, offset_ + 0.5f / zoom_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom in (or the mouse wheel over the bar; drag to pan)");
  ImGui::SameLine();
  if (ImGui::SmallButton("whole")) {
    zoom_ = 1.0f;
    offset_ = 0.0f;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("x%.1f  wheel = zoom, drag = pan, hover = real addresses", static_cast<double>(zoom_));
}

void AddressSpacePanel::drawContent(const PanelFrame& frame) {
  if (snap_ == nullptr || snap_->mappings.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Run the program: this bar then shows every piece of the process's memory, from the code at "
                        "0x400000 to the main stack at the top of the address space.");
    ImGui::PopTextWrapPos();
    return;
  }
  const bool dark = frame.dark;
  const std::vector<Seg> segs = layout(*snap_);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float W = ImGui::GetContentRegionAvail().x;
  const float lineH = ImGui::GetTextLineHeight();
  const float barH = std::clamp(ImGui::GetContentRegionAvail().y - lineH * 3.2f, lineH * 2.6f, lineH * 5.0f);
  const float rowA = std::floor(barH * 0.42f);
  ImGui::InvisibleButton("bar", ImVec2(W, barH));
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  auto toAxis = [&](float sx) { return offset_ + (sx - o.x) / (W * zoom_); };
  auto toScreen = [&](float ax) { return o.x + (ax - offset_) * zoom_ * W; };
  if (hovered && io.MouseWheel != 0.0f) zoomBy(std::pow(1.25f, io.MouseWheel), toAxis(io.MousePos.x));
  if (ImGui::IsItemActive() && io.MouseDelta.x != 0.0f) {
    offset_ = std::clamp(offset_ - io.MouseDelta.x / (W * zoom_), 0.0f, 1.0f - 1.0f / zoom_);
  }
  dl->PushClipRect(o, ImVec2(o.x + W, o.y + barH + lineH * 2.5f), true);
  const ImU32 dark20 = dark ? IM_COL32(20, 20, 25, 255) : IM_COL32(250, 250, 252, 255);
  const ImU32 textOn = dark ? IM_COL32(20, 20, 25, 255) : IM_COL32(255, 255, 255, 255);
  const Seg* hover = nullptr;
  float lastLabelX = -1e9f;
  for (const Seg& s : segs) {
    float x0 = toScreen(s.x0), x1 = toScreen(s.x1);
    if (x1 < o.x || x0 > o.x + W) continue;
    const bool isArena = s.kind == Seg::Kind::Mapping && s.mapKind == "heap arena";
    const float y0 = s.depth == 1 ? o.y + rowA : o.y;
    const float y1 = isArena ? o.y + rowA : o.y + barH;
    const ImU32 col = kindColor(s, dark);
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), col);
    if (s.kind == Seg::Kind::Gap || s.mapKind == "guard") {
      // Hatching: unmapped or no access.
      const ImU32 hc = s.kind == Seg::Kind::Gap ? (dark ? IM_COL32(70, 72, 80, 255) : IM_COL32(200, 200, 208, 255)) : dark20;
      for (float hx = x0 - barH; hx < x1; hx += 7.0f)
        dl->AddLine(ImVec2(std::max(hx, x0), y0 + (std::max(hx, x0) - hx)), ImVec2(std::min(hx + barH, x1), y0 + (std::min(hx + barH, x1) - hx)), hc);
    }
    if (s.kind == Seg::Kind::StackSpan) {
      // Goroutine stacks inside, to scale within the span.
      // arenaStacks is in address order: start at the first stack inside this span (10,000 goroutines
      // make 10,000 stacks; a scan of all of them per span per frame would cost seconds).
      const auto first = std::lower_bound(snap_->arenaStacks.begin(), snap_->arenaStacks.end(), s.lo,
                                          [](const api::ArenaStackView& v, uint64_t lo) { return v.lo < lo; });
      for (auto it = first; it != snap_->arenaStacks.end() && it->hi <= s.hi; ++it) {
        const api::ArenaStackView& st = *it;
        const float a = x0 + (x1 - x0) * static_cast<float>(static_cast<double>(st.lo - s.lo) / static_cast<double>(s.hi - s.lo));
        const float b = x0 + (x1 - x0) * static_cast<float>(static_cast<double>(st.hi - s.lo) / static_cast<double>(s.hi - s.lo));
        if (b < o.x || a > o.x + W) continue;  // outside the view
        ImU32 sc = st.goid != 0 ? goroutineColor(st.goid, dark) : (dark ? IM_COL32(150, 150, 160, 255) : IM_COL32(120, 120, 130, 255));
        if (st.dead) sc = (sc & 0x00ffffff) | 0x60000000;
        dl->AddRectFilled(ImVec2(a + 0.5f, y0 + 2), ImVec2(std::max(a + 1.5f, b - 0.5f), y1 - 2), sc);
        const std::string gl = b - a > 14 ? (st.goid != 0 ? "G" + std::to_string(st.goid) : "g0") : std::string();
        const ImVec2 gs = ImGui::CalcTextSize(gl.c_str());
        if (!gl.empty() && gs.x + 4 < b - a) dl->AddText(ImVec2(a + ((b - a) - gs.x) * 0.5f, (y0 + y1 - gs.y) * 0.5f), IM_COL32(20, 20, 25, 255), gl.c_str());
        if (hovered && io.MousePos.x >= a && io.MousePos.x < b && io.MousePos.y >= y0) {
          if (st.goid != 0)
            ImGui::SetTooltip("G%lld's stack%s\n[%s, %s)  %s\nA goroutine's stack lives in the heap arena; it grows by being copied to a\nstack twice the size (copystack, stack.go:857).",
                              static_cast<long long>(st.goid), st.dead ? " (finished goroutine, kept for reuse)" : "",
                              hex(st.lo).c_str(), hex(st.hi).c_str(), humanBytes(static_cast<int64_t>(st.hi - st.lo)).c_str());
          else
            ImGui::SetTooltip("M%lld's g0 stack: the stack its scheduler code runs on (8 KiB, proc.go:1768)\n[%s, %s)",
                              static_cast<long long>(st.m), hex(st.lo).c_str(), hex(st.hi).c_str());
          hover = &s;  // handled
        }
      }
    }
    dl->AddLine(ImVec2(x0, y0), ImVec2(x0, y1), dark20);
    // A label inside when it fits.
    const ImVec2 ts = ImGui::CalcTextSize(s.label.c_str());
    if (x1 - x0 > ts.x + 6 && s.kind != Seg::Kind::StackSpan) {
      const float cx = std::clamp((std::max(x0, o.x) + std::min(x1, o.x + W)) * 0.5f - ts.x * 0.5f, x0 + 3, x1 - ts.x - 3);
      const float cy = (y0 + y1) * 0.5f - ts.y * 0.5f;
      dl->AddText(ImVec2(cx, cy), s.kind == Seg::Kind::Gap || s.kind == Seg::Kind::ArenaFree ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : textOn,
                  s.label.c_str());
    }
    // The start address under the bar, where there is room.
    if (s.depth == 0 && s.kind == Seg::Kind::Mapping && x0 >= o.x - 1 && x0 > lastLabelX + 4) {
      const std::string a = hex(s.lo);
      const float aw = ImGui::CalcTextSize(a.c_str()).x;
      if (x0 + aw <= o.x + W) {
        dl->AddLine(ImVec2(x0, o.y + barH), ImVec2(x0, o.y + barH + 4), ImGui::GetColorU32(ImGuiCol_TextDisabled));
        dl->AddText(ImVec2(x0 + 2, o.y + barH + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), a.c_str());
        lastLabelX = x0 + aw;
      }
    }
    if (hovered && hover == nullptr && io.MousePos.x >= x0 && io.MousePos.x < x1 && io.MousePos.y >= y0 && io.MousePos.y < y1) hover = &s;
  }
  dl->PopClipRect();
  if (hovered && hover != nullptr && !ImGui::IsItemActive() && hover->kind != Seg::Kind::StackSpan) {
    const Seg& s = *hover;
    ImGui::BeginTooltip();
    ImGui::Text("%s", s.kind == Seg::Kind::Mapping ? s.label.c_str() : s.kind == Seg::Kind::Gap ? "unmapped" : s.kind == Seg::Kind::HeapSpan ? "heap spans" : "free arena pages");
    ImGui::Text("[%s, %s)", hex(s.lo).c_str(), hex(s.hi).c_str());
    ImGui::Text("size %s (%llu bytes)", humanBytes(static_cast<int64_t>(s.hi - s.lo)).c_str(), static_cast<unsigned long long>(s.hi - s.lo));
    if (s.kind == Seg::Kind::Mapping)
      ImGui::Text("resident %s (pages touched so far), protection %s", humanBytes(static_cast<int64_t>(s.resident)).c_str(), s.prot.c_str());
    if (s.kind == Seg::Kind::HeapSpan) ImGui::Text("%s", s.label.c_str());
    ImGui::Separator();
    ImGui::TextUnformatted(explain(s));
    ImGui::EndTooltip();
  }
  ImGui::SetCursorScreenPos(ImVec2(o.x, o.y + barH + lineH + 6));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Widths grow with the logarithm of the size, so a 4 KiB guard page shows next to the 64 MiB heap "
                      "arena. The arena's lower half shows what lives in it: heap spans (orange), stack spans (dark, each "
                      "goroutine's stack in its colour), free pages.");
  ImGui::PopTextWrapPos();
}

}  // namespace gofast::ui
