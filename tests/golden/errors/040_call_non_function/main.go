// Tests: calling a variable of type int as if it were a function.
package main

import "fmt"

func main() {
	x := 5
	y := x(2)
	fmt.Println(y)
}
