// Checker: expressions (operands, untyped constants, unary/binary operations, shifts, comparisons,
// index and slice expressions, composite and function literals).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "lang/checker_impl.h"
#include "lang/lexer.h"

namespace gofast::lang {

using types::BigInt;

namespace {

const char* kInvalidOp = "invalid operation: ";
const char* kInvalidArg = "invalid argument: ";

bool isComparison(Op op) { return op >= Op::Eql && op <= Op::Geq; }
bool isShiftOp(Op op) { return op == Op::Shl || op == Op::Shr; }

// Integer literal (any base, '_' separators) → BigInt.
bool parseIntLit(std::string_view s, BigInt& out) {
  unsigned base = 10;
  size_t i = 0;
  if (s.size() > 1 && s[0] == '0') {
    char c = static_cast<char>(s[1] | 0x20);
    if (c == 'x') base = 16, i = 2;
    else if (c == 'b') base = 2, i = 2;
    else if (c == 'o') base = 8, i = 2;
    else base = 8, i = 1;
  }
  out = BigInt();
  BigInt b = BigInt::fromU64(base);
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') continue;
    unsigned d;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = static_cast<unsigned>((c | 0x20) - 'a' + 10);
    else return false;
    if (d >= base) return false;
    out = types::add(types::mul(out, b), BigInt::fromU64(d));
  }
  return !out.overflow;
}

bool parseFloatLit(std::string_view s, long double& out) {
  std::string t;
  for (char c : s)
    if (c != '_') t += c;
  char* end = nullptr;
  out = std::strtold(t.c_str(), &end);
  return end && *end == 0;
}

int unsignedBits(const Type* t) {
  switch (types::under(t)->kind) {
    case Kind::Uint8: return 8;
    case Kind::Uint16: return 16;
    case Kind::Uint32: return 32;
    case Kind::Uint:
    case Kind::Uint64:
    case Kind::Uintptr: return 64;
    default: return 0;
  }
}

const char* opName(Expr* e) {
  if (auto* op = e ? e->as<Operation>() : nullptr) {
    if (op->isUnary()) return op->op == Op::Sub ? "negation" : "";
    switch (op->op) {
      case Op::Add: return "addition";
      case Op::Sub: return "subtraction";
      case Op::Xor: return "bitwise XOR";
      case Op::Mul: return "multiplication";
      case Op::Shl: return "shift";
      default: return "";
    }
  }
  return "";
}

}  // namespace

// ===================================== operand plumbing ===========================================

void Checker::setType(Operand& x) {
  if (x.expr == nullptr) return;
  if (x.mode == Mode::Invalid) return;
  x.expr->type = x.type;
  if (x.mode == Mode::Constant) x.expr->constant = x.val;
}

void Checker::expr(Operand& x, Expr* e) {
  rawExpr(x, e, nullptr, false);
  // exclude types and builtins
  switch (x.mode) {
    case Mode::NoValue:
      error(e->start, opString(x) + " used as value");
      x.mode = Mode::Invalid;
      break;
    case Mode::Builtin:
      error(e->start, opString(x) + " must be called");
      x.mode = Mode::Invalid;
      break;
    case Mode::TypeExpr:
      error(e->start, opString(x) + " is not an expression");
      x.mode = Mode::Invalid;
      break;
    default: break;
  }
  singleValue(x);
}

void Checker::exprOrType(Operand& x, Expr* e) {
  rawExpr(x, e, nullptr, false);
  if (x.mode == Mode::NoValue) {
    error(e->start, opString(x) + " used as value or type");
    x.mode = Mode::Invalid;
  }
  singleValue(x);
}

void Checker::multiExpr(Operand& x, Expr* e) {
  rawExpr(x, e, nullptr, false);
  switch (x.mode) {
    case Mode::NoValue:
      error(e->start, opString(x) + " used as value");
      x.mode = Mode::Invalid;
      break;
    case Mode::Builtin:
      error(e->start, opString(x) + " must be called");
      x.mode = Mode::Invalid;
      break;
    case Mode::TypeExpr:
      error(e->start, opString(x) + " is not an expression");
      x.mode = Mode::Invalid;
      break;
    default: break;
  }
}

void Checker::singleValue(Operand& x) {
  if (x.mode == Mode::Value && x.type && x.type->kind == Kind::Tuple) {
    error(x.expr ? x.expr->start : Pos{}, "multiple-value " + opString(x) + " in single-value context");
    x.mode = Mode::Invalid;
  }
}

void Checker::rawExpr(Operand& x, Expr* e, const Type* hint, bool) {
  x = Operand();
  exprInternal(x, e, hint);
  if (x.mode != Mode::Invalid && x.expr == nullptr) x.expr = e;
  setType(x);
}

std::vector<Operand> Checker::exprList(Span<Expr*> list, bool allowCommaOk, bool* commaOk) {
  std::vector<Operand> out;
  if (commaOk) *commaOk = false;
  if (list.size == 1) {
    Operand x;
    multiExpr(x, list[0]);
    if (x.mode != Mode::Invalid && x.type && x.type->kind == Kind::Tuple) {
      for (Object* v : x.type->vars) {
        Operand y;
        y.mode = Mode::Value;
        y.expr = list[0];
        y.type = v->type;
        out.push_back(y);
      }
      return out;
    }
    if (x.mode == Mode::CommaOk) {
      if (allowCommaOk) {
        Operand ok;
        ok.mode = Mode::Value;
        ok.expr = list[0];
        ok.type = types::basicType(Kind::UntypedBool);
        x.mode = Mode::Value;
        out.push_back(x);
        out.push_back(ok);
        if (commaOk) *commaOk = true;
        return out;
      }
      x.mode = Mode::Value;
    }
    out.push_back(x);
    return out;
  }
  for (Expr* e : list) {
    Operand x;
    expr(x, e);
    if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
    out.push_back(x);
  }
  return out;
}

