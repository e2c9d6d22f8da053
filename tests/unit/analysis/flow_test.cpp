// Structured analysis results for the UI: escape verdicts carry their flow chains (FlowChain /
// FlowStep / FlowWhy, analysis.h) and function records carry cost, decision and per-call-site verdicts.
//
// The expectations come from real Go 1.19: the chains are compared with the -m=2 explanations Go
// printed in tests/golden/gc-corpus/*/expected_m2.txt (parsed here independently of gofast's printer),
// and the hand-written checks quote those files (the comment above each says which lines).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/escape.h"
#include "analysis/report.h"
#include "lang/frontend.h"
#include "unit/test_files.h"

namespace fs = std::filesystem;
using namespace gofast;
using namespace gofast::analysis;

namespace {

using gofast::testing::readText;

fs::path corpusDir(const std::string& name) { return fs::path(GOFAST_SOURCE_DIR) / "tests/golden" / name; }

Pos parsePos(const std::string& s) {  // "8:9"
  Pos p;
  size_t c = s.find(':');
  if (c == std::string::npos) return p;
  p.line = std::stoi(s.substr(0, c));
  p.col = std::stoi(s.substr(c + 1));
  return p;
}

// ---- Go's -m=2 explanations, parsed from the text Go printed ----------------------------------------
struct GoWhy {
  Pos pos;
  std::string what, reason;
};
struct GoStep {
  std::string dst, src;
  int derefs = 0;
  std::vector<GoWhy> why;
};
struct GoChain {
  Pos pos;
  std::string header;  // "c escapes to heap:" / "parameter p leaks to {heap} with derefs=0:"
  std::vector<GoStep> steps;
  bool truncated = false;
};

std::vector<GoChain> parseGoChains(const std::string& text) {
  std::vector<GoChain> out;
  std::stringstream ss(text);
  std::string line;
  const std::string prefix = "./main.go:";
  while (std::getline(ss, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    size_t sep = line.find(": ", prefix.size());
    if (sep == std::string::npos) continue;
    Pos pos = parsePos(line.substr(prefix.size(), sep - prefix.size()));
    std::string rest = line.substr(sep + 2);
    bool isHeader = !rest.empty() && rest[0] != ' ' && rest.back() == ':' &&
                    (rest.find(" escapes to heap:") != std::string::npos || rest.rfind("parameter ", 0) == 0);
    if (isHeader) {
      out.push_back(GoChain{pos, rest, {}, false});
      continue;
    }
    if (out.empty() || !(out.back().pos == pos)) continue;
    GoChain& c = out.back();
    if (rest.rfind("  flow: ", 0) == 0) {
      std::string body = rest.substr(8, rest.size() - 9);  // without "  flow: " and the final ':'
      size_t eq = body.find(" = ");
      REQUIRE(eq != std::string::npos);
      GoStep st;
      st.dst = body.substr(0, eq);
      std::string src = body.substr(eq + 3);
      if (!src.empty() && src[0] == '&') {
        st.derefs = -1;
        src = src.substr(1);
      } else {
        while (!src.empty() && src[0] == '*') {
          st.derefs++;
          src = src.substr(1);
        }
      }
      st.src = src;
      c.steps.push_back(st);
    } else if (rest.rfind("    from ", 0) == 0) {
      REQUIRE(!c.steps.empty());
      std::string body = rest.substr(9);
      size_t at = body.rfind(" at " + prefix);
      REQUIRE(at != std::string::npos);
      GoWhy w;
      w.pos = parsePos(body.substr(at + 4 + prefix.size()));
      std::string wr = body.substr(0, at);  // "&c (address-of)"
      size_t open = wr.rfind(" (");
      REQUIRE(open != std::string::npos);
      w.what = wr.substr(0, open);
      w.reason = wr.substr(open + 2, wr.size() - open - 3);
      c.steps.back().why.push_back(w);
    } else if (rest.rfind("  warning: truncated explanation", 0) == 0) {
      c.truncated = true;
    }
  }
  return out;
}

std::string headerOf(const FlowChain& c) {
  if (c.kind == FlowChainKind::ParamLeak)
    return "parameter " + c.subject + " leaks to " + c.sink + " with derefs=" + std::to_string(c.derefs) + ":";
  return c.subject + " escapes to heap:";
}

bool sameChain(const FlowChain& ours, const GoChain& go) {
  if (!(ours.pos == go.pos) || headerOf(ours) != go.header || ours.truncated != go.truncated) return false;
  if (ours.steps.size() != go.steps.size()) return false;
  for (size_t i = 0; i < ours.steps.size(); i++) {
    const FlowStep& a = ours.steps[i];
    const GoStep& b = go.steps[i];
    if (a.dst != b.dst || a.src != b.src || a.derefs != b.derefs || a.why.size() != b.why.size()) return false;
    for (size_t j = 0; j < a.why.size(); j++)
      if (!(a.why[j].pos == b.why[j].pos) || a.why[j].what != b.why[j].what || a.why[j].reason != b.why[j].reason)
        return false;
  }
  return true;
}

// The front end and the analysis of one corpus case, kept alive together (the IR points into the AST).
struct Analysed {
  lang::FrontendResult fr;
  AnalysisResult res;
  std::string goM2;
};

std::unique_ptr<Analysed> analyse(const fs::path& dir, int m = 1, bool noInline = false) {
  auto a = std::make_unique<Analysed>();
  std::string src = readText(dir / "main.go");
  a->fr = lang::compileFrontend(src, "./main.go");
  REQUIRE(a->fr.ok());
  AnalysisOptions o;
  o.m = m;
  o.noInline = noInline;
  a->res = analyzeFile(a->fr.file(), a->fr.check, o);
  a->goM2 = readText(dir / "expected_m2.txt");
  return a;
}

const FuncAnalysis* findFunc(const AnalysisResult& r, const std::string& name) {
  for (const FuncAnalysis* f : r.funcs)
    if (f->name == name) return f;
  return nullptr;
}

const EscapeVerdict* findVerdict(const AnalysisResult& r, const std::string& fn, const std::string& message) {
  const FuncAnalysis* f = findFunc(r, fn);
  if (f == nullptr) return nullptr;
  for (const EscapeVerdict& v : f->escapes)
    if (v.message == message) return &v;
  return nullptr;
}

// Checks that every chain of v is one Go printed (same position, header, steps and reasons).
void checkAgainstGo(const EscapeVerdict& v, const std::string& goM2) {
  std::vector<GoChain> go = parseGoChains(goM2);
  for (const FlowChain& c : v.chains) {
    bool found = std::any_of(go.begin(), go.end(), [&](const GoChain& g) { return sameChain(c, g); });
    INFO("verdict: ", v.message, " chain: ", headerOf(c));
    CHECK(found);
  }
}

void checkWhy(const FlowWhy& w, Pos pos, const std::string& what, const std::string& reason) {
  CHECK(w.pos == pos);
  CHECK(w.what == what);
  CHECK(w.reason == reason);
}

}  // namespace

TEST_CASE("flow: a variable returned by address is moved to heap, with Go's chain (case 03)") {
  auto a = analyse(corpusDir("gc-corpus/03_return_addr_local"));
  // expected_m2.txt:
  //   ./main.go:7:2: c escapes to heap:
  //   ./main.go:7:2:   flow: ~r0 = &c:
  //   ./main.go:7:2:     from &c (address-of) at ./main.go:8:9
  //   ./main.go:7:2:     from return &c (return) at ./main.go:8:2
  //   ./main.go:7:2: moved to heap: c
  const EscapeVerdict* v = findVerdict(a->res, "newCounter", "moved to heap: c");
  REQUIRE(v != nullptr);
  CHECK(v->kind == EscapeKind::MovedToHeap);
  CHECK(v->pos == Pos{7, 2});
  REQUIRE(v->chains.size() == 1);
  const FlowChain& c = v->chains[0];
  CHECK(c.kind == FlowChainKind::Escapes);
  CHECK(c.pos == Pos{7, 2});
  CHECK(c.subject == "c");
  CHECK(c.sink == "~r0");  // the result outlives c
  CHECK(!c.truncated);
  REQUIRE(c.steps.size() == 1);
  const FlowStep& s = c.steps[0];
  CHECK(s.dst == "~r0");
  CHECK(s.src == "c");
  CHECK(s.derefs == -1);
  CHECK(s.srcPos == Pos{7, 2});  // the variable c
  CHECK(s.dstPos.valid());       // the result ~r0
  REQUIRE(s.why.size() == 2);
  checkWhy(s.why[0], Pos{8, 9}, "&c", "address-of");
  checkWhy(s.why[1], Pos{8, 2}, "return &c", "return");
  // The text lines the verdict carries are the chain's -m=2 lines.
  std::vector<std::string> want = {"c escapes to heap:", "  flow: ~r0 = &c:", "    from &c (address-of) at ./main.go:8:9",
                                   "    from return &c (return) at ./main.go:8:2"};
  CHECK(v->flow == want);
  checkAgainstGo(*v, a->goM2);
}

TEST_CASE("flow: a parameter stored in a global leaks to the heap (case 10) and its content (case 14)") {
  auto a = analyse(corpusDir("gc-corpus/10_global_store_param"));
  // ./main.go:8:11: parameter p leaks to {heap} with derefs=0:
  // ./main.go:8:11:   flow: {heap} = p:
  // ./main.go:8:11:     from sink = p (assign) at ./main.go:9:7
  // ./main.go:8:11: leaking param: p
  const EscapeVerdict* v = findVerdict(a->res, "keep", "leaking param: p");
  REQUIRE(v != nullptr);
  CHECK(v->kind == EscapeKind::LeakingParam);
  REQUIRE(v->chains.size() == 1);
  const FlowChain& c = v->chains[0];
  CHECK(c.kind == FlowChainKind::ParamLeak);
  CHECK(c.subject == "p");
  CHECK(c.sink == "{heap}");
  CHECK(c.derefs == 0);
  REQUIRE(c.steps.size() == 1);
  CHECK(c.steps[0].dst == "{heap}");
  CHECK(!c.steps[0].dstPos.valid());
  CHECK(c.steps[0].src == "p");
  CHECK(c.steps[0].derefs == 0);
  REQUIRE(c.steps[0].why.size() == 1);
  checkWhy(c.steps[0].why[0], Pos{9, 7}, "sink = p", "assign");
  checkAgainstGo(*v, a->goM2);

  // x in main: two steps through the inlined copy of keep, every position at the call site 14:6.
  // ./main.go:13:2: x escapes to heap:
  // ./main.go:13:2:   flow: p = &x:
  // ./main.go:13:2:     from &x (address-of) at ./main.go:14:7
  // ./main.go:13:2:     from p := &x (assign-pair) at ./main.go:14:6
  // ./main.go:13:2:   flow: {heap} = p:
  // ./main.go:13:2:     from sink = p (assign) at ./main.go:14:6
  const EscapeVerdict* x = findVerdict(a->res, "main", "moved to heap: x");
  REQUIRE(x != nullptr);
  REQUIRE(x->chains.size() == 1);
  REQUIRE(x->chains[0].steps.size() == 2);
  CHECK(x->chains[0].steps[0].dst == "p");
  CHECK(x->chains[0].steps[0].derefs == -1);
  checkWhy(x->chains[0].steps[0].why[1], Pos{14, 6}, "p := &x", "assign-pair");
  CHECK(x->chains[0].steps[1].dst == "{heap}");
  CHECK(x->chains[0].steps[1].src == "p");
  checkAgainstGo(*x, a->goM2);

  auto b = analyse(corpusDir("gc-corpus/14_param_content_leak"));
  // ./main.go:13:12: parameter pp leaks to {heap} with derefs=1:
  // ./main.go:13:12:   flow: {heap} = *pp:
  // ./main.go:13:12:     from *pp (indirection) at ./main.go:14:9
  // ./main.go:13:12:     from sink = *pp (assign) at ./main.go:14:7
  // ./main.go:13:12: leaking param content: pp
  const EscapeVerdict* pp = findVerdict(b->res, "stash", "leaking param content: pp");
  REQUIRE(pp != nullptr);
  REQUIRE(pp->chains.size() == 1);
  CHECK(pp->chains[0].derefs == 1);
  REQUIRE(pp->chains[0].steps.size() == 1);
  CHECK(pp->chains[0].steps[0].derefs == 1);
  checkWhy(pp->chains[0].steps[0].why[0], Pos{14, 9}, "*pp", "indirection");
  checkAgainstGo(*pp, b->goM2);
}

TEST_CASE("flow: leaking to a result names the result as the sink (case 12)") {
  auto a = analyse(corpusDir("gc-corpus/12_param_to_result"));
  // ./main.go:12:11: parameter a leaks to ~r0 with derefs=0:
  // ./main.go:12:11:   flow: ~r0 = a:
  // ./main.go:12:11:     from return a (return) at ./main.go:14:3
  // ./main.go:12:11: leaking param: a to result ~r0 level=0
  const EscapeVerdict* v = findVerdict(a->res, "pick", "leaking param: a to result ~r0 level=0");
  REQUIRE(v != nullptr);
  REQUIRE(v->chains.size() == 1);
  CHECK(v->chains[0].sink == "~r0");
  CHECK(v->chains[0].pos == Pos{12, 11});
  REQUIRE(v->chains[0].steps.size() == 1);
  checkWhy(v->chains[0].steps[0].why[0], Pos{14, 3}, "return a", "return");
  checkAgainstGo(*v, a->goM2);
}

TEST_CASE("flow: a variable captured by reference by an escaping closure (case 43)") {
  auto a = analyse(corpusDir("gc-corpus/43_closure_counter_escapes"));
  // ./main.go:9:2: count escapes to heap:
  // ./main.go:9:2:   flow: {storage for func literal} = &count:
  // ./main.go:9:2:     from count (captured by a closure) at ./main.go:11:3
  // ./main.go:9:2:     from count (reference) at ./main.go:11:3
  // ./main.go:9:2: moved to heap: count
  const EscapeVerdict* v = findVerdict(a->res, "counter", "moved to heap: count");
  REQUIRE(v != nullptr);
  REQUIRE(v->chains.size() == 1);
  REQUIRE(v->chains[0].steps.size() == 1);
  const FlowStep& s = v->chains[0].steps[0];
  CHECK(s.dst == "{storage for func literal}");
  CHECK(s.dstPos == Pos{10, 9});  // the func literal: the arrow points at it
  CHECK(s.src == "count");
  CHECK(s.derefs == -1);
  REQUIRE(s.why.size() == 2);
  checkWhy(s.why[0], Pos{11, 3}, "count", "captured by a closure");
  checkWhy(s.why[1], Pos{11, 3}, "count", "reference");
  checkAgainstGo(*v, a->goM2);
  // ./main.go:10:9: func literal escapes to heap:
  // ./main.go:10:9:   flow: ~r0 = &{storage for func literal}:
  const EscapeVerdict* f = findVerdict(a->res, "counter", "func literal escapes to heap");
  REQUIRE(f != nullptr);
  REQUIRE(f->chains.size() == 1);
  CHECK(f->chains[0].subject == "func literal");
  CHECK(f->chains[0].steps[0].dst == "~r0");
  CHECK(f->chains[0].steps[0].src == "{storage for func literal}");
  checkAgainstGo(*f, a->goM2);
}

TEST_CASE("flow: a value passed to fmt.Println is boxed into the ... argument (gc-extra 15)") {
  auto a = analyse(corpusDir("gc-extra/15_fmt_println_values"));
  // expected_m2.txt (fmt.Println(n, s) at 17:13; n is converted at the call's position):
  //   ./main.go:17:13: n escapes to heap:
  //   ./main.go:17:13:   flow: {storage for ... argument} = &{storage for n}:
  //   ./main.go:17:13:     from n (spill) at ./main.go:17:13
  //   ./main.go:17:13:     from ... argument (slice-literal-element) at ./main.go:17:13
  //   ./main.go:17:13:   flow: fmt.a = &{storage for ... argument}:
  //   ./main.go:17:13:     from ... argument (spill) at ./main.go:17:13
  //   ./main.go:17:13:     from fmt.a := ... argument (assign-pair) at ./main.go:17:13
  //   ./main.go:17:13:   flow: {heap} = *fmt.a:
  //   ./main.go:17:13:     from fmt.Fprintln(io.Writer(os.Stdout), fmt.a...) (call parameter) at ./main.go:17:13
  //   ./main.go:17:13: n escapes to heap
  const FuncAnalysis* mainF = findFunc(a->res, "main");
  REQUIRE(mainF != nullptr);
  const EscapeVerdict* v = nullptr;
  for (const EscapeVerdict& e : mainF->escapes)
    if (e.message == "n escapes to heap" && e.pos == Pos{17, 13}) v = &e;
  REQUIRE(v != nullptr);
  CHECK(v->kind == EscapeKind::EscapesToHeap);
  REQUIRE(v->chains.size() == 1);
  const FlowChain& c = v->chains[0];
  CHECK(c.subject == "n");
  REQUIRE(c.steps.size() >= 2);
  CHECK(c.steps[0].dst == "{storage for ... argument}");
  CHECK(c.steps[0].src == "{storage for n}");
  CHECK(c.steps[0].derefs == -1);
  REQUIRE(c.steps[0].why.size() == 2);
  checkWhy(c.steps[0].why[0], Pos{17, 13}, "n", "spill");
  checkWhy(c.steps[0].why[1], Pos{17, 13}, "... argument", "slice-literal-element");
  REQUIRE(c.steps.size() == 3);
  CHECK(c.steps[1].dst == "fmt.a");
  CHECK(c.steps[1].src == "{storage for ... argument}");
  checkWhy(c.steps[1].why[1], Pos{17, 13}, "fmt.a := ... argument", "assign-pair");
  CHECK(c.steps[2].dst == "{heap}");
  CHECK(c.steps[2].src == "fmt.a");
  CHECK(c.steps[2].derefs == 1);
  checkWhy(c.steps[2].why[0], Pos{17, 13}, "fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)", "call parameter");
  checkAgainstGo(*v, a->goM2);
  // The "... argument" slice itself does not escape and has no chain.
  bool sawDDD = false;
  for (const EscapeVerdict& e : mainF->escapes)
    if (e.message == "... argument does not escape") {
      sawDDD = true;
      CHECK(e.chains.empty());
    }
  CHECK(sawDDD);
}

// Every verdict of every corpus case whose -m=2 text matches Go: escapes and leaks carry chains, and
// each chain is one Go printed; chains are the same whether recorded at -m=1 (for the UI) or -m=2.
TEST_CASE("flow: every chain of every verdict is one Go printed (gc-corpus)") {
  int cases = 0, chains = 0;
  fs::path root = corpusDir("gc-corpus");
  for (auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory() || !fs::exists(e.path() / "main.go")) continue;
    auto a1 = analyse(e.path(), 1);
    auto a2 = analyse(e.path(), 2);
    std::vector<GoChain> go = parseGoChains(a1->goM2);
    cases++;
    REQUIRE(a1->res.funcs.size() == a2->res.funcs.size());
    for (size_t fi = 0; fi < a1->res.funcs.size(); fi++) {
      const FuncAnalysis& f = *a1->res.funcs[fi];
      const FuncAnalysis& f2 = *a2->res.funcs[fi];
      REQUIRE(f.escapes.size() == f2.escapes.size());
      for (size_t vi = 0; vi < f.escapes.size(); vi++) {
        const EscapeVerdict& v = f.escapes[vi];
        INFO("case ", e.path().filename().string(), " func ", f.name, " verdict ", v.message);
        switch (v.kind) {
          case EscapeKind::MovedToHeap: case EscapeKind::EscapesToHeap: CHECK(v.chains.size() == 1); break;
          case EscapeKind::LeakingParam: CHECK(v.chains.size() >= 1); break;
          case EscapeKind::DoesNotEscape: CHECK(v.chains.empty()); break;
        }
        CHECK(v.flow == f2.escapes[vi].flow);
        std::vector<std::string> lines;
        for (const FlowChain& c : v.chains) {
          chains++;
          REQUIRE(!c.steps.empty());
          if (!c.truncated) CHECK(c.sink == c.steps.back().dst);
          CHECK(std::any_of(go.begin(), go.end(), [&](const GoChain& g) { return sameChain(c, g); }));
          for (std::string& l : explainLines(c, "./main.go")) lines.push_back(l);
        }
        CHECK(lines == v.flow);
      }
    }
    // Conversely, every "escapes to heap:" explanation Go printed for a verdict it printed (not, e.g.,
    // for the hidden wrapper closure of a go statement) belongs to that verdict.
    for (const GoChain& g : go) {
      if (g.header.rfind("parameter ", 0) == 0) continue;
      std::string subject = g.header.substr(0, g.header.size() - std::string(" escapes to heap:").size());
      std::string at = "./main.go:" + formatPos(g.pos) + ": ";
      if (a1->goM2.find(at + subject + " escapes to heap\n") == std::string::npos &&
          a1->goM2.find(at + "moved to heap: " + subject + "\n") == std::string::npos)
        continue;
      bool found = false;
      for (const FuncAnalysis* f : a1->res.funcs)
        for (const EscapeVerdict& v : f->escapes)
          for (const FlowChain& c : v.chains) found = found || sameChain(c, g);
      INFO("case ", e.path().filename().string(), " Go chain ", g.header, " at ", formatPos(g.pos));
      CHECK(found);
    }
  }
  CHECK(cases >= 63);
  CHECK(chains >= 60);
}

