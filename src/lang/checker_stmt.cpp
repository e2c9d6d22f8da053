// Checker: statements (assignments and short variable declarations, local declarations, if/for/
// range/switch/select, go/defer, return), terminating statements ("missing return") and the
// targets of break/continue (branch errors themselves are the parser's, as in Go).
#include <algorithm>

#include "lang/checker_impl.h"

namespace gofast::lang {

namespace {
const char* kInvalidOp = "invalid operation: ";
}

void Checker::openScope(Node* n) {
  Scope* s = newScope(scope_, func_);
  if (n) {
    if (auto* b = n->as<BlockStmt>()) b->scope = s;
    else if (auto* c = n->as<CaseClause>()) c->scope = s;
    else if (auto* cc = n->as<CommClause>()) cc->scope = s;
  }
  scope_ = s;
}

void Checker::closeScope() { scope_ = scope_->parent; }

void Checker::useExprs(Span<Expr*> list) {
  for (Expr* e : list) {
    if (e == nullptr) continue;
    Operand x;
    rawExpr(x, e, nullptr, false);
  }
}

// Evaluates lhs expressions for side effects of name resolution without marking plain variables used.
void Checker::useLhs(Span<Expr*> lhs) {
  for (Expr* e : lhs) {
    if (e == nullptr) continue;
    Expr* u = unparen(e);
    if (auto* n = u->as<Name>()) {
      if (n->value == "_") continue;
      Object* o = lookup(n->value);
      if (o && o->kind == ObjKind::Var) {
        bool used = o->used;
        Operand x;
        rawExpr(x, e, nullptr, false);
        o->used = used;
        continue;
      }
    }
    Operand x;
    rawExpr(x, e, nullptr, false);
  }
}

void Checker::stmtList(Span<Stmt*> list, int ctx) {
  for (Stmt* s : list) stmt(s, ctx);
}

static bool isPanicCall(Expr* e) {
  auto* call = unparen(e) ? unparen(e)->as<CallExpr>() : nullptr;
  if (call == nullptr) return false;
  auto* n = unparen(call->fun) ? unparen(call->fun)->as<Name>() : nullptr;
  return n && n->obj && n->obj->kind == ObjKind::Builtin && n->obj->builtin == types::Builtin::Panic;
}

void Checker::suspendedCall(const char* keyword, CallExpr* call) {
  Operand x;
  rawExpr(x, call, nullptr, false);
  if (x.mode == Mode::Invalid) return;
  // conversions and expression-like builtins discard their result
  Expr* fun = unparen(call->fun);
  Object* o = nullptr;
  if (auto* n = fun->as<Name>()) o = n->obj;
  else if (auto* s = fun->as<SelectorExpr>()) o = s->sel ? s->sel->obj : nullptr;
  if (o && o->kind == ObjKind::TypeName) {
    error(call->start, std::string(keyword) + " requires function call, not conversion");
    return;
  }
  if (o && o->kind == ObjKind::Builtin) {
    switch (o->builtin) {
      case types::Builtin::Append:
      case types::Builtin::Cap:
      case types::Builtin::Len:
      case types::Builtin::Make:
      case types::Builtin::New:
      case types::Builtin::Sizeof:
      case types::Builtin::Alignof:
      case types::Builtin::Offsetof:
        error(call->start, std::string(keyword) + " discards result of " + opString(x));
        return;
      default: break;
    }
  }
}

void Checker::stmt(Stmt* s, int ctx) {
  if (s == nullptr) return;
  std::string_view label = pendingLabel_;
  pendingLabel_ = {};
  switch (s->kind) {
    case NodeKind::EmptyStmt: break;
    case NodeKind::LabeledStmt: {
      auto* ls = static_cast<LabeledStmt*>(s);
      pendingLabel_ = ls->label ? ls->label->value : std::string_view();
      stmt(ls->stmt, ctx);
      pendingLabel_ = {};
      break;
    }
    case NodeKind::BlockStmt: {
      auto* b = static_cast<BlockStmt*>(s);
      openScope(b);
      stmtList(b->list, ctx);
      closeScope();
      break;
    }
    case NodeKind::ExprStmt: {
      auto* es = static_cast<ExprStmt*>(s);
      Operand x;
      rawExpr(x, es->x, nullptr, false);
      const char* msg = nullptr;
      switch (x.mode) {
        case Mode::Invalid: return;
        case Mode::Builtin: msg = "must be called"; break;
        case Mode::TypeExpr: msg = "is not an expression"; break;
        default: {
          Expr* e = unparen(es->x);
          bool statement = false;
          if (auto* call = e->as<CallExpr>()) {
            Expr* fun = unparen(call->fun);
            Object* o = nullptr;
            if (auto* n = fun->as<Name>()) o = n->obj;
            else if (auto* sel = fun->as<SelectorExpr>()) o = sel->sel ? sel->sel->obj : nullptr;
            statement = true;
            if (o && o->kind == ObjKind::TypeName) statement = false;
            if (o == nullptr && fun->is<Operation>() && static_cast<Operation*>(fun)->op == Op::Mul) {
              // (*T)(x): a conversion when the operand is a type
              if (fun->type && call->type == fun->type) statement = false;
            }
            if (fun->kind == NodeKind::ArrayType || fun->kind == NodeKind::SliceType || fun->kind == NodeKind::ChanType ||
                fun->kind == NodeKind::FuncType || fun->kind == NodeKind::StructType)
              statement = false;
            if (o && o->kind == ObjKind::Builtin) {
              switch (o->builtin) {
                case types::Builtin::Append:
                case types::Builtin::Cap:
                case types::Builtin::Len:
                case types::Builtin::Make:
                case types::Builtin::New:
                case types::Builtin::Sizeof:
                case types::Builtin::Alignof:
                case types::Builtin::Offsetof: statement = false; break;
                default: break;
              }
            }
          } else if (auto* op = e->as<Operation>(); op && op->isUnary() && op->op == Op::Recv) {
            statement = true;
          }
          if (statement) return;
          msg = "is not used";
          if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
          break;
        }
      }
      error(es->x->start, opString(x) + " " + msg);
      break;
    }
    case NodeKind::SendStmt: {
      auto* ss = static_cast<SendStmt*>(s);
      Operand ch, val;
      expr(ch, ss->chan);
      expr(val, ss->value);
      if (ch.mode == Mode::Invalid || val.mode == Mode::Invalid) return;
      const Type* u = types::under(ch.type);
      if (u->kind != Kind::Chan) {
        error(s->start, std::string(kInvalidOp) + "cannot send to non-channel " + opString(ch));
        return;
      }
      if (u->dir == ChanDir::RecvOnly) {
        error(s->start, std::string(kInvalidOp) + "cannot send to receive-only channel " + opString(ch));
        return;
      }
      if (val.mode == Mode::CommaOk) val.mode = Mode::Value;
      assignment(val, u->elem, "send");
      break;
    }
    case NodeKind::AssignStmt: assignStmt(static_cast<AssignStmt*>(s)); break;
    case NodeKind::DeclStmt: declStmt(static_cast<DeclStmt*>(s)); break;
    case NodeKind::BranchStmt: {
      auto* bs = static_cast<BranchStmt*>(s);
      if (bs->tok == Tok::Break || bs->tok == Tok::Continue) {
        for (size_t i = breakables_.size(); i-- > 0;) {
          const Breakable& b = breakables_[i];
          if (bs->label) {
            if (b.label == bs->label->value) {
              bs->target = b.stmt;
              break;
            }
          } else if (bs->tok == Tok::Break || b.loop) {
            bs->target = b.stmt;
            break;
          }
        }
      }
      break;
    }
    case NodeKind::CallStmt: {
      auto* cs = static_cast<CallStmt*>(s);
      if (cs->call) suspendedCall(cs->tok == Tok::Go ? "go" : "defer", cs->call);
      break;
    }
    case NodeKind::ReturnStmt: returnStmt(static_cast<ReturnStmt*>(s)); break;
    case NodeKind::IfStmt: {
      auto* is = static_cast<IfStmt*>(s);
      openScope(nullptr);
      simpleStmt(is->init);
      Operand x;
      if (is->cond) {
        expr(x, is->cond);
        if (x.mode != Mode::Invalid && !types::isBoolean(x.type))
          error(is->cond->start, "non-boolean condition in if statement");
      }
      stmt(is->then, ctx);
      if (is->elseStmt) stmt(is->elseStmt, ctx);
      closeScope();
      break;
    }
    case NodeKind::ForStmt: {
      pendingLabel_ = label;
      forStmt(static_cast<ForStmt*>(s), ctx);
      break;
    }
    case NodeKind::SwitchStmt: {
      pendingLabel_ = label;
      switchStmt(static_cast<SwitchStmt*>(s), ctx);
      break;
    }
    case NodeKind::SelectStmt: {
      pendingLabel_ = label;
      selectStmt(static_cast<SelectStmt*>(s), ctx);
      break;
    }
    default: break;
  }
}

void Checker::simpleStmt(Stmt* s) {
  if (s != nullptr) stmt(s, 0);
}

// ======================================== assignments =============================================

void Checker::assignStmt(AssignStmt* s) {
  if (s->isIncDec()) {
    if (s->lhs.size != 1) return;
    Operand x;
    expr(x, s->lhs[0]);
    if (x.mode == Mode::Invalid) return;
    if (!types::isNumeric(x.type)) {
      std::string op = std::string(lang::opString(s->op));
      error(s->lhs[0]->start, std::string(kInvalidOp) + exprString(s->lhs[0]) + op + op + " (non-numeric type " +
                                  types::typeString(x.type) + ")");
      return;
    }
    Operand one;
    one.mode = Mode::Constant;
    one.type = types::basicType(Kind::UntypedInt);
    one.val = types::makeInt64(arena_, 1);
    x.mode = Mode::Value;
    assignVar(s->lhs[0], x);
    return;
  }
  if (s->op == Op::Def) {
    shortVarDecl(s, s->lhs, s->rhs, s->pos);
    return;
  }
  if (s->op == Op::None) {
    assignVars(s->lhs, s->rhs);
    return;
  }
  // op=
  if (s->lhs.size != 1 || s->rhs.size != 1) {
    error(s->pos, "assignment operation " + std::string(lang::opString(s->op)) + "= requires single-valued expressions");
    return;
  }
  Operand x;
  binary(x, nullptr, s->lhs[0], s->rhs[0], s->op, s->pos);
  assignVar(s->lhs[0], x);
}

void Checker::assignError(Span<Expr*> rhs, int nvars, int nvals) {
  auto measure = [](int n, const char* unit) {
    return std::to_string(n) + " " + unit + (n != 1 ? "s" : "");
  };
  std::string vars = measure(nvars, "variable"), vals = measure(nvals, "value");
  Expr* rhs0 = rhs[0];
  if (rhs.size == 1) {
    if (auto* call = unparen(rhs0)->as<CallExpr>()) {
      error(rhs0->start, "assignment mismatch: " + vars + " but " + exprString(call->fun) + " returns " + vals);
      return;
    }
  }
  error(rhs0->start, "assignment mismatch: " + vars + " but " + vals);
}

const Type* Checker::assignVar(Expr* lhs, Operand& x) {
  if (x.mode == Mode::Invalid || (x.type && x.type->kind == Kind::Invalid)) {
    Expr* one[1] = {lhs};
    useLhs(Span<Expr*>{one, 1});
    return nullptr;
  }
  auto* ident = unparen(lhs) ? unparen(lhs)->as<Name>() : nullptr;
  if (ident && ident->value == "_") {
    ident->obj = nullptr;
    assignment(x, nullptr, "assignment to _ identifier");
    return x.mode == Mode::Invalid ? nullptr : x.type;
  }
  Object* v = nullptr;
  bool vUsed = false;
  if (ident) {
    Object* o = lookup(ident->value);
    if (o && o->kind == ObjKind::Var && o->pkg == types::PkgId::Main) {
      v = o;
      vUsed = o->used;
    }
  }
  Operand z;
  expr(z, lhs);
  if (v) v->used = vUsed;
  if (z.mode == Mode::Invalid || z.type->kind == Kind::Invalid) return nullptr;
  switch (z.mode) {
    case Mode::Variable: break;
    case Mode::NilValue: error(z.expr->start, "cannot assign to nil"); return nullptr;
    default:
      error(z.expr->start, "cannot assign to " + opString(z));
      return nullptr;
  }
  assignment(x, z.type, "assignment");
  return x.mode == Mode::Invalid ? nullptr : x.type;
}

void Checker::assignVars(Span<Expr*> lhs, Span<Expr*> rhs) {
  bool commaOk = false;
  std::vector<Operand> xs = exprList(rhs, lhs.size == 2, &commaOk);
  if (lhs.size != xs.size()) {
    useLhs(lhs);
    for (Operand& x : xs)
      if (x.mode == Mode::Invalid) return;
    assignError(rhs, static_cast<int>(lhs.size), static_cast<int>(xs.size()));
    return;
  }
  for (uint32_t i = 0; i < lhs.size; ++i) assignVar(lhs[i], xs[i]);
}

void Checker::initVar(Object* lhs, Operand& x, const char* context) {
  if (x.mode == Mode::Invalid || (x.type && x.type->kind == Kind::Invalid) ||
      (lhs->type && lhs->type->kind == Kind::Invalid)) {
    if (lhs->type == nullptr) lhs->type = types::invalidType();
    lhs->used = true;
    return;
  }
  if (lhs->type == nullptr) {
    const Type* t = x.type;
    if (types::isUntyped(t)) {
      if (t->kind == Kind::UntypedNil || x.mode == Mode::NilValue) {
        error(x.expr ? x.expr->start : lhs->pos, std::string("use of untyped nil in ") + context);
        lhs->type = types::invalidType();
        lhs->used = true;
        return;
      }
      t = types::defaultType(t);
    }
    lhs->type = t;
  }
  assignment(x, lhs->type, context);
  if (x.mode == Mode::Invalid) lhs->used = true;
}

void Checker::initVars(std::vector<Object*>& lhs, Span<Expr*> rhs, ReturnStmt* ret, Pos) {
  bool commaOk = false;
  std::vector<Operand> xs = exprList(rhs, lhs.size() == 2 && ret == nullptr, &commaOk);
  if (lhs.size() != xs.size()) {
    for (Object* o : lhs) {
      o->used = true;
      if (o->type == nullptr) o->type = types::invalidType();
    }
    for (Operand& x : xs)
      if (x.mode == Mode::Invalid) return;
    if (ret != nullptr) {
      Pos at = ret->start;
      std::string q = "not enough";
      if (xs.size() > lhs.size()) {
        at = xs[lhs.size()].expr->start;
        q = "too many";
      } else if (!xs.empty()) {
        at = xs.back().expr->start;
      }
      std::vector<const Type*> have, want;
      for (Operand& x : xs) have.push_back(x.type);
      for (Object* o : lhs) want.push_back(o->type);
      error(at, q + " return values\n\thave " + typesSummary(have, false) + "\n\twant " + typesSummary(want, false));
      return;
    }
    assignError(rhs, static_cast<int>(lhs.size()), static_cast<int>(xs.size()));
    return;
  }
  const char* context = ret ? "return statement" : "assignment";
  bool ok = true;
  for (size_t i = 0; i < lhs.size(); ++i) {
    initVar(lhs[i], xs[i], context);
    if (xs[i].mode == Mode::Invalid) ok = false;
  }
  if (!ok)
    for (Object* o : lhs) o->used = true;
}

void Checker::shortVarDecl(AssignStmt*, Span<Expr*> lhs, Span<Expr*> rhs, Pos pos) {
  std::vector<Object*> lhsVars(lhs.size, nullptr);
  std::vector<Object*> newVars;
  std::vector<Name*> newNames;
  bool hasErr = false;
  std::vector<std::string_view> seen;
  for (uint32_t i = 0; i < lhs.size; ++i) {
    auto* ident = lhs[i]->as<Name>();
    if (ident == nullptr) {
      Expr* one[1] = {lhs[i]};
      useLhs(Span<Expr*>{one, 1});
      error(lhs[i]->start, "non-name " + exprString(lhs[i]) + " on left side of :=");
      hasErr = true;
      continue;
    }
    std::string_view name = ident->value;
    if (name != "_") {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
        error(lhs[i]->start, exprString(lhs[i]) + " repeated on left side of :=");
        hasErr = true;
        continue;
      }
      seen.push_back(name);
    }
    if (Object* alt = scope_->lookupLocal(name)) {
      ident->obj = alt;
      if (alt->kind == ObjKind::Var) {
        lhsVars[i] = alt;
      } else {
        error(lhs[i]->start, "cannot assign to " + exprString(lhs[i]));
        hasErr = true;
      }
      continue;
    }
    Object* obj = newObject(ObjKind::Var, name, ident->pos, nullptr);
    obj->owner = func_;
    obj->decl = ident;
    ident->obj = obj;
    lhsVars[i] = obj;
    if (name != "_") {
      newVars.push_back(obj);
      newNames.push_back(ident);
    }
  }
  for (uint32_t i = 0; i < lhs.size; ++i)
    if (lhsVars[i] == nullptr) {
      lhsVars[i] = newObject(ObjKind::Var, "_", lhs[i]->start, nullptr);
      lhsVars[i]->owner = func_;
    }
  // pre-existing variables are assigned, not used
  std::vector<std::pair<Object*, bool>> savedUsed;
  for (Object* o : lhsVars) savedUsed.push_back({o, o->used});
  initVars(lhsVars, rhs, nullptr, {});
  for (auto& [o, used] : savedUsed)
    if (std::find(newVars.begin(), newVars.end(), o) == newVars.end() && o->name != "_") o->used = used || o->used;
  for (uint32_t i = 0; i < lhs.size; ++i)
    if (auto* ident = lhs[i]->as<Name>(); ident && lhsVars[i]->type) ident->type = lhsVars[i]->type;
  if (newVars.empty() && !hasErr) {
    error(pos, "no new variables on left side of :=");
    return;
  }
  for (size_t i = 0; i < newVars.size(); ++i) {
    if (declare(scope_, newVars[i], newNames[i]) && locals_) locals_->push_back(newVars[i]);
  }
}

