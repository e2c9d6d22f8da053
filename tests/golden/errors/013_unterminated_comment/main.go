// Tests: a block comment that is never closed.
package main

import "fmt"

func main() {
	fmt.Println("start")
	/* this comment never ends
	fmt.Println("end")
}
