// The builtin print/println (runtime/print.go) and time.Duration.String (time/time.go).
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/fmt.h"

namespace gofast::rt {

void printbool(std::string& out, bool v) { out += v ? "true" : "false"; }

void printuint(std::string& out, uint64_t v) {
  char buf[24];
  int i = sizeof buf;
  do {
    buf[--i] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out.append(buf + i, sizeof buf - static_cast<size_t>(i));
}

void printint(std::string& out, int64_t v) {
  if (v < 0) {
    out += '-';
    printuint(out, 0 - static_cast<uint64_t>(v));  // -MinInt64 wraps to itself, as in Go
    return;
  }
  printuint(out, static_cast<uint64_t>(v));
}

// printfloat (runtime/print.go): always 7 significant digits as +d.dddddde±ddd, computed by repeated
// division/multiplication by 10 in float64 (so the last digit can differ from strconv's), then rounded
// by adding 5e-7.
void printfloat(std::string& out, double v) {
  if (v != v) {
    out += "NaN";
    return;
  }
  if (v + v == v && v > 0) {
    out += "+Inf";
    return;
  }
  if (v + v == v && v < 0) {
    out += "-Inf";
    return;
  }
  constexpr int kDigits = 7;  // digits printed (runtime/print.go:135)
  char buf[kDigits + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (1 / v < 0) buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      ++e;
      v /= 10;
    }
    while (v < 1) {
      --e;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < kDigits; ++i) h /= 10;
    v += h;
    if (v >= 10) {
      ++e;
      v /= 10;
    }
  }
  for (int i = 0; i < kDigits; ++i) {
    int s = static_cast<int>(v);
    buf[i + 2] = static_cast<char>(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[kDigits + 2] = 'e';
  buf[kDigits + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[kDigits + 3] = '-';
  }
  buf[kDigits + 4] = static_cast<char>(e / 100 + '0');
  buf[kDigits + 5] = static_cast<char>(e / 10 % 10 + '0');
  buf[kDigits + 6] = static_cast<char>(e % 10 + '0');
  out.append(buf, sizeof buf);
}

void printcomplex(std::string& out, double re, double im) {
  out += '(';
  printfloat(out, re);
  printfloat(out, im);
  out += "i)";
}

void printstring(std::string& out, std::string_view s) { out += s; }

void printhex(std::string& out, uint64_t v) {
  static const char kDig[] = "0123456789abcdef";
  char buf[20];
  int i = sizeof buf;
  do {
    buf[--i] = kDig[v % 16];
    v /= 16;
  } while (v != 0);
  buf[--i] = 'x';
  buf[--i] = '0';
  out.append(buf + i, sizeof buf - static_cast<size_t>(i));
}

void printpointer(std::string& out, uint64_t p) { printhex(out, p); }

void printslice(std::string& out, uint64_t ptr, int64_t len, int64_t cap) {
  out += '[';
  printint(out, len);
  out += '/';
  printint(out, cap);
  out += ']';
  printpointer(out, ptr);
}

void printeface(std::string& out, uint64_t typeWord, uint64_t dataWord) {
  out += '(';
  printpointer(out, typeWord);
  out += ',';
  printpointer(out, dataWord);
  out += ')';
}

// ---- time.Duration.String (time/time.go) ----------------------------------------------------------

namespace {
// Durations of time's unit constants, in nanoseconds (time/time.go:612-614).
constexpr uint64_t kMicrosecond = 1000;
constexpr uint64_t kMillisecond = 1000 * kMicrosecond;
constexpr uint64_t kSecond = 1000 * kMillisecond;

// Writes v's fraction of `prec` decimal digits before w (trailing zeros and a bare '.' omitted);
// returns the new start and v / 10^prec (time.go fmtFrac).
int putFrac(char* buf, int w, uint64_t& v, int prec) {
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    uint64_t digit = v % 10;
    print = print || digit != 0;
    if (print) buf[--w] = static_cast<char>('0' + digit);
    v /= 10;
  }
  if (print) buf[--w] = '.';
  return w;
}

int putInt(char* buf, int w, uint64_t v) {
  if (v == 0) {
    buf[--w] = '0';
  } else {
    while (v > 0) {
      buf[--w] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
  }
  return w;
}
}  // namespace

std::string fmtDurationString(int64_t d) {
  char buf[32];  // the longest is "-2562047h47m16.854775808s"
  int w = sizeof buf;
  uint64_t u = static_cast<uint64_t>(d);
  const bool neg = d < 0;
  if (neg) u = 0 - u;
  if (u < kSecond) {
    // Below one second: ns, µs or ms with a fraction.
    int prec = 0;
    buf[--w] = 's';
    if (u == 0) return "0s";
    if (u < kMicrosecond) {
      prec = 0;
      buf[--w] = 'n';
    } else if (u < kMillisecond) {
      prec = 3;
      buf[--w] = '\xB5';  // U+00B5 MICRO SIGN, UTF-8 C2 B5
      buf[--w] = '\xC2';
    } else {
      prec = 6;
      buf[--w] = 'm';
    }
    w = putFrac(buf, w, u, prec);
    w = putInt(buf, w, u);
  } else {
    buf[--w] = 's';
    w = putFrac(buf, w, u, 9);
    w = putInt(buf, w, u % 60);  // seconds
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      w = putInt(buf, w, u % 60);
      u /= 60;
      if (u > 0) {  // hours; days are not a fixed length, so Go stops here
        buf[--w] = 'h';
        w = putInt(buf, w, u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, sizeof buf - static_cast<size_t>(w));
}

}  // namespace gofast::rt
