// Checker: entry point, reporting, the universe, the unsupported-construct pass, package-level
// declarations (collect, resolve in order, cycles, init order), type expressions, function bodies.
#include <algorithm>
#include <cstring>
#include <memory>
#include <set>

#include "lang/checker_impl.h"
#include "lang/lexer.h"

namespace gofast::lang {

using types::PkgId;

Expr* unparen(Expr* e) {
  while (e != nullptr && e->kind == NodeKind::ParenExpr) e = static_cast<ParenExpr*>(e)->x;
  return e;
}

types::Object* objectOf(const Expr* e) {
  if (e == nullptr) return nullptr;
  if (auto* n = e->as<Name>()) return n->obj;
  if (auto* s = e->as<SelectorExpr>()) return s->sel ? s->sel->obj : nullptr;
  if (auto* p = e->as<ParenExpr>()) return objectOf(p->x);
  return nullptr;
}

// ================================== the unsupported-construct pass ================================

namespace {

struct PkgInfo {
  const char* path;
  PkgId id;
};
const PkgInfo kPackages[] = {{"fmt", PkgId::Fmt},
                             {"time", PkgId::Time},
                             {"runtime", PkgId::Runtime},
                             {"sync", PkgId::Sync},
                             {"unsafe", PkgId::Unsafe}};

// Exported members of Go 1.19's packages that gofast does not support (so that a reference gets
// "fmt.Sprintln is not supported by gofast" rather than Go's "undefined: fmt.Sprintln").
const char* const kFmtOther[] = {"Append", "Appendf", "Appendln", "Errorf", "Fprint", "Fprintf", "Fprintln",
                                 "Fscan", "Fscanf", "Fscanln", "Scan", "Scanf", "Scanln", "Sprintln",
                                 "Sscan", "Sscanf", "Sscanln", "Formatter", "GoStringer", "ScanState",
                                 "Scanner", "State", "Stringer", "FormatString", nullptr};
const char* const kTimeOther[] = {
    "ANSIC", "After", "AfterFunc", "April", "August", "Date", "December", "February", "FixedZone", "Friday",
    "Hour", "January", "July", "June", "Kitchen", "Layout", "LoadLocation", "LoadLocationFromTZData",
    "Local", "Location", "March", "May", "Minute", "Monday", "Month", "NewTicker", "NewTimer",
    "November", "Now", "October", "Parse", "ParseDuration", "ParseError", "ParseInLocation", "RFC1123",
    "RFC1123Z", "RFC3339", "RFC3339Nano", "RFC822", "RFC822Z", "RFC850", "RubyDate", "Saturday",
    "September", "Since", "Stamp", "StampMicro", "StampMilli", "StampNano", "Sunday", "Thursday", "Tick",
    "Ticker", "Time", "Timer", "Tuesday", "UTC", "Unix", "UnixDate", "UnixMicro", "UnixMilli", "Until",
    "Wednesday", "Weekday", nullptr};
const char* const kRuntimeOther[] = {
    "BlockProfile", "Breakpoint", "CPUProfile", "Caller", "Callers", "CallersFrames", "Compiler", "Error",
    "Frame", "Frames", "Func", "FuncForPC", "GC", "GOARCH", "GOOS", "GOROOT", "Goexit", "GoroutineProfile",
    "KeepAlive", "LockOSThread", "MemProfile", "MemProfileRate", "MemStats", "MutexProfile",
    "NumCgoCall", "ReadMemStats", "ReadTrace", "SetBlockProfileRate", "SetCPUProfileRate",
    "SetCgoTraceback", "SetFinalizer", "SetMutexProfileFraction", "Stack", "StartTrace", "StopTrace",
    "ThreadCreateProfile", "TypeAssertionError", "UnlockOSThread", "Version", "BlockProfileRecord",
    "MemProfileRecord", "StackRecord", nullptr};
const char* const kSyncOther[] = {"Cond", "Locker", "Map", "NewCond", "Once", "Pool", "RWMutex", nullptr};
const char* const kUnsafeOther[] = {"Pointer", "Add", "Slice", nullptr};

bool inList(const char* const* list, std::string_view s) {
  for (; *list; ++list)
    if (s == *list) return true;
  return false;
}

bool otherMember(PkgId p, std::string_view s) {
  switch (p) {
    case PkgId::Fmt: return inList(kFmtOther, s);
    case PkgId::Time: return inList(kTimeOther, s);
    case PkgId::Runtime: return inList(kRuntimeOther, s);
    case PkgId::Sync: return inList(kSyncOther, s);
    case PkgId::Unsafe: return inList(kUnsafeOther, s);
    default: return false;
  }
}

struct UnsupportedPass {
  File* file;
  Diagnostics& out;
  std::unordered_map<std::string_view, PkgId> pkgNames;
  bool userRecover = false;

  void report(Pos p, std::string msg) { out.push_back({std::string(file->fileName), p, std::move(msg)}); }

  void walk(Node* n) {
    if (n == nullptr) return;
    switch (n->kind) {
      case NodeKind::MapType: report(n->pos, "maps are not supported by gofast"); break;
      case NodeKind::InterfaceType: report(n->pos, "interfaces are not supported by gofast"); return;
      case NodeKind::AssertExpr: report(n->pos, "type assertions are not supported by gofast"); break;
      case NodeKind::BasicLit:
        if (static_cast<BasicLit*>(n)->litKind == LitKind::Imag)
          report(n->pos, "complex numbers are not supported by gofast");
        return;
      case NodeKind::BranchStmt:
        if (static_cast<BranchStmt*>(n)->tok == Tok::Goto) report(n->pos, "goto is not supported by gofast");
        return;
      case NodeKind::SwitchStmt:
        if (auto* s = static_cast<SwitchStmt*>(n); s->tag && s->tag->kind == NodeKind::TypeSwitchGuard)
          report(n->pos, "type switches are not supported by gofast");
        break;
      case NodeKind::TypeDecl: {
        auto* d = static_cast<TypeDecl*>(n);
        if (!d->tparams.empty() && d->name)
          report({d->name->pos.line, d->name->pos.col + static_cast<int32_t>(d->name->value.size())},
                 "generics are not supported by gofast");
        break;
      }
      case NodeKind::FuncDecl: {
        auto* d = static_cast<FuncDecl*>(n);
        if (!d->tparams.empty() && d->name)
          report({d->name->pos.line, d->name->pos.col + static_cast<int32_t>(d->name->value.size())},
                 "generics are not supported by gofast");
        if (d->recv) walk(d->recv);
        walk(d->funcType);
        walk(d->body);
        return;
      }
      case NodeKind::Field: walk(static_cast<Field*>(n)->type); return;
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<SelectorExpr*>(n);
        if (auto* x = s->x ? s->x->as<Name>() : nullptr; x && s->sel) {
          auto it = pkgNames.find(x->value);
          if (it != pkgNames.end() && otherMember(it->second, s->sel->value)) {
            report(x->pos, std::string(types::pkgName(it->second)) + "." + std::string(s->sel->value) +
                               " is not supported by gofast");
            return;
          }
        }
        walk(s->x);
        return;
      }
      case NodeKind::Name: {
        std::string_view v = static_cast<Name*>(n)->value;
        if (v == "recover" && !userRecover) report(n->pos, "recover is not supported by gofast");
        else if (v == "float32") report(n->pos, "float32 is not supported by gofast");
        else if (v == "complex64" || v == "complex128" || v == "complex" || v == "real" || v == "imag")
          report(n->pos, "complex numbers are not supported by gofast");
        return;
      }
      case NodeKind::KeyValueExpr: {
        // struct literal keys are field names, not references
        auto* kv = static_cast<KeyValueExpr*>(n);
        if (!kv->key || kv->key->kind != NodeKind::Name) walk(kv->key);
        walk(kv->value);
        return;
      }
      default: break;
    }
    forEachChild(n, [this](Node* c) { walk(c); });
  }

