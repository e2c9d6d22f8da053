// Tests: iota-based typed constants that overflow uint8.
package main

import "fmt"

const (
	A uint8 = 1 << (iota * 4)
	B
	C
)

func main() {
	fmt.Println(A, B, C)
}
