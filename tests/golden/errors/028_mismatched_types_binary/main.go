// Tests: adding an int and a string (mismatched types in a binary operation).
package main

import "fmt"

func main() {
	n := 3
	s := "three"
	fmt.Println(n + s)
}
