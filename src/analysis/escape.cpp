// Go 1.19's escape analysis on the gofast IR (see escape.h).
//
// Sections: locations, holes and notes (escape/graph.go) · the per-function walker (stmt.go, expr.go,
// assign.go, call.go) · closures (escape.go flowClosure) · the solver and explanations (solve.go) ·
// parameter tags and messages (escape.go finish/paramTag, leaks.go).
#include "analysis/escape.h"

#include <algorithm>
#include <cassert>
#include <deque>
#include <unordered_map>

#include "analysis/lower.h"

namespace gofast::analysis {

namespace {

// leaks.go: for the heap and each of the first numEscResults results, the minimal derefs (-1: none).
struct Leaks {
  int8_t v[1 + numEscResults];
  Leaks() {
    for (auto& x : v) x = -1;
  }
  int heap() const { return v[0]; }
  int result(int i) const { return v[1 + i]; }
  void add(int i, int derefs) {
    if (derefs > 127) derefs = 127;
    if (v[i] < 0 || derefs < v[i]) v[i] = static_cast<int8_t>(derefs);
  }
  void addHeap(int d) { add(0, d); }
  void addResult(int i, int d) { add(1 + i, d); }
  bool empty() const {
    for (auto x : v)
      if (x >= 0) return false;
    return true;
  }
  // Optimize (leaks.go:62): a result leak no shorter than the heap leak is redundant.
  void optimize() {
    int x = heap();
    if (x < 0) return;
    for (int i = 0; i < numEscResults; i++)
      if (result(i) >= x) v[1 + i] = -1;
  }
};

struct Note {
  Note* next;
  Node* where;
  const char* why;
};

struct Location;
struct Edge {
  Location* src;
  int derefs;
  Note* notes;
};

struct Location {
  Node* n = nullptr;
  Func* curfn = nullptr;
  std::vector<Edge> edges;
  int loopDepth = 0;
  int resultIndex = 0;
  int derefs = 0;
  uint32_t walkgen = 0;
  Location* dst = nullptr;
  int dstEdgeIdx = 0;
  bool queued = false;
  bool escapes = false;
  bool transient = false;
  Leaks paramEsc;
  bool captured = false;
  bool reassigned = false;
  bool addrtaken = false;
  // Explanations made for this location, for its verdicts: slot -1 an escape ("x escapes to heap:"),
  // 0 a parameter leak to the heap, 1+i a parameter leak to result i (Leaks' slots).
  struct Explained {
    FlowChain chain;
    int slot;
  };
  std::vector<Explained> chains;

  bool isName(Class c) const {
    return n != nullptr && n->op == Op::ONAME && static_cast<const Name*>(n)->cls == c;
  }
};

struct Hole {
  Location* dst = nullptr;
  int derefs = 0;
  Note* notes = nullptr;
  bool addrtaken = false;
};

enum FuncEsc : uint8_t { escFuncUnknown, escFuncPlanned, escFuncStarted, escFuncTagged };

// State that persists across batches: parameter tags and per-function progress.
struct Global {
  Package& pkg;
  Output& out;
  std::unordered_map<Name*, Leaks> tags;
  std::unordered_map<Func*, FuncEsc> esc;
  std::unordered_map<Func*, bool> closureCalled;
  std::unordered_map<Func*, bool> wrapper;
};

Name* canonical(Node* n) {
  Name* nm = n->asName();
  while (nm != nullptr && nm->isClosureVar && nm->outer != nullptr) nm = nm->outer;
  return nm;
}

bool isBlank(Node* n) {
  Name* nm = n != nullptr ? n->asName() : nullptr;
  return nm != nullptr && nm->sym == "_";
}

// containsClosure (solve.go:313): c is a closure nested in f (by Go's naming).
bool containsClosure(Func* f, Func* c) {
  if (f == c || f == nullptr || c == nullptr) return false;
  const std::string& fn = f->name;
  const std::string& cn = c->name;
  return cn.size() > fn.size() && cn.compare(0, fn.size(), fn) == 0 && cn[fn.size()] == '.';
}

struct Batch;

struct ClosureRec {
  Hole k;
  Node* clo;
};

struct Escape {
  Batch* b;
  Func* curfn;
  int loopDepth = 1;
  std::unordered_map<std::string_view, int> labels;  // 1 looping, 2 nonlooping

  // walker
  void block(Span<Node*> l);
  void stmts(Span<Node*> l);
  void stmt(Node* n);
  void expr(Hole k, Node* n);
  void exprSkipInit(Hole k, Node* n);
  void discard(Node* n);
  void discards(Span<Node*> l);
  Hole spill(Hole k, Node* n);
  Hole addr(Node* n);
  std::vector<Hole> addrs(Span<Node*> l);
  void assignHeap(Node* src, const char* why, Node* where);
  void assignList(Span<Node*> dsts, Span<Node*> srcs, const char* why, Node* where);
  void reassigned(const std::vector<Hole>& ks, Node* where);
  void call(std::vector<Hole>* ks, Node* call, std::vector<Node*>* init, Func* wrapper);
  Hole tagHole(std::vector<Hole>* ks, Func* fn, Name* param, int paramIndex, bool isRecv);
  void goDeferStmt(Node* n);
  void fmtInlined(Node* c, Func* fn);
  Hole dcl(Name* n);
  Location* newLoc(Node* n, bool transient);
  Hole teeHole(std::vector<Hole> ks);
  Hole later(Hole k);
  void walkFunc(Func* fn);
  Name* copyExpr(Pos pos, Node* expr, std::vector<Node*>& init, Func* fn);
};

struct Batch {
  Global& g;
  std::deque<Location> allLocs;
  std::deque<Note> notes;
  Location heapLoc;
  Location blankLoc;
  std::vector<ClosureRec> closures;
  std::vector<Func*> fns;

  explicit Batch(Global& gl) : g(gl) { heapLoc.escapes = true; }

  int m() const { return g.out.opts.m; }
  // Whether notes and flow chains are recorded: -m=2 prints them, the UI reads them (opts.flows).
  bool explain() const { return g.out.opts.m >= 2 || g.out.opts.flows; }
  void add(Pos p, std::string s) { g.out.add(p, std::move(s)); }

  Hole heapHole() { return Hole{&heapLoc, 0, nullptr, false}; }
  Hole discardHole() { return Hole{&blankLoc, 0, nullptr, false}; }

  Hole note(Hole k, Node* where, const char* why) {
    if (explain()) {
      notes.push_back(Note{k.notes, where, why});
      k.notes = &notes.back();
    }
    return k;
  }
  Hole shift(Hole k, int delta) {
    k.derefs += delta;
    k.addrtaken = delta < 0;
    return k;
  }
  Hole deref(Hole k, Node* where, const char* why) { return note(shift(k, 1), where, why); }
  Hole addrOf(Hole k, Node* where, const char* why) { return note(shift(k, -1), where, why); }

