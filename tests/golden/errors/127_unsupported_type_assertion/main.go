// Tests (unsupported): an interface{} variable and a type assertion on it (two reports, in source order).
package main

import "fmt"

func main() {
	var v interface{} = "text"
	s, ok := v.(string)
	fmt.Println(s, ok)
}
