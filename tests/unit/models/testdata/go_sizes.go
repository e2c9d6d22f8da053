// Measures what Go 1.19's allocator hands out for "N values" in a slice, for gofast's footprint
// model (src/models/footprint.cpp, Footprint::allocated and ::objects of Collection::GoSlice).
// Run: GOTOOLCHAIN=local GO111MODULE=off GOCACHE=$(mktemp -d) go run go_sizes.go > go_sizes.txt
//
// "alloc.<elem>.<N> <bytes> <objects>": the growth of runtime.MemStats.TotalAlloc and .Mallocs
// while building make([]T, N) and everything its elements reference (into a global, so all of it is
// on the heap). Each line is the median of 5 runs after a GC (tiny blocks start empty).
// "bytes.<elem>.<N> <bytes>": the exact bytes (no allocator rounding): unsafe.Sizeof of the slice,
// N elements and every object they reference, summed over the built values.
package main

import (
	"fmt"
	"runtime"
	"sort"
	"unsafe"
)

type Padded struct {
	a bool
	b int64
	c bool
}

type Named struct {
	n int
	s string
}

var (
	sInt    []int
	sInt32  []int32
	sBool   []bool
	sF64    []float64
	sStr    [][]byte
	sStr5   []string
	sPadded []Padded
	sNamed  []Named
	sPtr    []*Padded
	sSl3    [][]int
)

// str5 makes a distinct heap string of 5 bytes ("s0042"): one 5-byte allocation.
func str5(i int) string {
	var b [5]byte
	b[0] = 's'
	for k := 4; k >= 1; k-- {
		b[k] = byte('0' + i%10)
		i /= 10
	}
	return string(b[:])
}

var builders = []struct {
	name  string
	build func(n int)
}{
	{"int", func(n int) { sInt = make([]int, n) }},
	{"int32", func(n int) { sInt32 = make([]int32, n) }},
	{"bool", func(n int) { sBool = make([]bool, n) }},
	{"float64", func(n int) { sF64 = make([]float64, n) }},
	{"string5", func(n int) {
		sStr5 = make([]string, n)
		for i := range sStr5 {
			sStr5[i] = str5(i)
		}
	}},
	{"struct_padded", func(n int) { sPadded = make([]Padded, n) }},
	{"struct_named", func(n int) {
		sNamed = make([]Named, n)
		for i := range sNamed {
			sNamed[i] = Named{1000 + i, str5(i)}
		}
	}},
	{"ptr_struct_padded", func(n int) {
		sPtr = make([]*Padded, n)
		for i := range sPtr {
			sPtr[i] = &Padded{i%2 == 0, int64(1000 + i), i%2 == 1}
		}
	}},
	{"slice_int3", func(n int) {
		sSl3 = make([][]int, n)
		for i := range sSl3 {
			sSl3[i] = make([]int, 3)
		}
	}},
}

// exact sums unsafe.Sizeof over the slice header, its backing array and what elements reference.
func exact(name string, n int) uintptr {
	switch name {
	case "int":
		return unsafe.Sizeof(sInt) + uintptr(len(sInt))*unsafe.Sizeof(0)
	case "int32":
		return unsafe.Sizeof(sInt32) + uintptr(len(sInt32))*unsafe.Sizeof(int32(0))
	case "bool":
		return unsafe.Sizeof(sBool) + uintptr(len(sBool))*unsafe.Sizeof(false)
	case "float64":
		return unsafe.Sizeof(sF64) + uintptr(len(sF64))*unsafe.Sizeof(0.0)
	case "string5":
		t := unsafe.Sizeof(sStr5) + uintptr(len(sStr5))*unsafe.Sizeof("")
		for _, s := range sStr5 {
			t += uintptr(len(s))
		}
		return t
	case "struct_padded":
		return unsafe.Sizeof(sPadded) + uintptr(len(sPadded))*unsafe.Sizeof(Padded{})
	case "struct_named":
		t := unsafe.Sizeof(sNamed) + uintptr(len(sNamed))*unsafe.Sizeof(Named{})
		for _, v := range sNamed {
			t += uintptr(len(v.s))
		}
		return t
	case "ptr_struct_padded":
		t := unsafe.Sizeof(sPtr) + uintptr(len(sPtr))*unsafe.Sizeof(&Padded{})
		for _, p := range sPtr {
			t += unsafe.Sizeof(*p)
		}
		return t
	case "slice_int3":
		t := unsafe.Sizeof(sSl3) + uintptr(len(sSl3))*unsafe.Sizeof([]int{})
		for _, s := range sSl3 {
			t += uintptr(len(s)) * unsafe.Sizeof(0)
		}
		return t
	}
	panic(name)
}

func main() {
	fmt.Println("#", runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
	var a, b runtime.MemStats
	for _, bl := range builders {
		for _, n := range []int{0, 1, 2, 10, 1000, 5000} {
			var bytes, objs []uint64
			for r := 0; r < 5; r++ {
				runtime.GC()
				runtime.ReadMemStats(&a)
				bl.build(n)
				runtime.ReadMemStats(&b)
				bytes = append(bytes, b.TotalAlloc-a.TotalAlloc)
				objs = append(objs, b.Mallocs-a.Mallocs)
			}
			sort.Slice(bytes, func(i, j int) bool { return bytes[i] < bytes[j] })
			sort.Slice(objs, func(i, j int) bool { return objs[i] < objs[j] })
			fmt.Printf("alloc.%s.%d %d %d\n", bl.name, n, bytes[2], objs[2])
			fmt.Printf("bytes.%s.%d %d\n", bl.name, n, exact(bl.name, n))
		}
	}
}
