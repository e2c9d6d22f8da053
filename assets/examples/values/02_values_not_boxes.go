// Values, not boxes
// A Go int is 8 bytes of number and nothing else: no header, no type pointer, no reference count.
// An array of 1000 of them is 8000 contiguous bytes. Compare the Footprint panel's Python and Java.
package main

import "unsafe"

type Celsius float64

func main() {
	var i int
	var i32 int32
	var b bool
	var f float64
	var t Celsius
	var a [1000]int
	println("int", unsafe.Sizeof(i), "int32", unsafe.Sizeof(i32), "bool", unsafe.Sizeof(b))
	println("float64", unsafe.Sizeof(f), "Celsius", unsafe.Sizeof(t))
	println("[1000]int", unsafe.Sizeof(a))
}
