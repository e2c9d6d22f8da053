// Types and objects: the checker's model of a Go program (package gofast::types).
//
// The model follows Go 1.19's go/types (types2) closely, because the checker must print types the
// way types2 prints them in messages (`[]int`, `*Point`, `func(x int) (int, error)`, `chan<- int`,
// `struct{x int}`, `untyped int`) and apply the spec's identity, assignability and convertibility
// rules word for word. It is smaller than types2 in two ways:
//   - One `Type` struct for every kind (a tagged record rather than a class hierarchy): the kinds
//     are few, passes switch on `kind` anyway, and every Type lives in the checker's Arena
//     (trivially destructible, no per-node heap allocation).
//   - One `Object` struct for everything a name can denote (var, const, type name, func, package,
//     builtin, nil, label), again tagged by `kind`.
// byte and rune are distinct Type records (so they print as "byte"/"rune") whose kind equals
// uint8/int32; identity compares basic kinds, so they are identical to uint8/int32 as in Go.
// Sizes and alignment are not here: the compile layer owns layout (compile/layout), and the checker
// asks it through lang::LayoutOracle for unsafe.Sizeof & co.
//
// What later passes use: Expr::type (the expression's type, or the type a type expression denotes),
// Expr::constant, Name::obj (an Object), FuncDecl/FuncLit::func (a Func record with params, results
// and, for literals, the captured variables).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/arena.h"
#include "common/pos.h"
#include "lang/token.h"

namespace gofast::lang {
struct Node;
struct Expr;
}  // namespace gofast::lang

namespace gofast::types {

struct Object;
struct Scope;
struct Constant;
struct Func;

enum class Kind : uint8_t {
  Invalid,
  // basic, typed
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  String,
  UnsafePointer,
  // basic, untyped
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedString,
  UntypedNil,
  // composite
  Named,
  Pointer,
  Array,
  Slice,
  Struct,
  Signature,
  Chan,
  Tuple,
  Interface,  // only `any` (fmt's parameters) and `error` (fmt's results); no methods modelled
};

// Package ids: the package an object or named type belongs to. 0 is the package being checked.
enum class PkgId : uint8_t { Main, Fmt, Time, Runtime, Sync, Unsafe, Count };
const char* pkgName(PkgId p);  // "main", "fmt", ...

struct Type {
  Kind kind = Kind::Invalid;
  lang::ChanDir dir = lang::ChanDir::Both;  // Chan
  bool variadic = false;                    // Signature: the last parameter is ...T (a slice)
  const char* name = nullptr;               // basic types: "int", "byte", "untyped int"
  const Type* elem = nullptr;               // Pointer, Array, Slice, Chan
  int64_t len = 0;                          // Array (-1 while unknown after an error)
  Span<Object*> vars;                       // Struct: fields; Tuple: the variables
  const Type* params = nullptr;             // Signature: a Tuple
  const Type* results = nullptr;            // Signature: a Tuple
  Object* recv = nullptr;                   // Signature of a method
  // Named
  Object* obj = nullptr;               // the TypeName
  const Type* underlying = nullptr;    // set when the declaration is resolved
  Object* methods = nullptr;           // first method (Object::nextMethod links the rest)
  Object* lastMethod = nullptr;

