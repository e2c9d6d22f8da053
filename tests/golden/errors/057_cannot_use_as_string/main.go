// Tests: using an int variable where a string is required.
package main

import "fmt"

func main() {
	n := 7
	var s string = n
	fmt.Println(s)
}
