// gofast_bench: timing harness for the performance goals of SPEC P1-P8 (tests/bench/run.sh runs it
// side by side with Go and CPython). Not a test: it prints figures, docs/benchmarks.md records them.
//
//   gofast_bench gen LINES            print a generated Go program of about LINES lines
//   gofast_bench frontend [LINES]     parse (+ check) a generated program; median of 21 runs, in ms
//   gofast_bench history FILE [N] [P] run FILE (GOMAXPROCS P, default 4) to N instructions (default
//                                     10M), then time steps back by each unit; print history memory
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fstream>
#include <sstream>

#include "api/session.h"
#include "lang/parser.h"
#include "program_gen.h"

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int benchFrontend(int lines) {
  std::string src = gofast::bench::generateProgram(lines);
  int nlines = static_cast<int>(std::count(src.begin(), src.end(), '\n'));
  std::vector<double> parse;
  for (int i = 0; i < 21; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    gofast::lang::ParseResult r = gofast::lang::parseFile(src, "./main.go");
    parse.push_back(msSince(t0));
    if (!r.ok()) {
      std::fprintf(stderr, "generated program has errors: %s\n", gofast::formatDiagnostic(r.diags[0]).c_str());
      return 1;
    }
  }
  std::sort(parse.begin(), parse.end());
  std::printf("frontend: %d lines, lex+parse median %.2f ms (min %.2f)\n", nlines, parse[parse.size() / 2], parse[0]);
  return 0;
}

// SPEC P7: stepping back after N executed instructions (goal <= 50 ms) and history memory (<= 256 MB).
int benchHistory(const char* path, uint64_t n, int32_t procs) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  gofast::api::Session s;
  if (!s.load(ss.str())) {
    std::fprintf(stderr, "%s does not compile\n", path);
    return 1;
  }
  gofast::api::RunConfig rc;
  rc.gomaxprocs = procs;
  rc.maxSteps = n * 4;
  if (!s.startRun(rc)) {
    std::fprintf(stderr, "%s cannot run: %s\n", path, s.runError().c_str());
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  s.runSome(n);
  const double play = msSince(t0);
  if (s.position() < n) {
    std::fprintf(stderr, "%s ended after %llu instructions (< %llu)\n", path, static_cast<unsigned long long>(s.position()),
                 static_cast<unsigned long long>(n));
    return 1;
  }
  using U = gofast::api::Session::StepUnit;
  struct Unit {
    U u;
    const char* name;
  };
  std::printf("history: %s, GOMAXPROCS=%d, %llu instructions played in %.0f ms\n", path, procs,
              static_cast<unsigned long long>(n), play);
  double worst = 0;
  for (Unit u : {Unit{U::Instruction, "instruction"}, Unit{U::Line, "line"}, Unit{U::Switch, "switch"}, Unit{U::Growth, "growth"},
                 Unit{U::GC, "gc"}}) {
    std::vector<double> t;
    for (int i = 0; i < 9; i++) {
      s.seek(n - static_cast<uint64_t>(i) * 1237);  // different distances to the checkpoint before
      auto t1 = std::chrono::steady_clock::now();
      s.back(u.u);
      t.push_back(msSince(t1));
    }
    std::sort(t.begin(), t.end());
    worst = std::max(worst, t.back());
    std::printf("  back by %-11s median %6.2f ms, max %6.2f ms\n", u.name, t[t.size() / 2], t.back());
  }
  const gofast::api::HistoryStats st = s.history()->stats();
  std::printf("  history: %zu checkpoints every %llu instructions, %.1f MB + logs %.1f MB\n", st.checkpoints,
              static_cast<unsigned long long>(st.interval), static_cast<double>(st.checkpointBytes) / 1e6,
              static_cast<double>(st.logBytes) / 1e6);
  std::printf("P7: worst step back %.2f ms (goal <= 50 ms), history %.1f MB (goal <= 256 MB)\n", worst,
              static_cast<double>(st.checkpointBytes + st.logBytes) / 1e6);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "gen") == 0) {
    std::fputs(gofast::bench::generateProgram(std::atoi(argv[2])).c_str(), stdout);
    return 0;
  }
  if (argc >= 2 && std::strcmp(argv[1], "frontend") == 0) return benchFrontend(argc >= 3 ? std::atoi(argv[2]) : 10000);
  if (argc >= 3 && std::strcmp(argv[1], "history") == 0)
    return benchHistory(argv[2], argc >= 4 ? std::strtoull(argv[3], nullptr, 10) : 10000000,
                        argc >= 5 ? static_cast<int32_t>(std::atoi(argv[4])) : 4);
  std::fprintf(stderr, "usage: gofast_bench gen LINES | frontend [LINES] | history FILE [N] [GOMAXPROCS]\n");
  return 2;
}
