// A pipeline of stages
// Three goroutines connected by channels: each blocks when it has nothing to do, and the scheduler
// runs whichever is ready. Watch them park and wake in the Scheduler panel.
package main

import "fmt"

func generate(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func main() {
	total := 0
	for v := range square(generate(10)) {
		total += v
	}
	fmt.Println("sum of squares 1..10:", total)
}
