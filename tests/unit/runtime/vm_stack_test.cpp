// VM tests: calls and frames, stack growth by copying (pointers into the stack from other frames,
// from a defer record and from a closure are still right after many moves), shrinking at GC, the
// stack limit with Go's message, limits of SPEC R2, and panics.
//
// Expected outputs marked "Go 1.19:" were produced by running the same program with
// `GOTOOLCHAIN=local GO111MODULE=off go run main.go` (go1.19.8 linux/amd64).
#include <doctest/doctest.h>

#include <string>

#include "runtime/run.h"

using gofast::rt::RunOptions;
using gofast::rt::RunOutcome;
using gofast::rt::runSource;

namespace {

// Pointers to main's x and arr travel down 20000 frames; the defer record and the closure it holds
// point into main's frame. Go 1.19 prints "49 42 7\ndeferred 42 7\n" on stderr.
const char* kDeepPointers = R"(package main

func deep(n int, p *int, q *[4]int) int {
	var local [8]int
	local[n%8] = n
	if n == 0 {
		*p += 1
		q[2] = 7
		return *p + q[2]
	}
	r := deep(n-1, p, q)
	return r + local[n%8] - n
}

func main() {
	x := 41
	var arr [4]int
	defer func() { println("deferred", x, arr[2]) }()
	r := deep(20000, &x, &arr)
	println(r, x, arr[2])
}
)";

RunOutcome run(const char* src, RunOptions opts = {}) { return runSource(src, opts); }

}  // namespace

TEST_CASE("vm: pointers into the stack survive 20+ consecutive stack growths") {
  RunOutcome r = run(kDeepPointers);
  REQUIRE(r.compiled);
  CHECK(r.result.stderrText == "49 42 7\ndeferred 42 7\n");
  CHECK(r.result.exitStatus == 0);
  // 20000 frames of ~100 bytes: 2 KiB doubles to 4 MiB at least: 11 growths.
  CHECK(r.result.stackGrowths >= 11);
}

TEST_CASE("vm: forced stack moves at every call keep every pointer right") {
  RunOptions o;
  o.vm.stackMoveEveryCall = true;
  RunOutcome r = runSource(R"(package main

func deep(n int, p *int, q *[4]int) int {
	var local [8]int
	local[n%8] = n
	if n == 0 {
		*p += 1
		q[2] = 7
		return *p + q[2]
	}
	r := deep(n-1, p, q)
	return r + local[n%8] - n
}

func main() {
	x := 41
	var arr [4]int
	defer func() { println("deferred", x, arr[2]) }()
	r := deep(200, &x, &arr)
	println(r, x, arr[2])
}
)", o);
  REQUIRE(r.compiled);
  // Go 1.19 prints the same for any depth: 49 42 7 / deferred 42 7.
  CHECK(r.result.stderrText == "49 42 7\ndeferred 42 7\n");
  CHECK(r.result.stackMoves >= 200);
  CHECK(r.result.stackGrowths >= 2);
}

TEST_CASE("vm: the stack shrinks at GC when less than a quarter is used") {
  RunOptions o;
  o.vm.gcEveryAlloc = true;
  o.vm.sliceInstructions = 1000;
  RunOutcome r = runSource(R"(package main

type T struct{ a, b int; p *T }

func deep(n int) int {
	var pad [16]int
	pad[n%16] = n
	if n == 0 {
		return 0
	}
	return deep(n-1) + pad[n%16] - n + 1
}

func main() {
	println(deep(2000))
	var keep *T
	for i := 0; i < 200; i++ {
		t := &T{a: i, p: keep}
		keep = t
	}
	println(keep.a, keep.p.a)
}
)", o);
  REQUIRE(r.compiled);
  // Go 1.19: 2000 / 199 198
  CHECK(r.result.stderrText == "2000\n199 198\n");
  CHECK(r.result.stackGrowths >= 5);
  CHECK(r.result.stackShrinks >= 1);
}

