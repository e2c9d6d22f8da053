// Generates the expected outputs of tests/unit/runtime/fmt_test.cpp from real Go 1.19:
//
//	cd tests/unit/runtime/fmt_data
//	GOTOOLCHAIN=local GO111MODULE=off go run gen.go > fmt_expected.txt 2> print_expected.txt
//
// fmt cases go to stdout as `key => text` and the builtin print/println cases to stderr the same way.
// In the text, a backslash is written as \\ and a newline as \n, so every case is one line.
// Addresses cannot match between two processes: each case that prints a pointer, chan or func replaces
// the address Go printed with the fixed address the C++ test places its value at (see fix()).
package main

import (
	"fmt"
	"math"
	"os"
	"strings"
	"time"
	"unsafe"
)

type T struct {
	A int
	B string
}

type Inner struct {
	A int
	B string
}

type Node struct {
	Val  int
	Next *Node
}

type Emb struct {
	Inner
	X int
}

type Mixed struct {
	I8  int8
	U16 uint16
	F32 float32
	C   complex128
	S   []string
	Arr [2]bool
	D   time.Duration
	d   time.Duration
	u   uint
}

type DurHolder struct {
	D time.Duration
	P *time.Duration
	d time.Duration
	p *time.Duration
	L []time.Duration
	A [1]time.Duration
}

type Outer struct {
	in DurHolder
	In DurHolder
}

type MyInt int
type MyStr string
type Bytes []byte

func esc(s string) string {
	s = strings.ReplaceAll(s, "\\", "\\\\")
	return strings.ReplaceAll(s, "\n", "\\n")
}

func emit(key, s string) { fmt.Printf("%s => %s\n", key, esc(s)) }

// fix replaces the address Go printed for p (as %p prints it, without 0x, and in decimal) by the
// test's address.
func fix(s string, p any, addr string) string {
	real := fmt.Sprintf("%p", p)
	var r, a uint64
	fmt.Sscanf(real, "0x%x", &r)
	fmt.Sscanf(addr, "0x%x", &a)
	s = strings.ReplaceAll(s, real, addr)
	s = strings.ReplaceAll(s, real[2:], addr[2:])
	return strings.ReplaceAll(s, fmt.Sprint(r), fmt.Sprint(a))
}

func pr(key string) { print(key, " => ") }

