package main

// Types whose pointer masks (gcdata) and ptrdata layout_test.cpp compares with Go 1.19's. This file is
// also read by gofast's front end (it uses only gofast's subset); dump.go prints Go's answers.

type Node struct {
	next *Node
	val  int
}

type P0 struct {
	a int64
	b *int
	c string
	d []byte
	e bool
}

type P1 struct {
	n    int
	s    string
	tail [3]int64
}

type P2 struct {
	a [4]*int
	b int
	c [2]string
}

type P3 struct {
	x  int32
	y  int32
	ch chan int
	f  func()
	u  uintptr
}

type P4 struct {
	e  error
	n  int
	a  any
	b8 byte
}

type P5 struct {
	hdr   [2]uint64
	inner struct {
		p *Node
		q int
		r []int
	}
	z struct{}
}

type P6 [3]struct {
	k int
	v *int
}

type P7 struct {
	big [70]*byte
	x   int
	s   string
}

type P8 struct {
	a float64
	b [2]float64
	c [5]int32
}

type P9 struct {
	m  [2][2]*int
	t  bool
	sl [][]int
}

type MyStr string

type P10 struct {
	n int
	u *uintptr
	s MyStr
	i [2]any
}
