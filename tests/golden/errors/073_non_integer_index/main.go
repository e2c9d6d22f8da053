// Tests: indexing an array with a string and a slice with a float.
package main

import "fmt"

func main() {
	a := [3]int{1, 2, 3}
	s := a[:]
	fmt.Println(a["1"], s[1.5])
}
