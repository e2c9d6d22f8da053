// fmt.Sprint/Sprintln/Sprintf over the simulated address space (see fmt.h).
//
// Section index: UTF-8 and quoting (strconv) · Printer: format.go's fmt (padding, integers, strings,
// floats) · Printer: print.go's pp (printArg, printValue, handleMethods, doPrintf) · type names ·
// method detection · entry points.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "lang/checker.h"
#include "lang/lexer.h"
#include "runtime/fmt.h"

namespace gofast::rt {

namespace {

using types::Kind;
using types::Type;

// ---- UTF-8 and quoting (unicode/utf8, strconv/quote.go) -------------------------------------------

constexpr uint32_t kRuneError = 0xFFFD;  // utf8.RuneError (unicode/utf8/utf8.go:16)
constexpr uint32_t kMaxRune = 0x10FFFF;  // utf8.MaxRune (unicode/utf8/utf8.go:18)

// utf8.DecodeRune: the rune at s[i] and its width; invalid or short encodings decode as (RuneError, 1).
uint32_t decodeRune(std::string_view s, size_t i, int* width) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c0 = b(i);
  *width = 1;
  if (c0 < 0x80) return c0;
  size_t left = s.size() - i;
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (left >= 2 && cont(i + 1)) {
      *width = 2;
      return (uint32_t{c0} & 0x1F) << 6 | (b(i + 1) & 0x3F);
    }
    return kRuneError;
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    if (left < 3 || !cont(i + 1) || !cont(i + 2)) return kRuneError;
    uint8_t c1 = b(i + 1);
    if (c0 == 0xE0 && c1 < 0xA0) return kRuneError;   // overlong
    if (c0 == 0xED && c1 > 0x9F) return kRuneError;   // surrogate
    *width = 3;
    return (uint32_t{c0} & 0x0F) << 12 | (uint32_t{c1} & 0x3F) << 6 | (b(i + 2) & 0x3F);
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    if (left < 4 || !cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return kRuneError;
    uint8_t c1 = b(i + 1);
    if (c0 == 0xF0 && c1 < 0x90) return kRuneError;  // overlong
    if (c0 == 0xF4 && c1 > 0x8F) return kRuneError;  // above MaxRune
    *width = 4;
    return (uint32_t{c0} & 0x07) << 18 | (uint32_t{c1} & 0x3F) << 12 | (uint32_t{b(i + 2)} & 0x3F) << 6 |
           (b(i + 3) & 0x3F);
  }
  return kRuneError;
}

int runeCount(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size();) {
    int w;
    decodeRune(s, i, &w);
    i += static_cast<size_t>(w);
    ++n;
  }
  return n;
}

// utf8.EncodeRune: invalid runes (surrogates, > MaxRune) encode as RuneError. The lexer's encoder
// (lang/lexer.h) follows the same rule, so there is one implementation.
void encodeRune(std::string& out, uint32_t r) { lang::appendUtf8(out, r); }

bool validRune(uint32_t r) { return r <= kMaxRune && !(r >= 0xD800 && r <= 0xDFFF); }

const char kLowerHex[] = "0123456789abcdef";

// One rune of a quoted string or rune literal (strconv appendEscapedRune): quote is '"' or '\''.
void appendEscapedRune(std::string& out, uint32_t r, char quote, bool asciiOnly) {
  if (r == static_cast<uint32_t>(quote) || r == '\\') {
    out += '\\';
    out += static_cast<char>(r);
    return;
  }
  if (asciiOnly) {
    if (r < 0x80 && fmtIsPrint(r)) {
      out += static_cast<char>(r);
      return;
    }
  } else if (fmtIsPrint(r)) {
    encodeRune(out, r);
    return;
  }
  switch (r) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\v': out += "\\v"; return;
    default: break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    out += kLowerHex[(r >> 4) & 0xF];
    out += kLowerHex[r & 0xF];
  } else if (!validRune(r)) {
    out += "\\ufffd";
  } else if (r < 0x10000) {
    out += "\\u";
    for (int s = 12; s >= 0; s -= 4) out += kLowerHex[(r >> s) & 0xF];
  } else {
    out += "\\U";
    for (int s = 28; s >= 0; s -= 4) out += kLowerHex[(r >> s) & 0xF];
  }
}

// strconv.Quote / QuoteToASCII.
std::string quoteString(std::string_view s, bool asciiOnly) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t i = 0; i < s.size();) {
    int w;
    uint32_t r = decodeRune(s, i, &w);
    if (w == 1 && r == kRuneError) {  // invalid byte
      out += "\\x";
      out += kLowerHex[static_cast<uint8_t>(s[i]) >> 4];
      out += kLowerHex[static_cast<uint8_t>(s[i]) & 0xF];
      ++i;
      continue;
    }
    appendEscapedRune(out, r, '"', asciiOnly);
    i += static_cast<size_t>(w);
  }
  out += '"';
  return out;
}

// strconv.QuoteRune / QuoteRuneToASCII.
std::string quoteRune(uint32_t r, bool asciiOnly) {
  if (!validRune(r)) r = kRuneError;
  std::string out = "'";
  appendEscapedRune(out, r, '\'', asciiOnly);
  out += '\'';
  return out;
}

// strconv.CanBackquote.
bool canBackquote(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    int w;
    uint32_t r = decodeRune(s, i, &w);
    i += static_cast<size_t>(w);
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == kRuneError) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

// ---- values -----------------------------------------------------------------------------------------

// A value being printed: its type, where its bytes are, and whether reflection could call methods on it
// (false once reached through an unexported struct field: reflect.Value.CanInterface).
struct Val {
  const Type* t = nullptr;
  Addr addr = 0;
  bool canInterface = true;
};

