// IR: a typed tree shaped like Go 1.19's cmd/compile/internal/ir after type checking.
//
// Why a second tree next to the AST: Go's inliner prices a function by counting the nodes of *this*
// shape (one point per node visited by hairyVisitor, inl.go:261), and escape analysis walks it after
// inlining. So the shape must be Go's, not the parser's: `x := 1` is an OAS whose init list holds an
// ODCL; `*p++` is `*p += 1` (OASOP); `var v T` is ODCL + `v = <nil>`; `x.M()` is an OCALLFUNC whose
// callee is the method expression `(*T).M` with `&x` as first argument (typecheck.FixMethodCall);
// `&T{...}` is OPTRLIT over an OSTRUCTLIT of OSTRUCTKEYs; constants are OLITERAL nodes that print as
// their source text (noder's OrigConst). lower.cpp builds this from the checked AST (Go's noder +
// typecheck); inline.cpp edits it in place (OINLCALL); escape.cpp reads it.
//
// Representation:
//   - One `Node` struct for every op (operands x/y/z, lists init/list/rlist/body, and a few
//     op-specific fields), allocated in an Arena and trivially destructible. Lists are Span<Node*>.
//   - Variables are `Name` nodes (op ONAME), one per variable, shared by all references (as Go's
//     *ir.Name). Closures refer to captured variables through their own closure-var Names whose
//     `outer` is the enclosing function's Name (Go's ClosureVars).
//   - Functions are `Func` records (declarations, methods, closures and re-created closure copies),
//     owned by the Package (they hold growable vectors: Dcl grows while inlining).
//   - Every node keeps Go's position (`pos`); copies made by the inliner print at the outermost call
//     site, as Go's base.FmtPos does, and keep the original in `origPos`.
//
// Sections: ops · classes · Node and Name · Func and Package · printing (Go's ir/fmt.go subset).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "common/arena.h"
#include "common/pos.h"
#include "lang/ast.h"
#include "lang/constant.h"
#include "lang/token.h"
#include "lang/types.h"

