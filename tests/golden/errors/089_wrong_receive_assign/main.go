// Tests: the comma-ok receive form with three variables, and receiving from a non-channel.
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	ch <- 1
	v, ok, extra := <-ch
	n := 5
	w := <-n
	fmt.Println(v, ok, extra, w)
}
