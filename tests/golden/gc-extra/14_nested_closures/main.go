package main

// Nested closures: an inner literal capturing variables of two enclosing functions.

func counterPair() (func() int, func() int) {
	n := 0
	inc := func() int {
		step := 1
		add := func() { n += step }
		add()
		return n
	}
	get := func() int { return n }
	return inc, get
}

func main() {
	inc, get := counterPair()
	inc()
	inc()
	total := 0
	func() {
		func() { total += get() }()
	}()
	println(total)
}
