// Tests: returning one value from a function with two results, and a bare return.
package main

import "fmt"

func pair(n int) (int, bool) {
	if n > 0 {
		return n
	}
	return
}

func main() {
	fmt.Println(pair(5))
}
