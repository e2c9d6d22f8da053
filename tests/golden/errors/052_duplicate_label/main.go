// Tests: the same label defined twice in one function.
package main

import "fmt"

func main() {
L:
	for i := 0; i < 2; i++ {
		fmt.Println(i)
		break L
	}
L:
	for {
		break L
	}
}
