// Tests (unsupported): a member of time outside the subset; reported at the package name time.
package main

import (
	"fmt"
	"time"
)

func main() {
	time.Sleep(time.Millisecond)
	_ = time.Now()
	fmt.Println("slept")
}