// ====================================== declarations ==============================================

void Checker::arity(Span<Name*> names, Span<Expr*> inits, bool constDecl) {
  uint32_t l = names.size, r = inits.size;
  if (l < r) {
    Expr* n = inits[l];
    error(n->start, "extra init expr " + exprStr(n));
  } else if (l > r && (constDecl || r != 1)) {
    Name* n = names[r];
    error(n->start, "missing init expr for " + std::string(n->value));
  }
}

void Checker::declStmt(DeclStmt* s) {
  const DeclGroup* lastGroup = nullptr;
  ConstDecl* lastValues = nullptr;
  for (Decl* d : s->decls) {
    switch (d->kind) {
      case NodeKind::ConstDecl: {
        auto* cd = static_cast<ConstDecl*>(d);
        if (cd->group == nullptr || cd->group != lastGroup) lastValues = nullptr;
        lastGroup = cd->group;
        ConstDecl* src = cd;
        if (cd->values.empty() && cd->constType == nullptr) src = lastValues;
        else lastValues = cd;
        std::vector<Object*> objs;
        for (uint32_t i = 0; i < cd->names.size; ++i) {
          Name* n = cd->names[i];
          Object* o = newObject(ObjKind::Const, n->value, n->pos, nullptr);
          DeclInfo di;
          di.obj = o;
          di.decl = cd;
          di.iota = cd->iota;
          if (src) {
            di.typ = src->constType;
            if (i < src->values.size) di.init = src->values[i];
            if (src != cd) di.inheritFrom = src;
          }
          const Constant* savedIota = iota_;
          Pos savedErr = errpos_;
          constDecl(o, di);
          iota_ = savedIota;
          errpos_ = savedErr;
          objs.push_back(o);
        }
        if (src == cd) arity(cd->names, cd->values, true);
        for (uint32_t i = 0; i < cd->names.size; ++i) declare(scope_, objs[i], cd->names[i]);
        break;
      }
      case NodeKind::VarDecl: {
        auto* vd = static_cast<VarDecl*>(d);
        lastGroup = vd->group;
        std::vector<Object*> objs;
        for (Name* n : vd->names) {
          Object* o = newObject(ObjKind::Var, n->value, n->pos, nullptr);
          o->owner = func_;
          o->decl = vd;
          n->obj = o;
          objs.push_back(o);
        }
        const Type* t = vd->varType ? typExpr(vd->varType) : nullptr;
        for (Object* o : objs) o->type = t;
        if (vd->values.empty()) {
          if (t == nullptr)
            for (Object* o : objs) o->type = types::invalidType();
        } else if (vd->values.size == vd->names.size) {
          for (size_t i = 0; i < objs.size(); ++i) {
            Operand x;
            rawExpr(x, vd->values[static_cast<uint32_t>(i)], t, false);
            if (x.mode == Mode::NoValue || x.mode == Mode::TypeExpr || x.mode == Mode::Builtin) {
              error(vd->values[static_cast<uint32_t>(i)]->start,
                    opString(x) + (x.mode == Mode::NoValue ? " used as value" : " is not an expression"));
              x.mode = Mode::Invalid;
            }
            singleValue(x);
            if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
            initVar(objs[i], x, "variable declaration");
          }
        } else if (vd->values.size == 1) {
          initVars(objs, vd->values, nullptr, {});
        } else {
          for (size_t i = 0; i < objs.size(); ++i) {
            if (i >= vd->values.size) {
              if (objs[i]->type == nullptr) objs[i]->type = types::invalidType();
              continue;
            }
            Operand x;
            rawExpr(x, vd->values[static_cast<uint32_t>(i)], t, false);
            singleValue(x);
            if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
            initVar(objs[i], x, "variable declaration");
          }
          arity(vd->names, vd->values, false);
        }
        for (size_t i = 0; i < objs.size(); ++i) {
          if (objs[i]->type == nullptr) objs[i]->type = types::invalidType();
          if (declare(scope_, objs[i], vd->names[static_cast<uint32_t>(i)]) && locals_) locals_->push_back(objs[i]);
        }
        break;
      }
      case NodeKind::TypeDecl: {
        auto* td = static_cast<TypeDecl*>(d);
        lastGroup = td->group;
        Object* o = newObject(ObjKind::TypeName, td->name->value, td->name->pos, nullptr);
        o->decl = td;
        o->isAlias = td->alias;
        if (td->alias) {
          o->type = typExpr(td->declType);
          declare(scope_, o, td->name);
        } else {
          Type* t = types::newType(arena_, Kind::Named);
          t->obj = o;
          o->type = t;
          declare(scope_, o, td->name);
          const Type* rhs = typExpr(td->declType);
          t->underlying = types::under(rhs);
          validType(o);
        }
        break;
      }
      default: break;
    }
  }
}

