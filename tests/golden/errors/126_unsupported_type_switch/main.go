// Tests (unsupported): an interface{} variable and a type switch on it (two reports, in source order).
package main

import "fmt"

func main() {
	var v interface{} = 42
	switch x := v.(type) {
	case int:
		fmt.Println("int", x)
	default:
		fmt.Println("other")
	}
}
