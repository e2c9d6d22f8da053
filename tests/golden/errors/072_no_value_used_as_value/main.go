// Tests: using the result of a function that returns nothing.
package main

import "fmt"

func greet() {
	fmt.Println("hi")
}

func main() {
	v := greet()
	fmt.Println(v)
}