  void run() {
    for (Decl* d : file->decls) {
      if (auto* fd = d->as<FuncDecl>(); fd && !fd->recv && fd->name && fd->name->value == "recover") userRecover = true;
      auto* imp = d->as<ImportDecl>();
      if (imp == nullptr) continue;
      if (imp->path == nullptr) continue;
      std::string path;
      if (!unquoteString(imp->path->value, path)) continue;
      bool ok = false;
      for (const PkgInfo& p : kPackages) {
        if (path == p.path) {
          ok = true;
          std::string_view local = imp->localName ? imp->localName->value : std::string_view(types::pkgName(p.id));
          pkgNames[local] = p.id;
        }
      }
      if (!ok) report(imp->path->pos, "package \"" + path + "\" is not supported by gofast");
    }
    for (Decl* d : file->decls)
      if (!d->is<ImportDecl>()) walk(d);
  }
};

}  // namespace

// ======================================= entry point ==============================================

CheckResult check(File* file, Arena& arena, const CheckOptions& options) {
  CheckResult res;
  if (file == nullptr) return res;
  UnsupportedPass up{file, res.diags, {}, false};
  up.run();
  if (!res.diags.empty()) {
    res.unsupported = true;
    std::stable_sort(res.diags.begin(), res.diags.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
    return res;
  }
  Checker c(file, arena, options, res);
  c.run();
  return res;
}

Checker::Checker(File* file, Arena& arena, const CheckOptions& opts, CheckResult& res)
    : file_(file), arena_(arena), opts_(opts), res_(res) {
  if (opts_.layout == nullptr) opts_.layout = &defaultLayout();
}

void Checker::run() {
  declareUniverse();
  declarePackages();
  pkg_ = newScope(universe_, nullptr);
  fileScope_ = newScope(pkg_, nullptr);
  res_.universe = universe_;
  res_.pkgScope = pkg_;
  res_.fileScope = fileScope_;
  scope_ = fileScope_;
  collectObjects();
  packageObjects();
  // function bodies, in the order their declarations were resolved
  for (size_t i = 0; i < delayed_.size(); ++i) funcBody(delayed_[i].first, delayed_[i].second);
  initOrder();
  unusedImports();
  // captured variables → arena spans
  for (auto& [f, vars] : captures_) f->captures = arena_.copyArray(vars.data(), vars.size());
}

// ======================================== reporting ===============================================

void Checker::error(Pos pos, std::string msg) {
  // types2: drop likely follow-on errors mentioning invalid operands/types after a first error
  if (firstErr_) {
    size_t a = msg.find("invalid operand"), b = msg.find("invalid type");
    if ((a != std::string::npos && a > 0) || (b != std::string::npos && b > 0)) return;
  }
  if (errpos_.valid()) pos = errpos_;
  firstErr_ = true;
  res_.diags.push_back({std::string(file_->fileName), pos, std::move(msg)});
}

std::string Checker::declPos(Pos p) { return std::string(file_->fileName) + ":" + formatPos(p); }

std::string Checker::opString(const Operand& x) {
  if (x.mode == Mode::NilValue) return "nil";
  std::string expr;
  if (x.expr != nullptr) expr = exprString(x.expr);
  else if (x.mode == Mode::TypeExpr) expr = types::typeString(x.type);
  else if (x.mode == Mode::Constant) expr = types::constantString(x.val);
  std::string s;
  if (!expr.empty()) {
    s += expr;
    s += " (";
  }
  bool hasType = false;
  switch (x.mode) {
    case Mode::Invalid:
    case Mode::NoValue:
    case Mode::Builtin:
    case Mode::TypeExpr: break;
    default:
      if (x.type != nullptr) {
        if (types::isUntyped(x.type)) {
          s += types::under(x.type)->name;
          s += ' ';
          break;
        }
        hasType = true;
      }
  }
  switch (x.mode) {
    case Mode::Invalid: s += "invalid operand"; break;
    case Mode::NoValue: s += "no value"; break;
    case Mode::Builtin: s += "built-in"; break;
    case Mode::TypeExpr: s += "type"; break;
    case Mode::Constant: s += "constant"; break;
    case Mode::Variable: s += "variable"; break;
    case Mode::Value: s += "value"; break;
    case Mode::NilValue: s += "nil"; break;
    case Mode::CommaOk: s += "comma, ok expression"; break;
  }
  if (x.mode == Mode::Constant && x.val) {
    std::string v = types::constantString(x.val);
    if (v != expr) {
      s += ' ';
      s += v;
    }
  }
  if (hasType) {
    if (x.type->kind != Kind::Invalid) {
      s += " of type ";
      types::writeType(s, x.type);
    } else {
      s += " with invalid type";
    }
  }
  if (!expr.empty()) s += ')';
  return s;
}

// ======================================== objects and scopes ======================================

Object* Checker::newObject(ObjKind k, std::string_view name, Pos pos, const Type* t) {
  Object* o = arena_.make<Object>();
  o->kind = k;
  o->name = name;
  o->pos = pos;
  o->type = t;
  return o;
}

Scope* Checker::newScope(Scope* parent, Func* f) {
  Scope* s = arena_.make<Scope>();
  s->parent = parent;
  s->func = f;
  return s;
}

std::string Checker::exprStr(const Node* e) {
  if (auto* cl = e ? e->as<CompositeLit>() : nullptr)
    return (cl->litType ? exprString(cl->litType) : std::string()) + (cl->elems.empty() ? "{}" : "{\xE2\x80\xA6}");
  return exprString(e);
}

bool Checker::declare(Scope* s, Object* obj, Name* id) {
  if (id) id->obj = obj;
  if (obj->name == "_" || obj->name.empty()) return true;
  if (Object* alt = s->insert(arena_, obj)) {
    std::string msg = std::string(obj->name) + " redeclared in this block";
    if (alt->pos.valid()) msg += "\n\t" + declPos(alt->pos) + ": other declaration of " + std::string(obj->name);
    error(obj->pos, msg);
    return false;
  }
  return true;
}

Object* Checker::lookup(std::string_view name) {
  for (Scope* s = scope_; s != nullptr; s = s->parent)
    if (Object* o = s->lookupLocal(name)) return o;
  return nullptr;
}

void Checker::recordUse(Name* n, Object* obj) {
  if (n) n->obj = obj;
  if (decl_ != nullptr && obj->global &&
      (obj->kind == ObjKind::Var || obj->kind == ObjKind::Const || obj->kind == ObjKind::Func)) {
    auto& deps = decl_->deps;
    if (std::find(deps.begin(), deps.end(), obj) == deps.end()) deps.push_back(obj);
  }
}

void Checker::declareUniverse() {
  universe_ = newScope(nullptr, nullptr);
  auto typ = [&](const char* name, const Type* t) {
    Object* o = newObject(ObjKind::TypeName, name, {}, t);
    o->global = true;
    universe_->insert(arena_, o);
  };
  for (int k = static_cast<int>(Kind::Bool); k <= static_cast<int>(Kind::String); ++k)
    typ(types::basicType(static_cast<Kind>(k))->name, types::basicType(static_cast<Kind>(k)));
  typ("byte", types::byteType());
  typ("rune", types::runeType());
  typ("error", types::errorType());
  typ("any", types::anyType());
  auto cst = [&](const char* name, const Type* t, const Constant* v) {
    Object* o = newObject(ObjKind::Const, name, {}, t);
    o->val = v;
    o->global = true;
    universe_->insert(arena_, o);
  };
  cst("true", types::basicType(Kind::UntypedBool), types::makeBool(arena_, true));
  cst("false", types::basicType(Kind::UntypedBool), types::makeBool(arena_, false));
  cst("iota", types::basicType(Kind::UntypedInt), types::makeInt64(arena_, 0));
  universe_->insert(arena_, newObject(ObjKind::Nil, "nil", {}, types::basicType(Kind::UntypedNil)));
  struct B {
    const char* name;
    types::Builtin id;
  };
  static const B kBuiltins[] = {{"append", types::Builtin::Append}, {"cap", types::Builtin::Cap},
                                {"close", types::Builtin::Close},   {"complex", types::Builtin::Complex},
                                {"copy", types::Builtin::Copy},     {"delete", types::Builtin::Delete},
                                {"imag", types::Builtin::Imag},     {"len", types::Builtin::Len},
                                {"make", types::Builtin::Make},     {"new", types::Builtin::New},
                                {"panic", types::Builtin::Panic},   {"print", types::Builtin::Print},
                                {"println", types::Builtin::Println}, {"real", types::Builtin::Real},
                                {"recover", types::Builtin::Recover}};
  for (const B& b : kBuiltins) {
    Object* o = newObject(ObjKind::Builtin, b.name, {}, types::invalidType());
    o->builtin = b.id;
    o->global = true;
    universe_->insert(arena_, o);
  }
}

// ======================================= package level ============================================

void Checker::collectObjects() {
  const DeclGroup* lastGroup = nullptr;
  ConstDecl* lastValues = nullptr;
  uint32_t order = 0;
  auto info = [&](Object* o, Node* d) {
    auto di = std::make_unique<DeclInfo>();
    di->obj = o;
    di->decl = d;
    DeclInfo* p = di.get();
    declInfos_.push_back(std::move(di));
    objMap_[o] = p;
    o->order = ++order;
    o->global = true;
    o->decl = d;
    objList_.push_back(o);
    return p;
  };
  for (Decl* d : file_->decls) {
    switch (d->kind) {
      case NodeKind::ImportDecl: {
        auto* imp = static_cast<ImportDecl*>(d);
        if (imp->path == nullptr) break;
        std::string path;
        if (!unquoteString(imp->path->value, path)) break;
        PkgId id = PkgId::Main;
        for (int p = 1; p < static_cast<int>(PkgId::Count); ++p)
          if (path == types::pkgName(static_cast<PkgId>(p))) id = static_cast<PkgId>(p);
        if (id == PkgId::Main) break;
        std::string_view name = imp->localName ? imp->localName->value : std::string_view(types::pkgName(id));
        if (name == "_" || name == ".") break;
        Object* o = newObject(ObjKind::PkgName, name, imp->pos, types::invalidType());
        o->target = id;
        o->decl = imp;
        imports_.push_back(o);
        declare(fileScope_, o, imp->localName);
        break;
      }
      case NodeKind::ConstDecl: {
        auto* cd = static_cast<ConstDecl*>(d);
        if (cd->group == nullptr || cd->group != lastGroup) lastValues = nullptr;
        lastGroup = cd->group;
        ConstDecl* src = cd;
        if (cd->values.empty() && cd->constType == nullptr) src = lastValues;
        else lastValues = cd;
        for (uint32_t i = 0; i < cd->names.size; ++i) {
          Name* n = cd->names[i];
          Object* o = newObject(ObjKind::Const, n->value, n->pos, nullptr);
          DeclInfo* di = info(o, cd);
          di->iota = cd->iota;
          di->constIndex = static_cast<int>(i);
          if (src != nullptr) {
            di->typ = src->constType;
            if (i < src->values.size) di->init = src->values[i];
            if (src != cd) di->inheritFrom = src;
          }
          declare(pkg_, o, n);
        }
        if (src == cd) arity(cd->names, cd->values, true);
        break;
      }
      case NodeKind::VarDecl: {
        auto* vd = static_cast<VarDecl*>(d);
        lastGroup = vd->group;
        bool multi = vd->values.size == 1 && vd->names.size > 1;
        DeclInfo* shared = nullptr;
        for (uint32_t i = 0; i < vd->names.size; ++i) {
          Name* n = vd->names[i];
          Object* o = newObject(ObjKind::Var, n->value, n->pos, nullptr);
          DeclInfo* di = info(o, vd);
          di->typ = vd->varType;
          if (multi) {
            if (shared == nullptr) shared = di;
            shared->lhsObjs.push_back(o);
            di->multi = vd;
            objMap_[o] = shared;
            if (shared != di) shared->obj = shared->lhsObjs[0];
          } else if (i < vd->values.size) {
            di->init = vd->values[i];
          }
          declare(pkg_, o, n);
        }
        if (shared) shared->multi = vd;
        if (!multi && !vd->values.empty() && vd->values.size != vd->names.size) arity(vd->names, vd->values, false);
        break;
      }
      case NodeKind::TypeDecl: {
        auto* td = static_cast<TypeDecl*>(d);
        lastGroup = td->group;
        Object* o = newObject(ObjKind::TypeName, td->name->value, td->name->pos, nullptr);
        o->isAlias = td->alias;
        if (!td->alias) {
          Type* t = types::newType(arena_, Kind::Named);
          t->obj = o;
          o->type = t;
        }
        info(o, td);
        declare(pkg_, o, td->name);
        break;
      }
      case NodeKind::FuncDecl: {
        auto* fd = static_cast<FuncDecl*>(d);
        lastGroup = nullptr;
        if (fd->name == nullptr) break;
        Object* o = newObject(ObjKind::Func, fd->name->value, fd->name->pos, nullptr);
        if (fd->recv != nullptr) {
          // base type name of the receiver
          Expr* t = unparen(fd->recv->type);
          if (auto* op = t ? t->as<Operation>() : nullptr; op && op->op == Op::Mul && op->isUnary()) t = unparen(op->x);
          std::string_view base = t && t->is<Name>() ? t->as<Name>()->value : std::string_view();
          info(o, fd);
          methodDecls_[base].push_back(fd);
          fd->name->obj = o;
          break;
        }
        info(o, fd);
        if (fd->name->value == "init") {
          fd->name->obj = o;
          break;
        }
        if (fd->name->value == "main") {
          res_.mainFunc = o;
          if (!fd->funcType->params.empty() || !fd->funcType->results.empty())
            error(fd->name->pos, "func main must have no arguments and no return values");
        }
        declare(pkg_, o, fd->name);
        break;
      }
      default: break;
    }
  }
}

void Checker::packageObjects() {
  // non-alias types first, then aliases, then everything else (types2's phases)
  for (Object* o : objList_)
    if (o->kind == ObjKind::TypeName && !o->isAlias) objDecl(o);
  for (Object* o : objList_)
    if (o->kind == ObjKind::TypeName && o->isAlias) objDecl(o);
  // methods whose receiver base type is not a package-level type: still check them
  for (auto& [base, list] : methodDecls_) {
    Object* t = pkg_->lookupLocal(base);
    if (t != nullptr && t->kind == ObjKind::TypeName) continue;
    for (FuncDecl* fd : list) objDecl(fd->name->obj);
  }
  for (Object* o : objList_)
    if (o->kind != ObjKind::TypeName) objDecl(o);
}

void Checker::objDecl(Object* obj) {
  auto it = objMap_.find(obj);
  if (it == objMap_.end()) return;
  DeclInfo* d = it->second;
  if (d->color == 2 && obj->type != nullptr) return;
  if (d->color == 1 || (d->color == 2 && obj->type == nullptr)) {
    // a cycle through this declaration
    if (obj->type == nullptr) obj->type = types::invalidType();
    return;
  }
  d->color = 1;
  // save and reset the context
  Scope* savedScope = scope_;
  Func* savedFunc = func_;
  DeclInfo* savedDecl = decl_;
  const Constant* savedIota = iota_;
  Pos savedErrpos = errpos_;
  auto savedBreakables = std::move(breakables_);
  breakables_.clear();
  scope_ = fileScope_;
  func_ = nullptr;
  decl_ = d;
  iota_ = nullptr;
  errpos_ = {};
  switch (obj->kind) {
    case ObjKind::Const: constDecl(obj, *d); break;
    case ObjKind::Var: varDecl(obj, *d); break;
    case ObjKind::TypeName: typeDecl(obj, *d); break;
    case ObjKind::Func: funcDecl(obj, *d); break;
    default: break;
  }
  d->color = 2;
  scope_ = savedScope;
  func_ = savedFunc;
  decl_ = savedDecl;
  iota_ = savedIota;
  errpos_ = savedErrpos;
  breakables_ = std::move(savedBreakables);
}

void Checker::constDecl(Object* obj, DeclInfo& d) {
  iota_ = types::makeInt64(arena_, d.iota);
  if (d.inheritFrom != nullptr) errpos_ = obj->pos;
  const Type* t = nullptr;
  if (d.typ != nullptr) {
    t = typExpr(d.typ);
    if (t->kind != Kind::Invalid && !types::isConstType(t)) {
      error(d.typ->start, "invalid constant type " + types::typeString(t));
      obj->type = types::invalidType();
      iota_ = nullptr;
      errpos_ = {};
      return;
    }
  }
  Operand x;
  if (d.init != nullptr) expr(x, d.init);  // a missing value is reported by arity()
  if (x.mode == Mode::Invalid || (x.type && x.type->kind == Kind::Invalid)) {
    obj->type = types::invalidType();
  } else if (x.mode != Mode::Constant) {
    error(x.expr ? x.expr->start : obj->pos, opString(x) + " is not constant");
    obj->type = types::invalidType();
  } else {
    if (t != nullptr && t->kind != Kind::Invalid) assignment(x, t, "constant declaration");
    if (x.mode == Mode::Invalid) {
      obj->type = types::invalidType();
    } else {
      obj->type = x.type;
      obj->val = x.val;
    }
  }
  iota_ = nullptr;
  errpos_ = {};
}

void Checker::varDecl(Object* obj, DeclInfo& d) {
  const Type* t = d.typ ? typExpr(d.typ) : nullptr;
  if (d.multi != nullptr) {
    for (Object* o : d.lhsObjs) o->type = t;
    for (Object* o : d.lhsObjs)
      if (auto it = objMap_.find(o); it != objMap_.end()) it->second->color = 1;
    initVars(d.lhsObjs, d.multi->values, nullptr, {});
    for (Object* o : d.lhsObjs) {
      if (o->type == nullptr) o->type = types::invalidType();
      o->used = true;
    }
    return;
  }
  obj->type = t;
  if (d.init == nullptr) {
    if (t == nullptr) obj->type = types::invalidType();
    return;
  }
  Operand x;
  rawExpr(x, d.init, t, false);
  singleValue(x);
  initVar(obj, x, "variable declaration");
  if (obj->type == nullptr) obj->type = types::invalidType();
}

void Checker::typeDecl(Object* obj, DeclInfo& d) {
  auto* td = static_cast<TypeDecl*>(d.decl);
  if (td->alias) {
    obj->type = types::invalidType();  // provisional (cycles)
    obj->type = typExpr(td->declType);
    return;
  }
  Type* named = const_cast<Type*>(obj->type);
  const Type* rhs = typExpr(td->declType);
  const Type* u = types::under(rhs);
  if (rhs->kind == Kind::Named && rhs->underlying == nullptr) {
    // type T U where U's declaration is still in progress (a cycle)
    std::string msg = "invalid recursive type " + std::string(obj->name);
    msg += "\n\t" + declPos(obj->pos) + ": " + std::string(obj->name) + " refers to";
    msg += "\n\t" + declPos(obj->pos) + ": " + std::string(obj->name);
    error(obj->pos, msg);
    u = types::invalidType();
  }
  named->underlying = u;
  validType(obj);
  collectMethods(obj);
}

void Checker::collectMethods(Object* typeName) {
  auto it = methodDecls_.find(typeName->name);
  if (it == methodDecls_.end()) return;
  Type* named = const_cast<Type*>(typeName->type);
  if (named == nullptr || named->kind != Kind::Named) return;
  const Type* u = named->underlying;
  for (FuncDecl* fd : it->second) {
    Object* m = fd->name->obj;
    if (m->name != "_") {
      // duplicate method, or a field of the same name
      bool dup = false;
      for (Object* o = named->methods; o; o = o->nextMethod) {
        if (o->name == m->name) {
          error(m->pos, std::string(typeName->name) + "." + std::string(m->name) + " redeclared in this block\n\t" +
                            declPos(o->pos) + ": other declaration of " + std::string(m->name));
          dup = true;
          break;
        }
      }
      if (!dup && u && u->kind == Kind::Struct) {
        for (Object* f : u->vars) {
          if (f->name == m->name) {
            error(m->pos, "field and method with the same name " + std::string(m->name) + "\n\t" + declPos(f->pos) +
                              ": other declaration of " + std::string(m->name));
            dup = true;
            break;
          }
        }
      }
      if (!dup) {
        if (named->lastMethod) named->lastMethod->nextMethod = m;
        else named->methods = m;
        named->lastMethod = m;
      }
    }
  }
  for (FuncDecl* fd : it->second) objDecl(fd->name->obj);
}

void Checker::funcDecl(Object* obj, DeclInfo& d) {
  auto* fd = static_cast<FuncDecl*>(d.decl);
  Func* f = arena_.make<Func>();
  f->obj = obj;
  f->node = fd;
  obj->func = f;
  fd->func = f;
  obj->type = types::invalidType();  // provisional
  f->scope = newScope(fileScope_, f);
  f->scope->isFunc = true;
  Scope* saved = scope_;
  scope_ = f->scope;
  f->sig = funcType(fd->funcType, fd->recv, f, f->scope);
  scope_ = saved;
  obj->type = f->sig;
  if (fd->body != nullptr) delayed_.push_back({f, fd->body});
  else error(fd->name->pos, "missing function body");
}

void Checker::funcBody(Func* f, BlockStmt* body) {
  Scope* savedScope = scope_;
  Func* savedFunc = func_;
  DeclInfo* savedDecl = decl_;
  const Constant* savedIota = iota_;
  auto savedBreakables = std::move(breakables_);
  breakables_.clear();
  if (f->obj != nullptr) {
    auto it = objMap_.find(f->obj);
    decl_ = it != objMap_.end() ? it->second : nullptr;
  }
  iota_ = nullptr;
  func_ = f;
  scope_ = f->scope;
  body->scope = f->scope;
  res_.funcs.push_back(f);
  std::vector<Object*>* savedLocals = locals_;
  std::vector<Object*> locals;
  locals_ = &locals;
  stmtList(body->list, 0);
  if (f->results.size > 0 && !isTerminatingList(body->list, "")) error(body->rbrace, "missing return");
  // unused variables, in position order
  std::vector<Object*> unused;
  for (Object* v : locals)
    if (!v->used && !v->isParam && v->name != "_") unused.push_back(v);
  std::stable_sort(unused.begin(), unused.end(), [](Object* a, Object* b) { return a->pos < b->pos; });
  for (Object* v : unused) error(v->pos, std::string(v->name) + " declared but not used");
  locals_ = savedLocals;
  scope_ = savedScope;
  func_ = savedFunc;
  decl_ = savedDecl;
  iota_ = savedIota;
  breakables_ = std::move(savedBreakables);
}

// invalid recursive types: a named type containing itself by value (struct fields, array elements)
void Checker::validTypes() {
  for (Object* o : objList_) validType(o);
}

void Checker::validType(Object* o) {
  std::vector<const Type*> path;
  std::vector<const Type*> cycle;
  bool incomplete = false;
  std::function<bool(const Type*)> visit = [&](const Type* t) -> bool {
    if (t == nullptr) return false;
    switch (t->kind) {
      case Kind::Named: {
        for (size_t i = 0; i < path.size(); ++i) {
          if (path[i] == t) {
            cycle.assign(path.begin() + static_cast<long>(i), path.end());
            return true;
          }
        }
        if (t->underlying == nullptr) {
          incomplete = true;
          return false;
        }
        if (invalidRecursive_.count(t) || validated_.count(t)) return false;
        if (t->obj->pkg != PkgId::Main) return false;
        path.push_back(t);
        bool r = visit(t->underlying);
        path.pop_back();
        return r;
      }
      case Kind::Array: return visit(t->elem);
      case Kind::Struct:
        for (Object* f : t->vars)
          if (visit(f->type)) return true;
        return false;
      default: return false;
    }
  };
  {
    if (o->kind != ObjKind::TypeName || o->type == nullptr || o->type->kind != Kind::Named) return;
    if (o->type->underlying == nullptr || invalidRecursive_.count(o->type)) return;
    if (!visit(o->type) || cycle.empty()) {
      if (!incomplete) validated_.insert(o->type);
      return;
    }
    // start the report at the type declared first
    size_t first = 0;
    for (size_t i = 1; i < cycle.size(); ++i)
      if (cycle[i]->obj->order < cycle[first]->obj->order) first = i;
    std::rotate(cycle.begin(), cycle.begin() + static_cast<long>(first), cycle.end());
    Object* head = cycle[0]->obj;
    std::string msg = "invalid recursive type " + std::string(head->name);
    for (const Type* t : cycle) msg += "\n\t" + declPos(t->obj->pos) + ": " + std::string(t->obj->name) + " refers to";
    msg += "\n\t" + declPos(head->pos) + ": " + std::string(head->name);
    error(head->pos, msg);
    for (const Type* t : cycle) {
      invalidRecursive_.insert(t);
      const_cast<Type*>(t)->underlying = types::invalidType();
    }
  }
}

// Go's initialization order (types2 initorder.go's algorithm, reimplemented).
void Checker::initOrder() {
  struct GNode {
    Object* obj;
    std::set<GNode*> pred, succ;
    int ndeps = 0;
  };
  std::unordered_map<Object*, GNode*> nodes;
  std::vector<std::unique_ptr<GNode>> store;
  for (Object* o : objList_) {
    if (o->kind != ObjKind::Var && o->kind != ObjKind::Const && o->kind != ObjKind::Func) continue;
    auto n = std::make_unique<GNode>();
    n->obj = o;
    nodes[o] = n.get();
    store.push_back(std::move(n));
  }
  for (auto& n : store) {
    DeclInfo* d = objMap_[n->obj];
    for (Object* dep : d->deps) {
      auto it = nodes.find(dep);
      if (it == nodes.end()) continue;
      n->succ.insert(it->second);
      it->second->pred.insert(n.get());
    }
  }
  // remove function nodes, connecting their predecessors to their successors
  for (auto& n : store) {
    if (n->obj->kind != ObjKind::Func) continue;
    for (GNode* p : n->pred) {
      if (p == n.get()) continue;
      for (GNode* s : n->succ) {
        if (s == n.get()) continue;
        p->succ.insert(s);
        s->pred.insert(p);
        s->pred.erase(n.get());
      }
      p->succ.erase(n.get());
    }
    for (GNode* s : n->succ) s->pred.erase(n.get());
  }
  std::set<std::pair<std::pair<int, uint32_t>, GNode*>> queue;
  for (auto& n : store) {
    if (n->obj->kind == ObjKind::Func) continue;
    n->ndeps = static_cast<int>(n->succ.size());
    queue.insert({{n->ndeps, n->obj->order}, n.get()});
  }
  std::set<Object*> emitted;
  std::set<VarDecl*> emittedDecls;
  // findPath over the original dependencies
  std::function<bool(Object*, Object*, std::set<Object*>&, std::vector<Object*>&)> findPath =
      [&](Object* from, Object* to, std::set<Object*>& seen, std::vector<Object*>& out) -> bool {
    if (seen.count(from)) return false;
    seen.insert(from);
    auto it = objMap_.find(from);
    if (it == objMap_.end()) return false;
    for (Object* d : it->second->deps) {
      if (d == to) {
        out.push_back(d);
        return true;
      }
      if (findPath(d, to, seen, out)) {
        out.push_back(d);
        return true;
      }
    }
    return false;
  };
  std::set<Object*> reported;
  while (!queue.empty()) {
    GNode* n = queue.begin()->second;
    queue.erase(queue.begin());
    if (n->ndeps > 0 && n->obj->kind == ObjKind::Var && !reported.count(n->obj)) {
      std::set<Object*> seen;
      std::vector<Object*> cycle;
      if (findPath(n->obj, n->obj, seen, cycle)) {
        bool already = false;
        for (Object* o : cycle)
          if (reported.count(o)) already = true;
        if (!already) {
          for (Object* o : cycle) reported.insert(o);
          Object* o = cycle[0];
          if (cycle.size() == 1) {
            error(o->pos, "initialization cycle: " + std::string(o->name) + " refers to itself");
          } else {
            std::string msg = "initialization loop for " + std::string(o->name);
            for (size_t i = cycle.size(); i-- > 0;) {
              msg += "\n\t" + declPos(o->pos) + ": " + std::string(o->name) + " refers to";
              o = cycle[i];
            }
            msg += "\n\t" + declPos(o->pos) + ": " + std::string(o->name);
            error(cycle[0]->pos, msg);
          }
        }
      }
    }
    for (GNode* p : n->pred) {
      if (p->obj->kind == ObjKind::Func) continue;
      auto key = std::make_pair(std::make_pair(p->ndeps, p->obj->order), p);
      if (queue.erase(key)) {
        --p->ndeps;
        queue.insert({{p->ndeps, p->obj->order}, p});
      }
    }
    if (n->obj->kind == ObjKind::Var) {
      auto* vd = n->obj->decl ? n->obj->decl->as<VarDecl>() : nullptr;
      if (vd && !vd->values.empty() && emittedDecls.insert(vd).second) res_.initOrder.push_back(vd);
    }
  }
}

void Checker::unusedImports() {
  for (Object* o : imports_) {
    if (o->used) continue;
    auto* imp = static_cast<ImportDecl*>(o->decl);
    std::string path = types::pkgName(o->target);
    std::string msg = "imported and not used: \"" + path + "\"";
    if (imp->localName && imp->localName->value != path) msg += " as " + std::string(imp->localName->value);
    error(o->pos, msg);
  }
}

// ========================================== types =================================================

const Type* Checker::typExprOrNull(Expr* e) {
  e = unparen(e);
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case NodeKind::Name: {
      Object* o = lookup(static_cast<Name*>(e)->value);
      if (o && o->kind == ObjKind::TypeName) return typExpr(e);
      return nullptr;
    }
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<SelectorExpr*>(e);
      if (auto* x = s->x ? s->x->as<Name>() : nullptr) {
        Object* o = lookup(x->value);
        if (o && o->kind == ObjKind::PkgName) {
          Object* m = pkgMembers_[static_cast<int>(o->target)]->lookupLocal(s->sel->value);
          if (m && m->kind == ObjKind::TypeName) return typExpr(e);
        }
      }
      return nullptr;
    }
    case NodeKind::Operation: {
      auto* op = static_cast<Operation*>(e);
      if (op->op == Op::Mul && op->isUnary() && typExprOrNull(op->x)) return typExpr(e);
      return nullptr;
    }
    case NodeKind::ArrayType:
    case NodeKind::SliceType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::ChanType:
    case NodeKind::MapType:
    case NodeKind::InterfaceType: return typExpr(e);
    default: return nullptr;
  }
}

