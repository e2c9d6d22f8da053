#include "lang/constant.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lang/lexer.h"

namespace gofast::types {

using lang::Op;

// ---- BigInt magnitude helpers ---------------------------------------------------------------------

namespace {

void trim(BigInt& a) {
  while (a.n > 0 && a.d[a.n - 1] == 0) --a.n;
  if (a.n == 0) a.neg = false;
}

int cmpMag(const BigInt& a, const BigInt& b) {
  if (a.n != b.n) return a.n < b.n ? -1 : 1;
  for (int i = a.n - 1; i >= 0; --i)
    if (a.d[i] != b.d[i]) return a.d[i] < b.d[i] ? -1 : 1;
  return 0;
}

BigInt addMag(const BigInt& a, const BigInt& b) {
  BigInt r;
  uint64_t carry = 0;
  int n = a.n > b.n ? a.n : b.n;
  for (int i = 0; i < n; ++i) {
    uint64_t s = carry + (i < a.n ? a.d[i] : 0) + (i < b.n ? b.d[i] : 0);
    r.d[i] = static_cast<uint32_t>(s);
    carry = s >> 32;
  }
  r.n = static_cast<uint8_t>(n);
  if (carry) {
    if (n < BigInt::kLimbs) {
      r.d[n] = static_cast<uint32_t>(carry);
      r.n = static_cast<uint8_t>(n + 1);
    } else {
      r.overflow = true;
    }
  }
  r.overflow |= a.overflow || b.overflow;
  return r;
}

// |a| - |b|, precondition |a| >= |b|
BigInt subMag(const BigInt& a, const BigInt& b) {
  BigInt r;
  int64_t borrow = 0;
  for (int i = 0; i < a.n; ++i) {
    int64_t s = static_cast<int64_t>(a.d[i]) - (i < b.n ? b.d[i] : 0) - borrow;
    borrow = s < 0;
    if (s < 0) s += (int64_t(1) << 32);
    r.d[i] = static_cast<uint32_t>(s);
  }
  r.n = a.n;
  r.overflow = a.overflow || b.overflow;
  trim(r);
  return r;
}

// Divides the magnitude by a small value in place; returns the remainder.
uint32_t divSmall(BigInt& a, uint32_t v) {
  uint64_t rem = 0;
  for (int i = a.n - 1; i >= 0; --i) {
    uint64_t cur = (rem << 32) | a.d[i];
    a.d[i] = static_cast<uint32_t>(cur / v);
    rem = cur % v;
  }
  bool neg = a.neg;
  trim(a);
  a.neg = a.n ? neg : false;
  return static_cast<uint32_t>(rem);
}

void divMag(const BigInt& a, const BigInt& b, BigInt& q, BigInt& r) {
  q = BigInt();
  r = BigInt();
  if (cmpMag(a, b) < 0) {
    r = a;
    r.neg = false;
    return;
  }
  if (b.n == 1) {
    q = a;
    q.neg = false;
    uint32_t rm = divSmall(q, b.d[0]);
    r = BigInt::fromU64(rm);
    return;
  }
  BigInt bm = b;
  bm.neg = false;
  int bits = a.bitLen();
  for (int i = bits - 1; i >= 0; --i) {
    r = shl(r, 1);
    if ((a.d[i / 32] >> (i % 32)) & 1) {
      if (r.n == 0) r.n = 1;
      r.d[0] |= 1;
    }
    if (cmpMag(r, bm) >= 0) {
      r = subMag(r, bm);
      q.d[i / 32] |= 1u << (i % 32);
      if (q.n < i / 32 + 1) q.n = static_cast<uint8_t>(i / 32 + 1);
    }
  }
  trim(q);
  trim(r);
}

}  // namespace

BigInt BigInt::fromU64(uint64_t v) {
  BigInt r;
  r.d[0] = static_cast<uint32_t>(v);
  r.d[1] = static_cast<uint32_t>(v >> 32);
  r.n = 2;
  trim(r);
  return r;
}

BigInt BigInt::fromI64(int64_t v) {
  BigInt r = fromU64(v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
  r.neg = v < 0 && r.n > 0;
  return r;
}

int BigInt::bitLen() const {
  if (n == 0) return 0;
  uint32_t top = d[n - 1];
  int b = 0;
  while (top) {
    ++b;
    top >>= 1;
  }
  return (n - 1) * 32 + b;
}

bool BigInt::fitsU64() const { return !neg && n <= 2; }
bool BigInt::fitsI64() const {
  if (n > 2) return false;
  uint64_t m = toU64();
  return neg ? m <= (uint64_t(1) << 63) : m < (uint64_t(1) << 63);
}
uint64_t BigInt::toU64() const {
  return (n > 0 ? d[0] : 0) | (n > 1 ? static_cast<uint64_t>(d[1]) << 32 : 0);
}
int64_t BigInt::toI64() const {
  uint64_t m = toU64();
  return neg ? static_cast<int64_t>(0 - m) : static_cast<int64_t>(m);
}
long double BigInt::toFloat() const {
  long double r = 0;
  for (int i = n - 1; i >= 0; --i) r = r * 4294967296.0L + d[i];
  return neg ? -r : r;
}
std::string BigInt::toString() const {
  if (n == 0) return "0";
  BigInt t = *this;
  std::string s;
  while (t.n > 0) {
    uint32_t r = divSmall(t, 1000000000u);
    char buf[16];
    if (t.n > 0) std::snprintf(buf, sizeof buf, "%09u", r);
    else std::snprintf(buf, sizeof buf, "%u", r);
    s.insert(0, buf);
  }
  if (neg) s.insert(0, "-");
  return s;
}

int cmp(const BigInt& a, const BigInt& b) {
  if (a.neg != b.neg) return a.neg ? -1 : 1;
  int c = cmpMag(a, b);
  return a.neg ? -c : c;
}

BigInt neg(const BigInt& a) {
  BigInt r = a;
  r.neg = a.n > 0 && !a.neg;
  return r;
}

BigInt add(const BigInt& a, const BigInt& b) {
  if (a.neg == b.neg) {
    BigInt r = addMag(a, b);
    r.neg = a.neg && r.n > 0;
    return r;
  }
  if (cmpMag(a, b) >= 0) {
    BigInt r = subMag(a, b);
    r.neg = a.neg && r.n > 0;
    return r;
  }
  BigInt r = subMag(b, a);
  r.neg = b.neg && r.n > 0;
  return r;
}

BigInt sub(const BigInt& a, const BigInt& b) { return add(a, neg(b)); }

BigInt mul(const BigInt& a, const BigInt& b) {
  uint32_t tmp[2 * BigInt::kLimbs] = {};
  for (int i = 0; i < a.n; ++i) {
    uint64_t carry = 0;
    for (int j = 0; j < b.n; ++j) {
      uint64_t cur = tmp[i + j] + static_cast<uint64_t>(a.d[i]) * b.d[j] + carry;
      tmp[i + j] = static_cast<uint32_t>(cur);
      carry = cur >> 32;
    }
    int k = i + b.n;
    while (carry) {
      uint64_t cur = tmp[k] + carry;
      tmp[k] = static_cast<uint32_t>(cur);
      carry = cur >> 32;
      ++k;
    }
  }
  BigInt r;
  int n = a.n + b.n;
  while (n > 0 && tmp[n - 1] == 0) --n;
  if (n > BigInt::kLimbs) {
    r.overflow = true;
    n = BigInt::kLimbs;
  }
  std::memcpy(r.d, tmp, sizeof(uint32_t) * n);
  r.n = static_cast<uint8_t>(n);
  r.overflow |= a.overflow || b.overflow;
  r.neg = (a.neg != b.neg) && n > 0;
  trim(r);
  return r;
}

BigInt quo(const BigInt& a, const BigInt& b) {
  BigInt q, r;
  divMag(a, b, q, r);
  q.neg = (a.neg != b.neg) && q.n > 0;
  return q;
}

BigInt rem(const BigInt& a, const BigInt& b) {
  BigInt q, r;
  divMag(a, b, q, r);
  r.neg = a.neg && r.n > 0;
  return r;
}

BigInt shl(const BigInt& a, unsigned s) {
  BigInt r;
  r.neg = a.neg;
  r.overflow = a.overflow;
  if (a.n == 0) return BigInt();
  if (static_cast<unsigned>(a.bitLen()) + s > BigInt::kLimbs * 32u) {
    r.overflow = true;
    r.n = 0;
    r.neg = false;
    return r;
  }
  unsigned limbs = s / 32, bits = s % 32;
  for (int i = a.n - 1; i >= 0; --i) {
    uint64_t v = static_cast<uint64_t>(a.d[i]) << bits;
    unsigned k = i + limbs;
    if (k + 1 < BigInt::kLimbs) r.d[k + 1] |= static_cast<uint32_t>(v >> 32);
    r.d[k] |= static_cast<uint32_t>(v);
  }
  int n = a.n + limbs + 1;
  if (n > BigInt::kLimbs) n = BigInt::kLimbs;
  r.n = static_cast<uint8_t>(n);
  trim(r);
  return r;
}

BigInt shr(const BigInt& a, unsigned s) {
  if (a.neg) {
    // floor(a / 2^s) = -ceil(|a| / 2^s) = -((|a| - 1) >> s) - 1
    BigInt m = sub(neg(a), BigInt::fromU64(1));
    BigInt q = shr(m, s);
    return sub(neg(q), BigInt::fromU64(1));
  }
  BigInt r;
  unsigned limbs = s / 32, bits = s % 32;
  if (limbs >= a.n) return r;
  for (unsigned i = limbs; i < a.n; ++i) {
    uint64_t v = a.d[i];
    if (i + 1 < a.n) v |= static_cast<uint64_t>(a.d[i + 1]) << 32;
    r.d[i - limbs] = static_cast<uint32_t>(v >> bits);
  }
  r.n = static_cast<uint8_t>(a.n - limbs);
  trim(r);
  return r;
}

BigInt bitOp(const BigInt& a, const BigInt& b, Op op) {
  // Two's complement over kLimbs+1 limbs.
  constexpr int N = BigInt::kLimbs + 1;
  auto toTc = [](const BigInt& x, uint32_t* out) {
    for (int i = 0; i < N; ++i) out[i] = i < x.n ? x.d[i] : 0;
    if (x.neg) {
      uint64_t carry = 1;
      for (int i = 0; i < N; ++i) {
        uint64_t v = static_cast<uint64_t>(~out[i]) + carry;
        out[i] = static_cast<uint32_t>(v);
        carry = v >> 32;
      }
    }
  };
  uint32_t x[N], y[N], z[N];
  toTc(a, x);
  toTc(b, y);
  for (int i = 0; i < N; ++i) {
    switch (op) {
      case Op::And: z[i] = x[i] & y[i]; break;
      case Op::Or: z[i] = x[i] | y[i]; break;
      case Op::Xor: z[i] = x[i] ^ y[i]; break;
      default: z[i] = x[i] & ~y[i]; break;
    }
  }
  BigInt r;
  bool negative = (z[N - 1] >> 31) & 1;
  if (negative) {
    uint64_t carry = 1;
    for (int i = 0; i < N; ++i) {
      uint64_t v = static_cast<uint64_t>(~z[i]) + carry;
      z[i] = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
  }
  for (int i = 0; i < BigInt::kLimbs; ++i) r.d[i] = z[i];
  r.n = BigInt::kLimbs;
  r.neg = negative;
  trim(r);
  return r;
}

bool bigFromFloat(long double f, BigInt& out) {
  if (!std::isfinite(f) || f != std::floor(f)) return false;
  bool negative = f < 0;
  if (negative) f = -f;
  out = BigInt();
  long double p = 1;
  int e = 0;
  while (p * 2 <= f && e < BigInt::kLimbs * 32 - 1) {
    p *= 2;
    ++e;
  }
  if (f >= p * 2) return false;
  for (int i = e; i >= 0 && f > 0; --i) {
    long double bit = std::ldexp(1.0L, i);
    if (f >= bit) {
      f -= bit;
      out.d[i / 32] |= 1u << (i % 32);
      if (out.n < i / 32 + 1) out.n = static_cast<uint8_t>(i / 32 + 1);
    }
  }
  trim(out);
  out.neg = negative && out.n > 0;
  return true;
}

// ---- Constant ----------------------------------------------------------------------------------------

const Constant* makeUnknown(Arena& a) { return a.make<Constant>(); }
const Constant* makeBool(Arena& a, bool b) {
  Constant* c = a.make<Constant>();
  c->kind = Constant::Kind::Bool;
  c->b = b;
  return c;
}
const Constant* makeString(Arena& a, std::string_view s) {
  Constant* c = a.make<Constant>();
  c->kind = Constant::Kind::String;
  c->s = a.copyString(s);
  return c;
}
const Constant* makeInt(Arena& a, const BigInt& v) {
  Constant* c = a.make<Constant>();
  c->kind = Constant::Kind::Int;
  c->i = v;
  return c;
}
const Constant* makeInt64(Arena& a, int64_t v) { return makeInt(a, BigInt::fromI64(v)); }
const Constant* makeFloat(Arena& a, long double f) {
  Constant* c = a.make<Constant>();
  c->kind = Constant::Kind::Float;
  c->f = f;
  return c;
}

std::string formatFloatG(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  char buf[64];
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  // buf: d.ddddde±XX
  std::string s = buf;
  size_t epos = s.find('e');
  int exp = std::atoi(s.c_str() + epos + 1);
  std::string mant = s.substr(0, epos);
  bool negative = mant[0] == '-';
  if (negative) mant.erase(0, 1);
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = negative ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    out += eb;
    return out;
  }
  if (exp < 0) {
    out += "0.";
    for (int i = -1; i > exp; --i) out += '0';
    out += digits;
  } else {
    int intDigits = exp + 1;
    for (int i = 0; i < intDigits; ++i) out += i < static_cast<int>(digits.size()) ? digits[i] : '0';
    if (static_cast<int>(digits.size()) > intDigits) {
      out += '.';
      out += digits.substr(intDigits);
    }
  }
  return out;
}

static std::string quoteGo(std::string_view s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char b[8];
          std::snprintf(b, sizeof b, "\\x%02x", c);
          o += b;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  o += '"';
  return o;
}

std::string constantString(const Constant* c) {
  if (c == nullptr) return "unknown";
  switch (c->kind) {
    case Constant::Kind::Bool: return c->b ? "true" : "false";
    case Constant::Kind::String: {
      std::string q = quoteGo(c->s);
      // go/constant shortens long strings to 72 characters: the first 34, "...", the last 35... roughly
      if (q.size() > 72) q = q.substr(0, 72 - 3 - 1) + "...\"";  // approximation of Go's shortening
      return q;
    }
    case Constant::Kind::Int: return c->i.toString();
    case Constant::Kind::Float: {
      double d = static_cast<double>(c->f);
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", d);
      std::string s = buf;
      if (c->f != std::floor(c->f) && s.find('.') == std::string::npos) {
        std::string g = formatFloatG(d);
        s = g;
      }
      // C prints e+06 like Go; nothing else to adjust.
      return s;
    }
    default: return "unknown";
  }
}

bool constantToInt(const Constant* c, BigInt& out) {
  if (c == nullptr) return false;
  if (c->kind == Constant::Kind::Int) {
    out = c->i;
    return true;
  }
  if (c->kind == Constant::Kind::Float) return bigFromFloat(c->f, out);
  return false;
}

long double constantToFloat(const Constant* c) {
  if (c->kind == Constant::Kind::Int) return c->i.toFloat();
  if (c->kind == Constant::Kind::Float) return c->f;
  return 0;
}

bool constantSign(const Constant* c, int& sign) {
  if (c == nullptr) return false;
  if (c->kind == Constant::Kind::Int) {
    sign = c->i.sign();
    return true;
  }
  if (c->kind == Constant::Kind::Float) {
    sign = c->f < 0 ? -1 : (c->f > 0 ? 1 : 0);
    return true;
  }
  return false;
}

const Constant* constantBinary(Arena& a, const Constant* x, Op op, const Constant* y, bool intDiv) {
  using CK = Constant::Kind;
  if (x->kind == CK::Unknown || y->kind == CK::Unknown) return makeUnknown(a);
  if (x->kind == CK::Bool && y->kind == CK::Bool) {
    if (op == Op::AndAnd) return makeBool(a, x->b && y->b);
    if (op == Op::OrOr) return makeBool(a, x->b || y->b);
    return makeUnknown(a);
  }
  if (x->kind == CK::String && y->kind == CK::String) {
    if (op != Op::Add) return makeUnknown(a);
    std::string s(x->s);
    s += y->s;
    return makeString(a, s);
  }
  if (x->kind == CK::Int && y->kind == CK::Int && (op != Op::Div || intDiv)) {
    const BigInt& p = x->i;
    const BigInt& q = y->i;
    switch (op) {
      case Op::Add: return makeInt(a, add(p, q));
      case Op::Sub: return makeInt(a, sub(p, q));
      case Op::Mul: return makeInt(a, mul(p, q));
      case Op::Div: return makeInt(a, quo(p, q));
      case Op::Rem: return makeInt(a, rem(p, q));
      case Op::And:
      case Op::Or:
      case Op::Xor:
      case Op::AndNot: return makeInt(a, bitOp(p, q, op));
      default: return makeUnknown(a);
    }
  }
  if ((x->kind == CK::Int || x->kind == CK::Float) && (y->kind == CK::Int || y->kind == CK::Float)) {
    long double p = constantToFloat(x), q = constantToFloat(y);
    switch (op) {
      case Op::Add: return makeFloat(a, p + q);
      case Op::Sub: return makeFloat(a, p - q);
      case Op::Mul: return makeFloat(a, p * q);
      case Op::Div: return makeFloat(a, p / q);
      default: return makeUnknown(a);
    }
  }
  return makeUnknown(a);
}

const Constant* constantUnary(Arena& a, Op op, const Constant* x, int unsignedBits) {
  using CK = Constant::Kind;
  switch (op) {
    case Op::Add: return x;
    case Op::Sub:
      if (x->kind == CK::Int) return makeInt(a, neg(x->i));
      if (x->kind == CK::Float) return makeFloat(a, -x->f);
      break;
    case Op::Xor:
      if (x->kind == CK::Int) {
        if (unsignedBits > 0) {
          BigInt mask = sub(shl(BigInt::fromU64(1), static_cast<unsigned>(unsignedBits)), BigInt::fromU64(1));
          return makeInt(a, bitOp(x->i, mask, Op::Xor));
        }
        return makeInt(a, sub(neg(x->i), BigInt::fromU64(1)));  // ^x == -x-1
      }
      break;
    case Op::Not:
      if (x->kind == CK::Bool) return makeBool(a, !x->b);
      break;
    default: break;
  }
  return makeUnknown(a);
}

const Constant* constantShift(Arena& a, const Constant* x, Op op, unsigned s) {
  BigInt v;
  if (!constantToInt(x, v)) return makeUnknown(a);
  return makeInt(a, op == Op::Shl ? shl(v, s) : shr(v, s));
}

bool constantCompare(const Constant* x, Op op, const Constant* y) {
  using CK = Constant::Kind;
  int c = 0;
  if (x->kind == CK::Bool && y->kind == CK::Bool) {
    c = x->b == y->b ? 0 : 1;
    if (op == Op::Eql) return c == 0;
    if (op == Op::Neq) return c != 0;
    return false;
  }
  if (x->kind == CK::String && y->kind == CK::String) {
    c = x->s.compare(y->s);
    c = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else if (x->kind == CK::Int && y->kind == CK::Int) {
    c = cmp(x->i, y->i);
  } else {
    long double p = constantToFloat(x), q = constantToFloat(y);
    c = p < q ? -1 : (p > q ? 1 : 0);
  }
  switch (op) {
    case Op::Eql: return c == 0;
    case Op::Neq: return c != 0;
    case Op::Lss: return c < 0;
    case Op::Leq: return c <= 0;
    case Op::Gtr: return c > 0;
    case Op::Geq: return c >= 0;
    default: return false;
  }
}

int representable(Arena& a, const Constant* c, Kind k, const Constant** out) {
  using CK = Constant::Kind;
  *out = c;
  if (c == nullptr || c->kind == CK::Unknown) return 0;
  switch (k) {
    case Kind::Bool:
    case Kind::UntypedBool: return c->kind == CK::Bool ? 0 : 3;
    case Kind::String:
    case Kind::UntypedString: return c->kind == CK::String ? 0 : 3;
    default: break;
  }
  if (c->kind != CK::Int && c->kind != CK::Float) return 3;
  bool isInt = (k >= Kind::Int && k <= Kind::Uintptr) || k == Kind::UntypedInt || k == Kind::UntypedRune;
  if (isInt) {
    BigInt v;
    if (!constantToInt(c, v)) return 1;  // truncated
    if (c->kind == CK::Float) *out = makeInt(a, v);
    int bits = 64;
    bool uns = false;
    switch (k) {
      case Kind::Int8: bits = 8; break;
      case Kind::Int16: bits = 16; break;
      case Kind::Int32: bits = 32; break;
      case Kind::Uint8: bits = 8, uns = true; break;
      case Kind::Uint16: bits = 16, uns = true; break;
      case Kind::Uint32: bits = 32, uns = true; break;
      case Kind::Uint:
      case Kind::Uint64:
      case Kind::Uintptr: uns = true; break;
      case Kind::UntypedInt:
      case Kind::UntypedRune: return 0;
      default: break;
    }
    if (uns) {
      if (v.neg) return 2;
      return v.bitLen() <= bits ? 0 : 2;
    }
    if (!v.neg) return v.bitLen() <= bits - 1 ? 0 : 2;
    // negative: |v| <= 2^(bits-1)
    BigInt lim = shl(BigInt::fromU64(1), static_cast<unsigned>(bits - 1));
    return cmp(neg(v), lim) <= 0 ? 0 : 2;
  }
  if (k == Kind::Float64 || k == Kind::Float32 || k == Kind::UntypedFloat) {
    long double f = constantToFloat(c);
    if (k == Kind::UntypedFloat) return 0;
    double d = static_cast<double>(f);
    if (std::isinf(d)) return 2;
    if (k == Kind::Float32) {
      float fl = static_cast<float>(d);
      if (std::isinf(fl)) return 2;
      d = fl;
    }
    *out = makeFloat(a, d);
    return 0;
  }
  if (k == Kind::Complex64 || k == Kind::Complex128) return 0;
  return 3;
}

}  // namespace gofast::types
