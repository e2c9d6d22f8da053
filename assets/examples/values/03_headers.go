// Strings and slices are small headers
// A string is a pointer and a length (16 bytes); a slice adds a capacity (24 bytes). The elements
// live in one contiguous block elsewhere, so passing a slice copies 24 bytes, not the data.
package main

import "unsafe"

type Pixel struct {
	R, G, B uint8
}

func main() {
	s := "hello, world"
	xs := make([]int, 100)
	img := make([]Pixel, 1920*1080)
	println("string header:", unsafe.Sizeof(s), "bytes for", len(s), "characters")
	println("slice header:", unsafe.Sizeof(xs), "bytes for", len(xs), "ints")
	println("one pixel:", unsafe.Sizeof(img[0]), "bytes; the image:", len(img)*int(unsafe.Sizeof(img[0])), "bytes")
}
