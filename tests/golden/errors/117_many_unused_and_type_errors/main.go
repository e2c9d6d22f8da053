// Tests: more than 10 errors mixing unused variables and type errors.
package main

import "fmt"

func main() {
	a := 1
	b := 2
	c := 3
	d := 4
	e := 5
	var s string = 1
	var t string = 2
	var u string = 3
	var v string = 4
	var w string = 5
	var x string = 6
	fmt.Println(s, t, u, v, w, x)
}
