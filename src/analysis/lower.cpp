// Lowering of the checked AST into the Go-shaped IR (see lower.h for the rules reproduced).
#include "analysis/lower.h"

#include <cassert>
#include <string>
#include <unordered_map>
#include <vector>

namespace gofast::analysis {

using lang::NodeKind;
using types::Kind;

// ---- sizes (Go's types.CalcSize on amd64) -----------------------------------------------------------

int64_t typeSize(const types::Type* t) {
  if (t == nullptr) return 0;
  return lang::defaultLayout().sizeOf(t);
}

bool hasPointers(const types::Type* t) {
  t = types::under(t);
  if (t == nullptr) return false;
  switch (t->kind) {
    case Kind::Pointer: case Kind::Slice: case Kind::String: case Kind::Chan: case Kind::Signature:
    case Kind::Interface: case Kind::UnsafePointer: case Kind::UntypedString: case Kind::UntypedNil:
      return true;
    case Kind::Array:
      return t->len > 0 && hasPointers(t->elem);
    case Kind::Struct:
      for (auto* f : t->vars)
        if (hasPointers(f->type)) return true;
      return false;
    default:
      return false;
  }
}

namespace {

bool isPtr(const types::Type* t) { return t != nullptr && types::under(t)->kind == Kind::Pointer; }

struct Lowerer {
  Package& pkg;
  lang::File* file;
  const lang::CheckResult& checked;
  std::unordered_map<const types::Object*, Name*> names;  // declared variables and global names
  std::unordered_map<const types::Func*, Func*> funcs;
  std::unordered_map<uint64_t, Name*> closureVars;        // (Func*, Object*) hash → closure var
  std::unordered_map<std::string, Func*> externals;
  Func* curfn = nullptr;
  Name* blank = nullptr;

  Lowerer(Package& p, lang::File* f, const lang::CheckResult& c) : pkg(p), file(f), checked(c) {}

  // ---- helpers -------------------------------------------------------------------------------------
  Node* node(Op op, Pos pos, const types::Type* t = nullptr) { return newNode(pkg, op, pos, t); }
  Span<Node*> list(const std::vector<Node*>& v) { return pkg.list(v); }
  std::string_view str(const std::string& s) { return pkg.arena->copyString(s); }

  Name* blankName() {
    if (blank == nullptr) blank = newName(pkg, "_", Class::Pxxx, Pos{}, nullptr, nullptr);
    return blank;
  }

  static lang::Expr* unparen(lang::Expr* e) {
    while (e != nullptr && e->kind == NodeKind::ParenExpr) e = static_cast<lang::ParenExpr*>(e)->x;
    return e;
  }

  bool isTypeExpr(lang::Expr* e) {
    e = unparen(e);
    if (e == nullptr) return false;
    switch (e->kind) {
      case NodeKind::ArrayType: case NodeKind::SliceType: case NodeKind::StructType: case NodeKind::FuncType:
      case NodeKind::InterfaceType: case NodeKind::MapType: case NodeKind::ChanType:
        return true;
      case NodeKind::Name: case NodeKind::SelectorExpr: {
        types::Object* o = lang::objectOf(e);
        return o != nullptr && o->kind == types::ObjKind::TypeName;
      }
      case NodeKind::Operation: {
        auto* op = static_cast<lang::Operation*>(e);
        return op->op == lang::Op::Mul && op->y == nullptr && isTypeExpr(op->x);
      }
      default:
        return false;
    }
  }

  Func* funcFor(const types::Func* tf) {
    auto it = funcs.find(tf);
    return it == funcs.end() ? nullptr : it->second;
  }

  // External (standard-library) function by qualified name.
  Func* external(const types::Object* obj) {
    std::string qn = std::string(types::pkgName(obj->pkg)) + "." + std::string(obj->name);
    auto it = externals.find(qn);
    if (it != externals.end()) return it->second;
    Func* fn = pkg.newFunc();
    fn->name = qn;
    fn->external = true;
    fn->hasBody = false;
    fn->sig = obj->type;
    fn->inlinabilityChecked = true;
    fn->nname = newName(pkg, str(qn), Class::PFUNC, Pos{}, obj->type, nullptr);
    fn->nname->fn = fn;
    externals[qn] = fn;
    buildKnownStdlib(fn);
    return fn;
  }

  Func* externalByName(const std::string& qn, const types::Type* sig) {
    auto it = externals.find(qn);
    if (it != externals.end()) return it->second;
    Func* fn = pkg.newFunc();
    fn->name = qn;
    fn->external = true;
    fn->hasBody = false;
    fn->sig = sig;
    fn->inlinabilityChecked = true;
    fn->nname = newName(pkg, str(qn), Class::PFUNC, Pos{}, sig, nullptr);
    fn->nname->fn = fn;
    externals[qn] = fn;
    return fn;
  }

  // The standard-library functions Go 1.19 inlines into programs of the subset, with bodies shaped so
  // that hairyVisitor gives their export-data cost:
  //   runtime.Gosched (runtime/proc.go:317): { checkTimeouts(); mcall(gosched_m) }  → cost 62
  //   runtime.checkTimeouts (runtime/lock_futex.go:238, non-js): {}                 → cost 0
  void buildKnownStdlib(Func* fn) {
    // Inline costs of standard-library functions as Go 1.19 reads them from export data (measured with
    // go1.19.8: cost of `func f() { pkg.F() }` minus the call's own nodes).
    // `locals`: variables the inlined copy declares besides receiver, parameters and results, measured
    // with go1.19.8 from the .autotmp_N numbers of a later go/defer wrapper (`x := 1; <call>; defer
    // use(x, x+1)` gives .autotmp_1 with no call, .autotmp_6 after fmt.Println: a, n, err and 2 more).
    struct Known {
      const char* name;
      int32_t cost;
      const char* inner;
      int32_t locals;
    };
    static const Known known[] = {
        {"fmt.Println", 72, nullptr, 2},           // fmt/print.go: return Fprintln(os.Stdout, a...)
        {"fmt.Print", 72, nullptr, 2},             // fmt/print.go: return Fprint(os.Stdout, a...)
        {"fmt.Printf", 73, nullptr, 2},            // fmt/print.go: return Fprintf(os.Stdout, format, a...)
        {"runtime.NumGoroutine", 44, "runtime.gcount", 3},  // runtime/debug.go: return int(gcount())
        {"(*sync.WaitGroup).Done", 61, nullptr, 0},  // sync/waitgroup.go: wg.Add(-1)
        {"(*sync.Mutex).Lock", 69, nullptr, 0},      // sync/mutex.go: fast path CAS, then m.lockSlow()
        {"(*sync.Mutex).Unlock", 75, nullptr, 1},    // sync/mutex.go: new := ...; m.unlockSlow(new)
    };
    for (const Known& k : known) {
      if (fn->name != k.name) continue;
      fn->inl = std::make_unique<Inline>();
      fn->inl->cost = k.cost;
      fn->inl->opaque = true;
      fn->inl->opaqueLocals = k.locals;
      if (k.inner != nullptr) fn->inl->innerInlines.push_back(k.inner);
      std::string shown = k.name;
      // Go prints methods of other packages as sync.(*WaitGroup).Done.
      if (shown[0] == '(') {
        size_t dot = shown.find('.');
        shown = shown.substr(dot + 1, shown.find(')') - dot - 1);
        shown = std::string(k.name).substr(2, dot - 2) + ".(*" + shown + std::string(k.name).substr(std::string(k.name).find(')'));
      }
      fn->name = shown;
    }
    if (fn->name == "runtime.Gosched") {
      Func* ct = externalByName("runtime.checkTimeouts", nullptr);
      ct->inl = std::make_unique<Inline>();
      ct->inl->cost = 0;
      Func* mcall = externalByName("runtime.mcall", nullptr);
      Func* gm = externalByName("runtime.gosched_m", nullptr);
      Node* c1 = node(Op::OCALLFUNC, Pos{});
      c1->x = ct->nname;
      c1->func = ct;
      Node* c2 = node(Op::OCALLFUNC, Pos{});
      c2->x = mcall->nname;
      c2->func = mcall;
      c2->list = list({gm->nname});
      fn->inl = std::make_unique<Inline>();
      fn->inl->cost = 62;
      fn->inl->body = list({c1, c2});
      fn->inl->canDelayResults = false;
    }
  }

