// Generates floats_expected.txt for tests/unit/runtime/fmt_test.cpp from real Go 1.19:
//
//	GOTOOLCHAIN=local GO111MODULE=off go run genfloats.go > floats_expected.txt
//
// Each line is `bits size => text`: a float64 (size 64) or float32 (size 32) given by its IEEE bits in
// hex, formatted with the verbs below. Bits come from math/rand with a fixed seed: random bit patterns
// (every exponent, denormals), random "nice" decimals, and powers of two and ten.
package main

import (
	"fmt"
	"math"
	"math/rand"
)

func line64(f float64) {
	s := fmt.Sprintf("%v|%e|%.3g|%.17g|%b|%x|%.5x", f, f, f, f, f, f, f)
	if math.Abs(f) < 1e30 {
		s += fmt.Sprintf("|%.2f|%f", f, f)
	}
	fmt.Printf("%x 64 => %s\n", math.Float64bits(f), s)
}

func line32(f float32) {
	s := fmt.Sprintf("%v|%e|%.3g|%.9g|%b|%x", f, f, f, f, f, f)
	if math.Abs(float64(f)) < 1e30 {
		s += fmt.Sprintf("|%.2f", f)
	}
	fmt.Printf("%x 32 => %s\n", math.Float32bits(f), s)
}

func main() {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 600; i++ {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) {
			continue
		}
		line64(f)
	}
	for i := 0; i < 300; i++ {
		line64(float64(r.Intn(2000000)-1000000) / math.Pow(10, float64(r.Intn(12))))
	}
	for e := -1074; e <= 1023; e += 7 {
		line64(math.Ldexp(1, e))
	}
	for e := -323; e <= 308; e += 3 {
		line64(math.Pow(10, float64(e)))
	}
	for i := 0; i < 300; i++ {
		f := math.Float32frombits(r.Uint32())
		if f != f {
			continue
		}
		line32(f)
	}
	for i := 0; i < 200; i++ {
		line32(float32(r.Intn(2000000)-1000000) / float32(math.Pow(10, float64(r.Intn(8)))))
	}
	for e := -149; e <= 127; e += 3 {
		line32(float32(math.Ldexp(1, e)))
	}
}
