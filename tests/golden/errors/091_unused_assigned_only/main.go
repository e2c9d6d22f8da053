// Tests: variables that are only assigned to, never read (still unused).
package main

import "fmt"

func main() {
	count := 0
	count = 5
	var name string
	name = "gopher"
	fmt.Println("done")
}
