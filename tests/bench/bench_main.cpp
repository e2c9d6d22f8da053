// gofast_bench: timing harness for the performance goals of SPEC P1-P8 (tests/bench/run.sh runs it
// side by side with Go and CPython). Not a test: it prints figures, docs/benchmarks.md records them.
//
//   gofast_bench gen LINES            print a generated Go program of about LINES lines
//   gofast_bench frontend [LINES]     parse (+ check) a generated program; median of 21 runs, in ms
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

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

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::strcmp(argv[1], "gen") == 0) {
    std::fputs(gofast::bench::generateProgram(std::atoi(argv[2])).c_str(), stdout);
    return 0;
  }
  if (argc >= 2 && std::strcmp(argv[1], "frontend") == 0) return benchFrontend(argc >= 3 ? std::atoi(argv[2]) : 10000);
  std::fprintf(stderr, "usage: gofast_bench gen LINES | frontend [LINES]\n");
  return 2;
}
