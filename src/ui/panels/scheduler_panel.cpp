#include "ui/panels/scheduler_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/panels/threads_panel.h"  // humanNs

namespace gofast::ui {

namespace {

constexpr float kPi = 3.14159265f;
constexpr int kRingSlots = 256;  // runtime2.go:631 runq [256]guintptr

std::string gName(int64_t goid) { return goid != 0 ? "G" + std::to_string(goid) : std::string("-"); }

ImU32 faint(bool dark) { return dark ? IM_COL32(70, 72, 80, 255) : IM_COL32(215, 217, 222, 255); }
ImU32 textCol() { return ImGui::GetColorU32(ImGuiCol_Text); }
ImU32 dimCol() { return ImGui::GetColorU32(ImGuiCol_TextDisabled); }

ImU32 mStateColor(const std::string& st, bool dark) {
  if (st == "running") return dark ? IM_COL32(90, 200, 120, 255) : IM_COL32(30, 140, 60, 255);
  if (st == "spinning" || st == "woken") return dark ? IM_COL32(230, 200, 90, 255) : IM_COL32(170, 130, 0, 255);
  if (st == "syscall") return dark ? IM_COL32(230, 120, 100, 255) : IM_COL32(190, 70, 50, 255);
  if (st == "sysmon") return dark ? IM_COL32(150, 160, 240, 255) : IM_COL32(70, 80, 190, 255);
  return dark ? IM_COL32(130, 130, 140, 255) : IM_COL32(130, 130, 140, 255);
}

// A small rounded "chip" with text; returns true when hovered.
bool chip(ImDrawList* dl, ImVec2 pos, const std::string& text, ImU32 fill, ImU32 fg, ImVec2* sizeOut = nullptr) {
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  const ImVec2 pad(5, 2);
  const ImVec2 sz(ts.x + pad.x * 2, ts.y + pad.y * 2);
  dl->AddRectFilled(pos, ImVec2(pos.x + sz.x, pos.y + sz.y), fill, 4.0f);
  dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), fg, text.c_str());
  if (sizeOut != nullptr) *sizeOut = sz;
  return ImGui::IsMouseHoveringRect(pos, ImVec2(pos.x + sz.x, pos.y + sz.y));
}

ImU32 onColor(ImU32 c) {
  const float r = static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xff), g = static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xff),
              b = static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xff);
  return 0.299f * r + 0.587f * g + 0.114f * b > 140.0f ? IM_COL32(20, 20, 25, 255) : IM_COL32(245, 245, 250, 255);
}

}  // namespace

ImU32 goroutineColor(int64_t goid, bool dark) {
  // Golden-angle hues: neighbouring goids get clearly different colours.
  const float h = std::fmod(static_cast<float>(goid) * 0.618034f, 1.0f);
  float r = 0, g = 0, b = 0;
  ImGui::ColorConvertHSVtoRGB(h, dark ? 0.55f : 0.65f, dark ? 0.92f : 0.78f, r, g, b);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 1.0f));
}