  Name* globalName(const types::Object* obj) {
    auto it = names.find(obj);
    if (it != names.end()) return it->second;
    Name* n = newName(pkg, obj->name, obj->kind == types::ObjKind::Func ? Class::PFUNC : Class::PEXTERN, obj->pos,
                      obj->type, nullptr);
    n->obj = obj;
    if (obj->kind == types::ObjKind::Func) {
      if (obj->pkg != types::PkgId::Main || obj->func == nullptr) {
        Func* ext = external(obj);
        names[obj] = ext->nname;
        return ext->nname;
      }
      n->fn = funcFor(obj->func);
      if (n->fn != nullptr && n->fn->nname != nullptr) {
        names[obj] = n->fn->nname;
        return n->fn->nname;
      }
    }
    names[obj] = n;
    return n;
  }

  // The Name that `obj` denotes inside curfn (capturing it through closures when needed).
  Name* varName(const types::Object* obj, Pos usePos) {
    if (obj->global || obj->owner == nullptr) return globalName(obj);
    return capture(curfn, obj, usePos);
  }

  Name* capture(Func* fn, const types::Object* obj, Pos usePos) {
    if (fn == nullptr || fn->tfunc == obj->owner || fn->outer == nullptr) {
      auto it = names.find(obj);
      if (it != names.end()) return it->second;
      // Declared later in source order (cannot happen in checked Go), or a parameter of a function we
      // have not set up: create it as a local.
      Name* n = newName(pkg, obj->name, Class::PAUTO, obj->pos, obj->type, fn);
      n->obj = obj;
      names[obj] = n;
      return n;
    }
    uint64_t key = reinterpret_cast<uintptr_t>(fn) * 1000003u ^ reinterpret_cast<uintptr_t>(obj);
    auto it = closureVars.find(key);
    if (it != closureVars.end()) return it->second;
    Name* outer = capture(fn->outer, obj, usePos);
    Name* cv = newName(pkg, obj->name, Class::PAUTOHEAP, usePos, obj->type, fn);
    cv->obj = obj;
    cv->isClosureVar = true;
    cv->outer = outer;
    closureVars[key] = cv;
    fn->closureVars.push_back(cv);
    return cv;
  }

  Name* declareLocal(const types::Object* obj, Class cls = Class::PAUTO) {
    Name* n = newName(pkg, obj->name, cls, obj->pos, obj->type, curfn);
    n->obj = obj;
    names[obj] = n;
    curfn->dcl.push_back(n);
    return n;
  }

  Node* dcl(Name* n) {
    Node* d = node(Op::ODCL, n->pos);
    d->x = n;
    return d;
  }

  // ---- functions -------------------------------------------------------------------------------------
  std::string methodName(const types::Func* tf, std::string_view mname) {
    const types::Type* rt = tf->recv != nullptr ? tf->recv->type : nullptr;
    std::string s;
    if (isPtr(rt)) s = "(*" + analysis::typeString(types::under(rt)->elem) + ")";
    else s = analysis::typeString(rt);
    return s + "." + std::string(mname);
  }

  void declareFunc(lang::FuncDecl* fd) {
    if (fd->func == nullptr || fd->name == nullptr) return;
    Func* fn = pkg.newFunc();
    fn->tfunc = fd->func;
    fn->src = fd;
    fn->sig = fd->func->sig;
    fn->pos = fd->name->pos;
    // Go reports a method at the '(' of its receiver list (types2 position of the receiver), which is
    // just before the receiver's first token in gofmt'ed code.
    if (fd->recv != nullptr) fn->pos = Pos{fd->recv->start.line, fd->recv->start.col - 1};
    fn->noinline = fd->noinline();
    fn->hasBody = fd->body != nullptr;
    fn->isMethod = fd->recv != nullptr;
    fn->name = fn->isMethod ? methodName(fd->func, fd->name->value) : std::string(fd->name->value);
    fn->nname = newName(pkg, str(fn->name), Class::PFUNC, fn->pos, fn->sig, nullptr);
    fn->nname->fn = fn;
    fn->nname->obj = fd->func->obj;
    funcs[fd->func] = fn;
    if (fd->func->obj != nullptr && !fn->isMethod) names[fd->func->obj] = fn->nname;
    if (fd->name->value != "init" && !(fn->isMethod == false && fd->name->value == "_")) pkg.decls.push_back(fn);
  }

  void setupParams(Func* fn, const types::Func* tf) {
    int idx = 0;
    if (tf->recv != nullptr) {
      Name* r = declareLocal(tf->recv, Class::PPARAM);
      if (tf->recv->name.empty() || tf->recv->name == "_") r->sym = "_";
      fn->recv = r;
    }
    for (auto* p : tf->params) {
      Name* n = declareLocal(p, Class::PPARAM);
      if (p->name.empty()) n->sym = str("~p" + std::to_string(idx));
      fn->params.push_back(n);
      idx++;
    }
    idx = 0;
    for (auto* r : tf->results) {
      Name* n = declareLocal(r, Class::PPARAMOUT);
      if (r->name.empty() || r->name == "_") n->sym = str("~r" + std::to_string(idx));
      n->resultIndex = idx;
      fn->results.push_back(n);
      idx++;
    }
  }

  void lowerFuncBody(Func* fn, lang::BlockStmt* body) {
    Func* saved = curfn;
    curfn = fn;
    setupParams(fn, fn->tfunc);
    if (body != nullptr) {
      fn->body = list(stmts(body->list));
      fn->endPos = body->rbrace;
    } else {
      fn->hasBody = false;
    }
    curfn = saved;
  }

  std::string closureName(Func* outer) {
    // typecheck.ClosureName (typecheck/func.go): outer.funcN, or outer.N inside a closure.
    Func* top = outer;
    std::string prefix = outer->hiddenClosure ? "" : "func";
    int n = ++top->closureGen;
    return outer->name + "." + prefix + std::to_string(n);
  }

  Node* funcLit(lang::FuncLit* fl) {
    Func* fn = pkg.newFunc();
    fn->tfunc = fl->func;
    fn->src = fl;
    fn->sig = fl->type;
    fn->pos = fl->pos;
    fn->hiddenClosure = true;
    fn->outer = curfn;
    fn->name = closureName(curfn);
    fn->nname = newName(pkg, str(fn->name), Class::PFUNC, fn->pos, fn->sig, nullptr);
    fn->nname->fn = fn;
    if (fl->func != nullptr) funcs[fl->func] = fn;
    Node* clo = node(Op::OCLOSURE, fl->pos, fl->type);
    clo->func = fn;
    fn->closure = clo;
    if (fl->func != nullptr) lowerFuncBody(fn, fl->body);
    return clo;
  }

  // ---- statements -------------------------------------------------------------------------------------
  std::vector<Node*> stmts(Span<lang::Stmt*> in) {
    std::vector<Node*> out;
    for (lang::Stmt* s : in) stmtInto(out, s);
    return out;
  }

