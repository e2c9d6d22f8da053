// Field order decides a struct's size
// Every field sits at a multiple of its alignment, so a bool before an int64 leaves 7 unused bytes.
// Listing the big fields first removes the holes: the same three fields take 16 bytes instead of 24.
package main

import "unsafe"

type Padded struct {
	a bool
	b int64
	c bool
}

type Packed struct {
	b int64
	a bool
	c bool
}

type Point struct {
	X, Y int32
}

func main() {
	println("Padded:", unsafe.Sizeof(Padded{}), "bytes")
	println("Packed:", unsafe.Sizeof(Packed{}), "bytes")
	println("Point: ", unsafe.Sizeof(Point{}), "bytes")
	var p Padded
	println("offsets:", unsafe.Offsetof(p.a), unsafe.Offsetof(p.b), unsafe.Offsetof(p.c))
}
