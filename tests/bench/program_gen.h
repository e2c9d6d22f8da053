// Generates large, valid Go programs inside gofast's subset, for throughput benchmarks (front end,
// analysis) and as fuzzing seeds. The output is deterministic for given parameters and compiles with
// the real Go 1.19 (tests/bench/run.sh checks that before comparing timings).
#pragma once

#include <string>

namespace gofast::bench {

// About `lines` lines of Go: a struct type with methods and a function using loops, closures,
// channels, switch, slices and fmt per unit, and a main that calls every unit.
std::string generateProgram(int lines);

}  // namespace gofast::bench
