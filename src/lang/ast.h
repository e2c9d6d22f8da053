// AST: the syntax tree of one Go source file, shaped after Go 1.19's cmd/compile/internal/syntax.
//
// Why this shape:
//   - Node kinds and names follow Go's syntax package (Operation, CallExpr, CompositeLit,
//     AssignStmt, RangeClause, CaseClause...) so that the checker, inliner and escape analysis can
//     be written with Go's noder/typecheck/inline/escape sources open side by side.
//   - Every node has two positions. `pos` is the position Go's compiler attaches to the node and
//     therefore prints in `-m` output and diagnostics (a call's `(`, a binary operation's operator,
//     a composite literal's `{`, a selector's `.`, an assignment's `=`/`:=`, a label's `:`...; see
//     each node below). `start` is the node's leftmost source position (Go's syntax.StartPos), for
//     highlighting and for the few messages Go reports at the start of an expression.
//   - Types are expressions (as in Go): `[]int` is a SliceType node wherever it appears.
//   - The checker and later passes fill typed slots instead of side tables: Expr::type,
//     Expr::constant, Name::obj, FuncDecl/FuncLit::func and ::analysis, BlockStmt::scope,
//     BranchStmt::target. The pointee types are only forward-declared here (lang/ must not depend on
//     the passes that define them).
//   - Nodes live in an Arena (common/arena.h) and are trivially destructible: child lists are
//     Span<T*> and text is std::string_view into the arena-owned copy of the source.
//   - Constructs outside gofast's subset (maps, interfaces, type parameters, goto, type switches,
//     type assertions) parse into ordinary nodes; `unsupportedFeature()` names them so the checker
//     can report "maps are not supported by gofast" at the node's position.
//
// Sections: forward declarations · node kinds · expressions · types · statements · declarations ·
// traversal and printing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/arena.h"
#include "common/pos.h"
#include "lang/token.h"

// ---- forward declarations of what later passes attach -------------------------------------------
namespace gofast::types {
struct Type;      // a Go type (checker)
struct Constant;  // a constant value (checker)
struct Object;    // what a name denotes: var, const, type, func, package, label, builtin (checker)
struct Func;      // the checker's per-function record (params, results, closure vars)
struct Scope;     // a lexical scope (checker)
}  // namespace gofast::types
namespace gofast::analysis {
struct FuncAnalysis;  // inliner + escape analysis results for one function (decl or literal)
}

namespace gofast::lang {

enum class NodeKind : uint8_t {
  // expressions
  BadExpr,
  Name,
  BasicLit,
  CompositeLit,
  KeyValueExpr,
  FuncLit,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  SliceExpr,
  AssertExpr,
  TypeSwitchGuard,
  Operation,
  CallExpr,
  ListExpr,
  // types (also expressions)
  ArrayType,
  SliceType,
  DotsType,
  StructType,
  FuncType,
  InterfaceType,
  MapType,
  ChanType,
  // neither
  Field,
  // statements
  EmptyStmt,
  LabeledStmt,
  BlockStmt,
  ExprStmt,
  SendStmt,
  DeclStmt,
  AssignStmt,
  BranchStmt,
  CallStmt,
  ReturnStmt,
  IfStmt,
  ForStmt,
  SwitchStmt,
  SelectStmt,
  RangeClause,
  CaseClause,
  CommClause,
  // declarations
  ImportDecl,
  ConstDecl,
  TypeDecl,
  VarDecl,
  FuncDecl,
  File,
};

const char* nodeKindName(NodeKind k);

struct Node {
  NodeKind kind;
  Pos pos;    // Go's position for this node (see each node)
  Pos start;  // leftmost position of the node's source text
  explicit Node(NodeKind k) : kind(k) {}