  // Appends the lowering of s, flattening blocks as noder's stmts() does.
  void stmtInto(std::vector<Node*>& out, lang::Stmt* s) {
    if (s == nullptr) return;
    switch (s->kind) {
      case NodeKind::EmptyStmt:
        return;
      case NodeKind::BlockStmt: {
        auto* b = static_cast<lang::BlockStmt*>(s);
        for (lang::Stmt* c : b->list) stmtInto(out, c);
        return;
      }
      case NodeKind::DeclStmt:
        declStmt(out, static_cast<lang::DeclStmt*>(s));
        return;
      case NodeKind::LabeledStmt: {
        auto* ls = static_cast<lang::LabeledStmt*>(s);
        Node* lab = node(Op::OLABEL, ls->pos);
        lab->raw = ls->label->value;
        out.push_back(lab);
        size_t before = out.size();
        stmtInto(out, ls->stmt);
        if (out.size() == before + 1) {
          Node* st = out.back();
          if (st->op == Op::OFOR || st->op == Op::ORANGE || st->op == Op::OSELECT || st->op == Op::OSWITCH)
            st->raw = ls->label->value;
        }
        return;
      }
      default: {
        Node* n = stmt(s);
        if (n != nullptr) out.push_back(n);
      }
    }
  }

  Node* stmt(lang::Stmt* s) {
    switch (s->kind) {
      case NodeKind::ExprStmt:
        return expr(static_cast<lang::ExprStmt*>(s)->x);
      case NodeKind::SendStmt: {
        auto* ss = static_cast<lang::SendStmt*>(s);
        Node* n = node(Op::OSEND, ss->pos);
        n->x = expr(ss->chan);
        const types::Type* ct = types::under(ss->chan->type);
        n->y = assignConv(expr(ss->value), ct != nullptr ? ct->elem : nullptr);
        return n;
      }
      case NodeKind::AssignStmt:
        return assignStmt(static_cast<lang::AssignStmt*>(s));
      case NodeKind::BranchStmt: {
        auto* bs = static_cast<lang::BranchStmt*>(s);
        Op op = bs->tok == lang::Tok::Break      ? Op::OBREAK
                : bs->tok == lang::Tok::Continue ? Op::OCONTINUE
                : bs->tok == lang::Tok::Goto     ? Op::OGOTO
                                                 : Op::OFALL;
        Node* n = node(op, bs->pos);
        if (bs->label != nullptr) n->raw = bs->label->value;
        return n;
      }
      case NodeKind::CallStmt: {
        auto* cs = static_cast<lang::CallStmt*>(s);
        Node* n = node(cs->tok == lang::Tok::Go ? Op::OGO : Op::ODEFER, cs->pos);
        n->x = expr(cs->call);
        return n;
      }
      case NodeKind::ReturnStmt: {
        auto* rs = static_cast<lang::ReturnStmt*>(s);
        Node* n = node(Op::ORETURN, rs->pos);
        std::vector<Node*> res;
        for (uint32_t i = 0; i < rs->results.size; i++) {
          Node* r = expr(rs->results[i]);
          if (rs->results.size == curfn->results.size()) r = assignConv(r, curfn->results[i]->type);
          res.push_back(r);
        }
        n->list = list(res);
        return n;
      }
      case NodeKind::IfStmt:
        return ifStmt(static_cast<lang::IfStmt*>(s));
      case NodeKind::ForStmt:
        return forStmt(static_cast<lang::ForStmt*>(s));
      case NodeKind::SwitchStmt:
        return switchStmt(static_cast<lang::SwitchStmt*>(s));
      case NodeKind::SelectStmt:
        return selectStmt(static_cast<lang::SelectStmt*>(s));
      default:
        return nullptr;
    }
  }

  void declStmt(std::vector<Node*>& out, lang::DeclStmt* ds) {
    for (lang::Decl* d : ds->decls) {
      if (auto* vd = d->as<lang::VarDecl>()) {
        std::vector<Node*> values;
        for (auto* v : vd->values) values.push_back(expr(v));
        std::vector<Name*> ns;
        for (auto* nm : vd->names) {
          if (nm->obj == nullptr || nm->value == "_") {
            ns.push_back(blankName());
            continue;
          }
          ns.push_back(declareLocal(nm->obj));
        }
        if (!values.empty() && values.size() != ns.size()) {
          Node* as2 = node(values[0]->op == Op::ORECV ? Op::OAS2RECV : Op::OAS2FUNC, vd->pos);
          std::vector<Node*> lhs;
          for (Name* n : ns) {
            if (n != blank) out.push_back(dcl(n));
            lhs.push_back(n);
            n->defn = as2;
          }
          as2->list = list(lhs);
          as2->rlist = list(values);
          out.push_back(as2);
          continue;
        }
        for (size_t i = 0; i < ns.size(); i++) {
          Name* n = ns[i];
          if (n != blank) out.push_back(dcl(n));
          Node* as = node(Op::OAS, vd->pos);
          as->x = n;
          if (!values.empty()) {
            as->y = assignConv(values[i], n->type);
            n->defn = as;
          }
          out.push_back(as);
        }
      } else if (d->is<lang::TypeDecl>()) {
        out.push_back(node(Op::ODCLTYPE, d->pos));
      }
      // const declarations produce nothing that costs or prints (ODCLCONST is free, inl.go:394).
    }
  }

  Node* assignStmt(lang::AssignStmt* as) {
    if (as->op != lang::Op::None && as->op != lang::Op::Def) {
      Node* n = node(Op::OASOP, as->pos);
      n->sub = as->op;
      if (as->isIncDec()) {
        n->x = expr(as->lhs[0]);
        Node* one = node(Op::OLITERAL, as->pos, as->lhs[0]->type);
        one->raw = "1";
        n->y = one;
      } else {
        Node* rhs = expr(as->rhs[0]);
        n->x = expr(as->lhs[0]);
        n->y = rhs;
      }
      markAssigned(n->x);
      return n;
    }
    // Eval rhs before lhs, for compatibility with noder1 (noder/stmt.go).
    std::vector<Node*> rhs;
    for (auto* r : as->rhs) rhs.push_back(expr(r));
    std::vector<Node*> lhs;
    std::vector<Name*> newNames;
    bool def = as->isDefine();
    for (auto* l : as->lhs) {
      lang::Expr* le = unparen(l);
      if (le->kind == NodeKind::Name && static_cast<lang::Name*>(le)->value == "_") {
        lhs.push_back(blankName());
        continue;
      }
      if (def && le->kind == NodeKind::Name) {
        auto* nm = static_cast<lang::Name*>(le);
        // A := redeclares only names declared by this statement (obj->pos == the name's pos).
        if (nm->obj != nullptr && nm->obj->pos == nm->pos && names.find(nm->obj) == names.end()) {
          Name* n = declareLocal(nm->obj);
          newNames.push_back(n);
          lhs.push_back(n);
          continue;
        }
      }
      Node* x = expr(l);
      markAssigned(x);
      lhs.push_back(x);
    }
    Node* n;
    if (lhs.size() == 1 && rhs.size() == 1) {
      n = node(Op::OAS, as->pos);
      n->x = lhs[0];
      n->y = assignConv(rhs[0], lhs[0]->type);
    } else {
      Op op = Op::OAS2;
      if (rhs.size() == 1) {
        if (rhs[0]->op == Op::ORECV) op = Op::OAS2RECV;
        else op = Op::OAS2FUNC;
      }
      n = node(op, as->pos);
      if (op == Op::OAS2) {
        for (size_t i = 0; i < rhs.size() && i < lhs.size(); i++) rhs[i] = assignConv(rhs[i], lhs[i]->type);
      }
      n->list = list(lhs);
      n->rlist = list(rhs);
    }
    if (def && !newNames.empty()) {
      n->set(kDef);
      std::vector<Node*> init;
      for (Name* nm : newNames) {
        nm->defn = n;
        init.push_back(dcl(nm));
      }
      n->init = list(init);
    }
    return n;
  }

