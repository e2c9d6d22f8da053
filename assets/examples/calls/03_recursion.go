// Recursion is never inlined
// fib calls itself, so the compiler cannot copy its body into itself forever: every call is a real
// call with its own frame on the goroutine's stack. This is the program of the fib(32) benchmark.
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println(fib(20))
}