  Location* oldLoc(Node* n) {
    Name* c = canonical(n);
    return c != nullptr ? static_cast<Location*>(c->opt) : nullptr;
  }

  std::string explainLoc(Location* l) {
    if (l == &heapLoc) return "{heap}";
    if (l->n == nullptr) return "{temp}";
    if (l->n->op == Op::ONAME) return std::string(static_cast<Name*>(l->n)->sym);
    return "{storage for " + exprString(l->n) + "}";
  }

  static Pos locPos(Location* l) { return l->n != nullptr ? l->n->pos : Pos{}; }

  // explainFlow (solve.go): one step of a chain, from the notes of the edge.
  FlowStep explainFlow(Location* dst, Location* src, int derefs, Note* ns) {
    FlowStep st;
    st.dst = explainLoc(dst);
    st.src = explainLoc(src);
    st.derefs = derefs;
    st.dstPos = dst == &heapLoc ? Pos{} : locPos(dst);
    st.srcPos = locPos(src);
    for (Note* n = ns; n != nullptr; n = n->next) st.why.push_back(FlowWhy{n->where->pos, exprString(n->where), n->why});
    return st;
  }

  // explainPath (solve.go): the steps from src back to root along the walk's dst links.
  void explainPath(Location* root, Location* src, FlowChain& chain) {
    std::unordered_map<Location*, bool> visited;
    for (;;) {
      if (visited[src]) {
        chain.truncated = true;
        break;
      }
      visited[src] = true;
      Location* dst = src->dst;
      Edge& edge = dst->edges[static_cast<size_t>(src->dstEdgeIdx)];
      chain.steps.push_back(explainFlow(dst, src, edge.derefs, edge.notes));
      if (dst == root) break;
      src = dst;
    }
  }

  FlowChain newChain(FlowChainKind kind, Location* l, std::string sink, int derefs) {
    FlowChain c;
    c.pos = l->n->pos;
    c.kind = kind;
    c.subject = kind == FlowChainKind::ParamLeak ? std::string(static_cast<Name*>(l->n)->sym) : exprString(l->n);
    c.sink = std::move(sink);
    c.derefs = derefs;
    return c;
  }

  // Prints a finished chain (-m=2: the text comes from the record) and keeps it for l's verdicts.
  void emitChain(Location* l, FlowChain chain, int slot) {
    if (m() >= 2)
      for (std::string& line : explainLines(chain, g.pkg.fileName)) add(chain.pos, std::move(line));
    l->chains.push_back(Location::Explained{std::move(chain), slot});
  }

  void flow(Hole k, Location* src) {
    if (k.addrtaken) src->addrtaken = true;
    Location* dst = k.dst;
    if (dst == &blankLoc) return;
    if (dst == src && k.derefs >= 0) return;
    if (dst->escapes && k.derefs < 0) {
      if (explain()) {
        FlowChain c = newChain(FlowChainKind::Escapes, src, explainLoc(dst), 0);
        c.steps.push_back(explainFlow(dst, src, k.derefs, k.notes));
        emitChain(src, std::move(c), -1);
      }
      src->escapes = true;
      return;
    }
    dst->edges.push_back(Edge{src, k.derefs, k.notes});
  }

  // ---- solver (solve.go) ----
  bool outlives(Location* l, Location* other) {
    if (l->escapes) return true;
    if (l->isName(Class::PPARAMOUT)) {
      if (containsClosure(other->curfn, l->curfn) && g.closureCalled[l->curfn]) return false;
      return true;
    }
    if (l->curfn == other->curfn && l->loopDepth < other->loopDepth) return true;
    if (containsClosure(l->curfn, other->curfn)) return true;
    return false;
  }

  // The Leaks slot a flow from parameter l to sink lands in (leakTo, solve.go): 1+i for result i of
  // l's own function, else 0 (the heap).
  static int leakSlot(Location* l, Location* sink) {
    if (!sink->escapes && sink->isName(Class::PPARAMOUT) && sink->curfn == l->curfn) {
      int ri = sink->resultIndex - 1;
      if (ri < numEscResults) return 1 + ri;
    }
    return 0;
  }
  void leakTo(Location* l, Location* sink, int derefs) { l->paramEsc.add(leakSlot(l, sink), derefs); }

  void walkAll() {
    std::vector<Location*> todo;
    auto enqueue = [&](Location* loc) {
      if (!loc->queued) {
        todo.push_back(loc);
        loc->queued = true;
      }
    };
    for (auto& loc : allLocs) enqueue(&loc);
    enqueue(&heapLoc);
    uint32_t walkgen = 0;
    while (!todo.empty()) {
      Location* root = todo.back();
      todo.pop_back();
      root->queued = false;
      walkgen++;
      walkOne(root, walkgen, enqueue);
    }
  }

  template <class Enq>
  void walkOne(Location* root, uint32_t walkgen, Enq& enqueue) {
    root->walkgen = walkgen;
    root->derefs = 0;
    root->dst = nullptr;
    std::vector<Location*> todo{root};
    while (!todo.empty()) {
      Location* l = todo.back();
      todo.pop_back();
      int derefs = l->derefs;
      bool addressOf = derefs < 0;
      if (addressOf) {
        derefs = 0;
        if (!root->transient && l->transient) {
          l->transient = false;
          enqueue(l);
        }
      }
      if (outlives(root, l)) {
        if (l->isName(Class::PPARAM)) {
          if (explain() && !l->escapes) {
            FlowChain c = newChain(FlowChainKind::ParamLeak, l, explainLoc(root), derefs);
            explainPath(root, l, c);
            emitChain(l, std::move(c), leakSlot(l, root));
          }
          leakTo(l, root, derefs);
        }
        if (addressOf && !l->escapes) {
          if (explain()) {
            FlowChain c = newChain(FlowChainKind::Escapes, l, explainLoc(root), 0);
            explainPath(root, l, c);
            emitChain(l, std::move(c), -1);
          }
          l->escapes = true;
          enqueue(l);
          continue;
        }
      }
      for (size_t i = 0; i < l->edges.size(); i++) {
        Edge& edge = l->edges[i];
        if (edge.src->escapes) continue;
        int d = derefs + edge.derefs;
        if (edge.src->walkgen != walkgen || edge.src->derefs > d) {
          edge.src->walkgen = walkgen;
          edge.src->derefs = d;
          edge.src->dst = l;
          edge.src->dstEdgeIdx = static_cast<int>(i);
          todo.push_back(edge.src);
        }
      }
    }
  }

