// Tests: assigning nil to an int and comparing an int with nil.
package main

import "fmt"

func main() {
	var n int = nil
	m := 3
	if m == nil {
		fmt.Println(n)
	}
}
