// Tests (unsupported): recover in a deferred closure; reported at the identifier recover.
package main

import "fmt"

func safe() {
	defer func() {
		recover()
	}()
	panic("boom")
}

func main() {
	safe()
	fmt.Println("recovered")
}
