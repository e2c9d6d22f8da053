// Tests: a variable declared twice in the same block.
package main

import "fmt"

func main() {
	var x int = 1
	var x string = "one"
	fmt.Println(x)
}
