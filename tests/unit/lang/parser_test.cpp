// Parser: node shapes, Go's node positions, directives, unsupported constructs, the corpora, speed.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lang/parser.h"

using namespace gofast;
using namespace gofast::lang;

namespace {

// Finds the first node of kind T (pre-order) under n.
template <class T>
T* findFirst(Node* n) {
  if (n == nullptr) return nullptr;
  if (n->kind == T::Kind) return static_cast<T*>(n);
  T* found = nullptr;
  forEachChild(n, [&found](Node* c) {
    if (found == nullptr) found = findFirst<T>(c);
  });
  return found;
}

template <class T>
std::vector<T*> findAll(Node* n) {
  std::vector<T*> out;
  struct Walk {
    std::vector<T*>* out;
    void operator()(Node* x) const {
      if (x->kind == T::Kind) out->push_back(static_cast<T*>(x));
      forEachChild(x, *this);
    }
  };
  Walk{&out}(n);
  return out;
}

std::string readFile(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("node positions follow Go's compiler") {
  // Reference: `go build -gcflags=-m` on this program (Go 1.19) prints
  //   ./main.go:11:7: &T{...} escapes to heap
  //   ./main.go:11:24: []int{...} escapes to heap
  //   ./main.go:12:7: func literal escapes to heap
  //   ./main.go:15:21: []int{} does not escape
  // and `can inline leaf` would be reported at 4:6.
  const char* src =
      "package main\n"
      "\n"
      "//go:noinline\n"
      "func leaf(x int) int {\n"
      "\treturn leaf(x) + 1\n"
      "}\n"
      "\n"
      "type T struct{ a int; b []int }\n"
      "\n"
      "func main() {\n"
      "\tp := &T{a: 1, b: []int{1, 2}}\n"
      "\tf := func() { println(p.a) }\n"
      "\tgo f()\n"
      "L:\n"
      "\tfor _ = range []int{} {\n"
      "\t\tbreak L\n"
      "\t}\n"
      "}\n";
  ParseResult r = parseFile(src, "./main.go");
  REQUIRE(r.ok());
  auto funcs = findAll<FuncDecl>(r.file);
  REQUIRE(funcs.size() == 2);
  CHECK(funcs[0]->pos == Pos{4, 6});  // Go positions a FuncDecl at the token after `func`
  CHECK(funcs[0]->start == Pos{4, 1});
  CHECK(funcs[0]->noinline());
  CHECK_FALSE(funcs[1]->noinline());
  CHECK(funcs[0]->funcType->pos == Pos{4, 10});

  auto calls = findAll<CallExpr>(r.file);
  REQUIRE(calls.size() == 3);
  CHECK(calls[0]->pos == Pos{5, 13});  // `return leaf(x)` after a tab: the '('
  CHECK(calls[0]->start == Pos{5, 9});
  auto* sum = findFirst<Operation>(funcs[0]);
  REQUIRE(sum != nullptr);
  CHECK(sum->op == Op::Add);
  CHECK(sum->pos == Pos{5, 17});  // binary operation: the operator
  CHECK(sum->start == Pos{5, 9});

  auto* addr = findFirst<Operation>(funcs[1]);
  REQUIRE(addr != nullptr);
  CHECK(addr->op == Op::And);
  CHECK(addr->pos == Pos{11, 7});
  auto lits = findAll<CompositeLit>(funcs[1]);
  REQUIRE(lits.size() == 3);
  CHECK(lits[0]->pos == Pos{11, 9});  // '{'
  CHECK(lits[0]->start == Pos{11, 8});
  CHECK(lits[0]->nkeys == 2);
  CHECK(lits[1]->pos == Pos{11, 24});
  CHECK(lits[2]->pos == Pos{15, 21});
  auto* kv = findFirst<KeyValueExpr>(funcs[1]);
  CHECK(kv->pos == Pos{11, 11});  // the ':'

  auto* fl = findFirst<FuncLit>(funcs[1]);
  REQUIRE(fl != nullptr);
  CHECK(fl->pos == Pos{12, 7});
  auto* sel = findFirst<SelectorExpr>(fl);
  CHECK(sel->pos == Pos{12, 25});  // the '.'
  CHECK(sel->start == Pos{12, 24});
  CHECK(calls[1]->pos == Pos{12, 23});

  auto* gs = findFirst<CallStmt>(funcs[1]);
  CHECK(gs->tok == Tok::Go);
  CHECK(gs->pos == Pos{13, 2});
  CHECK(gs->call->pos == Pos{13, 6});

  auto* ls = findFirst<LabeledStmt>(funcs[1]);
  CHECK(ls->pos == Pos{14, 2});  // the ':'
  CHECK(ls->start == Pos{14, 1});
  auto* fs = ls->stmt->as<ForStmt>();
  REQUIRE(fs != nullptr);
  REQUIRE(fs->range != nullptr);
  CHECK(fs->range->pos == Pos{15, 10});  // `range`
  CHECK(fs->range->def == false);
  auto* br = findFirst<BranchStmt>(fs);
  CHECK(br->target == fs);  // filled by the branch checker, as Go's does

  auto* as = findFirst<AssignStmt>(funcs[1]);
  CHECK(as->pos == Pos{11, 4});  // ':='
  CHECK(as->start == Pos{11, 2});
  CHECK(as->isDefine());
}

TEST_CASE("statements and declarations") {
  const char* src = R"go(package main

import (
	"fmt"
	rt "runtime"
)

const (
	A = iota
	B
	C, D = 5, 6
)

var (
	x, y int = 1, 2
	z        = "s"
)

type Pair struct {
	a, b int
	*Pair
	next *Pair `tag`
}

func (p *Pair) Sum() (s int, err error) {
	s = p.a + p.b
	return
}

func main() {
	ch := make(chan int, 3)
	var ro <-chan int = ch
	var so chan<- int = ch
	_, _ = ro, so
	arr := [...]int{1, 2, 3}
	s := arr[1:2:3]
	t := s[:]
	i := 0
	i++
	i <<= 2
	ch <- i
	v, ok := <-ch
	select {
	case ch <- 1:
	case w := <-ch:
		_ = w
	default:
	}
	switch j := i; {
	case j > 0, j < -1:
		fallthrough
	default:
	}
	for i := 0; i < 3; i++ {
		defer func(n int) { fmt.Println(n) }(i)
	}
	for {
		break
	}
	for i < 10 {
		i++
	}
	if v > 0 {
	} else if ok {
	} else {
	}
	m := [][]int{{1}, {2, 3}}
	f := func(args ...int) int { return len(args) }
	f(t...)
	_ = rt.NumGoroutine
	_ = m
}
)go";
  ParseResult r = parseFile(src, "./main.go");
  REQUIRE(r.ok());
  auto decls = r.file->decls;
  REQUIRE(decls.size == 10);
  auto* imp = decls[1]->as<ImportDecl>();
  REQUIRE(imp != nullptr);
  CHECK(imp->localName->value == "rt");
  CHECK(imp->group != nullptr);
  CHECK(imp->group == decls[0]->group);
  auto* cB = decls[3]->as<ConstDecl>();
  REQUIRE(cB != nullptr);
  CHECK(cB->iota == 1);
  CHECK(cB->values.empty());
  auto* cCD = decls[4]->as<ConstDecl>();
  CHECK(cCD->names.size == 2);
  CHECK(cCD->iota == 2);
  auto* vxy = decls[5]->as<VarDecl>();
  CHECK(vxy->names.size == 2);
  CHECK(vxy->varType != nullptr);
  auto* st = decls[7]->as<TypeDecl>()->declType->as<StructType>();
  REQUIRE(st != nullptr);
  REQUIRE(st->fields.size == 4);
  CHECK(st->fields[0]->type == st->fields[1]->type);  // a, b share one type node
  CHECK(st->fields[2]->name == nullptr);              // embedded *Pair
  CHECK(st->fields[3]->tag->value == "`tag`");
  auto* m = decls[8]->as<FuncDecl>();
  REQUIRE(m->recv != nullptr);
  CHECK(m->recv->name->value == "p");
  CHECK(m->funcType->results.size == 2);
  CHECK(m->funcType->results[1]->name->value == "err");

  auto* mainFn = decls[9]->as<FuncDecl>();
  CHECK(findAll<ChanType>(mainFn).size() == 3);
  auto chans = findAll<ChanType>(mainFn);
  CHECK(chans[1]->dir == ChanDir::RecvOnly);
  CHECK(chans[2]->dir == ChanDir::SendOnly);
  auto slices = findAll<SliceExpr>(mainFn);
  REQUIRE(slices.size() == 2);
  CHECK(slices[0]->full);
  CHECK(slices[1]->index[0] == nullptr);
  CHECK(findFirst<SelectStmt>(mainFn)->body.size == 3);
  CHECK(findFirst<SelectStmt>(mainFn)->body[2]->comm == nullptr);
  auto* sw = findFirst<SwitchStmt>(mainFn);
  CHECK(sw->init != nullptr);
  CHECK(sw->tag == nullptr);
  CHECK(sw->body[0]->cases.size == 2);
  CHECK(sw->body[1]->isDefault);
  auto incs = findAll<AssignStmt>(mainFn);
  int incDec = 0;
  for (AssignStmt* a : incs) incDec += a->isIncDec() ? 1 : 0;
  CHECK(incDec == 3);
  bool sawDots = false;
  for (CallExpr* c : findAll<CallExpr>(mainFn)) sawDots = sawDots || c->hasDots;
  CHECK(sawDots);
  CHECK(findAll<DotsType>(mainFn).size() == 1);
  CompositeLit* nested = nullptr;
  for (CompositeLit* c : findAll<CompositeLit>(mainFn))
    if (c->litType != nullptr && exprString(c->litType) == "[][]int") nested = c;
  REQUIRE(nested != nullptr);
  REQUIRE(nested->elems.size == 2);
  REQUIRE(nested->elems[0]->as<CompositeLit>() != nullptr);
  CHECK(nested->elems[0]->as<CompositeLit>()->litType == nullptr);  // elided type
}

TEST_CASE("constructs outside the subset parse and are named for the checker") {
  const char* src = R"go(package main

var m map[string]int

type I interface {
	M() int
}

type List[T any] struct{ v T }

func f[T any](x T) T { return x }

func main() {
	var i any = 1
	_ = i.(int)
	switch v := i.(type) {
	case int:
		_ = v
	}
	goto L
L:
	_ = 1i
}
)go";
  ParseResult r = parseFile(src, "./main.go");
  REQUIRE(r.ok());
  std::vector<std::string> found;
  struct Walk {
    std::vector<std::string>* found;
    void operator()(Node* n) const {
      if (const char* what = unsupportedFeature(n)) found->push_back(std::string(what) + "@" + formatPos(n->pos));
      forEachChild(n, *this);
    }
  };
  Walk{&found}(r.file);
  std::vector<std::string> want = {"maps@3:7",         "interfaces@5:8",      "type parameters@9:6",
                                   "type parameters@11:6", "type assertions@15:7", "type switches@16:15",
                                   "goto statements@20:2", "complex numbers@22:6"};
  CHECK(found == want);
}

