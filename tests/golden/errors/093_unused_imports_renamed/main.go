// Tests: unused imports, one of them renamed.
package main

import (
	"fmt"
	rt "runtime"
	"sync"
)

func main() {
	fmt.Println("hi")
}
