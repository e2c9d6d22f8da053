// Generates formats_expected.txt for tests/unit/runtime/fmt_test.cpp from real Go 1.19:
//
//	GOTOOLCHAIN=local GO111MODULE=off go run genformats.go > formats_expected.txt
//
// Random format strings (flags, widths, precisions, '*', argument indexes, verbs, stray text) from
// math/rand with a fixed seed, all applied to the same operands. Each line is `format-in-hex => text`.
package main

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"strings"
)

type T struct {
	A int
	B string
}

var pieces = []string{"%", "%", "%", "%", "#", "+", "-", " ", "0", "0", "1", "2", "5", "12", ".", ".", "*", "[1]", "[2]",
	"[9]", "[", "]", "v", "d", "s", "q", "x", "X", "e", "f", "g", "G", "t", "c", "U", "b", "o", "O", "T", "p", "E", "F",
	"%%", "a", "|", "é"}

func fix(s string, p any, addr string) string {
	real := fmt.Sprintf("%p", p)[2:]
	var r, a uint64
	fmt.Sscanf(real, "%x", &r)
	fmt.Sscanf(addr, "%x", &a)
	for _, pair := range [][2]string{{real, addr}, {strings.ToUpper(real), strings.ToUpper(addr)},
		{fmt.Sprintf("%o", r), fmt.Sprintf("%o", a)}, {fmt.Sprintf("%b", r), fmt.Sprintf("%b", a)},
		{fmt.Sprint(r), fmt.Sprint(a)}} {
		s = strings.ReplaceAll(s, pair[0], pair[1])
	}
	return s
}

func main() {
	r := rand.New(rand.NewSource(7))
	var nilT *T
	args := []any{42, "héllo", 3.25, true, []int{1, 2}, T{1, "b"}, nil, int8(-7), uint(5), 'x', []byte("ab"), nilT, float32(0.5)}
	for i := 0; i < 1500; i++ {
		var b strings.Builder
		n := 1 + r.Intn(8)
		for k := 0; k < n; k++ {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		format := b.String()
		lo := r.Intn(len(args))
		hi := lo + r.Intn(4)
		if hi > len(args) {
			hi = len(args)
		}
		out := fmt.Sprintf(format, args[lo:hi]...)
		// %p and friends print the slices' data addresses: rewrite them to where the C++ test puts them.
		out = fix(fix(out, args[4], "c000010000"), args[10], "c000010100")
		out = strings.ReplaceAll(out, "\\", "\\\\")
		fmt.Printf("%s %d %d => %s\n", hex.EncodeToString([]byte(format)), lo, hi, strings.ReplaceAll(out, "\n", "\\n"))
	}
}
