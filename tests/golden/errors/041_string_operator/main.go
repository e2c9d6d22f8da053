// Tests: the - operator applied to strings.
package main

import "fmt"

func main() {
	a := "hello"
	b := "h"
	fmt.Println(a - b)
}