// Sets the final type of an untyped expression tree (types2's updateExprType, simplified).
void Checker::updateExprType(Expr* e, const Type* t, bool final) {
  if (e == nullptr || t == nullptr) return;
  const Type* old = e->type;
  if (old != nullptr && !types::isUntyped(old)) return;
  switch (e->kind) {
    case NodeKind::ParenExpr: updateExprType(static_cast<ParenExpr*>(e)->x, t, final); break;
    case NodeKind::Operation: {
      auto* op = static_cast<Operation*>(e);
      if (op->isUnary()) {
        if (op->op != Op::Recv && op->op != Op::And && op->op != Op::Mul) updateExprType(op->x, t, final);
      } else if (isComparison(op->op)) {
        // operands keep their own types
      } else if (isShiftOp(op->op)) {
        updateExprType(op->x, t, final);
      } else {
        updateExprType(op->x, t, final);
        updateExprType(op->y, t, final);
      }
      break;
    }
    default: break;
  }
  if (!final && types::isUntyped(t)) {
    e->type = types::under(t);
    return;
  }
  e->type = t;
  if (e->constant != nullptr && types::isTyped(t) && types::under(t)->kind != Kind::Interface) {
    const Constant* r = nullptr;
    if (types::representable(arena_, e->constant, types::under(t)->kind, &r) == 0 && r) e->constant = r;
  }
}

bool Checker::representableConst(Operand& x, const Type* t, int* code, const Constant** rounded) {
  int c = types::representable(arena_, x.val, types::under(t)->kind, rounded);
  if (c != 0) {
    // classify as types2's representation() does
    if (types::isNumeric(x.type) && types::isNumeric(t)) c = (!types::isInteger(x.type) && types::isInteger(t)) ? 1 : 2;
    else c = 3;
  }
  *code = c;
  return c == 0;
}

void Checker::representable(Operand& x, const Type* t) {
  int code = 0;
  const Constant* v = nullptr;
  if (!representableConst(x, t, &code, &v)) {
    std::string target = types::typeString(t);
    if (code == 1) error(x.expr ? x.expr->start : Pos{}, opString(x) + " truncated to " + target);
    else if (code == 2) error(x.expr ? x.expr->start : Pos{}, opString(x) + " overflows " + target);
    else error(x.expr ? x.expr->start : Pos{}, "cannot convert " + opString(x) + " to " + target);
    x.mode = Mode::Invalid;
    return;
  }
  x.val = v;
}

void Checker::overflow(Operand& x, Pos opPos) {
  if (x.val == nullptr || x.val->kind == Constant::Kind::Unknown) {
    error(opPos, "constant result is not representable");
    return;
  }
  if (types::isTyped(x.type)) {
    representable(x, types::under(x.type));
    return;
  }
  if (x.val->kind == Constant::Kind::Int && (x.val->i.bitLen() > 512 || x.val->i.overflow)) {
    std::string name = opName(x.expr);
    error(opPos, "constant " + (name.empty() ? std::string() : name + " ") + "overflow");
    x.val = types::makeUnknown(arena_);
  }
}

// types2's implicitTypeAndValue: the type (and value) x takes when used where target is expected.
// code: 0 ok, 1 truncated, 2 overflow, 3 invalid conversion.
bool Checker::implicitType(Operand& x, const Type* target, const Type** out, int* code) {
  *code = 0;
  *out = x.type;
  if (x.mode == Mode::Invalid || types::isTyped(x.type) || target->kind == Kind::Invalid) return true;
  if (types::isUntyped(target)) {
    Kind xk = types::under(x.type)->kind, tk = types::under(target)->kind;
    if (types::isNumeric(x.type) && types::isNumeric(target)) {
      if (xk < tk) *out = target;
    } else if (xk != tk) {
      *code = 3;
      return false;
    }
    return true;
  }
  if (x.mode == Mode::NilValue || types::under(x.type)->kind == Kind::UntypedNil) {
    if (types::hasNil(target)) {
      *out = target;
      return true;
    }
    *code = 3;
    return false;
  }
  const Type* u = types::under(target);
  if (types::isBasicKind(u->kind)) {
    if (x.mode == Mode::Constant) {
      const Constant* v = nullptr;
      if (!representableConst(x, u, code, &v)) return false;
      x.val = v;
      *out = target;
      return true;
    }
    switch (types::under(x.type)->kind) {
      case Kind::UntypedBool:
        if (!types::isBoolean(target)) *code = 3;
        break;
      case Kind::UntypedInt:
      case Kind::UntypedRune:
      case Kind::UntypedFloat:
        if (!types::isNumeric(target)) *code = 3;
        break;
      case Kind::UntypedString:
        if (!types::isString(target)) *code = 3;
        break;
      default: *code = 3; break;
    }
    if (*code) return false;
    *out = target;
    return true;
  }
  if (u->kind == Kind::Interface) {
    if (target != types::anyType()) {
      *code = 3;
      return false;
    }
    *out = types::defaultType(x.type);
    return true;
  }
  *code = 3;
  return false;
}

