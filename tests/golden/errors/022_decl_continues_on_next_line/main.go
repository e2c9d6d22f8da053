// Tests: `x :=` with nothing after it swallows the next line (x := fmt.Println(x)).
package main

import "fmt"

func main() {
	x :=
	fmt.Println(x)
}
