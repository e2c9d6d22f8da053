// Tests: calling a method that is not declared on the type (via a pointer).
package main

import "fmt"

type Counter struct {
	n int
}

func (c *Counter) Inc() { c.n++ }

func main() {
	c := &Counter{}
	c.Inc()
	c.Reset()
	fmt.Println(c.n)
}
