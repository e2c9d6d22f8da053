// Tests: assigning a string to an int variable and a bool to a float64 variable.
package main

import "fmt"

func main() {
	var n int
	var f float64
	n = "seven"
	f = true
	fmt.Println(n, f)
}
