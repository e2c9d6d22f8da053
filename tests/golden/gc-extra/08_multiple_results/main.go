package main

// Multiple results: pointers returned in pairs, forwarded with f(g()), and discarded.

type Pair struct {
	a, b int
}

//go:noinline
func split(p *Pair) (*int, *int) {
	return &p.a, &p.b
}

func both() (*int, *int) {
	x, y := 1, 2
	return &x, &y
}

func pick(a, b *int) *int {
	if *a > *b {
		return a
	}
	return b
}

func main() {
	p := Pair{3, 4}
	x, y := split(&p)
	u, _ := both()
	q := pick(both())
	println(*x, *y, *u, *q)
}