// ====================================== control flow ==============================================

void Checker::returnStmt(ReturnStmt* s) {
  Func* f = func_;
  if (f == nullptr) return;
  Span<Object*> res = f->results;
  if (s->results.empty() && res.size > 0 && !res[0]->name.empty()) {
    for (Object* r : res) {
      Object* alt = lookup(r->name);
      if (alt && alt != r) {
        error(s->start, "result parameter " + std::string(r->name) + " not in scope at return\n\t" +
                            declPos(alt->pos) + ": inner declaration of var " + std::string(alt->name) + " " +
                            types::typeString(alt->type));
      }
    }
    return;
  }
  if (s->results.size > 0 || res.size > 0) {
    std::vector<Object*> lhs(res.begin(), res.end());
    initVars(lhs, s->results, s, s->pos);
  }
}

void Checker::forStmt(ForStmt* s, int ctx) {
  std::string_view label = pendingLabel_;
  pendingLabel_ = {};
  openScope(nullptr);
  if (s->range != nullptr) {
    rangeLabel_ = label;
    rangeStmt(s, ctx);
    closeScope();
    return;
  }
  simpleStmt(s->init);
  if (s->cond) {
    Operand x;
    expr(x, s->cond);
    if (x.mode != Mode::Invalid && !types::isBoolean(x.type))
      error(s->cond->start, "non-boolean condition in for statement");
  }
  simpleStmt(s->post);
  breakables_.push_back({s, label, true});
  stmt(s->body, ctx | kBreakOk | kContinueOk);
  breakables_.pop_back();
  closeScope();
}

