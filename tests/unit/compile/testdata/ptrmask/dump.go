package main

// Prints Go 1.19's ptrdata and pointer mask (the runtime type's gcdata) of the types in types.go.
// Run: GOTOOLCHAIN=local GO111MODULE=off GOCACHE=$(mktemp -d) go run dump.go types.go > expected.txt
// The header below mirrors reflect.rtype / runtime._type in Go 1.19 (src/reflect/type.go).

import (
	"fmt"
	"unsafe"
)

type rtype struct {
	size       uintptr
	ptrdata    uintptr
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      func(unsafe.Pointer, unsafe.Pointer) bool
	gcdata     *byte
	str        int32
	ptrToThis  int32
}

type eface struct {
	typ  *rtype
	data unsafe.Pointer
}

const kindGCProg = 1 << 6 // runtime/typekind.go

func dump(name string, x any) {
	t := (*eface)(unsafe.Pointer(&x)).typ
	if t.kind&kindGCProg != 0 {
		panic(name + ": GC program")
	}
	words := t.ptrdata / 8
	n := (words + 7) / 8
	fmt.Printf("%s size=%d ptrdata=%d mask=", name, t.size, t.ptrdata)
	if n == 0 {
		fmt.Print("-")
	}
	for i := uintptr(0); i < n; i++ {
		b := *(*byte)(unsafe.Pointer(uintptr(unsafe.Pointer(t.gcdata)) + i))
		fmt.Printf("%02x", b)
	}
	fmt.Println()
}

func main() {
	dump("Node", Node{})
	dump("P0", P0{})
	dump("P1", P1{})
	dump("P2", P2{})
	dump("P3", P3{})
	dump("P4", P4{})
	dump("P5", P5{})
	dump("P6", P6{})
	dump("P7", P7{})
	dump("P8", P8{})
	dump("P9", P9{})
	dump("MyStr", MyStr(""))
	dump("P10", P10{})
}
