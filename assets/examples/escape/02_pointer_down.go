// Pointers passed down stay on the stack
// add only reads through its pointer and does not keep it, so escape analysis proves that total
// can stay in main's frame even though its address is taken.
package main

func add(total *int, xs []int) {
	for _, x := range xs {
		*total += x
	}
}

func main() {
	total := 0
	nums := []int{1, 2, 3, 4}
	add(&total, nums)
	println(total)
}
