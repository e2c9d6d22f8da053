// Go 1.19's inliner on the gofast IR (see inline.h).
//
// Sections: call-graph SCCs (ir/scc.go) · staticValue · hairyVisitor and CanInline · copying and
// substitution (inlcopy, inlsubst) · InlineCalls / mkinlcall.
#include "analysis/inline.h"

#include <algorithm>
#include <cassert>
#include <unordered_map>
#include <unordered_set>

namespace gofast::analysis {

// ---- call-graph SCCs (Go's ir.VisitFuncsBottomUp, ir/scc.go:52) -------------------------------------
namespace {

struct BottomUp {
  void (*analyze)(std::vector<Func*>&, bool, void*);
  void* ctx;
  std::unordered_map<Func*, uint32_t> nodeID;
  uint32_t visitgen = 0;
  std::vector<Func*> stack;

  void walk(Node* n, uint32_t& min) {
    if (n == nullptr) return;
    auto doFn = [&](Func* f) {
      if (f == nullptr || f->external || !f->hasBody) return;
      uint32_t m = visit(f);
      if (m < min) min = m;
    };
    switch (n->op) {
      case Op::ONAME: {
        Name* nm = static_cast<Name*>(n);
        if (nm->cls == Class::PFUNC) doFn(nm->fn);
        return;
      }
      case Op::ODOTMETH: case Op::OMETHVALUE: case Op::OMETHEXPR:
        doFn(n->func);
        break;
      case Op::OCLOSURE:
        doFn(n->func);
        break;
      default:
        break;
    }
    doChildren(n, [&](Node* c) {
      walk(c, min);
      return false;
    });
  }

  uint32_t visit(Func* fn) {
    auto it = nodeID.find(fn);
    if (it != nodeID.end() && it->second > 0) return it->second;
    uint32_t id = ++visitgen;
    nodeID[fn] = id;
    uint32_t min = ++visitgen;
    stack.push_back(fn);
    for (Node* s : fn->body) walk(s, min);
    if ((min == id || min == id + 1) && !fn->hiddenClosure) {
      bool recursive = min == id;
      size_t i = stack.size();
      while (i > 0) {
        i--;
        nodeID[stack[i]] = ~uint32_t(0);
        if (stack[i] == fn) break;
      }
      std::vector<Func*> block(stack.begin() + static_cast<std::ptrdiff_t>(i), stack.end());
      stack.resize(i);
      analyze(block, recursive, ctx);
    }
    return min;
  }
};

}  // namespace

void visitFuncsBottomUp(const std::vector<Func*>& decls, void (*analyze)(std::vector<Func*>&, bool, void*), void* ctx) {
  BottomUp v{analyze, ctx, {}, 0, {}};
  for (Func* f : decls)
    if (!f->hiddenClosure && f->hasBody && v.nodeID.find(f) == v.nodeID.end()) v.visit(f);
}

// ---- staticValue (ir/expr.go StaticValue / staticValue1) ------------------------------------------------
Node* staticValue(Node* n) {
  for (;;) {
    if (n == nullptr) return n;
    if (n->op == Op::OCONVNOP) {
      n = n->x;
      continue;
    }
    if (n->op == Op::OINLCALL) {
      if (n->rlist.size != 1) return n;
      n = n->rlist[0];
      continue;
    }
    Name* nm = n->asName();
    if (nm == nullptr || nm->cls != Class::PAUTO || nm->defn == nullptr) return n;
    Node* defn = nm->defn;
    Node* rhs = nullptr;
    if (defn->op == Op::OAS) {
      rhs = defn->y;
    } else if (defn->op == Op::OAS2) {
      for (uint32_t i = 0; i < defn->list.size && i < defn->rlist.size; i++)
        if (defn->list[i] == nm) rhs = defn->rlist[i];
    } else {
      return n;
    }
    if (rhs == nullptr || nm->addrtaken || nm->assigned) return n;
    n = rhs;
  }
}

namespace {

// ---- hairyVisitor (inl.go:236-444) --------------------------------------------------------------------

void canInline(Func* fn, Output* out);

Func* inlCallee(Node* fn, Output* out) {
  fn = staticValue(fn);
  if (fn == nullptr) return nullptr;
  switch (fn->op) {
    case Op::OMETHEXPR:
      return fn->func;
    case Op::ONAME: {
      Name* nm = static_cast<Name*>(fn);
      return nm->cls == Class::PFUNC ? nm->fn : nullptr;
    }
    case Op::OCLOSURE:
      if (out != nullptr) canInline(fn->func, out);
      return fn->func;
    default:
      return nullptr;
  }
}

bool isConstBool(Node* n, bool& val) {
  if (n == nullptr || n->op != Op::OLITERAL || n->val == nullptr || n->val->kind != types::Constant::Kind::Bool)
    return false;
  val = n->val->b;
  return true;
}

struct HairyVisitor {
  int32_t budget = inlineMaxBudget;
  std::string reason;
  int32_t extraCallCost = inlineExtraCallCost;
  std::unordered_set<Name*> usedLocals;
  Output* out = nullptr;  // null: do not price called closures on the way (hairyCost)
  bool fullCost = true;   // Go stops early unless -m=2 (same verdict, only the reported cost differs)
  bool dry = false;       // price called closures not priced yet without recording (out == nullptr)

