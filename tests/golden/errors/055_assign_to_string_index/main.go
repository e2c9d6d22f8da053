// Tests: assigning to an element of a string (strings are immutable).
package main

import "fmt"

func main() {
	s := "hello"
	s[0] = 'H'
	fmt.Println(s)
}
