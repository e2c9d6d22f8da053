// Tests: one variable assigned from a call that returns two values.
package main

import "fmt"

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func main() {
	q := divmod(7, 2)
	fmt.Println(q)
}
