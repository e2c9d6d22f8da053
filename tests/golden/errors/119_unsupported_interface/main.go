// Tests (unsupported): an interface type declaration; reported at the interface keyword.
package main

import "fmt"

type Shape interface {
	Area() int
}

func main() {
	fmt.Println("shapes")
}
