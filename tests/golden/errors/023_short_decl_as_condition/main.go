// Tests: a short variable declaration used as an if condition.
package main

import "fmt"

func main() {
	if x := 5 {
		fmt.Println(x)
	}
}