void Checker::convertUntyped(Operand& x, const Type* target) {
  const Type* nt = nullptr;
  int code = 0;
  const Constant* before = x.val;
  if (!implicitType(x, target, &nt, &code)) {
    const Type* t = types::under(target);
    std::string ts = types::typeString(t);
    Pos p = x.expr ? x.expr->start : Pos{};
    if (code == 1) error(p, opString(x) + " truncated to " + ts);
    else if (code == 2) error(p, opString(x) + " overflows " + ts);
    else error(p, "cannot convert " + opString(x) + " to " + ts);
    x.mode = Mode::Invalid;
    return;
  }
  if (x.val != before && x.expr) x.expr->constant = x.val;
  if (nt != x.type) {
    x.type = nt;
    updateExprType(x.expr, nt, false);
  }
}

void Checker::assignment(Operand& x, const Type* T, const char* context) {
  singleValue(x);
  switch (x.mode) {
    case Mode::Invalid: return;
    case Mode::Constant:
    case Mode::Variable:
    case Mode::Value:
    case Mode::NilValue:
    case Mode::CommaOk: break;
    default:
      error(x.expr ? x.expr->start : Pos{},
            "cannot assign " + opString(x) + " to " + types::typeString(T) + " in " + context);
      x.mode = Mode::Invalid;
      return;
  }
  if (x.mode == Mode::CommaOk) x.mode = Mode::Value;
  Pos p = x.expr ? x.expr->start : Pos{};
  if (types::isUntyped(x.type)) {
    const Type* target = T;
    if (x.mode == Mode::NilValue || types::under(x.type)->kind == Kind::UntypedNil) {
      if (T == nullptr) {
        error(p, std::string("use of untyped nil in ") + context);
        x.mode = Mode::Invalid;
        return;
      }
    } else if (T == nullptr || types::isInterface(T)) {
      target = types::defaultType(x.type);
    }
    const Type* nt = nullptr;
    int code = 0;
    if (!implicitType(x, target, &nt, &code)) {
      std::string msg = "cannot use " + opString(x) + " as " + types::typeString(target) + " value in " + context;
      if (code == 1) msg += " (truncated)";
      else if (code == 2) msg += " (overflows)";
      error(p, msg);
      x.mode = Mode::Invalid;
      return;
    }
    if (x.expr && x.mode == Mode::Constant) x.expr->constant = x.val;
    if (nt != x.type) {
      x.type = nt;
      updateExprType(x.expr, nt, false);
    }
  }
  if (T == nullptr) return;
  if (!types::assignableType(x.type, T)) {
    error(p, "cannot use " + opString(x) + " as type " + types::typeString(T) + " in " + context);
    x.mode = Mode::Invalid;
  }
}

// ====================================== expressions ===============================================

