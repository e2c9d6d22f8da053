// Generates the rune table of src/runtime/fmt_isprint.cpp from real Go 1.19 (strconv.IsPrint):
//
//	GOTOOLCHAIN=local GO111MODULE=off go run genisprint.go
//
// and paste the {lo, hi} lines into kPrintable.
package main

import (
	"fmt"
	"strconv"
)

// emits the ranges [lo, hi] of runes for which Go 1.19's strconv.IsPrint is true.
func main() {
	n := 0
	in := false
	var lo rune
	for r := rune(0); r <= 0x110000; r++ {
		p := r <= 0x10FFFF && strconv.IsPrint(r)
		if p && !in {
			lo = r
			in = true
		} else if !p && in {
			fmt.Printf("{0x%X, 0x%X},", lo, r-1)
			n++
			if n%6 == 0 {
				fmt.Println()
			}
			in = false
		}
	}
	fmt.Printf("\n// %d ranges\n", n)
}
