// Float to text as Go 1.19's strconv.AppendFloat lays it out (strconv/ftoa.go).
//
// Digits come from an exact decimal expansion of the binary value (Go's non-optimised path, bigFtoa):
// shortest formatting shortens it to the fewest digits that read back as the same float, precision
// formatting rounds it half-to-even. Go's fast paths (Ryu) produce the same digits by construction.
// Doing it ourselves rather than with std::to_chars keeps native and web builds identical (Emscripten's
// libc++ 14 has no floating-point to_chars). The layout around the digits (%e %f %g choice and padding,
// %b and %x from the raw bits) follows ftoa.go.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "runtime/fmt.h"

namespace gofast::rt {

namespace {

// IEEE 754 parameters {mantbits, expbits, bias} (strconv/ftoa.go:22-23 float32info / float64info).
struct FloatInfo {
  int mantbits;
  int expbits;
  int bias;
};
constexpr FloatInfo kFloat32Info{23, 8, -127};
constexpr FloatInfo kFloat64Info{52, 11, -1023};

// An exact decimal number 0.d[0]d[1]...d[nd-1] × 10^dp (the idea of strconv/decimal.go, without its
// 800-digit cap: every binary float has a finite decimal expansion, at most ~770 significant digits).
// No leading or trailing zeros are kept; zero is nd == 0, dp == 0.
struct Digits {
  std::string d;
  int dp = 0;
  int nd() const { return static_cast<int>(d.size()); }

