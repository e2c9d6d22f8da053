// Tests (unsupported): importing a package outside fmt/time/runtime/sync/unsafe; reported at the path string.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("bye")
	os.Exit(0)
}