TEST_CASE("flow: chains are not recorded when AnalysisOptions::flows is off below -m=2") {
  std::string src = readText(corpusDir("gc-corpus/03_return_addr_local") / "main.go");
  lang::FrontendResult fr = lang::compileFrontend(src, "./main.go");
  REQUIRE(fr.ok());
  AnalysisOptions o;
  o.m = 1;
  o.flows = false;
  AnalysisResult r = analyzeFile(fr.file(), fr.check, o);
  const EscapeVerdict* v = findVerdict(r, "newCounter", "moved to heap: c");
  REQUIRE(v != nullptr);
  CHECK(v->chains.empty());
  CHECK(v->flow.empty());
}

// ---- function records: cost, decision, reason, call sites --------------------------------------------

TEST_CASE("functions: every record has a decision, and call sites say whether and why not inlined") {
  fs::path root = corpusDir("gc-corpus");
  for (auto& e : fs::directory_iterator(root)) {
    if (!e.is_directory() || !fs::exists(e.path() / "main.go")) continue;
    auto a = analyse(e.path(), 1);
    for (const FuncAnalysis* f : a->res.funcs) {
      INFO("case ", e.path().filename().string(), " func ", f->name);
      CHECK(!f->name.empty());
      CHECK(f->pos.valid());
      if (f->inlinable) {
        CHECK(f->cost >= 0);
        CHECK(f->cost <= inlineMaxBudget);
        CHECK(f->reason.empty());
      } else {
        CHECK(!f->reason.empty());
      }
      for (const CallSiteVerdict& c : f->calls) {
        CHECK(c.pos.valid());
        CHECK(!c.callee.empty());
        CHECK(c.inlined == c.reason.empty());
      }
    }
  }
}

