// Tests: shifting a non-integer constant.
package main

import "fmt"

func main() {
	x := 2.5 << 1
	fmt.Println(x)
}
