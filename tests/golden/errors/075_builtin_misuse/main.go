// Tests: len of an int and append to something that is not a slice.
package main

import "fmt"

func main() {
	n := 10
	fmt.Println(len(n))
	m := append(n, 1)
	fmt.Println(m)
}
