// Tests: ranging over an int (not allowed in Go 1.19).
package main

import "fmt"

func main() {
	n := 3
	for i := range n {
		fmt.Println(i)
	}
}
