// The budget of 80
// Go 1.19 prices a function by counting the nodes of its body; a call to a function that is not
// inlined adds 57. Up to 80 the body is copied into callers, above it the call stays a call.
package main

func clamp(x, lo, hi int) int {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

//go:noinline
func next(n int) int {
	if n%2 == 0 {
		return n / 2
	}
	return 3*n + 1
}

// collatz would be cheap, but its call to next (not inlinable) costs 57 more: over budget.
func collatz(n int) int {
	steps := 0
	for n != 1 && steps < 1000 {
		n = next(n)
		steps++
	}
	if steps > 100 {
		println("long chain:", steps, "steps")
	}
	return steps
}

func main() {
	println(clamp(15, 0, 10), collatz(27))
}
