// Tests: calling a function with too many arguments.
package main

import "fmt"

func double(a int) int {
	return a * 2
}

func main() {
	fmt.Println(double(1, 2, 3))
}