void Checker::rangeStmt(ForStmt* s, int ctx) {
  RangeClause* rc = s->range;
  Expr* sKey = rc->lhs.size > 0 ? rc->lhs[0] : nullptr;
  Expr* sValue = rc->lhs.size > 1 ? rc->lhs[1] : nullptr;
  Expr* sExtra = rc->lhs.size > 2 ? rc->lhs[2] : nullptr;
  Operand x;
  expr(x, rc->x);
  const Type* key = nullptr;
  const Type* val = nullptr;
  if (x.mode != Mode::Invalid) {
    const Type* u = types::under(x.type);
    std::string cause;
    if (u->kind == Kind::Chan) {
      if (sValue) error(sValue->start, "range over " + opString(x) + " permits only one iteration variable");
      if (u->dir == ChanDir::SendOnly) cause = "receive from send-only channel";
    } else if (sExtra) {
      error(sExtra->start, "range clause permits at most two iteration variables");
    }
    const Type* t = u;
    if (t->kind == Kind::Pointer && types::under(t->elem)->kind == Kind::Array) t = types::under(t->elem);
    switch (t->kind) {
      case Kind::String:
      case Kind::UntypedString:
        key = types::basicType(Kind::Int);
        val = types::runeType();
        if (types::isUntyped(x.type)) updateExprType(rc->x, types::basicType(Kind::String), true);
        break;
      case Kind::Array:
      case Kind::Slice:
        key = types::basicType(Kind::Int);
        val = t->elem;
        break;
      case Kind::Chan:
        key = t->elem;
        val = types::invalidType();
        break;
      default: break;
    }
    if (key == nullptr || !cause.empty()) {
      if (cause.empty()) error(x.expr->start, "cannot range over " + opString(x));
      else error(x.expr->start, "cannot range over " + opString(x) + " (" + cause + ")");
    }
  }
  Expr* lhs[2] = {sKey, sValue};
  const Type* rhs[2] = {key, val};
  if (rc->def) {
    std::vector<Object*> vars;
    std::vector<Name*> names;
    for (int i = 0; i < 2; ++i) {
      if (lhs[i] == nullptr) continue;
      Object* obj;
      auto* ident = lhs[i]->as<Name>();
      if (ident) {
        obj = newObject(ObjKind::Var, ident->value, ident->pos, nullptr);
        obj->owner = func_;
        obj->decl = rc;
        ident->obj = obj;
        if (ident->value != "_") {
          vars.push_back(obj);
          names.push_back(ident);
        }
      } else {
        error(lhs[i]->start, "non-name " + exprString(lhs[i]) + " on left side of :=");
        obj = newObject(ObjKind::Var, "_", lhs[i]->start, nullptr);
      }
      if (rhs[i] != nullptr) {
        Operand y;
        y.mode = Mode::Value;
        y.expr = lhs[i];
        y.type = rhs[i];
        initVar(obj, y, "range clause");
        lhs[i]->type = obj->type;
      } else {
        obj->type = types::invalidType();
        obj->used = true;
      }
    }
    if (!vars.empty()) {
      for (size_t i = 0; i < vars.size(); ++i) {
        if (declare(scope_, vars[i], names[i]) && locals_) locals_->push_back(vars[i]);
      }
    } else {
      error(rc->pos, "no new variables on left side of :=");
    }
  } else {
    for (int i = 0; i < 2; ++i) {
      if (lhs[i] == nullptr) continue;
      if (rhs[i] != nullptr) {
        Operand y;
        y.mode = Mode::Value;
        y.expr = lhs[i];
        y.type = rhs[i];
        assignVar(lhs[i], y);
      }
    }
  }
  breakables_.push_back({s, rangeLabel_, true});
  rangeLabel_ = {};
  stmt(s->body, ctx | kBreakOk | kContinueOk);
  breakables_.pop_back();
}

