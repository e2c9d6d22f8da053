// Tests (unsupported): an imaginary literal; reported at the literal 2i.
package main

import "fmt"

func main() {
	c := 1 + 2i
	fmt.Println(c)
}