  template <class T>
  T* as() { return kind == T::Kind ? static_cast<T*>(this) : nullptr; }
  template <class T>
  const T* as() const { return kind == T::Kind ? static_cast<const T*>(this) : nullptr; }
  template <class T>
  bool is() const { return kind == T::Kind; }
};

// ======================================= expressions ============================================

struct Expr : Node {
  const types::Type* type = nullptr;          // checker: the expression's type (or the type denoted)
  const types::Constant* constant = nullptr;  // checker: the value if the expression is constant
  explicit Expr(NodeKind k) : Node(k) {}
};

bool isExprKind(NodeKind k);  // BadExpr..ChanType

#define GOFAST_NODE(T)                   \
  static constexpr NodeKind Kind = NodeKind::T; \
  T() : Base(NodeKind::T) {}

// Placeholder produced after a syntax error. pos: where the error was.
struct BadExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(BadExpr)
};

// An identifier (also "_" and the names of builtins). pos: the identifier.
struct Name : Expr {
  using Base = Expr;
  GOFAST_NODE(Name)
  std::string_view value;
  types::Object* obj = nullptr;  // checker: what the name resolves to
};

// 42, 0x1p-2, 'a', "s", `raw`. pos: the literal. `value` is the source text; decode it with the
// helpers in lexer.h. bad: a lexical error was already reported for it.
struct BasicLit : Expr {
  using Base = Expr;
  GOFAST_NODE(BasicLit)
  std::string_view value;
  LitKind litKind = LitKind::Int;
  bool bad = false;
};

// T{elems}. pos: the '{' (Go reports composite literals there). type is null for an elided type
// inside another literal ({1, 2} in [][]int{{1, 2}}). nkeys: how many elems are KeyValueExprs.
struct CompositeLit : Expr {
  using Base = Expr;
  GOFAST_NODE(CompositeLit)
  Expr* litType = nullptr;
  Span<Expr*> elems;
  uint32_t nkeys = 0;
  Pos rbrace;
};

// key: value inside a composite literal. pos: the ':'.
struct KeyValueExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(KeyValueExpr)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

struct FuncType;
struct BlockStmt;

// func(params) results { body }. pos: the `func` keyword.
struct FuncLit : Expr {
  using Base = Expr;
  GOFAST_NODE(FuncLit)
  FuncType* funcType = nullptr;
  BlockStmt* body = nullptr;
  types::Func* func = nullptr;                   // checker
  analysis::FuncAnalysis* analysis = nullptr;   // inliner / escape analysis
};

// (x). Kept as written (as Go's parser does), except directly under & (Go unparens &(x)) and
// around a go/defer call. pos: the '('.
struct ParenExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(ParenExpr)
  Expr* x = nullptr;
};

// x.sel. pos: the '.' (Go's syntax position; start is x's start).
struct SelectorExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(SelectorExpr)
  Expr* x = nullptr;
  struct Name* sel = nullptr;
};

// x[index] (also generic instantiation x[T1, T2], with index a ListExpr). pos: the '['.
struct IndexExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(IndexExpr)
  Expr* x = nullptr;
  Expr* index = nullptr;
};

// x[lo:hi] or x[lo:hi:max] (full). Missing indices are null. pos: the '['.
struct SliceExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(SliceExpr)
  Expr* x = nullptr;
  Expr* index[3] = {nullptr, nullptr, nullptr};
  bool full = false;
};

// x.(T): outside the subset. pos: the '.'.
struct AssertExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(AssertExpr)
  Expr* x = nullptr;
  Expr* assertType = nullptr;
};

// [lhs :=] x.(type) in a type switch header: outside the subset. pos: the '.'.
struct TypeSwitchGuard : Expr {
  using Base = Expr;
  GOFAST_NODE(TypeSwitchGuard)
  struct Name* lhs = nullptr;
  Expr* x = nullptr;
};

// Unary (y == null) or binary operation. pos: the operator (for unary ops that is also start).
// Unary ops: Not, Add, Sub, Xor, Mul (pointer indirection *x / pointer type *T), And (&x), Recv
// (<-x), Tilde (~T in constraints).
struct Operation : Expr {
  using Base = Expr;
  GOFAST_NODE(Operation)
  Op op = Op::None;
  Expr* x = nullptr;
  Expr* y = nullptr;
  bool isUnary() const { return y == nullptr; }
};