  void markAssigned(Node* x) {
    if (Name* n = x != nullptr ? x->asName() : nullptr) {
      n->assigned = true;
      if (n->outer != nullptr) {
        for (Name* o = n->outer; o != nullptr; o = o->outer) o->assigned = true;
      }
    }
  }

  Node* ifStmt(lang::IfStmt* is) {
    std::vector<Node*> init;
    if (is->init != nullptr) stmtInto(init, is->init);
    Node* n = node(Op::OIF, is->pos);
    n->x = expr(is->cond);
    n->body = list(stmts(is->then->list));
    if (is->elseStmt != nullptr) {
      std::vector<Node*> els;
      if (auto* b = is->elseStmt->as<lang::BlockStmt>()) els = stmts(b->list);
      else stmtInto(els, is->elseStmt);
      n->rlist = list(els);
    }
    n->init = list(init);
    return n;
  }

  Node* forStmt(lang::ForStmt* fs) {
    if (fs->range != nullptr) {
      lang::RangeClause* r = fs->range;
      std::vector<Name*> newNames;
      Node* key = nullptr;
      Node* value = nullptr;
      auto lhsOf = [&](lang::Expr* e) -> Node* {
        if (e == nullptr) return nullptr;
        lang::Expr* le = unparen(e);
        if (le->kind == NodeKind::Name && static_cast<lang::Name*>(le)->value == "_") return blankName();
        if (r->def && le->kind == NodeKind::Name) {
          auto* nm = static_cast<lang::Name*>(le);
          if (nm->obj != nullptr) {
            Name* n = declareLocal(nm->obj);
            newNames.push_back(n);
            return n;
          }
        }
        Node* x = expr(e);
        markAssigned(x);
        return x;
      };
      key = lhsOf(r->key);
      value = lhsOf(r->value);
      Node* n = node(Op::ORANGE, r->pos);
      n->x = expr(r->x);
      n->y = key;
      n->z = value;
      n->body = list(stmts(fs->body->list));
      if (!newNames.empty()) {
        n->set(kDef);
        std::vector<Node*> init;
        for (Name* nm : newNames) {
          nm->defn = n;
          init.push_back(dcl(nm));
        }
        n->init = list(init);
      }
      return n;
    }
    Node* n = node(Op::OFOR, fs->pos);
    std::vector<Node*> init;
    if (fs->init != nullptr) stmtInto(init, fs->init);
    n->init = list(init);
    if (fs->cond != nullptr) n->x = expr(fs->cond);
    if (fs->post != nullptr) {
      std::vector<Node*> post;
      stmtInto(post, fs->post);
      if (!post.empty()) n->y = post[0];
    }
    n->body = list(stmts(fs->body->list));
    return n;
  }

  Node* switchStmt(lang::SwitchStmt* ss) {
    std::vector<Node*> init;
    if (ss->init != nullptr) stmtInto(init, ss->init);
    Node* n = node(Op::OSWITCH, ss->pos);
    if (ss->tag != nullptr) n->x = expr(ss->tag);
    std::vector<Node*> cases;
    for (lang::CaseClause* cc : ss->body) {
      Node* c = node(Op::OCASE, cc->pos);
      std::vector<Node*> l;
      for (auto* e : cc->cases) l.push_back(expr(e));
      c->list = list(l);
      c->body = list(stmts(cc->body));
      cases.push_back(c);
    }
    n->list = list(cases);
    n->init = list(init);
    return n;
  }

  Node* selectStmt(lang::SelectStmt* ss) {
    Node* n = node(Op::OSELECT, ss->pos);
    std::vector<Node*> cases;
    for (lang::CommClause* cc : ss->body) {
      Node* c = node(Op::OCASE, cc->pos);
      if (cc->comm != nullptr) {
        Node* comm = stmt(cc->comm);
        // transformSelect (noder/transform.go): `v[, ok] := <-ch` becomes OSELRECV2 with lhs [v, ok|_].
        if (comm != nullptr && comm->op == Op::ORECV) {
          Node* sr = node(Op::OSELRECV2, comm->pos);
          sr->list = list({blankName(), blankName()});
          sr->rlist = list({comm});
          comm = sr;
        } else if (comm != nullptr && (comm->op == Op::OAS || comm->op == Op::OAS2RECV)) {
          Node* sr = node(Op::OSELRECV2, comm->pos);
          sr->flags = comm->flags;
          sr->init = comm->init;
          if (comm->op == Op::OAS) {
            sr->list = list({comm->x, blankName()});
            sr->rlist = list({comm->y});
          } else {
            sr->list = comm->list;
            sr->rlist = comm->rlist;
          }
          for (Node* l : sr->list)
            if (Name* nm = l->asName(); nm != nullptr && nm->defn == comm) nm->defn = sr;
          comm = sr;
        }
        c->y = comm;
      }
      c->body = list(stmts(cc->body));
      cases.push_back(c);
    }
    n->list = list(cases);
    return n;
  }

  // ---- expressions ------------------------------------------------------------------------------------

  // An implicit conversion inserted by typecheck's assignconv: to an interface (OCONVIFACE). Go
  // creates it at base.Pos (noder/transform.go:485), which is the call's position for arguments
  // (`at`); elsewhere the converted expression's position stands in for the statement's.
  Node* assignConv(Node* n, const types::Type* to, Pos at = {}) {
    if (n == nullptr || to == nullptr || n->type == nullptr) return n;
    if (types::isInterface(to) && !types::isInterface(n->type) && n->op != Op::ONIL) {
      Node* c = node(Op::OCONVIFACE, at.valid() ? at : n->pos, to);
      c->x = n;
      c->set(kImplicit);
      return c;
    }
    // Assignable but not identical (a channel's direction, a named type and its underlying literal
    // type): Go's assignconvfn inserts an implicit OCONVNOP. It is free for the inliner and
    // transparent to escape analysis, but it has a position of its own (a go/defer wrapper's
    // temporary for `go f(ch)` prints there).
    if (n->op != Op::ONIL && n->op != Op::OLITERAL && !types::isUntyped(n->type) && !types::isInterface(to) &&
        !types::identical(n->type, to)) {
      Node* c = node(Op::OCONVNOP, at.valid() ? at : n->pos, to);
      c->x = n;
      c->set(kImplicit);
      return c;
    }
    return n;
  }

  static Op constExprOp(lang::Expr* e) {
    switch (e->kind) {
      case NodeKind::BasicLit: return Op::OLITERAL;
      case NodeKind::Name: case NodeKind::SelectorExpr: return Op::ONAME;
      case NodeKind::CallExpr: return Op::OCALL;
      case NodeKind::ParenExpr: return Op::OPAREN;
      case NodeKind::Operation: {
        auto* o = static_cast<lang::Operation*>(e);
        if (o->y == nullptr) {
          switch (o->op) {
            case lang::Op::Sub: return Op::ONEG;
            case lang::Op::Add: return Op::OPLUS;
            case lang::Op::Not: return Op::ONOT;
            case lang::Op::Xor: return Op::OBITNOT;
            default: return Op::OLITERAL;
          }
        }
        return binaryOp(o->op, false);
      }
      default: return Op::OLITERAL;
    }
  }

