package main

// SPEC P2: goroutine switches. 1M round trips over unbuffered channels (2M hand-offs); run with
// GOMAXPROCS=1 (gofast run -gomaxprocs 1; GOMAXPROCS=1 for Go).
func main() {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 1000000; i++ {
		ping <- i
		sum += <-pong - i
	}
	close(ping)
	println(sum)
}