void Checker::switchStmt(SwitchStmt* s, int ctx) {
  std::string_view label = pendingLabel_;
  pendingLabel_ = {};
  openScope(nullptr);
  simpleStmt(s->init);
  Operand x;
  Name* trueName = nullptr;
  if (s->tag) {
    expr(x, s->tag);
    assignment(x, nullptr, "switch expression");
    if (x.mode != Mode::Invalid && !types::comparable(x.type) && !types::hasNil(x.type)) {
      error(x.expr->start, "cannot switch on " + opString(x) + " (" + types::typeString(x.type) + " is not comparable)");
      x.mode = Mode::Invalid;
    }
  } else {
    x.mode = Mode::Constant;
    x.type = types::basicType(Kind::Bool);
    x.val = types::makeBool(arena_, true);
    trueName = arena_.make<Name>();
    trueName->value = "true";
    trueName->pos = trueName->start = s->body.empty() ? s->rbrace : s->body[0]->pos;
    x.expr = trueName;
  }
  // duplicate defaults
  CaseClause* firstDefault = nullptr;
  for (CaseClause* cc : s->body) {
    if (!cc->isDefault) continue;
    if (firstDefault) error(cc->pos, "multiple defaults in switch (first at " + declPos(firstDefault->pos) + ")");
    else firstDefault = cc;
  }
  struct Seen {
    Constant::Kind kind;
    std::string val;
    const Type* type;
    Pos pos;
  };
  std::vector<Seen> seen;
  breakables_.push_back({s, label, false});
  for (uint32_t i = 0; i < s->body.size; ++i) {
    CaseClause* cc = s->body[i];
    for (Expr* e : cc->cases) {
      Operand v;
      expr(v, e);
      if (x.mode == Mode::Invalid || v.mode == Mode::Invalid) continue;
      convertUntyped(v, x.type);
      if (v.mode == Mode::Invalid) continue;
      Operand res = v;
      Operand xx = x;
      comparison(res, xx, Op::Eql, nullptr);
      if (res.mode == Mode::Invalid) continue;
      if (v.mode != Mode::Constant || v.val == nullptr || v.val->kind == Constant::Kind::Unknown) continue;
      std::string key = types::constantString(v.val);
      bool dup = false;
      for (const Seen& sv : seen) {
        if (sv.kind == v.val->kind && sv.val == key && types::identical(v.type, sv.type)) {
          error(v.expr->start, "duplicate case " + opString(v) + " in expression switch\n\t" + declPos(sv.pos) +
                                   ": previous case");
          dup = true;
          break;
        }
      }
      if (!dup) seen.push_back({v.val->kind, key, v.type, e->pos});
    }
    openScope(cc);
    int inner = ctx | kBreakOk;
    if (i + 1 < s->body.size) inner |= kFallthroughOk;
    else inner |= kFinalSwitchCase;
    stmtList(cc->body, inner);
    closeScope();
  }
  breakables_.pop_back();
  closeScope();
}

