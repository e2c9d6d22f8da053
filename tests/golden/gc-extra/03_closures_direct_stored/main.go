package main

// Closures called directly, stored in a local and called, stored in a struct, and returned.

type Handler struct {
	fn func() int
}

func makeAdder(base int) func(int) int {
	return func(x int) int { return base + x }
}

func run(h *Handler) int { return h.fn() }

func main() {
	a := 1
	r := func() int { return a * 2 }()
	b := 10
	f := func() int { b++; return b }
	f()
	c := 5
	h := Handler{fn: func() int { return c }}
	add := makeAdder(r)
	println(r, f(), run(&h), add(3))
}
