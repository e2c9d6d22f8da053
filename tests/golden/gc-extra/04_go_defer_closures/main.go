package main

import "sync"

// go and defer with closures: captured variables, arguments, and a defer inside a loop.

func worker(wg *sync.WaitGroup, out *int, v int) {
	defer wg.Done()
	*out = v * 2
}

func cleanup(p *int) { *p = 0 }

func process(n int) int {
	total := 0
	defer func() { println("total", total) }()
	for i := 0; i < n; i++ {
		x := i
		defer cleanup(&x)
		total += x
	}
	return total
}

func main() {
	var wg sync.WaitGroup
	results := make([]int, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go worker(&wg, &results[i], i)
	}
	msg := "done"
	wg.Add(1)
	go func() {
		defer wg.Done()
		println(msg)
	}()
	wg.Wait()
	println(process(3), results[0])
}
