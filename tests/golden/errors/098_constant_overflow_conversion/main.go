// Tests: converting constants that do not fit into byte and int8.
package main

import "fmt"

func main() {
	a := byte(256)
	b := int8(-129)
	fmt.Println(a, b)
}