void Checker::exprInternal(Operand& x, Expr* e, const Type* hint) {
  x.mode = Mode::Invalid;
  x.type = types::invalidType();
  x.expr = e;
  switch (e->kind) {
    case NodeKind::BadExpr: return;
    case NodeKind::Name: {
      auto* n = static_cast<Name*>(e);
      if (n->value == "_") {
        error(n->pos, "cannot use _ as value");
        return;
      }
      Object* o = lookup(n->value);
      if (o == nullptr) {
        error(n->pos, "undefined: " + std::string(n->value));
        return;
      }
      recordUse(n, o);
      switch (o->kind) {
        case ObjKind::PkgName: error(n->pos, "use of package " + std::string(o->name) + " not in selector"); return;
        case ObjKind::Const:
          if (o->global && o->pos.valid()) objDecl(o);
          if (o->type == nullptr || o->type->kind == Kind::Invalid) return;
          if (o->name == "iota" && !o->pos.valid()) {
            if (iota_ == nullptr) {
              error(n->pos, "cannot use iota outside constant declaration");
              return;
            }
            x.val = iota_;
          } else {
            x.val = o->val;
          }
          x.mode = Mode::Constant;
          x.type = o->type;
          return;
        case ObjKind::TypeName:
          if (o->type == nullptr || objMap_.count(o)) objDecl(o);
          x.mode = Mode::TypeExpr;
          x.type = o->type ? o->type : types::invalidType();
          return;
        case ObjKind::Var:
          if (o->global) objDecl(o);
          if (o->pkg == types::PkgId::Main) o->used = true;
          if (o->owner != nullptr && func_ != nullptr && o->owner != func_) {
            // captured by each function literal between here and the declaring function
            for (Func* f = func_; f != nullptr && f != o->owner; f = f->outer) {
              auto& caps = captures_[f];
              if (std::find(caps.begin(), caps.end(), o) == caps.end()) caps.push_back(o);
            }
            o->captured = true;
          }
          if (o->type == nullptr || o->type->kind == Kind::Invalid) return;
          x.mode = Mode::Variable;
          x.type = o->type;
          return;
        case ObjKind::Func:
          objDecl(o);
          if (o->type == nullptr || o->type->kind == Kind::Invalid) return;
          x.mode = Mode::Value;
          x.type = o->type;
          return;
        case ObjKind::Builtin:
          x.mode = Mode::Builtin;
          x.id = o->builtin;
          x.type = types::invalidType();
          return;
        case ObjKind::Nil:
          x.mode = Mode::NilValue;
          x.type = types::basicType(Kind::UntypedNil);
          return;
        default: return;
      }
    }
    case NodeKind::BasicLit: {
      auto* lit = static_cast<BasicLit*>(e);
      if (lit->bad) return;
      switch (lit->litKind) {
        case LitKind::Int: {
          BigInt v;
          if (!parseIntLit(lit->value, v)) {
            error(lit->pos, "excessively large constant");  // beyond gofast's 640 bits
            return;
          }
          x.val = types::makeInt(arena_, v);
          x.type = types::basicType(Kind::UntypedInt);
          if (v.bitLen() > 512) {
            error(lit->pos, "constant overflow");
            return;
          }
          break;
        }
        case LitKind::Float: {
          long double f = 0;
          bool hex = lit->value.size() > 1 && (lit->value[1] == 'x' || lit->value[1] == 'X');
          if (hex) {
            double d = 0;
            if (!floatLitValue(lit->value, d)) return;
            f = d;
          } else if (!parseFloatLit(lit->value, f)) {
            return;
          }
          x.val = types::makeFloat(arena_, f);
          x.type = types::basicType(Kind::UntypedFloat);
          break;
        }
        case LitKind::Rune: {
          uint32_t r = 0;
          if (!unquoteRune(lit->value, r)) return;
          x.val = types::makeInt64(arena_, r);
          x.type = types::basicType(Kind::UntypedRune);
          break;
        }
        case LitKind::String: {
          std::string s;
          if (!unquoteString(lit->value, s)) return;
          x.val = types::makeString(arena_, s);
          x.type = types::basicType(Kind::UntypedString);
          break;
        }
        default: return;  // imaginary: rejected by the unsupported pass
      }
      x.mode = Mode::Constant;
      return;
    }
    case NodeKind::CompositeLit: compositeLit(x, static_cast<CompositeLit*>(e), hint); return;
    case NodeKind::FuncLit: funcLit(x, static_cast<FuncLit*>(e)); return;
    case NodeKind::ParenExpr: {
      Operand y;
      rawExpr(y, static_cast<ParenExpr*>(e)->x, hint, false);
      x = y;
      x.expr = e;
      return;
    }
    case NodeKind::SelectorExpr: selector(x, static_cast<SelectorExpr*>(e)); return;
    case NodeKind::IndexExpr: index(x, static_cast<IndexExpr*>(e)); return;
    case NodeKind::SliceExpr: sliceExpr(x, static_cast<SliceExpr*>(e)); return;
    case NodeKind::Operation: {
      auto* op = static_cast<Operation*>(e);
      if (op->isUnary()) {
        if (op->op == Op::Mul) {
          exprOrType(x, op->x);
          switch (x.mode) {
            case Mode::Invalid: return;
            case Mode::TypeExpr:
              x.type = types::newPointer(arena_, x.type);
              x.expr = e;
              return;
            default: {
              const Type* u = types::under(x.type);
              if (x.mode == Mode::NilValue || u->kind != Kind::Pointer) {
                error(x.expr->start, std::string(kInvalidOp) + "cannot indirect " + opString(x));
                x.mode = Mode::Invalid;
                return;
              }
              x.mode = Mode::Variable;
              x.type = u->elem;
              x.expr = e;
              return;
            }
          }
        }
        unary(x, op);
        return;
      }
      binary(x, e, op->x, op->y, op->op, op->pos);
      return;
    }
    case NodeKind::CallExpr: call(x, static_cast<CallExpr*>(e)); return;
    case NodeKind::KeyValueExpr: error(e->start, "unexpected key:value expression"); return;
    case NodeKind::ArrayType:
    case NodeKind::SliceType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::ChanType:
    case NodeKind::MapType:
    case NodeKind::InterfaceType:
      x.mode = Mode::TypeExpr;
      x.type = typExpr(e);
      return;
    case NodeKind::DotsType: error(e->pos, "invalid use of ..."); return;
    default: error(e->start, "invalid expression " + exprString(e)); return;
  }
}