TEST_CASE("vm: the stack limit ends the run with Go's fatal error") {
  RunOptions o;
  o.vm.maxStackSize = 64 << 10;
  RunOutcome r = runSource(R"(package main

func f(n int) int {
	return f(n+1) + 1
}

func main() {
	println(f(0))
}
)", o);
  REQUIRE(r.compiled);
  const std::string& e = r.result.stderrText;
  CHECK(e.rfind("runtime: goroutine stack exceeds 65536-byte limit\n", 0) == 0);
  CHECK(e.find("\nfatal error: stack overflow\n") != std::string::npos);
  CHECK(e.find("\ngoroutine 1 [running]:\nmain.f(") != std::string::npos);
  CHECK(e.find("...additional frames elided...") != std::string::npos);
  CHECK(r.result.exitStatus == 2);
  // The same limit applies to the sum of the segments in segmented mode.
  o.vm.stackMode = gofast::rt::StackMode::Segmented;
  RunOutcome s = runSource("package main\n\nfunc f(n int) int {\n\treturn f(n+1) + 1\n}\n\nfunc main() {\n\tprintln(f(0))\n}\n", o);
  CHECK(s.result.stderrText.rfind("runtime: goroutine stack exceeds 65536-byte limit\n", 0) == 0);
  CHECK(s.result.stderrText.find("\ngoroutine 1 [running]:\nmain.f(") != std::string::npos);
  CHECK(s.result.exitStatus == 2);
}

TEST_CASE("vm: the instruction limit stops a runaway program with exit status 3") {
  RunOptions o;
  o.vm.maxSteps = 100000;
  RunOutcome r = runSource("package main\n\nfunc main() {\n\tx := 0\n\tfor {\n\t\tx++\n\t}\n}\n", o);
  REQUIRE(r.compiled);
  CHECK(r.result.exitStatus == 3);
  CHECK(r.result.stderrText == "gofast: program stopped: more than 100000 instructions executed (limit set by -max-steps)\n");
}

TEST_CASE("vm: integer division by zero and a deferred call before the panic message") {
  RunOutcome r = run(R"(package main

func div(a, b int) int {
	return a / b
}

func main() {
	defer println("deferred")
	z := 0
	println(div(7, z))
}
)");
  REQUIRE(r.compiled);
  // Go 1.19 (with -gcflags=-l the frame would be main.div; inlined it is main.div(...)):
  //   deferred
  //   panic: runtime error: integer divide by zero
  //
  //   goroutine 1 [running]:
  CHECK(r.result.stderrText.rfind("deferred\npanic: runtime error: integer divide by zero\n\ngoroutine 1 [running]:\nmain.div(...)\n", 0) == 0);
  CHECK(r.result.exitStatus == 2);
}

TEST_CASE("vm: -l (no inlining) changes the code that runs and the traceback") {
  const char* src = R"(package main

func get(s []int, i int) int {
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	println(get(s, 5))
}
)";
  RunOutcome inl = run(src);
  RunOptions o;
  o.noInline = true;
  RunOutcome noinl = runSource(src, o);
  // Go 1.19: inlined → a "main.get(...)" frame whose file line has no +0x; with -l → a real frame
  // "main.get(<argument words>)" whose file line ends in +0x<offset>.
  CHECK(inl.result.stderrText.find("main.get(...)\n") != std::string::npos);
  CHECK(noinl.result.stderrText.find("main.get(...)") == std::string::npos);
  CHECK(noinl.result.stderrText.find("main.get(") != std::string::npos);
  CHECK(noinl.result.stderrText.find("main.go:4 +0x") != std::string::npos);
  CHECK(inl.result.calls < noinl.result.calls);
}