const Type* Checker::typExpr(Expr* e0) {
  const Type* t = types::invalidType();
  Expr* e = e0;
  if (e == nullptr) return t;
  switch (e->kind) {
    case NodeKind::ParenExpr: t = typExpr(static_cast<ParenExpr*>(e)->x); break;
    case NodeKind::Name: {
      auto* n = static_cast<Name*>(e);
      if (n->value == "_") {
        error(n->pos, "cannot use _ as value or type");
        break;
      }
      Object* o = lookup(n->value);
      if (o == nullptr) {
        error(n->pos, "undefined: " + std::string(n->value));
        break;
      }
      recordUse(n, o);
      if (o->kind == ObjKind::TypeName) {
        if (o->type == nullptr || objMap_.count(o)) objDecl(o);
        t = o->type ? o->type : types::invalidType();
        if (o->isAlias && t == nullptr) t = types::invalidType();
        break;
      }
      Operand x;
      expr(x, e);
      if (x.mode != Mode::Invalid) error(e->start, opString(x) + " is not a type");
      break;
    }
    case NodeKind::SelectorExpr: {
      Operand x;
      selector(x, static_cast<SelectorExpr*>(e));
      if (x.mode == Mode::TypeExpr) t = x.type;
      else if (x.mode != Mode::Invalid) error(e->start, opString(x) + " is not a type");
      break;
    }
    case NodeKind::Operation: {
      auto* op = static_cast<Operation*>(e);
      if (op->op == Op::Mul && op->isUnary()) {
        t = types::newPointer(arena_, typExpr(op->x));
        break;
      }
      Operand x;
      expr(x, e);
      if (x.mode != Mode::Invalid) error(e->start, opString(x) + " is not a type");
      break;
    }
    case NodeKind::ArrayType: {
      auto* a = static_cast<ArrayType*>(e);
      if (a->len == nullptr) {
        error(a->pos, "invalid use of [...] array (outside a composite literal)");
        typExpr(a->elem);
        break;
      }
      int64_t n = arrayLength(a->len);
      const Type* elem = typExpr(a->elem);
      t = n < 0 ? types::invalidType() : types::newArray(arena_, elem, n);
      break;
    }
    case NodeKind::SliceType: t = types::newSlice(arena_, typExpr(static_cast<SliceType*>(e)->elem)); break;
    case NodeKind::ChanType: {
      auto* c = static_cast<ChanType*>(e);
      t = types::newChan(arena_, typExpr(c->elem), c->dir);
      break;
    }
    case NodeKind::StructType: t = structType(static_cast<StructType*>(e)); break;
    case NodeKind::FuncType: {
      Scope* s = newScope(scope_, nullptr);
      Scope* saved = scope_;
      scope_ = s;
      t = funcType(static_cast<FuncType*>(e), nullptr, nullptr, s);
      scope_ = saved;
      break;
    }
    case NodeKind::DotsType:
      error(e->pos, "invalid use of ...");
      typExpr(static_cast<DotsType*>(e)->elem);
      break;
    case NodeKind::MapType:
    case NodeKind::InterfaceType: break;  // reported by the unsupported pass
    default: {
      Operand x;
      expr(x, e);
      if (x.mode != Mode::Invalid) error(e->start, opString(x) + " is not a type");
      break;
    }
  }
  e0->type = t;
  return t;
}

