#include "ui/panels/heap_panel.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/panels/scheduler_panel.h"  // goroutineColor
#include "ui/panels/threads_panel.h"    // humanBytes

namespace gofast::ui {

namespace {

constexpr uint64_t kPageBytes = 8192;  // _PageSize, runtime/sizeclasses.go:88 (pageShift 13)

struct Colors {
  ImU32 free, alloc, marked, stackFree, border;
};

Colors colors(bool dark) {
  if (dark)
    return {IM_COL32(62, 64, 72, 255), IM_COL32(235, 165, 80, 255), IM_COL32(240, 100, 150, 255), IM_COL32(50, 52, 58, 255),
            IM_COL32(110, 110, 120, 255)};
  return {IM_COL32(222, 224, 228, 255), IM_COL32(205, 120, 20, 255), IM_COL32(200, 40, 110, 255), IM_COL32(236, 237, 240, 255),
          IM_COL32(160, 160, 170, 255)};
}

std::string hex(uint64_t a) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(a));
  return b;
}

void legendCell(ImDrawList* dl, ImU32 c, const char* label) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float s = ImGui::GetTextLineHeight() * 0.7f;
  const float y = p.y + (ImGui::GetTextLineHeight() - s) * 0.5f;
  dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + s, y + s), c, 1.0f);
  ImGui::Dummy(ImVec2(s, s));
  ImGui::SameLine(0, 3);
  ImGui::TextUnformatted(label);
  ImGui::SameLine(0, 12);
}

}  // namespace

void HeapPanel::drawGc(const PanelFrame& frame) {
  const api::HeapView& h = snap_->heap;
  const api::GcView& gc = h.gc;
  const bool collecting = gc.phase != "_GCoff" || gc.sweeping;
  ImGui::Text("GC: %s, %llu cycle%s so far, GOGC=%d", collecting ? "collecting" : "not running",
              static_cast<unsigned long long>(gc.cycle), gc.cycle == 1 ? "" : "s", gc.gcPercent);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("gcphase %s (mgc.go:207). gofast's collector stops the world for a whole cycle: it marks\n"
                      "everything reachable from globals and goroutine stacks, then sweeps the rest\n"
                      "(mgcsweep.go:470). Objects never move, so their addresses stay valid.\n"
                      "Last cycle freed %llu objects (%s).",
                      gc.phase.c_str(), static_cast<unsigned long long>(gc.lastFreedObjects),
                      humanBytes(static_cast<int64_t>(gc.lastFreedBytes)).c_str());
  // Live heap against the goal.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float bh = ImGui::GetTextLineHeight() + 4;
  const double goal = static_cast<double>(std::max<uint64_t>(1, gc.heapGoal));
  const float frac = static_cast<float>(std::min(1.0, static_cast<double>(h.heapLive) / goal));
  const Colors c = colors(frame.dark);
  dl->AddRectFilled(o, ImVec2(o.x + w, o.y + bh), c.free, 3.0f);
  dl->AddRectFilled(o, ImVec2(o.x + w * frac, o.y + bh), c.alloc, 3.0f);
  if (gc.heapMarked > 0) {
    const float mx = o.x + w * static_cast<float>(std::min(1.0, static_cast<double>(gc.heapMarked) / goal));
    dl->AddLine(ImVec2(mx, o.y - 1), ImVec2(mx, o.y + bh + 1), c.marked, 2.0f);
  }
  const std::string label = "live " + humanBytes(static_cast<int64_t>(h.heapLive)) + " of goal " +
                            humanBytes(static_cast<int64_t>(gc.heapGoal)) + ": the next GC starts at the goal";
  dl->AddText(ImVec2(o.x + 6, o.y + 2), frame.dark ? IM_COL32(245, 245, 250, 255) : IM_COL32(20, 20, 25, 255), label.c_str());
  ImGui::InvisibleButton("goal", ImVec2(w, bh));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("heap live: bytes in allocated objects now (%s in %llu objects allocated so far).\n"
                      "heap goal: live heap after the last cycle (%s, the orange tick) times 1 + GOGC/100,\n"
                      "at least 4 MiB (heapMinimum, mgcpacer.go:63): the heap may double before Go collects.",
                      humanBytes(static_cast<int64_t>(h.totalAlloc)).c_str(), static_cast<unsigned long long>(h.mallocs),
                      humanBytes(static_cast<int64_t>(gc.heapMarked)).c_str());
}

