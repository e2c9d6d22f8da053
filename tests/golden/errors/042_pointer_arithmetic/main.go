// Tests: arithmetic on a pointer (p + 1).
package main

import "fmt"

func main() {
	x := 10
	p := &x
	q := p + 1
	fmt.Println(q)
}
