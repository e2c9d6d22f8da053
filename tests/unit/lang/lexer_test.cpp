// Lexer: semicolon insertion, literal forms, positions, directives, lexical errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lang/lexer.h"

using namespace gofast;
using namespace gofast::lang;

namespace {

struct Lexed {
  std::vector<Token> toks;
  std::vector<Lexer::Error> errors;
  std::vector<Directive> directives;
};

Lexed lexAll(std::string_view src) {
  Lexer lx(src);
  Lexed out;
  for (;;) {
    lx.next();
    out.toks.push_back(lx.tok());
    for (const Directive& d : lx.directives()) out.directives.push_back(d);
    lx.directives().clear();
    if (lx.tok().tok == Tok::EOF_) break;
  }
  out.errors = lx.errors();
  return out;
}

// "name:x lit:1 ;newline ..." compact rendering of a token stream
std::string render(std::string_view src) {
  std::string s;
  for (const Token& t : lexAll(src).toks) {
    if (!s.empty()) s += ' ';
    switch (t.tok) {
      case Tok::Name: s += std::string(t.lit); break;
      case Tok::Literal: s += "lit:" + std::string(t.lit); break;
      case Tok::Semi: s += ";" + std::string(t.lit); break;
      case Tok::Operator:
      case Tok::Star: s += std::string(opString(t.op)); break;
      case Tok::AssignOp: s += std::string(opString(t.op)) + "="; break;
      case Tok::IncOp: s += std::string(opString(t.op)) + std::string(opString(t.op)); break;
      default: s += std::string(tokName(t.tok)); break;
    }
  }
  return s;
}

std::string firstError(std::string_view src) {
  Lexed l = lexAll(src);
  if (l.errors.empty()) return "";
  return formatPos(l.errors[0].pos) + ": " + l.errors[0].msg;
}

}  // namespace

TEST_CASE("semicolons are inserted after the tokens Go lists") {
  CHECK(render("x\ny") == "x ;newline y ;EOF EOF");
  CHECK(render("f()\n") == "f ( ) ;newline EOF");
  CHECK(render("a[1]\n") == "a [ lit:1 ] ;newline EOF");
  CHECK(render("}\n") == "} ;newline EOF");
  CHECK(render("return\nbreak\ncontinue\nfallthrough\n") ==
        "return ;newline break ;newline continue ;newline fallthrough ;newline EOF");
  CHECK(render("i++\nj--\n") == "i ++ ;newline j -- ;newline EOF");
  CHECK(render("'a'\n\"s\"\n`r`\n1.5\n") == "lit:'a' ;newline lit:\"s\" ;newline lit:`r` ;newline lit:1.5 ;newline EOF");
  // no insertion after operators, opening brackets, commas or other keywords
  CHECK(render("x +\ny") == "x + y ;EOF EOF");
  CHECK(render("f(\na,\n)") == "f ( a , ) ;EOF EOF");
  CHECK(render("if\nfor\n") == "if for EOF");
  CHECK(render("a; b") == "a ;semicolon b ;EOF EOF");
  // a line comment still ends the line; a multi-line /* */ comment acts as a newline
  CHECK(render("x // c\ny") == "x ;newline y ;EOF EOF");
  CHECK(render("x /* a\nb */ y") == "x ;newline y ;EOF EOF");
  CHECK(render("x /* a */ y") == "x y ;EOF EOF");
}

TEST_CASE("operators and punctuation") {
  CHECK(render("a &^= b") == "a &^= b ;EOF EOF");
  CHECK(render("a &^ b && c || d") == "a &^ b && c || d ;EOF EOF");
  CHECK(render("x <<= 1; y >>= 2") == "x <<= lit:1 ;semicolon y >>= lit:2 ;EOF EOF");
  CHECK(render("ch <- v") == "ch <- v ;EOF EOF");
  CHECK(render("a := b...") == "a := b ... EOF");
  CHECK(render("*p = !q") == "* p = ! q ;EOF EOF");
  CHECK(render("a == b != c <= d >= e < f > g") == "a == b != c <= d >= e < f > g ;EOF EOF");
  CHECK(render("~T | U") == "~ T | U ;EOF EOF");
  CHECK(render("x %= 3") == "x %= lit:3 ;EOF EOF");
  Lexed l = lexAll("a*b");
  CHECK(l.toks[1].tok == Tok::Star);
  CHECK(l.toks[1].prec == precMul);
}

