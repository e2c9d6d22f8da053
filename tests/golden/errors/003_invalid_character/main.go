// Tests: an invalid character (@) in an expression.
package main

import "fmt"

func main() {
	x := 1 @ 2
	fmt.Println(x)
}