// fun(args) or fun(args...) — calls and conversions alike. pos: the '(' (Go's position for calls:
// `return leaf(x)` after a tab reports column 13).
struct CallExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(CallExpr)
  Expr* fun = nullptr;
  Span<Expr*> args;
  bool hasDots = false;  // final argument followed by ...
};

// x, y, z where Go's grammar allows one expression list in one slot (type argument lists).
// pos: the first element's pos.
struct ListExpr : Expr {
  using Base = Expr;
  GOFAST_NODE(ListExpr)
  Span<Expr*> elems;
};

// ========================================== types ===============================================

// [len]elem; len == null means [...]elem. pos: the '['.
struct ArrayType : Expr {
  using Base = Expr;
  GOFAST_NODE(ArrayType)
  Expr* len = nullptr;
  Expr* elem = nullptr;
};

// []elem. pos: the '['.
struct SliceType : Expr {
  using Base = Expr;
  GOFAST_NODE(SliceType)
  Expr* elem = nullptr;
};

// ...elem, the type of a final variadic parameter. pos: the '...'.
struct DotsType : Expr {
  using Base = Expr;
  GOFAST_NODE(DotsType)
  Expr* elem = nullptr;
};

// A struct field, a parameter/result, a receiver, an interface element or a type parameter.
// name is null for embedded fields and unnamed parameters. tag: struct tag or null.
// pos: the name if any, else the type (Go's Field pos).
struct Field : Node {
  using Base = Node;
  GOFAST_NODE(Field)
  struct Name* name = nullptr;
  Expr* type = nullptr;  // shared by all names of a group ("a, b int"): same Expr*
  BasicLit* tag = nullptr;
};

// struct { fields }. pos: `struct`.
struct StructType : Expr {
  using Base = Expr;
  GOFAST_NODE(StructType)
  Span<Field*> fields;
};

// func(params) results. pos: the '(' of the parameters (Go's position, for literals, types and
// declarations alike); start: the `func` keyword (for a FuncDecl, the '(').
struct FuncType : Expr {
  using Base = Expr;
  GOFAST_NODE(FuncType)
  Span<Field*> params;
  Span<Field*> results;
};

// interface { methods and embedded elements }: outside the subset (except `any` by name).
// pos: `interface`.
struct InterfaceType : Expr {
  using Base = Expr;
  GOFAST_NODE(InterfaceType)
  Span<Field*> methods;
};

// map[key]value: outside the subset. pos: `map`.
struct MapType : Expr {
  using Base = Expr;
  GOFAST_NODE(MapType)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

// chan T, chan<- T, <-chan T. pos: `chan`, or the `<-` of <-chan.
struct ChanType : Expr {
  using Base = Expr;
  GOFAST_NODE(ChanType)
  ChanDir dir = ChanDir::Both;
  Expr* elem = nullptr;
};

// ======================================== statements ============================================

struct Stmt : Node {
  explicit Stmt(NodeKind k) : Node(k) {}
};

// An empty statement (a lone ';', or after a label before '}'). pos: where it would be.
struct EmptyStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(EmptyStmt)
};

// label: stmt. pos: the ':' (Go's position); start: the label.
struct LabeledStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(LabeledStmt)
  struct Name* label = nullptr;
  Stmt* stmt = nullptr;
};

// { list }. pos: the '{'.
struct BlockStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(BlockStmt)
  Span<Stmt*> list;
  Pos rbrace;
  types::Scope* scope = nullptr;  // checker
};

// An expression used as a statement (normally a call or a receive). pos: the expression's pos
// (for a call, its '(').
struct ExprStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(ExprStmt)
  Expr* x = nullptr;
};

// ch <- value. pos: the '<-'.
struct SendStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(SendStmt)
  Expr* chan = nullptr;
  Expr* value = nullptr;
};

struct Decl;

// var/const/type declaration inside a function. pos: the keyword.
struct DeclStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(DeclStmt)
  Span<Decl*> decls;
};

