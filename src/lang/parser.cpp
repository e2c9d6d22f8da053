// Parser implementation. Section index: infrastructure (tokens, errors, lists, directives) ·
// declarations · expressions · types · statements · branch checks (Go's CheckBranches) · entry.
//
// Each parse method names the Go 1.19 syntax/parser.go method it corresponds to, so that message
// fidelity can be checked production by production.
#include "lang/parser.h"

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/lexer.h"

namespace gofast::lang {

namespace {

constexpr uint64_t bit(Tok t) { return uint64_t(1) << static_cast<int>(t); }

// Keywords that start a statement: good places to resynchronise inside function bodies.
constexpr uint64_t kStopSet = bit(Tok::Break) | bit(Tok::Const) | bit(Tok::Continue) | bit(Tok::Defer) |
                              bit(Tok::Fallthrough) | bit(Tok::For) | bit(Tok::Go) | bit(Tok::Goto) |
                              bit(Tok::If) | bit(Tok::Return) | bit(Tok::Select) | bit(Tok::Switch) |
                              bit(Tok::Type) | bit(Tok::Var);

// Directives that set a function flag (cmd/compile/internal/noder/lex.go pragmaFlag); unused ones
// are "misplaced compiler directive".
bool isFlagDirective(std::string_view text) {
  std::string_view verb = text;
  size_t sp = verb.find_first_of(" \t");
  if (sp != std::string_view::npos) verb = verb.substr(0, sp);
  static constexpr std::string_view kFlags[] = {
      "go:nointerface",   "go:noescape",          "go:norace",          "go:nosplit",
      "go:noinline",      "go:nocheckptr",        "go:systemstack",     "go:nowritebarrier",
      "go:nowritebarrierrec", "go:yeswritebarrierrec", "go:cgo_unsafe_args", "go:uintptrkeepalive",
      "go:uintptrescapes", "go:registerparams",   "go:notinheap"};
  for (std::string_view f : kFlags)
    if (verb == f) return true;
  return false;
}

struct RawError {
  Pos pos;
  std::string msg;
};

class Parser {
 public:
  Parser(std::string_view src, std::string_view fileName, Arena& arena)
      : arena_(arena), fileName_(fileName), lex_(src, &Parser::lexError, this) {
    scratch_.reserve(256);
    next();
  }

  File* parseFile();
  Diagnostics finish();

 private:
  // ---- infrastructure ----------------------------------------------------------------------------
  template <class T>
  T* make(Pos pos) {
    T* n = arena_.make<T>();
    n->pos = pos;
    n->start = pos;
    return n;
  }
  template <class T>
  T* make(Pos pos, Pos start) {
    T* n = make<T>(pos);
    n->start = start;
    return n;
  }

  // scratch stack for building lists without per-list heap allocations
  size_t mark() const { return scratch_.size(); }
  void push(Node* n) { scratch_.push_back(n); }
  template <class T>
  Span<T*> finish(size_t m) {
    size_t n = scratch_.size() - m;
    Span<T*> s;
    if (n > 0) {
      T** data = static_cast<T**>(arena_.allocate(sizeof(T*) * n, alignof(T*)));
      for (size_t i = 0; i < n; ++i) data[i] = static_cast<T*>(scratch_[m + i]);
      s = {data, static_cast<uint32_t>(n)};
    }
    scratch_.resize(m);
    return s;
  }
  template <class T>
  Span<T*> one(T* x) {
    T** data = static_cast<T**>(arena_.allocate(sizeof(T*), alignof(T*)));
    data[0] = x;
    return {data, 1};
  }

  void next();
  Tok tok() const { return cur_.tok; }
  Pos pos() const { return cur_.pos; }
  bool got(Tok t) {
    if (cur_.tok == t) {
      next();
      return true;
    }
    return false;
  }
  void want(Tok t) {
    if (!got(t)) {
      syntaxError(std::string("expecting ") + std::string(tokString(t)));
      advance({});
    }
  }
  bool gotAssign() {
    if (tok() == Tok::Define) syntaxError("expecting =");
    if (tok() == Tok::Define || tok() == Tok::Assign) {
      next();
      return true;
    }
    return false;
  }
  bool isOp(Op op) const { return cur_.tok == Tok::Operator && cur_.op == op; }

  static void lexError(void* ctx, Pos p, std::string msg) { static_cast<Parser*>(ctx)->errorAt(p, std::move(msg)); }
  void errorAt(Pos p, std::string msg);
  void error(std::string msg) { errorAt(pos(), std::move(msg)); }
  void syntaxErrorAt(Pos p, std::string msg);
  void syntaxError(std::string msg) { syntaxErrorAt(pos(), std::move(msg)); }
  void advance(std::initializer_list<Tok> follow);

  template <class F>
  Pos list(const char* context, Tok sep, Tok close, F&& f);

  Span<DirectiveRef> takeDirectives(NodeKind forKind = NodeKind::FuncDecl);
  void clearDirectives();

  // ---- declarations -------------------------------------------------------------------------------
  enum class DeclKind { Import, Const, Type, Var };
  void appendGroup(DeclKind kind);
  Decl* declOne(DeclKind kind, const DeclGroup* g, int32_t index);
  ImportDecl* importDecl(const DeclGroup* g);
  ConstDecl* constDecl(const DeclGroup* g, int32_t iota);
  TypeDecl* typeDecl(const DeclGroup* g);
  VarDecl* varDecl(const DeclGroup* g);
  FuncDecl* funcDeclOrNil(Pos funcPos);
  BlockStmt* funcBody();

  // ---- expressions ---------------------------------------------------------------------------------
  Expr* expr() { return binaryExpr(nullptr, 0); }
  Expr* binaryExpr(Expr* x, int prec);
  Expr* unaryExpr();
  CallStmt* callStmt();
  Expr* operand(bool keepParens);
  Expr* pexpr(Expr* x, bool keepParens);
  Expr* bareComplitExpr() { return tok() == Tok::Lbrace ? complitExpr() : expr(); }
  CompositeLit* complitExpr();
  Span<Expr*> exprList();
  Expr* typeList(bool* comma);
  void argList(CallExpr* c);
  Name* name();
  Name* newName(Pos p, std::string_view v) {
    Name* n = make<Name>(p);
    n->value = v;
    return n;
  }
  Span<Name*> nameList(Name* first);
  Expr* qualifiedName(Name* name);
  BasicLit* oliteral();
  BadExpr* badExpr() { return make<BadExpr>(pos()); }

  // ---- types ---------------------------------------------------------------------------------------
  Expr* type_();
  Expr* typeOrNil();
  Expr* typeInstance(Expr* typ);
  FuncType* funcType(const char* context, Span<Field*>* tparams, Pos start);
  Expr* arrayType(Pos lbrack, Expr* len);
  Expr* sliceType(Pos lbrack);
  Expr* chanElem();
  StructType* structType();
  InterfaceType* interfaceType();
  Span<Field*> funcResult();
  void fieldDecl();
  void addField(Pos p, Name* n, Expr* typ, BasicLit* tag);
  Expr* arrayOrTArgs();
  Field* methodDecl();
  Field* embeddedElem(Field* f);
  Expr* embeddedTerm();
  Field* paramDeclOrNil(Name* name, Tok follow);
  Span<Field*> paramList(Name* name, Expr* typ, Tok close, bool requireNames);
  Operation* newIndirect(Pos p, Expr* typ) {
    Operation* o = make<Operation>(p);
    o->op = Op::Mul;
    o->x = typ;
    return o;
  }

  // ---- statements ----------------------------------------------------------------------------------
  Stmt* simpleStmt(Span<Expr*> lhs, Tok keyword);
  RangeClause* newRangeClause(Span<Expr*> lhs, bool def);
  AssignStmt* newAssign(Pos p, Op op, Span<Expr*> lhs, Span<Expr*> rhs) {
    AssignStmt* a = make<AssignStmt>(p, lhs.empty() ? p : lhs[0]->start);
    a->op = op;
    a->lhs = lhs;
    a->rhs = rhs;
    return a;
  }
  Stmt* labeledStmtOrNil(Name* label);
  BlockStmt* blockStmt(const char* context);
  DeclStmt* declStmt(DeclKind kind);
  ForStmt* forStmt();
  void header(Tok keyword, Stmt** init, Expr** cond, Stmt** post);
  IfStmt* ifStmt();
  SwitchStmt* switchStmt();
  SelectStmt* selectStmt();
  CaseClause* caseClause();
  CommClause* commClause();
  Stmt* stmtOrNil();
  Span<Stmt*> stmtList();

  // ---- branch checks -------------------------------------------------------------------------------
  void checkBranches(BlockStmt* body);

  Arena& arena_;
  std::string_view fileName_;
  Lexer lex_;
  Token cur_;
  int depth_ = 0;  // operand recursion depth, bounded so hostile input cannot overflow the host stack
  int xnest_ = 0;  // expression nesting: < 0 in control clause headers (T{} needs parentheses)
  int fnest_ = 0;  // function nesting
  std::vector<Node*> scratch_;
  std::vector<DirectiveRef> pending_;  // directives since the last take/clear

  // error state (Go: parser.first/errcnt and base.ErrorfAt's filters)
  bool anyError_ = false;
  int errcnt_ = 0;
  bool stopped_ = false;
  int32_t lastSyntaxLine_ = 0;
  int32_t lastOtherLine_ = 0;
  std::string lastOtherMsg_;
  std::vector<RawError> errors_;
  Pos tooManyPos_;
  std::vector<Pos> lateMisplaced_;

 public:
  int syntaxErrors_ = 0;
  bool stoppedEarly() const { return stopped_; }

 private:

