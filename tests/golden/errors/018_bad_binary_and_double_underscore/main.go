// Tests: several bad number literals: a binary digit 2 and a doubled underscore.
package main

import "fmt"

func main() {
	a := 0b102
	b := 1__000
	fmt.Println(a, b)
}
