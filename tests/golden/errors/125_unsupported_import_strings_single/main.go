// Tests (unsupported): a single-line import of an unsupported package; reported at the path string.
package main

import "strings"

func main() {
	println(strings.ToUpper("go"))
}
