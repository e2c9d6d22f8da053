// Tests: an unknown escape sequence in a string literal.
package main

import "fmt"

func main() {
	s := "tab\qhere"
	fmt.Println(s)
}
