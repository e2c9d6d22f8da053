// Tests: expressions evaluated as statements whose value is not used.
package main

import "fmt"

func main() {
	x := 2
	x + 1
	x == 3
	fmt.Println(x)
}