TEST_CASE("functions: call-site reasons (cases 71, 74, 75, 84, gc-extra 04) and -l") {
  // 71: ./main.go:17:6: cannot inline twoCalls: function too complex: cost 124 exceeds budget 80 and
  // ./main.go:9:6: cannot inline work: marked go:noinline; oneCall (cost 63) calls work once.
  auto a = analyse(corpusDir("gc-corpus/71_inline_call_cost"));
  const FuncAnalysis* two = findFunc(a->res, "twoCalls");
  REQUIRE(two != nullptr);
  CHECK(!two->inlinable);
  CHECK(two->cost == 124);
  CHECK(two->reason == "function too complex: cost 124 exceeds budget 80");
  const FuncAnalysis* one = findFunc(a->res, "oneCall");
  REQUIRE(one != nullptr);
  CHECK(one->inlinable);
  CHECK(one->cost == 63);
  REQUIRE(one->calls.size() == 1);
  CHECK(one->calls[0].callee == "work");
  CHECK(!one->calls[0].inlined);
  CHECK(one->calls[0].reason == "work cannot be inlined (marked go:noinline)");

  // 74: ./main.go:38:36: cannot inline ping into main: repeated recursive cycle
  auto b = analyse(corpusDir("gc-corpus/74_inline_mutual_recursion"));
  const FuncAnalysis* m = findFunc(b->res, "main");
  REQUIRE(m != nullptr);
  bool cycle = false;
  for (const CallSiteVerdict& c : m->calls)
    if (c.callee == "ping" && !c.inlined) {
      CHECK(c.pos == Pos{38, 36});
      CHECK(c.reason == "repeated recursive cycle");
      cycle = true;
    }
  CHECK(cycle);

  // 75: spawn's `go task(ch, v)` (12:9) is never inlined; spawn itself has a go statement.
  auto c = analyse(corpusDir("gc-corpus/75_inline_go_stmt"));
  const FuncAnalysis* spawn = findFunc(c->res, "spawn");
  REQUIRE(spawn != nullptr);
  CHECK(spawn->reason == "unhandled op GO");
  REQUIRE(spawn->calls.size() == 1);
  CHECK(spawn->calls[0].callee == "task");
  CHECK(!spawn->calls[0].inlined);
  CHECK(spawn->calls[0].reason == "go statement: its call is never inlined");

  // 84: `return op(x)` through a package-level func variable is a dynamic call (19:11); the call
  // through a local assigned once is inlined (./main.go:15:10: inlining call to double).
  auto e = analyse(corpusDir("gc-corpus/84_inline_func_values"));
  const FuncAnalysis* viaGlobal = findFunc(e->res, "viaGlobal");
  REQUIRE(viaGlobal != nullptr);
  REQUIRE(viaGlobal->calls.size() == 1);
  CHECK(viaGlobal->calls[0].callee == "op");
  CHECK(viaGlobal->calls[0].pos == Pos{19, 11});
  CHECK(!viaGlobal->calls[0].inlined);
  CHECK(viaGlobal->calls[0].reason == "dynamic call: the callee is not known at compile time");
  const FuncAnalysis* viaLocal = findFunc(e->res, "viaLocal");
  REQUIRE(viaLocal != nullptr);
  REQUIRE(viaLocal->calls.size() == 1);
  CHECK(viaLocal->calls[0].callee == "double");
  CHECK(viaLocal->calls[0].inlined);

  // gc-extra 04: `defer cleanup(&x)` in a loop (20:9) is never inlined.
  auto g = analyse(corpusDir("gc-extra/04_go_defer_closures"));
  const FuncAnalysis* process = findFunc(g->res, "process");
  REQUIRE(process != nullptr);
  bool deferred = false;
  for (const CallSiteVerdict& cs : process->calls)
    if (cs.callee == "cleanup") {
      deferred = true;
      CHECK(!cs.inlined);
      CHECK(cs.reason == "defer statement: its call is never inlined");
    }
  CHECK(deferred);

  // -l: nothing is inlined; costs are still computed.
  auto d = analyse(corpusDir("gc-corpus/71_inline_call_cost"), 1, true);
  const FuncAnalysis* oneL = findFunc(d->res, "oneCall");
  REQUIRE(oneL != nullptr);
  CHECK(oneL->cost == 63);
  CHECK(!oneL->inlinable);
  const FuncAnalysis* mainL = findFunc(d->res, "main");
  REQUIRE(mainL != nullptr);
  REQUIRE(!mainL->calls.empty());
  for (const CallSiteVerdict& cs : mainL->calls) {
    CHECK(!cs.inlined);
    CHECK(cs.reason == "inlining disabled (-l)");
  }
}
