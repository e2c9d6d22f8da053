package main

// Range loops and pointers: address of the loop variable, of elements, and ranging over pointer slices.

type Item struct {
	v int
}

var all []*Item

func collect(items []Item) {
	for i := range items {
		all = append(all, &items[i])
	}
}

func addrOfLoopVar(items []Item) *Item {
	var last *Item
	for _, it := range items {
		last = &it
	}
	return last
}

func total(ps []*Item) int {
	t := 0
	for _, p := range ps {
		t += p.v
	}
	return t
}

func main() {
	items := []Item{{1}, {2}}
	collect(items)
	l := addrOfLoopVar(items)
	arr := [2]Item{{3}, {4}}
	ptrs := []*Item{&arr[0], &arr[1]}
	println(l.v, total(ptrs), len(all))
}
