// Tests: a rune literal that is not terminated.
package main

import "fmt"

func main() {
	c := 'a
	fmt.Println(c)
}