void Checker::selectStmt(SelectStmt* s, int ctx) {
  std::string_view label = pendingLabel_;
  pendingLabel_ = {};
  CommClause* firstDefault = nullptr;
  for (CommClause* cc : s->body) {
    if (cc->comm != nullptr) continue;
    if (firstDefault) error(cc->pos, "multiple defaults in select (first at " + declPos(firstDefault->pos) + ")");
    else firstDefault = cc;
  }
  breakables_.push_back({s, label, false});
  for (CommClause* cc : s->body) {
    bool valid = false;
    Expr* rhs = nullptr;
    Stmt* comm = cc->comm;
    if (comm == nullptr || comm->is<SendStmt>()) {
      valid = true;
    } else if (auto* as = comm->as<AssignStmt>()) {
      if (as->rhs.size == 1 && as->rhs[0]->is<Operation>()) rhs = as->rhs[0];
    } else if (auto* es = comm->as<ExprStmt>()) {
      rhs = es->x;
    }
    if (rhs) {
      auto* op = unparen(rhs)->as<Operation>();
      if (op && op->isUnary() && op->op == Op::Recv) valid = true;
    }
    if (!valid) {
      error(comm->start, "select case must be receive, send or assign recv");
      continue;
    }
    openScope(cc);
    if (comm) stmt(comm, ctx | kBreakOk);
    stmtList(cc->body, ctx | kBreakOk);
    closeScope();
  }
  breakables_.pop_back();
}