  void trim() {
    while (!d.empty() && d.back() == '0') d.pop_back();
    if (d.empty()) dp = 0;
  }
  void assign(uint64_t v) {
    d.clear();
    while (v != 0) {
      d += static_cast<char>('0' + v % 10);
      v /= 10;
    }
    std::reverse(d.begin(), d.end());
    dp = nd();
    trim();
  }
  // × 2^k for 0 < k <= 60: one pass from the last digit, carries become new leading digits. The
  // largest intermediate is 9·2^60 plus a carry below 2^60, under 2^64.
  void mulPow2(int k) {
    std::string out;
    out.reserve(d.size() + 20);
    uint64_t carry = 0;
    for (int i = nd() - 1; i >= 0; --i) {
      uint64_t n = (static_cast<uint64_t>(d[static_cast<size_t>(i)] - '0') << k) + carry;
      out += static_cast<char>('0' + n % 10);
      carry = n / 10;
    }
    int added = 0;
    for (; carry != 0; carry /= 10, ++added) out += static_cast<char>('0' + carry % 10);
    std::reverse(out.begin(), out.end());
    d = std::move(out);
    dp += added;
    trim();
  }
  // ÷ 2^k for 0 < k <= 60: long division from the first digit; it always terminates exactly.
  void divPow2(int k) {
    size_t r = 0;  // digits consumed (past the end they are zeros)
    uint64_t n = 0;
    while ((n >> k) == 0) {
      if (r < d.size()) {
        n = n * 10 + static_cast<uint64_t>(d[r] - '0');
      } else if (n == 0) {
        d.clear();
        dp = 0;
        return;
      } else {
        n *= 10;
      }
      ++r;
    }
    dp -= static_cast<int>(r) - 1;
    const uint64_t mask = (uint64_t{1} << k) - 1;
    std::string out;
    for (; r < d.size(); ++r) {
      out += static_cast<char>('0' + (n >> k));
      n = (n & mask) * 10 + static_cast<uint64_t>(d[r] - '0');
    }
    while (n != 0) {
      out += static_cast<char>('0' + (n >> k));
      n = (n & mask) * 10;
    }
    d = std::move(out);
    trim();
  }
  // × 2^k for any k.
  void shift(int k) {
    if (d.empty()) return;
    constexpr int kMaxShift = 60;  // keeps every intermediate below 2^64 (strconv/decimal.go:107, 64 - 4)
    for (; k > 0; k -= std::min(k, kMaxShift)) mulPow2(std::min(k, kMaxShift));
    for (; k < 0; k += std::min(-k, kMaxShift)) divPow2(std::min(-k, kMaxShift));
  }
  // Rounding to n digits (n may be <= 0 or past the end).
  bool shouldRoundUp(int n) const {
    const char c = d[static_cast<size_t>(n)];
    if (c == '5' && n + 1 == nd()) {  // exactly halfway: to even
      return n > 0 && (d[static_cast<size_t>(n - 1)] - '0') % 2 == 1;
    }
    return c >= '5';
  }
  void roundDown(int n) {
    if (n < 0 || n >= nd()) return;
    d.resize(static_cast<size_t>(n));
    trim();
  }
  void roundUp(int n) {
    if (n < 0 || n >= nd()) return;
    for (int i = n - 1; i >= 0; --i) {
      if (d[static_cast<size_t>(i)] < '9') {
        ++d[static_cast<size_t>(i)];
        d.resize(static_cast<size_t>(i) + 1);
        return;
      }
    }
    d = "1";  // all nines: 0.999 -> 1.000
    ++dp;
  }
  void round(int n) {
    if (n < 0 || n >= nd()) return;
    if (shouldRoundUp(n)) {
      roundUp(n);
    } else {
      roundDown(n);
    }
  }
};

// The exact decimal value of mant × 2^(exp - mantbits).
Digits exactDecimal(uint64_t mant, int exp, const FloatInfo& flt) {
  Digits x;
  x.assign(mant);
  x.shift(exp - flt.mantbits);
  return x;
}

// Shortens the exact decimal d of mant × 2^(exp - mantbits) to the fewest digits that still read back
// as the same float, the closest such when there is a choice (the approach of ftoa.go roundShortest):
// the float owns the interval halfway to its neighbours, inclusive when mant is even (round-half-even
// parsing), and digits are taken while lower, d and upper still agree.
void roundShortest(Digits& d, uint64_t mant, int exp, const FloatInfo& flt) {
  if (mant == 0) {
    d = Digits{};
    return;
  }
  const int minexp = flt.bias + 1;
  // An integer that is exact with its digits (trailing decimal zeros beyond the binary precision) is
  // already shortest: 332/100 > log2(10).
  if (exp > minexp && 332 * (d.dp - d.nd()) >= 100 * (exp - flt.mantbits)) return;
  Digits upper = exactDecimal(mant * 2 + 1, exp - 1, flt);  // halfway to the next float up
  uint64_t mantlo;
  int explo;
  if (mant > (uint64_t{1} << flt.mantbits) || exp == minexp) {
    mantlo = mant - 1;
    explo = exp;
  } else {  // mant is a power of two: the float below is half as far away
    mantlo = mant * 2 - 1;
    explo = exp - 1;
  }
  Digits lower = exactDecimal(mantlo * 2 + 1, explo - 1, flt);
  const bool inclusive = mant % 2 == 0;

  // Walk the digits of upper; mi and li are the positions of the same decimal place in d and lower.
  int upperDelta = 0;  // 0: upper and d agree so far; 1: upper is d + 1 in the last place only; 2: more
  for (int ui = 0;; ++ui) {
    const int mi = ui - upper.dp + d.dp;
    if (mi >= d.nd()) break;
    const int li = ui - upper.dp + lower.dp;
    const char l = (li >= 0 && li < lower.nd()) ? lower.d[static_cast<size_t>(li)] : '0';
    const char m = mi >= 0 ? d.d[static_cast<size_t>(mi)] : '0';
    const char u = ui < upper.nd() ? upper.d[static_cast<size_t>(ui)] : '0';
    // Truncating d here stays above lower if the digits already differ, or if lower ends right here
    // and the interval is inclusive.
    const bool okDown = l != m || (inclusive && li + 1 == lower.nd());
    if (upperDelta == 0 && m + 1 < u) {
      upperDelta = 2;
    } else if (upperDelta == 0 && m != u) {
      upperDelta = 1;
    } else if (upperDelta == 1 && (m != '9' || u != '0')) {
      upperDelta = 2;
    }
    // Rounding d up here stays below upper.
    const bool okUp = upperDelta > 0 && (inclusive || upperDelta > 1 || ui + 1 < upper.nd());
    if (okDown && okUp) {
      d.round(mi + 1);
      return;
    }
    if (okDown) {
      d.roundDown(mi + 1);
      return;
    }
    if (okUp) {
      d.roundUp(mi + 1);
      return;
    }
  }
}

// %e: d.ddddde±dd (ftoa.go fmtE).
void fmtE(std::string& dst, bool neg, const Digits& d, int prec, char fmt) {
  if (neg) dst += '-';
  dst += d.nd() != 0 ? d.d[0] : '0';
  if (prec > 0) {
    dst += '.';
    int i = 1;
    int m = std::min(d.nd(), prec + 1);
    if (i < m) {
      dst.append(d.d, static_cast<size_t>(i), static_cast<size_t>(m - i));
      i = m;
    }
    for (; i <= prec; ++i) dst += '0';
  }
  dst += fmt;
  int exp = d.nd() == 0 ? 0 : d.dp - 1;  // 0 has exponent 0
  dst += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 10) {
    dst += '0';
    dst += static_cast<char>('0' + exp);
  } else if (exp < 100) {
    dst += static_cast<char>('0' + exp / 10);
    dst += static_cast<char>('0' + exp % 10);
  } else {
    dst += static_cast<char>('0' + exp / 100);
    dst += static_cast<char>('0' + exp / 10 % 10);
    dst += static_cast<char>('0' + exp % 10);
  }
}

// %f: ddddd.ddddd (ftoa.go fmtF).
void fmtF(std::string& dst, bool neg, const Digits& d, int prec) {
  if (neg) dst += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd(), d.dp);
    dst.append(d.d, 0, static_cast<size_t>(m));
    for (; m < d.dp; ++m) dst += '0';
  } else {
    dst += '0';
  }
  if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; ++i) {
      int j = d.dp + i;
      dst += (j >= 0 && j < d.nd()) ? d.d[static_cast<size_t>(j)] : '0';
    }
  }
}