int64_t Checker::arrayLength(Expr* e) {
  if (auto* n = e->as<Name>()) {
    Object* o = lookup(n->value);
    if (o == nullptr) {
      error(n->pos, "undefined array length " + std::string(n->value) + " or missing type constraint");
      return -1;
    }
    if (o->kind != ObjKind::Const) {
      error(n->pos, "invalid array length " + std::string(n->value));
      return -1;
    }
  }
  Operand x;
  expr(x, e);
  if (x.mode != Mode::Constant) {
    if (x.mode != Mode::Invalid) error(e->start, "array length " + opString(x) + " must be constant");
    return -1;
  }
  if (types::isUntyped(x.type) || types::isInteger(x.type)) {
    types::BigInt v;
    if (types::constantToInt(x.val, v) && v.fitsI64() && v.toI64() >= 0) return v.toI64();
  }
  if (types::isInteger(x.type) || (types::isUntyped(x.type) && x.val && x.val->kind == Constant::Kind::Int))
    error(e->start, "invalid array length " + opString(x));
  else
    error(e->start, "array length " + opString(x) + " must be integer");
  return -1;
}

const Type* Checker::structType(StructType* st) {
  std::vector<Object*> fields;
  Expr* lastTypeExpr = nullptr;
  const Type* lastType = nullptr;
  for (Field* f : st->fields) {
    const Type* ft = f->type == lastTypeExpr ? lastType : typExpr(f->type);
    lastTypeExpr = f->type;
    lastType = ft;
    std::string_view name;
    Pos pos = f->pos;
    bool embedded = f->name == nullptr;
    if (embedded) {
      Expr* te = unparen(f->type);
      if (auto* op = te->as<Operation>(); op && op->op == Op::Mul) te = unparen(op->x);
      if (auto* n = te->as<Name>()) name = n->value;
      else if (auto* s = te->as<SelectorExpr>(); s && s->sel) name = s->sel->value;
      const Type* u = types::under(ft);
      if (u && u->kind == Kind::Pointer && types::under(u->elem) && types::under(u->elem)->kind == Kind::Pointer)
        error(f->type->start, "embedded field type cannot be a pointer to a pointer");
    } else {
      name = f->name->value;
      pos = f->name->pos;
    }
    Object* v = newObject(ObjKind::Var, name, pos, ft);
    v->isField = true;
    v->embedded = embedded;
    v->fieldIndex = static_cast<int32_t>(fields.size());
    v->decl = f;
    if (f->name) f->name->obj = v;
    if (name != "_") {
      for (Object* o : fields) {
        if (o->name == name) {
          error(pos, std::string(name) + " redeclared\n\t" + declPos(o->pos) + ": other declaration of " +
                         std::string(name));
          break;
        }
      }
    }
    fields.push_back(v);
  }
  Type* t = types::newType(arena_, Kind::Struct);
  t->vars = arena_.copyArray(fields.data(), fields.size());
  st->type = t;
  return t;
}