  static Op binaryOp(lang::Op op, bool isString) {
    switch (op) {
      case lang::Op::OrOr: return Op::OOROR;
      case lang::Op::AndAnd: return Op::OANDAND;
      case lang::Op::Eql: return Op::OEQ;
      case lang::Op::Neq: return Op::ONE;
      case lang::Op::Lss: return Op::OLT;
      case lang::Op::Leq: return Op::OLE;
      case lang::Op::Gtr: return Op::OGT;
      case lang::Op::Geq: return Op::OGE;
      case lang::Op::Add: return isString ? Op::OADDSTR : Op::OADD;
      case lang::Op::Sub: return Op::OSUB;
      case lang::Op::Or: return Op::OOR;
      case lang::Op::Xor: return Op::OXOR;
      case lang::Op::Mul: return Op::OMUL;
      case lang::Op::Div: return Op::ODIV;
      case lang::Op::Rem: return Op::OMOD;
      case lang::Op::And: return Op::OAND;
      case lang::Op::AndNot: return Op::OANDNOT;
      case lang::Op::Shl: return Op::OLSH;
      case lang::Op::Shr: return Op::ORSH;
      default: return Op::OXXX;
    }
  }

  Node* typeNode(Pos pos, const types::Type* t) { return node(Op::OTYPE, pos, t); }

  Node* expr(lang::Expr* e) {
    e = unparen(e);
    if (e == nullptr) return nullptr;
    if (e->kind == NodeKind::Name && static_cast<lang::Name*>(e)->value == "_") return blankName();
    if (e->constant != nullptr && !isTypeExpr(e)) {
      Node* n = node(Op::OLITERAL, e->pos, e->type);
      n->val = e->constant;
      n->raw = str(lang::exprString(e));
      n->rawOp = constExprOp(e);
      return n;
    }
    switch (e->kind) {
      case NodeKind::Name: {
        auto* nm = static_cast<lang::Name*>(e);
        types::Object* o = nm->obj;
        if (o == nullptr) return node(Op::OXXX, e->pos, e->type);
        switch (o->kind) {
          case types::ObjKind::Var: return varName(o, e->pos);
          case types::ObjKind::Func: return globalName(o);
          case types::ObjKind::Nil: return node(Op::ONIL, e->pos, e->type);
          case types::ObjKind::TypeName: return typeNode(e->pos, e->type);
          default: return node(Op::OXXX, e->pos, e->type);
        }
      }
      case NodeKind::BasicLit: {
        Node* n = node(Op::OLITERAL, e->pos, e->type);
        n->raw = static_cast<lang::BasicLit*>(e)->value;
        return n;
      }
      case NodeKind::CompositeLit:
        return compositeLit(static_cast<lang::CompositeLit*>(e), e->type);
      case NodeKind::FuncLit:
        return funcLit(static_cast<lang::FuncLit*>(e));
      case NodeKind::SelectorExpr:
        return selector(static_cast<lang::SelectorExpr*>(e));
      case NodeKind::IndexExpr: {
        auto* ie = static_cast<lang::IndexExpr*>(e);
        Node* n = node(Op::OINDEX, ie->pos, e->type);
        Node* x = expr(ie->x);
        if (isPtr(x->type)) x = implicitDeref(x, ie->pos);
        n->x = x;
        n->y = expr(ie->index);
        return n;
      }
      case NodeKind::SliceExpr: {
        auto* se = static_cast<lang::SliceExpr*>(e);
        Node* x = expr(se->x);
        const types::Type* xt = types::under(x->type);
        Op op = se->full ? Op::OSLICE3 : Op::OSLICE;
        if (xt != nullptr && (xt->kind == Kind::String || xt->kind == Kind::UntypedString)) {
          op = Op::OSLICESTR;
        } else if (xt != nullptr && xt->kind == Kind::Array) {
          x = implicitAddr(x, se->x->pos);
          op = se->full ? Op::OSLICE3ARR : Op::OSLICEARR;
        } else if (xt != nullptr && xt->kind == Kind::Pointer) {
          op = se->full ? Op::OSLICE3ARR : Op::OSLICEARR;
        }
        Node* n = node(op, se->pos, e->type);
        n->x = x;
        n->list = list({expr(se->index[0]), expr(se->index[1]), expr(se->index[2])});
        return n;
      }
      case NodeKind::Operation:
        return operation(static_cast<lang::Operation*>(e));
      case NodeKind::CallExpr:
        return call(static_cast<lang::CallExpr*>(e));
      case NodeKind::KeyValueExpr:
        return expr(static_cast<lang::KeyValueExpr*>(e)->value);
      default:
        if (isTypeExpr(e)) return typeNode(e->pos, e->type);
        return node(Op::OXXX, e->pos, e->type);
    }
  }

  Node* implicitAddr(Node* x, Pos pos) {
    // Typed *T (the go/defer wrapper's temporaries print its width: `capturing by value: .autotmp_0
    // (... width=8)`).
    Node* a = node(Op::OADDR, pos, x != nullptr && x->type != nullptr ? types::newPointer(*pkg.arena, x->type) : nullptr);
    a->x = x;
    a->set(kImplicit);
    markAddrTaken(x);
    return a;
  }

  Node* implicitDeref(Node* x, Pos pos) {
    const types::Type* pt = types::under(x->type);
    Node* d = node(Op::ODEREF, pos, pt != nullptr ? pt->elem : nullptr);
    d->x = x;
    d->set(kImplicit);
    return d;
  }

  void markAddrTaken(Node* x) {
    // Go's ir.NewAddrExpr marks the outer variable of x as address-taken (ir.OuterValue).
    while (x != nullptr) {
      if (x->op == Op::ODOT || x->op == Op::OINDEX) {
        const types::Type* xt = x->op == Op::OINDEX ? types::under(x->x->type) : nullptr;
        if (x->op == Op::OINDEX && (xt == nullptr || xt->kind != Kind::Array)) return;
        x = x->x;
        continue;
      }
      break;
    }
    if (Name* n = x != nullptr ? x->asName() : nullptr) {
      n->addrtaken = true;
      for (Name* o = n->outer; o != nullptr; o = o->outer) o->addrtaken = true;
    }
  }

  Node* compositeLit(lang::CompositeLit* cl, const types::Type* t) {
    const types::Type* ut = types::under(t);
    if (ut != nullptr && ut->kind == Kind::Pointer) {
      // elided &T in [] *T{{...}}
      Node* p = node(Op::OPTRLIT, cl->pos, t);
      p->x = compositeLit(cl, ut->elem);
      p->set(kImplicit);
      return p;
    }
    Op op = Op::OCOMPLIT;
    if (ut != nullptr) {
      if (ut->kind == Kind::Struct) op = Op::OSTRUCTLIT;
      else if (ut->kind == Kind::Array) op = Op::OARRAYLIT;
      else if (ut->kind == Kind::Slice) op = Op::OSLICELIT;
    }
    Node* n = node(op, cl->pos, t);
    std::vector<Node*> elems;
    for (uint32_t i = 0; i < cl->elems.size; i++) {
      lang::Expr* el = cl->elems[i];
      if (op == Op::OSTRUCTLIT) {
        Node* k = node(Op::OSTRUCTKEY, el->pos);
        const types::Object* field = nullptr;
        lang::Expr* ve = el;
        if (auto* kv = el->as<lang::KeyValueExpr>()) {
          ve = kv->value;
          if (auto* kn = kv->key->as<lang::Name>()) {
            for (auto* f : ut->vars)
              if (f->name == kn->value) field = f;
          }
        } else if (i < ut->vars.size) {
          field = ut->vars[i];
        }
        k->field = field;
        k->x = elemExpr(ve, field != nullptr ? field->type : nullptr);
        k->type = k->x != nullptr ? k->x->type : nullptr;
        elems.push_back(k);
      } else if (auto* kv = el->as<lang::KeyValueExpr>()) {
        Node* k = node(Op::OKEY, kv->pos);
        k->x = expr(kv->key);
        k->y = elemExpr(kv->value, ut != nullptr ? ut->elem : nullptr);
        elems.push_back(k);
      } else {
        elems.push_back(elemExpr(el, ut != nullptr ? ut->elem : nullptr));
      }
    }
    n->list = list(elems);
    return n;
  }

