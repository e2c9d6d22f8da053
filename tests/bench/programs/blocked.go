package main

// SPEC P3: 100k goroutines, each blocked on a channel receive, then all released.
func main() {
	const n = 100000
	start := make(chan bool)
	done := make(chan int, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			<-start
			done <- i & 1
		}(i)
	}
	close(start)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println(sum)
}