  bool doList(Span<Node*> l) {
    for (Node* n : l)
      if (doNode(n)) return true;
    return false;
  }

  bool doNode(Node* n) {
    if (n == nullptr) return false;
    switch (n->op) {
      case Op::OCALLFUNC: {
        Func* fn = inlCallee(n->x, out);
        if (fn != nullptr && fn->inl != nullptr) {
          budget -= fn->inl->cost;
          break;
        }
        if (dry && fn != nullptr && !fn->inlinabilityChecked && fn->hiddenClosure && !fn->noinline) {
          // A called closure not priced yet: what pricing it on the spot (as the full visit does)
          // would give, without recording anything.
          HairyVisitor sub;
          sub.dry = true;
          if (!sub.tooHairy(fn)) {
            budget -= inlineMaxBudget - sub.budget;
            break;
          }
        }
        budget -= extraCallCost;
        break;
      }
      case Op::OCALL: case Op::OCALLINTER:
        budget -= extraCallCost;
        break;
      case Op::OPANIC:
        if (n->x != nullptr && n->x->op == Op::OCONVIFACE && n->x->has(kImplicit)) budget++;
        budget -= inlineExtraPanicCost;
        break;
      case Op::ORECOVER:
        reason = "call to recover";
        return true;
      case Op::OCLOSURE:
        budget -= 15;
        if (doList(n->func->body)) return true;
        break;
      case Op::OGO: case Op::ODEFER: case Op::ODCLTYPE: case Op::OTAILCALL:
        reason = std::string("unhandled op ") + opName(n->op);
        return true;
      case Op::OAPPEND:
        budget -= inlineExtraAppendCost;
        break;
      case Op::ODEREF: {
        Node* ptr = n->x;
        while (ptr != nullptr && ptr->op == Op::OCONVNOP) ptr = ptr->x;
        if (ptr != nullptr && ptr->op == Op::OADDR) budget += 1;
        break;
      }
      case Op::OCONVNOP:
        budget++;
        break;
      case Op::ODCLCONST: case Op::OFALL:
        return false;
      case Op::OIF: {
        bool val;
        if (isConstBool(n->x, val)) {
          if (doList(n->init)) return true;
          return val ? doList(n->body) : doList(n->rlist);
        }
        break;
      }
      case Op::ONAME: {
        Name* nm = static_cast<Name*>(n);
        if (nm->cls == Class::PAUTO) usedLocals.insert(nm);
        break;
      }
      case Op::OBLOCK:
        budget++;
        break;
      case Op::OMETHVALUE: case Op::OSLICELIT:
        budget--;
        break;
      case Op::OMETHEXPR:
        budget++;
        break;
      default:
        break;
    }
    budget--;
    if (budget < 0 && !fullCost) {
      reason = "too expensive";
      return true;
    }
    return doChildren(n, [this](Node* c) { return doNode(c); });
  }

