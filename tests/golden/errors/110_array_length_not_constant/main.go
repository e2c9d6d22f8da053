// Tests: an array length that is not a constant, and a negative array length.
package main

import "fmt"

func main() {
	n := 4
	var a [n]int
	var b [-1]int
	fmt.Println(a, b)
}
