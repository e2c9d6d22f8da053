// Tests: taking the address of a constant and of a call result.
package main

import "fmt"

const max = 100

func one() int { return 1 }

func main() {
	p := &max
	q := &one()
	fmt.Println(p, q)
}
