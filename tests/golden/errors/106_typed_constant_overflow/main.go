// Tests: typed constant arithmetic that overflows its type.
package main

import "fmt"

const a int8 = 100
const b = a * 2

const c uint8 = 10
const d = c - 20

func main() {
	fmt.Println(b, d)
}
