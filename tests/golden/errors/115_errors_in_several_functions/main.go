// Tests: errors in several functions, declared after their use (report order).
package main

import "fmt"

func main() {
	fmt.Println(first(), second())
	var unused int
}

func second() string {
	return 2
}

func first() int {
	return "one"
}