  // ---- closures (escape.go flowClosure) ----
  void flowClosure(Hole k, Node* clo) {
    for (Name* cv : clo->func->closureVars) {
      Name* n = canonical(cv);
      Location* loc = oldLoc(cv);
      if (loc == nullptr) continue;
      int64_t width = typeSize(n->type);
      n->byval = !loc->addrtaken && !loc->reassigned && width <= maxCaptureByValue;
      cv->byval = n->byval;
      if (!n->byval) n->addrtaken = true;
      if (m() > 1) {
        std::string curfn = n->curfn != nullptr ? n->curfn->name : std::string("?");
        add(n->pos, curfn + " capturing by " + (n->byval ? "value" : "ref") + ": " + std::string(n->sym) +
                        " (addr=" + (loc->addrtaken ? "true" : "false") + " assign=" + (loc->reassigned ? "true" : "false") +
                        " width=" + std::to_string(width) + ")");
      }
      Hole kk = k;
      if (!n->byval) kk = addrOf(kk, cv, "reference");
      flow(note(kk, cv, "captured by a closure"), loc);
    }
  }

  // HeapAllocReason (escape/utils.go:173).
  const char* heapAllocReason(Node* n) {
    if (n == nullptr || n->type == nullptr) return nullptr;
    if (Name* nm = n->asName()) {
      if (nm->cls == Class::PPARAM || nm->cls == Class::PPARAMOUT) return nullptr;
    }
    if (typeSize(n->type) > MaxStackVarSize) return "too large for stack";
    if ((n->op == Op::ONEW || n->op == Op::OPTRLIT) && n->type->elem != nullptr &&
        typeSize(types::under(n->type)->elem) > MaxImplicitStackVarSize)
      return "too large for stack";
    if (n->op == Op::OCLOSURE) {
      int64_t sz = 8;
      for (Name* cv : n->func->closureVars) sz += cv->byval ? typeSize(cv->type) : 8;
      if (sz > MaxImplicitStackVarSize) return "too large for stack";
    }
    if (n->op == Op::OMAKESLICE) {
      Node* r = n->y != nullptr ? n->y : n->x;
      types::BigInt v;
      if (r == nullptr || r->op != Op::OLITERAL || r->val == nullptr || !types::constantToInt(r->val, v) || !v.fitsI64())
        return "non-constant size";
      const types::Type* st = types::under(n->type);
      int64_t es = st != nullptr ? typeSize(st->elem) : 0;
      if (es != 0 && v.toI64() > MaxImplicitStackVarSize / es) return "too large for stack";
    }
    return nullptr;
  }

  // ---- finish (escape.go:282) ----
  // A verdict with the chains of loc that explain it (slot as in Location::Explained; -2: none).
  EscapeVerdict verdictFor(Location* loc, Pos pos, EscapeKind kind, std::string what, std::string msg, int slot) {
    EscapeVerdict v{pos, kind, std::move(what), std::move(msg), {}, {}};
    if (loc == nullptr || slot == -2) return v;
    for (Location::Explained& e : loc->chains) {
      if (e.slot != slot) continue;
      for (std::string& line : explainLines(e.chain, g.pkg.fileName)) v.flow.push_back(std::move(line));
      v.chains.push_back(e.chain);
    }
    return v;
  }

  void paramTag(Func* fn, Name* p) {
    if (p == nullptr) return;
    Leaks esc;
    if (!hasPointers(p->type)) {
      g.tags[p] = esc;
      return;
    }
    if (p->sym == "_" || (p->sym.size() > 1 && p->sym[0] == '~' && p->sym[1] == 'p')) {
      g.tags[p] = esc;
      return;
    }
    Location* loc = static_cast<Location*>(p->opt);
    if (loc == nullptr) return;
    esc = loc->paramEsc;
    esc.optimize();
    bool diagnose = m() != 0 && !g.wrapper[fn];
    if (diagnose && !loc->escapes) {
      std::string name(p->sym);
      auto verdict = [&](EscapeKind kind, const std::string& msg, int slot) {
        add(p->pos, msg);
        fn->info.escapes.push_back(verdictFor(loc, p->pos, kind, name, msg, slot));
      };
      if (esc.empty()) verdict(EscapeKind::DoesNotEscape, name + " does not escape", -2);
      if (int x = esc.heap(); x >= 0) {
        verdict(EscapeKind::LeakingParam, x == 0 ? "leaking param: " + name : "leaking param content: " + name, 0);
      }
      for (int i = 0; i < numEscResults; i++) {
        if (int x = esc.result(i); x >= 0 && static_cast<size_t>(i) < fn->results.size()) {
          verdict(EscapeKind::LeakingParam, "leaking param: " + name + " to result " + std::string(fn->results[static_cast<size_t>(i)]->sym) +
                                                " level=" + std::to_string(x), 1 + i);
        }
      }
    }
    g.tags[p] = esc;
  }

