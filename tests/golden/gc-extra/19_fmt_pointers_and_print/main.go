package main

import "fmt"

// Pointers and values through fmt.Print / Printf / Println inlined into the caller: a pointer argument
// moves its variable to the heap (through fmt.a), a concatenated format string, and a deferred and a
// go'd fmt call, which Go does not inline.

type T struct {
	a, b int
}

func show(p *T) {
	fmt.Println(p)
}

func main() {
	x := 1
	fmt.Print(&x, "\n")
	t := T{1, 2}
	show(&t)
	prefix := "v="
	fmt.Printf(prefix+"%d\n", x)
	defer fmt.Println("bye", x)
	done := make(chan bool)
	go func() {
		fmt.Println("go")
		done <- true
	}()
	<-done
}
