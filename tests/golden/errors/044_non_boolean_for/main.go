// Tests: a string used as a for condition.
package main

import "fmt"

func main() {
	s := "go"
	for s {
		fmt.Println(s)
	}
}
