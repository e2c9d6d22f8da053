// Tests (unsupported): a goto statement; reported at the goto keyword.
package main

import "fmt"

func main() {
	i := 0
loop:
	if i < 3 {
		fmt.Println(i)
		i++
		goto loop
	}
}
