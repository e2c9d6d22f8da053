// Syntax errors, byte for byte as Go 1.19 reports them.
//
// Every expected text below was produced by running the real compiler on the source
// (`go build main.go` with /usr/lib/go-1.19/bin/go); the "# command-line-arguments" header line is
// the CLI's business and is left out. Cases whose Go output also contains type-checker errors are
// not here (the parser stops where Go's parser stops).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/parser.h"

using namespace gofast;
using namespace gofast::lang;

namespace {

struct ErrorCase {
  const char* name;
  const char* src;
  std::vector<std::string> want;
};

const ErrorCase kCases[] = {
    {"e01", R"go(package main

func main() {
	x := foo(1
	y := 2
}
)go",
     {"./main.go:4:12: syntax error: unexpected newline in argument list; possibly missing comma or )"}},
    {"e02", R"go(package main

func main() {
	x := 1 y := 2
}
)go",
     {"./main.go:4:9: syntax error: unexpected y at end of statement"}},
    {"e03", R"go(package main

func main() {
	x := "abc
}
)go",
     {"./main.go:4:11: newline in string"}},
    {"e04", R"go(package main

x := 1

func main() {}
)go",
     {"./main.go:3:1: syntax error: non-declaration statement outside function body"}},
    {"e05", R"go(package main

func main()
{
}
)go",
     {"./main.go:4:1: syntax error: unexpected semicolon or newline before {"}},
    {"e06", R"go(package main

func main() {
	x := {
}
)go",
     {"./main.go:4:7: syntax error: unexpected {, expecting expression"}},
    {"e07", R"go(package main

func main() {
	s := []int{1, 2
	}
	_ = s
}
)go",
     {"./main.go:4:17: syntax error: unexpected newline in composite literal; possibly missing comma or }"}},
    {"e08", R"go(package main

func main() {
	if x := 1 {
	}
}
)go",
     {"./main.go:4:7: syntax error: cannot use x := 1 as value"}},
    {"e09", R"go(package main

func main() {
	if x = 1 {
	}
}
)go",
     {"./main.go:4:7: syntax error: cannot use assignment (x) = (1) as value"}},
    {"e10", R"go(package main

func main() {
	for i := 0; i < 3; i := 1 {
	}
}
)go",
     {"./main.go:4:23: syntax error: cannot declare in post statement of for loop"}},
    {"e11", R"go(package main

func main() {
	if true
	{
	}
}
)go",
     {"./main.go:4:9: syntax error: unexpected newline, expecting { after if clause"}},
    {"e12", R"go(func main() {}
)go",
     {"main.go:1:1: expected 'package', found 'func'"}},
    {"e13", R"go(package main

import fmt

func main() {}
)go",
     {"main.go:3:11: expected 'STRING', found newline"}},
    {"e14", R"go(package main

func main() {
	var x int = 08
	_ = x
}
)go",
     {"./main.go:4:15: invalid digit '8' in octal literal"}},
    {"e15", R"go(package main

func main() {
	x := 1__0
	_ = x
}
)go",
     {"./main.go:4:9: '_' must separate successive digits"}},
    {"e16", R"go(package main

func main() {
	c := 'ab'
	_ = c
}
)go",
     {"./main.go:4:7: more than one character in rune literal"}},
    {"e17", R"go(package main

func main() {
	s := "a\q"
	_ = s
}
)go",
     {"./main.go:4:10: unknown escape"}},
    {"e18", R"go(package main

func main() {
	x := 0x1.8
	_ = x
}
)go",
     {"./main.go:4:12: hexadecimal mantissa requires a 'p' exponent"}},
    {"e19", R"go(package main

func main() {
	go func() {}
}
)go",
     {"./main.go:4:5: expression in go must be function call"}},
    {"e20", R"go(package main

func main() {
	defer (f())
}

func f() {}
)go",
     {"./main.go:4:8: expression in defer must not be parenthesized"}},
    {"e21", R"go(package main

func f(a int, b) {}

func main() {}
)go",
     {"./main.go:3:15: syntax error: mixed named and unnamed parameters"}},
    {"e22", R"go(package main

func main() {
	x := []int{1,2,3}
	_ = x[1:2:]
}
)go",
     {"./main.go:5:12: final index required in 3-index slice"}},
    {"e23", R"go(package main

func main() {
	switch x := 1; x {
	case 1
	}
}
)go",
     {"./main.go:5:8: syntax error: unexpected newline, expecting :"}},
    {"e24", R"go(package main

func main() {
	for {
		break
	}
	break
}
)go",
     {"./main.go:7:2: break is not in a loop, switch, or select"}},
    {"e25", R"go(package main

func main() {
L:
	for {
	}
}
)go",
     {"./main.go:4:1: label L defined and not used"}},
    {"e26", R"go(package main

func main() {
	switch {
	case true:
		fallthrough
	}
}
)go",
     {"./main.go:6:3: cannot fallthrough final case in switch"}},
    {"e27", R"go(package main

func main() {
	x := 1 @ 2
}
)go",
     {"./main.go:4:9: invalid character U+0040 '@'", "./main.go:4:11: syntax error: unexpected literal 2 at end of statement"}},
    {"e28", R"go(package main

func main() {
	var a [3]int
	a[] = 1
}
)go",
     {"./main.go:5:4: syntax error: unexpected ], expecting operand"}},
    {"e29", R"go(package main

func main() {
	if x := 1; {
	}
}
)go",
     {"./main.go:4:11: syntax error: missing condition in if statement"}},
    {"e30", R"go(package main

func main() {
	x := struct{a int}{1}
	if x == struct{a int}{1} {
	}
}
)go",
     {}},
    {"e31", R"go(package main

func main() {
	x++ = 1
}
)go",
     {"./main.go:4:6: syntax error: unexpected = at end of statement"}},
    {"e32", R"go(package main

func main() {
	foo(1, 2
}
)go",
     {"./main.go:4:10: syntax error: unexpected newline in argument list; possibly missing comma or )"}},
    {"e33", R"go(package main

func main() {
	x := 1
	x.
}
)go",
     {"./main.go:6:1: syntax error: unexpected }, expecting name or ("}},
    {"e34", R"go(package main

func main() {
	/* unterminated
}
)go",
     {"./main.go:4:2: comment not terminated"}},
    {"e35", R"go(package main

func main() {
	var x = 1 +
}
)go",
     {"./main.go:5:1: syntax error: unexpected }, expecting expression"}},
    {"e36", R"go(package main

func main() {
	for i := 0; i < 10 {
	}
}
)go",
     {"./main.go:4:21: syntax error: unexpected {, expecting semicolon or newline", "./main.go:5:2: syntax error: unexpected }, expecting expression"}},
    {"e37", R"go(package main

func main() {
	else {
	}
}
)go",
     {"./main.go:4:2: syntax error: unexpected else, expecting }"}},
    {"e38", R"go(package main

type T struct {
	a int,
	b int
}

func main() {}
)go",
     {"./main.go:4:7: syntax error: unexpected comma in struct type; possibly missing semicolon or newline or }"}},
    {"e39", R"go(package main

func main() {
	x := map[string]int{"a": 1
}
)go",
     {"./main.go:4:28: syntax error: unexpected newline in composite literal; possibly missing comma or }"}},
    {"e40", R"go(package main

func main() {
	ch := make(chan int)
	select {
	case x := <-ch
	}
}
)go",
     {"./main.go:6:16: syntax error: unexpected newline, expecting :"}},
    {"e41", R"go(package main

func main() {
	func inner() {}
}
)go",
     {"./main.go:4:7: syntax error: unexpected inner, expecting (", "./main.go:5:1: syntax error: non-declaration statement outside function body"}},
    {"e42", R"go(package main

func main() {
	x := [...]int{1,2}
	y := x[1,2]
}
)go",
     {"./main.go:5:11: syntax error: unexpected literal 2, expecting ]"}},
    {"e43", R"go(package main

func main() {
	var x int
	x =
}
)go",
     {"./main.go:6:1: syntax error: unexpected }, expecting expression"}},
    {"e44", R"go(package main

func main() {
	goto L
	x := 1
L:
	_ = x
}
)go",
     {"./main.go:4:7: goto L jumps over declaration of x at ./main.go:5:4"}},
    {"e46", R"go(package main

func main() {
	x := 1
	//go:noinline
	x++
}
)go",
     {"./main.go:5:4: misplaced compiler directive"}},
    {"e47", R"go(package main

func main() {
	continue
}
)go",
     {"./main.go:4:2: continue is not in a loop"}},
    {"e49", R"go(package main

func main() {
	x := 1.e
}
)go",
     {"./main.go:4:10: exponent has no digits"}},
    {"e50", R"go(package main

func main() {
	x := 0b102
	y := 0o78
	z := 0x
}
)go",
     {"./main.go:4:11: invalid digit '2' in binary literal", "./main.go:5:10: invalid digit '8' in octal literal", "./main.go:6:9: hexadecimal literal has no digits"}},
    {"f01", R"go(package main

func main() {
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
	x := )
}
)go",
     {"./main.go:4:7: syntax error: unexpected ), expecting expression", "./main.go:5:7: syntax error: unexpected ), expecting expression", "./main.go:6:7: syntax error: unexpected ), expecting expression", "./main.go:7:7: syntax error: unexpected ), expecting expression", "./main.go:8:7: syntax error: unexpected ), expecting expression", "./main.go:9:7: syntax error: unexpected ), expecting expression", "./main.go:10:7: syntax error: unexpected ), expecting expression", "./main.go:11:7: syntax error: unexpected ), expecting expression", "./main.go:12:7: syntax error: unexpected ), expecting expression", "./main.go:13:7: syntax error: unexpected ), expecting expression", "./main.go:13:7: too many errors"}},
    {"f02", R"go(package main

func main() {
	x := 1 //go:noinline
	_ = x
}
)go",
     {"./main.go:4:11: misplaced compiler directive"}},
    {"f03", R"go(package main

//go:noinline
var x = 1

//go:noinline

func main() {
}
)go",
     {"./main.go:3:3: misplaced compiler directive"}},
    {"f04", R"go(package main

func main() {
	var c <-chan<- int
	_ = c
}
)go",
     {"./main.go:4:17: syntax error: unexpected int, expecting chan"}},
    {"f05", R"go(package main

func main() {
	x := [3]int{1,2,3}
	for i := range x
	{
	}
}
)go",
     {"./main.go:5:18: syntax error: unexpected newline, expecting { after for clause"}},
    {"f07", R"go(package main

type T struct {
	(a) int
}

func main() {}
)go",
     {"./main.go:4:2: syntax error: cannot parenthesize embedded type"}},
    {"f08", R"go(package main

func main() {
	var x interface{ M() }
	x.M(
}
)go",
     {"./main.go:6:1: syntax error: unexpected }, expecting expression"}},
    {"f09", R"go(package main

func f() (int, string {
	return 1, ""
}

func main() {}
)go",
     {"./main.go:3:23: syntax error: unexpected { in parameter list; possibly missing comma or )", "./main.go:5:1: syntax error: unexpected } after top level declaration"}},
    {"f10", R"go(package main

func main() {
	switch x {
	default:
	}
	case 1:
}
)go",
     {"./main.go:7:2: syntax error: unexpected case, expecting }"}},
    {"f11", R"go(package main

func main() {
	x := T{1, 2}.a
	if x == T{1} {
	}
}
)go",
     {"./main.go:5:15: syntax error: unexpected { at end of statement", "./main.go:7:1: syntax error: non-declaration statement outside function body"}},
    {"f12", R"go(package main

func main() {
	var x = ''
}
)go",
     {"./main.go:4:11: empty rune literal or unescaped '"}},
    {"f13", R"go(package main

func main() {
	s := "\400"
	r := '\uD800'
}
)go",
     {"./main.go:4:12: octal escape value 256 > 255", "./main.go:5:14: escape is invalid Unicode code point U+D800"}},
    {"f14", R"go(package main

func main()  {
	x := 1e
	y := 0x1p
	z := 0b1e3
}
)go",
     {"./main.go:4:9: exponent has no digits", "./main.go:5:11: exponent has no digits", "./main.go:6:10: 'e' exponent requires decimal mantissa"}},
    {"f17", R"go(package main

var m map[string]int

func f[T any](x T) T { return x }

func main() {
	goto L
L:
}
)go",
     {}},
    {"f18", R"go(package main

func main() {
	for i := 0; i < 3; i++ {
		switch i {
		case 0:
			if true {
				fallthrough
			}
		case 1:
			fallthrough
		}
	}
}
)go",
     {"./main.go:8:5: fallthrough statement out of place", "./main.go:11:4: cannot fallthrough final case in switch"}},
    {"f19", R"go(package main

func main() {
L:
L:
	for {
		break L
	}
}
)go",
     {"./main.go:5:1: label L already defined at ./main.go:4:1", "./main.go:7:9: invalid break label L"}},
    {"f20", R"go(package main

func main() {
	var x = []int{
		1,
		2
	}
}
)go",
     {"./main.go:6:4: syntax error: unexpected newline in composite literal; possibly missing comma or }"}},
    {"f21", R"go(package main

import "fmt"

func main() {
	fmt.Println("hi"
}
)go",
     {"./main.go:6:18: syntax error: unexpected newline in argument list; possibly missing comma or )"}},
    {"f22", R"go(package main

func main() {
	if x := 1; x > 0 {
	} else x = 2
}
)go",
     {"./main.go:5:9: syntax error: else must be followed by if or statement block"}},
    {"f23", R"go(package main

func main() {
	x := func(a int, b) {}
}
)go",
     {"./main.go:4:19: syntax error: mixed named and unnamed parameters"}},
    {"f24", R"go(package main

func main() {
	var a []int
	_ = a[1:2:3:4]
}
)go",
     {"./main.go:5:13: syntax error: unexpected :, expecting ]"}},
    {"f25", R"go(package main

func main() {
	for x := range 1, 2 {
	}
}
)go",
     {"./main.go:4:18: syntax error: unexpected comma, expecting { after for clause"}},
    {"f26", R"go(package main

func main() {
	var x int
	x ++ 1
}
)go",
     {"./main.go:5:7: syntax error: unexpected literal 1 at end of statement"}},
    {"f27", R"go(package main

func main()

func g() { return }
var )
)go",
     {"./main.go:6:5: syntax error: unexpected ), expecting name"}},
    {"f28", R"go(package main

func main() {
	x := 1
	x += 
}
)go",
     {"./main.go:6:1: syntax error: unexpected }, expecting expression"}},
    {"f29", R"go(package main

const (
	A = iota
	B
	C,
)

func main() {}
)go",
     {"./main.go:7:1: syntax error: unexpected ), expecting name", "./main.go:9:1: syntax error: unexpected func, expecting name"}},
    {"f30", R"go(package main

func main() {
	ch := make(chan int)
	ch <- 
}
)go",
     {"./main.go:6:1: syntax error: unexpected }, expecting expression"}},
};

}  // namespace

TEST_CASE("syntax errors match Go 1.19 exactly") {
  CHECK(sizeof(kCases) / sizeof(kCases[0]) >= 25);
  for (const ErrorCase& c : kCases) {
    ParseResult r = parseFile(c.src, "./main.go");
    std::vector<std::string> got;
    for (const Diagnostic& d : r.diags) got.push_back(formatDiagnostic(d));
    INFO("case " << c.name);
    CHECK(got == c.want);
  }
}
