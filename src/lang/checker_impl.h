// Internal: the Checker class shared by checker*.cpp. Not part of the public API (see checker.h).
//
// Section index: operands · the checker state · declarations (checker.cpp) · types (checker.cpp)
// · expressions (checker_expr.cpp) · calls, builtins, selectors, packages (checker_call.cpp)
// · statements (checker_stmt.cpp).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lang/checker.h"

namespace gofast::lang {

using types::Constant;
using types::Func;
using types::Kind;
using types::Object;
using types::ObjKind;
using types::Scope;
using types::Type;

// What an expression denotes (types2's operand modes).
enum class Mode : uint8_t { Invalid, NoValue, Builtin, TypeExpr, Constant, Variable, Value, NilValue, CommaOk };

struct Operand {
  Mode mode = Mode::Invalid;
  Expr* expr = nullptr;
  const Type* type = nullptr;
  const Constant* val = nullptr;
  types::Builtin id = types::Builtin::None;
  bool invalid() const { return mode == Mode::Invalid; }
};

// Declaration info of a package-level object.
struct DeclInfo {
  Object* obj = nullptr;
  Node* decl = nullptr;          // ConstDecl/VarDecl/TypeDecl/FuncDecl
  Expr* typ = nullptr;           // const/var type expression
  Expr* init = nullptr;          // const/var initializer (single)
  VarDecl* multi = nullptr;      // var a, b = f(): the whole declaration (lhs objects in lhsObjs)
  std::vector<Object*> lhsObjs;  // for multi
  ConstDecl* inheritFrom = nullptr;  // const with implicit repetition: the spec providing type/values
  int constIndex = 0;            // index of the name within its spec
  int iota = 0;
  std::vector<Object*> deps;     // package-level vars/consts/funcs referenced
  uint8_t color = 0;             // 0 white, 1 grey, 2 black
};

class Checker {
 public:
  Checker(File* file, Arena& arena, const CheckOptions& opts, CheckResult& res);
  void run();

  // ---- reporting
  void error(Pos pos, std::string msg);
  void errorAt(const Node* n, std::string msg) { error(n ? n->start : Pos{}, std::move(msg)); }
  std::string opString(const Operand& x);
  // Go's syntax.String in short form: composite literals print as T{…}.
  static std::string exprStr(const Node* e);
  std::string declPos(Pos p);  // "./main.go:7:6"

  // ---- declarations (checker.cpp)
  void declareUniverse();
  void collectObjects();
  void packageObjects();
  void objDecl(Object* obj);
  void constDecl(Object* obj, DeclInfo& d);
  void varDecl(Object* obj, DeclInfo& d);
  void typeDecl(Object* obj, DeclInfo& d);
  void funcDecl(Object* obj, DeclInfo& d);
  void collectMethods(Object* typeName);
  void funcBody(Func* f, BlockStmt* body);
  void usage(Scope* s);
  void validTypes();
  void validType(Object* typeName);  // reports "invalid recursive type" for cycles through typeName
  void initOrder();
  void unusedImports();
  bool declare(Scope* s, Object* obj, Name* id);  // false: redeclared (reported, not inserted)
  Object* newObject(ObjKind k, std::string_view name, Pos pos, const Type* t);
  Scope* newScope(Scope* parent, Func* f);
  Object* lookup(std::string_view name);
  void recordUse(Name* n, Object* obj);

  // ---- types
  const Type* typExpr(Expr* e);             // a type expression; invalidType() after an error
  const Type* typExprOrNull(Expr* e);       // null if e is not a type (no error)
  const Type* funcType(FuncType* ft, Field* recv, Func* f, Scope* scope);
  const Type* structType(StructType* st);
  int64_t arrayLength(Expr* e);
  void checkUnsupportedType(Expr* e);

  // ---- expressions (checker_expr.cpp)
  void expr(Operand& x, Expr* e);            // single value
  void exprOrType(Operand& x, Expr* e);
  void multiExpr(Operand& x, Expr* e);       // may be a tuple
  void rawExpr(Operand& x, Expr* e, const Type* hint, bool allowGeneric);
  void exprInternal(Operand& x, Expr* e, const Type* hint);
  std::vector<Operand> exprList(Span<Expr*> list, bool allowCommaOk, bool* commaOk);
  void singleValue(Operand& x);
  void unary(Operand& x, Operation* e);
  void binary(Operand& x, Expr* e, Expr* lhs, Expr* rhs, Op op, Pos opPos);
  void shift(Operand& x, Operand& y, Expr* e, Op op);
  void comparison(Operand& x, Operand& y, Op op, Expr* e);
  void matchTypes(Operand& x, Operand& y);
  bool implicitType(Operand& x, const Type* target, const Type** out, int* code);
  void convertUntyped(Operand& x, const Type* target);
  void assignment(Operand& x, const Type* T, const char* context);
  void updateExprType(Expr* e, const Type* t, bool final);
  void setType(Operand& x);  // records x's type/constant on x.expr
  void overflow(Operand& x, Pos opPos);
  bool representableConst(Operand& x, const Type* t, int* code, const Constant** rounded);
  void representable(Operand& x, const Type* t);
  void index(Operand& x, IndexExpr* e);
  void sliceExpr(Operand& x, SliceExpr* e);
  bool indexValue(Expr* e, int64_t max, int64_t* out);  // checks an index expression
  void compositeLit(Operand& x, CompositeLit* e, const Type* hint);
  void funcLit(Operand& x, FuncLit* e);
  std::string typesSummary(const std::vector<const Type*>& ts, bool variadic);

