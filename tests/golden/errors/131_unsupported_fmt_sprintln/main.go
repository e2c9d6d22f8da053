// Tests (unsupported): a member of fmt outside the subset; reported at the package name fmt.
package main

import "fmt"

func main() {
	s := fmt.Sprintln("a", 1)
	fmt.Print(s)
}
