package main

import "fmt"

// Values of several kinds passed to fmt.Println and fmt.Printf: boxing into the ...any argument.

type Point struct {
	X, Y int
}

func main() {
	n := 42
	s := "str"
	p := Point{1, 2}
	pp := &Point{3, 4}
	arr := [3]int{1, 2, 3}
	fmt.Println(n, s)
	fmt.Println(p, pp)
	fmt.Printf("%d %v\n", n, arr)
	fmt.Println(n + 1)
	fmt.Println("const", 7)
}
