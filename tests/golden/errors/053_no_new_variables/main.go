// Tests: := with no new variables on the left side.
package main

import "fmt"

func main() {
	x := 1
	x := 2
	fmt.Println(x)
}
