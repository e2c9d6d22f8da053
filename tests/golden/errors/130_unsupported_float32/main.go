// Tests (unsupported): the float32 type; reported at the type name.
package main

import "fmt"

func main() {
	var f float32 = 1.5
	fmt.Println(f * 2)
}
