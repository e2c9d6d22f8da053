package main

// Prints Go 1.19's unsafe.Sizeof of the structs in types.go.
// Run: GOTOOLCHAIN=local GO111MODULE=off GOCACHE=$(mktemp -d) go run dump.go types.go > expected.txt

import (
	"fmt"
	"unsafe"
)

func main() {
	fmt.Println("Padded", unsafe.Sizeof(Padded{}), unsafe.Sizeof(PaddedR{}))
	fmt.Println("Mixed", unsafe.Sizeof(Mixed{}), unsafe.Sizeof(MixedR{}))
	fmt.Println("Small", unsafe.Sizeof(Small{}), unsafe.Sizeof(SmallR{}))
	fmt.Println("ZeroTail", unsafe.Sizeof(ZeroTail{}), unsafe.Sizeof(ZeroTailR{}))
	fmt.Println("Minimal", unsafe.Sizeof(Minimal{}), unsafe.Sizeof(MinimalR{}))
	fmt.Println("Nested", unsafe.Sizeof(Nested{}), unsafe.Sizeof(NestedR{}))
	fmt.Println("Words", unsafe.Sizeof(Words{}), unsafe.Sizeof(WordsR{}))
}
