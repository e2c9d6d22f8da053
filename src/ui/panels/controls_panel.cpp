#include "ui/panels/controls_panel.h"

#include <algorithm>
#include <cstdio>

namespace gofast::ui {

namespace {

struct UnitName {
  RunPanel::Unit unit;
  const char* name;
  const char* tip;
};
constexpr UnitName kUnits[] = {
    {RunPanel::Unit::Instruction, "instruction", "one VM instruction of the goroutine that runs next"},
    {RunPanel::Unit::Line, "line", "until some goroutine is on another source line"},
    {RunPanel::Unit::Switch, "switch", "until an M starts running another goroutine (schedule -> execute, proc.go:2496)"},
    {RunPanel::Unit::Growth, "stack growth", "until a goroutine's stack is copied to one twice as big (newstack, stack.go:964)"},
    {RunPanel::Unit::GC, "GC", "until the next garbage collection cycle (mgc.go)"},
};

const char* speedName(RunPanel::Speed s) {
  switch (s) {
    case RunPanel::Speed::Lines: return "watch lines";
    case RunPanel::Speed::Fast: return "fast";
    case RunPanel::Speed::Max: return "full speed";
  }
  return "";
}

}  // namespace

float ControlsPanel::height() { return ImGui::GetFrameHeightWithSpacing() * 2.0f + ImGui::GetTextLineHeightWithSpacing(); }

void ControlsPanel::handleKeys() {
  if (run_ == nullptr) return;
  ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) run_->playing() ? run_->pause() : run_->play();
  const RunPanel::Unit u = io.KeyShift ? RunPanel::Unit::Line : unit_;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow), true)) run_->step(u);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow), true)) run_->back(u);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) run_->seek(0);
  for (ImWchar ch : io.InputQueueCharacters) {
    if (ch == 'u' || ch == 'U') unit_ = static_cast<RunPanel::Unit>((static_cast<int>(unit_) + 1) % 5);
    if (ch == 's' || ch == 'S') run_->setSpeed(static_cast<RunPanel::Speed>((static_cast<int>(run_->speed()) + 1) % 3));
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) run_->seek(run_->furthest());
}

void ControlsPanel::draw(const PanelFrame& frame, float width) {
  if (run_ == nullptr) return;
  ImGui::PushID("controls");
  ImGui::BeginGroup();
  const api::Snapshot& s = run_->snapshot();
  const bool hasRun = s.running || s.finished;
  // Row 1: play, back/step by a unit, speed.
  if (ImGui::Button(run_->playing() ? "Pause" : (hasRun ? "Play" : "Run"), ImVec2(ImGui::GetFontSize() * 4.0f, 0)))
    run_->playing() ? run_->pause() : run_->play();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space. Runs the program on gofast's VM, a slice per frame.");
  ImGui::SameLine();
  if (ImGui::Button("<<")) run_->seek(0);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Home: back to the start");
  ImGui::SameLine();
  if (ImGui::Button("< Back")) run_->back(unit_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Left arrow (Shift: by line): back one %s, exactly to the state seen there",
                                                 kUnits[static_cast<int>(unit_)].name);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
  if (ImGui::BeginCombo("##unit", kUnits[static_cast<int>(unit_)].name)) {
    for (const UnitName& un : kUnits) {
      if (ImGui::Selectable(un.name, un.unit == unit_)) unit_ = un.unit;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", un.tip);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  if (ImGui::Button("Step >")) run_->step(unit_);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Right arrow (Shift: by line): forward one %s", kUnits[static_cast<int>(unit_)].name);
  ImGui::SameLine();
  if (ImGui::Button(">>")) run_->seek(run_->furthest());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("End: the furthest point run so far");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
  if (ImGui::BeginCombo("##speed", speedName(run_->speed()))) {
    for (RunPanel::Speed sp : {RunPanel::Speed::Lines, RunPanel::Speed::Fast, RunPanel::Speed::Max})
      if (ImGui::Selectable(speedName(sp), sp == run_->speed())) run_->setSpeed(sp);
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play speed: watch one line at a time, or run");
  // Row 2: the timeline slider, then the run's options (they take effect at the next Run).
  const float em = ImGui::GetFontSize();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float optionsW = em * (5.0f + 6.5f + 8.0f) + 3.0f * gap;
  const uint64_t end = std::max<uint64_t>(run_->furthest(), s.position);
  int pos = static_cast<int>(std::min<uint64_t>(s.position, 0x7fffffff));
  const int maxPos = static_cast<int>(std::min<uint64_t>(end, 0x7fffffff));
  ImGui::SetNextItemWidth(std::max(width - optionsW, em * 10.0f));
  char fmt[96];
  std::snprintf(fmt, sizeof fmt, "instruction %%d of %s%llu", run_->endKnown() || !hasRun ? "" : "at least ",
                static_cast<unsigned long long>(end));
  if (ImGui::SliderInt("##pos", &pos, 0, std::max(maxPos, 1), fmt) && hasRun) run_->seek(static_cast<uint64_t>(pos));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Drag to travel in time: gofast replays the run from its nearest checkpoint to any instruction.");
  api::RunConfig& cfg = run_->config();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 5.0f);
  int procs = cfg.gomaxprocs;
  if (ImGui::SliderInt("##procs", &procs, 1, 8, "%d Ps")) cfg.gomaxprocs = procs;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("GOMAXPROCS: how many Ps (processors) run goroutines at once. Takes effect at the next Run.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6.5f);
  int seed = static_cast<int>(cfg.seed);
  if (ImGui::InputInt("##seed", &seed, 1, 10)) cfg.seed = static_cast<uint64_t>(std::max(seed, 0));
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Seed of the scheduler's random choices (steal order, select). Same seed, same run. Next Run.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 8.0f);
  const bool slow = cfg.writeLatencyNs >= kSlowWriteNs;
  if (ImGui::BeginCombo("##write", slow ? "slow writes" : "fast writes")) {
    if (ImGui::Selectable("fast writes (2 us)", !slow)) cfg.writeLatencyNs = kFastWriteNs;
    if (ImGui::Selectable("slow writes (100 us)", slow)) cfg.writeLatencyNs = kSlowWriteNs;
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Each fmt.Print is a write(2) system call. A slow one (100 us) lets sysmon take the P away\n"
                      "from the blocked M and hand it to another (retake, proc.go:5338). Takes effect at the next Run.");
  // Row 3: the narration.
  const std::string& n = run_->narration();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (n.empty())
    ImGui::TextDisabled("Press Run (Space), then step with the arrow keys.");
  else
    ImGui::TextUnformatted(n.c_str());
  ImGui::PopTextWrapPos();
  (void)frame;
  ImGui::EndGroup();
  ImGui::PopID();
}

}  // namespace gofast::ui
