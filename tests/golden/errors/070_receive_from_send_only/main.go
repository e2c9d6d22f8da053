// Tests: receiving from a send-only channel and closing a receive-only channel.
package main

import "fmt"

func drain(out chan<- int, in <-chan int) {
	fmt.Println(<-out)
	close(in)
}

func main() {
	ch := make(chan int, 1)
	drain(ch, ch)
}
