// Tests: calling a pointer method on a non-addressable struct value.
package main

import "fmt"

type T struct {
	n int
}

func (t *T) Set(v int) { t.n = v }

func makeT() T { return T{} }

func main() {
	makeT().Set(3)
	fmt.Println("done")
}