namespace gofast::analysis {

// ---- ops (names as Go's ir.Op.String prints them, minus the leading O) ----------------------------
#define GOFAST_IR_OPS(X)                                                                           \
  X(XXX) X(NAME) X(NONAME) X(TYPE) X(LITERAL) X(NIL)                                               \
  X(ADD) X(SUB) X(OR) X(XOR) X(ADDSTR) X(ADDR) X(ANDAND) X(APPEND) X(BYTES2STR) X(RUNES2STR)      \
  X(STR2BYTES) X(STR2RUNES) X(AS) X(AS2) X(AS2DOTTYPE) X(AS2FUNC) X(AS2MAPR) X(AS2RECV) X(ASOP)    \
  X(CALL) X(CALLFUNC) X(CALLMETH) X(CALLINTER) X(CAP) X(CLOSE) X(CLOSURE) X(COMPLIT) X(MAPLIT)     \
  X(STRUCTLIT) X(ARRAYLIT) X(SLICELIT) X(PTRLIT) X(CONV) X(CONVIFACE) X(CONVNOP) X(COPY) X(DCL)    \
  X(DCLFUNC) X(DCLCONST) X(DCLTYPE) X(DELETE) X(DOT) X(DOTPTR) X(DOTMETH) X(DOTINTER) X(XDOT)      \
  X(DOTTYPE) X(EQ) X(NE) X(LT) X(LE) X(GE) X(GT) X(DEREF) X(INDEX) X(INDEXMAP) X(KEY)              \
  X(STRUCTKEY) X(LEN) X(MAKE) X(MAKECHAN) X(MAKEMAP) X(MAKESLICE) X(MAKESLICECOPY) X(MUL) X(DIV)   \
  X(MOD) X(LSH) X(RSH) X(AND) X(ANDNOT) X(NEW) X(NOT) X(BITNOT) X(PLUS) X(NEG) X(OROR) X(PANIC)    \
  X(PRINT) X(PRINTN) X(PAREN) X(SEND) X(SLICE) X(SLICEARR) X(SLICESTR) X(SLICE3) X(SLICE3ARR)      \
  X(RECOVER) X(RECV) X(RUNESTR) X(SELRECV2) X(REAL) X(IMAG) X(COMPLEX) X(ALIGNOF) X(OFFSETOF)      \
  X(SIZEOF) X(UNSAFEADD) X(UNSAFESLICE) X(METHEXPR) X(METHVALUE) X(BLOCK) X(BREAK) X(CASE)         \
  X(CONTINUE) X(DEFER) X(FALL) X(FOR) X(FORUNTIL) X(GOTO) X(IF) X(LABEL) X(GO) X(RANGE) X(RETURN)  \
  X(SELECT) X(SWITCH) X(TYPESW) X(FUNCINST) X(INLCALL) X(INLMARK) X(TAILCALL) X(GETG) X(END)

enum class Op : uint8_t {
#define GOFAST_IR_ENUM(n) O##n,
  GOFAST_IR_OPS(GOFAST_IR_ENUM)
#undef GOFAST_IR_ENUM
};
const char* opName(Op op);  // "CALLFUNC", as in Go's "unhandled op CALLFUNC"

// Storage class of a Name (Go's ir.Class).
enum class Class : uint8_t { Pxxx, PEXTERN, PAUTO, PAUTOHEAP, PPARAM, PPARAMOUT, PTYPEPARAM, PFUNC };

struct Func;
struct Name;

// Node flags (Go keeps them as bits on the concrete node types).
enum NodeFlag : uint16_t {
  kImplicit = 1 << 0,   // inserted by typecheck (implicit &x, *p, conversion): not printed
  kDef = 1 << 1,        // OAS/OAS2/ORANGE: declared with :=
  kNoInline = 1 << 2,   // OCALLFUNC: never inline (go/defer calls)
  kIsDDD = 1 << 3,      // OCALLFUNC/OAPPEND: f(xs...)
  kBounded = 1 << 4,
  kTransient = 1 << 5,  // composite literal / closure only lives during the statement
  kHasBreak = 1 << 6,
  kIsClosureCall = 1 << 7,
  kEscHeap = 1 << 8,    // escape analysis: the variable/allocation lives in the heap (Go's EscHeap;
                        // "moved to heap: x", "... escapes to heap"); unset: stack (EscNone)
  kInlinedOpaque = 1 << 9,  // OCALLFUNC: Go inlines this standard-library call but we keep the call
                            // (Inline::opaque); escape analysis explains it as Go's inlined copy
};

// One IR node. Field meaning by op (Go's field names in brackets):
//   expressions: x [X], y [Y]; list = call args / composite literal elements / OAS2 lhs / lit elems
//   OSLICE*: x, list = {low, high, max} (entries may be null)
//   OAS: x = y (y null: zero value); OAS2*, OSELRECV2: list = lhs, rlist = rhs
//   OASOP: x sub= y;  binary ops: x sub y (sub is the source operator)
//   OIF: x = cond, body, rlist = else;  OFOR: x = cond, y = post, body
//   ORANGE: x = range expression, y = key, z = value, body
//   OSWITCH: x = tag, list = OCASE clauses; OCASE: list = case exprs, body; y = comm (select)
//   OSELECT: list = OCASE clauses;  ORETURN: list = results
//   OBLOCK: list;  OLABEL/OBREAK/OCONTINUE/OGOTO: label
//   OGO/ODEFER: x = call;  OCLOSURE: func;  OMETHEXPR/OMETHVALUE/ODOT*: x, sel (+ func for methods)
//   OINLCALL: init holds the parameter assignments, body the inlined statements, rlist the result
//             variables [ReturnVars]; func = the inlined callee.
//   OSTRUCTKEY: x = value, field = the field; OKEY: x = key, y = value
struct Node {
  Op op = Op::OXXX;
  lang::Op sub = lang::Op::None;
  uint16_t flags = 0;
  Pos pos;      // Go's position (outermost call site for inlined copies)
  Pos origPos;  // the source position of the node (differs from pos inside inlined bodies)
  const types::Type* type = nullptr;
  Node* x = nullptr;
  Node* y = nullptr;
  Node* z = nullptr;
  Span<Node*> init;
  Span<Node*> list;
  Span<Node*> rlist;
  Span<Node*> body;
  Func* func = nullptr;               // OCLOSURE, OMETHEXPR, OMETHVALUE, OINLCALL, OCALLFUNC callee
  const types::Object* field = nullptr;  // ODOT/ODOTPTR/OSTRUCTKEY field; method object for OMETH*
  const types::Constant* val = nullptr;  // OLITERAL
  std::string_view raw;               // OLITERAL: source text (noder's RawOrigExpr); labels; sel name
  Op rawOp = Op::OLITERAL;            // OLITERAL: the op of the original expression (precedence)
  bool has(NodeFlag f) const { return (flags & f) != 0; }
  void set(NodeFlag f, bool on = true) { flags = on ? (flags | f) : (flags & ~f); }
  Name* asName();  // null unless op == ONAME
};

// A variable, function name or the blank identifier (op ONAME).
struct Name : Node {
  std::string_view sym;            // "x", "~r0", "~R0", "_", ".autotmp_4", "sumTo"
  Class cls = Class::Pxxx;
  Func* curfn = nullptr;           // the function declaring it
  Func* fn = nullptr;              // PFUNC: the function
  Node* defn = nullptr;            // the defining statement (OAS/OAS2/ORANGE) or OCLOSURE
  Name* outer = nullptr;           // closure variable: the captured variable of the enclosing func
  const types::Object* obj = nullptr;
  bool addrtaken = false;
  bool byval = false;              // closure variable captured by value (set by escape analysis)
  bool assigned = false;           // reassigned after its declaration (Go's Name.Assigned())
  bool autotemp = false;
  bool isClosureVar = false;
  bool used = false;
  void* opt = nullptr;             // escape analysis: its location
  int32_t resultIndex = -1;        // PPARAMOUT: result index
  Name() { op = Op::ONAME; }
};

inline Name* Node::asName() { return op == Op::ONAME ? static_cast<Name*>(this) : nullptr; }

// The inlinable body of a function (Go's ir.Inline).
struct Inline {
  int32_t cost = 0;
  Span<Node*> body;
  std::vector<Name*> dcl;
  bool canDelayResults = false;
  // Standard-library functions priced from Go's export data without a modelled body: inlining reports
  // them (and innerInlines, the calls Go inlines into them) but keeps the call itself.
  bool opaque = false;
  std::vector<std::string> innerInlines;
  // Opaque: how many variables Go's inlined copy declares in the caller beyond the receiver,
  // parameters and results (its locals and those of the calls inlined into it); they only shift the
  // numbering of later temporaries (.autotmp_N with N = len(Dcl)).
  int32_t opaqueLocals = 0;
};

// A function: declaration, method, closure, re-created closure or a known standard-library function.
struct Func {
  std::string name;               // Go's printed name: "sum", "(*Point).Norm1", "sumTo.func1", "runtime.Gosched"
  Pos pos;                        // Go's fn.Pos(): the name of a declaration, `func` of a literal
  Pos endPos;
  const types::Type* sig = nullptr;
  Name* nname = nullptr;          // the PFUNC name
  Span<Node*> body;
  bool hasBody = true;
  std::vector<Name*> dcl;         // params, results, locals (Go's Func.Dcl)
  Name* recv = nullptr;           // receiver parameter (methods)
  std::vector<Name*> params;      // in order (unnamed ones are "~p0"... with blank-like behaviour)
  std::vector<Name*> results;     // in order ("~r0"... when unnamed)
  std::vector<Name*> closureVars; // closures: captured variables (closure-var Names)
  Func* outer = nullptr;          // closures: the enclosing function
  Node* closure = nullptr;        // closures: the OCLOSURE expression
  bool hiddenClosure = false;
  bool noinline = false;          // //go:noinline
  bool inlinabilityChecked = false;
  bool external = false;          // standard-library function (no IR body unless known)
  bool isMethod = false;
  // Made by a pass, not a function of the program the UI lists: the copy of a closure kept in an
  // Inline body (inlcopy) or the hidden wrapper closure of a go/defer call (escape analysis).
  bool internal = false;
  std::unique_ptr<Inline> inl;
  int32_t closureGen = 0;         // counter for "outer.funcN" names
  int32_t autotmpGen = 0;         // counter shared with Go's autotmp numbering (approximation)
  lang::Node* src = nullptr;      // FuncDecl or FuncLit (null for copies and externals)
  const types::Func* tfunc = nullptr;
  FuncAnalysis info;              // structured results for the UI
  bool isDecl() const { return !hiddenClosure; }
};

// Everything lowering produces for one file.
struct Package {
  std::unique_ptr<Arena> arena;           // IR nodes
  std::deque<Func> funcs;                 // stable addresses
  std::vector<Func*> decls;               // top-level functions in source order (Go's Target.Decls)
  Func* initFunc = nullptr;               // package-level variable initialisers (lower.cpp lowerPackageInit)
  std::string fileName = "./main.go";
  Func* newFunc() { funcs.emplace_back(); return &funcs.back(); }
  // Arena helpers
  template <class T>
  T* make() { return arena->make<T>(); }
  Span<Node*> list(const std::vector<Node*>& v) { return arena->copyArray(v.data(), v.size()); }
};

// ---- construction helpers --------------------------------------------------------------------------
Node* newNode(Package& pkg, Op op, Pos pos, const types::Type* t = nullptr);
Name* newName(Package& pkg, std::string_view sym, Class cls, Pos pos, const types::Type* t, Func* curfn);

// ---- printing (Go's ir/fmt.go, the parts -m prints) ------------------------------------------------
// %v of an expression: "x + 1", "&Point{...}", "(*Point).Norm1(p)", "func literal", "make([]int, n)".
std::string exprString(const Node* n);
// %v of a statement: "x := 1", "for loop", "if x < 0 { x = -x }".
std::string stmtString(const Node* n);
// ir.Nodes %v: statements joined with "; ".
std::string stmtListString(Span<Node*> list);
// A function's type as fmt prints fn.Type(): "func(int) int", "method(*Point) func() int".
std::string funcTypeString(const Func* fn);
// types.Type %v as the compiler prints it ("*Point", "[]int", "func(int)", "chan *int").
std::string typeString(const types::Type* t);

// Output collected by the passes: -m lines in emission order.
struct Output {
  AnalysisOptions opts;
  std::vector<Message> lines;
  void add(Pos pos, std::string text) { lines.push_back(Message{pos, std::move(text)}); }
};

// Go's ir.VisitFuncsBottomUp (ir/scc.go:52): calls analyze with each strongly connected component of
// the call graph, callees first; closures are in their outer function's list, after it.
void visitFuncsBottomUp(const std::vector<Func*>& decls, void (*analyze)(std::vector<Func*>& list, bool recursive, void* ctx),
                        void* ctx);

// Go's ir.StaticValue (ir/expr.go): follows single-assignment local variables to their value.
Node* staticValue(Node* n);

// Ops that make an IR node an expression producing a value (for printing decisions).
bool isStmtOp(Op op);

// Calls f(child) for each child in Go's DoChildren order (init first, then operands and lists).
// Does not descend into closure bodies (as Go). Returns true if f returned true (stop).
template <class F>
bool doChildren(Node* n, F&& f);

}  // namespace gofast::analysis

#include "analysis/ir_inl.h"