  Node* elemExpr(lang::Expr* e, const types::Type* t) {
    lang::Expr* u = unparen(e);
    if (u != nullptr && u->kind == NodeKind::CompositeLit && static_cast<lang::CompositeLit*>(u)->litType == nullptr)
      return compositeLit(static_cast<lang::CompositeLit*>(u), u->type != nullptr ? u->type : t);
    return assignConv(expr(e), t);
  }

  Node* selector(lang::SelectorExpr* se) {
    types::Object* o = se->sel != nullptr ? se->sel->obj : nullptr;
    lang::Expr* xe = unparen(se->x);
    // Qualified identifier pkg.Name.
    if (auto* xn = xe->as<lang::Name>(); xn != nullptr && xn->obj != nullptr && xn->obj->kind == types::ObjKind::PkgName) {
      if (o == nullptr) return node(Op::OXXX, se->pos, se->type);
      if (o->kind == types::ObjKind::Func) return globalName(o);
      if (o->kind == types::ObjKind::Var) return globalName(o);
      return typeNode(se->pos, se->type);
    }
    if (o == nullptr) return node(Op::OXXX, se->pos, se->type);
    if (o->kind == types::ObjKind::Func && isTypeExpr(se->x)) {
      // Method expression T.M / (*T).M (Go: OMETHEXPR, a static reference to the method's function).
      Node* n = node(Op::OMETHEXPR, se->pos, se->type);
      const types::Type* rt = o->type != nullptr && o->type->recv != nullptr ? o->type->recv->type : nullptr;
      n->x = typeNode(se->pos, rt);
      n->raw = se->sel->value;
      n->field = o;
      n->func = o->func != nullptr ? funcFor(o->func) : nullptr;
      return n;
    }
    if (o->kind == types::ObjKind::Func) {
      // Method value x.M (Go: OMETHVALUE).
      Node* n = node(Op::OMETHVALUE, se->pos, se->type);
      n->x = methodRecv(addImplicitDots(expr(se->x), o, se->pos), o, se->pos);
      n->raw = se->sel->value;
      n->field = o;
      n->func = o->func != nullptr ? funcFor(o->func) : nullptr;
      return n;
    }
    Node* x = addImplicitDots(expr(se->x), o, se->pos);
    Node* n = node(isPtr(x->type) ? Op::ODOTPTR : Op::ODOT, se->pos, se->type);
    n->x = x;
    n->raw = se->sel->value;
    n->field = o;
    return n;
  }

  // typecheck.AddImplicitDots: a promoted field or method x.f reached through embedded fields becomes
  // x.E1.E2.f; the inserted selectors are ordinary ODOT/ODOTPTR nodes at the selector's position (Go
  // prints them: `e.Base.name`, and prices them: one node each). Go's lookup: the shallowest wins.
  Node* addImplicitDots(Node* x, const types::Object* target, Pos pos) {
    if (x == nullptr || target == nullptr) return x;
    struct Entry {
      const types::Type* t;
      std::vector<const types::Object*> path;
    };
    std::vector<Entry> level{{x->type, {}}};
    const std::vector<const types::Object*>* found = nullptr;
    for (int depth = 0; depth < 8 && !level.empty() && found == nullptr; depth++) {
      std::vector<Entry> next;
      for (const Entry& e : level) {
        const types::Type* t = e.t;
        if (t != nullptr && isPtr(t)) t = types::under(t)->elem;
        if (t == nullptr) continue;
        if (t->kind == Kind::Named)
          for (const types::Object* m = t->methods; m != nullptr; m = m->nextMethod)
            if (m == target) found = &e.path;
        const types::Type* st = types::under(t);
        if (found != nullptr || st == nullptr || st->kind != Kind::Struct) {
          if (found != nullptr) break;
          continue;
        }
        for (const types::Object* f : st->vars) {
          if (f == target) {
            found = &e.path;
            break;
          }
          if (f->embedded) {
            Entry n{f->type, e.path};
            n.path.push_back(f);
            next.push_back(std::move(n));
          }
        }
        if (found != nullptr) break;
      }
      if (found != nullptr) {
        for (const types::Object* f : *found) {
          Node* d = node(isPtr(x->type) ? Op::ODOTPTR : Op::ODOT, pos, f->type);
          d->x = x;
          d->raw = f->name;
          d->field = f;
          x = d;
        }
        return x;
      }
      level = std::move(next);
    }
    return x;
  }

  Node* methodRecv(Node* x, const types::Object* m, Pos pos) {
    const types::Type* sig = m->type;
    const types::Type* rt = sig != nullptr && sig->recv != nullptr ? sig->recv->type : nullptr;
    if (rt == nullptr) return x;
    bool wantPtr = isPtr(rt);
    bool havePtr = isPtr(x->type);
    if (wantPtr && !havePtr) return implicitAddr(x, pos);
    if (!wantPtr && havePtr) return implicitDeref(x, pos);
    return x;
  }

  Node* operation(lang::Operation* o) {
    if (o->y == nullptr) {
      if (o->op == lang::Op::And) {
        lang::Expr* xe = unparen(o->x);
        if (auto* cl = xe->as<lang::CompositeLit>()) {
          Node* p = node(Op::OPTRLIT, o->pos, o->type);
          p->x = compositeLit(cl, cl->type);
          return p;
        }
        Node* n = node(Op::OADDR, o->pos, o->type);
        n->x = expr(o->x);
        markAddrTaken(n->x);
        return n;
      }
      Op op = Op::OXXX;
      switch (o->op) {
        case lang::Op::Mul: op = Op::ODEREF; break;
        case lang::Op::Sub: op = Op::ONEG; break;
        case lang::Op::Add: op = Op::OPLUS; break;
        case lang::Op::Not: op = Op::ONOT; break;
        case lang::Op::Xor: op = Op::OBITNOT; break;
        case lang::Op::Recv: op = Op::ORECV; break;
        default: break;
      }
      Node* n = node(op, o->pos, o->type);
      n->x = expr(o->x);
      return n;
    }
    bool isStr = types::isString(o->x->type) && o->op == lang::Op::Add;
    if (isStr) {
      // typecheck's tcArith combines a + b + c into one OADDSTR.
      std::vector<Node*> parts;
      collectAddStr(parts, o);
      Node* n = node(Op::OADDSTR, o->pos, o->type);
      n->list = list(parts);
      return n;
    }
    Node* n = node(binaryOp(o->op, false), o->pos, o->type);
    n->sub = o->op;
    n->x = expr(o->x);
    n->y = expr(o->y);
    // Comparisons of a typed value against an interface convert implicitly; not in the subset.
    return n;
  }

  void collectAddStr(std::vector<Node*>& parts, lang::Operation* o) {
    lang::Expr* l = unparen(o->x);
    if (auto* lo = l->as<lang::Operation>(); lo != nullptr && lo->y != nullptr && lo->op == lang::Op::Add &&
                                                 lo->constant == nullptr) {
      collectAddStr(parts, lo);
    } else {
      parts.push_back(expr(o->x));
    }
    parts.push_back(expr(o->y));
  }

