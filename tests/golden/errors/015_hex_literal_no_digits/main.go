// Tests: a hexadecimal literal with no digits (0x).
package main

import "fmt"

func main() {
	x := 0x
	fmt.Println(x)
}