TEST_CASE("vm: defers in loops (heap records), closures and named results, across stack moves") {
  const char* src = R"(package main

import "fmt"

type acc struct{ n int }

func (a *acc) add(k int) { a.n += k }

func work(depth int, a *acc) int {
	if depth == 0 {
		return a.n
	}
	var pad [32]int
	pad[depth%32] = depth
	return work(depth-1, a) + pad[depth%32] - depth
}

func run(n int) (total int) {
	a := &acc{}
	for i := 0; i < n; i++ {
		defer a.add(i)
		defer func(k int) { total += k * 10 }(i)
	}
	total = work(500, a)
	return
}

func main() {
	fmt.Println(run(5))
	s := []int{}
	for i := 0; i < 3; i++ {
		func() {
			defer func() { s = append(s, i) }()
		}()
	}
	fmt.Println(s)
	m := 0
	for i := 1; i <= 4; i++ {
		defer func() { m += i; fmt.Println("deferred m", m) }()
	}
}
)";
  // Go 1.19 (go run main.go), exit status 0:
  const char* want = "100\n[0 1 2]\ndeferred m 5\ndeferred m 10\ndeferred m 15\ndeferred m 20\n";
  for (int mode = 0; mode < 4; mode++) {
    CAPTURE(mode);
    RunOptions o;
    o.noInline = (mode & 1) != 0;
    o.vm.stackMoveEveryCall = (mode & 2) != 0;
    o.vm.gcEveryAlloc = (mode & 2) != 0;
    RunOutcome r = runSource(src, o);
    REQUIRE(r.compiled);
    CHECK(r.result.stdoutText == want);
    CHECK(r.result.exitStatus == 0);
  }
}

TEST_CASE("vm: a tour of the subset prints what Go 1.19 prints, with and without inlining and knobs") {
  // Method values, variadic calls, a defer changing a named result, multiple results, ranging over
  // UTF-8, 3-index slices and append aliasing, struct/array copies and ==, Printf verbs, conversions,
  // Go 1.19 loop-variable capture, labeled continue/break out of a switch, recursive closures.
  const char* src = R"GO(package main

import "fmt"

type P struct{ X, Y int }

func (p P) Add(q P) P   { return P{p.X + q.X, p.Y + q.Y} }
func (p *P) Scale(k int) { p.X *= k; p.Y *= k }

func sum(xs ...int) (total int) {
	defer func() { total *= 2 }()
	for _, x := range xs {
		total += x
	}
	return total
}

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

type Shape struct {
	Name string
	Pts  [3]P
	Tags []string
}

func main() {
	p := P{1, 2}
	add := p.Add
	p.X = 100
	fmt.Println(add(P{10, 20}), p)
	scale := p.Scale
	scale(3)
	fmt.Println(p)
	fmt.Println(sum(), sum(1, 2, 3), sum([]int{4, 5}...))
	q, r := divmod(17, -5)
	fmt.Println(q, r)
	s := "héllo, 世界"
	for i, c := range s {
		fmt.Print(i, ":", string(c), " ")
	}
	fmt.Println(len(s), []byte(s)[1])
	a := []int{0, 1, 2, 3, 4, 5, 6, 7}
	b := a[2:5:6]
	fmt.Println(len(b), cap(b), b)
	b = append(b, 99)
	fmt.Println(a, b)
	b = append(b, 100)
	b[0] = -1
	fmt.Println(a, b)
	sh := Shape{"tri", [3]P{{0, 0}, {1, 0}, {0, 1}}, []string{"a"}}
	sh2 := sh
	sh2.Pts[1].X = 9
	sh2.Tags[0] = "z"
	fmt.Println(sh, sh2, sh.Pts == sh2.Pts, sh.Pts[0] == sh2.Pts[0])
	fmt.Printf("%v %+v %T %5.2f|%-6s|%06d|%x|%q\n", p, p, p, 3.14159, "ab", -42, 255, "hi\n")
	x0 := 100
	var f float64 = 2.75
	var i8 int8 = int8(f * 50)
	fmt.Println(int(f), uint8(200)+uint8(x0), i8, 1e21, 1e-7)
	funcs := []func() int{}
	for i := 0; i < 3; i++ {
		funcs = append(funcs, func() int { return i * i })
	}
	for _, g := range funcs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
outer:
	for i := 0; i < 3; i++ {
		switch {
		case i == 1:
			continue outer
		case i == 2:
			break outer
		}
		fmt.Println("i", i)
	}
	var fib func(int) int
	fib = func(n int) int {
		if n < 2 {
			return n
		}
		return fib(n-1) + fib(n-2)
	}
	fmt.Println(fib(15))
	m := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	n := m
	n[1][2] = 60
	fmt.Println(m, n, m != n)
	var np *P
	fmt.Println(np == nil, np)
	x := 10
	px := &x
	ppx := &px
	**ppx = 20
	fmt.Println(x, *px == 20)
	fmt.Println(fmt.Sprint("a", 1, 2, "b", 3.5))
}
)GO";
  // Go 1.19 output (go run main.go), exit status 0:
  const char* want = "{11 22} {100 2}\n{300 6}\n0 12 18\n-3 2\n0:h 1:é 3:l 4:l 5:o 6:, 7:  8:世 11:界 14 195\n3 4 [2 3 4]\n[0 1 2 3 4 99 6 7] [2 3 4 99]\n[0 1 2 3 4 99 6 7] [-1 3 4 99 100]\n{tri [{0 0} {1 0} {0 1}] [z]} {tri [{0 0} {9 0} {0 1}] [z]} false true\n{300 6} {X:300 Y:6} main.P  3.14|ab    |-00042|ff|\"hi\\n\"\n2 44 -119 1e+21 1e-07\n9 9 9 \ni 0\n610\n[[1 2 3] [4 5 6]] [[1 2 3] [4 5 60]] true\ntrue <nil>\n20 true\na1 2b3.5\n";
  for (int mode = 0; mode < 3; mode++) {
    CAPTURE(mode);
    RunOptions o;
    o.noInline = mode == 1;
    o.vm.stackMoveEveryCall = mode == 2;
    o.vm.gcEveryAlloc = mode == 2;
    RunOutcome r = runSource(src, o);
    REQUIRE(r.compiled);
    CHECK(r.result.stdoutText == want);
    CHECK(r.result.exitStatus == 0);
  }
}