TEST_CASE("every Go keyword is a token") {
  const char* kws[] = {"break",  "case",   "chan",  "const",  "continue", "default", "defer",
                       "else",   "fallthrough", "for", "func",  "go",       "goto",    "if",
                       "import", "interface",   "map", "package", "range",  "return",  "select",
                       "struct", "switch", "type",  "var"};
  for (const char* k : kws) {
    Lexed l = lexAll(k);
    CHECK(l.toks[0].tok == keywordTok(k));
    CHECK(l.toks[0].tok != Tok::Name);
    CHECK(tokName(l.toks[0].tok) == k);
  }
  CHECK(keywordTok("gofast") == Tok::None);
}

TEST_CASE("literal forms") {
  auto kindOf = [](std::string_view s) {
    Lexed l = lexAll(s);
    REQUIRE(l.toks[0].tok == Tok::Literal);
    CHECK(l.errors.empty());
    CHECK_FALSE(l.toks[0].bad);
    CHECK(l.toks[0].lit == s);
    return l.toks[0].kind;
  };
  for (const char* s : {"0", "42", "1_000_000", "0x1F", "0X_ff", "0o17", "0O7", "017", "0b1010", "0B_1"})
    CHECK(kindOf(s) == LitKind::Int);
  for (const char* s : {"1.5", "1.", ".5", "1e3", "1E-3", "1_0.2_5e+1_0", "0x1p-2", "0x1.8p3", "0X.8P0", "089.5", "09e1"})
    CHECK(kindOf(s) == LitKind::Float);
  for (const char* s : {"1i", "1.5i", "0x1p2i", "017i"}) CHECK(kindOf(s) == LitKind::Imag);
  for (const char* s : {"'a'", "'\\n'", "'\\''", "'\\x41'", "'\\101'", "'\\u00e9'", "'\\U0001F600'", "'é'", "'\\\\'"})
    CHECK(kindOf(s) == LitKind::Rune);
  for (const char* s : {"\"\"", "\"a\\tb\"", "\"\\\"\"", "\"\\xff\\377\\u00e9\"", "`raw\\n`", "`multi\nline`"})
    CHECK(kindOf(s) == LitKind::String);
}

TEST_CASE("literal values decode") {
  uint64_t v;
  CHECK(intLitValue("1_000", v));
  CHECK(v == 1000);
  CHECK(intLitValue("0x_Ff", v));
  CHECK(v == 255);
  CHECK(intLitValue("017", v));
  CHECK(v == 15);
  CHECK(intLitValue("0o17", v));
  CHECK(v == 15);
  CHECK(intLitValue("0b101", v));
  CHECK(v == 5);
  CHECK(intLitValue("0", v));
  CHECK(v == 0);
  CHECK(intLitValue("18446744073709551615", v));
  CHECK(v == UINT64_MAX);
  CHECK_FALSE(intLitValue("18446744073709551616", v));
  double d;
  CHECK(floatLitValue("0x1p-2", d));
  CHECK(d == 0.25);
  CHECK(floatLitValue("1_0.5", d));
  CHECK(d == 10.5);
  uint32_t r;
  CHECK(unquoteRune("'\\n'", r));
  CHECK(r == 10);
  CHECK(unquoteRune("'é'", r));
  CHECK(r == 0xE9);
  CHECK(unquoteRune("'\\U0001F600'", r));
  CHECK(r == 0x1F600);
  CHECK(unquoteRune("'\\''", r));
  CHECK(r == '\'');
  std::string s;
  CHECK(unquoteString("\"a\\tb\\x41\\101\\u00e9\"", s));
  CHECK(s == "a\tbAA\xC3\xA9");
  CHECK(unquoteString("\"\\xff\"", s));
  CHECK(s == "\xff");
  CHECK(unquoteString("`a\r\nb`", s));
  CHECK(s == "a\nb");
}

