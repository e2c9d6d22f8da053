// Tests: a rune literal holding more than one character.
package main

import "fmt"

func main() {
	c := 'ab'
	fmt.Println(c)
}