TEST_CASE("syntax errors stop type checking; other parse errors do not") {
  ParseResult a = parseFile("package main\n\nfunc main() {\n\tx := )\n}\n", "./main.go");
  CHECK(a.syntaxErrors >= 1);  // counted before the one-per-line filter, as Go counts
  CHECK_FALSE(a.canCheck());
  ParseResult b = parseFile("package main\n\nfunc main() {\n\tcontinue\n}\n", "./main.go");
  REQUIRE(b.diags.size() == 1);
  CHECK(b.diags[0].msg == "continue is not in a loop");
  CHECK(b.canCheck());
  ParseResult c = parseFile("func main() {}\n", "./main.go");
  CHECK(c.headerError);
  CHECK(c.file == nullptr);
}

TEST_CASE("directives attach to the following declaration") {
  ParseResult r = parseFile("package main\n\n//go:noinline\n//go:nosplit\nfunc f() {}\n\nfunc g() {}\n", "./main.go");
  REQUIRE(r.ok());
  auto* f = r.file->decls[0]->as<FuncDecl>();
  auto* g = r.file->decls[1]->as<FuncDecl>();
  CHECK(f->directives.size == 2);
  CHECK(f->directives[0].pos == Pos{3, 3});
  CHECK(f->hasDirective("go:nosplit"));
  CHECK(g->directives.size == 0);
}