void SchedulerPanel::drawP(const api::PView& p, float width, float height, const PanelFrame& frame) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const bool dark = frame.dark;
  dl->AddRect(o, ImVec2(o.x + width, o.y + height), ImGui::GetColorU32(ImGuiCol_Border), 6.0f);
  const float lineH = ImGui::GetTextLineHeight();
  // Room around the ring for the h/t marks and their letters.
  const float margin = lineH + 8.0f;
  const float radius = std::max(18.0f, std::min((height - 2.0f * margin) * 0.5f, width * 0.24f));
  const ImVec2 c(o.x + margin + radius, o.y + height * 0.5f);
  const float rIn = radius * 0.62f;
  const uint32_t n = p.runqtail - p.runqhead;
  // The ring: slot i is a sector of the annulus; slot 0 at the top, clockwise.
  const float step = 2.0f * kPi / kRingSlots;
  auto slotPoint = [&](int slot, float rad, float frac) {
    const float a = -kPi * 0.5f + (static_cast<float>(slot) + frac) * step;
    return ImVec2(c.x + std::cos(a) * rad, c.y + std::sin(a) * rad);
  };
  for (int i = 0; i < kRingSlots; i++) {
    ImU32 col = faint(dark);
    const uint32_t rel = (static_cast<uint32_t>(i) - (p.runqhead % kRingSlots) + kRingSlots) % kRingSlots;
    const bool used = rel < n && rel < p.runq.size();
    if (used) col = goroutineColor(p.runq[rel], dark);
    // Occupied slots stand out of the ring a little: one goroutine in 256 slots is still visible.
    const float out = used ? radius + 3 : radius, in = used ? rIn - 3 : rIn;
    dl->AddQuadFilled(slotPoint(i, in, 0.06f), slotPoint(i, out, 0.06f), slotPoint(i, out, 0.94f),
                      slotPoint(i, in, 0.94f), col);
  }
  // A slot is about a pixel wide: a dot on each occupied one keeps a short queue visible.
  if (n <= 64)
    for (uint32_t k = 0; k < n && k < p.runq.size(); k++)
      dl->AddCircleFilled(slotPoint(static_cast<int>((p.runqhead + k) % kRingSlots), (radius + rIn) * 0.5f, 0.5f),
                          std::min(4.0f, (radius - rIn) * 0.45f), goroutineColor(p.runq[k], dark));
  // Head and tail marks: short ticks outside the ring.
  // The letters sit a few slots aside (h before the head, t after the tail) so they never collide.
  auto mark = [&](uint32_t idx, const char* label, ImU32 col, int aside) {
    const int slot = static_cast<int>(idx % kRingSlots);
    const ImVec2 a = slotPoint(slot, radius + 1, 0.5f), b = slotPoint(slot, radius + 7, 0.5f);
    dl->AddLine(a, b, col, 2.0f);
    const ImVec2 t = slotPoint(slot + aside, radius + 5 + lineH * 0.45f, 0.5f);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(t.x - ts.x * 0.5f, t.y - ts.y * 0.5f), col, label);
  };
  const int aside = static_cast<int>(std::ceil(lineH * 0.5f / (radius * step)));
  mark(p.runqhead, "h", textCol(), -aside);
  if (p.runqtail % kRingSlots != p.runqhead % kRingSlots) mark(p.runqtail, "t", dimCol(), aside);
  // Centre: the P's name and its queue length.
  {
    const std::string nm = "P" + std::to_string(p.id);
    ImVec2 ts = ImGui::CalcTextSize(nm.c_str());
    dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - lineH), textCol(), nm.c_str());
    const std::string q = std::to_string(n) + "/256";
    ts = ImGui::CalcTextSize(q.c_str());
    dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y), dimCol(), q.c_str());
  }
  // Hover over the ring: which slot, and what the ring is.
  {
    const ImVec2 mp = ImGui::GetIO().MousePos;
    const float dx = mp.x - c.x, dy = mp.y - c.y;
    const float d = std::sqrt(dx * dx + dy * dy);
    if (d <= radius + 8 && ImGui::IsWindowHovered()) {
      float a = std::atan2(dy, dx) + kPi * 0.5f;
      if (a < 0) a += 2.0f * kPi;
      const int slot = std::min(kRingSlots - 1, static_cast<int>(a / step));
      const uint32_t rel = (static_cast<uint32_t>(slot) - (p.runqhead % kRingSlots) + kRingSlots) % kRingSlots;
      ImGui::BeginTooltip();
      ImGui::Text("P%d's local run queue: a ring of 256 slots (runtime2.go:631 runq).", p.id);
      ImGui::TextUnformatted("New goroutines go in at the tail (t), the P takes the next one from the head (h):");
      ImGui::TextUnformatted("runqput proc.go:5785, runqget proc.go:5897. No lock: only this P adds to it.");
      ImGui::TextUnformatted("When it is full, half of it moves to the global queue (runqputslow proc.go:5820);");
      ImGui::TextUnformatted("an idle P steals half of another P's ring (runqsteal proc.go:6018).");
      ImGui::Separator();
      if (rel < n && rel < p.runq.size())
        ImGui::Text("slot %d: G%lld, %u-th in line", slot, static_cast<long long>(p.runq[rel]), rel + 1);
      else
        ImGui::Text("slot %d: empty", slot);
      ImGui::Text("head = %u, tail = %u (slot = index %% 256)", p.runqhead, p.runqtail);
      ImGui::EndTooltip();
    }
  }
  // Right of the ring: status, M, curg, runnext, the queued goids.
  const float tx = c.x + radius + 16;
  const float textW = o.x + width - tx - 4;
  float y = o.y + 4;
  ImVec2 sz;
  auto tip = [&](bool hovered, const char* text) {
    if (hovered && ImGui::IsWindowHovered()) ImGui::SetTooltip("%s", text);
  };
  const bool running = p.status == "_Prunning";
  const std::string st = running ? "running" : p.status == "_Pidle" ? "idle" : p.status == "_Psyscall" ? "in syscall" : p.status;
  tip(chip(dl, ImVec2(tx, y), st, running ? mStateColor("running", dark) : faint(dark),
           running ? onColor(mStateColor("running", dark)) : textCol(), &sz),
      "A P (processor) is the right to run Go code: GOMAXPROCS of them exist (runtime2.go:609).\n"
      "_Prunning: an M holds it and runs a goroutine. _Pidle: nothing to run, it waits on sched.pidle.\n"
      "_Psyscall: its M is in a system call; sysmon may hand it to another M (retake proc.go:5291).");
  y += sz.y + 3;
  const std::string mLabel = p.m >= 0 ? "M" + std::to_string(p.m) : "no M";
  tip(chip(dl, ImVec2(tx, y), mLabel, p.m >= 0 ? mStateColor("running", dark) : faint(dark),
           p.m >= 0 ? onColor(mStateColor("running", dark)) : textCol(), &sz),
      "The M (OS thread) holding this P: p.m (runtime2.go:616). An M runs Go code only while it holds a P\n"
      "(acquirep proc.go:4944); an M without a P sleeps on sched.midle (stopm proc.go:2231).");
  float x2 = tx + sz.x + 4;
  dl->AddText(ImVec2(x2, y + 2), dimCol(), "runs");
  x2 += ImGui::CalcTextSize("runs").x + 4;
  tip(chip(dl, ImVec2(x2, y), gName(p.curg), p.curg != 0 ? goroutineColor(p.curg, dark) : faint(dark),
           p.curg != 0 ? onColor(goroutineColor(p.curg, dark)) : textCol(), &sz),
      "The goroutine running on this P now (m.curg). It keeps running until it blocks, yields, ends or\n"
      "is preempted after 10 ms (forcePreemptNS proc.go:5289; sysmon marks it).");
  y += sz.y + 3;
  dl->AddText(ImVec2(tx, y + 2), dimCol(), "next");
  const float nx = tx + ImGui::CalcTextSize("next").x + 4;
  tip(chip(dl, ImVec2(nx, y), gName(p.runnext), p.runnext != 0 ? goroutineColor(p.runnext, dark) : faint(dark),
           p.runnext != 0 ? onColor(goroutineColor(p.runnext, dark)) : textCol(), &sz),
      "runnext (runtime2.go:644): one goroutine that runs next, before the ring. A goroutine just\n"
      "created (go f()) or woken by this P's goroutine (a channel send) goes here, so a\n"
      "ping-pong pair runs back to back on one P (runqput with next=true, proc.go:5785).");
  y += sz.y + 3;
  // The ring's goids, head first, as many as fit.
  std::string q = n == 0 ? "ring empty" : "ring:";
  for (size_t i = 0; i < p.runq.size(); i++) {
    std::string add = " G" + std::to_string(p.runq[i]);
    if (ImGui::CalcTextSize((q + add + " +99").c_str()).x > textW) {
      q += " +" + std::to_string(p.runq.size() - i);
      break;
    }
    q += add;
  }
  if (y + lineH <= o.y + height) dl->AddText(ImVec2(tx, y), dimCol(), q.c_str());
  ImGui::Dummy(ImVec2(width, height));
}