  void finish() {
    for (Func* fn : fns) {
      g.esc[fn] = escFuncTagged;
      paramTag(fn, fn->recv);
      for (Name* p : fn->params) paramTag(fn, p);
    }
    for (auto& loc : allLocs) {
      Node* n = loc.n;
      if (n == nullptr) continue;
      if (Name* nm = n->asName()) nm->opt = nullptr;
      bool goDeferWrapper = n->op == Op::OCLOSURE && g.wrapper[n->func];
      Func* owner = loc.curfn;
      if (loc.escapes) {
        n->set(kEscHeap);
        if (n->op == Op::ONAME) {
          static_cast<Name*>(n)->addrtaken = true;
          std::string msg = "moved to heap: " + std::string(static_cast<Name*>(n)->sym);
          if (m() != 0) add(n->pos, msg);
          owner->info.escapes.push_back(
              verdictFor(&loc, n->pos, EscapeKind::MovedToHeap, std::string(static_cast<Name*>(n)->sym), msg, -1));
        } else if (!goDeferWrapper) {
          std::string what = exprString(n);
          if (m() != 0) add(n->pos, what + " escapes to heap");
          owner->info.escapes.push_back(verdictFor(&loc, n->pos, EscapeKind::EscapesToHeap, what, what + " escapes to heap", -1));
        }
      } else {
        if (n->op != Op::ONAME && !goDeferWrapper) {
          std::string what = exprString(n);
          if (m() != 0) add(n->pos, what + " does not escape");
          owner->info.escapes.push_back(verdictFor(&loc, n->pos, EscapeKind::DoesNotEscape, what, what + " does not escape", -2));
        }
        if (loc.transient) n->set(kTransient);
      }
    }
  }
};

// ---- the walker ----------------------------------------------------------------------------------------

Location* Escape::newLoc(Node* n, bool transient) {
  b->allLocs.emplace_back();
  Location* loc = &b->allLocs.back();
  loc->n = n;
  loc->curfn = curfn;
  loc->loopDepth = loopDepth;
  loc->transient = transient;
  if (n != nullptr && n->op == Op::ONAME) static_cast<Name*>(n)->opt = loc;
  return loc;
}

Hole Escape::teeHole(std::vector<Hole> ks) {
  if (ks.empty()) return b->discardHole();
  if (ks.size() == 1) return ks[0];
  Location* loc = newLoc(nullptr, true);
  for (Hole& k : ks) b->flow(k, loc);
  return Hole{loc, 0, nullptr, false};
}

Hole Escape::later(Hole k) {
  Location* loc = newLoc(nullptr, false);
  b->flow(k, loc);
  return Hole{loc, 0, nullptr, false};
}

Hole Escape::spill(Hole k, Node* n) {
  Location* loc = newLoc(n, true);
  b->flow(b->addrOf(k, n, "spill"), loc);
  return Hole{loc, 0, nullptr, false};
}

void Escape::discard(Node* n) { expr(b->discardHole(), n); }
void Escape::discards(Span<Node*> l) {
  for (Node* n : l) discard(n);
}

void Escape::expr(Hole k, Node* n) {
  if (n == nullptr) return;
  stmts(n->init);
  exprSkipInit(k, n);
}

void Escape::exprSkipInit(Hole k, Node* n) {
  if (n == nullptr) return;
  if (k.derefs >= 0 && n->type != nullptr && !types::isUntyped(n->type) && !hasPointers(n->type)) k.dst = &b->blankLoc;
  switch (n->op) {
    case Op::OLITERAL: case Op::ONIL: case Op::OTYPE: case Op::OMETHEXPR:
      return;
    case Op::ONAME: {
      Name* nm = static_cast<Name*>(n);
      if (nm->cls == Class::PFUNC || nm->cls == Class::PEXTERN || nm->sym == "_") return;
      Location* loc = b->oldLoc(nm);
      if (loc != nullptr) b->flow(k, loc);
      return;
    }
    case Op::OPLUS: case Op::ONEG: case Op::OBITNOT: case Op::ONOT:
      discard(n->x);
      return;
    case Op::OADD: case Op::OSUB: case Op::OOR: case Op::OXOR: case Op::OMUL: case Op::ODIV: case Op::OMOD:
    case Op::OLSH: case Op::ORSH: case Op::OAND: case Op::OANDNOT: case Op::OEQ: case Op::ONE: case Op::OLT:
    case Op::OLE: case Op::OGT: case Op::OGE: case Op::OANDAND: case Op::OOROR:
      discard(n->x);
      discard(n->y);
      return;
    case Op::OADDR:
      expr(b->addrOf(k, n, "address-of"), n->x);
      return;
    case Op::ODEREF:
      expr(b->deref(k, n, "indirection"), n->x);
      return;
    case Op::ODOT: case Op::ODOTMETH:
      expr(b->note(k, n, "dot"), n->x);
      return;
    case Op::ODOTPTR:
      expr(b->deref(k, n, "dot of pointer"), n->x);
      return;
    case Op::OINDEX: {
      const types::Type* xt = types::under(n->x->type);
      if (xt != nullptr && xt->kind == types::Kind::Array) expr(b->note(k, n, "fixed-array-index-of"), n->x);
      else expr(b->deref(k, n, "dot of pointer"), n->x);
      discard(n->y);
      return;
    }
    case Op::OSLICE: case Op::OSLICEARR: case Op::OSLICE3: case Op::OSLICE3ARR: case Op::OSLICESTR:
      expr(b->note(k, n, "slice"), n->x);
      for (Node* c : n->list) discard(c);
      return;
    case Op::OCONV: case Op::OCONVNOP:
      expr(k, n->x);
      return;
    case Op::OCONVIFACE: {
      const types::Type* xt = n->x->type;
      // types.IsDirectIface: pointer-shaped values are stored directly in the interface word.
      const types::Type* ux = types::under(xt);
      bool direct = ux != nullptr && (ux->kind == types::Kind::Pointer || ux->kind == types::Kind::Chan ||
                                      ux->kind == types::Kind::Signature || ux->kind == types::Kind::UnsafePointer);
      if (!types::isInterface(xt) && !direct) k = spill(k, n);
      expr(b->note(k, n, "interface-converted"), n->x);
      return;
    }
    case Op::ORECV:
      discard(n->x);
      return;
    case Op::OCALLFUNC: case Op::OCALLMETH: case Op::OINLCALL: case Op::OLEN: case Op::OCAP: case Op::OCOMPLEX:
    case Op::OREAL: case Op::OIMAG: case Op::OAPPEND: case Op::OCOPY: case Op::ORECOVER: {
      std::vector<Hole> ks{k};
      call(&ks, n, nullptr, nullptr);
      return;
    }
    case Op::ONEW:
      spill(k, n);
      return;
    case Op::OMAKESLICE:
      spill(k, n);
      discard(n->x);
      discard(n->y);
      return;
    case Op::OMAKECHAN:
      discard(n->x);
      return;
    case Op::OMETHVALUE: {
      Hole closureK = spill(k, n);
      std::vector<Hole> ks;
      const types::Type* mt = n->field != nullptr ? n->field->type : nullptr;
      int nres = mt != nullptr && mt->results != nullptr ? static_cast<int>(mt->results->vars.size) : 0;
      for (int i = 0; i < nres; i++) ks.push_back(b->heapHole());
      Hole paramK = tagHole(&ks, n->func, n->func != nullptr ? n->func->recv : nullptr, -1, true);
      expr(teeHole({paramK, closureK}), n->x);
      return;
    }
    case Op::OPTRLIT:
      expr(spill(k, n), n->x);
      return;
    case Op::OARRAYLIT:
      for (Node* elt : n->list) {
        if (elt->op == Op::OKEY) elt = elt->y;
        expr(b->note(k, n, "array literal element"), elt);
      }
      return;
    case Op::OSLICELIT:
      k = spill(k, n);
      for (Node* elt : n->list) {
        if (elt->op == Op::OKEY) elt = elt->y;
        expr(b->note(k, n, "slice-literal-element"), elt);
      }
      return;
    case Op::OSTRUCTLIT:
      for (Node* elt : n->list) expr(b->note(k, n, "struct literal element"), elt->x);
      return;
    case Op::OCLOSURE: {
      k = spill(k, n);
      b->closures.push_back(ClosureRec{k, n});
      Func* fn = n->func;
      if (fn->hiddenClosure) {
        for (Name* cv : fn->closureVars) {
          Location* loc = b->oldLoc(cv);
          if (loc != nullptr && !loc->captured) {
            loc->captured = true;
            if (loc->loopDepth == loopDepth) loc->reassigned = false;
          }
        }
        Escape e2{b, fn};
        for (Name* d : fn->dcl)
          if (d->opt == nullptr) e2.newLoc(d, false);
        e2.walkFunc(fn);
      }
      return;
    }
    case Op::ORUNESTR: case Op::OBYTES2STR: case Op::OSTR2BYTES: case Op::ORUNES2STR: case Op::OSTR2RUNES:
      spill(k, n);
      discard(n->x);
      return;
    case Op::OADDSTR:
      spill(k, n);
      discards(n->list);
      return;
    default:
      return;
  }
}

Hole Escape::dcl(Name* n) {
  Location* loc = b->oldLoc(n);
  if (loc == nullptr) return b->discardHole();
  loc->loopDepth = loopDepth;
  return Hole{loc, 0, nullptr, false};
}

void Escape::block(Span<Node*> l) {
  int old = loopDepth;
  stmts(l);
  loopDepth = old;
}

void Escape::stmts(Span<Node*> l) {
  for (Node* n : l) stmt(n);
}

void Escape::stmt(Node* n) {
  if (n == nullptr) return;
  stmts(n->init);
  switch (n->op) {
    case Op::ODCLCONST: case Op::ODCLTYPE: case Op::OFALL: case Op::OINLMARK:
    case Op::OBREAK: case Op::OCONTINUE: case Op::OGOTO:
      return;
    case Op::OBLOCK:
      stmts(n->list);
      return;
    case Op::ODCL:
      if (!isBlank(n->x)) dcl(static_cast<Name*>(n->x));
      return;
    case Op::OLABEL: {
      auto it = labels.find(n->raw);
      if (it != labels.end()) {
        if (it->second == 1) loopDepth++;
        labels.erase(it);
      }
      return;
    }
    case Op::OIF:
      discard(n->x);
      block(n->body);
      block(n->rlist);
      return;
    case Op::OFOR:
      loopDepth++;
      discard(n->x);
      stmt(n->y);
      block(n->body);
      loopDepth--;
      return;
    case Op::ORANGE: {
      Location* tmp = newLoc(nullptr, false);
      expr(Hole{tmp, 0, nullptr, false}, n->x);
      loopDepth++;
      Node* kv[2] = {n->y, n->z};
      std::vector<Hole> ks;
      for (Node* x : kv) ks.push_back(x == nullptr || isBlank(x) ? b->discardHole() : addr(x));
      const types::Type* xt = types::under(n->x->type);
      if (xt != nullptr && xt->kind == types::Kind::Array) b->flow(b->note(ks[1], n, "range"), tmp);
      else b->flow(b->deref(ks[1], n, "range-deref"), tmp);
      reassigned(ks, n);
      block(n->body);
      loopDepth--;
      return;
    }
    case Op::OSWITCH:
      discard(n->x);
      for (Node* cas : n->list) {
        discards(cas->list);
        block(cas->body);
      }
      return;
    case Op::OSELECT:
      for (Node* cas : n->list) {
        stmt(cas->y);
        block(cas->body);
      }
      return;
    case Op::ORECV:
      exprSkipInit(b->discardHole(), n);
      return;
    case Op::OSEND:
      discard(n->x);
      assignHeap(n->y, "send", n);
      return;
    case Op::OAS: {
      Node* d[1] = {n->x};
      Node* s[1] = {n->y};
      assignList(Span<Node*>{d, 1}, Span<Node*>{s, 1}, "assign", n);
      return;
    }
    case Op::OASOP: {
      Node* d[1] = {n->x};
      Node* s[1] = {n->y};
      assignList(Span<Node*>{d, 1}, Span<Node*>{s, 1}, "assign", n);
      return;
    }
    case Op::OAS2:
      assignList(n->list, n->rlist, "assign-pair", n);
      return;
    case Op::OAS2RECV: case Op::OSELRECV2:
      assignList(n->list, n->rlist, "assign-pair-receive", n);
      return;
    case Op::OAS2FUNC: {
      if (n->rlist.size > 0) stmts(n->rlist[0]->init);
      std::vector<Hole> ks = addrs(n->list);
      if (n->rlist.size > 0) call(&ks, n->rlist[0], nullptr, nullptr);
      reassigned(ks, n);
      return;
    }
    case Op::ORETURN: {
      std::vector<Node*> dsts(curfn->results.begin(), curfn->results.end());
      Span<Node*> ds{dsts.data(), static_cast<uint32_t>(dsts.size())};
      assignList(ds, n->list, "return", n);
      return;
    }
    case Op::OCALLFUNC: case Op::OCALLMETH: case Op::OINLCALL: case Op::OCLOSE: case Op::OCOPY: case Op::ODELETE:
    case Op::OPANIC: case Op::OPRINT: case Op::OPRINTN: case Op::ORECOVER:
      call(nullptr, n, nullptr, nullptr);
      return;
    case Op::OGO: case Op::ODEFER:
      goDeferStmt(n);
      return;
    default:
      // expression statements of other kinds (e.g. an OAPPEND result discarded)
      expr(b->discardHole(), n);
      return;
  }
}

Hole Escape::addr(Node* n) {
  if (n == nullptr || isBlank(n)) return b->discardHole();
  Hole k = b->heapHole();
  switch (n->op) {
    case Op::ONAME: {
      Name* nm = static_cast<Name*>(n);
      if (nm->cls == Class::PEXTERN) break;
      Location* loc = b->oldLoc(nm);
      if (loc != nullptr) k = Hole{loc, 0, nullptr, false};
      break;
    }
    case Op::ODOT:
      k = addr(n->x);
      break;
    case Op::OINDEX: {
      discard(n->y);
      const types::Type* xt = types::under(n->x->type);
      if (xt != nullptr && xt->kind == types::Kind::Array) k = addr(n->x);
      else discard(n->x);
      break;
    }
    case Op::ODEREF: case Op::ODOTPTR:
      discard(n);
      break;
    default:
      break;
  }
  return k;
}

std::vector<Hole> Escape::addrs(Span<Node*> l) {
  std::vector<Hole> ks;
  for (Node* n : l) ks.push_back(addr(n));
  return ks;
}

void Escape::assignHeap(Node* src, const char* why, Node* where) { expr(b->note(b->heapHole(), where, why), src); }

bool sameSafeExpr(Node* l, Node* r) {
  if (l == nullptr || r == nullptr || l->op != r->op) return false;
  switch (l->op) {
    case Op::ONAME: return l == r;
    case Op::ODOT: case Op::ODOTPTR: return l->field == r->field && sameSafeExpr(l->x, r->x);
    case Op::ODEREF: return sameSafeExpr(l->x, r->x);
    case Op::OLITERAL: return l->raw == r->raw;
    default: return false;
  }
}

bool mayAffectMemory(Node* n) {
  if (n == nullptr) return false;
  switch (n->op) {
    case Op::ONAME: case Op::OLITERAL: case Op::ONIL: return false;
    case Op::OADD: case Op::OSUB: case Op::OOR: case Op::OXOR: case Op::OMUL: case Op::OLSH: case Op::ORSH:
    case Op::OAND: case Op::OANDNOT: case Op::ODIV: case Op::OMOD: case Op::OINDEX:
      return mayAffectMemory(n->x) || mayAffectMemory(n->y);
    case Op::OCONVNOP: case Op::OCONV: case Op::OLEN: case Op::OCAP: case Op::ONOT: case Op::OBITNOT: case Op::OPLUS:
    case Op::ONEG: case Op::ODOT: case Op::ODOTPTR: case Op::ODEREF:
      return mayAffectMemory(n->x);
    default: return true;
  }
}

// isSelfAssign (escape/utils.go:86).
bool isSelfAssign(Node* dst, Node* src) {
  if (dst != nullptr && src != nullptr && src->op == Op::OSLICE && dst->op == Op::ONAME) {
    Node* x = src->x;
    if (x != nullptr && x->op == Op::ODEREF) x = x->x;
    if (x == dst) return true;
  }
  if (dst == nullptr || src == nullptr || dst->op != src->op) return false;
  switch (dst->op) {
    case Op::ODOT: case Op::ODOTPTR: return sameSafeExpr(dst->x, src->x);
    case Op::OINDEX:
      if (mayAffectMemory(dst->y) || mayAffectMemory(src->y)) return false;
      return sameSafeExpr(dst->x, src->x);
    default: return false;
  }
}

void Escape::assignList(Span<Node*> dsts, Span<Node*> srcs, const char* why, Node* where) {
  std::vector<Hole> ks = addrs(dsts);
  for (size_t i = 0; i < ks.size(); i++) {
    Hole k = ks[i];
    Node* src = i < srcs.size ? srcs[static_cast<uint32_t>(i)] : nullptr;
    Node* dst = dsts[static_cast<uint32_t>(i)];
    if (dst != nullptr && src != nullptr && isSelfAssign(dst, src)) {
      if (b->m() != 0) b->add(where->pos, curfn->name + " ignoring self-assignment in " + exprString(where));
      k = b->discardHole();
    }
    expr(b->note(k, where, why), src);
  }
  reassigned(ks, where);
}

void Escape::reassigned(const std::vector<Hole>& ks, Node* where) {
  if (where->op == Op::OAS && where->y == nullptr) {
    if (Name* dst = where->x != nullptr ? where->x->asName() : nullptr; dst != nullptr && dst->defn == nullptr) return;
  }
  for (const Hole& k : ks) {
    Location* loc = k.dst;
    if (loc->n != nullptr && loc->n->op == Op::ONAME && static_cast<Name*>(loc->n)->defn == where && where->op != Op::ORANGE)
      continue;
    loc->reassigned = true;
  }
}

Hole Escape::tagHole(std::vector<Hole>* ks, Func* fn, Name* param, int paramIndex, bool isRecv) {
  if (fn == nullptr) return b->heapHole();
  auto st = b->g.esc.find(fn);
  bool inMutual = st != b->g.esc.end() && st->second != escFuncTagged && st->second != escFuncUnknown;
  if (inMutual && param != nullptr) return addr(param);
  Leaks esc;
  if (fn->external || !fn->hasBody) {
    // paramTag for functions without a body (escape.go:339): pointerful params leak to the heap.
    // fmt's print functions only leak the content of their ...any argument (fmt/print.go).
    const types::Type* sig = fn->sig;
    const types::Type* pt = nullptr;
    if (isRecv) pt = sig != nullptr && sig->recv != nullptr ? sig->recv->type : nullptr;
    else if (sig != nullptr && sig->params != nullptr && paramIndex >= 0 && static_cast<uint32_t>(paramIndex) < sig->params->vars.size)
      pt = sig->params->vars[static_cast<uint32_t>(paramIndex)]->type;
    bool isFmt = fn->name.rfind("fmt.", 0) == 0;
    if (isFmt) esc.addHeap(1);
    else if (pt != nullptr && hasPointers(pt)) {
      esc.addHeap(0);
    }
  } else if (param != nullptr) {
    auto it = b->g.tags.find(param);
    if (it != b->g.tags.end()) esc = it->second;
  }
  std::vector<Hole> tagKs;
  if (int x = esc.heap(); x >= 0) tagKs.push_back(b->shift(b->heapHole(), x));
  if (ks != nullptr) {
    for (int i = 0; i < numEscResults && static_cast<size_t>(i) < ks->size(); i++)
      if (int x = esc.result(i); x >= 0) tagKs.push_back(b->shift((*ks)[static_cast<size_t>(i)], x));
  }
  return teeHole(tagKs);
}

Name* Escape::copyExpr(Pos pos, Node* e, std::vector<Node*>& init, Func* fn) {
  Package& pkg = b->g.pkg;
  std::string s = ".autotmp_" + std::to_string(fn->dcl.size());
  Name* tmp = newName(pkg, pkg.arena->copyString(s), Class::PAUTO, pos, e->type, fn);
  tmp->autotemp = true;
  fn->dcl.push_back(tmp);
  Node* d = newNode(pkg, Op::ODCL, pos);
  d->x = tmp;
  Node* as = newNode(pkg, Op::OAS, pos);
  as->x = tmp;
  as->y = e;
  tmp->defn = as;
  init.push_back(d);
  init.push_back(as);
  newLoc(tmp, false);
  stmt(d);
  stmt(as);
  return tmp;
}

void Escape::call(std::vector<Hole>* ks, Node* c, std::vector<Node*>* init, Func* wrapper) {
  Package& pkg = b->g.pkg;
  auto argument = [&](Hole k, Node*& arg) {
    if (wrapper != nullptr && arg != nullptr) {
      auto visit = [&](Pos pos, Node*& a) {
        if (a == nullptr) return;
        if (a->op == Op::OLITERAL || a->op == Op::ONIL || a->op == Op::OMETHEXPR) return;
        if (Name* nm = a->asName(); nm != nullptr && nm->cls == Class::PFUNC) return;
        bool unique = a->op != Op::ONAME && a->op != Op::OLITERAL && a->op != Op::ONIL && a->op != Op::OTYPE;
        Name* tmp = copyExpr(unique ? a->pos : pos, a, *init, curfn);
        b->oldLoc(tmp)->captured = true;
        Name* cv = newName(pkg, tmp->sym, Class::PAUTOHEAP, pos, tmp->type, wrapper);
        cv->isClosureVar = true;
        cv->outer = tmp;
        wrapper->closureVars.push_back(cv);
        a = cv;
      };
      if (arg->op == Op::OSLICELIT) {
        for (Node*& el : arg->list) {
          if (el->op == Op::OKEY) visit(arg->pos, el->y);
          else visit(arg->pos, el);
        }
      } else {
        visit(c->pos, arg);
      }
    }
    expr(b->note(k, c, "call parameter"), arg);
  };
  switch (c->op) {
    case Op::OCALLFUNC: {
      // typecheck.FixVariadicCall
      Func* fn = nullptr;
      Node* v = staticValue(c->x);
      if (c->x->op == Op::OCLOSURE) b->g.closureCalled[c->x->func] = true;
      if (v != nullptr) {
        if (Name* nm = v->asName(); nm != nullptr && nm->cls == Class::PFUNC) fn = nm->fn;
        else if (v->op == Op::OCLOSURE) fn = v->func;
        else if (v->op == Op::OMETHEXPR) fn = v->func;
      }
      const types::Type* sig = fn != nullptr ? fn->sig : types::under(c->x->type);
      if (fn != nullptr && c->x->op == Op::OMETHEXPR && fn->sig == nullptr) sig = c->x->field != nullptr ? c->x->field->type : nullptr;
      if (sig != nullptr && sig->kind == types::Kind::Signature && sig->variadic && !c->has(kIsDDD)) {
        uint32_t np = sig->params->vars.size;
        uint32_t skip = (c->x->op == Op::OMETHEXPR) ? 1 : 0;
        uint32_t fixed = np - 1 + skip;
        if (c->list.size >= fixed) {
          std::vector<Node*> args(c->list.begin(), c->list.begin() + fixed);
          std::vector<Node*> extra(c->list.begin() + fixed, c->list.end());
          // MakeDotArgs: no extra arguments pass a typed nil.
          Node* lit = newNode(pkg, extra.empty() ? Op::ONIL : Op::OSLICELIT, c->pos, sig->params->vars[np - 1]->type);
          lit->list = pkg.list(extra);
          lit->set(kImplicit);
          args.push_back(lit);
          c->list = pkg.list(args);
          c->set(kIsDDD);
        }
      }
      if (ks != nullptr && fn != nullptr) {
        auto st = b->g.esc.find(fn);
        bool inMutual = st != b->g.esc.end() && st->second != escFuncTagged && st->second != escFuncUnknown;
        if (inMutual)
          for (size_t i = 0; i < fn->results.size() && i < ks->size(); i++) expr((*ks)[i], fn->results[i]);
      }
      if (c->has(kInlinedOpaque) && fn != nullptr && fn->name.rfind("fmt.", 0) == 0 && fn->sig != nullptr &&
          fn->sig->params != nullptr && fn->sig->params->vars.size == c->list.size) {
        fmtInlined(c, fn);
        return;
      }
      argument(b->discardHole(), c->x);
      uint32_t ai = 0;
      bool isMeth = c->x->op == Op::OMETHEXPR;
      if (isMeth && c->list.size > 0) {
        Name* recv = fn != nullptr ? fn->recv : nullptr;
        argument(tagHole(ks, fn, recv, -1, true), c->list[0]);
        ai = 1;
      }
      for (int pi = 0; ai < c->list.size; ai++, pi++) {
        Name* p = fn != nullptr && static_cast<size_t>(pi) < fn->params.size() ? fn->params[static_cast<size_t>(pi)] : nullptr;
        Hole k = (fn != nullptr && !fn->external && fn->hasBody && p == nullptr) ? b->heapHole() : tagHole(ks, fn, p, pi, false);
        argument(k, c->list[ai]);
      }
      return;
    }
    case Op::OINLCALL:
      stmts(c->body);
      for (uint32_t i = 0; i < c->rlist.size; i++) {
        Hole k = b->discardHole();
        if (ks != nullptr && i < ks->size()) k = (*ks)[i];
        expr(k, c->rlist[i]);
      }
      return;
    case Op::OAPPEND: {
      Span<Node*> args = c->list;
      Hole appendeeK = ks != nullptr ? (*ks)[0] : b->discardHole();
      const types::Type* st = types::under(args[0]->type);
      if (st != nullptr && st->elem != nullptr && hasPointers(st->elem))
        appendeeK = teeHole({appendeeK, b->deref(b->heapHole(), c, "appendee slice")});
      argument(appendeeK, args[0]);
      if (c->has(kIsDDD)) {
        Hole appendedK = b->discardHole();
        const types::Type* at = args.size > 1 ? types::under(args[1]->type) : nullptr;
        if (at != nullptr && at->kind == types::Kind::Slice && hasPointers(at->elem))
          appendedK = b->deref(b->heapHole(), c, "appended slice...");
        if (args.size > 1) argument(appendedK, args[1]);
      } else {
        for (uint32_t i = 1; i < args.size; i++) argument(b->heapHole(), args[i]);
      }
      return;
    }
    case Op::OCOPY: {
      argument(b->discardHole(), c->x);
      Hole copiedK = b->discardHole();
      const types::Type* yt = types::under(c->y->type);
      if (yt != nullptr && yt->kind == types::Kind::Slice && hasPointers(yt->elem))
        copiedK = b->deref(b->heapHole(), c, "copied slice");
      argument(copiedK, c->y);
      return;
    }
    case Op::OPANIC:
      argument(b->heapHole(), c->x);
      return;
    case Op::OCOMPLEX:
      argument(b->discardHole(), c->x);
      argument(b->discardHole(), c->y);
      return;
    case Op::ODELETE: case Op::OPRINT: case Op::OPRINTN: case Op::ORECOVER:
      for (Node*& a : c->list) argument(b->discardHole(), a);
      return;
    case Op::OLEN: case Op::OCAP: case Op::OREAL: case Op::OIMAG: case Op::OCLOSE:
      argument(b->discardHole(), c->x);
      return;
    default:
      return;
  }
}

// A call of fmt.Println / Print / Printf that Go inlines (the call stays in our IR: Inline::opaque).
// Go's inlined copy is `fmt.a := ... argument` then `fmt.Fprintln(io.Writer(os.Stdout), fmt.a...)`
// (fmt/print.go), so its flows pass through the copies of the parameters; the same flows are built
// here, with nodes shaped like Go's only for the explanations (`fmt.a := ... argument (assign-pair)`,
// `{heap} = *fmt.a` from the Fprintln call). The parameters' summaries are fmt's (tagHole).
void Escape::fmtInlined(Node* c, Func* fn) {
  Package& pkg = b->g.pkg;
  std::vector<Node*> params;
  for (const types::Object* o : fn->sig->params->vars) {
    Name* p = newName(pkg, pkg.arena->copyString("fmt." + std::string(o->name)), Class::PAUTO, c->pos, o->type, curfn);
    newLoc(p, false);
    params.push_back(p);
  }
  Node* as = newNode(pkg, Op::OAS2, c->pos);
  as->set(kDef);
  as->list = pkg.list(params);
  as->rlist = c->list;
  std::string target = fn->name.substr(4);  // "Println" → "fmt.Fprintln"
  if (!target.empty()) target[0] = static_cast<char>(target[0] - 'A' + 'a');
  Name* callee = newName(pkg, pkg.arena->copyString("fmt.F" + target), Class::PFUNC, c->pos, nullptr, nullptr);
  Name* stdout = newName(pkg, "io.Writer(os.Stdout)", Class::PEXTERN, c->pos, nullptr, nullptr);
  std::vector<Node*> args{stdout};
  args.insert(args.end(), params.begin(), params.end());
  Node* inner = newNode(pkg, Op::OCALLFUNC, c->pos);
  inner->x = callee;
  inner->list = pkg.list(args);
  inner->set(kIsDDD);
  for (uint32_t i = 0; i < c->list.size; i++)
    expr(b->note(Hole{b->oldLoc(params[i]), 0, nullptr, false}, as, "assign-pair"), c->list[i]);
  for (size_t i = 0; i < params.size(); i++)
    expr(b->note(tagHole(nullptr, fn, nullptr, static_cast<int>(i), false), inner, "call parameter"), params[i]);
  for (Node* p : params) static_cast<Name*>(p)->opt = nullptr;
}

void Escape::goDeferStmt(Node* n) {
  Hole k = b->heapHole();
  if (n->op == Op::ODEFER && loopDepth == 1) {
    k = later(b->discardHole());
  }
  Node* c = n->x;
  stmts(c->init);
  if (c->op == Op::OCALLFUNC) {
    const types::Type* sig = types::under(c->x->type);
    if (c->x->op != Op::OMETHEXPR && sig != nullptr && sig->kind == types::Kind::Signature &&
        (sig->params == nullptr || sig->params->vars.size == 0) && (sig->results == nullptr || sig->results->vars.size == 0)) {
      expr(k, c->x);
      return;
    }
  }
  // The hidden wrapper closure func() { call(tmps...) } (escape/call.go:234).
  Package& pkg = b->g.pkg;
  Func* fn = pkg.newFunc();
  fn->pos = n->pos;
  fn->hiddenClosure = true;
  fn->outer = curfn;
  fn->name = curfn->name + "." + (curfn->hiddenClosure ? "" : "func") + std::to_string(++curfn->closureGen);
  fn->body = pkg.list({c});
  fn->hasBody = true;
  b->g.wrapper[fn] = true;
  fn->internal = true;
  Node* clo = newNode(pkg, Op::OCLOSURE, n->pos);
  clo->func = fn;
  fn->closure = clo;
  std::vector<Node*> init;
  call(nullptr, c, &init, fn);
  b->closures.push_back(ClosureRec{spill(k, clo), clo});
  Node* nc = newNode(pkg, Op::OCALLFUNC, c->pos);
  nc->x = clo;
  nc->init = pkg.list(init);
  n->x = nc;
}

void Escape::walkFunc(Func* fn) {
  b->g.esc[fn] = escFuncStarted;
  // Label pre-pass: a label followed later by a goto to it is a loop (escape.go:212).
  std::vector<Node*> order;
  std::vector<Node*> stack(fn->body.begin(), fn->body.end());
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->op == Op::OLABEL) labels[n->raw] = 2;
    else if (n->op == Op::OGOTO) {
      auto it = labels.find(n->raw);
      if (it != labels.end() && it->second == 2) it->second = 1;
    }
    if (n->op == Op::OCLOSURE) continue;
    std::vector<Node*> kids;
    doChildren(n, [&](Node* ch) {
      kids.push_back(ch);
      return false;
    });
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  block(fn->body);
  labels.clear();
}

// ---- driver ---------------------------------------------------------------------------------------------

void analyzeBatch(std::vector<Func*>& fns, bool, void* ctx) {
  Global& g = *static_cast<Global*>(ctx);
  Batch b(g);
  b.fns = fns;
  for (Func* fn : fns) {
    g.esc[fn] = escFuncPlanned;
    Escape e{&b, fn};
    for (Name* n : fn->dcl) e.newLoc(n, false);
    for (size_t i = 0; i < fn->results.size(); i++) {
      Location* loc = static_cast<Location*>(fn->results[i]->opt);
      if (loc != nullptr) loc->resultIndex = static_cast<int>(1 + i);
    }
  }
  for (Func* fn : fns) {
    if (!fn->hiddenClosure) {
      Escape e{&b, fn};
      e.walkFunc(fn);
    }
  }
  for (ClosureRec& c : b.closures) b.flowClosure(c.k, c.clo);
  b.closures.clear();
  for (size_t i = 0; i < b.allLocs.size(); i++) {
    Location* loc = &b.allLocs[i];
    if (const char* why = b.heapAllocReason(loc->n)) b.flow(b.addrOf(b.heapHole(), loc->n, why), loc);
  }
  b.walkAll();
  b.finish();
}

}  // namespace

