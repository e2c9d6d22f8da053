// Tests: a number literal ending in an underscore (1_).
package main

import "fmt"

func main() {
	x := 1_
	fmt.Println(x)
}
