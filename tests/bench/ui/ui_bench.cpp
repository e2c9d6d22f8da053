// gofast_ui_bench: SPEC P6, the CPU cost of one frame of the explainer with 10k goroutines live
// (goal <= 8 ms). Draws the real App headless (ImGui without a renderer: the CPU side of a frame, as
// the GPU work is the driver's) in the Playground chapter (its code, compiler and run panels) with a program whose 10,000 goroutines are blocked
// on a channel, and times frames: paused (drawing the snapshot), stepping a line per frame (time
// travel + a fresh snapshot + drawing), and playing. Prints medians and the worst frame.
#include <imgui.h>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <vector>

#include "api/lessons.h"
#include "ui/analysis_chapter.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace {

const char* kProgram = R"(package main

import (
	"fmt"
	"time"
)

func main() {
	const n = 10000
	ch := make(chan int)
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func() {
			v := <-ch
			if v == n-1 {
				done <- true
			}
		}()
	}
	time.Sleep(time.Second)
	for i := 0; i < n; i++ {
		ch <- i
	}
	<-done
	fmt.Println("all", n, "goroutines ran")
}
)";

// CPU time of this process (the goal is CPU per frame; wall time on a shared machine is noisier).
double cpuMs() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

}  // namespace

int main() {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1920, 1080);
  io.DeltaTime = 1.0f / 60.0f;
  gofast::ui::Fonts fonts = gofast::ui::loadFonts(1.0f, 1.0f);
  unsigned char* px = nullptr;
  int tw = 0, th = 0;
  io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
  gofast::ui::applyTheme(true, 1.0f);
  gofast::ui::AnalysisChapter chapter("playground", gofast::ui::CodePanel::Filter{}, kProgram);
  gofast::ui::AnalysisChapter* ac = &chapter;
  auto frame = [&] {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("gofast", nullptr, ImGuiWindowFlags_NoDecoration);
    gofast::ui::PanelFrame f;
    f.fonts = &fonts;
    ac->draw(f);
    ImGui::End();
    ImGui::Render();
  };
  frame();
  gofast::ui::RunPanel& rp = ac->runPanel();
  // Run until all 10,000 goroutines exist and wait on the channel.
  rp.step(gofast::ui::RunPanel::Unit::Line);
  while (rp.snapshot().goroutines.size() < 10001 && !rp.snapshot().finished) rp.step(gofast::ui::RunPanel::Unit::Switch, 500);
  std::printf("P6: %zu goroutines live at instruction %llu (GOMAXPROCS %d), 1920x1080, Playground\n",
              rp.snapshot().goroutines.size(), static_cast<unsigned long long>(rp.snapshot().position),
              rp.config().gomaxprocs);
  struct Case {
    const char* name;
    int mode;
  };
  double worstAll = 0;
  for (Case c : {Case{"paused (draw only)", 0}, Case{"stepping a line per frame", 1}, Case{"stepping an instruction per frame", 2}}) {
    std::vector<double> t;
    for (int i = 0; i < 60; i++) {
      const double a = cpuMs();
      if (c.mode == 1) rp.step(gofast::ui::RunPanel::Unit::Line);
      if (c.mode == 2) rp.step(gofast::ui::RunPanel::Unit::Instruction);
      frame();
      t.push_back(cpuMs() - a);
    }
    std::sort(t.begin(), t.end());
    worstAll = std::max(worstAll, t[t.size() * 95 / 100]);
    std::printf("  %-34s median %6.2f ms, p95 %6.2f ms, max %6.2f ms\n", c.name, t[t.size() / 2], t[t.size() * 95 / 100], t.back());
  }
  std::printf("P6: p95 frame %.2f ms of CPU (goal <= 8 ms)\n", worstAll);
  ImGui::DestroyContext();
  return 0;
}