void HeapPanel::drawContent(const PanelFrame& frame) {
  if (snap_ == nullptr || snap_->heap.arenaHi == 0) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Run the program: this panel shows its heap objects in their spans and the garbage collector.");
    ImGui::PopTextWrapPos();
    return;
  }
  const api::HeapView& h = snap_->heap;
  const bool dark = frame.dark;
  const Colors c = colors(dark);
  drawGc(frame);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  legendCell(dl, c.free, "free slot");
  legendCell(dl, c.alloc, "allocated");
  legendCell(dl, c.marked, "marked (GC)");
  ImGui::NewLine();

  // Group: size class (stack spans last), then address.
  std::vector<const api::SpanView*> spans;
  for (const api::SpanView& s : h.spans) spans.push_back(&s);
  std::stable_sort(spans.begin(), spans.end(), [](const api::SpanView* a, const api::SpanView* b) {
    const int ka = a->manual ? 1000 : a->sizeclass == 0 ? 999 : a->sizeclass;
    const int kb = b->manual ? 1000 : b->sizeclass == 0 ? 999 : b->sizeclass;
    return ka < kb;
  });

  ImGui::BeginChild("spans", ImVec2(0, 0), false);
  const float W = ImGui::GetContentRegionAvail().x;
  const float cell = std::max(5.0f, std::floor(ImGui::GetFontSize() * 0.42f));
  const int perRow = std::max(8, static_cast<int>(W / cell));
  const float clipTop = ImGui::GetWindowPos().y, clipBottom = clipTop + ImGui::GetWindowHeight();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hoverWin = ImGui::IsWindowHovered();
  const ImU32 dimText = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float labelW = ImGui::CalcTextSize("32.0 KiB").x + 10;  // stack spans: their size left of the bar
  int lastKey = -1;
  if (spans.empty()) ImGui::TextDisabled("no spans yet");
  for (size_t i = 0; i < spans.size(); i++) {
    const api::SpanView& s = *spans[i];
    const int key = s.manual ? 1000 : s.sizeclass == 0 ? 999 : s.sizeclass;
    if (key != lastKey) {
      int count = 0;
      for (size_t j = i; j < spans.size() && (spans[j]->manual ? 1000 : spans[j]->sizeclass == 0 ? 999 : spans[j]->sizeclass) == key; j++)
        count++;
      if (s.manual) {
        ImGui::Text("goroutine stacks: %d span%s", count, count == 1 ? "" : "s");
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("Goroutine stacks are carved from the heap arena too (stackalloc, stack.go:344), in spans\n"
                            "the GC does not treat as objects (mSpanManual). Each stripe is one goroutine's stack;\n"
                            "empty room holds free stacks kept for the next goroutine (stackpool).");
      }
      else if (s.sizeclass == 0)
        ImGui::Text("large objects (> 32 KiB, a span each): %d", count);
      else
        ImGui::Text("class %d: %llu-byte objects, %llu per %s span, %d span%s%s", s.sizeclass,
                    static_cast<unsigned long long>(s.elemsize), static_cast<unsigned long long>(s.nelems),
                    humanBytes(static_cast<int64_t>(s.npages * kPageBytes)).c_str(), count, count == 1 ? "" : "s",
                    s.noscan ? " (no pointers)" : "");
      if (ImGui::IsItemHovered() && !s.manual)
        ImGui::SetTooltip("A size class rounds a request up to one of 67 sizes (sizeclasses.go), so a span holds\n"
                          "objects of one size side by side, with no header per object. noscan spans hold\n"
                          "objects without pointers: the GC never looks inside them.");
      lastKey = key;
    }
    const ImVec2 o = ImGui::GetCursorScreenPos();
    if (s.manual) {
      // The stack span drawn to scale, its stacks in their goroutines' colours.
      const float bh = std::max(cell * 2, ImGui::GetTextLineHeight() + 2);
      if (o.y + bh >= clipTop && o.y <= clipBottom) {
        const uint64_t lo = s.start, hi = s.start + s.npages * kPageBytes;
        const float bx = o.x + labelW, bw = W - labelW;
        dl->AddRectFilled(ImVec2(bx, o.y), ImVec2(bx + bw, o.y + bh), c.stackFree);
        auto xOf = [&](uint64_t a) { return bx + bw * static_cast<float>(static_cast<double>(a - lo) / static_cast<double>(hi - lo)); };
        // arenaStacks is in address order: start at the first stack inside this span (10,000 goroutines
        // make 10,000 stacks; a scan per span per frame would cost seconds).
        const auto first = std::lower_bound(snap_->arenaStacks.begin(), snap_->arenaStacks.end(), lo,
                                            [](const api::ArenaStackView& a, uint64_t v) { return a.lo < v; });
        if (first == snap_->arenaStacks.end() || first->lo >= hi)
          dl->AddText(ImVec2(bx + 4, o.y + (bh - ImGui::GetTextLineHeight()) * 0.5f), dimText, "free stacks, kept for the next goroutine");
        for (auto it = first; it != snap_->arenaStacks.end() && it->hi <= hi; ++it) {
          const api::ArenaStackView& st = *it;
          ImU32 col = st.goid != 0 ? goroutineColor(st.goid, dark) : c.border;
          if (st.dead) col = (col & 0x00ffffff) | 0x60000000;
          const float x0 = xOf(st.lo), x1 = xOf(st.hi);
          dl->AddRectFilled(ImVec2(x0 + 0.5f, o.y), ImVec2(std::max(x0 + 1.5f, x1 - 0.5f), o.y + bh), col);
          if (x1 - x0 > 14) {
            std::string t = st.goid != 0 ? "G" + std::to_string(st.goid) : "g0 M" + std::to_string(st.m);
            const std::string tl = t + " " + humanBytes(static_cast<int64_t>(st.hi - st.lo));
            if (ImGui::CalcTextSize(tl.c_str()).x + 4 < x1 - x0) t = tl;
            if (ImGui::CalcTextSize(t.c_str()).x + 4 < x1 - x0)
              dl->AddText(ImVec2(x0 + 3, o.y + (bh - ImGui::GetTextLineHeight()) * 0.5f), IM_COL32(20, 20, 25, 255), t.c_str());
          }
          if (hoverWin && mouse.x >= x0 && mouse.x < x1 && mouse.y >= o.y && mouse.y < o.y + bh) {
            if (st.goid != 0)
              ImGui::SetTooltip("G%lld's stack%s: [%s, %s), %s", static_cast<long long>(st.goid),
                                st.dead ? " (goroutine finished; kept for reuse by gfput)" : "", hex(st.lo).c_str(),
                                hex(st.hi).c_str(), humanBytes(static_cast<int64_t>(st.hi - st.lo)).c_str());
            else
              ImGui::SetTooltip("M%lld's g0 stack (the scheduler's own stack): [%s, %s), %s", static_cast<long long>(st.m),
                                hex(st.lo).c_str(), hex(st.hi).c_str(), humanBytes(static_cast<int64_t>(st.hi - st.lo)).c_str());
          }
        }
        dl->AddRect(ImVec2(bx, o.y), ImVec2(bx + bw, o.y + bh), c.border);
        const std::string sz = humanBytes(static_cast<int64_t>(hi - lo));
        const ImVec2 ts = ImGui::CalcTextSize(sz.c_str());
        dl->AddText(ImVec2(o.x + labelW - ts.x - 6, o.y + (bh - ts.y) * 0.5f), dimText, sz.c_str());
      }
      ImGui::Dummy(ImVec2(W, bh + 2));
      continue;
    }
    if (s.objects.empty() || s.sizeclass == 0) {
      // A large object, or a span whose cells were not copied (a big heap): one bar, filled as far
      // as the span is used.
      const float bh = cell * 2;
      const float used = s.nelems == 0 ? 0.0f : static_cast<float>(s.allocCount) / static_cast<float>(s.nelems);
      dl->AddRectFilled(o, ImVec2(o.x + W, o.y + bh), c.free, 2.0f);
      dl->AddRectFilled(o, ImVec2(o.x + W * used, o.y + bh), c.alloc, 2.0f);
      const std::string t = s.sizeclass == 0 ? humanBytes(static_cast<int64_t>(s.elemsize)) + " object at " + hex(s.start)
                                              : std::to_string(s.allocCount) + " of " + std::to_string(s.nelems) + " allocated";
      dl->AddText(ImVec2(o.x + 4, o.y + (bh - ImGui::GetTextLineHeight()) * 0.5f), dark ? IM_COL32(20, 20, 25, 255) : IM_COL32(250, 250, 250, 255), t.c_str());
      ImGui::Dummy(ImVec2(W, bh + 2));
      continue;
    }
    const int rows = (static_cast<int>(s.nelems) + perRow - 1) / perRow;
    const float h2 = static_cast<float>(rows) * cell;
    if (o.y + h2 >= clipTop && o.y <= clipBottom) {
      for (uint32_t k = 0; k < s.nelems; k++) {
        const float x = o.x + static_cast<float>(k % static_cast<uint32_t>(perRow)) * cell;
        const float y = o.y + static_cast<float>(k / static_cast<uint32_t>(perRow)) * cell;
        const uint8_t b = s.objects[k];
        const ImU32 col = (b & 2) ? c.marked : (b & 1) ? c.alloc : c.free;
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cell - 1, y + cell - 1), col);
        if (hoverWin && mouse.x >= x && mouse.x < x + cell && mouse.y >= y && mouse.y < y + cell)
          ImGui::SetTooltip("object %u of %u at %s, %llu B: %s\nspan [%s, %s), %llu page(s) of 8 KiB, %u allocated", k,
                            s.nelems, hex(s.start + k * s.elemsize).c_str(), static_cast<unsigned long long>(s.elemsize),
                            (b & 2) ? "marked" : (b & 1) ? "allocated" : "free", hex(s.start).c_str(),
                            hex(s.start + s.npages * kPageBytes).c_str(), static_cast<unsigned long long>(s.npages),
                            s.allocCount);
      }
    }
    ImGui::Dummy(ImVec2(W, h2 + 3));
  }
  ImGui::EndChild();
}

}  // namespace gofast::ui
