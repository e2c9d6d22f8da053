// A big frame grows the stack at once
// work needs an 8 KiB local array: more than the whole 2 KiB starting stack, so its prologue fails on
// the first call and the stack is doubled until the frame fits (2, 4, 8, then 16 KiB).
package main

func work(seed int) int {
	var buf [1024]int
	for i := range buf {
		buf[i] = seed + i
	}
	return buf[1023] - buf[0]
}

func main() {
	println("difference:", work(7))
}
