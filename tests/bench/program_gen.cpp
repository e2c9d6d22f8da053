#include "program_gen.h"

#include <cstdio>

namespace gofast::bench {

namespace {

// One unit is kUnitLines lines (counted below by the test in tests/unit/bench_gen_test.cpp).
constexpr const char* kUnit = R"(type Point%1$d struct {
	X, Y int
	Name string
	Next *Point%1$d
}

func (p *Point%1$d) Move(dx, dy int) {
	p.X += dx
	p.Y += dy
}

func (p Point%1$d) Sum() int {
	return p.X + p.Y
}

func work%1$d(n int, xs []int) (int, bool) {
	total := 0
	for i := 0; i < n; i++ {
		if i%%3 == 0 {
			total += i
		} else if i%%5 == 0 {
			total -= i
		} else {
			total ^= i
		}
	}
	for _, x := range xs {
		total += x * %2$d
	}
	p := &Point%1$d{X: n, Y: total, Name: "p%1$d"}
	p.Move(1, 2)
	s := fmt.Sprintf("%%d-%%s", p.Sum(), p.Name)
	f := func(a int) int { return a + len(s) }
	switch {
	case total > 100:
		total = f(total)
	default:
		total = f(-total)
	}
	ch := make(chan int, 1)
	ch <- total
	v := <-ch
	return v, v > 0
}

)";
constexpr int kUnitLines = 46;

}  // namespace

std::string generateProgram(int lines) {
  int units = lines / (kUnitLines + 1) + 1;  // + 3 lines in main per unit
  std::string out = "package main\n\nimport \"fmt\"\n\n";
  std::string buf(4096, '\0');
  for (int u = 0; u < units; ++u) {
    int n = std::snprintf(buf.data(), buf.size(), kUnit, u, u % 7 + 1);
    out.append(buf.data(), static_cast<size_t>(n));
  }
  out += "func main() {\n\txs := []int{1, 2, 3}\n\tsum := 0\n";
  for (int u = 0; u < units; ++u) {
    int n = std::snprintf(buf.data(), buf.size(), "\tif v, ok := work%d(%d, xs); ok {\n\t\tsum += v\n\t}\n", u, u % 50);
    out.append(buf.data(), static_cast<size_t>(n));
  }
  out += "\tfmt.Println(sum)\n}\n";
  return out;
}

}  // namespace gofast::bench