// =================================== terminating statements =======================================

bool Checker::isTerminating(Stmt* s, std::string_view label) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case NodeKind::LabeledStmt: {
      auto* ls = static_cast<LabeledStmt*>(s);
      return isTerminating(ls->stmt, ls->label ? ls->label->value : std::string_view());
    }
    case NodeKind::ExprStmt: return isPanicCall(static_cast<ExprStmt*>(s)->x);
    case NodeKind::ReturnStmt: return true;
    case NodeKind::BranchStmt: {
      Tok t = static_cast<BranchStmt*>(s)->tok;
      return t == Tok::Goto || t == Tok::Fallthrough;
    }
    case NodeKind::BlockStmt: return isTerminatingList(static_cast<BlockStmt*>(s)->list, "");
    case NodeKind::IfStmt: {
      auto* is = static_cast<IfStmt*>(s);
      return is->elseStmt && isTerminating(is->then, "") && isTerminating(is->elseStmt, "");
    }
    case NodeKind::SwitchStmt: {
      bool hasDefault = false;
      for (CaseClause* cc : static_cast<SwitchStmt*>(s)->body) {
        if (cc->isDefault) hasDefault = true;
        if (!isTerminatingList(cc->body, "") || hasBreakList(cc->body, label, true)) return false;
      }
      return hasDefault;
    }
    case NodeKind::SelectStmt:
      for (CommClause* cc : static_cast<SelectStmt*>(s)->body)
        if (!isTerminatingList(cc->body, "") || hasBreakList(cc->body, label, true)) return false;
      return true;
    case NodeKind::ForStmt: {
      auto* fs = static_cast<ForStmt*>(s);
      if (fs->range) return false;
      return fs->cond == nullptr && !hasBreak(fs->body, label, true);
    }
    default: return false;
  }
}

