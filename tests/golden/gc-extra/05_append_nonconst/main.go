package main

// append with non-constant sizes: make with a variable capacity, append of a spread slice, growth loops.

func grow(n int) []int {
	s := make([]int, 0, n)
	for i := 0; i < n; i++ {
		s = append(s, i)
	}
	return s
}

func concat(a, b []int) []int {
	return append(a, b...)
}

func local(n int) int {
	buf := make([]int, 0, 8)
	for i := 0; i < n; i++ {
		buf = append(buf, i*i)
	}
	extra := make([]int, n)
	buf = append(buf, extra...)
	return len(buf)
}

func main() {
	s := grow(5)
	t := concat(s, []int{7, 8})
	println(len(t), local(3))
}
