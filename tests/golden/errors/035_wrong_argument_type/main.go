// Tests: passing a string where an int parameter is expected.
package main

import "fmt"

func square(n int) int {
	return n * n
}

func main() {
	fmt.Println(square("4"))
}
