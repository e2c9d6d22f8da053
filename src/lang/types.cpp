#include "lang/types.h"

#include <cstring>

namespace gofast::types {

namespace {

// One record per predeclared basic kind (byte and rune are separate records).
struct Universe {
  Type basics[static_cast<int>(Kind::UntypedNil) + 1];
  Type byteT, runeT, anyT, errorNamed, errorUnder, tupleEmpty;
  Object errorObj;
  Universe() {
    static const char* const names[] = {
        "invalid type", "bool",   "int",     "int8",       "int16",      "int32",         "int64",
        "uint",         "uint8",  "uint16",  "uint32",     "uint64",     "uintptr",       "float32",
        "float64",      "complex64", "complex128", "string", "Pointer", "untyped bool", "untyped int",
        "untyped rune", "untyped float", "untyped string", "untyped nil"};
    for (int i = 0; i <= static_cast<int>(Kind::UntypedNil); ++i) {
      basics[i].kind = static_cast<Kind>(i);
      basics[i].name = names[i];
    }
    byteT.kind = Kind::Uint8;
    byteT.name = "byte";
    runeT.kind = Kind::Int32;
    runeT.name = "rune";
    anyT.kind = Kind::Interface;
    anyT.name = "any";
    errorUnder.kind = Kind::Interface;
    errorUnder.name = "interface{Error() string}";
    errorObj.kind = ObjKind::TypeName;
    errorObj.name = "error";
    errorObj.global = true;
    errorNamed.kind = Kind::Named;
    errorNamed.obj = &errorObj;
    errorNamed.underlying = &errorUnder;
    errorObj.type = &errorNamed;
    tupleEmpty.kind = Kind::Tuple;
  }
};

const Universe& uni() {
  static const Universe u;
  return u;
}

Kind bkind(const Type* t) {
  t = under(t);
  return t != nullptr && isBasicKind(t->kind) ? t->kind : Kind::Named;  // Named = "not basic"
}

}  // namespace

const char* pkgName(PkgId p) {
  switch (p) {
    case PkgId::Main: return "main";
    case PkgId::Fmt: return "fmt";
    case PkgId::Time: return "time";
    case PkgId::Runtime: return "runtime";
    case PkgId::Sync: return "sync";
    case PkgId::Unsafe: return "unsafe";
    default: return "?";
  }
}

bool isBasicKind(Kind k) { return k <= Kind::UntypedNil; }

bool isUntyped(const Type* t) {
  Kind k = bkind(t);
  return k >= Kind::UntypedBool && k <= Kind::UntypedNil;
}
bool isTyped(const Type* t) { return t != nullptr && !isUntyped(t); }
bool isBoolean(const Type* t) {
  Kind k = bkind(t);
  return k == Kind::Bool || k == Kind::UntypedBool;
}
bool isInteger(const Type* t) {
  Kind k = bkind(t);
  return (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
}
bool isUnsigned(const Type* t) {
  Kind k = bkind(t);
  return k >= Kind::Uint && k <= Kind::Uintptr;
}
bool isFloat(const Type* t) {
  Kind k = bkind(t);
  return k == Kind::Float32 || k == Kind::Float64 || k == Kind::UntypedFloat;
}
bool isComplex(const Type* t) {
  Kind k = bkind(t);
  return k == Kind::Complex64 || k == Kind::Complex128;
}
bool isNumeric(const Type* t) { return isInteger(t) || isFloat(t) || isComplex(t); }
bool isString(const Type* t) {
  Kind k = bkind(t);
  return k == Kind::String || k == Kind::UntypedString;
}
bool isConstType(const Type* t) { return isBoolean(t) || isNumeric(t) || isString(t); }
bool isOrdered(const Type* t) { return isInteger(t) || isFloat(t) || isString(t); }
bool isInterface(const Type* t) {
  t = under(t);
  return t != nullptr && t->kind == Kind::Interface;
}
bool hasNil(const Type* t) {
  t = under(t);
  if (t == nullptr) return false;
  switch (t->kind) {
    case Kind::Pointer:
    case Kind::Slice:
    case Kind::Signature:
    case Kind::Chan:
    case Kind::Interface:
    case Kind::UnsafePointer:
    case Kind::UntypedNil: return true;
    default: return false;
  }
}

bool comparable(const Type* t) {
  t = under(t);
  if (t == nullptr) return false;
  switch (t->kind) {
    case Kind::Slice:
    case Kind::Signature:
    case Kind::Tuple:
    case Kind::UntypedNil: return false;
    case Kind::Struct:
      for (Object* f : t->vars)
        if (!comparable(f->type)) return false;
      return true;
    case Kind::Array: return comparable(t->elem);
    default: return true;
  }
}

const Type* defaultType(const Type* t) {
  switch (bkind(t)) {
    case Kind::UntypedBool: return basicType(Kind::Bool);
    case Kind::UntypedInt: return basicType(Kind::Int);
    case Kind::UntypedRune: return runeType();
    case Kind::UntypedFloat: return basicType(Kind::Float64);
    case Kind::UntypedString: return basicType(Kind::String);
    default: return t;
  }
}

static bool identicalTuples(const Type* a, const Type* b) {
  uint32_t na = a ? a->vars.size : 0, nb = b ? b->vars.size : 0;
  if (na != nb) return false;
  for (uint32_t i = 0; i < na; ++i)
    if (!identical(a->vars[i]->type, b->vars[i]->type)) return false;
  return true;
}

bool identical(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  if (isBasicKind(a->kind) || isBasicKind(b->kind)) return a->kind == b->kind;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case Kind::Named: return false;  // distinct records are distinct types
    case Kind::Pointer:
    case Kind::Slice: return identical(a->elem, b->elem);
    case Kind::Array: return a->len == b->len && identical(a->elem, b->elem);
    case Kind::Chan: return a->dir == b->dir && identical(a->elem, b->elem);
    case Kind::Struct:
      if (a->vars.size != b->vars.size) return false;
      for (uint32_t i = 0; i < a->vars.size; ++i) {
        const Object* f = a->vars[i];
        const Object* g = b->vars[i];
        if (f->name != g->name || f->embedded != g->embedded || !identical(f->type, g->type)) return false;
        bool exported = !f->name.empty() && f->name[0] >= 'A' && f->name[0] <= 'Z';
        if (!exported && f->pkg != g->pkg) return false;
      }
      return true;
    case Kind::Signature:
      return a->variadic == b->variadic && identicalTuples(a->params, b->params) &&
             identicalTuples(a->results, b->results);
    case Kind::Tuple: return identicalTuples(a, b);
    case Kind::Interface: return std::strcmp(a->name, b->name) == 0;
    default: return false;
  }
}

// A "named" type in the spec's sense: defined types and predeclared basic types.
static bool hasName(const Type* t) { return t->kind == Kind::Named || isBasicKind(t->kind); }

bool assignableType(const Type* v, const Type* t) {
  if (v == nullptr || t == nullptr) return false;
  if (identical(v, t)) return true;
  const Type* vu = under(v);
  const Type* tu = under(t);
  if (vu->kind == Kind::Invalid || tu->kind == Kind::Invalid) return true;
  if (isUntyped(v)) {
    switch (vu->kind) {
      case Kind::UntypedBool: return isBoolean(tu) || isInterface(tu);
      case Kind::UntypedNil: return hasNil(tu);
      case Kind::UntypedString: return isString(tu) || isInterface(tu);
      case Kind::UntypedInt:
      case Kind::UntypedRune:
      case Kind::UntypedFloat: return isNumeric(tu) || isInterface(tu);
      default: return false;
    }
  }
  if (identical(vu, tu) && (!hasName(v) || !hasName(t))) return true;
  if (tu->kind == Kind::Interface) return t == anyType() || std::strcmp(tu->name, "any") == 0;
  if (vu->kind == Kind::Chan && vu->dir == lang::ChanDir::Both && tu->kind == Kind::Chan &&
      identical(vu->elem, tu->elem))
    return !hasName(v) || !hasName(t);
  return false;
}

bool convertibleType(const Type* v, const Type* t) {
  if (assignableType(v, t)) return true;
  const Type* vu = under(v);
  const Type* tu = under(t);
  if (identical(vu, tu)) return true;
  if (vu->kind == Kind::Pointer && tu->kind == Kind::Pointer && v->kind != Kind::Named &&
      t->kind != Kind::Named && identical(under(vu->elem), under(tu->elem)))
    return true;
  if ((isInteger(vu) || isFloat(vu)) && (isInteger(tu) || isFloat(tu))) return true;
  if (isComplex(vu) && isComplex(tu)) return true;
  if (isString(tu)) {
    if (isInteger(vu)) return true;
    if (vu->kind == Kind::Slice) {
      Kind ek = bkind(vu->elem);
      if (ek == Kind::Uint8 || ek == Kind::Int32) return true;
    }
  }
  if (isString(vu) && tu->kind == Kind::Slice) {
    Kind ek = bkind(tu->elem);
    if (ek == Kind::Uint8 || ek == Kind::Int32) return true;
  }
  if (vu->kind == Kind::Slice && tu->kind == Kind::Pointer && under(tu->elem)->kind == Kind::Array &&
      identical(vu->elem, under(tu->elem)->elem))
    return true;
  return false;
}

// ---- type strings -----------------------------------------------------------------------------------

static void writeTuple(std::string& out, const Type* tup, bool variadic) {
  out += '(';
  if (tup != nullptr) {
    for (uint32_t i = 0; i < tup->vars.size; ++i) {
      const Object* v = tup->vars[i];
      if (i > 0) out += ", ";
      if (!v->name.empty()) {
        out += v->name;
        out += ' ';
      }
      if (variadic && i + 1 == tup->vars.size && v->type && under(v->type)->kind == Kind::Slice) {
        out += "...";
        writeType(out, under(v->type)->elem);
      } else {
        writeType(out, v->type);
      }
    }
  }
  out += ')';
}

static void writeSignature(std::string& out, const Type* s) {
  writeTuple(out, s->params, s->variadic);
  const Type* r = s->results;
  if (r == nullptr || r->vars.size == 0) return;
  out += ' ';
  if (r->vars.size == 1 && r->vars[0]->name.empty()) {
    writeType(out, r->vars[0]->type);
    return;
  }
  writeTuple(out, r, false);
}

void writeType(std::string& out, const Type* t) {
  if (t == nullptr) {
    out += "<nil>";
    return;
  }
  switch (t->kind) {
    case Kind::Named:
      if (t->obj->pkg != PkgId::Main) {
        out += pkgName(t->obj->pkg);
        out += '.';
      }
      out += t->obj->name;
      return;
    case Kind::Pointer:
      out += '*';
      writeType(out, t->elem);
      return;
    case Kind::Slice:
      out += "[]";
      writeType(out, t->elem);
      return;
    case Kind::Array:
      out += '[';
      out += std::to_string(t->len);
      out += ']';
      writeType(out, t->elem);
      return;
    case Kind::Chan: {
      bool parens = false;
      switch (t->dir) {
        case lang::ChanDir::SendOnly: out += "chan<- "; break;
        case lang::ChanDir::RecvOnly: out += "<-chan "; break;
        default:
          out += "chan ";
          parens = t->elem && t->elem->kind == Kind::Chan && t->elem->dir == lang::ChanDir::RecvOnly;
          break;
      }
      if (parens) out += '(';
      writeType(out, t->elem);
      if (parens) out += ')';
      return;
    }
    case Kind::Struct:
      out += "struct{";
      for (uint32_t i = 0; i < t->vars.size; ++i) {
        if (i > 0) out += "; ";
        const Object* f = t->vars[i];
        if (!f->embedded) {
          out += f->name;
          out += ' ';
        }
        writeType(out, f->type);
      }
      out += '}';
      return;
    case Kind::Signature:
      out += "func";
      writeSignature(out, t);
      return;
    case Kind::Tuple: writeTuple(out, t, false); return;
    case Kind::Interface: out += t->name; return;
    default: out += t->name ? t->name : "?"; return;
  }
}

std::string typeString(const Type* t) {
  std::string s;
  writeType(s, t);
  return s;
}

// ---- universe ---------------------------------------------------------------------------------------

const Type* basicType(Kind k) { return &uni().basics[static_cast<int>(k)]; }
const Type* byteType() { return &uni().byteT; }
const Type* runeType() { return &uni().runeT; }
const Type* invalidType() { return &uni().basics[0]; }
const Type* anyType() { return &uni().anyT; }
const Type* errorType() { return &uni().errorNamed; }
const Type* emptyTuple() { return &uni().tupleEmpty; }

// ---- scopes -----------------------------------------------------------------------------------------

static uint32_t hashName(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

Object* Scope::lookupLocal(std::string_view name) const {
  if (count == 0) return nullptr;
  if (table == nullptr) {  // small scopes: linear
    for (Object* o = first; o != nullptr; o = o->nextInScope)
      if (o->name == name) return o;
    return nullptr;
  }
  uint32_t mask = cap - 1;
  for (uint32_t i = hashName(name) & mask;; i = (i + 1) & mask) {
    Object* o = table[i];
    if (o == nullptr) return nullptr;
    if (o->name == name) return o;
  }
}

Object* Scope::insert(Arena& arena, Object* obj) {
  if (Object* old = lookupLocal(obj->name)) return old;
  obj->nextInScope = nullptr;
  if (last != nullptr) last->nextInScope = obj;
  else first = obj;
  last = obj;
  ++count;
  if (count > 8 && (table == nullptr || count * 2 > cap)) {
    uint32_t ncap = cap == 0 ? 32 : cap * 2;
    while (count * 2 > ncap) ncap *= 2;
    Object** nt = static_cast<Object**>(arena.allocate(sizeof(Object*) * ncap, alignof(Object*)));
    std::memset(static_cast<void*>(nt), 0, sizeof(Object*) * ncap);
    table = nt;
    cap = ncap;
    for (Object* o = first; o != nullptr; o = o->nextInScope) {
      uint32_t i = hashName(o->name) & (cap - 1);
      while (table[i] != nullptr) i = (i + 1) & (cap - 1);
      table[i] = o;
    }
  } else if (table != nullptr) {
    uint32_t i = hashName(obj->name) & (cap - 1);
    while (table[i] != nullptr) i = (i + 1) & (cap - 1);
    table[i] = obj;
  }
  return nullptr;
}

// ---- constructors -----------------------------------------------------------------------------------

Type* newType(Arena& a, Kind k) {
  Type* t = a.make<Type>();
  t->kind = k;
  return t;
}
Type* newPointer(Arena& a, const Type* elem) {
  Type* t = newType(a, Kind::Pointer);
  t->elem = elem;
  return t;
}
Type* newSlice(Arena& a, const Type* elem) {
  Type* t = newType(a, Kind::Slice);
  t->elem = elem;
  return t;
}
Type* newArray(Arena& a, const Type* elem, int64_t len) {
  Type* t = newType(a, Kind::Array);
  t->elem = elem;
  t->len = len;
  return t;
}
Type* newChan(Arena& a, const Type* elem, lang::ChanDir dir) {
  Type* t = newType(a, Kind::Chan);
  t->elem = elem;
  t->dir = dir;
  return t;
}
Type* newTuple(Arena& a, Span<Object*> vars) {
  Type* t = newType(a, Kind::Tuple);
  t->vars = vars;
  return t;
}
Type* newSignature(Arena& a, const Type* params, const Type* results, bool variadic) {
  Type* t = newType(a, Kind::Signature);
  t->params = params;
  t->results = results;
  t->variadic = variadic;
  return t;
}

}  // namespace gofast::types
