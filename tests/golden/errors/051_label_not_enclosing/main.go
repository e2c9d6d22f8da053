// Tests: break naming a label that does not label an enclosing loop.
package main

import "fmt"

func main() {
Outer:
	for i := 0; i < 2; i++ {
		fmt.Println(i)
	}
	for j := 0; j < 2; j++ {
		break Outer
	}
}
