package main

// Slicing arrays: local arrays sliced and passed down, returned, stored; slicing an array pointer.

var global []int

func sum(s []int) int {
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

func firstHalf(p *[8]int) []int { return p[:4] }

func main() {
	var a [8]int
	for i := range a {
		a[i] = i
	}
	println(sum(a[:]), sum(a[2:5]))
	var b [4]int
	global = b[1:3]
	var c [8]int
	h := firstHalf(&c)
	var d [3]int
	s := d[:2:3]
	println(len(h), len(s), len(global))
}
