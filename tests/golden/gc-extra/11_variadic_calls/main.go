package main

// Variadic calls: implicit ... slices, spread slices, pointer arguments to a variadic callee.

var saved []*int

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func keepAll(ps ...*int) {
	saved = append(saved, ps...)
}

func first(ps ...*int) *int {
	return ps[0]
}

func main() {
	println(sum(), sum(1, 2, 3))
	nums := []int{4, 5}
	println(sum(nums...))
	a, b := 1, 2
	keepAll(&a, &b)
	c := 3
	println(*first(&c))
}
