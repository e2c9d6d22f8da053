// Big or unknown sizes go to the heap
// An implicit allocation (make, new, &T{}) stays on the stack only if its size is known and at most
// 64 KiB (maxImplicitStackVarSize in Go 1.19). 8192 ints are exactly 64 KiB; 8193 are not.
package main

func sizes(n int) int {
	fits := make([]int, 8192)
	tooBig := make([]int, 8193)
	unknown := make([]int, n)
	return len(fits) + len(tooBig) + len(unknown)
}

func main() {
	println(sizes(10))
}