TEST_CASE("vm: goroutines, select with timeout and default, nil channels, a panic in a goroutine") {
  const char* src = R"GO(package main

import (
	"fmt"
	"time"
)

type job struct {
	id   int
	data []int
}

func worker(id int, jobs <-chan job, results chan<- string, quit chan struct{}) {
	for {
		select {
		case j, ok := <-jobs:
			if !ok {
				results <- fmt.Sprintf("worker %d done", id)
				return
			}
			s := 0
			for _, v := range j.data {
				s += v
			}
			results <- fmt.Sprintf("job %d sum %d", j.id, s)
		case <-quit:
			return
		}
	}
}

func main() {
	jobs := make(chan job)
	results := make(chan string, 10)
	quit := make(chan struct{})
	go worker(1, jobs, results, quit)
	for i := 0; i < 5; i++ {
		d := make([]int, i+1)
		for k := range d {
			d[k] = k * i
		}
		jobs <- job{i, d}
		fmt.Println(<-results)
	}
	close(jobs)
	fmt.Println(<-results)
	close(quit)
	timeout := make(chan bool, 1)
	go func() {
		time.Sleep(5 * time.Millisecond)
		timeout <- true
	}()
	data := make(chan int)
	select {
	case v := <-data:
		fmt.Println("data", v)
	case <-timeout:
		fmt.Println("timeout")
	}
	var nilch chan int
	select {
	case nilch <- 1:
		fmt.Println("impossible")
	default:
		fmt.Println("default")
	}
	counter := make(chan int, 1)
	counter <- 0
	done := make(chan bool)
	for g := 0; g < 10; g++ {
		go func(k int) {
			v := <-counter
			counter <- v + k
			done <- true
		}(g)
	}
	for g := 0; g < 10; g++ {
		<-done
	}
	fmt.Println("total", <-counter)
	ch := make(chan int)
	go func() {
		defer fmt.Println("deferred in goroutine")
		var arr []int
		_ = arr[5]
		ch <- 1
	}()
	<-ch
}
)GO";
  // Go 1.19 (go run main.go): this stdout, then on stderr
  //   panic: runtime error: index out of range [5] with length 0
  //
  //   goroutine 15 [running]:
  //   main.main.func3()
  //   	/tmp/vmt/t2/main.go:85 +0x73
  //   created by main.main
  //   	/tmp/vmt/t2/main.go:82 +0x6dc
  // and the program's exit status 2 (go run adds "exit status 2" and exits 1).
  const char* want = "job 0 sum 0\njob 1 sum 1\njob 2 sum 6\njob 3 sum 18\njob 4 sum 40\nworker 1 done\ntimeout\ndefault\ntotal 45\ndeferred in goroutine\n";
  const std::pair<int, uint64_t> configs[] = {{1, 1}, {4, 2}, {3, 9}};
  for (const auto& config : configs) {
    const int procs = config.first;
    const uint64_t seed = config.second;
    CAPTURE(procs);
    RunOptions o;
    o.tracePath = "/tmp/vmt/t2/main.go";
    o.vm.gomaxprocs = procs;
    o.vm.seed = seed;
    RunOutcome r = runSource(src, o);
    REQUIRE(r.compiled);
    CHECK(r.result.stdoutText == want);
    CHECK(r.result.exitStatus == 2);
    const std::string& e = r.result.stderrText;
    CHECK(e.rfind("panic: runtime error: index out of range [5] with length 0\n\ngoroutine ", 0) == 0);
    CHECK(e.find(" [running]:\nmain.main.func3()\n\t/tmp/vmt/t2/main.go:85 +0x") != std::string::npos);
    CHECK(e.find("\ncreated by main.main\n\t/tmp/vmt/t2/main.go:82 +0x") != std::string::npos);
  }
}