bool isExportedName(std::string_view name) {
  if (name.empty()) return false;
  unsigned char c = static_cast<unsigned char>(name[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  // Non-ASCII identifiers: gofast's lexer accepts them, but only ASCII capitals count here; the
  // subset's programs use ASCII names.
  return false;
}

const Type* underOf(const Type* t) {
  const Type* u = types::under(t);
  return u ? u : types::invalidType();
}

bool isDuration(const Type* t) {
  return t && t->kind == Kind::Named && t->obj && t->obj->pkg == types::PkgId::Time && t->obj->name == "Duration";
}

// A nil interface operand: no dynamic type (the type of the literal nil is accepted too).
bool isNilArg(const FmtArg& a) { return a.type == nullptr || a.type->kind == Kind::UntypedNil; }

// Untyped constants never reach fmt as dynamic types, but map them defensively to their default type.
const Type* concrete(const Type* t) {
  if (t && types::isUntyped(t) && t->kind != Kind::UntypedNil) return types::defaultType(t);
  return t;
}

// ---- Printer ------------------------------------------------------------------------------------------

struct Flags {
  bool widPresent = false;
  bool precPresent = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  bool plusV = false;   // %+v
  bool sharpV = false;  // %#v
};

constexpr int kTooLarge = 1000000;  // widths and precisions above 1e6 are refused (fmt/print.go:332 tooLarge)
// Defensive bound on one string or byte slice read from simulated memory (the heap arena is 64 MiB).
constexpr uint64_t kMaxReadBytes = uint64_t{1} << 30;

class Printer {
 public:
  explicit Printer(AddressSpace& as) : as_(as) {}

  std::string buf;

  void doPrint(const FmtArg* a, size_t n);
  void doPrintln(const FmtArg* a, size_t n);
  void doPrintf(std::string_view format, const FmtArg* a, size_t n);

 private:
  AddressSpace& as_;
  Flags f_;
  int wid_ = 0;
  int prec_ = 0;
  bool erroring_ = false;  // inside badVerb: methods are not called (print.go pp.erroring)
  bool reordered_ = false;
  bool goodArgNum_ = true;

  // ---- memory ----
  bool readRaw(Addr a, void* dst, uint64_t n) {
    if (n == 0) return true;
    return as_.readBytes(a, dst, n).ok();
  }
  bool readUint(Addr a, int size, uint64_t* v) {
    *v = 0;
    uint8_t b[8] = {};
    if (!readRaw(a, b, static_cast<uint64_t>(size))) return false;
    for (int i = size - 1; i >= 0; --i) *v = (*v << 8) | b[i];
    return true;
  }
  bool readWord(Addr a, uint64_t* v) { return readUint(a, 8, v); }
  bool readBytesAt(Addr p, uint64_t len, std::string* out) {
    out->clear();
    if (len == 0) return true;
    if (len > kMaxReadBytes || !as_.check(p, len, false).ok()) return false;
    out->resize(len);
    return readRaw(p, out->data(), len);
  }
  // A string header {ptr, len} at a.
  bool readString(Addr a, std::string* out) {
    uint64_t p, len;
    if (!readWord(a, &p) || !readWord(a + 8, &len)) return false;
    return readBytesAt(p, len, out);
  }
  void badAddr(Addr a) {
    buf += "%!v(BADADDR ";
    appendHex(a);
    buf += ')';
  }
  void appendHex(uint64_t v) {
    buf += "0x";
    char tmp[16];
    int i = 16;
    do {
      tmp[--i] = kLowerHex[v & 0xF];
      v >>= 4;
    } while (v != 0);
    buf.append(tmp + i, static_cast<size_t>(16 - i));
  }

  // ---- format.go --------------------------------------------------------------------------------------
  void clearflags() {
    f_ = Flags{};
    wid_ = 0;
    prec_ = 0;
  }
  void writePadding(int n) {
    if (n <= 0) return;
    buf.append(static_cast<size_t>(n), f_.zero ? '0' : ' ');
  }
  // Appends s padded to the width (counted in runes), on the left unless '-'.
  void pad(std::string_view s) {
    if (!f_.widPresent || wid_ == 0) {
      buf += s;
      return;
    }
    int width = wid_ - runeCount(s);
    if (!f_.minus) {
      writePadding(width);
      buf += s;
    } else {
      buf += s;
      writePadding(width);
    }
  }
  void fmtBoolean(bool v) { pad(v ? "true" : "false"); }

  // U+0078 or U+0078 'x' (format.go fmtUnicode).
  void fmtUnicode(uint64_t u) {
    int prec = 4;
    if (f_.precPresent && prec_ > 4) prec = prec_;
    std::string digits;
    uint64_t v = u;
    do {
      digits += "0123456789ABCDEF"[v & 0xF];
      v >>= 4;
      --prec;
    } while (v != 0);
    for (; prec > 0; --prec) digits += '0';
    std::reverse(digits.begin(), digits.end());
    std::string s = "U+" + digits;
    if (f_.sharp && u <= kMaxRune && fmtIsPrint(static_cast<uint32_t>(u))) {
      s += " '";
      encodeRune(s, static_cast<uint32_t>(u));
      s += '\'';
    }
    bool oldZero = f_.zero;
    f_.zero = false;
    pad(s);
    f_.zero = oldZero;
  }

  // format.go fmtInteger: base 2, 8, 10 or 16, precision as minimum digits, zero padding to the width
  // (after the sign) when there is no precision, # prefixes, %O's 0o prefix.
  void fmtInteger(uint64_t u, int base, bool isSigned, char32_t verb, const char* digits) {
    const bool negative = isSigned && static_cast<int64_t>(u) < 0;
    if (negative) u = 0 - u;
    int prec = 0;
    if (f_.precPresent) {
      prec = prec_;
      if (prec == 0 && u == 0) {
        bool oldZero = f_.zero;
        f_.zero = false;
        writePadding(wid_);
        f_.zero = oldZero;
        return;
      }
    } else if (f_.zero && f_.widPresent) {
      prec = wid_;
      if (negative || f_.plus || f_.space) --prec;  // leave room for the sign
    }
    std::string s;  // built backwards
    const uint64_t b = static_cast<uint64_t>(base);
    while (u >= b) {
      s += digits[u % b];
      u /= b;
    }
    s += digits[u];
    while (static_cast<int>(s.size()) < prec) s += '0';
    if (f_.sharp) {
      switch (base) {
        case 2: s += "b0"; break;
        case 8:
          if (s.back() != '0') s += '0';
          break;
        case 16:
          s += digits[16];
          s += '0';
          break;
        default: break;
      }
    }
    if (verb == 'O') s += "o0";
    if (negative) {
      s += '-';
    } else if (f_.plus) {
      s += '+';
    } else if (f_.space) {
      s += ' ';
    }
    std::reverse(s.begin(), s.end());
    bool oldZero = f_.zero;
    f_.zero = false;
    pad(s);
    f_.zero = oldZero;
  }

  // Precision as a maximum number of runes (format.go truncateString).
  std::string_view truncate(std::string_view s) const {
    if (f_.precPresent) {
      int n = prec_;
      for (size_t i = 0; i < s.size();) {
        if (--n < 0) return s.substr(0, i);
        int w;
        decodeRune(s, i, &w);
        i += static_cast<size_t>(w);
      }
    }
    return s;
  }
  void fmtS(std::string_view s) { pad(truncate(s)); }

  // Hex of a string or byte slice with ' ' and '#' (format.go fmtSbx).
  void fmtSbx(std::string_view s, const char* digits) {
    int length = static_cast<int>(std::min<size_t>(s.size(), 1u << 30));
    if (f_.precPresent && prec_ < length) length = prec_;
    int width = 2 * length;
    if (width > 0) {
      if (f_.space) {
        if (f_.sharp) width *= 2;
        width += length - 1;
      } else if (f_.sharp) {
        width += 2;
      }
    } else {
      if (f_.widPresent) writePadding(wid_);
      return;
    }
    if (f_.widPresent && wid_ > width && !f_.minus) writePadding(wid_ - width);
    if (f_.sharp) {
      buf += '0';
      buf += digits[16];
    }
    for (int i = 0; i < length; ++i) {
      if (f_.space && i > 0) {
        buf += ' ';
        if (f_.sharp) {
          buf += '0';
          buf += digits[16];
        }
      }
      uint8_t c = static_cast<uint8_t>(s[static_cast<size_t>(i)]);
      buf += digits[c >> 4];
      buf += digits[c & 0xF];
    }
    if (f_.widPresent && wid_ > width && f_.minus) writePadding(wid_ - width);
  }

  void fmtQ(std::string_view s) {
    s = truncate(s);
    if (f_.sharp && canBackquote(s)) {
      std::string q = "`";
      q += s;
      q += '`';
      pad(q);
      return;
    }
    pad(quoteString(s, f_.plus));
  }
  void fmtC(uint64_t c) {
    uint32_t r = c > kMaxRune ? kRuneError : static_cast<uint32_t>(c);
    std::string s;
    encodeRune(s, r);
    pad(s);
  }
  void fmtQc(uint64_t c) {
    uint32_t r = c > kMaxRune ? kRuneError : static_cast<uint32_t>(c);
    pad(quoteRune(r, f_.plus));
  }

  // format.go fmtFloat: strconv's text, then sign handling, Inf/NaN padding, '#' and zero padding.
  void fmtFloat(double v, int size, char verb, int prec) {
    if (f_.precPresent) prec = prec_;
    std::string num = "+";
    fmtAppendFloat(num, v, verb, prec, size);
    if (num[1] == '-' || num[1] == '+') {
      num.erase(0, 1);
    } else {
      num[0] = '+';
    }
    if (f_.space && num[0] == '+' && !f_.plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      bool oldZero = f_.zero;
      f_.zero = false;
      if (num[1] == 'N' && !f_.space && !f_.plus) num.erase(0, 1);
      pad(num);
      f_.zero = oldZero;
      return;
    }
    if (f_.sharp && verb != 'b') {
      int digits = 0;
      switch (verb) {
        case 'v':
        case 'g':
        case 'G':
        case 'x':
          digits = prec;
          if (digits == -1) digits = 6;  // %e is used if the exponent ... use precision 6
          break;
        default: break;
      }
      std::string tail;
      bool hasDecimalPoint = false;
      bool sawNonzeroDigit = false;
      for (size_t i = 1; i < num.size(); ++i) {
        char c = num[i];
        bool isDigit = true;
        if (c == '.') {
          hasDecimalPoint = true;
          isDigit = false;
        } else if (c == 'p' || c == 'P') {
          tail = num.substr(i);
          num.resize(i);
          break;
        } else if ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X') {
          tail = num.substr(i);
          num.resize(i);
          break;
        }
        if (isDigit) {
          if (c != '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) --digits;
        }
      }
      if (!hasDecimalPoint) {
        if (num.size() == 2 && num[1] == '0') --digits;  // leading 0 counts for %#g of 0
        num += '.';
      }
      for (; digits > 0; --digits) num += '0';
      num += tail;
    }
    if (f_.plus || num[0] != '+') {
      if (f_.zero && f_.widPresent && wid_ > static_cast<int>(num.size())) {
        buf += num[0];
        writePadding(wid_ - static_cast<int>(num.size()));
        buf.append(num, 1, std::string::npos);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  // ---- print.go ------------------------------------------------------------------------------------
  void writeRune(char32_t r) { encodeRune(buf, static_cast<uint32_t>(r)); }

  // %!verb(type=value) (print.go badVerb): the value printed with %v at depth 0, methods not called.
  void badVerb(char32_t verb, const Val* v) {
    erroring_ = true;
    buf += "%!";
    writeRune(verb);
    buf += '(';
    if (v != nullptr && v->t != nullptr) {
      buf += fmtTypeName(v->t);
      buf += '=';
      printValue(*v, 'v', 0);
    } else {
      buf += "<nil>";
    }
    buf += ')';
    erroring_ = false;
  }

  void fmtBool(bool b, char32_t verb, const Val& v) {
    if (verb == 't' || verb == 'v') {
      fmtBoolean(b);
    } else {
      badVerb(verb, &v);
    }
  }

  void fmt0x64(uint64_t u, bool leading0x) {
    bool sharp = f_.sharp;
    f_.sharp = leading0x;
    fmtInteger(u, 16, false, 'v', "0123456789abcdefx");
    f_.sharp = sharp;
  }

  void fmtIntegerVerb(uint64_t u, bool isSigned, char32_t verb, const Val& v) {
    static const char* const kL = "0123456789abcdefx";
    static const char* const kU = "0123456789ABCDEFX";
    switch (verb) {
      case 'v':
        if (f_.sharpV && !isSigned) {
          fmt0x64(u, true);
        } else {
          fmtInteger(u, 10, isSigned, verb, kL);
        }
        break;
      case 'd': fmtInteger(u, 10, isSigned, verb, kL); break;
      case 'b': fmtInteger(u, 2, isSigned, verb, kL); break;
      case 'o':
      case 'O': fmtInteger(u, 8, isSigned, verb, kL); break;
      case 'x': fmtInteger(u, 16, isSigned, verb, kL); break;
      case 'X': fmtInteger(u, 16, isSigned, verb, kU); break;
      case 'c': fmtC(u); break;
      case 'q': fmtQc(u); break;
      case 'U': fmtUnicode(u); break;
      default: badVerb(verb, &v); break;
    }
  }

  void fmtFloatVerb(double x, int size, char32_t verb, const Val& v) {
    switch (verb) {
      case 'v': fmtFloat(x, size, 'g', -1); break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X': fmtFloat(x, size, static_cast<char>(verb), -1); break;
      case 'f':
      case 'e':
      case 'E': fmtFloat(x, size, static_cast<char>(verb), 6); break;
      case 'F': fmtFloat(x, size, 'f', 6); break;
      default: badVerb(verb, &v); break;
    }
  }

  void fmtComplexVerb(double re, double im, int size, char32_t verb, const Val& v) {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        bool oldPlus = f_.plus;
        buf += '(';
        fmtFloatVerb(re, size / 2, verb, v);
        f_.plus = true;
        fmtFloatVerb(im, size / 2, verb, v);
        buf += "i)";
        f_.plus = oldPlus;
        break;
      }
      default: badVerb(verb, &v); break;
    }
  }

  void fmtString(std::string_view s, char32_t verb, const Val* v) {
    switch (verb) {
      case 'v':
        if (f_.sharpV) {
          fmtQ(s);
        } else {
          fmtS(s);
        }
        break;
      case 's': fmtS(s); break;
      case 'x': fmtSbx(s, "0123456789abcdefx"); break;
      case 'X': fmtSbx(s, "0123456789ABCDEFX"); break;
      case 'q': fmtQ(s); break;
      default: badVerb(verb, v); break;
    }
  }

  // print.go fmtBytes: v is a []byte (or [N]byte) value whose bytes are `bytes`.
  void fmtBytes(std::string_view bytes, bool isNil, char32_t verb, const std::string& typeString,
                const Val& v) {
    switch (verb) {
      case 'v':
      case 'd':
        if (f_.sharpV) {
          buf += typeString;
          if (isNil) {
            buf += "(nil)";
            return;
          }
          buf += '{';
          for (size_t i = 0; i < bytes.size(); ++i) {
            if (i > 0) buf += ", ";
            fmt0x64(static_cast<uint8_t>(bytes[i]), true);
          }
          buf += '}';
        } else {
          buf += '[';
          for (size_t i = 0; i < bytes.size(); ++i) {
            if (i > 0) buf += ' ';
            fmtInteger(static_cast<uint8_t>(bytes[i]), 10, false, verb, "0123456789abcdefx");
          }
          buf += ']';
        }
        return;
      case 's': fmtS(bytes); return;  // format.go fmtBs truncates and pads like fmtS
      case 'x': fmtSbx(bytes, "0123456789abcdefx"); return;
      case 'X': fmtSbx(bytes, "0123456789ABCDEFX"); return;
      case 'q': fmtQ(bytes); return;
      default: printValue(v, verb, 0); return;
    }
  }

  // The machine word fmt prints for a pointer-shaped value (reflect.Value.Pointer): for a func value,
  // the code pointer stored in the closure the func word points at.
  bool pointerWord(const Val& v, uint64_t* u) {
    if (!readWord(v.addr, u)) return false;
    if (underOf(v.t)->kind == Kind::Signature && *u != 0) {
      uint64_t pc;
      if (readWord(*u, &pc)) *u = pc;  // a closure the VM does not lay out Go's way: keep its address
    }
    return true;
  }

  void fmtPointer(const Val& v, char32_t verb) {
    const Type* u = underOf(v.t);
    switch (u->kind) {
      case Kind::Chan:
      case Kind::Signature:
      case Kind::Pointer:
      case Kind::Slice:
      case Kind::UnsafePointer: break;
      default: badVerb(verb, &v); return;
    }
    uint64_t p;
    if (!pointerWord(v, &p)) {
      badAddr(v.addr);
      return;
    }
    switch (verb) {
      case 'v':
        if (f_.sharpV) {
          buf += '(';
          buf += fmtTypeName(v.t);
          buf += ")(";
          if (p == 0) {
            buf += "nil";
          } else {
            fmt0x64(p, true);
          }
          buf += ')';
        } else if (p == 0) {
          pad("<nil>");
        } else {
          fmt0x64(p, !f_.sharp);
        }
        break;
      case 'p': fmt0x64(p, !f_.sharp); break;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X': fmtIntegerVerb(p, false, verb, v); break;
      default: badVerb(verb, &v); break;
    }
  }

  // print.go handleMethods, for the one Stringer gofast implements itself: time.Duration (and a
  // pointer to one). User String()/Error() methods are not called (see fmt.h).
  bool handleMethods(const Val& v, char32_t verb) {
    if (erroring_ || f_.sharpV) return false;
    switch (verb) {
      case 'v':
      case 's':
      case 'x':
      case 'X':
      case 'q': break;
      default: return false;
    }
    Addr at = v.addr;
    if (v.t->kind == Kind::Pointer && isDuration(v.t->elem)) {
      uint64_t p;
      if (!readWord(v.addr, &p)) {
        badAddr(v.addr);
        return true;
      }
      if (p == 0) {
        buf += "<nil>";  // the nil-receiver panic is caught and printed as <nil> (print.go catchPanic)
        return true;
      }
      at = p;
    } else if (!isDuration(v.t)) {
      return false;
    }
    uint64_t d;
    if (!readWord(at, &d)) {
      badAddr(at);
      return true;
    }
    fmtString(fmtDurationString(static_cast<int64_t>(d)), verb, &v);
    return true;
  }

  // print.go printArg: one operand at the top level.
  void printArg(const FmtArg& a, char32_t verb) {
    if (isNilArg(a)) {
      if (verb == 'T' || verb == 'v') {
        pad("<nil>");
      } else {
        badVerb(verb, nullptr);
      }
      return;
    }
    Val v{concrete(a.type), a.data, true};
    if (verb == 'T') {
      fmtS(fmtTypeName(v.t));
      return;
    }
    if (verb == 'p') {
      fmtPointer(v, 'p');
      return;
    }
    // []byte itself (not a named byte-slice type) goes through fmtBytes with the name "[]byte".
    if (v.t->kind == Kind::Slice && v.t->elem && v.t->elem->kind == Kind::Uint8) {
      uint64_t p, len;
      std::string bytes;
      if (!readWord(v.addr, &p) || !readWord(v.addr + 8, &len) || !readBytesAt(p, len, &bytes)) {
        badAddr(v.addr);
        return;
      }
      fmtBytes(bytes, p == 0, verb, "[]byte", v);
      return;
    }
    if (handleMethods(v, verb)) return;
    printValue(v, verb, 0);
  }

  // print.go printValue: a value reached by reflection; depth 0 is the operand itself.
  void printValue(const Val& v, char32_t verb, int depth) {
    if (depth > 0 && v.canInterface && handleMethods(v, verb)) return;
    const Type* u = underOf(v.t);
    switch (u->kind) {
      case Kind::Bool: {
        uint64_t b;
        if (!readUint(v.addr, 1, &b)) return badAddr(v.addr);
        fmtBool(b != 0, verb, v);
        return;
      }
      case Kind::Int:
      case Kind::Int8:
      case Kind::Int16:
      case Kind::Int32:
      case Kind::Int64: {
        int size = static_cast<int>(lang::defaultLayout().sizeOf(u));
        uint64_t x;
        if (!readUint(v.addr, size, &x)) return badAddr(v.addr);
        if (size < 8) {  // sign-extend
          int shift = 64 - 8 * size;
          x = static_cast<uint64_t>(static_cast<int64_t>(x << shift) >> shift);
        }
        fmtIntegerVerb(x, true, verb, v);
        return;
      }
      case Kind::Uint:
      case Kind::Uint8:
      case Kind::Uint16:
      case Kind::Uint32:
      case Kind::Uint64:
      case Kind::Uintptr: {
        int size = static_cast<int>(lang::defaultLayout().sizeOf(u));
        uint64_t x;
        if (!readUint(v.addr, size, &x)) return badAddr(v.addr);
        fmtIntegerVerb(x, false, verb, v);
        return;
      }
      case Kind::Float32: {
        uint64_t x;
        if (!readUint(v.addr, 4, &x)) return badAddr(v.addr);
        uint32_t b32 = static_cast<uint32_t>(x);
        float fl;
        std::memcpy(&fl, &b32, 4);
        fmtFloatVerb(fl, 32, verb, v);
        return;
      }
      case Kind::Float64: {
        uint64_t x;
        if (!readUint(v.addr, 8, &x)) return badAddr(v.addr);
        double d;
        std::memcpy(&d, &x, 8);
        fmtFloatVerb(d, 64, verb, v);
        return;
      }
      case Kind::Complex64: {
        uint64_t re, im;
        if (!readUint(v.addr, 4, &re) || !readUint(v.addr + 4, 4, &im)) return badAddr(v.addr);
        uint32_t r32 = static_cast<uint32_t>(re), i32 = static_cast<uint32_t>(im);
        float fr, fi;
        std::memcpy(&fr, &r32, 4);
        std::memcpy(&fi, &i32, 4);
        fmtComplexVerb(fr, fi, 64, verb, v);
        return;
      }
      case Kind::Complex128: {
        uint64_t re, im;
        if (!readUint(v.addr, 8, &re) || !readUint(v.addr + 8, 8, &im)) return badAddr(v.addr);
        double dr, di;
        std::memcpy(&dr, &re, 8);
        std::memcpy(&di, &im, 8);
        fmtComplexVerb(dr, di, 128, verb, v);
        return;
      }
      case Kind::String: {
        std::string s;
        if (!readString(v.addr, &s)) return badAddr(v.addr);
        fmtString(s, verb, &v);
        return;
      }
      case Kind::Struct: {
        if (f_.sharpV) buf += fmtTypeName(v.t);
        buf += '{';
        for (uint32_t i = 0; i < u->vars.size; ++i) {
          const types::Object* field = u->vars[i];
          if (i > 0) buf += f_.sharpV ? ", " : " ";
          if ((f_.plusV || f_.sharpV) && !field->name.empty()) {
            buf += field->name;
            buf += ':';
          }
          Val fv{field->type, v.addr + static_cast<Addr>(lang::defaultLayout().offsetOf(u, static_cast<int>(i))),
                 v.canInterface && isExportedName(field->name)};
          printValue(fv, verb, depth + 1);
        }
        buf += '}';
        return;
      }
      case Kind::Interface: {
        // Interface-typed fields are outside gofast's subset; a nil one prints as Go prints it, and a
        // non-nil one as its two words (its dynamic type cannot be recovered here).
        uint64_t tw, dw;
        if (!readWord(v.addr, &tw) || !readWord(v.addr + 8, &dw)) return badAddr(v.addr);
        if (tw == 0) {
          if (f_.sharpV) {
            buf += fmtTypeName(v.t);
            buf += "(nil)";
          } else {
            buf += "<nil>";
          }
        } else {
          printeface(buf, tw, dw);
        }
        return;
      }
      case Kind::Array:
      case Kind::Slice: {
        const Type* elem = u->elem;
        const int64_t stride = lang::defaultLayout().sizeOf(elem);
        uint64_t base = v.addr, len = static_cast<uint64_t>(u->len < 0 ? 0 : u->len);
        bool isNil = false;
        if (u->kind == Kind::Slice) {
          if (!readWord(v.addr, &base) || !readWord(v.addr + 8, &len)) return badAddr(v.addr);
          isNil = base == 0;
        }
        if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') && underOf(elem)->kind == Kind::Uint8) {
          std::string bytes;
          if (!readBytesAt(base, len, &bytes)) return badAddr(base);
          fmtBytes(bytes, isNil, verb, fmtTypeName(v.t), v);
          return;
        }
        // A length no valid program can have (and whose byte size could wrap around) is a bad read.
        if (len > kMaxReadBytes || (stride > 0 && len > kMaxReadBytes / static_cast<uint64_t>(stride))) {
          return badAddr(base);
        }
        if (len > 0 && stride > 0 && !as_.check(base, len * static_cast<uint64_t>(stride), false).ok()) {
          return badAddr(base);
        }
        if (f_.sharpV) {
          buf += fmtTypeName(v.t);
          if (u->kind == Kind::Slice && isNil) {
            buf += "(nil)";
            return;
          }
          buf += '{';
        } else {
          buf += '[';
        }
        for (uint64_t i = 0; i < len; ++i) {
          if (i > 0) buf += f_.sharpV ? ", " : " ";
          printValue(Val{elem, base + i * static_cast<uint64_t>(stride), v.canInterface}, verb, depth + 1);
        }
        buf += f_.sharpV ? '}' : ']';
        return;
      }
      case Kind::Pointer: {
        if (depth == 0) {
          uint64_t p;
          if (!readWord(v.addr, &p)) return badAddr(v.addr);
          const Type* eu = underOf(u->elem);
          if (p != 0 && (eu->kind == Kind::Array || eu->kind == Kind::Slice || eu->kind == Kind::Struct)) {
            buf += '&';
            printValue(Val{u->elem, p, v.canInterface}, verb, depth + 1);
            return;
          }
        }
        fmtPointer(v, verb);
        return;
      }
      case Kind::Chan:
      case Kind::Signature:
      case Kind::UnsafePointer: fmtPointer(v, verb); return;
      default:
        buf += '?';
        buf += fmtTypeName(v.t);
        buf += '?';
        return;
    }
  }

  // print.go intFromArg: the operand of a '*' width or precision.
  bool intFromArg(const FmtArg* a, size_t n, size_t& argNum, int* num) {
    *num = 0;
    if (argNum >= n) return false;
    const FmtArg& arg = a[argNum];
    ++argNum;
    bool isInt = false;
    if (arg.type != nullptr) {
      const Type* u = underOf(concrete(arg.type));
      if (types::isInteger(u)) {
        int size = static_cast<int>(lang::defaultLayout().sizeOf(u));
        uint64_t x;
        if (readUint(arg.data, size, &x)) {
          if (!types::isUnsigned(u)) {
            if (size < 8) {
              int shift = 64 - 8 * size;
              x = static_cast<uint64_t>(static_cast<int64_t>(x << shift) >> shift);
            }
            int64_t sx = static_cast<int64_t>(x);
            if (sx >= -kTooLarge && sx <= kTooLarge) {
              *num = static_cast<int>(sx);
              isInt = true;
            }
          } else if (x <= static_cast<uint64_t>(kTooLarge)) {
            *num = static_cast<int>(x);
            isInt = true;
          }
        }
      }
    }
    if (!isInt) *num = 0;
    return isInt;
  }

  // print.go parsenum: a decimal number in format[start, end).
  static bool parsenum(std::string_view s, size_t start, size_t end, int* num, size_t* newi) {
    *num = 0;
    bool isnum = false;
    if (start >= end) {
      *newi = end;
      return false;
    }
    size_t i = start;
    for (; i < end && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (*num > kTooLarge || *num < -kTooLarge) {  // overflow: a crazy long number
        *num = 0;
        *newi = end;
        return false;
      }
      *num = *num * 10 + (s[i] - '0');
      isnum = true;
    }
    *newi = i;
    return isnum;
  }

  // print.go argNumber: an explicit [n] index at format[i]; returns whether one was found.
  bool argNumber(size_t& argNum, std::string_view format, size_t& i, size_t numArgs) {
    if (format.size() <= i || format[i] != '[') return false;
    reordered_ = true;
    // parseArgNumber
    std::string_view rest = format.substr(i);
    int index = 0;
    size_t wid = 1;
    bool ok = false;
    if (rest.size() >= 3) {
      for (size_t k = 1; k < rest.size(); ++k) {
        if (rest[k] == ']') {
          int width;
          size_t newi;
          bool isnum = parsenum(rest, 1, k, &width, &newi);
          if (!isnum || newi != k) {
            index = 0;
            wid = k + 1;
            ok = false;
          } else {
            index = width - 1;
            wid = k + 1;
            ok = true;
          }
          break;
        }
      }
    }
    if (ok && index >= 0 && static_cast<size_t>(index) < numArgs) {
      argNum = static_cast<size_t>(index);
      i += wid;
      return true;
    }
    goodArgNum_ = false;
    i += wid;
    return ok;
  }
};

void Printer::doPrint(const FmtArg* a, size_t n) {
  bool prevString = false;
  for (size_t k = 0; k < n; ++k) {
    bool isString = a[k].type != nullptr && underOf(concrete(a[k].type))->kind == Kind::String;
    if (k > 0 && !isString && !prevString) buf += ' ';
    clearflags();
    printArg(a[k], 'v');
    prevString = isString;
  }
}

void Printer::doPrintln(const FmtArg* a, size_t n) {
  for (size_t k = 0; k < n; ++k) {
    if (k > 0) buf += ' ';
    clearflags();
    printArg(a[k], 'v');
  }
  buf += '\n';
}

void Printer::doPrintf(std::string_view format, const FmtArg* a, size_t n) {
  const size_t end = format.size();
  size_t argNum = 0;
  bool afterIndex = false;
  reordered_ = false;
  size_t i = 0;
  while (i < end) {
    goodArgNum_ = true;
    size_t lasti = i;
    while (i < end && format[i] != '%') ++i;
    if (i > lasti) buf += format.substr(lasti, i - lasti);
    if (i >= end) break;
    ++i;  // skip %
    clearflags();
    bool simpleDone = false;
    // Fast path for flags and a simple verb (print.go simpleFormat).
    for (; i < end; ++i) {
      char c = format[i];
      bool isFlag = true;
      switch (c) {
        case '#': f_.sharp = true; break;
        case '0': f_.zero = !f_.minus; break;  // only allow zero padding to the left
        case '+': f_.plus = true; break;
        case '-':
          f_.minus = true;
          f_.zero = false;  // do not pad with zeros to the right
          break;
        case ' ': f_.space = true; break;
        default: isFlag = false; break;
      }
      if (isFlag) continue;
      if (c >= 'a' && c <= 'z' && argNum < n) {
        if (c == 'v') {
          f_.sharpV = f_.sharp;
          f_.sharp = false;
          f_.plusV = f_.plus;
          f_.plus = false;
        }
        printArg(a[argNum], static_cast<char32_t>(c));
        ++argNum;
        ++i;
        simpleDone = true;
      }
      break;
    }
    if (simpleDone) continue;

    // argument index, width, precision
    afterIndex = argNumber(argNum, format, i, n);
    if (i < end && format[i] == '*') {
      ++i;
      f_.widPresent = intFromArg(a, n, argNum, &wid_);
      if (!f_.widPresent) buf += "%!(BADWIDTH)";
      if (wid_ < 0) {
        wid_ = -wid_;
        f_.minus = true;
        f_.zero = false;
      }
      afterIndex = false;
    } else {
      f_.widPresent = parsenum(format, i, end, &wid_, &i);
      if (afterIndex && f_.widPresent) goodArgNum_ = false;  // "%[3]2d"
    }
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (afterIndex) goodArgNum_ = false;  // "%[3].2d"
      afterIndex = argNumber(argNum, format, i, n);
      if (i < end && format[i] == '*') {
        ++i;
        f_.precPresent = intFromArg(a, n, argNum, &prec_);
        if (prec_ < 0) {
          prec_ = 0;
          f_.precPresent = false;
        }
        if (!f_.precPresent) buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        f_.precPresent = parsenum(format, i, end, &prec_, &i);
        if (!f_.precPresent) {
          prec_ = 0;
          f_.precPresent = true;
        }
      }
    }
    if (!afterIndex) afterIndex = argNumber(argNum, format, i, n);
    if (i >= end) {
      buf += "%!(NOVERB)";
      break;
    }
    int size = 1;
    char32_t verb = static_cast<uint8_t>(format[i]);
    if (verb >= 0x80) {
      verb = decodeRune(format, i, &size);
    }
    i += static_cast<size_t>(size);
    if (verb == '%') {  // percent does not absorb operands and ignores width and precision
      buf += '%';
    } else if (!goodArgNum_) {
      buf += "%!";
      writeRune(verb);
      buf += "(BADINDEX)";
    } else if (argNum >= n) {
      buf += "%!";
      writeRune(verb);
      buf += "(MISSING)";
    } else {
      if (verb == 'v') {
        f_.sharpV = f_.sharp;
        f_.sharp = false;
        f_.plusV = f_.plus;
        f_.plus = false;
      }
      printArg(a[argNum], verb);
      ++argNum;
    }
  }
  if (!reordered_ && argNum < n) {
    clearflags();
    buf += "%!(EXTRA ";
    for (size_t k = argNum; k < n; ++k) {
      if (k > argNum) buf += ", ";
      if (isNilArg(a[k])) {
        buf += "<nil>";
      } else {
        buf += fmtTypeName(concrete(a[k].type));
        buf += '=';
        printArg(a[k], 'v');
      }
    }
    buf += ')';
  }
}

// ---- type names (reflect's rtype.String) -----------------------------------------------------------

void writeTypeName(std::string& out, const Type* t);

void writeTuple(std::string& out, const Type* tuple, bool variadic) {
  if (tuple == nullptr) return;
  for (uint32_t i = 0; i < tuple->vars.size; ++i) {
    if (i > 0) out += ", ";
    const Type* pt = tuple->vars[i]->type;
    if (variadic && i + 1 == tuple->vars.size && pt && pt->kind == Kind::Slice) {
      out += "...";
      writeTypeName(out, pt->elem);
    } else {
      writeTypeName(out, pt);
    }
  }
}

void writeTypeName(std::string& out, const Type* t) {
  if (t == nullptr) {
    out += "<nil>";
    return;
  }
  t = concrete(t);
  switch (t->kind) {
    case Kind::Named:
      if (t == types::errorType()) {
        out += "error";
        return;
      }
      if (t->obj != nullptr) {
        out += types::pkgName(t->obj->pkg);
        out += '.';
        out += t->obj->name;
      }
      return;
    case Kind::Pointer:
      out += '*';
      writeTypeName(out, t->elem);
      return;
    case Kind::Slice:
      out += "[]";
      writeTypeName(out, t->elem);
      return;
    case Kind::Array:
      out += '[';
      out += std::to_string(t->len);
      out += ']';
      writeTypeName(out, t->elem);
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
      writeTypeName(out, t->elem);
      if (parens) out += ')';
      return;
    }
    case Kind::Struct:
      if (t->vars.size == 0) {
        out += "struct {}";
        return;
      }
      out += "struct { ";
      for (uint32_t i = 0; i < t->vars.size; ++i) {
        if (i > 0) out += "; ";
        const types::Object* f = t->vars[i];
        if (!f->embedded) {
          out += f->name;
          out += ' ';
        }
        writeTypeName(out, f->type);
      }
      out += " }";
      return;
    case Kind::Signature: {
      out += "func(";
      writeTuple(out, t->params, t->variadic);
      out += ')';
      const Type* r = t->results;
      if (r != nullptr && r->vars.size == 1) {
        out += ' ';
        writeTypeName(out, r->vars[0]->type);
      } else if (r != nullptr && r->vars.size > 1) {
        out += " (";
        writeTuple(out, r, false);
        out += ')';
      }
      return;
    }
    case Kind::Interface:
      if (t == types::anyType() || (t->name && std::strcmp(t->name, "any") == 0)) {
        out += "interface {}";
      } else {
        out += t->name ? t->name : "interface {}";
      }
      return;
    case Kind::Uint8: out += "uint8"; return;  // byte
    case Kind::Int32: out += "int32"; return;  // rune
    case Kind::UnsafePointer: out += "unsafe.Pointer"; return;
    case Kind::UntypedNil: out += "<nil>"; return;
    default: out += t->name ? t->name : "?"; return;
  }
}