const Type* Checker::funcType(FuncType* ft, Field* recv, Func* f, Scope* scope) {
  std::vector<Object*> params, results;
  bool variadic = false;
  Object* recvVar = nullptr;
  if (recv != nullptr) {
    const Type* rt = typExpr(recv->type);
    std::string_view rname = recv->name ? recv->name->value : std::string_view();
    recvVar = newObject(ObjKind::Var, rname, recv->name ? recv->name->pos : recv->type->start, rt);
    recvVar->isParam = true;
    recvVar->owner = f;
    recvVar->decl = recv;
    // validate the receiver base type
    if (rt->kind != Kind::Invalid) {
      const Type* base = rt;
      if (base->kind == Kind::Pointer) base = base->elem;
      if (base->kind != Kind::Named || base->obj->pkg != PkgId::Main) {
        if (base->kind == Kind::Named || types::isBasicKind(base->kind))
          error(recvVar->pos, "cannot define new methods on non-local type " + types::typeString(base));
        else
          error(recvVar->pos, "invalid receiver type " + types::typeString(rt));
      } else {
        const Type* u = base->underlying;
        if (u && (u->kind == Kind::Pointer || u->kind == Kind::Interface))
          error(recvVar->pos, "invalid receiver type " + types::typeString(rt) +
                               (u->kind == Kind::Pointer ? " (pointer or interface type)" : " (pointer or interface type)"));
      }
    }
  }
  auto collect = [&](Span<Field*> fields, std::vector<Object*>& out, bool isResult) {
    Expr* lastTypeExpr = nullptr;
    const Type* lastType = nullptr;
    for (uint32_t i = 0; i < fields.size; ++i) {
      Field* fl = fields[i];
      const Type* t;
      if (fl->type == lastTypeExpr) {
        t = lastType;
      } else if (auto* dots = fl->type->as<DotsType>()) {
        if (isResult || i + 1 != fields.size) error(dots->pos, "can only use ... with final parameter in list");
        else variadic = true;
        t = types::newSlice(arena_, typExpr(dots->elem));
        dots->type = t;
      } else {
        t = typExpr(fl->type);
      }
      lastTypeExpr = fl->type;
      lastType = t;
      std::string_view name = fl->name ? fl->name->value : std::string_view();
      Object* v = newObject(ObjKind::Var, name, fl->name ? fl->name->pos : fl->type->start, t);
      v->isParam = true;
      v->isResult = isResult;
      v->owner = f;
      v->decl = fl;
      out.push_back(v);
    }
  };
  collect(ft->params, params, false);
  collect(ft->results, results, true);
  // declare (receiver, params, results) in the function scope
  if (recvVar && recv->name) declare(scope, recvVar, recv->name);
  for (size_t i = 0; i < params.size(); ++i)
    if (ft->params[static_cast<uint32_t>(i)]->name) declare(scope, params[i], ft->params[static_cast<uint32_t>(i)]->name);
  for (size_t i = 0; i < results.size(); ++i)
    if (ft->results[static_cast<uint32_t>(i)]->name)
      declare(scope, results[i], ft->results[static_cast<uint32_t>(i)]->name);
  Span<Object*> ps = arena_.copyArray(params.data(), params.size());
  Span<Object*> rs = arena_.copyArray(results.data(), results.size());
  Type* sig = types::newSignature(arena_, types::newTuple(arena_, ps), types::newTuple(arena_, rs), variadic);
  sig->recv = recvVar;
  if (f != nullptr) {
    f->params = ps;
    f->results = rs;
    f->recv = recvVar;
  }
  ft->type = sig;
  return sig;
}

