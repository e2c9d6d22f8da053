// Tests: nine errors, all printed, no too many errors line.
package main

func main() {
	println(b1)
	println(b2)
	println(b3)
	println(b4)
	println(b5)
	println(b6)
	println(b7)
	println(b8)
	println(b9)
}