  Node* call(lang::CallExpr* ce) {
    lang::Expr* fe = unparen(ce->fun);
    // Conversion T(x).
    if (isTypeExpr(fe)) {
      const types::Type* to = ce->type;
      Node* x = expr(ce->args.size > 0 ? ce->args[0] : nullptr);
      const types::Type* from = x != nullptr ? x->type : nullptr;
      Op op = Op::OCONV;
      const types::Type* ut = types::under(to);
      const types::Type* uf = types::under(from);
      if (types::isInterface(to)) op = Op::OCONVIFACE;
      else if (ut != nullptr && uf != nullptr && types::isString(to) && uf->kind == Kind::Slice) op = Op::OBYTES2STR;
      else if (ut != nullptr && uf != nullptr && ut->kind == Kind::Slice && types::isString(from)) op = Op::OSTR2BYTES;
      else if (types::isString(to) && types::isInteger(from)) op = Op::ORUNESTR;
      else if (ut != nullptr && uf != nullptr && types::identical(ut, uf)) op = Op::OCONVNOP;
      else if (isPtr(to) && isPtr(from) && types::identical(types::under(ut->elem), types::under(uf->elem))) op = Op::OCONVNOP;
      Node* n = node(op, ce->pos, to);
      n->x = x;
      return n;
    }
    // Builtins.
    if (types::Object* o = lang::objectOf(fe); o != nullptr && o->kind == types::ObjKind::Builtin) return builtin(ce, o->builtin);
    // Method call x.M(args) → (*T).M(&x, args).
    if (auto* se = fe->as<lang::SelectorExpr>()) {
      types::Object* m = se->sel != nullptr ? se->sel->obj : nullptr;
      lang::Expr* xe = unparen(se->x);
      bool qualified = xe->kind == NodeKind::Name && static_cast<lang::Name*>(xe)->obj != nullptr &&
                       static_cast<lang::Name*>(xe)->obj->kind == types::ObjKind::PkgName;
      if (m != nullptr && m->kind == types::ObjKind::Func && !qualified && !isTypeExpr(se->x) && m->type != nullptr &&
          m->type->recv != nullptr) {
        Node* recvX = addImplicitDots(expr(se->x), m, se->pos);
        Node* recvInit = nullptr;
        if (recvX != nullptr && (recvX->op == Op::OCALLFUNC || recvX->op == Op::OCALLINTER)) {
          // As for a called call result, typecheck first copies a call used as a receiver to a temporary.
          Name* tmp = newName(pkg, str(".autotmp_" + std::to_string(curfn->dcl.size())), Class::PAUTO, ce->pos, recvX->type, curfn);
          tmp->autotemp = true;
          curfn->dcl.push_back(tmp);
          recvInit = node(Op::OAS, ce->pos);
          recvInit->x = tmp;
          recvInit->y = recvX;
          tmp->defn = recvInit;
          recvX = tmp;
        }
        Node* recv = methodRecv(recvX, m, se->pos);
        Node* mx = node(Op::OMETHEXPR, se->pos, nullptr);
        mx->x = typeNode(se->pos, m->type->recv->type);
        mx->raw = se->sel->value;
        mx->field = m;
        mx->func = m->func != nullptr ? funcFor(m->func) : nullptr;
        if (mx->func == nullptr && m->pkg != types::PkgId::Main) {
          std::string rt = analysis::typeString(m->type->recv->type);
          if (isPtr(m->type->recv->type)) rt = "(" + rt + ")";
          mx->func = externalByName(rt + "." + std::string(m->name), m->type);
          buildKnownStdlib(mx->func);
        }
        Node* n = node(Op::OCALLFUNC, ce->pos, ce->type);
        n->x = mx;
        std::vector<Node*> args{recv};
        pendingCallInit_ = nullptr;
        callArgs(args, ce, m->type);
        n->list = list(args);
        std::vector<Node*> init;
        if (recvInit != nullptr) init.push_back(recvInit);
        if (pendingCallInit_ != nullptr) init.push_back(pendingCallInit_);
        pendingCallInit_ = nullptr;
        if (!init.empty()) n->init = list(init);
        if (ce->hasDots) n->set(kIsDDD);
        return n;
      }
    }
    Node* fn = expr(ce->fun);
    Node* n = node(Op::OCALLFUNC, ce->pos, ce->type);
    if (fn != nullptr && fn->op == Op::OCALLFUNC) {
      // A call result used as the callee is first copied to a temporary (init: tmp = f()), which is
      // what Go 1.19 prices (3 more nodes than the bare expression).
      Name* tmp = newName(pkg, str(".autotmp_" + std::to_string(curfn->dcl.size())), Class::PAUTO, ce->pos, fn->type, curfn);
      tmp->autotemp = true;
      curfn->dcl.push_back(tmp);
      Node* as = node(Op::OAS, ce->pos);
      as->x = tmp;
      as->y = fn;
      tmp->defn = as;
      n->init = list({as});
      fn = tmp;
    }
    n->x = fn;
    std::vector<Node*> args;
    pendingCallInit_ = nullptr;
    callArgs(args, ce, types::under(fe->type));
    n->list = list(args);
    if (pendingCallInit_ != nullptr) {
      std::vector<Node*> init(n->init.begin(), n->init.end());
      init.push_back(pendingCallInit_);
      n->init = list(init);
      pendingCallInit_ = nullptr;
    }
    if (ce->hasDots) n->set(kIsDDD);
    return n;
  }

  void callArgs(std::vector<Node*>& args, lang::CallExpr* ce, const types::Type* sig) {
    const types::Type* params = sig != nullptr && sig->kind == Kind::Signature ? sig->params : nullptr;
    uint32_t np = params != nullptr ? params->vars.size : 0;
    Pos convPos = ce->pos;  // base.Pos: transformCall sets it to the call's (ir.SetPos(n))
    if (ce->args.size == 1 && ce->args[0]->type != nullptr && ce->args[0]->type->kind == Kind::Tuple &&
        ce->args[0]->type->vars.size > 1) {
      multiValueArgs(args, ce, expr(ce->args[0]), params, sig);
      return;
    }
    for (uint32_t i = 0; i < ce->args.size; i++) {
      const types::Type* pt = nullptr;
      if (params != nullptr && np > 0) {
        if (sig->variadic && i >= np - 1) {
          const types::Type* last = params->vars[np - 1]->type;
          pt = ce->hasDots ? last : (last != nullptr ? types::under(last)->elem : nullptr);
        } else if (i < np) {
          pt = params->vars[i]->type;
        }
      }
      // typecheckaste (noder/transform.go:519) moves base.Pos to each argument that has a position of
      // its own (ir.HasUniquePos: not a name) before converting it, so an
      // implicit conversion of a variable is placed at the previous such argument, or at the call.
      Node* a = expr(ce->args[i]);
      if (hasUniquePos(a)) convPos = a->pos;
      args.push_back(assignConv(a, pt, convPos));
    }
  }

