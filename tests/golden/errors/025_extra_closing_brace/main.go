// Tests: an extra closing brace at package level.
package main

import "fmt"

func main() {
	fmt.Println("hi")
}
}
