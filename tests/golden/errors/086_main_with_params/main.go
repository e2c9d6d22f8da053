// Tests: func main declared with parameters and a result.
package main

import "fmt"

func main(n int) int {
	fmt.Println(n)
	return 0
}
