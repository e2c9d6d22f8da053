// Tests: mixing int32 and int64 operands without a conversion.
package main

import "fmt"

func main() {
	var a int32 = 1
	var b int64 = 2
	c := a * b
	fmt.Println(c)
}
