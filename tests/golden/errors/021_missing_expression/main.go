// Tests: a binary expression with its right operand missing before }.
package main

import "fmt"

func main() {
	x := 1
	fmt.Println(x)
	y := x +
}