  // ---- calls, conversions, builtins, selectors (checker_call.cpp)
  void call(Operand& x, CallExpr* e);
  void conversion(Operand& x, const Type* T, CallExpr* e);
  void builtin(Operand& x, CallExpr* e, types::Builtin id);
  void arguments(CallExpr* e, const Type* sig, std::vector<Operand>& args, const std::string& fname);
  void selector(Operand& x, SelectorExpr* e);
  bool packageMember(Operand& x, SelectorExpr* e, Object* pkg);
  Object* lookupFieldOrMethod(const Type* T, bool addressable, std::string_view name, std::vector<int>& path,
                              bool* indirect, bool* ptrRecvNeeded);
  void declarePackages();

  // ---- statements (checker_stmt.cpp)
  void stmtList(Span<Stmt*> list, int ctx);
  void stmt(Stmt* s, int ctx);
  void simpleStmt(Stmt* s);
  void assignStmt(AssignStmt* s);
  void shortVarDecl(AssignStmt* s, Span<Expr*> lhs, Span<Expr*> rhs, Pos pos);
  void assignVars(Span<Expr*> lhs, Span<Expr*> rhs);
  void initVars(std::vector<Object*>& lhs, Span<Expr*> rhs, ReturnStmt* ret, Pos retPos);
  const Type* assignVar(Expr* lhs, Operand& x);
  void initVar(Object* lhs, Operand& x, const char* context);
  void assignError(Span<Expr*> rhs, int nvars, int nvals);
  void declStmt(DeclStmt* s);
  void arity(Span<Name*> names, Span<Expr*> inits, bool constDecl);
  void forStmt(ForStmt* s, int ctx);
  void rangeStmt(ForStmt* s, int ctx);
  void switchStmt(SwitchStmt* s, int ctx);
  void selectStmt(SelectStmt* s, int ctx);
  void returnStmt(ReturnStmt* s);
  bool isTerminating(Stmt* s, std::string_view label);
  bool isTerminatingList(Span<Stmt*> list, std::string_view label);
  bool hasBreak(Stmt* s, std::string_view label, bool implicit);
  bool hasBreakList(Span<Stmt*> list, std::string_view label, bool implicit);
  void openScope(Node* n);
  void closeScope();
  void useLhs(Span<Expr*> lhs);
  void useExprs(Span<Expr*> list);
  void suspendedCall(const char* keyword, CallExpr* call);

  // ---- state
  File* file_;
  Arena& arena_;
  CheckOptions opts_;
  CheckResult& res_;
  bool firstErr_ = false;
  Scope* universe_ = nullptr;
  Scope* pkg_ = nullptr;
  Scope* fileScope_ = nullptr;
  Scope* scope_ = nullptr;     // current scope
  Func* func_ = nullptr;       // current function (null at package level)
  DeclInfo* decl_ = nullptr;   // current package-level declaration (dependency recording)
  const Constant* iota_ = nullptr;  // current iota value (in const declarations)
  Pos errpos_;                 // inherited constant initializers report here
  std::unordered_map<Object*, DeclInfo*> objMap_;
  std::vector<std::unique_ptr<DeclInfo>> declInfos_;
  std::vector<Object*>* locals_ = nullptr;  // local variables of the current function body
  std::unordered_set<const Type*> invalidRecursive_;
  std::unordered_set<const Type*> validated_;  // named types known not to contain themselves
  std::vector<Object*> objList_;             // package-level objects in source order
  std::unordered_map<std::string_view, std::vector<FuncDecl*>> methodDecls_;  // by receiver base name
  std::vector<std::pair<Func*, BlockStmt*>> delayed_;  // function bodies to check
  std::vector<Object*> imports_;
  std::unordered_map<Func*, std::vector<Object*>> captures_;
  std::vector<Object*> typePath_;  // typeDecl nesting for cycle reports
  std::vector<Object*> objPath_;
  Object* pkgObjs_[static_cast<int>(types::PkgId::Count)] = {};  // package "objects" with member scopes
  Scope* pkgMembers_[static_cast<int>(types::PkgId::Count)] = {};
  // statement context
  struct Breakable {
    Stmt* stmt;
    std::string_view label;
    bool loop;
  };
  std::vector<Breakable> breakables_;
  std::string_view pendingLabel_;
  std::string_view rangeLabel_;
};

// Statement context flags.
enum StmtCtx : int { kBreakOk = 1, kContinueOk = 2, kFallthroughOk = 4, kFinalSwitchCase = 8, kInTypeSwitch = 16 };

Expr* unparen(Expr* e);

}  // namespace gofast::lang
