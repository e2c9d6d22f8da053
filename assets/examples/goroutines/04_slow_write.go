// Slow writes: a P handed off during a system call
// fmt.Println is a write(2) system call. While it runs, its goroutine is _Gsyscall and its P waits in
// _Psyscall. If the write takes longer than one sysmon tick (20 us) and the P has other work, sysmon
// takes the P away and hands it to another M, so the workers keep computing during the write. Run it
// with a slow write latency (say 100 us) and watch the Handoff events on the timeline.
package main

import "fmt"

// work computes for a while without any system call.
func work(id int, results chan<- int) {
	sum := 0
	for i := 0; i < 200000; i++ {
		sum += i % (id + 2)
	}
	results <- sum
}

func main() {
	results := make(chan int)
	for id := 0; id < 4; id++ {
		go work(id, results) // runnable, waiting for a P
	}
	// Each line is one write(2): the P may be handed off while main waits for the kernel.
	for line := 1; line <= 3; line++ {
		fmt.Println("main writes line", line)
	}
	total := 0
	for id := 0; id < 4; id++ {
		total += <-results
	}
	fmt.Println("workers computed", total)
}
