// Tests: a raw string literal that runs to the end of the file.
package main

import "fmt"

func main() {
	s := `hello
	fmt.Println(s)
}
