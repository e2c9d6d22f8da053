// Tests (unsupported): a generic struct type; reported at the [ opening its type parameters.
package main

import "fmt"

type Pair[T int | string] struct {
	first, second T
}

func main() {
	fmt.Println("pairs")
}
