// Checker: calls, conversions, builtins, selectors (fields, methods, promoted members) and the
// members of the imported packages gofast supports (fmt, time, runtime, sync, unsafe).
#include <algorithm>

#include "lang/checker_impl.h"

namespace gofast::lang {

using types::PkgId;

namespace {
const char* kInvalidOp = "invalid operation: ";
const char* kInvalidArg = "invalid argument: ";

bool exported(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }
}  // namespace

// ====================================== imported packages =========================================

void Checker::declarePackages() {
  auto scope = [&](PkgId p) {
    Scope* s = newScope(nullptr, nullptr);
    pkgMembers_[static_cast<int>(p)] = s;
    return s;
  };
  auto var = [&](std::string_view name, const Type* t, PkgId p) {
    Object* v = newObject(ObjKind::Var, name, {}, t);
    v->pkg = p;
    v->isParam = true;
    return v;
  };
  auto tuple = [&](std::initializer_list<Object*> vs) {
    std::vector<Object*> v(vs);
    return types::newTuple(arena_, arena_.copyArray(v.data(), v.size()));
  };
  auto func = [&](Scope* s, PkgId p, std::string_view name, const Type* sig) {
    Object* f = newObject(ObjKind::Func, name, {}, sig);
    f->pkg = p;
    f->global = true;
    s->insert(arena_, f);
    return f;
  };
  const Type* tInt = types::basicType(Kind::Int);
  const Type* tString = types::basicType(Kind::String);
  const Type* anySlice = types::newSlice(arena_, types::anyType());
  // fmt
  {
    Scope* s = scope(PkgId::Fmt);
    PkgId p = PkgId::Fmt;
    auto nErr = [&]() { return tuple({var("n", tInt, p), var("err", types::errorType(), p)}); };
    func(s, p, "Print", types::newSignature(arena_, tuple({var("a", anySlice, p)}), nErr(), true));
    func(s, p, "Println", types::newSignature(arena_, tuple({var("a", anySlice, p)}), nErr(), true));
    func(s, p, "Printf",
         types::newSignature(arena_, tuple({var("format", tString, p), var("a", anySlice, p)}), nErr(), true));
    func(s, p, "Sprintf",
         types::newSignature(arena_, tuple({var("format", tString, p), var("a", anySlice, p)}),
                             tuple({var("", tString, p)}), true));
    func(s, p, "Sprint",
         types::newSignature(arena_, tuple({var("a", anySlice, p)}), tuple({var("", tString, p)}), true));
  }
  // time
  {
    Scope* s = scope(PkgId::Time);
    PkgId p = PkgId::Time;
    Object* dur = newObject(ObjKind::TypeName, "Duration", {}, nullptr);
    dur->pkg = p;
    dur->global = true;
    Type* d = types::newType(arena_, Kind::Named);
    d->obj = dur;
    d->underlying = types::basicType(Kind::Int64);
    dur->type = d;
    s->insert(arena_, dur);
    struct C {
      const char* name;
      int64_t v;
    };
    static const C kConsts[] = {{"Nanosecond", 1},
                                {"Microsecond", 1000},
                                {"Millisecond", 1000000},
                                {"Second", 1000000000},
                                {"Minute", 60000000000LL},
                                {"Hour", 3600000000000LL}};
    for (const C& c : kConsts) {
      Object* o = newObject(ObjKind::Const, c.name, {}, d);
      o->pkg = p;
      o->global = true;
      o->val = types::makeInt64(arena_, c.v);
      s->insert(arena_, o);
    }
    func(s, p, "Sleep", types::newSignature(arena_, tuple({var("d", d, p)}), tuple({}), false));
  }
  // runtime
  {
    Scope* s = scope(PkgId::Runtime);
    PkgId p = PkgId::Runtime;
    func(s, p, "Gosched", types::newSignature(arena_, tuple({}), tuple({}), false));
    func(s, p, "GOMAXPROCS", types::newSignature(arena_, tuple({var("n", tInt, p)}), tuple({var("", tInt, p)}), false));
    func(s, p, "NumGoroutine", types::newSignature(arena_, tuple({}), tuple({var("", tInt, p)}), false));
    func(s, p, "NumCPU", types::newSignature(arena_, tuple({}), tuple({var("", tInt, p)}), false));
  }
  // sync
  {
    Scope* s = scope(PkgId::Sync);
    PkgId p = PkgId::Sync;
    auto named = [&](const char* name, std::initializer_list<std::pair<const char*, const Type*>> fields) {
      Object* tn = newObject(ObjKind::TypeName, name, {}, nullptr);
      tn->pkg = p;
      tn->global = true;
      Type* t = types::newType(arena_, Kind::Named);
      t->obj = tn;
      tn->type = t;
      std::vector<Object*> fs;
      for (auto& [fname, ftype] : fields) {
        Object* f = var(fname, ftype, p);
        f->isParam = false;
        f->isField = true;
        f->fieldIndex = static_cast<int32_t>(fs.size());
        fs.push_back(f);
      }
      Type* st = types::newType(arena_, Kind::Struct);
      st->vars = arena_.copyArray(fs.data(), fs.size());
      t->underlying = st;
      s->insert(arena_, tn);
      return t;
    };
    auto method = [&](Type* t, const char* name, const Type* params, const Type* results) {
      Type* sig = types::newSignature(arena_, params, results, false);
      Object* recv = var("", types::newPointer(arena_, t), p);
      sig->recv = recv;
      Object* m = newObject(ObjKind::Func, name, {}, sig);
      m->pkg = p;
      if (t->lastMethod) t->lastMethod->nextMethod = m;
      else t->methods = m;
      t->lastMethod = m;
    };
    Type* empty = types::newType(arena_, Kind::Struct);
    Type* wg = named("WaitGroup", {{"noCopy", empty},
                                   {"state1", types::basicType(Kind::Uint64)},
                                   {"state2", types::basicType(Kind::Uint32)}});
    method(wg, "Add", tuple({var("delta", tInt, p)}), tuple({}));
    method(wg, "Done", tuple({}), tuple({}));
    method(wg, "Wait", tuple({}), tuple({}));
    Type* mu = named("Mutex", {{"state", types::basicType(Kind::Int32)}, {"sema", types::basicType(Kind::Uint32)}});
    method(mu, "Lock", tuple({}), tuple({}));
    method(mu, "Unlock", tuple({}), tuple({}));
    method(mu, "TryLock", tuple({}), tuple({var("", types::basicType(Kind::Bool), p)}));
  }
  // unsafe
  {
    Scope* s = scope(PkgId::Unsafe);
    struct B {
      const char* name;
      types::Builtin id;
    };
    static const B kB[] = {{"Sizeof", types::Builtin::Sizeof},
                           {"Alignof", types::Builtin::Alignof},
                           {"Offsetof", types::Builtin::Offsetof}};
    for (const B& b : kB) {
      Object* o = newObject(ObjKind::Builtin, b.name, {}, types::invalidType());
      o->builtin = b.id;
      o->pkg = PkgId::Unsafe;
      s->insert(arena_, o);
    }
  }
  pkgMembers_[0] = newScope(nullptr, nullptr);
}

bool Checker::packageMember(Operand& x, SelectorExpr* e, Object* pkg) {
  pkg->used = true;
  Scope* members = pkgMembers_[static_cast<int>(pkg->target)];
  Object* m = members ? members->lookupLocal(e->sel->value) : nullptr;
  if (m == nullptr || !exported(e->sel->value)) {
    error(e->sel->pos, "undefined: " + std::string(pkg->name) + "." + std::string(e->sel->value));
    x.mode = Mode::Invalid;
    return false;
  }
  e->sel->obj = m;
  switch (m->kind) {
    case ObjKind::Func:
      x.mode = Mode::Value;
      x.type = m->type;
      break;
    case ObjKind::TypeName:
      x.mode = Mode::TypeExpr;
      x.type = m->type;
      break;
    case ObjKind::Const:
      x.mode = Mode::Constant;
      x.type = m->type;
      x.val = m->val;
      break;
    case ObjKind::Builtin:
      x.mode = Mode::Builtin;
      x.id = m->builtin;
      x.type = types::invalidType();
      break;
    default: x.mode = Mode::Invalid; return false;
  }
  x.expr = e;
  return true;
}

// ===================================== fields and methods =========================================

Object* Checker::lookupFieldOrMethod(const Type* T, bool addressable, std::string_view name, std::vector<int>& path,
                                     bool* indirect, bool* ptrRecvNeeded) {
  *indirect = false;
  *ptrRecvNeeded = false;
  path.clear();
  if (name == "_" || T == nullptr) return nullptr;
  struct Entry {
    const Type* t;
    bool ind;
    std::vector<int> path;
  };
  const Type* typ = T;
  bool isPtr = false;
  if (T->kind == Kind::Pointer) {
    typ = T->elem;
    isPtr = true;
  } else if (T->kind == Kind::Named && T->underlying && T->underlying->kind == Kind::Pointer) {
    // fields only, through a named pointer type
    typ = T->underlying->elem;
    isPtr = true;
    if (typ->kind == Kind::Named) {
      const Type* u = typ->underlying;
      if (u && u->kind == Kind::Struct)
        for (uint32_t i = 0; i < u->vars.size; ++i)
          if (u->vars[i]->name == name) {
            path.push_back(static_cast<int>(i));
            *indirect = true;
            return u->vars[i];
          }
    }
    return nullptr;
  }
  std::vector<Entry> current{{typ, isPtr, {}}};
  std::vector<const Type*> seen;
  while (!current.empty()) {
    std::vector<Entry> next;
    Object* found = nullptr;
    Entry foundAt;
    int count = 0;
    for (Entry& en : current) {
      const Type* t = en.t;
      if (t->kind == Kind::Named) {
        if (std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
        seen.push_back(t);
        for (Object* m = t->methods; m; m = m->nextMethod) {
          if (m->name == name && (m->pkg == PkgId::Main || exported(name))) {
            ++count;
            if (found == nullptr) {
              found = m;
              foundAt = en;
            }
          }
        }
      }
      const Type* u = types::under(t);
      if (u && u->kind == Kind::Struct) {
        for (uint32_t i = 0; i < u->vars.size; ++i) {
          Object* f = u->vars[i];
          if (f->name == name && (f->pkg == PkgId::Main || exported(name))) {
            ++count;
            if (found == nullptr) {
              found = f;
              foundAt = en;
              foundAt.path.push_back(static_cast<int>(i));
            }
          } else if (f->embedded) {
            const Type* ft = f->type;
            bool ind = en.ind;
            if (ft->kind == Kind::Pointer) {
              ft = ft->elem;
              ind = true;
            }
            Entry ne{ft, ind, en.path};
            ne.path.push_back(static_cast<int>(i));
            next.push_back(std::move(ne));
          }
        }
      }
    }
    if (count > 1) return nullptr;  // ambiguous
    if (count == 1) {
      path = foundAt.path;
      *indirect = foundAt.ind;
      if (found->kind == ObjKind::Func) {
        const Object* recv = found->type ? found->type->recv : nullptr;
        bool ptrRecv = recv && recv->type && recv->type->kind == Kind::Pointer;
        if (ptrRecv && !foundAt.ind && !addressable) {
          *ptrRecvNeeded = true;
          return nullptr;
        }
      }
      return found;
    }
    current = std::move(next);
  }
  return nullptr;
}

void Checker::selector(Operand& x, SelectorExpr* e) {
  std::string_view sel = e->sel ? e->sel->value : std::string_view();
  if (auto* id = e->x ? e->x->as<Name>() : nullptr) {
    Object* o = lookup(id->value);
    if (o != nullptr && o->kind == ObjKind::PkgName) {
      id->obj = o;
      packageMember(x, e, o);
      return;
    }
  }
  exprOrType(x, e->x);
  if (x.mode == Mode::Invalid) {
    x.expr = e;
    return;
  }
  if (x.mode == Mode::TypeExpr) {
    // method expression T.m
    std::vector<int> path;
    bool ind = false, ptrNeeded = false;
    const Type* T = x.type;
    Object* m = lookupFieldOrMethod(T, false, sel, path, &ind, &ptrNeeded);
    if (m == nullptr && T->kind != Kind::Pointer) {
      Object* pm = lookupFieldOrMethod(types::newPointer(arena_, T), false, sel, path, &ind, &ptrNeeded);
      if (pm && pm->kind == ObjKind::Func) {
        error(e->sel->pos, "invalid method expression " + exprString(e) + " (needs pointer receiver (*" +
                               types::typeString(T) + ")." + std::string(sel) + ")");
        x.mode = Mode::Invalid;
        return;
      }
    }
    if (m == nullptr || m->kind != ObjKind::Func) {
      error(e->sel->pos, exprString(e) + " undefined (type " + types::typeString(T) + " has no method " +
                             std::string(sel) + ")");
      x.mode = Mode::Invalid;
      return;
    }
    e->sel->obj = m;
    const Type* sig = m->type;
    std::vector<Object*> params;
    Object* r = newObject(ObjKind::Var, "", {}, T);
    r->isParam = true;
    params.push_back(r);
    for (Object* p : sig->params->vars) params.push_back(p);
    x.mode = Mode::Value;
    x.type = types::newSignature(arena_, types::newTuple(arena_, arena_.copyArray(params.data(), params.size())),
                                 sig->results, sig->variadic);
    x.expr = e;
    return;
  }
  if (x.mode == Mode::NilValue || x.type->kind == Kind::Invalid) {
    if (x.mode == Mode::NilValue) error(e->sel->pos, "use of untyped nil");
    x.mode = Mode::Invalid;
    x.expr = e;
    return;
  }
  std::vector<int> path;
  bool ind = false, ptrNeeded = false;
  Object* obj = lookupFieldOrMethod(x.type, x.mode == Mode::Variable, sel, path, &ind, &ptrNeeded);
  if (obj == nullptr) {
    if (types::under(x.type)->kind == Kind::Invalid) {
      x.mode = Mode::Invalid;
      return;
    }
    if (ptrNeeded) {
      error(e->sel->pos, "cannot call pointer method " + std::string(sel) + " on " + types::typeString(x.type));
    } else {
      std::string what = types::typeString(x.type);
      error(e->sel->pos, exprString(e) + " undefined (type " + what + " has no field or method " + std::string(sel) + ")");
    }
    x.mode = Mode::Invalid;
    x.expr = e;
    return;
  }
  e->sel->obj = obj;
  if (obj->kind == ObjKind::Var) {
    if (x.mode == Mode::Variable || ind) x.mode = Mode::Variable;
    else x.mode = Mode::Value;
    x.type = obj->type;
  } else {
    x.mode = Mode::Value;
    x.type = obj->type;
  }
  x.expr = e;
}

// ============================================ calls ===============================================

void Checker::call(Operand& x, CallExpr* e) {
  exprOrType(x, e->fun);
  switch (x.mode) {
    case Mode::Invalid:
      for (Expr* a : e->args) {
        Operand y;
        rawExpr(y, a, nullptr, false);
      }
      x.mode = Mode::Invalid;
      x.expr = e;
      return;
    case Mode::TypeExpr: {
      const Type* T = x.type;
      x.mode = Mode::Invalid;
      if (e->args.size != 1) {
        if (e->args.empty()) error(e->start, "missing argument in conversion to " + types::typeString(T));
        else error(e->args[e->args.size - 1]->start, "too many arguments in conversion to " + types::typeString(T));
        for (Expr* a : e->args) {
          Operand y;
          expr(y, a);
        }
        x.expr = e;
        return;
      }
      if (e->hasDots) {
        error(e->args[0]->start, "invalid use of ... in conversion to " + types::typeString(T));
      }
      Operand y;
      rawExpr(y, e->args[0], T, false);
      singleValue(y);
      if (y.mode == Mode::NoValue || y.mode == Mode::TypeExpr || y.mode == Mode::Builtin) {
        error(e->args[0]->start, opString(y) + (y.mode == Mode::NoValue ? " used as value" : " is not an expression"));
        y.mode = Mode::Invalid;
      }
      if (y.mode == Mode::Invalid) {
        x.expr = e;
        return;
      }
      if (y.mode == Mode::CommaOk) y.mode = Mode::Value;
      x = y;
      conversion(x, T, e);
      x.expr = e;
      return;
    }
    case Mode::Builtin: builtin(x, e, x.id); x.expr = e; return;
    default: break;
  }
  const Type* sig = types::under(x.type);
  if (sig->kind != Kind::Signature) {
    error(x.expr->start, std::string(kInvalidOp) + "cannot call non-function " + opString(x));
    for (Expr* a : e->args) {
      Operand y;
      rawExpr(y, a, nullptr, false);
    }
    x.mode = Mode::Invalid;
    x.expr = e;
    return;
  }
  std::vector<Operand> args;
  arguments(e, sig, args, exprString(e->fun));
  const Type* res = sig->results;
  uint32_t nres = res ? res->vars.size : 0;
  if (nres == 0) {
    x.mode = Mode::NoValue;
    x.type = types::emptyTuple();
  } else if (nres == 1) {
    x.mode = Mode::Value;
    x.type = res->vars[0]->type;
  } else {
    x.mode = Mode::Value;
    x.type = res;
  }
  x.expr = e;
  x.val = nullptr;
}

void Checker::arguments(CallExpr* call, const Type* sig, std::vector<Operand>& args, const std::string& fname) {
  const Type* params = sig->params;
  uint32_t npars = params ? params->vars.size : 0;
  // evaluate the arguments (a single multi-valued call spreads)
  if (call->args.size == 1) {
    Operand x;
    // composite literal hints for the parameter type
    const Type* hint = npars > 0 ? params->vars[0]->type : nullptr;
    rawExpr(x, call->args[0], hint, false);
    if (x.mode == Mode::NoValue || x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
      error(call->args[0]->start,
            opString(x) + (x.mode == Mode::NoValue ? " used as value" : (x.mode == Mode::TypeExpr ? " is not an expression" : " must be called")));
      x.mode = Mode::Invalid;
    }
    if (x.mode != Mode::Invalid && x.type && x.type->kind == Kind::Tuple) {
      for (Object* v : x.type->vars) {
        Operand y;
        y.mode = Mode::Value;
        y.expr = call->args[0];
        y.type = v->type;
        args.push_back(y);
      }
    } else {
      if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
      args.push_back(x);
    }
  } else {
    for (uint32_t i = 0; i < call->args.size; ++i) {
      Operand x;
      const Type* hint = nullptr;
      if (i < npars) hint = params->vars[i]->type;
      else if (sig->variadic && npars > 0) hint = types::under(params->vars[npars - 1]->type)->elem;
      if (sig->variadic && i + 1 >= npars && !call->hasDots && npars > 0)
        hint = types::under(params->vars[npars - 1]->type)->elem;
      rawExpr(x, call->args[i], hint, false);
      if (x.mode == Mode::NoValue || x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
        error(call->args[i]->start, opString(x) + (x.mode == Mode::NoValue ? " used as value" : (x.mode == Mode::TypeExpr ? " is not an expression" : " must be called")));
        x.mode = Mode::Invalid;
      }
      singleValue(x);
      if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
      args.push_back(x);
    }
  }
  for (Operand& a : args)
    if (a.mode == Mode::Invalid) return;
  size_t nargs = args.size();
  bool ddd = call->hasDots;
  std::vector<const Type*> ptypes;
  for (uint32_t i = 0; i < npars; ++i) ptypes.push_back(params->vars[i]->type);
  size_t np = npars;
  if (sig->variadic) {
    if (ddd) {
      if (call->args.size == 1 && nargs > 1) {
        error(call->start, "cannot use ... with " + std::to_string(nargs) + "-valued " + exprString(call->args[0]));
        return;
      }
    } else if (nargs + 1 >= np) {
      const Type* elem = types::under(ptypes.back())->elem;
      ptypes.pop_back();
      while (ptypes.size() < nargs) ptypes.push_back(elem);
      np = nargs;
    } else {
      --np;
    }
  } else if (ddd) {
    error(call->start, "cannot use ... in call to non-variadic " + exprString(call->fun));
    return;
  }
  if (nargs != np) {
    Pos at = call->start;
    std::string q = "not enough";
    if (nargs > np) {
      at = args[np].expr->start;
      q = "too many";
    } else if (nargs > 0) {
      at = args[nargs - 1].expr->start;
    }
    std::vector<const Type*> have, want;
    for (Operand& a : args) have.push_back(a.type);
    for (uint32_t i = 0; i < npars; ++i) want.push_back(params->vars[i]->type);
    error(at, q + " arguments in call to " + exprString(call->fun) + "\n\thave " + typesSummary(have, false) +
                  "\n\twant " + typesSummary(want, sig->variadic));
    return;
  }
  std::string context = "argument to " + fname;
  for (size_t i = 0; i < nargs; ++i) assignment(args[i], ptypes[i], context.c_str());
}

void Checker::conversion(Operand& x, const Type* T, CallExpr* e) {
  bool constArg = x.mode == Mode::Constant;
  bool ok = false;
  bool constConvert = false;
  const Type* Tu = types::under(T);
  if (constArg && types::isConstType(T)) {
    // constant conversion
    const Constant* v = x.val;
    if (types::isInteger(x.type) && types::isString(Tu)) {
      // string(65) == "A"
      types::BigInt bv;
      std::string s;
      uint32_t r = 0xFFFD;
      if (types::constantToInt(x.val, bv) && bv.fitsI64() && bv.toI64() >= 0 && bv.toI64() <= 0x10FFFF &&
          !(bv.toI64() >= 0xD800 && bv.toI64() < 0xE000))
        r = static_cast<uint32_t>(bv.toI64());
      // UTF-8 encode
      if (r < 0x80) s += static_cast<char>(r);
      else if (r < 0x800) {
        s += static_cast<char>(0xC0 | (r >> 6));
        s += static_cast<char>(0x80 | (r & 0x3F));
      } else if (r < 0x10000) {
        s += static_cast<char>(0xE0 | (r >> 12));
        s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (r & 0x3F));
      } else {
        s += static_cast<char>(0xF0 | (r >> 18));
        s += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (r & 0x3F));
      }
      x.val = types::makeString(arena_, s);
      ok = true;
    } else {
      const Constant* out = nullptr;
      int code = 0;
      Operand tmp = x;
      if (types::isNumeric(x.type) == types::isNumeric(Tu) || x.val->kind != Constant::Kind::Unknown) {
        if (representableConst(tmp, Tu, &code, &out)) {
          // float → int conversions must be exact for constants
          x.val = out;
          ok = true;
        } else if (types::isFloat(Tu) && types::isNumeric(x.type)) {
          ok = false;
        }
      }
      (void)v;
    }
    constConvert = ok;
  } else if (constArg && !types::isConstType(T)) {
    ok = types::convertibleType(x.type, T);
    if (x.mode == Mode::Constant && types::isUntyped(x.type) && ok) {
      // e.g. []byte("abc"): the constant first takes its default type
      convertUntyped(x, types::defaultType(x.type));
    }
  } else if (x.mode == Mode::NilValue) {
    ok = types::hasNil(T);
  } else {
    ok = types::convertibleType(x.type, T);
  }
  if (!ok) {
    error(x.expr ? x.expr->start : e->start, "cannot convert " + opString(x) + " to type " + types::typeString(T));
    x.mode = Mode::Invalid;
    return;
  }
  if (!constConvert) {
    if (types::isUntyped(x.type)) {
      const Type* final = T;
      if (types::isInterface(T) || (constArg && !types::isConstType(T))) final = types::defaultType(x.type);
      updateExprType(x.expr, final, true);
    }
    x.mode = Mode::Value;
    x.val = nullptr;
  } else {
    x.mode = Mode::Constant;
    if (x.expr) updateExprType(x.expr, types::isUntyped(x.type) ? T : x.type, true);
  }
  x.type = T;
}