// ---- method detection ---------------------------------------------------------------------------------

// Does the method `m` look like String() string or Error() string?
bool isStringerMethod(const types::Object* m) {
  if (m == nullptr || (m->name != "String" && m->name != "Error")) return false;
  const Type* sig = m->type;
  if (sig == nullptr || sig->kind != Kind::Signature) return false;
  if (sig->params != nullptr && sig->params->vars.size != 0) return false;
  if (sig->results == nullptr || sig->results->vars.size != 1) return false;
  return types::isString(sig->results->vars[0]->type) && !sig->results->vars[0]->type->isNamed();
}

bool hasPointerReceiver(const types::Object* m) {
  const Type* sig = m->type;
  return sig && sig->recv && sig->recv->type && sig->recv->type->kind == Kind::Pointer;
}

// Is a String()/Error() method in the method set of t?
bool inMethodSet(const Type* t) {
  if (t == nullptr) return false;
  bool viaPointer = false;
  if (t->kind == Kind::Pointer) {
    t = t->elem;
    viaPointer = true;
  }
  if (t == nullptr || t->kind != Kind::Named || isDuration(t)) return false;
  for (const types::Object* m = t->methods; m; m = m->nextMethod) {
    if (isStringerMethod(m) && (viaPointer || !hasPointerReceiver(m))) return true;
  }
  return false;
}

