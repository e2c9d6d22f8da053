#include "ui/analysis_chapter.h"

#include <algorithm>
#include <cmath>

namespace gofast::ui {

// GOMAXPROCS of the UI's runs (issue #6: 4 by default, so chapter 4 shows several Ps; the Controls
// bar changes it).
constexpr int32_t kUiGomaxprocs = 4;

AnalysisChapter::AnalysisChapter(std::string chapterId, CodePanel::Filter filter, std::string_view fallbackSource)
    : id_(std::move(chapterId)) {
  values_ = id_ == "values";
  runs_ = id_ == "goroutines" || id_ == "stacks";
  both_ = id_ == "playground";
  run_.bind(&session_);
  run_.config().gomaxprocs = kUiGomaxprocs;
  controls_.bind(&run_);
  timeline_.onSeek = [this](uint32_t eventIndex) { run_.seekToTraceEvent(eventIndex); };
  examples_ = api::examples(id_);
  std::string_view md = api::asset("chapters/" + id_ + ".md");
  hasNarration_ = !md.empty();
  if (hasNarration_) narration_.setText(md);
  code_.setFilter(filter);
  if (!examples_.empty()) {
    selectExample(0);
  } else {
    code_.editor().setText(fallbackSource);
    dirty_ = true;
  }
}

void AnalysisChapter::selectExample(int i) {
  if (i < 0 || i >= static_cast<int>(examples_.size())) return;
  session_.stopRun();
  example_ = i;
  code_.editor().setText(examples_[static_cast<size_t>(i)].source);
  dirty_ = true;
  // Chapter 4's slow-write example is about the P handoff a slow write(2) causes: it runs with slow
  // writes (the Controls bar can switch back); every other example with the default latency.
  const bool slowWrite = examples_[static_cast<size_t>(i)].path.find("slow_write") != std::string_view::npos;
  run_.config().writeLatencyNs = slowWrite ? ControlsPanel::kSlowWriteNs : api::RunConfig{}.writeLatencyNs;
}

bool AnalysisChapter::edited() const {
  if (example_ < 0) return true;
  return program() != examples_[static_cast<size_t>(example_)].source;
}

void AnalysisChapter::setProgram(std::string_view src) {
  code_.editor().setText(src);
  dirty_ = true;
}

void AnalysisChapter::setInlining(bool on) {
  if (on == inlining_) return;
  inlining_ = on;
  dirty_ = true;
}

bool AnalysisChapter::run() {
  ensureAnalysed();
  return run_.run();
}

void AnalysisChapter::ensureAnalysed() {
  if (dirty_ || code_.editor().version() != analysedVersion_) reanalyse(lastDark_);
}

void AnalysisChapter::reanalyse(bool dark) {
  lastDark_ = dark;
  session_.stopRun();  // a run belongs to the text it was started from
  api::LoadOptions opts;
  opts.inlining = inlining_;
  session_.load(code_.editor().text(), opts);
  analysedVersion_ = code_.editor().version();
  dirty_ = false;
  code_.show(session_, dark);
}

std::string AnalysisChapter::status() const {
  if (!session_.loaded()) return "No program analysed yet.";
  if (!session_.ok()) return std::to_string(session_.diagnostics().size()) + " compile error(s).";
  int heap = 0, stack = 0, inlined = 0;
  for (const api::Note& n : session_.notes()) {
    if (n.kind == api::NoteKind::MovedToHeap || n.kind == api::NoteKind::EscapesToHeap) heap++;
    if (n.kind == api::NoteKind::DoesNotEscape) stack++;
    if (n.kind == api::NoteKind::InlinedCall) inlined++;
  }
  std::string s = "The compiler inlined " + std::to_string(inlined) + " call(s); " + std::to_string(heap) +
                  " value(s) go to the heap, " + std::to_string(stack) + " stay on the stack.";
  if (example_ >= 0) s = "Example: " + examples_[static_cast<size_t>(example_)].title + ". " + s;
  // The player's last move, so the page's ARIA live region reads each step aloud (SPEC F7).
  if ((runs_ || both_) && !run_.narration().empty()) s += " " + run_.narration();
  return s;
}

void AnalysisChapter::drawExamples(const PanelFrame&) {
  for (int i = 0; i < static_cast<int>(examples_.size()); i++) {
    ImGui::PushID(i);
    if (ImGui::RadioButton(examples_[static_cast<size_t>(i)].title.c_str(), example_ == i)) selectExample(i);
    ImGui::PopID();
  }
  if (example_ >= 0) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", examples_[static_cast<size_t>(example_)].description.c_str());
    ImGui::PopTextWrapPos();
  }
}

