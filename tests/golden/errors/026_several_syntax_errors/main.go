// Tests: syntax errors on several lines in one file (report order).
package main

import "fmt"

func a() {
	x := [3]int{1, 2 3}
	fmt.Println(x)
}

func b() {
	y := (1 + 2
	fmt.Println(y)
}

func main() {
	a()
	b()
}
