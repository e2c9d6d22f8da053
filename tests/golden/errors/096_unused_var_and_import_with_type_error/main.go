// Tests: an unused import, an unused variable and a type error together (ordering).
package main

import (
	"fmt"
	"sync"
)

func main() {
	unused := 1
	var s string = 5
	fmt.Println(s)
}
