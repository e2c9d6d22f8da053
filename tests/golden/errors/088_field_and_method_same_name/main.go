// Tests: a method whose name is the same as a field of its receiver type.
package main

import "fmt"

type Box struct {
	size int
}

func (b Box) size() int {
	return 1
}

func main() {
	fmt.Println(Box{}.size)
}