bool Checker::isTerminatingList(Span<Stmt*> list, std::string_view label) {
  for (uint32_t i = list.size; i-- > 0;)
    if (!list[i]->is<EmptyStmt>()) return isTerminating(list[i], label);
  return false;
}

bool Checker::hasBreak(Stmt* s, std::string_view label, bool implicit) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case NodeKind::LabeledStmt: return hasBreak(static_cast<LabeledStmt*>(s)->stmt, label, implicit);
    case NodeKind::BranchStmt: {
      auto* bs = static_cast<BranchStmt*>(s);
      if (bs->tok == Tok::Break) {
        if (bs->label == nullptr) return implicit;
        if (bs->label->value == label) return true;
      }
      return false;
    }
    case NodeKind::BlockStmt: return hasBreakList(static_cast<BlockStmt*>(s)->list, label, implicit);
    case NodeKind::IfStmt: {
      auto* is = static_cast<IfStmt*>(s);
      return hasBreak(is->then, label, implicit) || (is->elseStmt && hasBreak(is->elseStmt, label, implicit));
    }
    case NodeKind::SwitchStmt:
      if (!label.empty())
        for (CaseClause* cc : static_cast<SwitchStmt*>(s)->body)
          if (hasBreakList(cc->body, label, false)) return true;
      return false;
    case NodeKind::SelectStmt:
      if (!label.empty())
        for (CommClause* cc : static_cast<SelectStmt*>(s)->body)
          if (hasBreakList(cc->body, label, false)) return true;
      return false;
    case NodeKind::ForStmt:
      return !label.empty() && hasBreak(static_cast<ForStmt*>(s)->body, label, false);
    default: return false;
  }
}

bool Checker::hasBreakList(Span<Stmt*> list, std::string_view label, bool implicit) {
  for (Stmt* s : list)
    if (hasBreak(s, label, implicit)) return true;
  return false;
}

}  // namespace gofast::lang