void appendDecimal(std::string& dst, uint64_t u, bool neg) {
  char buf[24];
  int i = sizeof buf;
  do {
    buf[--i] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (neg) buf[--i] = '-';
  dst.append(buf + i, sizeof buf - static_cast<size_t>(i));
}

// %b: mantissa "p" binary exponent (ftoa.go fmtB).
void fmtB(std::string& dst, bool neg, uint64_t mant, int exp, const FloatInfo& flt) {
  if (neg) dst += '-';
  appendDecimal(dst, mant, false);
  dst += 'p';
  exp -= flt.mantbits;
  if (exp >= 0) dst += '+';
  appendDecimal(dst, static_cast<uint64_t>(exp < 0 ? -static_cast<int64_t>(exp) : exp), exp < 0);
}

// %x: -0x1.yyyyyp±dd (ftoa.go fmtX): the mantissa normalised to 1.x with 60 fraction bits, rounded to
// prec hex digits (ties to even) when 0 <= prec < 15.
void fmtX(std::string& dst, int prec, char fmt, bool neg, uint64_t mant, int exp, const FloatInfo& flt) {
  if (mant == 0) exp = 0;
  mant <<= 60 - flt.mantbits;
  while (mant != 0 && (mant & (uint64_t{1} << 60)) == 0) {
    mant <<= 1;
    --exp;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = static_cast<unsigned>(prec) * 4;
    uint64_t extra = (mant << shift) & ((uint64_t{1} << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t{1} << 59)) ++mant;
    mant <<= 60 - shift;
    if (mant & (uint64_t{1} << 61)) {
      mant >>= 1;
      ++exp;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) dst += '-';
  dst += '0';
  dst += fmt;
  dst += static_cast<char>('0' + ((mant >> 60) & 1));
  mant <<= 4;  // drop the leading 0 or 1
  if (prec < 0 && mant != 0) {
    dst += '.';
    while (mant != 0) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  } else if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; ++i) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  dst += fmt == 'X' ? 'P' : 'p';
  dst += exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  if (exp < 100) {
    dst += static_cast<char>('0' + exp / 10);
    dst += static_cast<char>('0' + exp % 10);
  } else if (exp < 1000) {
    dst += static_cast<char>('0' + exp / 100);
    dst += static_cast<char>('0' + exp / 10 % 10);
    dst += static_cast<char>('0' + exp % 10);
  } else {
    dst += static_cast<char>('0' + exp / 1000);
    dst += static_cast<char>('0' + exp / 100 % 10);
    dst += static_cast<char>('0' + exp / 10 % 10);
    dst += static_cast<char>('0' + exp % 10);
  }
}

}  // namespace

