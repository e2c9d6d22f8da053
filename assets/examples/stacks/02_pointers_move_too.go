// Pointers into the stack move with it
// total lives in main's frame and sum gets a pointer to it. While sum recurses, the stack is copied
// several times to bigger places; the copy adjusts the pointer, so the final value is right.
package main

func sum(n int, total *int) {
	if n == 0 {
		return
	}
	*total += n
	sum(n-1, total)
}

func main() {
	total := 0
	sum(5000, &total)
	println("total:", total)
}
