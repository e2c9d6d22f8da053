// Tests: converting a string to int and a slice to an int.
package main

import "fmt"

func main() {
	s := "5"
	xs := []int{1}
	a := int(s)
	b := int(xs)
	fmt.Println(a, b)
}