const Type* findMethodCall(const Type* t, int depth, std::vector<const Type*>& seen) {
  if (t == nullptr) return nullptr;
  if (inMethodSet(t)) return t;
  if (std::find(seen.begin(), seen.end(), t) != seen.end()) return nullptr;
  seen.push_back(t);
  const Type* u = underOf(t);
  switch (u->kind) {
    case Kind::Struct:
      for (const types::Object* f : u->vars) {
        if (!isExportedName(f->name)) continue;  // reflect cannot call methods through unexported fields
        if (const Type* r = findMethodCall(f->type, depth + 1, seen)) return r;
      }
      return nullptr;
    case Kind::Array:
    case Kind::Slice: return findMethodCall(u->elem, depth + 1, seen);
    case Kind::Pointer:
      if (depth == 0) {
        const Type* eu = underOf(u->elem);
        if (eu->kind == Kind::Struct || eu->kind == Kind::Array || eu->kind == Kind::Slice) {
          return findMethodCall(u->elem, depth + 1, seen);
        }
      }
      return nullptr;
    default: return nullptr;
  }
}

}  // namespace

// ---- entry points -----------------------------------------------------------------------------------

std::string fmtSprint(AddressSpace& as, const FmtArg* args, size_t n) {
  Printer p(as);
  p.doPrint(args, n);
  return std::move(p.buf);
}

std::string fmtSprintln(AddressSpace& as, const FmtArg* args, size_t n) {
  Printer p(as);
  p.doPrintln(args, n);
  return std::move(p.buf);
}

std::string fmtSprintf(AddressSpace& as, std::string_view format, const FmtArg* args, size_t n) {
  Printer p(as);
  p.doPrintf(format, args, n);
  return std::move(p.buf);
}

std::string fmtTypeName(const types::Type* t) {
  std::string s;
  writeTypeName(s, t);
  return s;
}

bool fmtNeedsMethodCall(const types::Type* t) { return inMethodSet(t); }

const types::Type* fmtFindMethodCall(const types::Type* t) {
  std::vector<const Type*> seen;
  return findMethodCall(t, 0, seen);
}

}  // namespace gofast::rt