// lhs = rhs (op None), lhs := rhs (op Def), lhs op= rhs (op Add, Shl...), lhs++ / lhs--
// (op Add/Sub with rhs empty: see isIncDec). pos: the assignment operator ('=', ':=', '+=', '++').
struct AssignStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(AssignStmt)
  Op op = Op::None;
  Span<Expr*> lhs;
  Span<Expr*> rhs;
  bool isDefine() const { return op == Op::Def; }
  bool isIncDec() const { return rhs.empty(); }
};

// break/continue [label], goto label, fallthrough. pos: the keyword.
struct BranchStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(BranchStmt)
  Tok tok = Tok::Break;
  struct Name* label = nullptr;
  Stmt* target = nullptr;  // checker: the statement broken out of / continued (for/switch/select)
};

struct CallExpr;

// go call / defer call. pos: the keyword. call->fun may be a ParenExpr-free expression; if the
// operand was not a call (an error), the parser wraps it in a CallExpr with no args.
struct CallStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(CallStmt)
  Tok tok = Tok::Go;  // Tok::Go or Tok::Defer
  CallExpr* call = nullptr;
};

// return results. pos: `return`.
struct ReturnStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(ReturnStmt)
  Span<Expr*> results;
};

// if init; cond { then } else elseStmt. elseStmt is an IfStmt, a BlockStmt or null. pos: `if`.
struct IfStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(IfStmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* then = nullptr;
  Stmt* elseStmt = nullptr;
};

struct RangeClause;

// for init; cond; post { body } (any part may be null), or for range: then `range` is set and
// init/cond/post are null. pos: `for`.
struct ForStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(ForStmt)
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  RangeClause* range = nullptr;
  BlockStmt* body = nullptr;
};

// [key [, value] =|:=] range x (only inside ForStmt). pos: `range`. lhs holds everything left
// of the `=`/`:=` (more than two is a checker error); key/value are lhs[0]/lhs[1] for convenience.
struct RangeClause : Stmt {
  using Base = Stmt;
  GOFAST_NODE(RangeClause)
  Span<Expr*> lhs;
  Expr* key = nullptr;    // null for "for range x"
  Expr* value = nullptr;  // null if absent
  bool def = false;       // :=
  Expr* x = nullptr;
};

// case e1, e2: body / default: body. cases is empty for default. pos: `case`/`default`.
struct CaseClause : Stmt {
  using Base = Stmt;
  GOFAST_NODE(CaseClause)
  Span<Expr*> cases;
  bool isDefault = false;
  Span<Stmt*> body;
  Pos colon;
  types::Scope* scope = nullptr;  // checker
};

// switch init; tag { clauses }. tag may be null, or a TypeSwitchGuard (type switch, outside the
// subset). pos: `switch`.
struct SwitchStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(SwitchStmt)
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  Span<CaseClause*> body;
  Pos rbrace;
};

// case comm: body / default: body in a select. comm is a SendStmt, an ExprStmt (<-ch), an
// AssignStmt (v[, ok] = / := <-ch), or null for default. pos: `case`/`default`.
struct CommClause : Stmt {
  using Base = Stmt;
  GOFAST_NODE(CommClause)
  Stmt* comm = nullptr;
  Span<Stmt*> body;
  Pos colon;
  types::Scope* scope = nullptr;  // checker
};

// select { clauses }. pos: `select`.
struct SelectStmt : Stmt {
  using Base = Stmt;
  GOFAST_NODE(SelectStmt)
  Span<CommClause*> body;
  Pos rbrace;
};

// ====================================== declarations ============================================

// The parenthesised group a declaration came from (const ( ... )): identical pointer for all
// members; null for ungrouped declarations. pos: the '('.
struct DeclGroup {
  Pos pos;
};

// A //go:xxx directive attached to a declaration (see lexer.h). text: "go:noinline".
struct DirectiveRef {
  Pos pos;
  std::string_view text;
};

