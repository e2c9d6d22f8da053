// Small functions cost nothing
// add and square are tiny, so the compiler copies their bodies into main: no call, no frame, no
// return. Run `gofast build -m` (or look at the notes) to see "can inline" and "inlining call to".
package main

func add(a, b int) int {
	return a + b
}

func square(x int) int {
	return x * x
}

// sumOfSquares calls both; it is still small enough to be inlined itself (mid-stack inlining).
func sumOfSquares(a, b int) int {
	return add(square(a), square(b))
}

func main() {
	total := 0
	for i := 0; i < 10; i++ {
		total += sumOfSquares(i, i+1)
	}
	println(total)
}