  bool tooHairy(Func* fn) {
    if (doList(fn->body)) return true;
    if (budget < 0) {
      reason = "function too complex: cost " + std::to_string(inlineMaxBudget - budget) + " exceeds budget " +
               std::to_string(inlineMaxBudget);
      return true;
    }
    return false;
  }
};

// ---- copying (inlcopy) ----------------------------------------------------------------------------------

struct Copier {
  Package* pkg;
  // Substitution (inlsubst) when non-null.
  std::unordered_map<Name*, Name*>* vars = nullptr;
  Pos pos;                 // new position for every copied node (inlined copies)
  bool setPos = false;
  Func* curfn = nullptr;   // the function inlined into (new closures' outer, names)
  Name* retlabelOwner = nullptr;
  std::string_view retlabel;
  std::vector<Name*>* retvars = nullptr;
  bool delayRetvars = false;
  Func* newclofn = nullptr;  // inside a re-created closure: returns are not rewritten

  Node* copyNode(Node* n) {
    if (n == nullptr) return nullptr;
    switch (n->op) {
      case Op::ONAME: {
        Name* nm = static_cast<Name*>(n);
        if (vars != nullptr) {
          auto it = vars->find(nm);
          if (it != vars->end()) return it->second;
        }
        return n;
      }
      case Op::OTYPE: case Op::OLITERAL: case Op::ONIL:
        if (setPos && n->op != Op::OTYPE) {
          Node* m = pkg->make<Node>();
          *m = *n;
          m->pos = pos;
          return m;
        }
        return n;
      default:
        break;
    }
    if (vars != nullptr && n->op == Op::ORETURN && newclofn == nullptr) return substReturn(n);
    Node* m = pkg->make<Node>();
    *m = *n;
    if (setPos) m->pos = pos;
    m->init = copyList(n->init);
    m->x = copyNode(n->x);
    m->y = copyNode(n->y);
    m->z = copyNode(n->z);
    m->list = copyList(n->list);
    m->body = copyList(n->body);
    m->rlist = copyList(n->rlist);
    if (n->op == Op::OCLOSURE) m->func = copyClosure(n->func, m);
    return m;
  }

  Span<Node*> copyList(Span<Node*> l) {
    if (l.size == 0) return l;
    std::vector<Node*> v;
    v.reserve(l.size);
    for (Node* c : l) v.push_back(copyNode(c));
    return pkg->list(v);
  }

