// Tests: returning a value from a function with no results.
package main

import "fmt"

func hello() {
	fmt.Println("hello")
	return 1
}

func main() {
	hello()
}
