// Ten thousand goroutines are cheap
// Each goroutine starts with a 2 KiB stack, so 10,000 of them need about 20 MiB of stack at most;
// 10,000 OS threads would reserve 80 GiB of address space (8 MiB each) and far more time to create.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 10000
	var wg sync.WaitGroup
	results := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results <- i % 7
		}(i)
	}
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("goroutines:", n, "sum:", sum)
}