// ====================================== default layout ============================================

namespace {

// Go 1.19's gc sizes on amd64: cmd/compile/internal/noder/sizes.go (gcSizes, what unsafe.Sizeof
// reports) and cmd/compile/internal/types/size.go (CalcSize, what the compiler lays out) agree on
// these rules. They live here once; compile/layout delegates to them (lang sits left of compile).
class AmdLayout final : public LayoutOracle {
 public:
  static constexpr int64_t kPtrSize = 8;  // types.PtrSize on amd64
  static constexpr int64_t kRegSize = 8;  // types.RegSize on amd64: the largest alignment

  int64_t sizeOf(const Type* t) const override {
    t = types::under(t);
    if (t == nullptr) return 0;
    switch (t->kind) {
      case Kind::Invalid:  // gcSizes' basicSizes[Invalid] = 1
      case Kind::Bool:
      case Kind::Int8:
      case Kind::Uint8: return 1;
      case Kind::Int16:
      case Kind::Uint16: return 2;
      case Kind::Int32:
      case Kind::Uint32:
      case Kind::Float32: return 4;
      case Kind::String:
      case Kind::Interface:
      case Kind::Complex128: return 2 * kPtrSize;
      case Kind::Slice: return 3 * kPtrSize;
      case Kind::Array: return t->len <= 0 ? 0 : t->len * sizeOf(t->elem);
      case Kind::Struct: {
        if (t->vars.empty()) return 0;
        int64_t lastOff = offsetOf(t, static_cast<int>(t->vars.size) - 1);
        int64_t last = sizeOf(t->vars[t->vars.size - 1]->type);
        // "The last field of a non-zero-sized struct is not allowed to have size 0" (sizes.go):
        // one byte keeps &last from pointing at the next object (Go issue 9401).
        if (last == 0 && lastOff > 0) last = 1;
        int64_t a = alignOf(t);
        return (lastOff + last + a - 1) / a * a;
      }
      default: return kPtrSize;  // int, uint, uintptr, (u)int64, float64, complex64, pointers, chan, func
    }
  }
  int64_t alignOf(const Type* t) const override {
    t = types::under(t);
    if (t == nullptr) return 1;
    switch (t->kind) {
      case Kind::Array: return alignOf(t->elem);
      case Kind::Struct: {
        int64_t a = 1;
        for (Object* f : t->vars) a = std::max(a, alignOf(f->type));
        return a;
      }
      case Kind::Slice:
      case Kind::Interface:
      case Kind::String: return kPtrSize;
      case Kind::Complex64:
      case Kind::Complex128: return sizeOf(t) / 2;  // aligned like [2]float32 / [2]float64
      default: return std::min(std::max<int64_t>(sizeOf(t), 1), kRegSize);
    }
  }
  int64_t offsetOf(const Type* st, int index) const override {
    st = types::under(st);
    int64_t off = 0;
    for (int i = 0; i < static_cast<int>(st->vars.size); ++i) {
      int64_t a = alignOf(st->vars[i]->type);
      off = (off + a - 1) / a * a;
      if (i == index) return off;
      off += sizeOf(st->vars[i]->type);
    }
    return off;
  }
};

}  // namespace

const LayoutOracle& defaultLayout() {
  static const AmdLayout layout;
  return layout;
}

}  // namespace gofast::lang
