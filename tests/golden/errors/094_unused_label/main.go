// Tests: a label that is defined but never used.
package main

import "fmt"

func main() {
Loop:
	for i := 0; i < 3; i++ {
		fmt.Println(i)
	}
}
