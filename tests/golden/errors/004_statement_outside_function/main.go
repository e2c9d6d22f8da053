// Tests: a statement (:=) at package level, outside any function body.
package main

import "fmt"

x := 10

func main() {
	fmt.Println("hi")
}
