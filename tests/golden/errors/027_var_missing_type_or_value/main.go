// Tests: a var declaration with neither a type nor a value.
package main

import "fmt"

func main() {
	var x
	fmt.Println(x)
}
