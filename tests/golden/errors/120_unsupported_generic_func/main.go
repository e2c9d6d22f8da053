// Tests (unsupported): a generic function; reported at the [ opening its type parameters.
package main

import "fmt"

func Max[T int | int64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func main() {
	fmt.Println(Max(3, 7))
}
