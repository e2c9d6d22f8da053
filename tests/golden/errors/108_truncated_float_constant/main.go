// Tests: a float constant that would be truncated when used as an int.
package main

import "fmt"

const ratio = 2.5

func main() {
	var n int = ratio
	m := 10 + int(ratio)
	fmt.Println(n, m)
}
