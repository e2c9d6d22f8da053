// Tests: two elements of a composite literal not separated by a comma.
package main

import "fmt"

type Point struct {
	X, Y int
}

func main() {
	p := Point{X: 1 Y: 2}
	fmt.Println(p)
}