TEST_CASE("dumpAst and exprString") {
  ParseResult r = parseFile("package main\n\nvar x = f(a, b...) + -c[1:2]\n", "./main.go");
  REQUIRE(r.ok());
  auto* v = r.file->decls[0]->as<VarDecl>();
  CHECK(exprString(v->values[0]) == "f(a, b...) + -c[1:2]");
  std::string d = dumpAst(v);
  CHECK(d.find("VarDecl @3:5\n") == 0);
  CHECK(d.find("  Operation @3:20 [3:9] +\n") != std::string::npos);
  CHECK(d.find("    CallExpr @3:10 [3:9] ...\n") != std::string::npos);
}

TEST_CASE("every corpus program parses without errors") {
  namespace fs = std::filesystem;
  fs::path root = fs::path(GOFAST_SOURCE_DIR) / "tests" / "golden";
  int parsed = 0;
  for (const char* dir : {"go-corpus", "gc-corpus", "gc-corpus/beyond"}) {
    fs::path d = root / dir;
    if (!fs::exists(d)) continue;
    for (const auto& e : fs::directory_iterator(d)) {
      fs::path mainGo = e.path() / "main.go";
      if (!e.is_directory() || !fs::exists(mainGo)) continue;
      ParseResult r = parseFile(readFile(mainGo), "./main.go");
      INFO(mainGo.string());
      CHECK(r.ok());
      for (const Diagnostic& diag : r.diags) MESSAGE(formatDiagnostic(diag));
      ++parsed;
    }
  }
  CHECK(parsed >= 100);
}

