package main

import "sync"

// Callees with go, defer and select: which ones Go 1.19 inlines, and the reasons for the others.

var mu sync.Mutex

func locked(p *int) {
	mu.Lock()
	defer mu.Unlock()
	*p++
}

func spawn(ch chan int) {
	go func() { ch <- 1 }()
}

func poll(ch chan int) int {
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

func relay(in, out chan int) {
	for v := range in {
		out <- v
	}
}

func main() {
	n := 0
	locked(&n)
	ch := make(chan int, 1)
	spawn(ch)
	println(poll(ch), n)
	in := make(chan int, 1)
	out := make(chan int, 1)
	in <- 5
	close(in)
	relay(in, out)
	println(<-out)
}
