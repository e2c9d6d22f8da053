// Tests: an untyped constant that does not fit in int8 (variable declaration).
package main

import "fmt"

func main() {
	var x int8 = 300
	fmt.Println(x)
}
