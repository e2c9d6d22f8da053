// Tests: the opening brace of a function body on its own line.
package main

import "fmt"

func main()
{
	fmt.Println("hi")
}