std::vector<std::string> explainLines(const FlowChain& chain, std::string_view fileName) {
  std::vector<std::string> lines;
  if (chain.kind == FlowChainKind::ParamLeak)
    lines.push_back("parameter " + chain.subject + " leaks to " + chain.sink + " with derefs=" + std::to_string(chain.derefs) + ":");
  else
    lines.push_back(chain.subject + " escapes to heap:");
  for (const FlowStep& st : chain.steps) {
    std::string ops = st.derefs >= 0 ? std::string(static_cast<size_t>(st.derefs), '*') : std::string("&");
    lines.push_back("  flow: " + st.dst + " = " + ops + st.src + ":");
    for (const FlowWhy& w : st.why)
      lines.push_back("    from " + w.what + " (" + w.reason + ") at " +
                      (w.pos.valid() ? std::string(fileName) + ":" + formatPos(w.pos) : std::string("<autogenerated>:1")));
  }
  if (chain.truncated) lines.push_back("  warning: truncated explanation due to assignment cycle; see golang.org/issue/35518");
  return lines;
}

void escapePackage(Package& pkg, Output& out, const std::vector<Func*>& wrappers, void (*before)(Func*, void*),
                   void* ctx) {
  Global g{pkg, out, {}, {}, {}, {}};
  visitFuncsBottomUp(pkg.decls, analyzeBatch, &g);
  for (Func* w : wrappers) {
    if (before != nullptr) before(w, ctx);
    g.wrapper[w] = true;
    std::vector<Func*> batch{w};
    analyzeBatch(batch, false, &g);
  }
}

}  // namespace gofast::analysis
