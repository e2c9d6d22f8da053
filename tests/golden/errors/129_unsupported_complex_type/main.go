// Tests (unsupported): the complex128 type; reported at the type name.
package main

import "fmt"

func main() {
	var z complex128
	fmt.Println(z)
}
