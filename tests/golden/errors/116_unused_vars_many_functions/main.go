// Tests: unused variables and type errors spread over several functions.
package main

import "fmt"

func c() {
	z := 3
	fmt.Println(undefinedC)
}

func b() {
	y := 2
}

func main() {
	x := 1
	b()
	c()
}
