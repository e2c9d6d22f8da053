// Tests: division by zero inside a constant declaration.
package main

import "fmt"

const zero = 0
const bad = 100 / zero

func main() {
	fmt.Println(bad)
}
