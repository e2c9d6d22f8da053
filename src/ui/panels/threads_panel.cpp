#include "ui/panels/threads_panel.h"

#include <cstdio>
#include <string>

namespace gofast::ui {

std::string humanBytes(int64_t b) {
  char buf[32];
  const double v = static_cast<double>(b);
  if (b < 1024) std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(b));
  else if (b < (int64_t{1} << 20)) std::snprintf(buf, sizeof buf, "%.1f KiB", v / 1024.0);
  else if (b < (int64_t{1} << 30)) std::snprintf(buf, sizeof buf, "%.1f MiB", v / 1048576.0);
  else std::snprintf(buf, sizeof buf, "%.1f GiB", v / 1073741824.0);
  return buf;
}

std::string humanNs(int64_t ns) {
  char buf[32];
  const double v = static_cast<double>(ns);
  if (ns < 1000) std::snprintf(buf, sizeof buf, "%lld ns", static_cast<long long>(ns));
  else if (ns < 1000000) std::snprintf(buf, sizeof buf, "%.1f µs", v / 1e3);
  else if (ns < 1000000000) std::snprintf(buf, sizeof buf, "%.2f ms", v / 1e6);
  else std::snprintf(buf, sizeof buf, "%.2f s", v / 1e9);
  return buf;
}

void ThreadsPanel::drawContent(const PanelFrame& frame) {
  ImGui::BeginChild("threads", ImVec2(0, 0), false);
  if (session_ == nullptr || !session_->hasRun()) {
    cached_ = false;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Run the program: this panel then prices the same run as if every goroutine were an "
                        "operating-system thread.");
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    return;
  }
  if (!cached_ || cachedSteps_ != runSteps_) {
    cache_ = session_->threadComparison();
    cachedSteps_ = runSteps_;
    cached_ = true;
  }
  const models::ThreadComparison& c = cache_;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextWrapped("%lld goroutines created, %lld alive at the peak, %lld hand-offs (a goroutine woken by another)",
              static_cast<long long>(c.counts.created), static_cast<long long>(c.counts.peakLive),
              static_cast<long long>(c.counts.handoffs));
  ImGui::PopTextWrapPos();
  const ImVec4 good = frame.dark ? ImVec4(0.45f, 0.80f, 0.50f, 1.0f) : ImVec4(0.10f, 0.50f, 0.20f, 1.0f);
  const ImVec4 bad = frame.dark ? ImVec4(0.95f, 0.55f, 0.45f, 1.0f) : ImVec4(0.70f, 0.20f, 0.10f, 1.0f);
  if (ImGui::BeginTable("cmp", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("goroutines");
    ImGui::TableSetupColumn("OS threads");
    ImGui::TableHeadersRow();
    auto row = [&](const char* what, const std::string& g, const std::string& t, const char* tip) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(what);
      if (tip != nullptr && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
      ImGui::TableNextColumn();
      ImGui::TextColored(good, "%s", g.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(bad, "%s", t.c_str());
    };
    row("memory in use", humanBytes(c.goroutines.residentBytes), humanBytes(c.threads.residentBytes),
        "goroutine: 392-byte g + its stack (2 KiB, or what it grew to); thread: about 8.3 KiB resident each, measured");
    row("address space reserved", humanBytes(c.goroutines.reservedBytes), humanBytes(c.threads.reservedBytes),
        "threads: glibc reserves 8 MiB of stack plus a 4 KiB guard page per thread");
    row("kernel memory", "0 B", humanBytes(c.threads.kernelBytes), "task_struct 5,824 B + a 16 KiB kernel stack per thread");
    row("creating them", humanNs(c.goroutines.createNs), humanNs(c.threads.createNs),
        "goroutine ≈180 ns (measured, Go 1.19); pthread_create + join ≈52 µs (measured on a 2-vCPU VM)");
    row("hand-offs", humanNs(c.goroutines.switchNs), humanNs(c.threads.switchNs),
        "goroutine channel hand-off ≈220 ns; futex ping-pong between threads ≈3.9 µs");
    row("whole run", humanNs(c.goroutines.totalNs), humanNs(c.threads.totalNs),
        "the instructions' virtual time plus each side's creation and hand-off costs");
    ImGui::EndTable();
  }
  for (const std::string& l : c.limits) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(bad, "As threads this would hit %s.", l.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextDisabled("Threads are a model priced with measured costs (Go 1.19.8, glibc 2.36, a 2-vCPU VM); hover a row for "
                      "its source.");
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace gofast::ui
