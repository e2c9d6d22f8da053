package main

// Structs for `gofast layout`'s reordering (layout_test.cpp): each X is followed by XR, the same
// fields in the order gofast proposes (zero-size fields first, then by alignment, largest first,
// stable). dump.go prints Go 1.19's sizes of both, so the test checks our sizes and savings against
// Go's, and our proposed order against XR's field order.

type Padded struct {
	a bool
	b int64
	c bool
}

type PaddedR struct {
	b int64
	a bool
	c bool
}

type Mixed struct {
	a bool
	b int32
	c bool
	d int64
	e bool
}

type MixedR struct {
	d int64
	b int32
	a bool
	c bool
	e bool
}

type Small struct {
	a int8
	b int32
	c int8
	d int16
}

type SmallR struct {
	b int32
	d int16
	a int8
	c int8
}

type ZeroTail struct {
	a int32
	z struct{}
}

type ZeroTailR struct {
	z struct{}
	a int32
}

type Minimal struct {
	a int64
	b int32
	c int16
	d bool
}

type MinimalR struct {
	a int64
	b int32
	c int16
	d bool
}

type Nested struct {
	a  bool
	in struct {
		x int64
		y bool
	}
	c bool
}

type NestedR struct {
	in struct {
		x int64
		y bool
	}
	a bool
	c bool
}

type Words struct {
	flag bool
	name string
	n    uint16
	data []byte
	ok   bool
	id   int32
}

type WordsR struct {
	name string
	data []byte
	id   int32
	n    uint16
	flag bool
	ok   bool
}
