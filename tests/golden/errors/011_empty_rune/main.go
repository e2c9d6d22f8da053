// Tests: an empty rune literal ''.
package main

import "fmt"

func main() {
	c := ''
	fmt.Println(c)
}
