// Tests: a function body that is never closed (unexpected EOF).
package main

import "fmt"

func main() {
	fmt.Println("hello")
