// Tests: constant overflow in an assignment and in a function argument.
package main

import "fmt"

func show(v uint8) {
	fmt.Println(v)
}

func main() {
	var small int16
	small = 40000
	show(1000)
	fmt.Println(small)
}
