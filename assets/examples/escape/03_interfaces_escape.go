// fmt.Println makes its arguments escape
// fmt.Println takes ...any: each argument is converted to an interface value whose data the callee
// may keep, so n "escapes to heap". The builtin println takes no interfaces: nothing escapes.
package main

import "fmt"

func main() {
	n := 42
	s := "answer"
	fmt.Println(s, n)
	println(s, n)
}
