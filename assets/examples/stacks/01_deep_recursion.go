// A stack that grows
// Every goroutine starts with 2 KiB of stack. When a call needs more, the function's prologue sees
// it and the runtime copies the whole stack to one twice as big, fixing every pointer into it.
package main

func depth(n int) int {
	var pad [16]int
	pad[n%16] = n
	if n == 0 {
		return pad[0]
	}
	return depth(n-1) + pad[n%16] - n + 1
}

func main() {
	println("calls:", depth(10000))
}