void AnalysisChapter::draw(const PanelFrame& frame) {
  if (dirty_ || code_.editor().version() != analysedVersion_) reanalyse(frame.dark);
  if (!visible_.empty()) return drawOnly(frame);  // embed "panels" (analysis_chapter_panels.cpp)

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const bool side = hasNarration_ || !examples_.empty();
  const float leftW = side ? std::clamp(avail.x * 0.34f, 260.0f, 520.0f) : 0.0f;

  if (side) {
    ImGui::BeginGroup();
    const float examplesH = examples_.empty() ? 0.0f
                                              : std::min(avail.y * 0.45f, ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(examples_.size()) + 4.5f));
    if (hasNarration_) narration_.draw("narration", frame, ImVec2(leftW, avail.y - examplesH - (examplesH > 0 ? spacing : 0)));
    if (!examples_.empty()) {
      ImGui::BeginChild("examples", ImVec2(leftW, examplesH), true);
      ImGui::TextDisabled("Examples");
      ImGui::Separator();
      drawExamples(frame);
      ImGui::EndChild();
    }
    ImGui::EndGroup();
    ImGui::SameLine();
  }

  const float rightW = avail.x - (side ? leftW + spacing : 0.0f);
  if (runs_ || both_) {
    std::vector<int32_t> bps(code_.editor().breakpoints().begin(), code_.editor().breakpoints().end());
    run_.setBreakpoints(bps);
    controls_.handleKeys();
  }
  run_.setReducedMotion(frame.reducedMotion);
  run_.tick();
  code_.setRunLines(runs_ || both_ ? &run_.snapshot() : nullptr, frame.dark);
  if (values_)
    drawValuesSide(frame, rightW);
  else if (runs_)
    drawRunSide(frame, rightW);
  else
    drawCompilerSide(frame, rightW);
}

void AnalysisChapter::drawValuesSide(const PanelFrame& frame, float rightW) {
  ImGui::BeginGroup();
  const float restH = ImGui::GetContentRegionAvail().y;
  const float topH = std::floor(restH * 0.42f);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float codeW = std::floor(rightW * 0.46f);
  code_.draw("code", frame, ImVec2(codeW, topH));
  ImGui::SameLine();
  layout_.bind(&session_);
  layout_.draw("layout", frame, ImVec2(rightW - codeW - spacing, topH));
  footprint_.draw("footprint", frame, ImVec2(rightW, restH - topH - ImGui::GetStyle().ItemSpacing.y));
  ImGui::EndGroup();
}

