// Tests: a call whose argument list is missing its closing parenthesis.
package main

import "fmt"

func main() {
	x := 3
	fmt.Println("x is", x
}
