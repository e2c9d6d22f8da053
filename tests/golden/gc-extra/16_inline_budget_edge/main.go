package main

// Functions around the budget of 80: costs just under and just over, and a call to a non-inlinable
// function (57) inside.

func small(a, b, c int) int {
	x := a*b + c
	y := x*x - a
	return x + y
}

func medium(a, b, c int) int {
	x := a*b + c
	y := x*x - a
	z := y*y + b
	w := z*x - c
	v := w + z + y + x
	return v*2 + small(a, b, c)
}

//go:noinline
func opaque(x int) int { return x + 1 }

func withCall(a int) int {
	b := a + 1
	return opaque(b) + b
}

func twoCalls(a int) int {
	return opaque(a) + opaque(a+1)
}

func main() {
	println(small(1, 2, 3), medium(1, 2, 3), withCall(4), twoCalls(5))
}
