// Tests: use of untyped nil in a short variable declaration.
package main

import "fmt"

func main() {
	x := nil
	fmt.Println(x)
}