  Func* copyClosure(Func* old, Node* clo) {
    Func* nf = pkg->newFunc();
    nf->pos = old->pos;
    nf->endPos = old->endPos;
    nf->sig = old->sig;
    nf->hiddenClosure = true;
    nf->tfunc = old->tfunc;
    nf->closure = clo;
    nf->noinline = old->noinline;
    if (vars == nullptr) {
      // inlcopy: same name, same variables (the copy is only ever substituted again).
      nf->name = old->name;
      nf->internal = true;
      nf->nname = old->nname;
      nf->outer = old->outer;
      nf->dcl = old->dcl;
      nf->params = old->params;
      nf->results = old->results;
      nf->closureVars = old->closureVars;
      nf->body = copyList(old->body);
      return nf;
    }
    // inlsubst.closure: a new closure of the function inlined into, with fresh closure variables whose
    // outer variables are substituted.
    Func* outer = newclofn != nullptr ? newclofn : curfn;
    std::string prefix = outer->hiddenClosure ? "" : "func";
    nf->name = outer->name + "." + prefix + std::to_string(++outer->closureGen);
    nf->outer = outer;
    // Go does not price re-created closures (inlsubst.closure never calls CanInline).
    nf->info.name = nf->name;
    nf->info.pos = nf->pos;
    nf->info.reason = "copy of " + old->name + " made by inlining; Go does not price copies";
    nf->nname = newName(*pkg, pkg->arena->copyString(nf->name), Class::PFUNC, nf->pos, nf->sig, nullptr);
    nf->nname->fn = nf;
    std::unordered_map<Name*, Name*> saved;
    for (Name* ov : old->closureVars) {
      Node* o = copyNode(ov->outer);
      Name* nv = newName(*pkg, ov->sym, Class::PAUTOHEAP, ov->pos, ov->type, nf);
      nv->isClosureVar = true;
      nv->outer = o != nullptr ? o->asName() : nullptr;
      nv->obj = ov->obj;
      nv->addrtaken = ov->addrtaken;
      nv->assigned = ov->assigned;
      nf->closureVars.push_back(nv);
      (*vars)[ov] = nv;
    }
    // The closure's own params and locals keep their Names (they belong to the closure).
    nf->dcl = old->dcl;
    nf->params = old->params;
    nf->results = old->results;
    nf->recv = old->recv;
    Func* savedClo = newclofn;
    newclofn = nf;
    nf->body = copyList(old->body);
    newclofn = savedClo;
    return nf;
  }

  // inlsubst.node ORETURN (inl.go:1133): results → OAS2 to the result variables, then goto retlabel.
  Node* substReturn(Node* n) {
    std::vector<Node*> init;
    for (Node* c : n->init) init.push_back(copyNode(c));
    if (!retvars->empty() && n->list.size != 0) {
      Node* as = newNode(*pkg, Op::OAS2, pos);
      std::vector<Node*> lhs(retvars->begin(), retvars->end());
      as->list = pkg->list(lhs);
      as->rlist = copyList(n->list);
      if (delayRetvars) {
        std::vector<Node*> dinit;
        for (Name* rv : *retvars) {
          Node* d = newNode(*pkg, Op::ODCL, pos);
          d->x = rv;
          dinit.push_back(d);
          rv->defn = as;
        }
        as->init = pkg->list(dinit);
      }
      init.push_back(as);
    }
    Node* g = newNode(*pkg, Op::OGOTO, pos);
    g->raw = retlabel;
    init.push_back(g);
    Node* b = newNode(*pkg, Op::OBLOCK, pos);
    b->list = pkg->list(init);
    return b;
  }
};

// canDelayResults (inl.go:212): exactly one non-empty return and unnamed results.
bool canDelayResults(Func* fn) {
  int nreturns = 0;
  std::vector<Node*> stack(fn->body.begin(), fn->body.end());
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->op == Op::ORETURN) {
      nreturns++;
      if (n->list.size == 0) nreturns++;
    }
    doChildren(n, [&](Node* c) {
      stack.push_back(c);
      return false;
    });
  }
  if (nreturns != 1) return false;
  for (Name* r : fn->results)
    if (!(r->sym.size() > 1 && r->sym[0] == '~' && r->sym[1] == 'r') && r->sym != "_") return false;
  return true;
}

Package* gPkg = nullptr;  // the package being inlined (set by inlinePackage)