void SchedulerPanel::drawQueues(const PanelFrame& frame) {
  const bool dark = frame.dark;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  // Global run queue.
  {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Global queue");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("sched.runq (runtime2.go:793): goroutines any P may take, under a lock. A P looks here\n"
                        "when its own ring is empty, and every 61st schedule() first (proc.go:2605), so\n"
                        "nothing waits forever. Overflow of a full ring lands here (runqputslow).");
    ImGui::SameLine();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float y0 = pos.y;
    if (snap_->globalRunq.empty()) {
      ImGui::TextDisabled("empty");
    } else {
      size_t shown = 0;
      for (int64_t id : snap_->globalRunq) {
        const std::string t = "G" + std::to_string(id);
        if (pos.x + ImGui::CalcTextSize(t.c_str()).x + 60 > right) break;
        ImVec2 sz;
        if (chip(dl, pos, t, goroutineColor(id, dark), onColor(goroutineColor(id, dark)), &sz) && ImGui::IsWindowHovered())
          ImGui::SetTooltip("G%lld waits in the global queue", static_cast<long long>(id));
        pos.x += sz.x + 3;
        shown++;
      }
      if (shown < snap_->globalRunq.size())
        dl->AddText(ImVec2(pos.x + 2, y0 + 2), dimCol(), ("+" + std::to_string(snap_->globalRunq.size() - shown)).c_str());
      ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight() + 4));
    }
  }
  // Ms and sysmon.
  {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Threads (M)");
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Every M is an OS thread (runtime2.go:526). Go makes a new one only when a P has work and no\n"
                        "thread is free (startm proc.go:2269), so a program with 10,000 goroutines still has a\n"
                        "handful of threads. running: holds a P and runs a G. spinning: holds a P and looks for\n"
                        "work (findRunnable proc.go:2561). idle: parked, no P. syscall: blocked in the kernel.");
    ImGui::SameLine();
    ImVec2 pos = ImGui::GetCursorScreenPos();
    const float x0 = pos.x;
    const float rowH = ImGui::GetTextLineHeight() + 7;
    float maxY = pos.y + rowH;
    for (const api::MView& m : snap_->ms) {
      std::string t = "M" + std::to_string(m.id) + " ";
      if (m.state == "sysmon") {
        t += "sysmon";
        if (snap_->sysmon.exists)
          t += snap_->sysmon.sleeping ? " (asleep)" : " nap " + humanNs(snap_->sysmon.delayNs);
      } else {
        t += m.state;
        if (m.p >= 0) t += " P" + std::to_string(m.p);
        if (m.curg != 0) t += " G" + std::to_string(m.curg);
      }
      const float w = ImGui::CalcTextSize(t.c_str()).x + 10;
      if (pos.x + w > right && pos.x > x0) {
        pos.x = x0;
        pos.y += rowH;
        maxY = pos.y + rowH;
      }
      const ImU32 col = mStateColor(m.state, dark);
      ImVec2 sz;
      if (chip(dl, pos, t, col, onColor(col), &sz) && ImGui::IsWindowHovered()) {
        if (m.state == "sysmon")
          ImGui::SetTooltip("sysmon (proc.go:5134): a thread with no P that wakes up now and then.\n"
                            "It takes a P back from an M blocked in a syscall (retake proc.go:5291),\n"
                            "and asks a goroutine running for more than 10 ms to stop (preemptone).\n"
                            "It naps 20 µs, doubling after 50 idle rounds, up to 10 ms (proc.go:5146).\n"
                            "Next wake-up at %s of virtual time.",
                            humanNs(snap_->sysmon.nextWakeNs).c_str());
        else
          ImGui::SetTooltip("M%lld: %s. g0 stack [0x%llx, 0x%llx) (%s): the stack the scheduler itself runs on.",
                            static_cast<long long>(m.id), m.state.c_str(), static_cast<unsigned long long>(m.g0Lo),
                            static_cast<unsigned long long>(m.g0Hi), humanBytes(static_cast<int64_t>(m.g0Hi - m.g0Lo)).c_str());
      }
      pos.x += sz.x + 4;
    }
    ImGui::SetCursorScreenPos(ImVec2(x0, maxY));
    ImGui::Dummy(ImVec2(1, 1));
  }
}

