// Tests: defer and go applied to expressions that are not calls.
package main

import "fmt"

func main() {
	f := func() { fmt.Println("x") }
	defer f
	go f
}
