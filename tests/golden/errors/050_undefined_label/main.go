// Tests: break and continue naming labels that do not exist.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		if i == 1 {
			continue Next
		}
		if i == 2 {
			break Done
		}
		fmt.Println(i)
	}
}
