#include "ui/panels/run_panel.h"

#include <string>

namespace gofast::ui {

bool RunPanel::run() {
  if (session_ == nullptr) return false;
  failed_ = !session_->startRun();
  snap_ = session_->snapshot();
  return !failed_;
}

void RunPanel::tick() {
  if (session_ == nullptr || !session_->hasRun()) {
    if (snap_.running || snap_.finished) snap_ = api::Snapshot{};
    return;
  }
  // A finished run no longer changes: keep its snapshot instead of copying it every frame.
  if (session_->runFinished() && snap_.finished) return;
  if (!session_->runFinished()) session_->runSome(kStepsPerFrame);
  snap_ = session_->snapshot();
}

void RunPanel::drawTitleExtras(const PanelFrame&) {
  ImGui::SameLine();
  const bool running = snap_.running;
  if (ImGui::SmallButton(running ? "Restart" : "Run")) run();
  if (running) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Stop") && session_ != nullptr) {
      session_->stopRun();
      snap_ = api::Snapshot{};
    }
  }
  ImGui::SameLine();
  if (failed_)
    ImGui::TextDisabled("cannot run: see the output");
  else if (snap_.running)
    ImGui::TextDisabled("running: %llu instructions, %.3f ms of virtual time", static_cast<unsigned long long>(snap_.steps),
                        static_cast<double>(snap_.virtualNs) / 1e6);
  else if (snap_.finished)
    ImGui::TextDisabled("exit status %d after %llu instructions, %llu calls, %llu stack growths", snap_.exitStatus,
                        static_cast<unsigned long long>(snap_.steps), static_cast<unsigned long long>(snap_.calls),
                        static_cast<unsigned long long>(snap_.stackGrowths));
}

void RunPanel::drawContent(const PanelFrame& frame) {
  ImFont* mono = frame.fonts != nullptr ? frame.fonts->mono : nullptr;
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool showSched = !snap_.goroutines.empty();
  const float outW = showSched ? avail * 0.55f : avail;
  ImGui::BeginChild("output", ImVec2(outW, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono != nullptr) ImGui::PushFont(mono);
  if (failed_ && session_ != nullptr) {
    ImVec4 red = frame.dark ? ImVec4(1.0f, 0.45f, 0.45f, 1.0f) : ImVec4(0.75f, 0.1f, 0.1f, 1.0f);
    ImGui::TextColored(red, "%s", session_->runError().c_str());
  } else if (!snap_.running && !snap_.finished) {
    if (mono != nullptr) ImGui::PopFont();
    ImGui::TextDisabled("Press Run to execute the program on gofast's VM.");
    if (mono != nullptr) ImGui::PushFont(mono);
  } else {
    ImGui::TextUnformatted(snap_.stdoutText.c_str(), snap_.stdoutText.c_str() + snap_.stdoutText.size());
    if (!snap_.stderrText.empty()) {
      ImVec4 err = frame.dark ? ImVec4(1.0f, 0.62f, 0.5f, 1.0f) : ImVec4(0.65f, 0.2f, 0.05f, 1.0f);
      ImGui::PushStyleColor(ImGuiCol_Text, err);
      ImGui::TextUnformatted(snap_.stderrText.c_str(), snap_.stderrText.c_str() + snap_.stderrText.size());
      ImGui::PopStyleColor();
    }
    if (snap_.running && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  }
  if (mono != nullptr) ImGui::PopFont();
  ImGui::EndChild();
  if (!showSched) return;
  ImGui::SameLine();
  ImGui::BeginChild("sched", ImVec2(0, 0), false);
  ImGui::TextDisabled("Goroutines (%d)", static_cast<int>(snap_.goroutines.size()));
  if (ImGui::BeginTable("gs", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY,
                        ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("G");
    ImGui::TableSetupColumn("state");
    ImGui::TableSetupColumn("stack");
    ImGui::TableSetupColumn("M");
    ImGui::TableHeadersRow();
    for (const api::GoroutineView& g : snap_.goroutines) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::Text("G%lld", static_cast<long long>(g.goid));
      ImGui::TableNextColumn();
      if (g.waitReason.empty())
        ImGui::TextUnformatted(g.status.c_str());
      else
        ImGui::Text("%s (%s)", g.status.c_str(), g.waitReason.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%llu B", static_cast<unsigned long long>(g.stackHi - g.stackLo));
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("stack [0x%llx, 0x%llx)", static_cast<unsigned long long>(g.stackLo), static_cast<unsigned long long>(g.stackHi));
      ImGui::TableNextColumn();
      if (g.m >= 0) ImGui::Text("M%d", g.m);
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Ps");
  for (const api::PView& p : snap_.ps) {
    std::string q;
    for (int64_t id : p.runq) q += " G" + std::to_string(id);
    ImGui::Text("P%d %s  running %s  runnext %s  runq [%s ]", p.id, p.status.c_str(),
                p.curg != 0 ? ("G" + std::to_string(p.curg)).c_str() : "-",
                p.runnext != 0 ? ("G" + std::to_string(p.runnext)).c_str() : "-", q.c_str());
  }
  if (!snap_.globalRunq.empty()) {
    std::string q;
    for (int64_t id : snap_.globalRunq) q += " G" + std::to_string(id);
    ImGui::Text("global runq [%s ]", q.c_str());
  }
  ImGui::TextDisabled("heap %llu B live, %llu GC cycles; stacks %llu B", static_cast<unsigned long long>(snap_.heapLive),
                      static_cast<unsigned long long>(snap_.numGC), static_cast<unsigned long long>(snap_.stackInuse));
  ImGui::EndChild();
}

}  // namespace gofast::ui
