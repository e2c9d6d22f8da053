// Tests: the digit 9 in an octal literal (09).
package main

import "fmt"

func main() {
	x := 09
	fmt.Println(x)
}