struct Decl : Node {
  const DeclGroup* group = nullptr;
  Span<DirectiveRef> directives;  // //go: lines immediately before the declaration
  explicit Decl(NodeKind k) : Node(k) {}
  // True if a directive with exactly this name ("go:noinline") is attached.
  bool hasDirective(std::string_view name) const;
};

// import [name] "path". pos: the name if any, else the path.
struct ImportDecl : Decl {
  using Base = Decl;
  GOFAST_NODE(ImportDecl)
  struct Name* localName = nullptr;  // null, or a Name ("." for dot imports)
  BasicLit* path = nullptr;          // null after a syntax error
};

// names [type] [= values], one line of a const declaration. values empty means "repeat the
// previous line's type and values" (Go spec, implicit repetition). pos: the first name.
// iota: the index of this line within its group (0 when ungrouped).
struct ConstDecl : Decl {
  using Base = Decl;
  GOFAST_NODE(ConstDecl)
  Span<struct Name*> names;
  Expr* constType = nullptr;
  Span<Expr*> values;
  int32_t iota = 0;
};

// type name[tparams] [=] type. pos: the name.
struct TypeDecl : Decl {
  using Base = Decl;
  GOFAST_NODE(TypeDecl)
  struct Name* name = nullptr;
  Span<Field*> tparams;  // generics: outside the subset
  bool alias = false;
  Expr* declType = nullptr;
};

// names type [= values] / names = values. pos: the first name.
struct VarDecl : Decl {
  using Base = Decl;
  GOFAST_NODE(VarDecl)
  Span<struct Name*> names;
  Expr* varType = nullptr;
  Span<Expr*> values;
};

// func (recv) name[tparams](params) results { body }. body is null for a declaration without
// body. pos: the `func` keyword; funcType->pos: the '(' of the parameters.
struct FuncDecl : Decl {
  using Base = Decl;
  GOFAST_NODE(FuncDecl)
  Field* recv = nullptr;
  struct Name* name = nullptr;
  Span<Field*> tparams;  // generics: outside the subset
  FuncType* funcType = nullptr;
  BlockStmt* body = nullptr;
  types::Func* func = nullptr;                  // checker
  analysis::FuncAnalysis* analysis = nullptr;  // inliner / escape analysis
  bool noinline() const { return hasDirective("go:noinline"); }
};

// A source file. pos: `package`. eof: the end of the file.
struct File : Node {
  using Base = Node;
  GOFAST_NODE(File)
  struct Name* pkgName = nullptr;
  Span<Decl*> decls;  // imports first, in source order
  Pos eof;
  std::string_view source;    // the text the node views point into
  std::string_view fileName;  // display name, e.g. "./main.go"
};

#undef GOFAST_NODE

// ================================== traversal and printing ======================================

// Calls fn(child) for each direct child node in source order (null children are skipped).
// Fields and clauses count as children. A plain function pointer keeps this header light.
using ChildFn = void (*)(Node* child, void* ctx);
void forEachChild(Node* n, ChildFn fn, void* ctx);

template <class F>
void forEachChild(Node* n, F&& f) {
  using Fn = std::remove_reference_t<F>;  // may be const
  forEachChild(
      n, [](Node* c, void* ctx) { (*static_cast<Fn*>(ctx))(c); },
      const_cast<void*>(static_cast<const void*>(&f)));
}

// If n is a construct outside gofast's subset, a plural noun for the message
// "<what> are not supported by gofast" ("maps", "interfaces", "type parameters", "goto statements",
// "type switches", "type assertions"); otherwise null. The checker decides whether to report
// (e.g. `any` in fmt calls is fine and is a Name, not an InterfaceType).
const char* unsupportedFeature(const Node* n);

// Go-syntax text of an expression or simple statement, as Go's syntax.String prints it in
// messages ("x + 1", "f(a, b)", "x := 1", "[]int{...}").
std::string exprString(const Node* n);

// An indented tree dump for tests and debugging: one node per line with kind, pos, start and
// salient attributes, e.g. `CallExpr @4:13 [4:9]`.
std::string dumpAst(const Node* n);

}  // namespace gofast::lang