TEST_CASE("a 10k-line program lexes and parses quickly") {
  std::string src = "package main\n\nimport \"fmt\"\n\ntype P struct{ x, y int }\n\n";
  int lines = 6;
  for (int i = 0; lines < 10000; ++i) {
    src += "func f" + std::to_string(i) + "(a []int, p *P) (int, error) {\n";
    src += "\ts := 0\n\tfor i, v := range a {\n\t\tif v%2 == 0 && i > 0 {\n\t\t\ts += v * p.x\n\t\t}\n\t}\n";
    src += "\tq := &P{x: s, y: len(a)}\n\tfmt.Println(q.x, a[1:2], []int{1, 2, 3})\n\treturn s + q.y, nil\n}\n\n";
    lines += 12;
  }
  auto t0 = std::chrono::steady_clock::now();
  ParseResult r = parseFile(src, "./big.go");
  auto t1 = std::chrono::steady_clock::now();
  CHECK(r.ok());
  double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  MESSAGE("10k lines parsed in " << ms << " ms, arena " << r.arena->bytesUsed() / 1024 << " KiB");
  CHECK(ms < 200);  // generous for sanitizer builds; natively this is a few ms
}

TEST_CASE("hostile nesting depth is an error, not a host stack overflow (fuzz regression)") {
  std::string src = "package main\n\nfunc main() {\n\t_ = " + std::string(100000, '(') + "1\n}\n";
  gofast::lang::ParseResult r = gofast::lang::parseFile(src, "./main.go");
  CHECK_FALSE(r.ok());
  CHECK(r.syntaxErrors > 0);
}