  bool isNamed() const { return kind == Kind::Named; }
};

const Type* invalidType();

// The underlying type (the type itself unless Named; invalid while a Named type's declaration is
// still being resolved, i.e. inside a declaration cycle).
inline const Type* under(const Type* t) {
  if (t != nullptr && t->kind == Kind::Named) return t->underlying ? t->underlying : invalidType();
  return t;
}

// ---- predicates (on the underlying type) ------------------------------------------------------
bool isBasicKind(Kind k);
bool isUntyped(const Type* t);
bool isTyped(const Type* t);
bool isBoolean(const Type* t);
bool isInteger(const Type* t);   // incl. untyped int and rune
bool isUnsigned(const Type* t);
bool isFloat(const Type* t);     // incl. untyped float
bool isComplex(const Type* t);
bool isNumeric(const Type* t);
bool isString(const Type* t);
bool isConstType(const Type* t);  // boolean, numeric or string basic type
bool isOrdered(const Type* t);    // integer, float or string
bool hasNil(const Type* t);       // pointer, slice, func, chan, interface, unsafe.Pointer, untyped nil
bool isInterface(const Type* t);
bool comparable(const Type* t);
// The type an untyped constant takes where no type is required (int, rune, float64, string, bool).
const Type* defaultType(const Type* t);

bool identical(const Type* a, const Type* b);
// The spec's assignability of a value of type v (non-constant, or already typed) to t.
bool assignableType(const Type* v, const Type* t);
// Non-constant conversion of a value of type v to t (spec "Conversions").
bool convertibleType(const Type* v, const Type* t);

// Type string as types2 prints it in messages (types of package main unqualified).
std::string typeString(const Type* t);
void writeType(std::string& out, const Type* t);

// ---- universe types -------------------------------------------------------------------------------
// The predeclared basic type of kind k (for Uint8/Int32 the "uint8"/"int32" spelling).
const Type* basicType(Kind k);
const Type* byteType();
const Type* runeType();
const Type* invalidType();
const Type* anyType();    // interface{} as fmt's parameters use it (prints "any")
const Type* errorType();  // the predeclared error type (prints "error")
const Type* emptyTuple();

// ---- objects --------------------------------------------------------------------------------------

enum class ObjKind : uint8_t { Bad, Var, Const, TypeName, Func, PkgName, Builtin, Nil, Label };

enum class Builtin : uint8_t {
  None,
  Append,
  Cap,
  Close,
  Complex,
  Copy,
  Delete,
  Imag,
  Len,
  Make,
  New,
  Panic,
  Print,
  Println,
  Real,
  Recover,
  Alignof,
  Offsetof,
  Sizeof,
};

struct Object {
  ObjKind kind = ObjKind::Bad;
  PkgId pkg = PkgId::Main;
  Builtin builtin = Builtin::None;  // Builtin objects
  bool used = false;                // Var, PkgName: referenced (for "declared but not used")
  bool isParam = false;             // Var: a parameter, result or receiver
  bool isResult = false;            // Var: a (possibly named) result
  bool isField = false;             // Var: a struct field
  bool embedded = false;            // Var (field): an embedded field
  bool captured = false;            // Var: referenced by a closure (function literal) it is not declared in
  bool global = false;              // Var/Const/TypeName/Func declared at package level
  bool isAlias = false;             // TypeName declared with '='
  std::string_view name;
  Pos pos;                          // the declaring identifier
  const Type* type = nullptr;
  const Constant* val = nullptr;    // Const
  Func* func = nullptr;             // Func: the function's record (null for imported functions)
  PkgId target = PkgId::Main;       // PkgName: the imported package
  lang::Node* decl = nullptr;       // the declaring node (FuncDecl, VarDecl, ConstDecl, TypeDecl, Field, ImportDecl...)
  Func* owner = nullptr;            // Var: the function whose body/signature declares it (null at package level)
  Object* nextInScope = nullptr;    // declaration order within its scope
  Object* nextMethod = nullptr;     // Func: next method of the same named type
  uint32_t order = 0;               // package-level declaration order (cycle reports, init order)
  int32_t fieldIndex = -1;          // Var (field): index in its struct
};

// The checker's record of one function (declared function, method or function literal).
struct Func {
  Object* obj = nullptr;       // the Func object (null for a literal)
  lang::Node* node = nullptr;  // FuncDecl or FuncLit
  const Type* sig = nullptr;   // Signature
  Object* recv = nullptr;      // the receiver variable (methods)
  Span<Object*> params;        // parameters in order (unnamed ones have an empty name)
  Span<Object*> results;       // results in order
  Func* outer = nullptr;       // enclosing function (literals)
  Span<Object*> captures;      // literals: variables of enclosing functions used here, first-use order
  Scope* scope = nullptr;      // the function scope (parameters; the body block's scope is its child)
};

// A lexical scope: a small open-addressing hash table of names (arena memory) plus declaration order.
struct Scope {
  Scope* parent = nullptr;
  Func* func = nullptr;  // the function this scope belongs to (null: package and universe)
  bool isFunc = false;   // the scope of a function's signature
  Object* first = nullptr;
  Object* last = nullptr;
  Object** table = nullptr;
  uint32_t cap = 0;
  uint32_t count = 0;

  Object* lookupLocal(std::string_view name) const;
  // Inserts obj; returns the existing object of that name (and does not insert) if there is one.
  Object* insert(Arena& arena, Object* obj);
};

// ---- constructors (arena) -------------------------------------------------------------------------
Type* newType(Arena& a, Kind k);
Type* newPointer(Arena& a, const Type* elem);
Type* newSlice(Arena& a, const Type* elem);
Type* newArray(Arena& a, const Type* elem, int64_t len);
Type* newChan(Arena& a, const Type* elem, lang::ChanDir dir);
Type* newTuple(Arena& a, Span<Object*> vars);
Type* newSignature(Arena& a, const Type* params, const Type* results, bool variadic);

}  // namespace gofast::types
