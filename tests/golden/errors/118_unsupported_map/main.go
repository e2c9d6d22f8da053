// Tests (unsupported): a map type; gofast reports it at the map keyword.
package main

import "fmt"

func main() {
	ages := map[string]int{"ann": 30}
	fmt.Println(len(ages))
}
