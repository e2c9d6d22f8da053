#include "ui/panels/run_panel.h"

#include <string>

#include "api/narrate.h"

namespace gofast::ui {

bool RunPanel::run() {
  if (session_ == nullptr) return false;
  failed_ = !session_->startRun(cfg_);
  snap_ = session_->snapshot();
  playing_ = !failed_;
  narration_ = failed_ ? "" : "Started: G1 will run main.main (after the package's init).";
  return !failed_;
}

bool RunPanel::ensureRun() {
  if (session_ == nullptr) return false;
  if (session_->hasRun()) return true;
  const bool ok = run();
  playing_ = false;
  return ok;
}

void RunPanel::play() {
  if (session_ == nullptr) return;
  if (!session_->hasRun()) {
    run();
    return;
  }
  if (session_->runFinished()) return;
  playing_ = true;
}

void RunPanel::tick() {
  if (session_ == nullptr || !session_->hasRun()) {
    if (snap_.running || snap_.finished) snap_ = api::Snapshot{};
    playing_ = false;
    return;
  }
  if (!playing_) {
    // A run started or moved elsewhere (an embed command, a test) shows its current state.
    if (snap_.position != session_->position() || (!snap_.running && !snap_.finished)) snap_ = session_->snapshot();
    return;
  }
  if (session_->runFinished()) {
    playing_ = false;
    if (!snap_.finished) refresh("Played");
    return;
  }
  switch (speed_) {
    case Speed::Lines:
      if (++lineFrames_ < (reducedMotion_ ? 60 : 6)) return;
      lineFrames_ = 0;
      session_->step(Unit::Line);
      refresh("Played one line");
      return;
    case Speed::Fast: session_->runSome(2000); break;
    case Speed::Max: session_->runSome(kStepsPerFrame); break;
  }
  if (session_->breakpointHit()) {
    playing_ = false;
    refresh("Stopped at a breakpoint");
    return;
  }
  const bool wasFinished = snap_.finished;
  snap_ = session_->snapshot();
  if (snap_.finished && !wasFinished) {
    playing_ = false;
    narration_ = api::describeEnd(snap_);
  }
}

namespace {
const char* unitWord(api::Session::StepUnit u) {
  switch (u) {
    case api::Session::StepUnit::Instruction: return "instruction";
    case api::Session::StepUnit::Line: return "line";
    case api::Session::StepUnit::Switch: return "goroutine switch";
    case api::Session::StepUnit::Growth: return "stack growth";
    case api::Session::StepUnit::GC: return "GC";
  }
  return "";
}
}  // namespace

bool RunPanel::step(Unit u, long n) {
  if (!ensureRun() || n < 1) return false;
  playing_ = false;
  const uint64_t from = session_->position();
  for (long i = 0; i < n && !session_->runFinished(); i++) session_->step(u);
  const std::string verb = std::string("Stepped to the next ") + unitWord(u);
  refresh(verb.c_str());
  return session_->position() != from || snap_.finished;
}

bool RunPanel::back(Unit u, long n) {
  if (!ensureRun() || n < 1) return false;
  playing_ = false;
  const uint64_t from = session_->position();
  for (long i = 0; i < n; i++)
    if (!session_->back(u)) break;
  const std::string verb = std::string("Went back one ") + unitWord(u);
  refresh(verb.c_str());
  return session_->position() != from;
}

bool RunPanel::seek(uint64_t position) {
  if (!ensureRun()) return false;
  playing_ = false;
  const uint64_t from = session_->position();
  session_->seek(position);
  refresh("Moved");
  return session_->position() != from;
}

bool RunPanel::seekToTraceEvent(size_t index) {
  if (session_ == nullptr || !session_->hasRun()) return false;
  playing_ = false;
  const uint64_t from = session_->position();
  session_->seekToTraceEvent(index);
  refresh("Moved to the clicked event");
  return session_->position() != from;
}

bool RunPanel::endKnown() const { return session_ != nullptr && session_->history() != nullptr && session_->history()->endKnown(); }

uint64_t RunPanel::furthest() const {
  if (session_ == nullptr || session_->history() == nullptr) return 0;
  return session_->history()->furthest();
}

void RunPanel::setBreakpoints(const std::vector<int32_t>& lines) {
  if (session_ != nullptr) session_->setBreakpoints(lines);
}

void RunPanel::refresh(const char* verb) {
  api::Snapshot next = session_->snapshot();
  narration_ = api::describeMove(*session_, snap_, next, verb);
  snap_ = std::move(next);
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
    // Only the visible rows are laid out (10,000 goroutines must not cost 10,000 rows a frame: P6).
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(snap_.goroutines.size()));
    while (clip.Step())
    for (int row = clip.DisplayStart; row < clip.DisplayEnd; row++) {
      const api::GoroutineView& g = snap_.goroutines[static_cast<size_t>(row)];
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
