// Types (identity, assignability, convertibility, type strings) and exact constant arithmetic.
#include <doctest/doctest.h>

#include "lang/checker.h"
#include "lang/constant.h"
#include "lang/frontend.h"
#include "lang/types.h"

using namespace gofast;
using namespace gofast::types;

TEST_CASE("type strings print as types2 does") {
  Arena a;
  const Type* i = basicType(Kind::Int);
  CHECK(typeString(newSlice(a, i)) == "[]int");
  CHECK(typeString(newPointer(a, newArray(a, byteType(), 4))) == "*[4]byte");
  CHECK(typeString(newChan(a, i, lang::ChanDir::SendOnly)) == "chan<- int");
  CHECK(typeString(newChan(a, newChan(a, i, lang::ChanDir::RecvOnly), lang::ChanDir::Both)) == "chan (<-chan int)");
  CHECK(typeString(basicType(Kind::UntypedFloat)) == "untyped float");
  Object x;
  x.kind = ObjKind::Var;
  x.name = "x";
  x.type = i;
  Object r;
  r.kind = ObjKind::Var;
  r.type = errorType();
  Object* ps[] = {&x};
  Object* rs[] = {&x, &r};
  Object rx = x;
  rx.name = "";
  Object* rs2[] = {&rx, &r};
  (void)rs;
  const Type* sig = newSignature(a, newTuple(a, a.copyArray(ps, 1)), newTuple(a, a.copyArray(rs2, 2)), false);
  CHECK(typeString(sig) == "func(x int) (int, error)");
  Type* st = newType(a, Kind::Struct);
  st->vars = a.copyArray(ps, 1);
  CHECK(typeString(st) == "struct{x int}");
}

TEST_CASE("identity and assignability") {
  Arena a;
  const Type* i = basicType(Kind::Int);
  CHECK(identical(newSlice(a, i), newSlice(a, i)));
  CHECK(identical(byteType(), basicType(Kind::Uint8)));
  CHECK(!identical(newSlice(a, i), newSlice(a, basicType(Kind::Int64))));
  CHECK(assignableType(newChan(a, i, lang::ChanDir::Both), newChan(a, i, lang::ChanDir::RecvOnly)));
  CHECK(!assignableType(newChan(a, i, lang::ChanDir::RecvOnly), newChan(a, i, lang::ChanDir::Both)));
  CHECK(assignableType(basicType(Kind::UntypedNil), newPointer(a, i)));
  CHECK(convertibleType(basicType(Kind::String), newSlice(a, byteType())));
  CHECK(convertibleType(basicType(Kind::Int), basicType(Kind::Float64)));
  CHECK(!convertibleType(basicType(Kind::String), i));
  CHECK(!comparable(newSlice(a, i)));
}

TEST_CASE("exact constant arithmetic") {
  Arena a;
  const Constant* one = makeInt64(a, 1);
  const Constant* big = constantShift(a, one, lang::Op::Shl, 70);
  CHECK(constantString(big) == "1180591620717411303424");
  const Constant* back = constantShift(a, big, lang::Op::Shr, 68);
  CHECK(constantString(back) == "4");
  CHECK(constantString(constantBinary(a, makeInt64(a, -7), lang::Op::Div, makeInt64(a, 2), true)) == "-3");
  CHECK(constantString(constantBinary(a, makeInt64(a, -7), lang::Op::Rem, makeInt64(a, 2), true)) == "-1");
  CHECK(constantString(constantBinary(a, makeInt64(a, 7), lang::Op::Div, makeInt64(a, 2), false)) == "3.5");
  CHECK(constantString(constantShift(a, makeInt64(a, -5), lang::Op::Shr, 1)) == "-3");
  CHECK(constantString(constantUnary(a, lang::Op::Xor, makeInt64(a, 1), 8)) == "254");
  CHECK(constantString(constantUnary(a, lang::Op::Xor, makeInt64(a, 0), 0)) == "-1");
  CHECK(constantString(constantBinary(a, makeInt64(a, -6), lang::Op::And, makeInt64(a, 7), true)) == "2");
  CHECK(constantString(makeFloat(a, 2.5)) == "2.5");
  CHECK(constantString(makeFloat(a, 1e6)) == "1e+06");
  CHECK(constantString(makeString(a, "a\"b")) == "\"a\\\"b\"");
  const Constant* out = nullptr;
  CHECK(representable(a, makeInt64(a, 300), Kind::Int8, &out) == 2);
  CHECK(representable(a, makeInt64(a, -128), Kind::Int8, &out) == 0);
  CHECK(representable(a, makeInt64(a, -1), Kind::Uint, &out) == 2);
  CHECK(representable(a, makeFloat(a, 1.5), Kind::Int, &out) == 1);
  CHECK(representable(a, makeFloat(a, 3.0), Kind::Int, &out) == 0);
  CHECK(out->kind == Constant::Kind::Int);
  BigInt b = BigInt::fromU64(1);
  for (int i = 0; i < 600; ++i) b = add(b, b);
  CHECK(b.bitLen() == 601);
}

TEST_CASE("checker results: objects, types, captures, init order") {
  const char* src = R"go(package main

import "fmt"

var b = a + 1
var a = 2

type P struct{ x int }

func (p *P) Inc() { p.x++ }

func main() {
	n := 0
	s := []int{1}
	f := func() { n++; _ = s }
	f()
	var p P
	p.Inc()
	const k = 1 << 10
	fmt.Println(n, b, k)
}
)go";
  lang::FrontendResult r = lang::compileFrontend(src, "./main.go");
  REQUIRE(r.ok());
  REQUIRE(r.check.initOrder.size() == 2);
  CHECK(r.check.initOrder[0]->names[0]->value == "a");
  CHECK(r.check.initOrder[1]->names[0]->value == "b");
  // the closure captures n and s
  types::Func* lit = nullptr;
  for (types::Func* f : r.check.funcs)
    if (f->obj == nullptr) lit = f;
  REQUIRE(lit != nullptr);
  REQUIRE(lit->captures.size == 2);
  CHECK(lit->captures[0]->name == "n");
  CHECK(lit->captures[1]->name == "s");
  CHECK(lit->captures[0]->captured);
  REQUIRE(r.check.mainFunc != nullptr);
  CHECK(typeString(r.check.mainFunc->type) == "func()");
}

TEST_CASE("unsafe.Sizeof uses amd64 layout") {
  const char* src = R"go(package main

import "unsafe"

type S struct {
	a bool
	b int64
	c bool
}

const sz = unsafe.Sizeof(S{})
const off = unsafe.Offsetof(S{}.c)

func main() {
	var arr [sz]byte
	var arr2 [off]byte
	println(len(arr), len(arr2), unsafe.Sizeof(""), unsafe.Sizeof([]int{}))
}
)go";
  lang::FrontendResult r = lang::compileFrontend(src, "./main.go");
  INFO(r.output);
  REQUIRE(r.ok());
  types::Object* sz = r.check.pkgScope->lookupLocal("sz");
  types::Object* off = r.check.pkgScope->lookupLocal("off");
  REQUIRE(sz);
  REQUIRE(off);
  CHECK(constantString(sz->val) == "24");
  CHECK(constantString(off->val) == "16");
  CHECK(typeString(sz->type) == "uintptr");
}
