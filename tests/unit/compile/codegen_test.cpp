// Compiler tests: the opcode table (one X-macro), frame layout after ABI0, stack maps, the
// disassembler, inlining and escape analysis changing the code, unsupported constructs.
#include <doctest/doctest.h>

#include <string>

#include "analysis/report.h"
#include "compile/codegen.h"
#include "lang/frontend.h"

using namespace gofast;

namespace {

struct Compiled {
  lang::FrontendResult fe;
  analysis::AnalysisResult ar;
  compile::CompileResult cr;
};

std::unique_ptr<Compiled> compileSrc(const char* src, bool noInline = false) {
  auto c = std::make_unique<Compiled>();
  c->fe = lang::compileFrontend(src, "./main.go");
  REQUIRE(c->fe.ok());
  analysis::AnalysisOptions ao;
  ao.noInline = noInline;
  c->ar = analysis::analyzeFile(c->fe.file(), c->fe.check, ao);
  compile::CompileOptions co;
  co.traceName = "/src/main.go";
  c->cr = compile::compileProgram(*c->ar.package, co);
  return c;
}

const compile::FuncCode* findFunc(const compile::Program& p, const std::string& name) {
  for (const auto& f : p.funcs)
    if (f.name == name) return &f;
  return nullptr;
}

const char* kFib = R"(package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println(fib(10))
}
)";

}  // namespace

TEST_CASE("compile: opcode names and shapes come from one table") {
  CHECK(std::string(compile::opcodeName(compile::Opcode::CALL)) == "CALL");
  CHECK(std::string(compile::opcodeName(compile::Opcode::RET)) == "RET");
  CHECK(std::string(compile::opcodeShape(compile::Opcode::MOV)) == "ds-i");
  for (int i = 0; i < static_cast<int>(compile::Opcode::Count_); i++) {
    std::string shape = compile::opcodeShape(static_cast<compile::Opcode>(i));
    CHECK(shape.size() == 4);
  }
}

TEST_CASE("compile: ABI0 frame layout of fib: args and results above the return address") {
  auto c = compileSrc(kFib);
  REQUIRE(c->cr.ok());
  const compile::FuncCode* f = findFunc(*c->cr.program, "main.fib");
  REQUIRE(f != nullptr);
  CHECK(f->argsSize == 8);
  CHECK(f->resultsSize == 8);
  CHECK(f->frameSize % 8 == 0);
  int found = 0;
  for (const auto& s : f->slots) {
    if (s.name == "n") {
      CHECK(s.kind == compile::FrameSlot::Param);
      CHECK(s.offset == f->frameSize + 16);  // above saved BP and return address
      found++;
    }
    if (s.name == "~r0") {
      CHECK(s.kind == compile::FrameSlot::Result);
      CHECK(s.offset == f->frameSize + 16 + 8);
      found++;
    }
  }
  CHECK(found == 2);
  // fib calls itself: two CALL instructions, a stack check (not NOSPLIT).
  int calls = 0;
  for (uint32_t i = f->entry; i < f->end; i++)
    if (c->cr.program->code[i].op == compile::Opcode::CALL) calls++;
  CHECK(calls == 2);
  CHECK_FALSE(f->nosplit);
}

TEST_CASE("compile: stack maps mark pointer words of locals and arguments") {
  auto c = compileSrc(R"(package main

func use(p *int, s []int, n int) int {
	q := p
	return *q + len(s) + n
}

func main() {
	x := 1
	println(use(&x, nil, 2))
}
)", true);
  REQUIRE(c->cr.ok());
  const compile::FuncCode* f = findFunc(*c->cr.program, "main.use");
  REQUIRE(f != nullptr);
  // args: p (word 0: pointer), s (words 1-3: pointer, len, cap), n (word 4), result (word 5)
  REQUIRE(!f->argsPtrMask.empty());
  CHECK(f->argsPtrMask[0] == 0x03);
  // the local q is a pointer slot
  bool qMapped = false;
  for (const auto& s : f->slots)
    if (s.name == "q") {
      int w = s.offset / 8;
      qMapped = (f->localsPtrMask[static_cast<size_t>(w / 8)] >> (w % 8)) & 1;
    }
  CHECK(qMapped);
}

TEST_CASE("compile: -S disassembly lists functions, frames and source lines") {
  auto c = compileSrc(kFib, true);
  REQUIRE(c->cr.ok());
  std::string d = compile::disassemble(*c->cr.program);
  CHECK(d.find("TEXT main.fib(SB) 0x") != std::string::npos);
  CHECK(d.find("\tCALL\tmain.fib\n") != std::string::npos);
  CHECK(d.find("// /src/main.go:4\n") != std::string::npos);
  CHECK(d.find("JCMPK") != std::string::npos);
}

TEST_CASE("compile: inlining removes the call; escape analysis decides heap or stack") {
  const char* src = R"(package main

func add(a, b int) int { return a + b }

func newInt() *int {
	x := 5
	return &x
}

func main() {
	p := newInt()
	println(add(*p, 2))
}
)";
  auto inl = compileSrc(src);
  auto noinl = compileSrc(src, true);
  REQUIRE(inl->cr.ok());
  REQUIRE(noinl->cr.ok());
  auto countCalls = [](const compile::Program& p, const std::string& fn) {
    const compile::FuncCode* f = findFunc(p, fn);
    int n = 0;
    for (uint32_t i = f->entry; i < f->end; i++)
      if (p.code[i].op == compile::Opcode::CALL) n++;
    return n;
  };
  CHECK(countCalls(*inl->cr.program, "main.main") == 0);
  CHECK(countCalls(*noinl->cr.program, "main.main") == 2);
  // x is "moved to heap": newInt allocates it with NEW.
  const compile::FuncCode* f = findFunc(*noinl->cr.program, "main.newInt");
  bool hasNew = false;
  for (uint32_t i = f->entry; i < f->end; i++)
    if (noinl->cr.program->code[i].op == compile::Opcode::NEW) hasNew = true;
  CHECK(hasNew);
}

TEST_CASE("compile: constructs the VM cannot run yet are diagnostics at the construct") {
  auto c = compileSrc(R"(package main

type T struct{ n int }

func (t T) Get() int { return t.n }

func main() {
	f := T.Get
	println(f(T{3}))
}
)");
  REQUIRE_FALSE(c->cr.ok());
  REQUIRE(!c->cr.diags.empty());
  CHECK(c->cr.diags[0].pos.line == 8);
  CHECK(c->cr.diags[0].msg.find("gofast cannot run") == 0);
}
