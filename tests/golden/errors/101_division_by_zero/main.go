// Tests: integer division and remainder by a constant zero.
package main

import "fmt"

func main() {
	n := 10
	fmt.Println(n / 0)
	fmt.Println(n % 0)
}
