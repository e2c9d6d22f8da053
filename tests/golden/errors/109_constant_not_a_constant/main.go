// Tests: a constant initialised from a variable and from a function call.
package main

import "fmt"

func size() int { return 4 }

func main() {
	n := 3
	const a = n
	const b = size()
	fmt.Println(a, b)
}