func main() {
	// ---- floats --------------------------------------------------------------------------------
	negZero := math.Copysign(0, -1)
	floats := []float64{0.1, 1e21, 1e20, 123456.789, 1e-5, negZero, math.NaN(), math.Inf(1), math.Inf(-1),
		5e-324, 1.7976931348623157e308, 100000, 1e6, 1.0 / 3, 2.5, 0, 1e-4, 123456789.0, 0.000123}
	for i, f := range floats {
		emit(fmt.Sprintf("float%d v", i), fmt.Sprint(f))
		emit(fmt.Sprintf("float%d e", i), fmt.Sprintf("%e|%E|%.3e|%.0e", f, f, f, f))
		emit(fmt.Sprintf("float%d f", i), fmt.Sprintf("%f|%.2f|%.0f|%F", f, f, f, f))
		emit(fmt.Sprintf("float%d g", i), fmt.Sprintf("%g|%G|%.3g|%.10g|%#g", f, f, f, f, f))
		emit(fmt.Sprintf("float%d bx", i), fmt.Sprintf("%b|%x|%X|%.3x|%#x", f, f, f, f, f))
		emit(fmt.Sprintf("float%d flags", i), fmt.Sprintf("%+v|% v|%10.3f|%-10.3f|%010.3f|%+08.2f|%#.0f|%#v", f, f, f, f, f, f, f, f))
	}
	float32s := []float32{0.1, 1.0 / 3, 16777216, 3.4e38, 1e-45, 1.5, -2.25}
	for i, f := range float32s {
		emit(fmt.Sprintf("float32_%d", i), fmt.Sprintf("%v|%e|%.3f|%g|%b|%x", f, f, f, f, f, f))
	}
	emit("round half even", fmt.Sprintf("%.0f %.0f %.0f %.1f %.1f %.2f", 0.5, 1.5, 2.5, 0.25, 0.35, 1.005))
	emit("complex", fmt.Sprintf("%v|%v|%.2f|%+.1e|%8.1f|%T|%T", complex(1, 2), complex64(complex(1.5, -2)),
		complex(3.14159, -1), complex(0, 0), complex(1, 1), complex(1, 2), complex64(0)))
	emit("complex println", fmt.Sprintln(complex(math.Inf(1), math.NaN()), complex(-0.5, 1e21)))

	// ---- integers ------------------------------------------------------------------------------
	ints := []int{0, 1, -1, 42, 255, -255, 1234567, math.MaxInt64, math.MinInt64}
	for i, n := range ints {
		emit(fmt.Sprintf("int%d", i), fmt.Sprintf("%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%#x|%#o|%O|%b|%o|%.3d|%8.3d|%#v|%v", n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n))
	}
	emit("int zero prec", fmt.Sprintf("[%.0d] [%5.0d] [%-5.0d] [%+.0d]", 0, 0, 0, 0))
	emit("int chars", fmt.Sprintf("%c|%q|%U|%#U|%+q|%c|%q|%q|%c|%x", 'A', 'A', 'A', 'A', 'é', 0x1F600, 0x1F600, '\n', -1, 'x'))
	emit("int chars2", fmt.Sprintf("%+q|%#U|%U|%q|%q|%.6U|%#U|%q", 0x1F600, 0x1F600, 0x1F600, 0xD800, 0x110000, 0x41, '\t', '\''))
	emit("uints", fmt.Sprintf("%v|%d|%x|%#v|%#v|%#v|%c|%v|%b|%o", uint8(255), uint16(65535), uint32(4294967295),
		uint(42), uintptr(1), uint64(math.MaxUint64), uint8(65), uintptr(12345), uint8(5), uint64(8)))
	emit("sized signed", fmt.Sprintf("%v|%d|%x|%#v|%v|%X", int8(-128), int16(-32768), int32(-1), int8(-1), int64(math.MinInt64), int16(-0x7f)))
	emit("int widths", fmt.Sprintf("[%08b] [%-8x|] [%#08x] [%+05d] [% 05d] [%x] [%#X]", 5, 255, 255, 42, 42, -255, 3054))
	emit("named ints", fmt.Sprintf("%v|%d|%#v|%T|%x|%s", MyInt(5), MyInt(-5), MyInt(7), MyInt(1), MyInt(255), MyInt(3)))

	// ---- strings -------------------------------------------------------------------------------
	strs := []string{"", "hello", "héllo\n\t\"", "back`tick", "日本語", "\x00\x7f\xff", "a\\b"}
	for i, s := range strs {
		emit(fmt.Sprintf("str%d", i), fmt.Sprintf("[%s] [%q] [%x] [%X] [% x] [%#x] [%# x] [%8s] [%-8s] [%.2s] [%5.1s] [%+q] [%#q] [%#v] [%05s] [%.1x] [%10x] [%-4q]", s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s))
	}
	emit("named str", fmt.Sprintf("%v|%q|%#v|%T|%x", MyStr("x"), MyStr("y"), MyStr("z"), MyStr(""), MyStr("hi")))

	// ---- bytes ---------------------------------------------------------------------------------
	b := []byte("hi\n")
	var nilBytes []byte
	emit("bytes", fmt.Sprintf("[%s] [%q] [%x] [%X] [% x] [%v] [%d] [%#v] [%#v] [%v] [%T] [%5s] [%.1s] [%t]", b, b, b, b, b, b, b, b, nilBytes, nilBytes, b, b, b, b))
	emit("named bytes", fmt.Sprintf("[%s] [%v] [%#v] [%x] [%T] [%#v]", Bytes("ab"), Bytes("ab"), Bytes("ab"), Bytes("ab"), Bytes(nil), Bytes(nil)))
	arr := [3]byte{'x', 'y', 'z'}
	emit("byte array", fmt.Sprintf("[%s] [%x] [%v] [%#v] [%q] [%T]", arr, arr, arr, arr, arr, arr))

	// ---- bool, nil, errors ---------------------------------------------------------------------
	emit("bools", fmt.Sprintf("%t|%v|%5t|%-6t|%#v|%d|%T", true, false, true, false, true, true, true))
	emit("nil", fmt.Sprintf("%v|%d|%s|%T|%p|[%5v]|%#v", nil, nil, nil, nil, nil, nil, nil))
	emit("missing", fmt.Sprintf("%d %s %v", 1))
	emit("extra", fmt.Sprintf("%d", 1, "two", nil, 3.5, []int{4}))
	emit("noverb", fmt.Sprintf("abc%"))
	emit("noverb2", fmt.Sprintf("%-5", 1))
	emit("badwidth", fmt.Sprintf("%*d|%*d", "x", 5, 5, 42))
	emit("badprec", fmt.Sprintf("%.*d|%.*f", "x", 5, 2, 3.14159))
	emit("star", fmt.Sprintf("[%*d] [%-*d] [%*d] [%.*s] [%*.*f]", 5, 42, 5, 42, -5, 42, 2, "abcdef", 8, 3, math.Pi))
	emit("star big", fmt.Sprintf("[%*d] [%.*d]", 10000000, 1, 10000000, 1))
	emit("star types", fmt.Sprintf("[%*d] [%*d] [%*d]", int8(3), 1, uint(4), 2, 3.0, 3))
	emit("index", fmt.Sprintf("%[2]d %[1]d|%[3]d|%[1]d %d|%[x]d|%[0]d|%[2]*[1]d|%[1]*d", 1, 2))
	emit("index2", fmt.Sprintf("%[3]*.[2]*[1]f|%d %d %#[1]x %#x|%[5]d", 12.0, 2, 6))
	emit("index3", fmt.Sprintf("%[1]d %[1]d extra?", 1, 2))
	emit("index4", fmt.Sprintf("%[2]3d|%[1].2d|%.[2]d", 1, 2))
	emit("bad verbs", fmt.Sprintf("%z|%!|%p|%e|%s|%d|%t|%x", 1, 2, "s", true, 2.5, false, 3i))
	emit("percent", fmt.Sprintf("%%|%5%|%-5%|%d%%", 50))
	emit("unicode verb", fmt.Sprintf("%é|%😀", 1))
	emit("trailing pct", fmt.Sprintf("%d %", 1))
	emit("flags only", fmt.Sprintf("%#+- 0"))

	// ---- Print / Println spacing ---------------------------------------------------------------
	emit("print1", fmt.Sprint(1, 2, "a", 3, "b", "c", 4.5, nil, nil, true, MyStr("m"), 5))
	emit("print2", fmt.Sprint("a", 1, 2, "b"))
	emit("print3", fmt.Sprint())
	emit("println1", fmt.Sprintln("a", 1, true, nil, 2.5, "b", MyInt(3)))
	emit("println2", fmt.Sprintln())

	// ---- composites ----------------------------------------------------------------------------
	t := T{1, "b"}
	emit("struct", fmt.Sprintf("%v|%+v|%#v|%T|%d|%s|%x|%10v|%q", t, t, t, t, t, t, T{255, "b"}, t, t))
	e := Emb{Inner{1, "x"}, 2}
	emit("embedded", fmt.Sprintf("%v|%+v|%#v|%T", e, e, e, e))
	anon := struct {
		A int
		b string
	}{1, "x"}
	emit("anon struct", fmt.Sprintf("%v|%+v|%#v|%T", anon, anon, anon, anon))
	emit("anon embedded type", fmt.Sprintf("%T|%T|%T", struct {
		Inner
		X int
	}{}, struct{}{}, []struct{ A, B int }{}))
	emit("empty struct", fmt.Sprintf("%v|%+v|%#v|%v", struct{}{}, struct{}{}, struct{}{}, []struct{}{{}, {}}))
	m := Mixed{I8: -3, U16: 7, F32: 0.1, C: complex(1, -1), S: []string{"a", ""}, Arr: [2]bool{true, false},
		D: 1500 * time.Millisecond, d: 2 * time.Second, u: 9}
	emit("mixed", fmt.Sprintf("%v|%+v", m, m))
	emit("mixed sharp", fmt.Sprintf("%#v", m))
	emit("mixed zero", fmt.Sprintf("%v|%#v", Mixed{}, Mixed{}))
	emit("slices", fmt.Sprintf("%v|%#v|%#v|%#v|%v|%#v|%x|%X|%q|%5d|%-3v|", []int{1, 2, 3}, []int{1, 2}, []string(nil), []string{},
		[][]int{{1}, nil, {}}, [][]int{{1}, nil, {}}, []int{10, 255}, []string{"hi", "yo"}, []string{"a", "b"}, []int{1, 22}, []int{1}))
	emit("arrays", fmt.Sprintf("%v|%#v|%v|%#v|%v|%d", [2]Inner{{1, "a"}, {2, ""}}, [2]Inner{{1, "a"}, {2, ""}}, [0]int{}, [0]int{}, [2][2]bool{{true, false}, {false, true}}, [3]int8{-1, 0, 1}))
	emit("slice of ptrs", fmt.Sprintf("%v|%#v|%d|%+v", []*T{nil}, []*T{nil, nil}, []*T{nil}, []*T{nil}))
	emit("floats in slice", fmt.Sprintf("%v|%.1f|%#v|%v", []float64{0.5, 1, 1e21}, []float64{0.25, 1}, []float64{1, 0.5}, []float32{0.1, 2}))

	// Pointers and addresses: the pointee sits at 0xc000010000 in the C++ test.
	const A = "0xc000010000"
	n2 := &Node{2, nil}
	n1 := Node{1, n2}
	emit("node", fix(fmt.Sprintf("%v|%+v|%#v|%v|%+v|%#v|%s|%d", n1, n1, n1, &n1, []*Node{n2}, []*Node{n2}, n1, n1), n2, A))
	x := 42
	px := &x
	emit("ptr int", fix(fmt.Sprintf("%v|%p|%#v|%#p|%x|%d|%T|%s|[%20v]|%t", px, px, px, px, px, px, px, px, px, px), px, A))
	var nilp *int
	emit("nil ptr", fmt.Sprintf("%v|%p|%#v|%#p|%x|%d|%T|%s|[%8v]|[%-8v]|%+v", nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp, nilp))
	pa := &[2]int{1, 2}
	ps := &[]string{"a"}
	pt := &T{3, "c"}
	emit("ptr composites", fmt.Sprintf("%v|%v|%v|%+v|%#v|%#v|%x", pa, ps, pt, pt, pt, pa, pt))
	pp := &px
	emit("ptr ptr", fix(fix(fmt.Sprintf("%v|%#v", pp, pp), pp, "0xc000010010"), px, A))
	emit("ptr in struct fields", fix(fmt.Sprintf("%v|%v", struct{ P *int }{px}, [1]*int{px}), px, A))
	ch := make(chan int)
	var nilch chan string
	emit("chan", fix(fmt.Sprintf("%v|%p|%#v|%T|%v|%#v|%T|%T|%T", ch, ch, ch, ch, nilch, nilch, make(<-chan bool), make(chan<- []int), make(chan (<-chan int))), ch, A))
	f := func(a int) int { return a }
	var nilf func()
	emit("func", fix(fmt.Sprintf("%v|%p|%T|%v|%#v|%T|%T", f, f, f, nilf, nilf, nilf, fmt.Sprintf), f, "0x47e0a0"))
	emit("unsafe pointer", fix(fmt.Sprintf("%v|%T|%v", unsafe.Pointer(px), unsafe.Pointer(px), unsafe.Pointer(nil)), px, A))

	// ---- time.Duration -------------------------------------------------------------------------
	durs := []time.Duration{0, 1, 999, 1000, 1500 * time.Microsecond, 2 * time.Millisecond, 1500 * time.Millisecond,
		time.Hour + time.Second, -time.Microsecond, 90 * time.Minute, math.MaxInt64, math.MinInt64, 100 * time.Hour}
	for i, d := range durs {
		emit(fmt.Sprintf("dur%d", i), fmt.Sprintf("%v|%s|%d|%q|%x|%10v|%-6v|%T|%#v|%t", d, d, d, d, d, d, d, d, d, d))
	}
	d := time.Second
	var nilDur *time.Duration
	emit("dur ptr", fix(fmt.Sprintf("%v|%s|%v|%s|%d|%#v", &d, &d, nilDur, nilDur, nilDur, &d), &d, A))
	emit("dur slice", fmt.Sprintf("%v|%d|%#v", []time.Duration{time.Second, 0}, []time.Duration{time.Second}, []time.Duration{1}))
	h := DurHolder{D: time.Millisecond, P: &d, d: time.Millisecond, p: &d, L: []time.Duration{time.Minute}, A: [1]time.Duration{3}}
	emit("dur fields", fix(fmt.Sprintf("%v|%+v|%s|%d|%x|%v", h, h, h, h, h, &h), &d, A))
	emit("dur fields sharp", fix(fmt.Sprintf("%#v", h), &d, A))
	emit("dur unexported", fix(fmt.Sprintf("%v|%+v", Outer{h, h}, &Outer{h, h}), &d, A))
	emit("dur nil field", fmt.Sprintf("%v|%s|%d", DurHolder{}, DurHolder{}, DurHolder{}))
	emit("dur println", fmt.Sprintln(time.Duration(0), 2*time.Millisecond))

	// ---- builtin print/println (stderr) --------------------------------------------------------
	var zero float64
	pr("pf")
	println(1.5, -2.25, 0.0, 100.0, 1e21, 1e20, 0.1, 123456.789, 1e-5)
	pr("pf2")
	println(1/zero, -1/zero, zero/zero, -zero, 5e-324, 1.7976931348623157e308, 9.9999999, 0.99999996, 1e-310)
	pr("pf3")
	println(float32(0.1), float32(1)/3, 2.5e-8, 1e100, 1e-100)
	pr("pc")
	println(complex(1, 2), complex(-0.5, 1e10))
	pr("pi")
	println(0, -1, math.MaxInt64, math.MinInt64, uint64(math.MaxUint64), uint8(7))
	pr("pb")
	println(true, false, "str", "")
	pr("pp")
	println(px == nil, unsafe.Pointer(nil), nilp)
	pr("pslice")
	println([]int(nil))
	var ei any
	pr("peface")
	println(ei)
	os.Stderr.Sync()
}
