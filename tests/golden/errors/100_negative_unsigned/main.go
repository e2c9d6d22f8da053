// Tests: a negative constant assigned to an unsigned type.
package main

import "fmt"

func main() {
	var u uint = -1
	var b byte = 'a' - 100
	fmt.Println(u, b)
}