void canInline(Func* fn, Output* out) {
  if (fn->inlinabilityChecked) return;
  fn->inlinabilityChecked = true;
  FuncAnalysis& info = fn->info;
  info.name = fn->name;
  info.pos = fn->pos;
  info.reason.clear();  // a re-created closure called on the spot is priced after all
  std::string reason;
  auto report = [&]() {
    info.reason = reason;
    if (out != nullptr && out->opts.m > 1) out->add(fn->pos, "cannot inline " + fn->name + ": " + reason);
  };
  if (fn->noinline) {
    reason = "marked go:noinline";
    report();
    return;
  }
  if (!fn->hasBody || fn->body.size == 0) {
    reason = "no function body";
    report();
    return;
  }
  HairyVisitor v;
  v.out = out;
  // Below -m=2 Go stops at the first node over budget (inl.go hairyVisitor.doNode: "too expensive"), so
  // a closure called after that point is priced later, when InlineCalls reaches its call: the order of
  // the "can inline" lines depends on it.
  v.fullCost = out == nullptr || out->opts.m >= 2;
  if (v.tooHairy(fn)) {
    reason = v.reason;
    if (!v.fullCost) {
      // The structured record keeps the full cost and Go's -m=2 reason, priced without side effects.
      HairyVisitor full;
      full.dry = true;
      full.tooHairy(fn);
      reason = full.reason.empty() ? reason : full.reason;
      v.budget = full.budget;
    }
    if (reason.rfind("function too complex", 0) == 0) info.cost = inlineMaxBudget - v.budget;
    report();
    return;
  }
  auto inl = std::make_unique<Inline>();
  inl->cost = inlineMaxBudget - v.budget;
  // pruneUnusedAutos (inl.go:1327): params, results and the locals the visitor saw.
  for (Name* n : fn->dcl)
    if (n->cls != Class::PAUTO || v.usedLocals.count(n) != 0) inl->dcl.push_back(n);
  Copier c{gPkg};
  inl->body = c.copyList(fn->body);
  inl->canDelayResults = canDelayResults(fn);
  info.inlinable = true;
  info.cost = inl->cost;
  info.inlineBody = funcTypeString(fn) + " { " + stmtListString(fn->body) + " }";
  if (out != nullptr) {
    if (out->opts.m > 1)
      out->add(fn->pos, "can inline " + fn->name + " with cost " + std::to_string(inl->cost) + " as: " + info.inlineBody);
    else
      out->add(fn->pos, "can inline " + fn->name);
  }
  fn->inl = std::move(inl);
}

// ---- InlineCalls / inlnode / mkinlcall (inl.go:497-1000) ---------------------------------------------

struct Inliner {
  Package& pkg;
  Output& out;
  Func* curfn;
  int32_t maxCost;
  std::unordered_map<Func*, bool> inlMap;
  int inlgen = 0;

  Node* edit(Node* n) { return inlnode(n); }

  Node* inlnode(Node* n) {
    if (n == nullptr) return n;
    switch (n->op) {
      case Op::ODEFER: case Op::OGO:
        if (n->x != nullptr && n->x->op == Op::OCALLFUNC) {
          n->x->set(kNoInline);
          goDeferCall_ = n->x;
          goDeferWhy_ = n->op == Op::OGO ? "go statement: its call is never inlined" : "defer statement: its call is never inlined";
        }
        break;
      case Op::OCLOSURE:
        return n;
      default:
        break;
    }
    editChildren(n, [this](Node* c) { return inlnode(c); });
    if (n->op == Op::OCALLFUNC) {
      if (n->has(kNoInline)) {
        if (n->has(kInlinedOpaque)) return n;  // recorded as inlined already
        // go/defer calls (inl.go inlnode: NoInline); only the structured record notes them.
        Func* fn = inlCallee(n->x, nullptr);
        std::string callee = fn != nullptr ? fn->name : exprString(n->x);
        callSite(n, callee, false, n == goDeferCall_ ? goDeferWhy_ : "go or defer statement");
        return n;
      }
      Func* fn = inlCallee(n->x, &out);
      if (fn != nullptr && fn->inl != nullptr) return mkinlcall(n, fn);
      if (fn != nullptr) {
        std::string why = fn->name + " cannot be inlined";
        if (!fn->info.reason.empty()) why += " (" + fn->info.reason + ")";
        else if (fn->external) why += " (a standard-library function Go does not inline)";
        callSite(n, fn->name, false, why);
      } else {
        callSite(n, exprString(n->x), false, "dynamic call: the callee is not known at compile time");
      }
    }
    return n;
  }

