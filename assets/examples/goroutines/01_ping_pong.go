// Ping-pong: two goroutines take turns
// Each send on an unbuffered channel hands the value straight to the waiting goroutine and makes it
// runnable in the sender's P (runnext): a goroutine switch costs a few hundred nanoseconds, no kernel.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, done chan<- bool) {
	for {
		ball, ok := <-in
		if !ok {
			done <- true
			return
		}
		fmt.Println(name, "hits", ball)
		if ball == 6 {
			close(out)
			done <- true
			return
		}
		out <- ball + 1
	}
}

func main() {
	ping, pong := make(chan int), make(chan int)
	done := make(chan bool)
	go player("ping", ping, pong, done)
	go player("pong", pong, ping, done)
	ping <- 1
	<-done
	<-done
}
