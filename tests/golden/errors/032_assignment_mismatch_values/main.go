// Tests: three variables but only two values in a short variable declaration.
package main

import "fmt"

func main() {
	a, b, c := 1, 2
	fmt.Println(a, b, c)
}
