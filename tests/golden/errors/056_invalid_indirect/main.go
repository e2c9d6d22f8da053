// Tests: dereferencing a value that is not a pointer.
package main

import "fmt"

func main() {
	n := 42
	fmt.Println(*n)
}