void Checker::unary(Operand& x, Operation* e) {
  expr(x, e->x);
  if (x.mode == Mode::Invalid) return;
  switch (e->op) {
    case Op::And: {
      Expr* inner = unparen(e->x);
      if (inner->kind != NodeKind::CompositeLit && x.mode != Mode::Variable) {
        error(x.expr->start, std::string(kInvalidOp) + "cannot take address of " + opString(x));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::Value;
      x.type = types::newPointer(arena_, x.type);
      x.expr = e;
      return;
    }
    case Op::Recv: {
      const Type* u = types::under(x.type);
      if (u->kind != Kind::Chan) {
        error(x.expr->start, std::string(kInvalidOp) + "cannot receive from non-channel " + opString(x));
        x.mode = Mode::Invalid;
        return;
      }
      if (u->dir == ChanDir::SendOnly) {
        error(x.expr->start, std::string(kInvalidOp) + "cannot receive from send-only channel " + opString(x));
        x.mode = Mode::Invalid;
        return;
      }
      x.mode = Mode::CommaOk;
      x.type = u->elem;
      x.expr = e;
      return;
    }
    default: break;
  }
  bool ok = true;
  switch (e->op) {
    case Op::Add:
    case Op::Sub: ok = types::isNumeric(x.type); break;
    case Op::Xor: ok = types::isInteger(x.type); break;
    case Op::Not: ok = types::isBoolean(x.type); break;
    default: ok = false; break;
  }
  if (!ok) {
    error(x.expr->start, std::string(kInvalidOp) + "operator " + std::string(lang::opString(e->op)) +
                             " not defined on " + opString(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant) {
    int bits = types::isTyped(x.type) ? unsignedBits(x.type) : 0;
    x.val = types::constantUnary(arena_, e->op, x.val, bits);
    x.expr = e;
    overflow(x, e->pos);
    return;
  }
  x.mode = Mode::Value;
  x.expr = e;
}

void Checker::binary(Operand& x, Expr* e, Expr* lhs, Expr* rhs, Op op, Pos opPos) {
  Operand y;
  expr(x, lhs);
  expr(y, rhs);
  if (x.mode == Mode::Invalid) return;
  if (y.mode == Mode::Invalid) {
    x.mode = Mode::Invalid;
    x.expr = y.expr;
    return;
  }
  if (isShiftOp(op)) {
    shift(x, y, e, op);
    return;
  }
  matchTypes(x, y);
  if (x.mode == Mode::Invalid) return;
  if (isComparison(op)) {
    comparison(x, y, op, e);
    return;
  }
  if (!types::identical(x.type, y.type)) {
    if (x.type->kind != Kind::Invalid && y.type->kind != Kind::Invalid) {
      std::string what;
      if (e != nullptr) what = exprString(e);
      else what = exprString(lhs) + " " + std::string(lang::opString(op)) + "= " + exprString(rhs);
      error(e ? e->start : x.expr->start, std::string(kInvalidOp) + what + " (mismatched types " +
                                               types::typeString(x.type) + " and " + types::typeString(y.type) + ")");
    }
    x.mode = Mode::Invalid;
    return;
  }
  bool ok = true;
  switch (op) {
    case Op::Add: ok = types::isNumeric(x.type) || types::isString(x.type); break;
    case Op::Sub:
    case Op::Mul:
    case Op::Div: ok = types::isNumeric(x.type); break;
    case Op::Rem:
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::AndNot: ok = types::isInteger(x.type); break;
    case Op::AndAnd:
    case Op::OrOr: ok = types::isBoolean(x.type); break;
    default: ok = false; break;
  }
  if (!ok) {
    error(x.expr->start, std::string(kInvalidOp) + "operator " + std::string(lang::opString(op)) +
                             " not defined on " + opString(x));
    x.mode = Mode::Invalid;
    return;
  }
  if (op == Op::Div || op == Op::Rem) {
    int sign = 1;
    if ((x.mode == Mode::Constant || types::isInteger(x.type)) && y.mode == Mode::Constant &&
        types::constantSign(y.val, sign) && sign == 0) {
      error(y.expr->start, std::string(kInvalidOp) + "division by zero");
      x.mode = Mode::Invalid;
      return;
    }
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    if (x.val->kind == Constant::Kind::Unknown || y.val->kind == Constant::Kind::Unknown) {
      x.val = types::makeUnknown(arena_);
      return;
    }
    bool intDiv = op == Op::Div && types::isInteger(x.type);
    x.val = types::constantBinary(arena_, x.val, op, y.val, intDiv);
    x.expr = e;
    overflow(x, opPos);
    return;
  }
  x.mode = Mode::Value;
  x.expr = e;
}

void Checker::matchTypes(Operand& x, Operand& y) {
  auto canMix = [](const Operand& a, const Operand& b) {
    if (types::isInterface(a.type) || types::isInterface(b.type)) return true;
    if (types::isBoolean(a.type) != types::isBoolean(b.type)) return false;
    if (types::isString(a.type) != types::isString(b.type)) return false;
    if (a.mode == Mode::NilValue && !types::hasNil(b.type)) return false;
    if (b.mode == Mode::NilValue && !types::hasNil(a.type)) return false;
    return true;
  };
  if (canMix(x, y)) {
    convertUntyped(x, y.type);
    if (x.mode == Mode::Invalid) return;
    convertUntyped(y, x.type);
    if (y.mode == Mode::Invalid) {
      x.mode = Mode::Invalid;
      return;
    }
  }
}

static std::string kindString(const Type* t) {
  switch (types::under(t)->kind) {
    case Kind::Slice: return "slice";
    case Kind::Signature: return "func";
    case Kind::Struct: return "struct";
    case Kind::Array: return "array";
    case Kind::Pointer: return "pointer";
    case Kind::Chan: return "chan";
    default: return types::typeString(t);
  }
}

static std::string incomparableCause(const Type* t) {
  const Type* u = types::under(t);
  switch (u->kind) {
    case Kind::Slice:
    case Kind::Signature: return kindString(t) + " can only be compared to nil";
    case Kind::Struct:
      for (Object* f : u->vars)
        if (!types::comparable(f->type)) return "struct containing " + types::typeString(f->type) + " cannot be compared";
      return "";
    case Kind::Array: return types::typeString(t) + " cannot be compared";
    default: return "";
  }
}

void Checker::comparison(Operand& x, Operand& y, Op op, Expr* e) {
  Operand* errOp = &x;
  std::string cause;
  bool ok = types::assignableType(x.type, y.type) || types::assignableType(y.type, x.type);
  auto isNil = [](const Operand& o) { return o.mode == Mode::NilValue; };
  if (!ok) {
    errOp = &y;
    cause = "mismatched types " + types::typeString(x.type) + " and " + types::typeString(y.type);
  } else if (op == Op::Eql || op == Op::Neq) {
    if (isNil(x) || isNil(y)) {
      const Type* t = isNil(x) ? y.type : x.type;
      if (!types::hasNil(t)) {
        errOp = &y;
        ok = false;
      }
    } else if (!types::comparable(x.type)) {
      errOp = &x;
      cause = incomparableCause(x.type);
      ok = false;
    } else if (!types::comparable(y.type)) {
      errOp = &y;
      cause = incomparableCause(y.type);
      ok = false;
    }
  } else {
    if (!types::isOrdered(x.type)) {
      errOp = &x;
      ok = false;
    } else if (!types::isOrdered(y.type)) {
      errOp = &y;
      ok = false;
    }
  }
  if (!ok) {
    if (cause.empty())
      cause = "operator " + std::string(lang::opString(op)) + " not defined on " + kindString(errOp->type);
    Pos p = errOp->expr ? errOp->expr->start : Pos{};
    if (e == nullptr) {
      // switch case
      error(x.expr->start, "invalid case " + exprString(x.expr) + " in switch on " + exprString(y.expr) + " (" +
                               cause + ")");
    } else {
      error(p, std::string(kInvalidOp) + exprString(x.expr) + " " + std::string(lang::opString(op)) + " " +
                   exprString(y.expr) + " (" + cause + ")");
    }
    x.mode = Mode::Invalid;
    return;
  }
  if (x.mode == Mode::Constant && y.mode == Mode::Constant) {
    x.val = types::makeBool(arena_, types::constantCompare(x.val, op, y.val));
  } else {
    x.mode = Mode::Value;
    updateExprType(x.expr, types::defaultType(x.type), true);
    updateExprType(y.expr, types::defaultType(y.type), true);
  }
  x.type = types::basicType(Kind::UntypedBool);
  if (e) x.expr = e;
}

void Checker::shift(Operand& x, Operand& y, Expr* e, Op op) {
  BigInt xv;
  bool xIsInt = x.mode == Mode::Constant && types::constantToInt(x.val, xv);
  if (!(types::isInteger(x.type) || (types::isUntyped(x.type) && xIsInt))) {
    error(x.expr->start, std::string(kInvalidOp) + "shifted operand " + opString(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  if (y.mode == Mode::Constant) {
    BigInt yv;
    if (types::constantToInt(y.val, yv) && yv.sign() < 0) {
      error(y.expr->start, std::string(kInvalidOp) + "negative shift count " + opString(y));
      x.mode = Mode::Invalid;
      return;
    }
    if (types::isUntyped(y.type)) {
      representable(y, types::basicType(Kind::Uint));
      if (y.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
      updateExprType(y.expr, types::basicType(Kind::Uint), true);
    }
  } else {
    if (types::isInteger(y.type)) {
      // ok
    } else if (types::isUntyped(y.type)) {
      convertUntyped(y, types::basicType(Kind::Uint));
      if (y.mode == Mode::Invalid) {
        x.mode = Mode::Invalid;
        return;
      }
    } else {
      error(y.expr->start, std::string(kInvalidOp) + "shift count " + opString(y) + " must be integer");
      x.mode = Mode::Invalid;
      return;
    }
  }
  if (x.mode == Mode::Constant) {
    if (y.mode == Mode::Constant) {
      if (x.val->kind == Constant::Kind::Unknown || y.val->kind == Constant::Kind::Unknown) {
        x.val = types::makeUnknown(arena_);
        if (!types::isInteger(x.type)) x.type = types::basicType(Kind::UntypedInt);
        return;
      }
      BigInt s;
      types::constantToInt(y.val, s);
      if (!s.fitsU64() || s.toU64() > 1023 - 1 + 52) {
        error(y.expr->start, std::string(kInvalidOp) + "invalid shift count " + opString(y));
        x.mode = Mode::Invalid;
        return;
      }
      if (!types::isInteger(x.type)) x.type = types::basicType(Kind::UntypedInt);
      x.val = types::constantShift(arena_, types::makeInt(arena_, xv), op, static_cast<unsigned>(s.toU64()));
      x.expr = e;
      auto* operation = e ? e->as<Operation>() : nullptr;
      overflow(x, operation ? operation->pos : Pos{});
      return;
    }
    if (types::isUntyped(x.type)) {
      // non-constant shift of an untyped constant: its type comes from the context
      x.mode = Mode::Value;
      if (!types::isInteger(x.type)) x.type = types::basicType(Kind::UntypedInt);
      x.expr = e;
      return;
    }
  }
  if (!types::isInteger(x.type)) {
    error(x.expr->start, std::string(kInvalidOp) + "shifted operand " + opString(x) + " must be integer");
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Value;
  x.expr = e;
}

// ===================================== index and slice ============================================

bool Checker::indexValue(Expr* e, int64_t max, int64_t* out) {
  *out = -1;
  Operand x;
  expr(x, e);
  if (x.mode == Mode::Invalid) return false;
  convertUntyped(x, types::basicType(Kind::Int));
  if (x.mode == Mode::Invalid) return false;
  if (!types::isInteger(x.type)) {
    error(x.expr->start, std::string(kInvalidArg) + "index " + opString(x) + " must be integer");
    return false;
  }
  if (x.mode == Mode::Constant) {
    int sign = 0;
    types::constantSign(x.val, sign);
    if (sign < 0) {
      error(x.expr->start, std::string(kInvalidArg) + "index " + opString(x) + " must not be negative");
      return false;
    }
    int code = 0;
    const Constant* v = nullptr;
    if (!representableConst(x, types::basicType(Kind::Int), &code, &v)) {
      error(x.expr->start, std::string(kInvalidArg) + "index " + opString(x) + " overflows int");
      return false;
    }
    int64_t n = v->i.toI64();
    if (max >= 0 && n >= max) {
      error(x.expr->start, std::string(kInvalidArg) + "index " + types::constantString(x.val) + " out of bounds [0:" +
                               std::to_string(max) + "]");
      return false;
    }
    *out = n;
  }
  return true;
}

void Checker::index(Operand& x, IndexExpr* e) {
  exprOrType(x, e->x);
  if (x.mode == Mode::Invalid) {
    Operand y;
    expr(y, e->index);
    return;
  }
  if (x.mode == Mode::TypeExpr) {
    error(e->x->start, "generics are not supported by gofast");
    x.mode = Mode::Invalid;
    return;
  }
  bool valid = false;
  int64_t length = -1;
  const Type* u = types::under(x.type);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString:
      valid = true;
      if (x.mode == Mode::Constant) length = static_cast<int64_t>(x.val->s.size());
      x.mode = Mode::Value;
      x.type = types::byteType();
      break;
    case Kind::Array:
      valid = true;
      length = u->len;
      if (x.mode != Mode::Variable) x.mode = Mode::Value;
      x.type = u->elem;
      break;
    case Kind::Pointer:
      if (const Type* a = types::under(u->elem); a && a->kind == Kind::Array) {
        valid = true;
        length = a->len;
        x.mode = Mode::Variable;
        x.type = a->elem;
      }
      break;
    case Kind::Slice:
      valid = true;
      x.mode = Mode::Variable;
      x.type = u->elem;
      break;
    default: break;
  }
  if (!valid) {
    error(e->pos, std::string(kInvalidOp) + "cannot index " + opString(x));
    Operand y;
    expr(y, e->index);
    x.mode = Mode::Invalid;
    return;
  }
  if (e->index == nullptr || e->index->kind == NodeKind::ListExpr) {
    error(e->pos, std::string(kInvalidOp) + "more than one index");
    x.mode = Mode::Invalid;
    return;
  }
  int64_t v;
  indexValue(e->index, length, &v);
  x.expr = e;
}

void Checker::sliceExpr(Operand& x, SliceExpr* e) {
  expr(x, e->x);
  if (x.mode == Mode::Invalid) {
    for (Expr* i : e->index)
      if (i) {
        Operand y;
        expr(y, i);
      }
    return;
  }
  bool valid = false;
  int64_t length = -1;
  const Type* u = types::under(x.type);
  switch (u->kind) {
    case Kind::String:
    case Kind::UntypedString:
      if (e->full) {
        error(e->pos, std::string(kInvalidOp) + "3-index slice of string");
        x.mode = Mode::Invalid;
        return;
      }
      valid = true;
      if (x.mode == Mode::Constant) length = static_cast<int64_t>(x.val->s.size());
      if (types::isUntyped(x.type)) x.type = types::basicType(Kind::String);
      break;
    case Kind::Array:
      valid = true;
      length = u->len;
      if (x.mode != Mode::Variable) {
        error(x.expr->start, std::string(kInvalidOp) + exprString(x.expr) + " (slice of unaddressable value)");
        x.mode = Mode::Invalid;
        return;
      }
      x.type = types::newSlice(arena_, u->elem);
      break;
    case Kind::Pointer:
      if (const Type* a = types::under(u->elem); a && a->kind == Kind::Array) {
        valid = true;
        length = a->len;
        x.type = types::newSlice(arena_, a->elem);
      }
      break;
    case Kind::Slice: valid = true; break;
    default: break;
  }
  if (!valid) {
    error(x.expr->start, std::string(kInvalidOp) + "cannot slice " + opString(x));
    x.mode = Mode::Invalid;
    return;
  }
  x.mode = Mode::Value;
  int64_t ind[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) {
    if (e->index[i] == nullptr) continue;
    int64_t v = -1;
    indexValue(e->index[i], length >= 0 ? length + 1 : -1, &v);
    ind[i] = v;
  }
  // constant indices must be in order
  for (int i = 0; i < 3; ++i) {
    if (ind[i] < 0) continue;
    for (int j = i + 1; j < 3; ++j) {
      if (ind[j] >= 0 && ind[j] < ind[i]) {
        error(e->index[j]->start, "invalid slice indices: " + std::to_string(ind[j]) + " < " + std::to_string(ind[i]));
        break;
      }
    }
  }
  x.expr = e;
}

// ===================================== literals ===================================================

void Checker::compositeLit(Operand& x, CompositeLit* e, const Type* hint) {
  const Type* typ = nullptr;
  const Type* base = nullptr;
  if (e->litType != nullptr) {
    if (auto* at = e->litType->as<ArrayType>(); at && at->len == nullptr) {
      // [...]T{...}: the length comes from the elements
      const Type* elem = typExpr(at->elem);
      Type* arr = types::newArray(arena_, elem, -1);
      typ = arr;
      base = arr;
    } else {
      typ = typExpr(e->litType);
      base = typ;
    }
  } else if (hint != nullptr) {
    typ = hint;
    base = typ;
    // *T{...} elided in a literal of pointers: &T{...}
    if (const Type* u = types::under(base); u && u->kind == Kind::Pointer) base = u->elem;
  } else {
    error(e->pos, "invalid composite literal type: missing type");
    for (Expr* el : e->elems) {
      Operand y;
      expr(y, el->is<KeyValueExpr>() ? static_cast<KeyValueExpr*>(el)->value : el);
    }
    return;
  }
  const Type* u = types::under(base);
  switch (u->kind) {
    case Kind::Struct: {
      if (e->elems.empty()) break;
      if (e->nkeys > 0 || (e->elems.size > 0 && e->elems[0]->is<KeyValueExpr>())) {
        std::vector<bool> seen(u->vars.size, false);
        for (Expr* el : e->elems) {
          auto* kv = el->as<KeyValueExpr>();
          if (kv == nullptr) {
            error(el->start, "mixture of field:value and value elements in struct literal");
            Operand y;
            expr(y, el);
            continue;
          }
          auto* key = kv->key ? kv->key->as<Name>() : nullptr;
          if (key == nullptr) {
            error(kv->key ? kv->key->start : kv->pos, "invalid field name " + exprString(kv->key) + " in struct literal");
            Operand y;
            expr(y, kv->value);
            continue;
          }
          int idx = -1;
          for (uint32_t i = 0; i < u->vars.size; ++i)
            if (u->vars[i]->name == key->value) idx = static_cast<int>(i);
          if (idx < 0) {
            error(kv->key->start, "unknown field '" + std::string(key->value) + "' in struct literal of type " +
                                      types::typeString(base));
            Operand y;
            expr(y, kv->value);
            continue;
          }
          Object* fld = u->vars[static_cast<uint32_t>(idx)];
          key->obj = fld;
          key->type = fld->type;
          Operand y;
          rawExpr(y, kv->value, fld->type, false);
          singleValue(y);
          if (y.mode != Mode::Invalid) {
            if (y.mode == Mode::NoValue || y.mode == Mode::TypeExpr || y.mode == Mode::Builtin) {
              error(kv->value->start, opString(y) + (y.mode == Mode::NoValue ? " used as value" : " is not an expression"));
            } else {
              assignment(y, fld->type, "struct literal");
            }
          }
          if (seen[static_cast<size_t>(idx)]) {
            error(kv->pos, "duplicate field name " + std::string(key->value) + " in struct literal");
            continue;
          }
          seen[static_cast<size_t>(idx)] = true;
        }
      } else {
        uint32_t i = 0;
        for (Expr* el : e->elems) {
          if (el->is<KeyValueExpr>()) {
            error(el->start, "mixture of field:value and value elements in struct literal");
            continue;
          }
          Operand y;
          rawExpr(y, el, i < u->vars.size ? u->vars[i]->type : nullptr, false);
          singleValue(y);
          if (i >= u->vars.size) {
            if (y.mode != Mode::Invalid) error(y.expr->start, "too many values in " + exprStr(e));
            break;
          }
          Object* fld = u->vars[i];
          if (y.mode != Mode::Invalid) {
            bool exported = !fld->name.empty() && fld->name[0] >= 'A' && fld->name[0] <= 'Z';
            if (!exported && fld->pkg != types::PkgId::Main) {
              error(y.expr->start, "implicit assignment to unexported field " + std::string(fld->name) + " in " +
                                       types::typeString(base) + " literal");
            } else {
              assignment(y, fld->type, "struct literal");
            }
          }
          ++i;
        }
        if (i < u->vars.size && i == e->elems.size) {
          error(e->rbrace, "too few values in " + exprStr(e));
        }
      }
      break;
    }
    case Kind::Array:
    case Kind::Slice: {
      int64_t max = u->kind == Kind::Array ? u->len : -1;
      int64_t idx = 0, count = 0;
      std::vector<int64_t> seenIdx;
      for (Expr* el : e->elems) {
        Expr* val = el;
        if (auto* kv = el->as<KeyValueExpr>()) {
          Operand k;
          expr(k, kv->key);
          if (k.mode == Mode::Constant && types::isInteger(k.type) ) {
            types::BigInt bv;
            if (types::constantToInt(k.val, bv) && bv.fitsI64() && bv.toI64() >= 0) idx = bv.toI64();
            updateExprType(kv->key, types::basicType(Kind::Int), true);
          } else if (k.mode != Mode::Invalid) {
            error(kv->key->start, "index " + exprString(kv->key) + " must be integer constant");
          }
          val = kv->value;
        } else if (max >= 0 && idx >= max) {
          error(el->start, "index " + std::to_string(idx) + " is out of bounds (>= " + std::to_string(max) + ")");
        }
        if (std::find(seenIdx.begin(), seenIdx.end(), idx) != seenIdx.end())
          error(el->start, "duplicate index " + std::to_string(idx) + " in array or slice literal");
        else
          seenIdx.push_back(idx);
        Operand y;
        rawExpr(y, val, u->elem, false);
        singleValue(y);
        if (y.mode != Mode::Invalid) assignment(y, u->elem, "array or slice literal");
        ++idx;
        if (idx > count) count = idx;
      }
      if (u->kind == Kind::Array && u->len < 0) {
        const_cast<Type*>(u)->len = count;
      }
      break;
    }
    case Kind::Invalid: break;
    case Kind::Pointer:
      if (e->litType == nullptr) break;
      [[fallthrough]];
    default:
      error(e->litType ? e->litType->start : e->pos, "invalid composite literal type " + types::typeString(typ));
      x.mode = Mode::Invalid;
      return;
  }
  if (typ->kind == Kind::Invalid) return;
  x.mode = Mode::Value;
  x.type = typ;
  if (e->litType == nullptr && hint != nullptr && types::under(hint)->kind == Kind::Pointer) x.type = hint;
  x.expr = e;
}

void Checker::funcLit(Operand& x, FuncLit* e) {
  Func* f = arena_.make<Func>();
  f->node = e;
  f->outer = func_;
  e->func = f;
  f->scope = newScope(scope_, f);
  f->scope->isFunc = true;
  Scope* saved = scope_;
  scope_ = f->scope;
  f->sig = funcType(e->funcType, nullptr, f, f->scope);
  scope_ = saved;
  if (e->body != nullptr) {
    // checked right away (types2 checks literal bodies at the end of the enclosing statement; the
    // difference only shows in the order of more than ten errors)
    funcBody(f, e->body);
  }
  x.mode = Mode::Value;
  x.type = f->sig;
  x.expr = e;
}

std::string Checker::typesSummary(const std::vector<const Type*>& ts, bool variadic) {
  std::string s = "(";
  for (size_t i = 0; i < ts.size(); ++i) {
    if (i > 0) s += ", ";
    const Type* t = ts[i];
    if (t == nullptr) {
      s += "<T>";
    } else if (types::isUntyped(t)) {
      if (types::isNumeric(t)) s += "number";
      else {
        std::string n = types::under(t)->name;
        if (n.rfind("untyped ", 0) == 0) n = n.substr(8);
        s += n;
      }
    } else if (variadic && i + 1 == ts.size()) {
      s += "..." + types::typeString(types::under(t)->elem);
    } else {
      s += types::typeString(t);
    }
  }
  return s + ")";
}

}  // namespace gofast::lang
