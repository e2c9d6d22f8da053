package main

// The 64 KiB implicit stack limit (MaxImplicitStackVarSize) for make, new and &T{}, and big declared arrays.

type Big struct {
	data [8192]int
}

type Bigger struct {
	data [8193]int
}

func main() {
	a := make([]byte, 65536)
	b := make([]byte, 65537)
	c := make([]int, 8192)
	d := make([]int, 8193)
	e := new([8192]int)
	f := new([8193]int)
	g := &Big{}
	h := &Bigger{}
	var arr [100000]int
	arr[0] = 1
	println(len(a), len(b), len(c), len(d), e[0], f[0], g.data[0], h.data[0], arr[0])
}