// ========================================== builtins ==============================================

void Checker::builtin(Operand& x, CallExpr* e, types::Builtin id) {
  using types::Builtin;
  static const struct {
    const char* name;
    int nargs;
    bool variadic;
  } kInfo[] = {
      {"", 0, false},          {"append", 1, true},   {"cap", 1, false},     {"close", 1, false},
      {"complex", 2, false},   {"copy", 2, false},    {"delete", 2, false},  {"imag", 1, false},
      {"len", 1, false},       {"make", 1, true},     {"new", 1, false},     {"panic", 1, false},
      {"print", 0, true},      {"println", 0, true},  {"real", 1, false},    {"recover", 0, false},
      {"unsafe.Alignof", 1, false}, {"unsafe.Offsetof", 1, false}, {"unsafe.Sizeof", 1, false},
  };
  const auto& info = kInfo[static_cast<int>(id)];
  std::string bname = info.name;
  if (e->hasDots && id != Builtin::Append) {
    error(e->start, std::string(kInvalidOp) + "invalid use of ... with built-in " + bname);
    for (Expr* a : e->args) {
      Operand y;
      rawExpr(y, a, nullptr, false);
    }
    x.mode = Mode::Invalid;
    return;
  }
  int nargs = static_cast<int>(e->args.size);
  // argument count
  if (nargs < info.nargs || (!info.variadic && nargs > info.nargs)) {
    std::string msg = nargs < info.nargs ? "not enough" : "too many";
    error(e->start, std::string(kInvalidOp) + msg + " arguments for " + exprString(e) + " (expected " +
                        std::to_string(info.nargs) + ", found " + std::to_string(nargs) + ")");
    for (Expr* a : e->args) {
      Operand y;
      rawExpr(y, a, nullptr, false);
    }
    x.mode = Mode::Invalid;
    return;
  }
  const Type* tInt = types::basicType(Kind::Int);
  auto evalArg = [&](Operand& y, int i) {
    expr(y, e->args[static_cast<uint32_t>(i)]);
    if (y.mode == Mode::CommaOk) y.mode = Mode::Value;
  };
  switch (id) {
    case Builtin::Len:
    case Builtin::Cap: {
      evalArg(x, 0);
      if (x.mode == Mode::Invalid) return;
      const Type* u = types::under(x.type);
      if (u->kind == Kind::Pointer && types::under(u->elem)->kind == Kind::Array) u = types::under(u->elem);
      bool ok = false;
      const Constant* val = nullptr;
      switch (u->kind) {
        case Kind::String:
        case Kind::UntypedString:
          if (id == Builtin::Len) {
            ok = true;
            if (x.mode == Mode::Constant) val = types::makeInt64(arena_, static_cast<int64_t>(x.val->s.size()));
          }
          break;
        case Kind::Array: {
          ok = true;
          // constant unless the expression contains calls or receives
          bool hasCall = false;
          std::function<void(Node*)> walk = [&](Node* n) {
            if (n == nullptr || hasCall) return;
            if (n->kind == NodeKind::CallExpr) {
              hasCall = true;
              return;
            }
            if (auto* op = n->as<Operation>(); op && op->op == Op::Recv && op->isUnary()) {
              hasCall = true;
              return;
            }
            if (n->kind == NodeKind::FuncLit) return;
            forEachChild(n, [&](Node* c) { walk(c); });
          };
          walk(e->args[0]);
          if (!hasCall) val = types::makeInt64(arena_, u->len);
          break;
        }
        case Kind::Slice:
        case Kind::Chan: ok = true; break;
        default: break;
      }
      if (!ok) {
        error(x.expr->start, std::string(kInvalidArg) + opString(x) + " for " + bname);
        x.mode = Mode::Invalid;
        return;
      }
      if (types::isUntyped(x.type)) updateExprType(x.expr, types::basicType(Kind::String), true);
      x.mode = val ? Mode::Constant : Mode::Value;
      x.val = val;
      x.type = tInt;
      return;
    }
    case Builtin::Append: {
      evalArg(x, 0);
      if (x.mode == Mode::Invalid) {
        for (int i = 1; i < nargs; ++i) {
          Operand y;
          rawExpr(y, e->args[static_cast<uint32_t>(i)], nullptr, false);
        }
        return;
      }
      const Type* S = x.type;
      const Type* u = types::under(S);
      if (u->kind != Kind::Slice) {
        std::string cause = x.mode == Mode::NilValue ? "have untyped nil" : "have " + opString(x);
        error(x.expr->start, "first argument to append must be a slice; " + cause);
        for (int i = 1; i < nargs; ++i) {
          Operand y;
          rawExpr(y, e->args[static_cast<uint32_t>(i)], nullptr, false);
        }
        x.mode = Mode::Invalid;
        return;
      }
      const Type* T = u->elem;
      if (nargs == 2 && e->hasDots && types::under(T)->kind == Kind::Uint8) {
        Operand y;
        evalArg(y, 1);
        if (y.mode == Mode::Invalid) {
          x.mode = Mode::Invalid;
          return;
        }
        if (types::isString(y.type)) {
          if (types::isUntyped(y.type)) updateExprType(y.expr, types::basicType(Kind::String), true);
          x.mode = Mode::Value;
          x.type = S;
          return;
        }
        if (!types::assignableType(y.type, types::newSlice(arena_, T)))
          assignment(y, S, "argument to append");
        x.mode = Mode::Value;
        x.type = S;
        return;
      }
      for (int i = 1; i < nargs; ++i) {
        Operand y;
        bool last = i == nargs - 1 && e->hasDots;
        rawExpr(y, e->args[static_cast<uint32_t>(i)], last ? S : T, false);
        singleValue(y);
        if (y.mode == Mode::Invalid) continue;
        if (y.mode == Mode::NoValue || y.mode == Mode::TypeExpr) {
          error(y.expr->start, opString(y) + (y.mode == Mode::NoValue ? " used as value" : " is not an expression"));
          continue;
        }
        if (y.mode == Mode::CommaOk) y.mode = Mode::Value;
        assignment(y, last ? S : T, "argument to append");
      }
      if (e->hasDots && nargs == 1) error(e->start, "can only use ... with final argument in list");
      x.mode = Mode::Value;
      x.type = S;
      x.val = nullptr;
      return;
    }
    case Builtin::Copy: {
      Operand y;
      evalArg(x, 0);
      evalArg(y, 1);
      if (x.mode == Mode::Invalid || y.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
      const Type* dst = types::under(x.type);
      const Type* src = types::under(y.type);
      if (src && types::isString(src) && dst->kind == Kind::Slice && types::under(dst->elem)->kind == Kind::Uint8) {
        if (types::isUntyped(y.type)) updateExprType(y.expr, types::basicType(Kind::String), true);
      } else if (dst->kind != Kind::Slice || src->kind != Kind::Slice) {
        error(x.expr->start, std::string(kInvalidArg) + "copy expects slice arguments; found " + opString(x) + " and " +
                                 opString(y));
        x.mode = Mode::Invalid;
        return;
      } else if (!types::identical(dst->elem, src->elem)) {
        error(x.expr->start, std::string(kInvalidArg) + "arguments to copy " + opString(x) + " and " + opString(y) +
                                 " have different element types " + types::typeString(dst->elem) + " and " +
                                 types::typeString(src->elem));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::Value;
      x.type = tInt;
      return;
    }
    case Builtin::Close: {
      evalArg(x, 0);
      if (x.mode == Mode::Invalid) return;
      const Type* u = types::under(x.type);
      if (u->kind != Kind::Chan) {
        error(x.expr->start, std::string(kInvalidOp) + "cannot close non-channel " + opString(x));
        x.mode = Mode::Invalid;
        return;
      }
      if (u->dir == ChanDir::RecvOnly) {
        error(x.expr->start, std::string(kInvalidOp) + "cannot close receive-only channel " + opString(x));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::NoValue;
      x.type = types::emptyTuple();
      return;
    }
    case Builtin::Make: {
      Expr* arg0 = e->args[0];
      const Type* T = typExpr(arg0);
      if (T->kind == Kind::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
      int min = 1;
      switch (types::under(T)->kind) {
        case Kind::Slice: min = 2; break;
        case Kind::Chan: min = 1; break;
        default:
          error(arg0->start, std::string(kInvalidArg) + "cannot make " + exprString(arg0) +
                                 "; type must be slice, map, or channel");
          x.mode = Mode::Invalid;
          return;
      }
      if (nargs < min || min + 1 < nargs) {
        error(e->start, std::string(kInvalidOp) + exprString(e) + " expects " + std::to_string(min) + " or " +
                            std::to_string(min + 1) + " arguments; found " + std::to_string(nargs));
        x.mode = Mode::Invalid;
        return;
      }
      std::vector<int64_t> sizes;
      for (int i = 1; i < nargs; ++i) {
        int64_t v = -1;
        Operand y;
        expr(y, e->args[static_cast<uint32_t>(i)]);
        if (y.mode == Mode::Invalid) continue;
        convertUntyped(y, tInt);
        if (y.mode == Mode::Invalid) continue;
        if (!types::isInteger(y.type)) {
          error(y.expr->start, std::string(kInvalidArg) + "index " + opString(y) + " must be integer");
          continue;
        }
        if (y.mode == Mode::Constant) {
          int sign = 0;
          types::constantSign(y.val, sign);
          if (sign < 0) {
            error(y.expr->start, std::string(kInvalidArg) + "index " + opString(y) + " must not be negative");
            continue;
          }
          types::BigInt bv;
          if (types::constantToInt(y.val, bv) && bv.fitsI64()) v = bv.toI64();
        }
        if (v >= 0) sizes.push_back(v);
      }
      if (sizes.size() == 2 && sizes[0] > sizes[1])
        error(e->args[1]->start, std::string(kInvalidArg) + "length and capacity swapped");
      x.mode = Mode::Value;
      x.type = T;
      return;
    }
    case Builtin::New: {
      const Type* T = typExpr(e->args[0]);
      if (T->kind == Kind::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::Value;
      x.type = types::newPointer(arena_, T);
      return;
    }
    case Builtin::Panic: {
      evalArg(x, 0);
      if (x.mode == Mode::Invalid) return;
      assignment(x, types::anyType(), "argument to panic");
      if (x.mode == Mode::Invalid) return;
      x.mode = Mode::NoValue;
      x.type = types::emptyTuple();
      return;
    }
    case Builtin::Print:
    case Builtin::Println: {
      for (int i = 0; i < nargs; ++i) {
        Operand y;
        evalArg(y, i);
        if (y.mode == Mode::Invalid) continue;
        assignment(y, nullptr, ("argument to built-in " + bname).c_str());
      }
      x.mode = Mode::NoValue;
      x.type = types::emptyTuple();
      return;
    }
    case Builtin::Sizeof:
    case Builtin::Alignof: {
      evalArg(x, 0);
      if (x.mode == Mode::Invalid) return;
      assignment(x, nullptr, ("argument to " + bname).c_str());
      if (x.mode == Mode::Invalid) return;
      int64_t v = id == Builtin::Sizeof ? opts_.layout->sizeOf(x.type) : opts_.layout->alignOf(x.type);
      x.mode = Mode::Constant;
      x.val = types::makeInt64(arena_, v);
      x.type = types::basicType(Kind::Uintptr);
      return;
    }
    case Builtin::Offsetof: {
      Expr* arg0 = unparen(e->args[0]);
      auto* sel = arg0->as<SelectorExpr>();
      if (sel == nullptr) {
        error(arg0->start, std::string(kInvalidArg) + exprString(arg0) + " is not a selector expression");
        Operand y;
        rawExpr(y, arg0, nullptr, false);
        x.mode = Mode::Invalid;
        return;
      }
      Operand base;
      expr(base, sel->x);
      if (base.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
      std::vector<int> path;
      bool ind = false, ptrNeeded = false;
      Object* f = lookupFieldOrMethod(base.type, false, sel->sel->value, path, &ind, &ptrNeeded);
      if (f == nullptr) {
        error(arg0->start, std::string(kInvalidArg) + exprString(sel->x) + " has no single field " +
                               std::string(sel->sel->value));
        x.mode = Mode::Invalid;
        return;
      }
      if (f->kind == ObjKind::Func) {
        error(arg0->start, std::string(kInvalidArg) + exprString(arg0) + " is a method value");
        x.mode = Mode::Invalid;
        return;
      }
      sel->sel->obj = f;
      sel->type = f->type;
      // sum of the offsets along the embedding path
      int64_t off = 0;
      const Type* t = base.type;
      if (types::under(t)->kind == Kind::Pointer) t = types::under(t)->elem;
      for (int idx : path) {
        const Type* st = types::under(t);
        off += opts_.layout->offsetOf(st, idx);
        t = st->vars[static_cast<uint32_t>(idx)]->type;
      }
      x.mode = Mode::Constant;
      x.val = types::makeInt64(arena_, off);
      x.type = types::basicType(Kind::Uintptr);
      return;
    }
    default:
      // complex, real, imag, recover, delete: rejected by the unsupported pass
      for (Expr* a : e->args) {
        Operand y;
        rawExpr(y, a, nullptr, false);
      }
      error(e->start, std::string(info.name) + " is not supported by gofast");
      x.mode = Mode::Invalid;
      return;
  }
}

}  // namespace gofast::lang
