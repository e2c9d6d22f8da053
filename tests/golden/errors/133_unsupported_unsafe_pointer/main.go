// Tests (unsupported): unsafe.Pointer (only Sizeof/Alignof/Offsetof are in the subset).
package main

import (
	"fmt"
	"unsafe"
)

func main() {
	x := 7
	p := unsafe.Pointer(&x)
	fmt.Println(p != nil, unsafe.Sizeof(x))
}
