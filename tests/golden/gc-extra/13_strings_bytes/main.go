package main

// String concatenation and conversions between string and []byte.

var last string

func greet(name string) string {
	return "hello, " + name + "!"
}

func shout(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 32
		}
	}
	return string(b)
}

func count(s string) int {
	b := []byte(s)
	return len(b)
}

func main() {
	g := greet("go")
	last = g + "?"
	x := shout(g)
	local := x + x
	println(len(local), count(x), len(last))
	bs := []byte("bytes")
	println(string(bs[1:3]))
}
