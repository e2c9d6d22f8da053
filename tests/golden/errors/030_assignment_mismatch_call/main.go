// Tests: two variables assigned from a call that returns one value.
package main

import "fmt"

func f() int {
	return 1
}

func main() {
	a, b := f()
	fmt.Println(a, b)
}