TEST_CASE("vm: segmented stacks (Go 1.2) give the same results and show the hot split") {
  // A loop calls a function with an 800-byte frame from every depth 0..59: with segmented stacks,
  // wherever the call straddles a segment boundary every call splits and every return runs
  // lessstack (the "hot split"); with copying stacks the stack grows a few times and stays grown.
  const char* src = R"(package main

func leaf(n int) int {
	var pad [100]int
	pad[n%100] = n
	return pad[n%100] + 1
}

func probe(d int) int {
	if d == 0 {
		s := 0
		for i := 0; i < 100; i++ {
			s += leaf(i)
		}
		return s
	}
	var pad [8]int
	pad[d%8] = d
	return probe(d-1) + pad[d%8] - d
}

func main() {
	total := 0
	for depth := 0; depth < 60; depth++ {
		total += probe(depth)
	}
	println(total)
}
)";
  RunOptions copying;
  RunOptions segmented;
  segmented.vm.stackMode = gofast::rt::StackMode::Segmented;
  RunOutcome a = runSource(src, copying);
  RunOutcome b = runSource(src, segmented);
  // Go 1.19 prints 303000.
  CHECK(a.result.stderrText == "303000\n");
  CHECK(b.result.stderrText == "303000\n");
  CHECK(a.result.stackGrowths <= 8);
  CHECK(a.result.stackSplits == 0);
  CHECK(b.result.stackSplits >= 100);
  CHECK(b.result.stackSplits == b.result.stackLessstacks);
  CHECK(b.result.stackGrowths == 0);
  // The deep-pointer program is right in segmented mode too (nothing moves, pointers stay valid).
  RunOutcome c = runSource(kDeepPointers, segmented);
  CHECK(c.result.stderrText == "49 42 7\ndeferred 42 7\n");
  CHECK(c.result.stackSplits >= 100);
}