  // Records one call site in the structured results of the function being inlined into.
  void callSite(Node* n, std::string callee, bool inlined, std::string reason) {
    curfn->info.calls.push_back(CallSiteVerdict{n->pos, std::move(callee), inlined, std::move(reason)});
  }
  Node* goDeferCall_ = nullptr;   // the call of the go/defer statement being visited
  const char* goDeferWhy_ = "";

  Name* inlvar(Name* v, Pos pos) {
    Name* n = newName(pkg, v->sym, Class::PAUTO, pos, v->type, curfn);
    n->used = true;
    n->autotemp = v->autotemp;
    n->addrtaken = v->addrtaken;
    n->assigned = v->assigned;
    n->obj = v->obj;
    curfn->dcl.push_back(n);
    return n;
  }

  Name* retvar(const types::Type* t, int i, Pos pos) {
    std::string s = "~R" + std::to_string(i);
    Name* n = newName(pkg, pkg.arena->copyString(s), Class::PAUTO, pos, t, curfn);
    n->used = true;
    curfn->dcl.push_back(n);
    return n;
  }

  // typecheck.FixVariadicCall: f(a, b, c) to a ...T function becomes f([]T{a, b, c}...).
  void fixVariadicCall(Node* call, Func* fn) {
    const types::Type* sig = fn->sig;
    if (sig == nullptr || !sig->variadic || call->has(kIsDDD)) return;
    uint32_t np = sig->params != nullptr ? sig->params->vars.size : 0;
    uint32_t skip = fn->recv != nullptr ? 1 : 0;
    uint32_t fixed = np - 1 + skip;
    std::vector<Node*> args(call->list.begin(), call->list.begin() + std::min<uint32_t>(fixed, call->list.size));
    std::vector<Node*> extra;
    for (uint32_t i = fixed; i < call->list.size; i++) extra.push_back(call->list[i]);
    const types::Type* st = sig->params->vars[np - 1]->type;
    // MakeDotArgs (typecheck/typecheck.go): no extra arguments pass a typed nil, not an empty literal.
    Node* lit = newNode(pkg, extra.empty() ? Op::ONIL : Op::OSLICELIT, call->pos, st);
    lit->list = pkg.list(extra);
    lit->set(kImplicit);
    args.push_back(lit);
    call->list = pkg.list(args);
    call->set(kIsDDD);
  }

