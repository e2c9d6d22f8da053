// Tests: a string literal that is not terminated before the end of the line.
package main

import "fmt"

func main() {
	s := "hello
	fmt.Println(s)
}
