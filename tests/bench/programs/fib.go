package main

// SPEC P1: call-heavy code. fib(32) makes 7,049,155 calls.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println(fib(32))
}
