// AnalysisChapter: the layout of the chapters that are about what the compiler decides (chapter 2,
// cheap calls and inlining; chapter 3, escape analysis) and of the playground's compiler view.
//
//   ┌ The idea (narration) ──┐┌ Code (the example, annotated with the compiler's notes) ──────┐
//   │                        ││                                                              │
//   ├ Examples ──────────────┤├ Compiler says (the -m lines; the selected note explained) ───┤
//   └────────────────────────┘└──────────────────────────────────────────────────────────────┘
//
// Chapters 4 (goroutines) and 5 (stacks) put the Run panel under the code: the program runs on the VM
// a slice per frame, with its output, goroutines and Ps. Chapter 4 shows the Scheduler beside the code
// (and the threads comparison, or the timeline, beside the run); chapter 5 the Heap beside the code and the Address
// space under it. The Playground has the compiler's notes and, beside them, tabs: Run, Scheduler,
// Heap, Address space, Timeline.
//
// Chapter 1 (values) uses the same frame with other panels on the right: the Code and the Layout of
// its struct types side by side, the Footprint comparison (Go / CPython / Java) underneath.
//
// Everything shown comes from api::Session (DESIGN rule 2). Editing the code re-analyses it (the
// analysis of a small program takes a few milliseconds, so it runs on the frame after the edit).
#pragma once

#include <string>
#include <vector>

#include "api/assets.h"
#include "api/session.h"
#include "ui/panels/code_panel.h"
#include "ui/panels/compiler_panel.h"
#include "ui/panels/controls_panel.h"
#include "ui/panels/frames_panel.h"
#include "ui/panels/footprint_panel.h"
#include "ui/panels/layout_panel.h"
#include "ui/panels/narration_panel.h"
#include "ui/panels/run_panel.h"
#include "ui/panels/threads_panel.h"
#include "ui/panels/scheduler_panel.h"
#include "ui/panels/heap_panel.h"
#include "ui/panels/address_space_panel.h"
#include "ui/panels/timeline_panel.h"

namespace gofast::ui {

class AnalysisChapter {
 public:
  // chapterId: "values", "calls", "escape" or "playground" (no narration, editable sample).
  AnalysisChapter(std::string chapterId, CodePanel::Filter filter, std::string_view fallbackSource = {});

  void draw(const PanelFrame& frame);

  // For tests and the status line.
  const api::Session& session() const { return session_; }
  CodePanel& code() { return code_; }
  const CodePanel& code() const { return code_; }
  int example() const { return example_; }
  int exampleCount() const { return static_cast<int>(examples_.size()); }
  void selectExample(int i);
  bool inlining() const { return inlining_; }
  // The program in the editor, and whether it differs from the selected example (share links carry
  // the text only then).
  std::string program() const { return code_.editor().text(); }
  bool edited() const;
  // Replaces the program (e.g. from a share link); keeps the example selection for the narration.
  void setProgram(std::string_view src);
  void setInlining(bool on);
  RunPanel& runPanel() { return run_; }
  ControlsPanel& controls() { return controls_; }
  const RunPanel& runPanel() const { return run_; }
  const std::string& id() const { return id_; }
  TimelinePanel& timeline() { return timeline_; }  // a click seeks the run there (RunPanel::seekToTraceEvent)
  // Runs the program in the editor (analysing it first if it changed). False if it cannot run.
  bool run();
  // Analyses the program now if it changed since the last analysis (commands that arrive before the
  // next frame draws, e.g. the embed protocol's step, need the run to see the current text).
  void ensureAnalysed();
  // One sentence for the ARIA live region / status text.
  std::string status() const;
  // The embed "panels" option: the ids of the panels this chapter has ("narration", "examples",
  // "controls", "code", "compiler", "layout", "footprint", "run", "threads", "scheduler", "heap", "space", "timeline",
  // "frames"), and a
  // filter: when it names any of them, draw() shows only those, in the given order, in a simple grid
  // instead of the chapter's layout (analysis_chapter_panels.cpp). Unknown ids are dropped.
  std::vector<std::string> panelIds() const;
  void setVisiblePanels(const std::vector<std::string>& ids);
  const std::vector<std::string>& visiblePanels() const { return visible_; }

 private:
  void reanalyse(bool dark);
  void drawExamples(const PanelFrame& frame);
  void drawCompilerSide(const PanelFrame& frame, float width);
  void drawValuesSide(const PanelFrame& frame, float width);
  void drawRunSide(const PanelFrame& frame, float width);
  void drawOnly(const PanelFrame& frame);  // the visible panels only (embed "panels")

  std::string id_;
  std::vector<api::Example> examples_;
  int example_ = -1;
  bool inlining_ = true;
  bool dirty_ = true;
  bool lastDark_ = true;
  uint64_t analysedVersion_ = ~uint64_t{0};
  api::Session session_;
  CodePanel code_;
  CompilerPanel compiler_;
  NarrationPanel narration_;
  LayoutPanel layout_;
  FootprintPanel footprint_;
  RunPanel run_;
  ControlsPanel controls_;
  FramesPanel frames_;        // chapter 5 beside the code; a tab in chapter 4 and the playground
  ThreadsPanel threads_;
  SchedulerPanel sched_;      // chapter 4 beside the code; a playground tab
  HeapPanel heap_;            // chapter 5 beside the code; a playground tab
  AddressSpacePanel space_;   // chapter 5 under the code; a playground tab
  TimelinePanel timeline_;    // chapter 4 a tab beside the threads comparison; a playground tab
  bool values_ = false;  // chapter 1's panels instead of the compiler panel
  bool runs_ = false;    // chapters 4, 5: the Run panel instead of the compiler panel
  bool both_ = false;    // playground: compiler and Run panels
  bool hasNarration_ = false;
  std::vector<std::string> visible_;  // embed "panels": empty = the chapter's layout
};

}  // namespace gofast::ui
