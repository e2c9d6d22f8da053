// Tests: unused variables inside a closure and in a range clause.
package main

import "fmt"

func main() {
	xs := []int{1, 2, 3}
	for i, v := range xs {
		fmt.Println(v)
	}
	f := func() {
		tmp := 3
	}
	f()
}
