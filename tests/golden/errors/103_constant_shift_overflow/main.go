// Tests: constant shifts that overflow int and a negative shift count.
package main

import "fmt"

func main() {
	big := 1 << 70
	var x int64 = 1 << 63
	y := 1 << -2
	fmt.Println(big, x, y)
}