  // f(g()) with a multi-valued g: typecheck.RewriteMultiValueCall copies the results to temporaries,
  // `init: .autotmp_1, .autotmp_2 = g()` with an ODCL per temporary, and passes the temporaries.
  // The assignment goes to pendingCallInit_, which the caller puts in the call's init.
  void multiValueArgs(std::vector<Node*>& args, lang::CallExpr* ce, Node* call, const types::Type* params,
                      const types::Type* sig) {
    const types::Type* tuple = ce->args[0]->type;
    Node* as = node(Op::OAS2FUNC, ce->pos);
    std::vector<Node*> decls, lhs;
    for (uint32_t i = 0; i < tuple->vars.size; i++) {
      const types::Type* t = tuple->vars[i]->type;
      Name* tmp = newName(pkg, str(".autotmp_" + std::to_string(curfn->dcl.size())), Class::PAUTO, ce->pos, t, curfn);
      tmp->autotemp = true;
      tmp->defn = as;
      curfn->dcl.push_back(tmp);
      Node* d = node(Op::ODCL, ce->pos);
      d->x = tmp;
      decls.push_back(d);
      lhs.push_back(tmp);
    }
    as->init = list(decls);
    as->list = list(lhs);
    as->rlist = list({call});
    pendingCallInit_ = as;
    uint32_t np = params != nullptr ? params->vars.size : 0;
    for (uint32_t i = 0; i < lhs.size(); i++) {
      const types::Type* pt = nullptr;
      if (np > 0) {
        if (sig->variadic && i >= np - 1) pt = types::under(params->vars[np - 1]->type)->elem;
        else if (i < np) pt = params->vars[i]->type;
      }
      args.push_back(assignConv(lhs[i], pt, ce->pos));
    }
  }
  Node* pendingCallInit_ = nullptr;

  // ir.HasUniquePos (ir/node.go): a name is one node shared by every use, so it has no position of
  // its own. (Constants, named ones included, are fresh OLITERALs at their use: checked with Go 1.19,
  // `fmt.Println(s, k, n)` reports k's conversion at k.)
  static bool hasUniquePos(const Node* n) { return n != nullptr && n->pos.valid() && n->op != Op::ONAME; }

  Node* builtin(lang::CallExpr* ce, types::Builtin b) {
    auto arg = [&](uint32_t i) { return i < ce->args.size ? expr(ce->args[i]) : nullptr; };
    switch (b) {
      case types::Builtin::Len: case types::Builtin::Cap: case types::Builtin::Close: case types::Builtin::Real:
      case types::Builtin::Imag: {
        Op op = b == types::Builtin::Len ? Op::OLEN : b == types::Builtin::Cap ? Op::OCAP
              : b == types::Builtin::Close ? Op::OCLOSE : b == types::Builtin::Real ? Op::OREAL : Op::OIMAG;
        Node* n = node(op, ce->pos, ce->type);
        n->x = arg(0);
        return n;
      }
      case types::Builtin::New: {
        Node* n = node(Op::ONEW, ce->pos, ce->type);
        const types::Type* pt = types::under(ce->type);
        n->x = typeNode(ce->args.size > 0 ? ce->args[0]->pos : ce->pos, pt != nullptr ? pt->elem : nullptr);
        return n;
      }
      case types::Builtin::Panic: {
        Node* n = node(Op::OPANIC, ce->pos, ce->type);
        n->x = assignConv(arg(0), types::anyType(), ce->args.size > 0 ? ce->args[0]->start : Pos{});
        return n;
      }
      case types::Builtin::Print: case types::Builtin::Println: {
        Node* n = node(b == types::Builtin::Print ? Op::OPRINT : Op::OPRINTN, ce->pos, nullptr);
        std::vector<Node*> args;
        for (uint32_t i = 0; i < ce->args.size; i++) args.push_back(arg(i));
        n->list = list(args);
        return n;
      }
      case types::Builtin::Append: {
        Node* n = node(Op::OAPPEND, ce->pos, ce->type);
        std::vector<Node*> args;
        const types::Type* st = types::under(ce->type);
        for (uint32_t i = 0; i < ce->args.size; i++) {
          Node* a = arg(i);
          if (i > 0 && !ce->hasDots && st != nullptr) a = assignConv(a, st->elem);
          args.push_back(a);
        }
        n->list = list(args);
        if (ce->hasDots) n->set(kIsDDD);
        return n;
      }
      case types::Builtin::Copy: {
        Node* n = node(Op::OCOPY, ce->pos, ce->type);
        n->x = arg(0);
        n->y = arg(1);
        return n;
      }
      case types::Builtin::Make: {
        const types::Type* t = ce->type;
        const types::Type* ut = types::under(t);
        Op op = Op::OMAKESLICE;
        if (ut != nullptr && ut->kind == Kind::Chan) op = Op::OMAKECHAN;
        Node* n = node(op, ce->pos, t);
        n->x = arg(1);
        n->y = arg(2);
        if (op == Op::OMAKECHAN && n->x == nullptr) {
          // typecheck.tcMake: make(chan T) gets an untyped constant 0 buffer size.
          Node* zero = node(Op::OLITERAL, ce->pos, types::basicType(Kind::UntypedInt));
          zero->raw = "0";
          n->x = zero;
        }
        return n;
      }
      case types::Builtin::Recover:
        return node(Op::ORECOVER, ce->pos, ce->type);
      case types::Builtin::Complex: {
        Node* n = node(Op::OCOMPLEX, ce->pos, ce->type);
        n->x = arg(0);
        n->y = arg(1);
        return n;
      }
      default:
        return node(Op::OXXX, ce->pos, ce->type);
    }
  }

  // ---- package ----------------------------------------------------------------------------------------
  void run() {
    for (lang::Decl* d : file->decls)
      if (auto* fd = d->as<lang::FuncDecl>()) declareFunc(fd);
    for (lang::Decl* d : file->decls) {
      auto* fd = d->as<lang::FuncDecl>();
      if (fd == nullptr || fd->func == nullptr) continue;
      Func* fn = funcFor(fd->func);
      if (fn == nullptr) continue;
      curfn = fn;
      lowerFuncBody(fn, fd->body);
      curfn = nullptr;
    }
    lowerPackageInit();
  }

  // The package-level variable initialisers in Go's initialisation order (checker's initOrder), as the
  // body of a function `init` that the compile layer runs before main.main (Go's compiler puts them in
  // the package's init function). It is not in pkg.decls: the inliner and escape analysis do not see
  // it (go build -m reports nothing for it in the subset's cases), so the VM allocates its values on
  // the heap.
  void lowerPackageInit() {
    Func* fn = pkg.newFunc();
    fn->name = "init";
    fn->noinline = true;
    fn->hasBody = true;
    pkg.initFunc = fn;
    curfn = fn;
    std::vector<Node*> body;
    for (lang::VarDecl* vd : checked.initOrder) {
      if (vd == nullptr || vd->values.size == 0) continue;
      if (vd->values.size == vd->names.size) {
        for (uint32_t i = 0; i < vd->names.size; i++) {
          lang::Name* nm = vd->names[i];
          Node* lhs = nm->value == "_" || nm->obj == nullptr ? static_cast<Node*>(blankName()) : globalName(nm->obj);
          Node* as = node(Op::OAS, nm->pos);
          as->x = lhs;
          as->y = assignConv(expr(vd->values[i]), nm->obj != nullptr ? nm->obj->type : nullptr);
          body.push_back(as);
        }
      } else if (vd->values.size == 1) {
        Node* as = node(Op::OAS2FUNC, vd->pos);
        std::vector<Node*> lhs;
        for (lang::Name* nm : vd->names)
          lhs.push_back(nm->value == "_" || nm->obj == nullptr ? static_cast<Node*>(blankName()) : globalName(nm->obj));
        as->list = list(lhs);
        as->rlist = list({expr(vd->values[0])});
        body.push_back(as);
      }
    }
    fn->body = list(body);
    curfn = nullptr;
  }
};

}  // namespace

std::unique_ptr<Package> lowerFile(lang::File* file, const lang::CheckResult& checked) {
  auto pkg = std::make_unique<Package>();
  pkg->arena = std::make_unique<Arena>();
  if (file != nullptr && !file->fileName.empty()) pkg->fileName = std::string(file->fileName);
  Lowerer l(*pkg, file, checked);
  l.run();
  return pkg;
}

}  // namespace gofast::analysis
