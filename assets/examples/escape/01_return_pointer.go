// Returning a pointer moves a variable to the heap
// p lives in newPoint's frame, but &p is returned, so it must outlive the frame: the compiler
// moves p to the heap. byValue returns a copy instead and needs no heap at all.
package main

type Point struct {
	X, Y int
}

func newPoint(x, y int) *Point {
	p := Point{x, y}
	return &p
}

func byValue(x, y int) Point {
	p := Point{x, y}
	return p
}

func main() {
	a := newPoint(1, 2)
	b := byValue(3, 4)
	println(a.X+b.X, a.Y+b.Y)
}
