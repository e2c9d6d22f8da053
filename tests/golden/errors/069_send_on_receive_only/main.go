// Tests: sending on a receive-only channel.
package main

import "fmt"

func produce(ch <-chan int) {
	ch <- 1
}

func main() {
	ch := make(chan int, 1)
	produce(ch)
	fmt.Println(<-ch)
}