void AnalysisChapter::drawRunSide(const PanelFrame& frame, float rightW) {
  ImGui::BeginGroup();
  const ImVec2 sp = ImGui::GetStyle().ItemSpacing;
  controls_.draw(frame, rightW);
  const float restH = ImGui::GetContentRegionAvail().y;
  const float codeH = std::floor(restH * (id_ == "goroutines" ? 0.5f : 0.45f));
  const float codeW = std::floor(rightW * 0.48f);
  code_.draw("code", frame, ImVec2(codeW, codeH));
  ImGui::SameLine();
  if (id_ == "goroutines") {
    // Chapter 4: the code beside the scheduler running it; the run beside its price as OS threads.
    sched_.bind(&run_.snapshot());
    sched_.draw("scheduler", frame, ImVec2(rightW - codeW - sp.x, codeH));
    const float bottomH = restH - codeH - sp.y;
    const float runW = std::floor(rightW * 0.6f);
    run_.draw("run", frame, ImVec2(runW, bottomH));
    ImGui::SameLine();
    // A borderless child bounds the tab bar's underline to this column.
    ImGui::BeginChild("side", ImVec2(rightW - runW - sp.x, bottomH), false, ImGuiWindowFlags_NoScrollbar);
    const ImVec2 tabSize(rightW - runW - sp.x, bottomH - ImGui::GetFrameHeightWithSpacing());
    if (ImGui::BeginTabBar("sidetabs")) {
      if (ImGui::BeginTabItem("vs OS threads")) {
        threads_.bind(&session_, run_.snapshot().steps);
        threads_.draw("threads", frame, tabSize);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Timeline")) {
        timeline_.bind(&session_, run_.snapshot().steps);
        timeline_.draw("timeline", frame, tabSize);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Frames")) {
        frames_.bind(&run_.snapshot());
        frames_.draw("frames", frame, tabSize);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
  } else {
    // Chapter 5: the code beside the running goroutine's stack, frame by frame; the whole address
    // space; the run beside the heap (stacks are spans of it).
    frames_.bind(&run_.snapshot());
    frames_.draw("frames", frame, ImVec2(rightW - codeW - sp.x, codeH));
    const float spaceH = std::floor(ImGui::GetTextLineHeightWithSpacing() * 7.0f);
    space_.bind(&run_.snapshot());
    space_.draw("space", frame, ImVec2(rightW, spaceH));
    const float bottomH = restH - codeH - spaceH - 2 * sp.y;
    const float runW = std::floor(rightW * 0.55f);
    run_.draw("run", frame, ImVec2(runW, bottomH));
    ImGui::SameLine();
    heap_.bind(&run_.snapshot());
    heap_.draw("heap", frame, ImVec2(rightW - runW - sp.x, bottomH));
  }
  ImGui::EndGroup();
}

void AnalysisChapter::drawCompilerSide(const PanelFrame& frame, float rightW) {
  ImGui::BeginGroup();
  // Options row: inlining on/off (as -gcflags=-l).
  bool inl = inlining_;
  if (ImGui::Checkbox("Inlining (off = go build -gcflags=-l)", &inl)) setInlining(inl);
  ImGui::SameLine();
  ImGui::TextDisabled("Click a note in the code or a line below to see why.");
  if (both_) controls_.draw(frame, rightW);
  const float restH = ImGui::GetContentRegionAvail().y;
  const float codeH = std::floor(restH * (both_ ? 0.5f : 0.58f));
  code_.draw("code", frame, ImVec2(rightW, codeH));
  if (code_.takeSelectionChanged()) {
    // nothing else to do: the compiler panel reads the selection below
  }
  compiler_.bind(&session_, code_.selectedNote());
  const float bottomH = restH - codeH - ImGui::GetStyle().ItemSpacing.y;
  if (both_) {
    const float half = std::floor((rightW - ImGui::GetStyle().ItemSpacing.x) * 0.5f);
    compiler_.draw("compiler", frame, ImVec2(half, bottomH));
    ImGui::SameLine();
    // The run and what it shows of the runtime, as tabs.
    const ImVec2 size(rightW - half - ImGui::GetStyle().ItemSpacing.x, bottomH - ImGui::GetFrameHeightWithSpacing());
    ImGui::BeginChild("runside", ImVec2(size.x, bottomH), false, ImGuiWindowFlags_NoScrollbar);
    if (ImGui::BeginTabBar("runtabs")) {
      const api::Snapshot* snap = &run_.snapshot();
      if (ImGui::BeginTabItem("Run")) {
        run_.draw("run", frame, size);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Scheduler")) {
        sched_.bind(snap);
        sched_.draw("scheduler", frame, size);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Heap")) {
        heap_.bind(snap);
        heap_.draw("heap", frame, size);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Address space")) {
        space_.bind(snap);
        space_.draw("space", frame, size);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Timeline")) {
        timeline_.bind(&session_, snap->steps);
        timeline_.draw("timeline", frame, size);
        ImGui::EndTabItem();
      }
      if (ImGui::BeginTabItem("Frames")) {
        frames_.bind(snap);
        frames_.draw("frames", frame, size);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
    ImGui::EndChild();
  } else {
    compiler_.draw("compiler", frame, ImVec2(rightW, bottomH));
  }
  int clicked = compiler_.takeClickedNote();
  if (clicked >= 0) code_.selectNote(session_, clicked == code_.selectedNote() ? -1 : clicked, frame.dark);
  ImGui::EndGroup();
}

}  // namespace gofast::ui
