// Constants: exact values of Go constant expressions (package gofast::types).
//
// Go evaluates constant expressions exactly: untyped integer constants are arbitrary-precision
// (the compiler limits them to 512 bits and reports "constant overflow" beyond), so `1 << 70`
// is a fine untyped constant until it is assigned to an int ("cannot use 1 << 70 (untyped int
// constant 1180591620717411303424) as int value in assignment (overflows)"). This module is the
// small exact arithmetic that needs:
//   - BigInt: a fixed-size (640-bit) sign-magnitude integer. Fixed size keeps Constant trivially
//     destructible (it lives in the checker's Arena) and needs no heap; 640 bits leave room to
//     compute a result before checking Go's 512-bit limit.
//   - Floats are long double (80-bit on x86-64). Go uses exact rationals; the subset's programs
//     only need float constants that long double represents well, and messages print floats with
//     %.6g (as go/constant's String does), which hides the difference.
//   - Strings and booleans are stored as is; runes are integers (the rune-ness is in the type).
// Representability (`constant 300 overflows int8`, truncation of 1.5 to int) is decided here too,
// since it depends only on the value and the target basic kind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/arena.h"
#include "lang/token.h"
#include "lang/types.h"

namespace gofast::types {

struct BigInt {
  static constexpr int kLimbs = 20;  // 640 bits of magnitude
  uint32_t d[kLimbs] = {};
  uint8_t n = 0;      // used limbs (no leading zero limbs); 0 means zero
  bool neg = false;   // sign (never set for zero)
  bool overflow = false;  // an operation did not fit in 640 bits

  static BigInt fromU64(uint64_t v);
  static BigInt fromI64(int64_t v);
  bool isZero() const { return n == 0; }
  int sign() const { return n == 0 ? 0 : (neg ? -1 : 1); }
  int bitLen() const;  // of the magnitude
  bool fitsI64() const;
  bool fitsU64() const;
  int64_t toI64() const;   // precondition: fitsI64
  uint64_t toU64() const;  // magnitude's low 64 bits
  long double toFloat() const;
  std::string toString() const;
};

int cmp(const BigInt& a, const BigInt& b);
BigInt add(const BigInt& a, const BigInt& b);
BigInt sub(const BigInt& a, const BigInt& b);
BigInt mul(const BigInt& a, const BigInt& b);
BigInt quo(const BigInt& a, const BigInt& b);  // truncated; b != 0
BigInt rem(const BigInt& a, const BigInt& b);  // sign of a; b != 0
BigInt shl(const BigInt& a, unsigned s);
BigInt shr(const BigInt& a, unsigned s);        // arithmetic (floor) for negatives, like big.Int.Rsh
BigInt bitOp(const BigInt& a, const BigInt& b, lang::Op op);  // And, Or, Xor, AndNot (two's complement)
BigInt neg(const BigInt& a);
bool bigFromFloat(long double f, BigInt& out);  // false unless f is an integer in range

struct Constant {
  enum class Kind : uint8_t { Unknown, Bool, String, Int, Float };
  Kind kind = Kind::Unknown;
  bool b = false;
  BigInt i;
  long double f = 0;
  std::string_view s;
};

const Constant* makeUnknown(Arena& a);
const Constant* makeBool(Arena& a, bool b);
const Constant* makeString(Arena& a, std::string_view s);  // copies s into the arena
const Constant* makeInt(Arena& a, const BigInt& v);
const Constant* makeInt64(Arena& a, int64_t v);
const Constant* makeFloat(Arena& a, long double f);  // integral values stay Float

// go/constant's String(): quoted (and shortened to 72 chars) strings, decimal integers, floats %.6g.
std::string constantString(const Constant* c);

// Integer view: Int as is, Float if integral; false otherwise.
bool constantToInt(const Constant* c, BigInt& out);
long double constantToFloat(const Constant* c);
bool constantSign(const Constant* c, int& sign);  // numeric constants only

// Binary arithmetic on two constants of the same kind class. intDiv: integer division (both
// operands integers). Division by zero must be checked by the caller. Returns Unknown on failure.
const Constant* constantBinary(Arena& a, const Constant* x, lang::Op op, const Constant* y, bool intDiv);
// Unary +, -, ^ (with precision bits for typed unsigned operands: ^x within the type), !.
const Constant* constantUnary(Arena& a, lang::Op op, const Constant* x, int unsignedBits);
const Constant* constantShift(Arena& a, const Constant* x, lang::Op op, unsigned s);
bool constantCompare(const Constant* x, lang::Op op, const Constant* y);

// Representability of c as a value of basic kind k. On success *out is c rounded/converted for k
// (ints for integer kinds, floats rounded to float64). code: 0 ok, 1 truncated (float→int with a
// fraction), 2 overflow, 3 not representable at all (kind mismatch).
int representable(Arena& a, const Constant* c, Kind k, const Constant** out);

// Go's %g (shortest representation that round-trips; exponent form when exp < -4 || exp >= 6).
std::string formatFloatG(double v);

}  // namespace gofast::types