  Node* mkinlcall(Node* n, Func* fn) {
    if (fn->inl->cost > maxCost) {
      callSite(n, fn->name, false, "cost " + std::to_string(fn->inl->cost) + " of " + fn->name +
                                       " exceeds max large caller cost " + std::to_string(maxCost));
      return n;
    }
    if (fn == curfn) {
      callSite(n, fn->name, false, "recursive call to " + curfn->name);
      return n;
    }
    if (inlMap[fn]) {
      if (out.opts.m > 1) out.add(n->pos, "cannot inline " + fn->name + " into " + curfn->name + ": repeated recursive cycle");
      callSite(n, fn->name, false, "repeated recursive cycle");
      return n;
    }
    inlMap[fn] = true;
    if (out.opts.m != 0) out.add(n->pos, "inlining call to " + fn->name);
    callSite(n, fn->name, true, "");
    if (fn->inl->opaque) {
      // A standard-library function whose body we do not model: report what Go reports (including
      // the calls inlined into it) and keep the call for escape analysis.
      for (const std::string& inner : fn->inl->innerInlines)
        if (out.opts.m != 0) out.add(n->pos, "inlining call to " + inner);
      // Go's copy declares the callee's receiver, parameters and results in the caller (inlvar /
      // retvar append to Dcl); later temporaries are numbered after them (.autotmp_<len(Dcl)>).
      // The copies are never used (the call stays a call), only counted.
      if (const types::Type* sig = fn->sig) {
        std::vector<const types::Object*> vars;
        if (sig->recv != nullptr) vars.push_back(sig->recv);
        for (const types::Type* tup : {sig->params, sig->results})
          if (tup != nullptr)
            for (const types::Object* o : tup->vars) vars.push_back(o);
        for (const types::Object* o : vars) {
          Name* v = newName(pkg, pkg.arena->copyString(std::string(types::pkgName(o->pkg)) + "." + std::string(o->name)),
                            Class::PAUTO, n->pos, o->type, curfn);
          v->autotemp = true;
          curfn->dcl.push_back(v);
        }
      }
      for (int32_t i = 0; i < fn->inl->opaqueLocals; i++) {
        // Their types are not known here; int stands in (nothing reads them).
        Name* v = newName(pkg, "~inlocal", Class::PAUTO, n->pos, types::basicType(types::Kind::Int), curfn);
        v->autotemp = true;
        curfn->dcl.push_back(v);
      }
      inlMap[fn] = false;
      n->set(kNoInline);
      n->set(kInlinedOpaque);
      return n;
    }
    fixVariadicCall(n, fn);

    std::vector<Node*> ninit(n->init.begin(), n->init.end());
    // CalleeEffects: a closure callee's init (none in the subset).
    std::unordered_map<Name*, Name*> inlvars;
    for (Name* ln : fn->inl->dcl) {
      if (ln->cls == Class::PPARAMOUT) continue;
      inlvars[ln] = inlvar(ln, n->pos);
    }
    std::vector<Name*> retvars;
    int i = 0;
    for (Name* r : fn->results) {
      Name* m;
      if (r->sym != "_" && !(r->sym.size() > 1 && r->sym[0] == '~' && r->sym[1] == 'r')) {
        m = inlvar(r, n->pos);
        inlvars[r] = m;
      } else {
        m = retvar(r->type, i, n->pos);
      }
      retvars.push_back(m);
      i++;
    }
    // Assign arguments to the parameters' temp names.
    Node* as = newNode(pkg, Op::OAS2, n->pos);
    as->set(kDef);
    std::vector<Node*> lhs, asInit;
    auto param = [&](Name* p) -> Node* {
      if (p == nullptr || p->sym == "_") return p != nullptr && p->sym == "_" ? static_cast<Node*>(p) : nullptr;
      auto it = inlvars.find(p);
      if (it == inlvars.end()) return p;
      Node* d = newNode(pkg, Op::ODCL, n->pos);
      d->x = it->second;
      asInit.push_back(d);
      it->second->defn = as;
      return it->second;
    };
    if (fn->recv != nullptr) lhs.push_back(param(fn->recv));
    for (Name* p : fn->params) lhs.push_back(param(p));
    as->list = pkg.list(lhs);
    as->rlist = n->list;
    as->init = pkg.list(asInit);
    if (n->list.size != 0) ninit.push_back(as);
    if (!fn->inl->canDelayResults) {
      for (Name* rv : retvars) {
        Node* d = newNode(pkg, Op::ODCL, n->pos);
        d->x = rv;
        ninit.push_back(d);
        Node* ras = newNode(pkg, Op::OAS, n->pos);
        ras->x = rv;
        ninit.push_back(ras);
      }
    }
    std::string_view retlabel = pkg.arena->copyString(".i" + std::to_string(inlgen));
    inlgen++;
    Node* mark = newNode(pkg, Op::OINLMARK, n->pos);
    ninit.push_back(mark);

    Copier c{&pkg};
    c.vars = &inlvars;
    c.pos = n->pos;
    c.setPos = true;
    c.curfn = curfn;
    c.retlabel = retlabel;
    c.retvars = &retvars;
    c.delayRetvars = fn->inl->canDelayResults;
    std::vector<Node*> body;
    for (Node* s : fn->inl->body) body.push_back(c.copyNode(s));
    Node* lab = newNode(pkg, Op::OLABEL, n->pos);
    lab->raw = retlabel;
    body.push_back(lab);

    Node* res = newNode(pkg, Op::OINLCALL, n->pos, n->type);
    res->init = pkg.list(ninit);
    res->body = pkg.list(body);
    std::vector<Node*> rv(retvars.begin(), retvars.end());
    res->rlist = pkg.list(rv);
    res->func = fn;
    // transitive inlining
    editChildren(res, [this](Node* ch) { return inlnode(ch); });
    inlMap[fn] = false;
    return res;
  }
};