TEST_CASE("positions are 1-based line and byte column") {
  Lexed l = lexAll("package main\n\nfunc f() {\n\treturn \"é\" + x\n}\n");
  // find tokens on line 4
  std::vector<Token> line4;
  for (const Token& t : l.toks)
    if (t.pos.line == 4) line4.push_back(t);
  REQUIRE(line4.size() >= 4);
  CHECK(line4[0].pos == Pos{4, 2});   // return (after a tab)
  CHECK(line4[1].pos == Pos{4, 9});   // "é"
  CHECK(line4[2].pos == Pos{4, 14});  // + : "é" is 4 bytes, so the column counts bytes
  CHECK(line4[3].pos == Pos{4, 16});  // x
  CHECK(line4[4].tok == Tok::Semi);
  CHECK(line4[4].pos == Pos{4, 17});  // the newline
  // the EOF semicolon sits at the end
  Lexed e = lexAll("x");
  CHECK(e.toks[1].lit == "EOF");
  CHECK(e.toks[1].pos == Pos{1, 2});
  // a multi-line comment's newline is reported at the comment's start
  Lexed c = lexAll("x /*\n*/ y");
  CHECK(c.toks[1].pos == Pos{1, 3});
}

TEST_CASE("go: directives are collected with Go's positions") {
  Lexed l = lexAll("package main\n\n//go:noinline\nfunc f() {}\n// go:notadirective\n//go:nosplit\nfunc g() {}\nvar x = 1 //go:noinline\n");
  REQUIRE(l.directives.size() == 3);
  CHECK(l.directives[0].text == "go:noinline");
  CHECK(l.directives[0].pos == Pos{3, 3});
  CHECK(l.directives[0].ownLine);
  CHECK(l.directives[1].text == "go:nosplit");
  CHECK(l.directives[2].pos == Pos{8, 13});
  CHECK_FALSE(l.directives[2].ownLine);
}

TEST_CASE("lexical errors use Go's wording and positions") {
  CHECK(firstError("x := \"abc\n") == "1:10: newline in string");
  CHECK(firstError("x := \"abc") == "1:6: string not terminated");
  CHECK(firstError("x := `abc") == "1:6: string not terminated");
  CHECK(firstError("x := 08") == "1:7: invalid digit '8' in octal literal");
  CHECK(firstError("x := 0b102") == "1:10: invalid digit '2' in binary literal");
  CHECK(firstError("x := 1__0") == "1:8: '_' must separate successive digits");
  CHECK(firstError("x := 1_") == "1:7: '_' must separate successive digits");
  CHECK(firstError("x := 0x") == "1:8: hexadecimal literal has no digits");
  CHECK(firstError("x := 0x1.8") == "1:11: hexadecimal mantissa requires a 'p' exponent");
  CHECK(firstError("x := 1e") == "1:8: exponent has no digits");
  CHECK(firstError("x := 0b1e3") == "1:9: 'e' exponent requires decimal mantissa");
  CHECK(firstError("x := 0o1.2") == "1:9: invalid radix point in octal literal");
  CHECK(firstError("x := 'ab'") == "1:6: more than one character in rune literal");
  CHECK(firstError("x := ''") == "1:7: empty rune literal or unescaped '");
  CHECK(firstError("x := '\\q'") == "1:8: unknown escape");
  CHECK(firstError("x := \"\\400\"") == "1:11: octal escape value 256 > 255");
  CHECK(firstError("x := '\\uD800'") == "1:13: escape is invalid Unicode code point U+D800");
  CHECK(firstError("x := '\\xZZ'") == "1:9: invalid character 'Z' in hexadecimal escape");
  CHECK(firstError("x @ y") == "1:3: invalid character U+0040 '@'");
  CHECK(firstError("x /* y") == "1:3: comment not terminated");
  Lexed l = lexAll("x := 08");
  CHECK(l.toks[2].bad);
}
