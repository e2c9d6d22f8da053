// Focused tests of the inliner's cost visitor (hairyVisitor) and of the IR shapes it prices.
// Expected costs were measured with go1.19.8 (`go build -gcflags=-m=2`).
#include <doctest/doctest.h>

#include <string>

#include "analysis/report.h"

using namespace gofast;

namespace {

std::string m2(const std::string& src) {
  analysis::AnalysisOptions o;
  o.m = 2;
  return analysis::buildM(src, "./main.go", o);
}

bool has(const std::string& out, const std::string& line) { return out.find(line + "\n") != std::string::npos; }

}  // namespace

TEST_CASE("inline cost: calls, call results as callees, method receivers") {
  std::string out = m2(R"(package main

//go:noinline
func small() func() int { return nil }

func f1() int {
	return small()()
}

func f2() int {
	g := small()
	return g()
}

func main() {
	println(f1(), f2())
}
)");
  CHECK(has(out, "./main.go:4:6: cannot inline small: marked go:noinline"));
  CHECK(has(out, "./main.go:6:6: cannot inline f1: function too complex: cost 121 exceeds budget 80"));
  CHECK(has(out, "./main.go:10:6: cannot inline f2: function too complex: cost 123 exceeds budget 80"));
  CHECK(has(out, "./main.go:15:6: cannot inline main: function too complex: cost 119 exceeds budget 80"));
}

TEST_CASE("inline cost: standard-library callees priced from export data") {
  std::string out = m2(R"(package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func p1(x int) { fmt.Println(x) }
func p5() int { return runtime.NumGoroutine() }
func p7(wg *sync.WaitGroup) { wg.Done() }
func p12() { time.Sleep(time.Millisecond) }
func p13() { fmt.Println() }

func main() {
}
)");
  CHECK(has(out, "./main.go:10:6: can inline p1 with cost 76 as: func(int) { fmt.Println(x) }"));
  CHECK(has(out, "./main.go:10:29: inlining call to fmt.Println"));
  CHECK(has(out, "./main.go:11:6: can inline p5 with cost 47 as: func() int { return runtime.NumGoroutine() }"));
  CHECK(has(out, "./main.go:11:44: inlining call to runtime.gcount"));
  CHECK(has(out, "./main.go:12:6: can inline p7 with cost 64 as: func(*sync.WaitGroup) { (*sync.WaitGroup).Done(wg) }"));
  CHECK(has(out, "./main.go:12:38: inlining call to sync.(*WaitGroup).Done"));
  CHECK(has(out, "./main.go:13:6: can inline p12 with cost 60 as: func() { time.Sleep(time.Millisecond) }"));
  CHECK(has(out, "./main.go:14:6: can inline p13 with cost 74 as: func() { fmt.Println() }"));
}

TEST_CASE("inline: -l disables inlining but escape analysis still runs") {
  analysis::AnalysisOptions o;
  o.m = 1;
  o.noInline = true;
  std::string out = analysis::buildM(R"(package main

func newInt(v int) *int {
	x := v
	return &x
}

func main() {
	println(*newInt(3))
}
)", "./main.go", o);
  CHECK(out == "# command-line-arguments\n./main.go:4:2: moved to heap: x\n");
}
