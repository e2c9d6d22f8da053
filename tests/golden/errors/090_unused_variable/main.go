// Tests: a local variable that is declared but never used.
package main

import "fmt"

func main() {
	x := 1
	y := 2
	fmt.Println(y)
}
