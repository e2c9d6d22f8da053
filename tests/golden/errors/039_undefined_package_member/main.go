// Tests: a misspelled function of package fmt.
package main

import "fmt"

func main() {
	fmt.Printx("hello")
}
