// Tests: a for statement header followed by a newline instead of {.
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++
	{
		fmt.Println(i)
	}
}