void fmtAppendFloat(std::string& dst, double v, char fmt, int prec, int bitSize) {
  const FloatInfo& flt = bitSize == 32 ? kFloat32Info : kFloat64Info;
  uint64_t bits;
  if (bitSize == 32) {
    float f = static_cast<float>(v);
    uint32_t b32;
    std::memcpy(&b32, &f, sizeof b32);
    bits = b32;
  } else {
    std::memcpy(&bits, &v, sizeof bits);
  }
  const bool neg = (bits >> (flt.expbits + flt.mantbits)) != 0;
  int exp = static_cast<int>(bits >> flt.mantbits) & ((1 << flt.expbits) - 1);
  uint64_t mant = bits & ((uint64_t{1} << flt.mantbits) - 1);
  if (exp == (1 << flt.expbits) - 1) {
    dst += mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf";
    return;
  }
  if (exp == 0) {
    ++exp;  // denormal
  } else {
    mant |= uint64_t{1} << flt.mantbits;
  }
  exp += flt.bias;
  if (fmt == 'b') {
    fmtB(dst, neg, mant, exp, flt);
    return;
  }
  if (fmt == 'x' || fmt == 'X') {
    fmtX(dst, prec, fmt, neg, mant, exp, flt);
    return;
  }

  Digits digs = exactDecimal(mant, exp, flt);
  const bool shortest = prec < 0;
  if (shortest) {
    roundShortest(digs, mant, exp, flt);
    switch (fmt) {
      case 'e':
      case 'E': prec = std::max(digs.nd() - 1, 0); break;
      case 'f': prec = std::max(digs.nd() - digs.dp, 0); break;
      case 'g':
      case 'G': prec = digs.nd(); break;
      default: break;
    }
  } else {
    switch (fmt) {
      case 'e':
      case 'E': digs.round(prec + 1); break;
      case 'f': digs.round(digs.dp + prec); break;
      case 'g':
      case 'G':
        if (prec == 0) prec = 1;
        digs.round(prec);
        break;
      default: break;
    }
  }

  switch (fmt) {
    case 'e':
    case 'E': fmtE(dst, neg, digs, prec, fmt); return;
    case 'f': fmtF(dst, neg, digs, prec); return;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > digs.nd() && digs.nd() >= digs.dp) eprec = digs.nd();
      // %e is used if the exponent from the conversion is less than -4 or greater than or equal to
      // the precision; shortest formatting decides with precision 6 (strconv/ftoa.go:215).
      if (shortest) eprec = 6;
      int exp10 = digs.dp - 1;
      if (exp10 < -4 || exp10 >= eprec) {
        if (prec > digs.nd()) prec = digs.nd();
        fmtE(dst, neg, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
        return;
      }
      if (prec > digs.dp) prec = digs.nd();
      fmtF(dst, neg, digs, std::max(prec - digs.dp, 0));
      return;
    }
    default:
      dst += '%';
      dst += fmt;
      return;
  }
}

}  // namespace gofast::rt
