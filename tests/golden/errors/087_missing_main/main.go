// Tests: package main without a func main (reported by the linker step).
package main

import "fmt"

func run() {
	fmt.Println("run")
}
