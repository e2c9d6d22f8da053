// Tests: a struct literal that sets the same field twice and names an unknown field.
package main

import "fmt"

type Point struct {
	X, Y int
}

func main() {
	p := Point{X: 1, X: 2}
	q := Point{X: 1, Z: 3}
	fmt.Println(p, q)
}