bool isBigFunc(Func* fn) {
  int32_t budget = inlineBigFunctionNodes;
  std::vector<Node*> stack(fn->body.begin(), fn->body.end());
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (--budget <= 0) return true;
    doChildren(n, [&](Node* c) {
      stack.push_back(c);
      return false;
    });
  }
  return false;
}

void inlineCalls(Package& pkg, Output& out, Func* fn) {
  Inliner in{pkg, out, fn, isBigFunc(fn) ? inlineBigFunctionMaxCost : inlineMaxBudget, {}, 0};
  std::vector<Node*> body(fn->body.begin(), fn->body.end());
  for (Node*& s : body) s = in.inlnode(s);
  fn->body = pkg.list(body);
}

struct InlineCtx {
  Package* pkg;
  Output* out;
};

void analyzeBlock(std::vector<Func*>& list, bool recursive, void* vctx) {
  auto* ctx = static_cast<InlineCtx*>(vctx);
  int numfns = 0;
  for (Func* f : list)
    if (!f->hiddenClosure) numfns++;
  for (Func* n : list) {
    if (!recursive || numfns > 1) {
      if (!ctx->out->opts.noInline) canInline(n, ctx->out);
    } else {
      n->inlinabilityChecked = true;
      n->info.name = n->name;
      n->info.pos = n->pos;
      n->info.reason = "recursive";
      if (ctx->out->opts.m > 1) ctx->out->add(n->pos, "cannot inline " + n->name + ": recursive");
    }
    if (!ctx->out->opts.noInline) inlineCalls(*ctx->pkg, *ctx->out, n);
  }
}

}  // namespace

void inlinePackage(Package& pkg, Output& out) {
  gPkg = &pkg;
  InlineCtx ctx{&pkg, &out};
  if (out.opts.noInline) {
    // -l: Go skips InlinePackage entirely; still fill in the structured costs for the UI.
    for (auto& f : pkg.funcs) {
      if (f.external || !f.hasBody) continue;
      CostResult r = hairyCost(&f);
      f.info.name = f.name;
      f.info.pos = f.pos;
      f.info.cost = r.cost;
      f.info.reason = r.reason.empty() ? "inlining disabled (-l)" : r.reason;
      // Every call site stays a call.
      std::vector<Node*> stack(f.body.begin(), f.body.end());
      while (!stack.empty()) {
        Node* n = stack.back();
        stack.pop_back();
        if (n == nullptr) continue;
        if (n->op == Op::OCALLFUNC) {
          Func* callee = inlCallee(n->x, nullptr);
          f.info.calls.push_back(CallSiteVerdict{n->pos, callee != nullptr ? callee->name : exprString(n->x), false,
                                                 "inlining disabled (-l)"});
        }
        doChildren(n, [&](Node* c) {
          stack.push_back(c);
          return false;
        });
      }
      std::sort(f.info.calls.begin(), f.info.calls.end(),
                [](const CallSiteVerdict& a, const CallSiteVerdict& b) { return a.pos < b.pos; });
    }
    return;
  }
  visitFuncsBottomUp(pkg.decls, analyzeBlock, &ctx);
  gPkg = nullptr;
}

void inlineCallsIn(Package& pkg, Output& out, Func* fn) {
  if (out.opts.noInline) return;
  gPkg = &pkg;
  inlineCalls(pkg, out, fn);
  gPkg = nullptr;
}

CostResult hairyCost(Func* fn) {
  HairyVisitor v;
  v.out = nullptr;
  CostResult r;
  if (v.tooHairy(fn)) r.reason = v.reason;
  r.cost = inlineMaxBudget - v.budget;
  return r;
}

}  // namespace gofast::analysis