void SchedulerPanel::drawContent(const PanelFrame& frame) {
  ImGui::BeginChild("sched", ImVec2(0, 0), false);
  if (snap_ == nullptr || snap_->ps.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Run the program: this panel shows its goroutines (G) queued on processors (P) and the "
                        "OS threads (M) that run them.");
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("G goroutine · M OS thread · P processor (GOMAXPROCS = %d): an M runs Go code only while it "
                      "holds a P. Coloured slots = waiting Gs, h/t = head/tail. Hover anything.",
                      static_cast<int>(snap_->ps.size()));
  ImGui::PopTextWrapPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int np = static_cast<int>(snap_->ps.size());
  const float minW = ImGui::GetFontSize() * 14.0f;
  const int perRow = std::max(1, std::min(np, static_cast<int>((avail + spacing) / (minW + spacing))));
  const float cardW = std::floor((avail - spacing * static_cast<float>(perRow - 1)) / static_cast<float>(perRow));
  const int rows = (np + perRow - 1) / perRow;
  const float lineH = ImGui::GetTextLineHeight();
  const float roomY = ImGui::GetContentRegionAvail().y - lineH * 5.0f;  // the queues and Ms below
  const float cardH = std::clamp(std::floor(roomY / static_cast<float>(rows)) - ImGui::GetStyle().ItemSpacing.y,
                                 lineH * 6.4f, lineH * 11.0f);
  for (int i = 0; i < np; i++) {
    if (i % perRow != 0) ImGui::SameLine();
    ImGui::PushID(i);
    drawP(snap_->ps[static_cast<size_t>(i)], cardW, cardH, frame);
    ImGui::PopID();
  }
  drawQueues(frame);
  ImGui::EndChild();
}

}  // namespace gofast::ui
