// Tests: exactly 10 errors (Go 1.19 already prints too many errors after the 10th).
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
	println(b10)
}
