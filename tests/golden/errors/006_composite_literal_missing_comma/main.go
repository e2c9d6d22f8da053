// Tests: a multi-line composite literal whose last element lacks a trailing comma.
package main

import "fmt"

func main() {
	nums := []int{
		1,
		2,
		3
	}
	fmt.Println(nums)
}
