// Threads panel (chapter 4): the program just run, with its goroutines priced as OS threads.
// Left column: what the goroutine run used (records, stacks, creation and hand-off time); right
// column: the same events as pthreads (8 MiB + guard reserved each, resident and kernel memory,
// ≈52 µs to create, ≈3.9 µs per hand-off), with the limits threads would hit. The numbers are
// models::compareWithThreads over the run's scheduler trace (api::Session::threadComparison).
#pragma once

#include "api/session.h"
#include "ui/panels/panel.h"

namespace gofast::ui {

class ThreadsPanel : public Panel {
 public:
  const char* title() const override { return "Goroutines vs OS threads (same events)"; }
  // runSteps: the run's instruction count now; the comparison (a pass over the whole trace) is
  // recomputed only when it changes, not every frame.
  void bind(const api::Session* s, uint64_t runSteps) {
    session_ = s;
    runSteps_ = runSteps;
  }

 protected:
  void drawContent(const PanelFrame& frame) override;

 private:
  const api::Session* session_ = nullptr;
  uint64_t runSteps_ = 0;
  bool cached_ = false;
  uint64_t cachedSteps_ = 0;
  models::ThreadComparison cache_;
};

// "2.4 KB", "8.0 MiB", "800.0 GiB": a byte count for people.
std::string humanBytes(int64_t bytes);
// "180 ns", "52.0 µs", "1.24 s".
std::string humanNs(int64_t ns);

}  // namespace gofast::ui
