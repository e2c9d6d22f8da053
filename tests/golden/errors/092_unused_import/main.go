// Tests: an imported package that is never used.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("no sleeping")
}
