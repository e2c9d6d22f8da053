// Tests: using a package name as a value.
package main

import "fmt"

func main() {
	p := fmt
	p.Println("hi")
}