  friend class BranchChecker;
};

// ================================ infrastructure ==================================================

void Parser::next() {
  lex_.next();
  cur_ = lex_.tok();
  std::vector<Directive>& ds = lex_.directives();
  if (!ds.empty()) {
    for (const Directive& d : ds) {
      if (!d.ownLine) {
        // a directive must be on a line by itself (noder.pragma)
        errorAt(d.pos, "misplaced compiler directive");
        continue;
      }
      pending_.push_back({d.pos, d.text});
    }
    ds.clear();
  }
}

void Parser::errorAt(Pos p, std::string msg) {
  anyError_ = true;
  ++errcnt_;
  if (stopped_) return;
  bool isSyntax = msg.rfind("syntax error", 0) == 0;
  if (isSyntax) ++syntaxErrors_;
  // cmd/compile/internal/base.ErrorfAt: one syntax error per line; equal other errors once a line.
  if (isSyntax) {
    if (p.line == lastSyntaxLine_) return;
    lastSyntaxLine_ = p.line;
  } else {
    if (p.line == lastOtherLine_ && msg == lastOtherMsg_) return;
    lastOtherLine_ = p.line;
    lastOtherMsg_ = msg;
  }
  errors_.push_back({p, std::move(msg)});
  if (static_cast<int>(errors_.size()) >= kMaxErrors) {
    stopped_ = true;
    tooManyPos_ = p;
    lex_.stop();
  }
}

void Parser::syntaxErrorAt(Pos p, std::string msg) {
  if (cur_.tok == Tok::EOF_ && anyError_) return;  // avoid meaningless follow-up errors
  if (msg.empty()) {
    // nothing to add
  } else if (msg.rfind("in ", 0) == 0 || msg.rfind("at ", 0) == 0 || msg.rfind("after ", 0) == 0) {
    msg = " " + msg;
  } else if (msg.rfind("expecting ", 0) == 0) {
    msg = ", " + msg;
  } else {
    errorAt(p, "syntax error: " + msg);  // plain message, the current token does not matter
    return;
  }
  std::string t;
  switch (cur_.tok) {
    case Tok::Name:
    case Tok::Semi: t = std::string(cur_.lit); break;
    case Tok::Literal: t = "literal " + std::string(cur_.lit); break;
    case Tok::Operator: t = std::string(opString(cur_.op)); break;
    case Tok::AssignOp: t = std::string(opString(cur_.op)) + "="; break;
    case Tok::IncOp: t = std::string(opString(cur_.op)) + std::string(opString(cur_.op)); break;
    default: t = std::string(tokString(cur_.tok)); break;
  }
  errorAt(p, "syntax error: unexpected " + t + msg);
}

// Skips tokens until one in `follow` (or, inside functions, a statement keyword) or EOF. With an
// empty list, skips exactly one token.
void Parser::advance(std::initializer_list<Tok> follow) {
  uint64_t set = bit(Tok::EOF_);
  if (follow.size() > 0) {
    if (fnest_ > 0) set |= kStopSet;
    for (Tok t : follow) set |= bit(t);
  }
  while ((set & bit(cur_.tok)) == 0) {
    next();
    if (follow.size() == 0) break;
  }
}

template <class F>
Pos Parser::list(const char* context, Tok sep, Tok close, F&& f) {
  bool done = false;
  while (tok() != Tok::EOF_ && tok() != close && !done) {
    done = f();
    if (!got(sep) && tok() != close) {
      syntaxError(std::string("in ") + context + "; possibly missing " + std::string(tokString(sep)) + " or " +
                  std::string(tokString(close)));
      advance({Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
      if (tok() != close) return pos();
    }
  }
  Pos p = pos();
  want(close);
  return p;
}

Span<DirectiveRef> Parser::takeDirectives(NodeKind forKind) {
  // Function flags on other declarations are reported after parsing (noder.checkUnused), and only
  // if there were no syntax errors; //go:notinheap is a type pragma.
  if (forKind != NodeKind::FuncDecl && forKind != NodeKind::File) {
    for (const DirectiveRef& d : pending_) {
      if (!isFlagDirective(d.text)) continue;
      if (forKind == NodeKind::TypeDecl && d.text.substr(0, 13) == "go:notinheap") continue;
      lateMisplaced_.push_back(d.pos);
    }
  }
  Span<DirectiveRef> s = arena_.copyArray(pending_.data(), pending_.size());
  pending_.clear();
  return s;
}

void Parser::clearDirectives() {
  for (const DirectiveRef& d : pending_)
    if (isFlagDirective(d.text)) errorAt(d.pos, "misplaced compiler directive");
  pending_.clear();
}

// ================================== declarations ==================================================

// Go: fileOrNil
File* Parser::parseFile() {
  File* f = make<File>(pos());
  if (!got(Tok::Package)) {
    syntaxError("package statement must be first");
    return nullptr;
  }
  takeDirectives(NodeKind::File);
  f->pkgName = name();
  want(Tok::Semi);
  if (anyError_) return nullptr;  // don't bother continuing if the package clause is broken

  size_t m = mark();
  while (got(Tok::Import)) {
    appendGroup(DeclKind::Import);
    want(Tok::Semi);
  }
  for (;;) {
    if (tok() == Tok::EOF_) break;
    switch (tok()) {
      case Tok::Const: next(); appendGroup(DeclKind::Const); break;
      case Tok::Type: next(); appendGroup(DeclKind::Type); break;
      case Tok::Var: next(); appendGroup(DeclKind::Var); break;
      case Tok::Func: {
        Pos fp = pos();
        next();
        if (FuncDecl* d = funcDeclOrNil(fp)) push(d);
        break;
      }
      default: {
        Node* last = scratch_.size() > m ? scratch_.back() : nullptr;
        if (tok() == Tok::Lbrace && last != nullptr && last->kind == NodeKind::FuncDecl &&
            static_cast<FuncDecl*>(last)->body == nullptr) {
          syntaxError("unexpected semicolon or newline before {");  // '{' of a func on the next line
        } else {
          syntaxError("non-declaration statement outside function body");
        }
        advance({Tok::Const, Tok::Type, Tok::Var, Tok::Func});
        continue;
      }
    }
    // directives after this declaration belong to the next one: clear before consuming ';'
    clearDirectives();
    if (tok() != Tok::EOF_ && !got(Tok::Semi)) {
      syntaxError("after top level declaration");
      advance({Tok::Const, Tok::Type, Tok::Var, Tok::Func});
    }
  }
  clearDirectives();
  f->decls = finish<Decl>(m);
  f->eof = pos();
  return f;
}

// Go: appendGroup. Pushes the declarations onto the scratch stack.
void Parser::appendGroup(DeclKind kind) {
  if (tok() == Tok::Lparen) {
    DeclGroup* g = arena_.make<DeclGroup>();
    g->pos = pos();
    clearDirectives();
    next();
    int32_t index = 0;
    list("grouped declaration", Tok::Semi, Tok::Rparen, [&] {
      if (Decl* d = declOne(kind, g, index++)) push(d);
      return false;
    });
  } else {
    if (Decl* d = declOne(kind, nullptr, 0)) push(d);
  }
}

Decl* Parser::declOne(DeclKind kind, const DeclGroup* g, int32_t index) {
  switch (kind) {
    case DeclKind::Import: return importDecl(g);
    case DeclKind::Const: return constDecl(g, index);
    case DeclKind::Type: return typeDecl(g);
    case DeclKind::Var: return varDecl(g);
  }
  return nullptr;
}

ImportDecl* Parser::importDecl(const DeclGroup* g) {
  ImportDecl* d = make<ImportDecl>(pos());
  d->group = g;
  d->directives = takeDirectives(NodeKind::ImportDecl);
  if (tok() == Tok::Name) {
    d->localName = name();
  } else if (tok() == Tok::Dot) {
    d->localName = newName(pos(), ".");
    next();
  }
  d->path = oliteral();
  if (d->path == nullptr) {
    syntaxError("missing import path");
    advance({Tok::Semi, Tok::Rparen});
    return d;
  }
  if (!d->path->bad && d->path->litKind != LitKind::String) {
    syntaxError("import path must be a string");
    d->path->bad = true;
  }
  return d;
}

ConstDecl* Parser::constDecl(const DeclGroup* g, int32_t iota) {
  ConstDecl* d = make<ConstDecl>(pos());
  d->group = g;
  d->iota = iota;
  d->directives = takeDirectives(NodeKind::ConstDecl);
  d->names = nameList(name());
  if (tok() != Tok::EOF_ && tok() != Tok::Semi && tok() != Tok::Rparen) {
    d->constType = typeOrNil();
    if (gotAssign()) d->values = exprList();
  }
  return d;
}

namespace {

bool isTypeElem(const Expr* x) {
  switch (x->kind) {
    case NodeKind::ArrayType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::InterfaceType:
    case NodeKind::SliceType:
    case NodeKind::MapType:
    case NodeKind::ChanType:
      return true;
    case NodeKind::Operation: {
      auto* o = static_cast<const Operation*>(x);
      return isTypeElem(o->x) || (o->y != nullptr && isTypeElem(o->y)) || o->op == Op::Tilde;
    }
    case NodeKind::ParenExpr: return isTypeElem(static_cast<const ParenExpr*>(x)->x);
    default: return false;
  }
}

}  // namespace

TypeDecl* Parser::typeDecl(const DeclGroup* g) {
  TypeDecl* d = make<TypeDecl>(pos());
  d->group = g;
  d->directives = takeDirectives(NodeKind::TypeDecl);
  d->name = name();
  if (tok() == Tok::Lbrack) {
    // array/slice type, or a generic type's parameter list: decided as Go decides it
    Pos lb = pos();
    next();
    if (tok() == Tok::Name) {
      Expr* x = name();
      if (tok() != Tok::Lbrack) {
        ++xnest_;
        x = binaryExpr(pexpr(x, false), 0);
        --xnest_;
      }
      // extractName: is x "P C" (a type parameter P with constraint C) in disguise?
      Name* pname = nullptr;
      Expr* ptype = nullptr;
      bool force = tok() == Tok::Comma;
      std::vector<Operation*> orChain;
      Expr* cur = x;
      for (;;) {
        if (cur->kind == NodeKind::Name) {
          pname = static_cast<Name*>(cur);
          break;
        }
        if (cur->kind == NodeKind::Operation && static_cast<Operation*>(cur)->y != nullptr) {
          auto* o = static_cast<Operation*>(cur);
          if (o->op == Op::Mul && o->x->kind == NodeKind::Name && (force || isTypeElem(o->y))) {
            pname = static_cast<Name*>(o->x);
            Operation* star = make<Operation>(o->pos);
            star->op = Op::Mul;
            star->x = o->y;
            ptype = star;
            break;
          }
          if (o->op == Op::Or) {
            force = force || isTypeElem(o->y);
            orChain.push_back(o);
            cur = o->x;
            continue;
          }
        }
        if (cur->kind == NodeKind::CallExpr) {
          auto* c = static_cast<CallExpr*>(cur);
          if (c->fun->kind == NodeKind::Name && c->args.size == 1 && !c->hasDots && (force || isTypeElem(c->args[0]))) {
            pname = static_cast<Name*>(c->fun);
            ptype = c->args[0];
          }
        }
        break;
      }
      if (!orChain.empty() && pname != nullptr) {
        if (ptype == nullptr) {
          pname = nullptr;  // the innermost operand was a plain name: not a parameter
        } else {
          for (size_t i = orChain.size(); i-- > 0;) {
            Operation* o = make<Operation>(orChain[i]->pos, ptype->start);
            o->op = Op::Or;
            o->x = ptype;
            o->y = orChain[i]->y;
            ptype = o;
          }
        }
      }
      if (pname != nullptr && (ptype != nullptr || tok() != Tok::Rbrack)) {
        d->tparams = paramList(pname, ptype, Tok::Rbrack, true);
        d->alias = gotAssign();
        d->declType = typeOrNil();
      } else {
        d->declType = arrayType(lb, x);
      }
    } else if (tok() == Tok::Rbrack) {
      next();
      d->declType = sliceType(lb);
    } else {
      d->declType = arrayType(lb, nullptr);
    }
  } else {
    d->alias = gotAssign();
    d->declType = typeOrNil();
  }
  if (d->declType == nullptr) {
    d->declType = badExpr();
    syntaxError("in type declaration");
    advance({Tok::Semi, Tok::Rparen});
  }
  return d;
}

VarDecl* Parser::varDecl(const DeclGroup* g) {
  VarDecl* d = make<VarDecl>(pos());
  d->group = g;
  d->directives = takeDirectives(NodeKind::VarDecl);
  d->names = nameList(name());
  if (gotAssign()) {
    d->values = exprList();
  } else {
    d->varType = type_();
    if (gotAssign()) d->values = exprList();
  }
  return d;
}

// Go: funcDeclOrNil. Called after `func`; Go positions a FuncDecl at the token after `func` (the
// receiver's '(' or the name), which is where `-m` reports "can inline f".
FuncDecl* Parser::funcDeclOrNil(Pos funcPos) {
  FuncDecl* f = make<FuncDecl>(pos(), funcPos);
  f->directives = takeDirectives();
  if (got(Tok::Lparen)) {
    Span<Field*> rcvr = paramList(nullptr, nullptr, Tok::Rparen, false);
    if (rcvr.size == 0) {
      error("method has no receiver");
    } else {
      if (rcvr.size > 1) error("method has multiple receivers");
      f->recv = rcvr[0];
    }
  }
  if (tok() != Tok::Name) {
    syntaxError("expecting name or (");
    advance({Tok::Lbrace, Tok::Semi});
    return nullptr;
  }
  f->name = name();
  f->funcType = funcType(f->recv != nullptr ? "method" : "", &f->tparams, pos());
  if (tok() == Tok::Lbrace) f->body = funcBody();
  return f;
}

BlockStmt* Parser::funcBody() {
  ++fnest_;
  int errcnt = errcnt_;
  BlockStmt* body = blockStmt("");
  --fnest_;
  if (errcnt == errcnt_) checkBranches(body);
  return body;
}

// =================================== expressions ==================================================

Expr* Parser::binaryExpr(Expr* x, int prec) {
  if (x == nullptr) x = unaryExpr();
  while ((tok() == Tok::Operator || tok() == Tok::Star) && cur_.prec > prec) {
    Operation* t = make<Operation>(pos(), x->start);
    t->op = cur_.op;
    int tprec = cur_.prec;
    next();
    t->x = x;
    t->y = binaryExpr(nullptr, tprec);
    x = t;
  }
  return x;
}

namespace {
Expr* unparen(Expr* x) {
  while (x->kind == NodeKind::ParenExpr) x = static_cast<ParenExpr*>(x)->x;
  return x;
}
}  // namespace

Expr* Parser::unaryExpr() {
  switch (tok()) {
    case Tok::Operator:
    case Tok::Star:
      switch (cur_.op) {
        case Op::Mul:
        case Op::Add:
        case Op::Sub:
        case Op::Not:
        case Op::Xor:
        case Op::Tilde: {
          Operation* x = make<Operation>(pos());
          x->op = cur_.op;
          next();
          x->x = unaryExpr();
          return x;
        }
        case Op::And: {
          Operation* x = make<Operation>(pos());
          x->op = Op::And;
          next();
          x->x = unparen(unaryExpr());  // &(x) is &x, as in Go
          return x;
        }
        default: break;
      }
      break;
    case Tok::Arrow: {
      Pos p = pos();
      next();
      // <-x is a receive, unless x turns out to be a channel type: then <-chan T.
      Expr* x = unaryExpr();
      if (x->kind == NodeKind::ChanType) {
        ChanDir dir = ChanDir::SendOnly;
        Expr* t = x;
        while (dir == ChanDir::SendOnly) {
          if (t->kind != NodeKind::ChanType) break;
          auto* c = static_cast<ChanType*>(t);
          dir = c->dir;
          if (dir == ChanDir::RecvOnly) syntaxError("unexpected <-, expecting chan");
          c->dir = ChanDir::RecvOnly;
          t = c->elem;
        }
        if (dir == ChanDir::SendOnly) syntaxError("unexpected " + exprString(t) + ", expecting chan");
        x->start = p;
        return x;
      }
      Operation* o = make<Operation>(p);
      o->op = Op::Recv;
      o->x = x;
      return o;
    }
    default: break;
  }
  return pexpr(nullptr, true);
}

// Go: callStmt (go/defer)
CallStmt* Parser::callStmt() {
  CallStmt* s = make<CallStmt>(pos());
  s->tok = tok();
  next();
  Expr* x = pexpr(nullptr, tok() == Tok::Lparen);
  Expr* t = unparen(x);
  if (t != x) {
    errorAt(x->pos, "expression in " + std::string(tokName(s->tok)) + " must not be parenthesized");
    x = t;
  }
  if (x->kind != NodeKind::CallExpr) {
    errorAt(x->pos, "expression in " + std::string(tokName(s->tok)) + " must be function call");
    CallExpr* c = make<CallExpr>(x->pos, x->start);
    c->fun = x;
    s->call = c;
    return s;
  }
  s->call = static_cast<CallExpr*>(x);
  return s;
}

// gofast's own limit (like go/parser's maxNestLev): nesting this deep is never real code, and the
// recursive descent would otherwise overflow the host stack (found by fuzzing).
constexpr int kMaxOperandDepth = 1000;

Expr* Parser::operand(bool keepParens) {
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& x) : d(++x) {}
    ~DepthGuard() { --d; }
  } guard(depth_);
  if (depth_ > kMaxOperandDepth) {
    syntaxError("exceeded max nesting depth");
    Expr* b = badExpr();
    while (tok() != Tok::EOF_) next();  // give up on the rest of the file
    return b;
  }
  switch (tok()) {
    case Tok::Name: return name();
    case Tok::Literal: return oliteral();
    case Tok::Lparen: {
      Pos p = pos();
      next();
      ++xnest_;
      Expr* x = expr();
      --xnest_;
      want(Tok::Rparen);
      if (tok() == Tok::Lbrace) keepParens = true;  // (T){...}: report it later
      if (keepParens) {
        ParenExpr* px = make<ParenExpr>(p);
        px->x = x;
        return px;
      }
      return x;
    }
    case Tok::Func: {
      Pos p = pos();
      next();
      Span<Field*> tparams;
      FuncType* ftyp = funcType("function type", &tparams, p);
      if (tok() == Tok::Lbrace) {
        ++xnest_;
        FuncLit* f = make<FuncLit>(p);
        f->funcType = ftyp;
        f->body = funcBody();
        --xnest_;
        return f;
      }
      return ftyp;
    }
    case Tok::Lbrack:
    case Tok::Chan:
    case Tok::Map:
    case Tok::Struct:
    case Tok::Interface:
      return type_();
    default: {
      Expr* x = badExpr();
      syntaxError("expecting expression");
      advance({Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
      return x;
    }
  }
}

namespace {

bool isValue(const Expr* x) {
  switch (x->kind) {
    case NodeKind::BasicLit:
    case NodeKind::CompositeLit:
    case NodeKind::FuncLit:
    case NodeKind::SliceExpr:
    case NodeKind::AssertExpr:
    case NodeKind::TypeSwitchGuard:
    case NodeKind::CallExpr:
      return true;
    case NodeKind::Operation: {
      auto* o = static_cast<const Operation*>(x);
      return o->op != Op::Mul || o->y != nullptr;  // *T may be a type
    }
    case NodeKind::ParenExpr: return isValue(static_cast<const ParenExpr*>(x)->x);
    case NodeKind::IndexExpr: {
      auto* i = static_cast<const IndexExpr*>(x);
      return isValue(i->x) || isValue(i->index);
    }
    default: return false;
  }
}

}  // namespace

// Go: pexpr — primary expressions: operand followed by selectors, indexes, slices, calls, literals.
Expr* Parser::pexpr(Expr* x, bool keepParens) {
  if (x == nullptr) x = operand(keepParens);
  for (;;) {
    Pos p = pos();
    switch (tok()) {
      case Tok::Dot: {
        next();
        if (tok() == Tok::Name) {
          SelectorExpr* t = make<SelectorExpr>(p, x->start);
          t->x = x;
          t->sel = name();
          x = t;
        } else if (tok() == Tok::Lparen) {
          next();
          if (got(Tok::Type)) {
            TypeSwitchGuard* t = make<TypeSwitchGuard>(p, x->start);
            t->x = x;
            x = t;
          } else {
            AssertExpr* t = make<AssertExpr>(p, x->start);
            t->x = x;
            t->assertType = type_();
            x = t;
          }
          want(Tok::Rparen);
        } else {
          syntaxError("expecting name or (");
          advance({Tok::Semi, Tok::Rparen});
        }
        break;
      }
      case Tok::Lbrack: {
        next();
        if (tok() == Tok::Rbrack) {
          syntaxError("expecting operand");  // invalid empty instance, slice or index expression
          next();
          break;
        }
        Expr* i = nullptr;
        if (tok() != Tok::Colon) {
          bool comma = false;
          i = typeList(&comma);
          if (comma || tok() == Tok::Rbrack) {
            want(Tok::Rbrack);
            IndexExpr* t = make<IndexExpr>(p, x->start);
            t->x = x;
            t->index = i;
            x = t;
            break;
          }
        }
        // slice expression
        if (!got(Tok::Colon)) {
          syntaxError("expecting comma, : or ]");
          advance({Tok::Comma, Tok::Colon, Tok::Rbrack});
        }
        ++xnest_;
        SliceExpr* t = make<SliceExpr>(p, x->start);
        t->x = x;
        t->index[0] = i;
        if (tok() != Tok::Colon && tok() != Tok::Rbrack) t->index[1] = expr();
        if (tok() == Tok::Colon) {
          t->full = true;
          if (t->index[1] == nullptr) {
            error("middle index required in 3-index slice");
            t->index[1] = badExpr();
          }
          next();
          if (tok() != Tok::Rbrack) {
            t->index[2] = expr();
          } else {
            error("final index required in 3-index slice");
            t->index[2] = badExpr();
          }
        }
        --xnest_;
        want(Tok::Rbrack);
        x = t;
        break;
      }
      case Tok::Lparen: {
        CallExpr* t = make<CallExpr>(p, x->start);
        next();
        t->fun = x;
        argList(t);
        x = t;
        break;
      }
      case Tok::Lbrace: {
        // operand may have returned a parenthesized complit type; accept it but complain
        Expr* t = unparen(x);
        bool complitOk = false;
        switch (t->kind) {
          case NodeKind::Name:
          case NodeKind::SelectorExpr:
            complitOk = xnest_ >= 0;
            break;
          case NodeKind::IndexExpr:
            complitOk = xnest_ >= 0 && !isValue(t);
            break;
          case NodeKind::ArrayType:
          case NodeKind::SliceType:
          case NodeKind::StructType:
          case NodeKind::MapType:
            complitOk = true;
            break;
          default: break;
        }
        if (!complitOk) return x;
        if (t != x) syntaxError("cannot parenthesize type in composite literal");
        CompositeLit* n = complitExpr();
        n->litType = x;
        n->start = x->start;
        x = n;
        break;
      }
      default:
        return x;
    }
  }
}

CompositeLit* Parser::complitExpr() {
  CompositeLit* x = make<CompositeLit>(pos());
  ++xnest_;
  want(Tok::Lbrace);
  size_t m = mark();
  x->rbrace = list("composite literal", Tok::Comma, Tok::Rbrace, [&] {
    Expr* e = bareComplitExpr();
    if (tok() == Tok::Colon) {
      KeyValueExpr* l = make<KeyValueExpr>(pos(), e->start);
      next();
      l->key = e;
      l->value = bareComplitExpr();
      e = l;
      ++x->nkeys;
    }
    push(e);
    return false;
  });
  x->elems = finish<Expr>(m);
  --xnest_;
  return x;
}

Span<Expr*> Parser::exprList() {
  Expr* x = expr();
  if (tok() != Tok::Comma) return one(x);
  size_t m = mark();
  push(x);
  while (got(Tok::Comma)) push(expr());
  return finish<Expr>(m);
}

// Go: typeList — an expression list where all but the first must be types (index/instantiation).
Expr* Parser::typeList(bool* comma) {
  *comma = false;
  ++xnest_;
  Expr* x = expr();
  if (got(Tok::Comma)) {
    *comma = true;
    if (Expr* t = typeOrNil()) {
      size_t m = mark();
      push(x);
      push(t);
      while (got(Tok::Comma)) {
        t = typeOrNil();
        if (t == nullptr) break;
        push(t);
      }
      ListExpr* l = make<ListExpr>(x->pos, x->start);
      l->elems = finish<Expr>(m);
      x = l;
    }
  }
  --xnest_;
  return x;
}

void Parser::argList(CallExpr* c) {
  ++xnest_;
  size_t m = mark();
  bool dots = false;
  list("argument list", Tok::Comma, Tok::Rparen, [&] {
    push(expr());
    dots = got(Tok::DotDotDot);
    return dots;
  });
  c->args = finish<Expr>(m);
  c->hasDots = dots;
  --xnest_;
}

Name* Parser::name() {
  if (tok() == Tok::Name) {
    Name* n = newName(pos(), cur_.lit);
    next();
    return n;
  }
  Name* n = newName(pos(), "_");
  syntaxError("expecting name");
  advance({});
  return n;
}

Span<Name*> Parser::nameList(Name* first) {
  if (tok() != Tok::Comma) return one(first);
  size_t m = mark();
  push(first);
  while (got(Tok::Comma)) push(name());
  return finish<Name>(m);
}

Expr* Parser::qualifiedName(Name* nm) {
  Expr* x;
  if (nm != nullptr) {
    x = nm;
  } else if (tok() == Tok::Name) {
    x = name();
  } else {
    x = newName(pos(), "_");
    syntaxError("expecting name");
    advance({Tok::Dot, Tok::Semi, Tok::Rbrace});
  }
  if (tok() == Tok::Dot) {
    SelectorExpr* s = make<SelectorExpr>(pos(), x->start);
    next();
    s->x = x;
    s->sel = name();
    x = s;
  }
  if (tok() == Tok::Lbrack) x = typeInstance(x);
  return x;
}

BasicLit* Parser::oliteral() {
  if (tok() != Tok::Literal) return nullptr;
  BasicLit* b = make<BasicLit>(pos());
  b->value = cur_.lit;
  b->litKind = cur_.kind;
  b->bad = cur_.bad;
  next();
  return b;
}

// ====================================== types =====================================================

Expr* Parser::type_() {
  Expr* typ = typeOrNil();
  if (typ == nullptr) {
    typ = badExpr();
    syntaxError("expecting type");
    advance({Tok::Comma, Tok::Colon, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
  }
  return typ;
}

Expr* Parser::typeOrNil() {
  Pos p = pos();
  switch (tok()) {
    case Tok::Star: {
      next();
      return newIndirect(p, type_());
    }
    case Tok::Arrow: {
      next();
      want(Tok::Chan);
      ChanType* t = make<ChanType>(p);
      t->dir = ChanDir::RecvOnly;
      t->elem = chanElem();
      return t;
    }
    case Tok::Func: {
      next();
      Span<Field*> tparams;
      return funcType("function type", &tparams, p);
    }
    case Tok::Lbrack:
      next();
      if (got(Tok::Rbrack)) return sliceType(p);
      return arrayType(p, nullptr);
    case Tok::Chan: {
      next();
      ChanType* t = make<ChanType>(p);
      if (got(Tok::Arrow)) t->dir = ChanDir::SendOnly;
      t->elem = chanElem();
      return t;
    }
    case Tok::Map: {
      next();
      want(Tok::Lbrack);
      MapType* t = make<MapType>(p);
      t->key = type_();
      want(Tok::Rbrack);
      t->value = type_();
      return t;
    }
    case Tok::Struct: return structType();
    case Tok::Interface: return interfaceType();
    case Tok::Name: return qualifiedName(nullptr);
    case Tok::Lparen: {
      next();
      Expr* t = type_();
      want(Tok::Rparen);
      return t;
    }
    default: return nullptr;
  }
}

Expr* Parser::typeInstance(Expr* typ) {
  Pos p = pos();
  want(Tok::Lbrack);
  IndexExpr* x = make<IndexExpr>(p, typ->start);
  x->x = typ;
  if (tok() == Tok::Rbrack) {
    syntaxError("expecting type");
    x->index = badExpr();
  } else {
    bool comma;
    x->index = typeList(&comma);
  }
  want(Tok::Rbrack);
  return x;
}

FuncType* Parser::funcType(const char* context, Span<Field*>* tparams, Pos start) {
  FuncType* typ = make<FuncType>(pos(), start);
  if (got(Tok::Lbrack)) {
    if (context[0] != 0) syntaxErrorAt(typ->pos, std::string(context) + " must have no type parameters");
    if (tok() == Tok::Rbrack) {
      syntaxError("empty type parameter list");
      next();
    } else {
      *tparams = paramList(nullptr, nullptr, Tok::Rbrack, true);
    }
  }
  want(Tok::Lparen);
  typ->params = paramList(nullptr, nullptr, Tok::Rparen, false);
  typ->results = funcResult();
  return typ;
}

Expr* Parser::arrayType(Pos lbrack, Expr* len) {
  if (len == nullptr && !got(Tok::DotDotDot)) {
    ++xnest_;
    len = expr();
    --xnest_;
  }
  if (tok() == Tok::Comma) {
    // Trailing commas are accepted in type parameter lists but not in array type declarations.
    syntaxError("unexpected comma; expecting ]");
    next();
  }
  want(Tok::Rbrack);
  ArrayType* t = make<ArrayType>(lbrack);
  t->len = len;
  t->elem = type_();
  return t;
}

Expr* Parser::sliceType(Pos lbrack) {
  SliceType* t = make<SliceType>(lbrack);
  t->elem = type_();
  return t;
}

Expr* Parser::chanElem() {
  Expr* typ = typeOrNil();
  if (typ == nullptr) {
    typ = badExpr();
    syntaxError("missing channel element type");
  }
  return typ;
}

StructType* Parser::structType() {
  StructType* typ = make<StructType>(pos());
  want(Tok::Struct);
  want(Tok::Lbrace);
  size_t m = mark();
  list("struct type", Tok::Semi, Tok::Rbrace, [&] {
    fieldDecl();
    return false;
  });
  typ->fields = finish<Field>(m);
  return typ;
}

InterfaceType* Parser::interfaceType() {
  InterfaceType* typ = make<InterfaceType>(pos());
  want(Tok::Interface);
  want(Tok::Lbrace);
  size_t m = mark();
  list("interface type", Tok::Semi, Tok::Rbrace, [&] {
    Field* f = nullptr;
    if (tok() == Tok::Name) f = methodDecl();
    if (f == nullptr || f->name == nullptr) f = embeddedElem(f);
    push(f);
    return false;
  });
  typ->methods = finish<Field>(m);
  return typ;
}

Span<Field*> Parser::funcResult() {
  if (got(Tok::Lparen)) return paramList(nullptr, nullptr, Tok::Rparen, false);
  Pos p = pos();
  if (Expr* typ = typeOrNil()) {
    Field* f = make<Field>(p, typ->start);
    f->type = typ;
    return one(f);
  }
  return {};
}

void Parser::addField(Pos p, Name* n, Expr* typ, BasicLit* tag) {
  Field* f = make<Field>(p, n != nullptr ? n->start : typ->start);
  f->name = n;
  f->type = typ;
  f->tag = tag;
  push(f);
}

// Go: fieldDecl — pushes the fields of one struct line.
void Parser::fieldDecl() {
  Pos p = pos();
  switch (tok()) {
    case Tok::Name: {
      Name* nm = name();
      if (tok() == Tok::Dot || tok() == Tok::Literal || tok() == Tok::Semi || tok() == Tok::Rbrace) {
        // embedded type
        Expr* typ = qualifiedName(nm);
        BasicLit* tag = oliteral();
        addField(p, nullptr, typ, tag);
        return;
      }
      Span<Name*> names = nameList(nm);
      Expr* typ;
      if (names.size == 1 && tok() == Tok::Lbrack) {
        typ = arrayOrTArgs();
        if (typ->kind == NodeKind::IndexExpr) {
          // embedded generic type T[P]
          static_cast<IndexExpr*>(typ)->x = nm;
          typ->start = nm->start;
          BasicLit* tag = oliteral();
          addField(p, nullptr, typ, tag);
          return;
        }
      } else {
        typ = type_();
      }
      BasicLit* tag = oliteral();
      for (Name* n : names) addField(n->pos, n, typ, tag);
      return;
    }
    case Tok::Star: {
      next();
      Expr* typ;
      if (tok() == Tok::Lparen) {
        syntaxError("cannot parenthesize embedded type");
        next();
        typ = qualifiedName(nullptr);
        got(Tok::Rparen);
      } else {
        typ = qualifiedName(nullptr);
      }
      BasicLit* tag = oliteral();
      addField(p, nullptr, newIndirect(p, typ), tag);
      return;
    }
    case Tok::Lparen: {
      syntaxError("cannot parenthesize embedded type");
      next();
      Expr* typ;
      if (tok() == Tok::Star) {
        Pos sp = pos();
        next();
        typ = newIndirect(sp, qualifiedName(nullptr));
      } else {
        typ = qualifiedName(nullptr);
      }
      got(Tok::Rparen);
      BasicLit* tag = oliteral();
      addField(p, nullptr, typ, tag);
      return;
    }
    default:
      syntaxError("expecting field name or embedded type");
      advance({Tok::Semi, Tok::Rbrace});
      return;
  }
}

Expr* Parser::arrayOrTArgs() {
  Pos p = pos();
  want(Tok::Lbrack);
  if (got(Tok::Rbrack)) return sliceType(p);
  bool comma;
  Expr* n = typeList(&comma);
  want(Tok::Rbrack);
  if (!comma) {
    if (Expr* elem = typeOrNil()) {
      ArrayType* t = make<ArrayType>(p);
      t->len = n;
      t->elem = elem;
      return t;
    }
  }
  IndexExpr* t = make<IndexExpr>(p);  // x is filled in by the caller
  t->index = n;
  return t;
}

// Go: methodDecl (simplified for generic methods, which are outside the subset anyway).
Field* Parser::methodDecl() {
  Field* f = make<Field>(pos());
  Name* nm = name();
  if (tok() == Tok::Lparen) {
    f->name = nm;
    Span<Field*> tparams;
    f->type = funcType("interface method", &tparams, pos());
    return f;
  }
  f->type = qualifiedName(nm);
  return f;
}

Field* Parser::embeddedElem(Field* f) {
  if (f == nullptr) {
    f = make<Field>(pos());
    f->type = embeddedTerm();
  }
  while (isOp(Op::Or)) {
    Operation* t = make<Operation>(pos(), f->type->start);
    t->op = Op::Or;
    next();
    t->x = f->type;
    t->y = embeddedTerm();
    f->type = t;
  }
  return f;
}

Expr* Parser::embeddedTerm() {
  if (isOp(Op::Tilde)) {
    Operation* t = make<Operation>(pos());
    t->op = Op::Tilde;
    next();
    t->x = type_();
    return t;
  }
  Expr* t = typeOrNil();
  if (t == nullptr) {
    t = badExpr();
    syntaxError("expecting ~ term or type");
    advance({Tok::Operator, Tok::Semi, Tok::Rparen, Tok::Rbrack, Tok::Rbrace});
  }
  return t;
}

// Go: paramDeclOrNil — one parameter: "name", "name T", "T", "name ...T", "...T" (and type set
// terms in type parameter lists).
Field* Parser::paramDeclOrNil(Name* nm, Tok follow) {
  bool typeSetsOk = follow == Tok::Rbrack;
  Pos p = pos();
  if (nm != nullptr) p = nm->pos;
  else if (typeSetsOk && isOp(Op::Tilde)) return embeddedElem(nullptr);

  Field* f = make<Field>(p);
  if (tok() == Tok::Name || nm != nullptr) {
    if (nm == nullptr) nm = name();
    if (tok() == Tok::Lbrack) {
      f->type = arrayOrTArgs();
      if (f->type->kind == NodeKind::IndexExpr) {
        static_cast<IndexExpr*>(f->type)->x = nm;
        f->type->start = nm->start;
      } else {
        f->name = nm;
      }
      if (typeSetsOk && isOp(Op::Or)) f = embeddedElem(f);
      return f;
    }
    if (tok() == Tok::Dot) {
      f->type = qualifiedName(nm);
      if (typeSetsOk && isOp(Op::Or)) f = embeddedElem(f);
      return f;
    }
    if (typeSetsOk && isOp(Op::Or)) {
      f->type = nm;
      return embeddedElem(f);
    }
    f->name = nm;
  }
  if (tok() == Tok::DotDotDot) {
    DotsType* t = make<DotsType>(pos());
    next();
    t->elem = typeOrNil();
    if (t->elem == nullptr) {
      t->elem = badExpr();
      syntaxError("... is missing type");
    }
    f->type = t;
    return f;
  }
  if (typeSetsOk && isOp(Op::Tilde)) {
    f->type = embeddedElem(nullptr)->type;
    return f;
  }
  f->type = typeOrNil();
  if (typeSetsOk && isOp(Op::Or) && f->type != nullptr) f = embeddedElem(f);
  if (f->name != nullptr || f->type != nullptr) return f;
  syntaxError("expecting " + std::string(tokString(follow)));
  advance({Tok::Comma, follow});
  return nullptr;
}

// Go: paramList. A lone name is a type unless some parameter has both a name and a type; then
// the types distribute right to left ("a, b int") and a mix is an error.
Span<Field*> Parser::paramList(Name* nm, Expr* typ, Tok close, bool requireNames) {
  if (nm != nullptr && typ != nullptr && tok() == close) {
    next();
    Field* par = make<Field>(nm->pos);
    par->name = nm;
    par->type = typ;
    return one(par);
  }
  size_t m = mark();
  int named = 0, typed = 0;
  Pos end = list("parameter list", Tok::Comma, close, [&] {
    Field* par;
    if (typ != nullptr) {
      par = make<Field>(nm->pos);
      par->name = nm;
      par->type = typ;
    } else {
      par = paramDeclOrNil(nm, close);
    }
    nm = nullptr;
    typ = nullptr;
    if (par != nullptr) {
      if (par->name != nullptr && par->type != nullptr) ++named;
      if (par->type != nullptr) ++typed;
      push(par);
    }
    return false;
  });
  Span<Field*> lst = finish<Field>(m);
  if (lst.empty()) return lst;

  if (named == 0 && !requireNames) {
    // all unnamed: lone names are types
    for (Field* par : lst) {
      if (par->name != nullptr) {
        par->type = par->name;
        par->name = nullptr;
      }
    }
  } else if (named != static_cast<int>(lst.size)) {
    Pos errPos;
    Expr* t = nullptr;
    for (uint32_t i = lst.size; i-- > 0;) {
      Field* par = lst[i];
      if (par->type != nullptr) {
        t = par->type;
        if (par->name == nullptr) {
          errPos = t->start;
          par->name = newName(errPos, "_");
        }
      } else if (t != nullptr) {
        par->type = t;
      } else {
        errPos = par->name->pos;
        BadExpr* b = make<BadExpr>(errPos);
        par->type = b;
      }
    }
    if (errPos.valid()) {
      std::string msg;
      if (requireNames) {
        if (named == typed) {
          errPos = end;  // position the error at the closing ]
          msg = "missing type constraint";
        } else {
          msg = "type parameters must be named";
        }
      } else {
        msg = "mixed named and unnamed parameters";
      }
      syntaxErrorAt(errPos, msg);
    }
  }
  for (Field* par : lst)
    if (par->name != nullptr) par->start = par->name->start;
    else if (par->type != nullptr) par->start = par->type->start;
  return lst;
}

// =================================== statements ===================================================

// Go: simpleStmt. lhs may be given (already parsed by stmtOrNil). keyword is For/Switch/If when
// parsing a control clause header (range is allowed only after For).
Stmt* Parser::simpleStmt(Span<Expr*> lhs, Tok keyword) {
  if (keyword == Tok::For && tok() == Tok::Range) return newRangeClause({}, false);  // for range x
  if (lhs.empty()) lhs = exprList();

  if (lhs.size == 1 && tok() != Tok::Assign && tok() != Tok::Define) {
    Pos p = pos();
    switch (tok()) {
      case Tok::AssignOp: {
        Op op = cur_.op;
        next();
        return newAssign(p, op, lhs, one(expr()));
      }
      case Tok::IncOp: {
        Op op = cur_.op;
        next();
        return newAssign(p, op, lhs, {});
      }
      case Tok::Arrow: {
        SendStmt* s = make<SendStmt>(p, lhs[0]->start);
        next();
        s->chan = lhs[0];
        s->value = expr();
        return s;
      }
      default: {
        ExprStmt* s = make<ExprStmt>(lhs[0]->pos, lhs[0]->start);
        s->x = lhs[0];
        return s;
      }
    }
  }

  switch (tok()) {
    case Tok::Assign:
    case Tok::Define: {
      Pos p = pos();
      Op op = tok() == Tok::Define ? Op::Def : Op::None;
      next();
      if (keyword == Tok::For && tok() == Tok::Range) return newRangeClause(lhs, op == Op::Def);
      Span<Expr*> rhs = exprList();
      if (rhs.size == 1 && rhs[0]->kind == NodeKind::TypeSwitchGuard && keyword == Tok::Switch && op == Op::Def &&
          lhs.size == 1 && lhs[0]->kind == NodeKind::Name) {
        auto* g = static_cast<TypeSwitchGuard*>(rhs[0]);
        g->lhs = static_cast<Name*>(lhs[0]);
        g->start = lhs[0]->start;
        ExprStmt* s = make<ExprStmt>(g->pos, g->start);
        s->x = g;
        return s;
      }
      return newAssign(p, op, lhs, rhs);
    }
    default: {
      syntaxError("expecting := or = or comma");
      advance({Tok::Semi, Tok::Rbrace});
      ExprStmt* s = make<ExprStmt>(lhs[0]->pos, lhs[0]->start);
      s->x = lhs[0];
      return s;
    }
  }
}

RangeClause* Parser::newRangeClause(Span<Expr*> lhs, bool def) {
  RangeClause* r = make<RangeClause>(pos(), lhs.empty() ? pos() : lhs[0]->start);
  next();  // range
  r->lhs = lhs;
  if (lhs.size >= 1) r->key = lhs[0];
  if (lhs.size >= 2) r->value = lhs[1];
  r->def = def;
  r->x = expr();
  return r;
}

Stmt* Parser::labeledStmtOrNil(Name* label) {
  LabeledStmt* s = make<LabeledStmt>(pos(), label->start);
  s->label = label;
  want(Tok::Colon);
  if (tok() == Tok::Rbrace) {
    // a label at the end of a block labels an empty statement
    s->stmt = make<EmptyStmt>(pos());
    return s;
  }
  s->stmt = stmtOrNil();
  if (s->stmt != nullptr) return s;
  syntaxErrorAt(s->pos, "missing statement after label");
  return nullptr;
}

BlockStmt* Parser::blockStmt(const char* context) {
  BlockStmt* s = make<BlockStmt>(pos());
  if (!got(Tok::Lbrace)) {
    syntaxError(std::string("expecting { after ") + context);
    advance({Tok::Name, Tok::Rbrace});
    s->rbrace = pos();
    if (got(Tok::Rbrace)) return s;
  }
  s->list = stmtList();
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

DeclStmt* Parser::declStmt(DeclKind kind) {
  DeclStmt* s = make<DeclStmt>(pos());
  next();  // var, const or type
  size_t m = mark();
  appendGroup(kind);
  s->decls = finish<Decl>(m);
  return s;
}

ForStmt* Parser::forStmt() {
  ForStmt* s = make<ForStmt>(pos());
  Stmt* init = nullptr;
  header(Tok::For, &init, &s->cond, &s->post);
  if (init != nullptr && init->kind == NodeKind::RangeClause) s->range = static_cast<RangeClause*>(init);
  else s->init = init;
  s->body = blockStmt("for clause");
  return s;
}

// Go: header — the clause between `if`/`for`/`switch` and '{'.
void Parser::header(Tok keyword, Stmt** init, Expr** cond, Stmt** post) {
  *init = nullptr;
  *cond = nullptr;
  if (post != nullptr) *post = nullptr;
  want(keyword);
  if (tok() == Tok::Lbrace) {
    if (keyword == Tok::If) {
      syntaxError("missing condition in if statement");
      *cond = badExpr();
    }
    return;
  }
  int outer = xnest_;
  xnest_ = -1;

  if (tok() != Tok::Semi) {
    // accept potential varDecl but complain
    if (got(Tok::Var))
      syntaxError("var declaration not allowed in " + std::string(tokString(keyword)) + " initializer");
    *init = simpleStmt({}, keyword);
    if ((*init)->kind == NodeKind::RangeClause) {
      xnest_ = outer;
      return;
    }
  }

  Stmt* condStmt = nullptr;
  Pos semiPos;
  std::string_view semiLit;
  if (tok() != Tok::Lbrace) {
    if (tok() == Tok::Semi) {
      semiPos = pos();
      semiLit = cur_.lit;
      next();
    } else {
      want(Tok::Lbrace);  // reports the error
      if (tok() != Tok::Lbrace) advance({Tok::Lbrace, Tok::Rbrace});
    }
    if (keyword == Tok::For) {
      bool skip = false;
      if (tok() != Tok::Semi) {
        if (tok() == Tok::Lbrace) {
          syntaxError("expecting for loop condition");
          skip = true;
        } else {
          condStmt = simpleStmt({}, Tok::None);
        }
      }
      if (!skip) {
        want(Tok::Semi);
        if (tok() != Tok::Lbrace) {
          Stmt* ps = simpleStmt({}, Tok::None);
          if (post != nullptr) *post = ps;
          if (ps->kind == NodeKind::AssignStmt && static_cast<AssignStmt*>(ps)->op == Op::Def)
            syntaxErrorAt(ps->pos, "cannot declare in post statement of for loop");
        }
      }
    } else if (tok() != Tok::Lbrace) {
      condStmt = simpleStmt({}, keyword);
    }
  } else {
    condStmt = *init;
    *init = nullptr;
  }

  if (condStmt == nullptr) {
    if (keyword == Tok::If && semiPos.valid()) {
      if (semiLit != "semicolon")
        syntaxErrorAt(semiPos, "unexpected " + std::string(semiLit) + ", expecting { after if clause");
      else
        syntaxErrorAt(semiPos, "missing condition in if statement");
      *cond = make<BadExpr>(semiPos);
    }
  } else if (condStmt->kind == NodeKind::ExprStmt) {
    *cond = static_cast<ExprStmt*>(condStmt)->x;
  } else {
    std::string str;
    auto* as = condStmt->as<AssignStmt>();
    if (as != nullptr && as->op == Op::None) {
      std::string l, r;
      for (uint32_t i = 0; i < as->lhs.size; ++i) l += (i ? ", " : "") + exprString(as->lhs[i]);
      for (uint32_t i = 0; i < as->rhs.size; ++i) r += (i ? ", " : "") + exprString(as->rhs[i]);
      str = "assignment (" + l + ") = (" + r + ")";
    } else {
      str = exprString(condStmt);
    }
    syntaxErrorAt(condStmt->pos, "cannot use " + str + " as value");
  }
  xnest_ = outer;
}

IfStmt* Parser::ifStmt() {
  IfStmt* s = make<IfStmt>(pos());
  header(Tok::If, &s->init, &s->cond, nullptr);
  s->then = blockStmt("if clause");
  if (got(Tok::Else)) {
    if (tok() == Tok::If) {
      s->elseStmt = ifStmt();
    } else if (tok() == Tok::Lbrace) {
      s->elseStmt = blockStmt("");
    } else {
      syntaxError("else must be followed by if or statement block");
      advance({Tok::Name, Tok::Rbrace});
    }
  }
  return s;
}

SwitchStmt* Parser::switchStmt() {
  SwitchStmt* s = make<SwitchStmt>(pos());
  header(Tok::Switch, &s->init, &s->tag, nullptr);
  if (!got(Tok::Lbrace)) {
    syntaxError("missing { after switch clause");
    advance({Tok::Case, Tok::Default, Tok::Rbrace});
  }
  size_t m = mark();
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace) push(caseClause());
  s->body = finish<CaseClause>(m);
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

SelectStmt* Parser::selectStmt() {
  SelectStmt* s = make<SelectStmt>(pos());
  want(Tok::Select);
  if (!got(Tok::Lbrace)) {
    syntaxError("missing { after select clause");
    advance({Tok::Case, Tok::Default, Tok::Rbrace});
  }
  size_t m = mark();
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace) push(commClause());
  s->body = finish<CommClause>(m);
  s->rbrace = pos();
  want(Tok::Rbrace);
  return s;
}

CaseClause* Parser::caseClause() {
  CaseClause* c = make<CaseClause>(pos());
  switch (tok()) {
    case Tok::Case:
      next();
      c->cases = exprList();
      break;
    case Tok::Default:
      next();
      c->isDefault = true;
      break;
    default:
      syntaxError("expecting case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

CommClause* Parser::commClause() {
  CommClause* c = make<CommClause>(pos());
  switch (tok()) {
    case Tok::Case:
      next();
      c->comm = simpleStmt({}, Tok::None);
      break;
    case Tok::Default:
      next();
      break;
    default:
      syntaxError("expecting case or default or }");
      advance({Tok::Colon, Tok::Case, Tok::Default, Tok::Rbrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

Stmt* Parser::stmtOrNil() {
  // most statements start with a name: handle them first
  if (tok() == Tok::Name) {
    clearDirectives();
    Span<Expr*> lhs = exprList();
    if (lhs.size == 1 && lhs[0]->kind == NodeKind::Name && tok() == Tok::Colon)
      return labeledStmtOrNil(static_cast<Name*>(lhs[0]));
    return simpleStmt(lhs, Tok::None);
  }
  switch (tok()) {
    case Tok::Var: return declStmt(DeclKind::Var);
    case Tok::Const: return declStmt(DeclKind::Const);
    case Tok::Type: return declStmt(DeclKind::Type);
    default: break;
  }
  clearDirectives();
  switch (tok()) {
    case Tok::Lbrace: return blockStmt("");
    case Tok::Operator:
    case Tok::Star:
      switch (cur_.op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::And:
        case Op::Xor:
        case Op::Not:
          return simpleStmt({}, Tok::None);  // unary operators
        default: break;
      }
      break;
    case Tok::Literal:
    case Tok::Func:
    case Tok::Lparen:
    case Tok::Lbrack:
    case Tok::Struct:
    case Tok::Map:
    case Tok::Chan:
    case Tok::Interface:
    case Tok::Arrow:
      return simpleStmt({}, Tok::None);
    case Tok::For: return forStmt();
    case Tok::Switch: return switchStmt();
    case Tok::Select: return selectStmt();
    case Tok::If: return ifStmt();
    case Tok::Fallthrough: {
      BranchStmt* s = make<BranchStmt>(pos());
      next();
      s->tok = Tok::Fallthrough;
      return s;
    }
    case Tok::Break:
    case Tok::Continue: {
      BranchStmt* s = make<BranchStmt>(pos());
      s->tok = tok();
      next();
      if (tok() == Tok::Name) s->label = name();
      return s;
    }
    case Tok::Go:
    case Tok::Defer:
      return callStmt();
    case Tok::Goto: {
      BranchStmt* s = make<BranchStmt>(pos());
      s->tok = Tok::Goto;
      next();
      s->label = name();
      return s;
    }
    case Tok::Return: {
      ReturnStmt* s = make<ReturnStmt>(pos());
      next();
      if (tok() != Tok::Semi && tok() != Tok::Rbrace) s->results = exprList();
      return s;
    }
    case Tok::Semi: return make<EmptyStmt>(pos());
    default: break;
  }
  return nullptr;
}

Span<Stmt*> Parser::stmtList() {
  size_t m = mark();
  while (tok() != Tok::EOF_ && tok() != Tok::Rbrace && tok() != Tok::Case && tok() != Tok::Default) {
    Stmt* s = stmtOrNil();
    clearDirectives();
    if (s == nullptr) break;
    push(s);
    // ";" is optional before "}"
    if (!got(Tok::Semi) && tok() != Tok::Rbrace) {
      syntaxError("at end of statement");
      advance({Tok::Semi, Tok::Rbrace, Tok::Case, Tok::Default});
      got(Tok::Semi);  // avoid a spurious empty statement
    }
  }
  return finish<Stmt>(m);
}

// ================================== branch checks =================================================
// Go's syntax/branches.go semantics: labels, break/continue targets, fallthrough placement, gotos.

class BranchChecker {
 public:
  BranchChecker(Parser& p) : p_(p) {}

  void run(BlockStmt* body) {
    std::vector<BranchStmt*> fwd = block(nullptr, Targets{}, nullptr, body->pos, body->list);
    for (BranchStmt* g : fwd) {
      std::string_view nm = g->label->value;
      auto it = labels_.find(nm);
      if (it != labels_.end()) {
        it->second.used = true;
        p_.errorAt(g->label->pos, "goto " + std::string(nm) + " jumps into block starting at " +
                                      posString(it->second.parent->start));
      } else {
        p_.errorAt(g->label->pos, "label " + std::string(nm) + " not defined");
      }
    }
    std::vector<const Label*> unused;
    for (auto& kv : labels_)
      if (!kv.second.used) unused.push_back(&kv.second);
    std::sort(unused.begin(), unused.end(),
              [](const Label* a, const Label* b) { return a->lstmt->label->pos < b->lstmt->label->pos; });
    for (const Label* l : unused)
      p_.errorAt(l->lstmt->label->pos, "label " + std::string(l->lstmt->label->value) + " defined and not used");
  }

 private:
  struct Block {
    Block* parent;
    Pos start;
    LabeledStmt* lstmt;
  };
  struct Label {
    Block* parent;
    LabeledStmt* lstmt;
    bool used;
  };
  struct Targets {
    Stmt* breaks = nullptr;
    ForStmt* continues = nullptr;
    int caseIndex = -1;
  };

  std::string posString(Pos p) const { return std::string(p_.fileName_) + ":" + formatPos(p); }

  Label* declare(Block* b, LabeledStmt* s) {
    std::string_view nm = s->label->value;
    auto it = labels_.find(nm);
    if (it != labels_.end()) {
      p_.errorAt(s->label->pos, "label " + std::string(nm) + " already defined at " +
                                    posString(it->second.lstmt->label->pos));
      return &it->second;
    }
    return &labels_.emplace(nm, Label{b, s, false}).first->second;
  }

  LabeledStmt* gotoTarget(Block* b, std::string_view nm) {
    auto it = labels_.find(nm);
    if (it == labels_.end()) return nullptr;
    it->second.used = true;
    for (; b != nullptr; b = b->parent)
      if (it->second.parent == b) return it->second.lstmt;
    return nullptr;
  }

  // null: no such label; &invalid_: a label that does not enclose the branch
  LabeledStmt* enclosingTarget(Block* b, std::string_view nm) {
    auto it = labels_.find(nm);
    if (it == labels_.end()) return nullptr;
    it->second.used = true;
    for (; b != nullptr; b = b->parent)
      if (it->second.lstmt == b->lstmt) return it->second.lstmt;
    return &invalid_;
  }

  std::vector<BranchStmt*> block(Block* parent, Targets ctxt, LabeledStmt* lstmt, Pos start, Span<Stmt*> body) {
    Block* b = blocks_.emplace_back(std::make_unique<Block>(Block{parent, start, lstmt})).get();
    Pos varPos;
    std::string varName;
    std::vector<BranchStmt*> fwdGotos, badGotos;
    auto recordVarDecl = [&](Pos p, std::string nm) {
      varPos = p;
      varName = std::move(nm);
      badGotos = fwdGotos;
    };
    auto jumpsOverVarDecl = [&](BranchStmt* g) {
      if (!varPos.valid()) return false;
      return std::find(badGotos.begin(), badGotos.end(), g) != badGotos.end();
    };
    auto inner = [&](Targets t, Pos s, Span<Stmt*> list) {
      std::vector<BranchStmt*> f = block(b, t, lstmt, s, list);
      fwdGotos.insert(fwdGotos.end(), f.begin(), f.end());
    };

    uint32_t n = body.size;
    while (n > 0 && body[n - 1]->kind == NodeKind::EmptyStmt) --n;
    for (uint32_t idx = 0; idx < n; ++idx) {
      Stmt* stmt = body[idx];
      lstmt = nullptr;
      for (;;) {
        if (auto* ls = stmt->as<LabeledStmt>()) {
          std::string_view nm = ls->label->value;
          if (nm != "_") {
            Label* l = declare(b, ls);
            size_t keep = 0;
            for (BranchStmt* g : fwdGotos) {
              if (g->label->value == nm) {
                g->target = ls;
                l->used = true;
                if (jumpsOverVarDecl(g))
                  p_.errorAt(g->label->pos, "goto " + std::string(nm) + " jumps over declaration of " + varName +
                                                " at " + posString(varPos));
              } else {
                fwdGotos[keep++] = g;
              }
            }
            fwdGotos.resize(keep);
            lstmt = ls;
          }
          stmt = ls->stmt;
          continue;
        }
        break;
      }
      switch (stmt->kind) {
        case NodeKind::DeclStmt:
          for (Decl* d : static_cast<DeclStmt*>(stmt)->decls) {
            if (auto* v = d->as<VarDecl>()) {
              recordVarDecl(v->pos, std::string(v->names[0]->value));
              break;
            }
          }
          break;
        case NodeKind::BranchStmt: {
          auto* s = static_cast<BranchStmt*>(stmt);
          if (s->label == nullptr) {
            if (s->tok == Tok::Break) {
              if (ctxt.breaks != nullptr) s->target = ctxt.breaks;
              else p_.errorAt(s->pos, "break is not in a loop, switch, or select");
            } else if (s->tok == Tok::Continue) {
              if (ctxt.continues != nullptr) s->target = ctxt.continues;
              else p_.errorAt(s->pos, "continue is not in a loop");
            } else if (s->tok == Tok::Fallthrough) {
              const char* msg = "fallthrough statement out of place";
              bool ok = false;
              if (ctxt.breaks != nullptr && ctxt.breaks->kind == NodeKind::SwitchStmt) {
                auto* sw = static_cast<SwitchStmt*>(ctxt.breaks);
                if (sw->tag != nullptr && sw->tag->kind == NodeKind::TypeSwitchGuard) {
                  msg = "cannot fallthrough in type switch";
                } else if (ctxt.caseIndex < 0 || idx + 1 < n) {
                  // fallthrough nested in a block or not the last statement: out of place
                } else if (static_cast<uint32_t>(ctxt.caseIndex) + 1 == sw->body.size) {
                  msg = "cannot fallthrough final case in switch";
                } else {
                  ok = true;
                  s->target = sw;
                }
              }
              if (!ok) p_.errorAt(s->pos, msg);
            }
            break;
          }
          std::string_view nm = s->label->value;
          if (s->tok == Tok::Break) {
            if (LabeledStmt* t = enclosingTarget(b, nm)) {
              Stmt* ts = t == &invalid_ ? nullptr : t->stmt;
              if (ts != nullptr && (ts->kind == NodeKind::SwitchStmt || ts->kind == NodeKind::SelectStmt ||
                                    ts->kind == NodeKind::ForStmt))
                s->target = ts;
              else
                p_.errorAt(s->label->pos, "invalid break label " + std::string(nm));
            } else {
              p_.errorAt(s->label->pos, "break label not defined: " + std::string(nm));
            }
          } else if (s->tok == Tok::Continue) {
            if (LabeledStmt* t = enclosingTarget(b, nm)) {
              Stmt* ts = t == &invalid_ ? nullptr : t->stmt;
              if (ts != nullptr && ts->kind == NodeKind::ForStmt) s->target = ts;
              else p_.errorAt(s->label->pos, "invalid continue label " + std::string(nm));
            } else {
              p_.errorAt(s->label->pos, "continue label not defined: " + std::string(nm));
            }
          } else if (s->tok == Tok::Goto) {
            if (LabeledStmt* t = gotoTarget(b, nm)) s->target = t;
            else fwdGotos.push_back(s);
          }
          break;
        }
        case NodeKind::AssignStmt: {
          auto* s = static_cast<AssignStmt*>(stmt);
          if (s->op == Op::Def) {
            std::string names;
            for (uint32_t i = 0; i < s->lhs.size; ++i) names += (i ? ", " : "") + exprString(s->lhs[i]);
            recordVarDecl(s->pos, names);
          }
          break;
        }
        case NodeKind::BlockStmt: {
          auto* s = static_cast<BlockStmt*>(stmt);
          inner(Targets{ctxt.breaks, ctxt.continues, -1}, s->pos, s->list);
          break;
        }
        case NodeKind::IfStmt: {
          auto* s = static_cast<IfStmt*>(stmt);
          Targets t{ctxt.breaks, ctxt.continues, -1};
          inner(t, s->then->pos, s->then->list);
          if (s->elseStmt != nullptr) {
            Stmt** one = static_cast<Stmt**>(p_.arena_.allocate(sizeof(Stmt*), alignof(Stmt*)));
            one[0] = s->elseStmt;
            inner(t, s->elseStmt->pos, Span<Stmt*>{one, 1});
          }
          break;
        }
        case NodeKind::ForStmt: {
          auto* s = static_cast<ForStmt*>(stmt);
          inner(Targets{s, s, -1}, s->body->pos, s->body->list);
          break;
        }
        case NodeKind::SwitchStmt: {
          auto* s = static_cast<SwitchStmt*>(stmt);
          Targets t{s, ctxt.continues, -1};
          for (uint32_t i = 0; i < s->body.size; ++i) {
            t.caseIndex = static_cast<int>(i);
            inner(t, s->body[i]->pos, s->body[i]->body);
          }
          break;
        }
        case NodeKind::SelectStmt: {
          auto* s = static_cast<SelectStmt*>(stmt);
          Targets t{s, ctxt.continues, -1};
          for (CommClause* cc : s->body) inner(t, cc->pos, cc->body);
          break;
        }
        default: break;
      }
    }
    return fwdGotos;
  }

  Parser& p_;
  std::unordered_map<std::string_view, Label> labels_;
  std::vector<std::unique_ptr<Block>> blocks_;
  LabeledStmt invalid_;
};

void Parser::checkBranches(BlockStmt* body) {
  if (body == nullptr) return;
  BranchChecker(*this).run(body);
}

// ====================================== entry =====================================================

Diagnostics Parser::finish() {
  if (syntaxErrors_ == 0 && !stopped_)
    for (Pos p : lateMisplaced_) errorAt(p, "misplaced compiler directive");
  std::stable_sort(errors_.begin(), errors_.end(), [](const RawError& a, const RawError& b) { return a.pos < b.pos; });
  Diagnostics out;
  out.reserve(errors_.size() + 1);
  std::string file(fileName_);
  for (size_t i = 0; i < errors_.size(); ++i) {
    if (i > 0 && errors_[i].pos == errors_[i - 1].pos && errors_[i].msg == errors_[i - 1].msg) continue;
    out.push_back({file, errors_[i].pos, errors_[i].msg});
  }
  if (stopped_) out.push_back({file, tooManyPos_, "too many errors"});
  return out;
}

// ================================ go command pre-scan =============================================
// `go build` first reads each file's package clause and imports with go/parser (go/build's
// readGoInfo) and stops at the first error there, printing go/parser's wording. This emulates that
// header parse: package clause, then import declarations, stopping at the first other token.

class HeaderCheck {
 public:
  explicit HeaderCheck(std::string_view src) : lex_(src, &HeaderCheck::ignore, nullptr) { lex_.next(); }

  // Returns false and sets pos/msg at the first error.
  bool run(Pos& pos, std::string& msg) {
    if (!expect(Tok::Package, "'package'")) return fail(pos, msg);
    if (!expect(Tok::Name, "'IDENT'")) return fail(pos, msg);
    if (!expectSemi()) return fail(pos, msg);
    while (t().tok == Tok::Import) {
      lex_.next();
      if (t().tok == Tok::Lparen) {
        lex_.next();
        while (t().tok != Tok::Rparen && t().tok != Tok::EOF_)
          if (!importSpec()) return fail(pos, msg);
        if (!expect(Tok::Rparen, "')'")) return fail(pos, msg);
        if (!expectSemi()) return fail(pos, msg);
      } else if (!importSpec()) {
        return fail(pos, msg);
      }
    }
    return true;
  }

 private:
  static void ignore(void*, Pos, std::string) {}
  const Token& t() const { return lex_.tok(); }
  bool fail(Pos& pos, std::string& msg) const {
    pos = errPos_;
    msg = errMsg_;
    return false;
  }
  std::string found() const {
    const Token& k = t();
    switch (k.tok) {
      case Tok::Semi:
        if (k.lit != "semicolon") return "newline";
        return "';'";
      case Tok::Name:
      case Tok::Literal: return std::string(k.lit);
      case Tok::Operator:
      case Tok::Star: return "'" + std::string(opString(k.op)) + "'";
      case Tok::AssignOp: return "'" + std::string(opString(k.op)) + "='";
      case Tok::IncOp: return "'" + std::string(opString(k.op)) + std::string(opString(k.op)) + "'";
      default: return "'" + std::string(tokName(k.tok)) + "'";
    }
  }
  bool expected(const char* what) {
    errPos_ = t().pos;
    errMsg_ = std::string("expected ") + what + ", found " + found();
    return false;
  }
  bool expect(Tok tok, const char* what) {
    if (t().tok != tok) return expected(what);
    lex_.next();
    return true;
  }
  bool expectSemi() {
    if (t().tok == Tok::Rparen || t().tok == Tok::Rbrace) return true;
    if (t().tok == Tok::Semi) {
      lex_.next();
      return true;
    }
    return expected("';'");
  }
  bool importSpec() {
    if (t().tok == Tok::Dot || t().tok == Tok::Name) lex_.next();
    if (t().tok != Tok::Literal || t().kind != LitKind::String) return expected("'STRING'");
    lex_.next();
    return expectSemi();
  }

  Lexer lex_;
  Pos errPos_;
  std::string errMsg_;
};

}  // namespace

ParseResult parseFile(std::string_view source, std::string_view displayName) {
  ParseResult r;
  r.arena = std::make_unique<Arena>(source.size() * 4 + 4096);
  std::string_view src = r.arena->copyString(source);
  std::string_view name = r.arena->copyString(displayName);

  Pos hpos;
  std::string hmsg;
  if (!HeaderCheck(src).run(hpos, hmsg)) {
    std::string bare(name);
    if (bare.rfind("./", 0) == 0) bare = bare.substr(2);
    r.diags.push_back({bare, hpos, hmsg});
    r.headerError = true;
    return r;
  }

  Parser p(src, name, *r.arena);
  r.file = p.parseFile();
  if (r.file != nullptr) {
    r.file->source = src;
    r.file->fileName = name;
  }
  r.diags = p.finish();
  r.syntaxErrors = p.syntaxErrors_;
  r.tooManyErrors = p.stoppedEarly();
  return r;
}

}  // namespace gofast::lang
