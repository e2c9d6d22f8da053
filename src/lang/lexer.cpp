#include "lang/lexer.h"

#include <cstdio>
#include <cstdlib>

namespace gofast::lang {

namespace {

int lower(int c) { return ('a' - 'A') | c; }
bool isLetter(int c) { return ('a' <= lower(c) && lower(c) <= 'z') || c == '_'; }
bool isDecimal(int c) { return '0' <= c && c <= '9'; }
bool isHex(int c) { return isDecimal(c) || ('a' <= lower(c) && lower(c) <= 'f'); }

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
  }
}

// Index of the first misplaced '_' in a number literal, or -1 (Go spec: '_' only between digits
// or between the base prefix and a digit).
int invalidSeparator(std::string_view x) {
  int prefix = ' ';
  int d = '.';  // previous class: '_', '0' (digit) or '.' (other)
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    prefix = lower(x[1]);
    if (prefix == 'x' || prefix == 'o' || prefix == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); ++i) {
    int prev = d;
    int c = static_cast<unsigned char>(x[i]);
    if (c == '_') {
      if (prev != '0') return static_cast<int>(i);
      d = '_';
    } else if (isDecimal(c) || (prefix == 'x' && isHex(c))) {
      d = '0';
    } else {
      if (prev == '_') return static_cast<int>(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return static_cast<int>(x.size()) - 1;
  return -1;
}

bool isPrintableRune(uint32_t r) {
  if (r < 0x20 || r == 0x7f) return false;
  if (r >= 0x80 && r < 0xa0) return false;
  if (r == 0xFFFD || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) return false;
  return true;
}

}  // namespace

void appendUtf8(std::string& out, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = 0xFFFD;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

std::string formatRuneU(uint32_t r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "U+%04X", r);
  std::string s = buf;
  if (isPrintableRune(r)) {
    s += " '";
    appendUtf8(s, r);
    s += "'";
  }
  return s;
}

std::string quoteRune(uint32_t r) {
  std::string s = "'";
  switch (r) {
    case '\a': s += "\\a"; break;
    case '\b': s += "\\b"; break;
    case '\f': s += "\\f"; break;
    case '\n': s += "\\n"; break;
    case '\r': s += "\\r"; break;
    case '\t': s += "\\t"; break;
    case '\v': s += "\\v"; break;
    case '\\': s += "\\\\"; break;
    case '\'': s += "\\'"; break;
    default:
      if (isPrintableRune(r)) {
        appendUtf8(s, r);
      } else {
        char buf[16];
        if (r < 0x80) std::snprintf(buf, sizeof buf, "\\x%02x", r);
        else if (r < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", r);
        else std::snprintf(buf, sizeof buf, "\\U%08x", r);
        s += buf;
      }
  }
  s += "'";
  return s;
}

Lexer::Lexer(std::string_view src, ErrorFn onError, void* ctx) : src_(src), onError_(onError), ctx_(ctx) {
  // A byte order mark at the very start is ignored (Go's source reader does the same).
  if (src_.size() >= 3 && src_.substr(0, 3) == "\xEF\xBB\xBF") {
    off_ = 3;
    lineStart_ = 3;  // keep the first token at column 1, as Go does
  }
}

void Lexer::error(Pos p, std::string msg) {
  if (onError_ != nullptr) onError_(ctx_, p, std::move(msg));
  else errors_.push_back({p, std::move(msg)});
}

uint32_t Lexer::decodeRune(size_t at, int* width) const {
  auto b = [&](size_t i) -> uint32_t { return at + i < src_.size() ? static_cast<unsigned char>(src_[at + i]) : 0; };
  uint32_t c0 = b(0);
  *width = 1;
  if (c0 < 0x80) return c0;
  auto cont = [&](size_t i) { return (b(i) & 0xC0) == 0x80; };
  if (c0 >= 0xC2 && c0 < 0xE0 && cont(1)) {
    *width = 2;
    return ((c0 & 0x1F) << 6) | (b(1) & 0x3F);
  }
  if (c0 >= 0xE0 && c0 < 0xF0 && cont(1) && cont(2)) {
    uint32_t r = ((c0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (r >= 0x800 && !(r >= 0xD800 && r < 0xE000)) {
      *width = 3;
      return r;
    }
  }
  if (c0 >= 0xF0 && c0 < 0xF5 && cont(1) && cont(2) && cont(3)) {
    uint32_t r = ((c0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if (r >= 0x10000 && r <= 0x10FFFF) {
      *width = 4;
      return r;
    }
  }
  return 0xFFFD;
}

void Lexer::setLit(LitKind kind, bool ok) {
  nlsemi_ = true;
  t_.tok = Tok::Literal;
  t_.kind = kind;
  t_.bad = !ok;
  t_.lit = src_.substr(t_.offset, off_ - t_.offset);
}

void Lexer::opOrAssign(Op op, uint8_t prec) {
  t_.op = op;
  t_.prec = prec;
  if (ch() == '=') {
    adv();
    t_.tok = Tok::AssignOp;
    return;
  }
  t_.tok = Tok::Operator;
}

void Lexer::next() {
  bool nlsemi = nlsemi_;
  nlsemi_ = false;
  t_.lit = {};
  t_.op = Op::None;
  t_.prec = 0;
  t_.bad = false;

  for (;;) {
    // skip blanks; a newline is a blank only when it does not end a statement
    for (;;) {
      int c = ch();
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !nlsemi)) adv();
      else break;
    }
    t_.pos = here();
    t_.offset = static_cast<uint32_t>(off_);
    int c = ch();

    if (isLetter(c) || c >= 0x80) {
      if (c >= 0x80) {
        int w;
        uint32_t r = decodeRune(off_, &w);
        if (r == 0xFFFD && w == 1) {
          errorHere("invalid UTF-8 encoding");
          adv();
          continue;
        }
        if (r == 0xFEFF) {
          errorHere("invalid BOM in the middle of the file");
          off_ += w;
          continue;
        }
      }
      ident();
      return;
    }

    switch (c) {
      case -1:
        if (nlsemi) {
          t_.tok = Tok::Semi;
          t_.lit = "EOF";
          return;
        }
        t_.tok = Tok::EOF_;
        return;
      case '\n':
        adv();
        t_.tok = Tok::Semi;
        t_.lit = "newline";
        return;
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        number(false);
        return;
      case '"': stdString(); return;
      case '`': rawString(); return;
      case '\'': runeLit(); return;
      case '(': adv(); t_.tok = Tok::Lparen; return;
      case '[': adv(); t_.tok = Tok::Lbrack; return;
      case '{': adv(); t_.tok = Tok::Lbrace; return;
      case ',': adv(); t_.tok = Tok::Comma; return;
      case ';': adv(); t_.tok = Tok::Semi; t_.lit = "semicolon"; return;
      case ')': adv(); nlsemi_ = true; t_.tok = Tok::Rparen; return;
      case ']': adv(); nlsemi_ = true; t_.tok = Tok::Rbrack; return;
      case '}': adv(); nlsemi_ = true; t_.tok = Tok::Rbrace; return;
      case ':':
        adv();
        if (ch() == '=') {
          adv();
          t_.tok = Tok::Define;
          return;
        }
        t_.tok = Tok::Colon;
        return;
      case '.':
        if (isDecimal(peek())) {
          adv();
          number(true);
          return;
        }
        if (peek() == '.' && peek(2) == '.') {
          adv(); adv(); adv();
          t_.tok = Tok::DotDotDot;
          return;
        }
        adv();
        t_.tok = Tok::Dot;
        return;
      case '+':
      case '-': {
        adv();
        Op op = c == '+' ? Op::Add : Op::Sub;
        if (ch() == c) {
          adv();
          nlsemi_ = true;
          setOp(Tok::IncOp, op, precAdd);
          return;
        }
        opOrAssign(op, precAdd);
        return;
      }
      case '*':
        adv();
        if (ch() == '=') {
          adv();
          setOp(Tok::AssignOp, Op::Mul, precMul);
          return;
        }
        setOp(Tok::Star, Op::Mul, precMul);
        return;
      case '/':
        if (peek() == '/') {
          size_t start = off_;
          adv(); adv();
          lineComment(start);
          continue;  // the newline (if any) is scanned next
        }
        if (peek() == '*') {
          adv(); adv();
          int32_t startLine = t_.pos.line;
          bool ok = skipFullComment();
          if (!ok) error(t_.pos, "comment not terminated");
          if (line_ > startLine && nlsemi) {
            // a comment spanning lines acts like a newline; Go reports it at the comment's start
            t_.tok = Tok::Semi;
            t_.lit = "newline";
            return;
          }
          continue;
        }
        adv();
        opOrAssign(Op::Div, precMul);
        return;
      case '%': adv(); opOrAssign(Op::Rem, precMul); return;
      case '&':
        adv();
        if (ch() == '&') {
          adv();
          setOp(Tok::Operator, Op::AndAnd, precAndAnd);
          return;
        }
        if (ch() == '^') {
          adv();
          opOrAssign(Op::AndNot, precMul);
          return;
        }
        opOrAssign(Op::And, precMul);
        return;
      case '|':
        adv();
        if (ch() == '|') {
          adv();
          setOp(Tok::Operator, Op::OrOr, precOrOr);
          return;
        }
        opOrAssign(Op::Or, precAdd);
        return;
      case '^': adv(); opOrAssign(Op::Xor, precAdd); return;
      case '<':
        adv();
        if (ch() == '=') { adv(); setOp(Tok::Operator, Op::Leq, precCmp); return; }
        if (ch() == '<') { adv(); opOrAssign(Op::Shl, precMul); return; }
        if (ch() == '-') { adv(); t_.tok = Tok::Arrow; return; }
        setOp(Tok::Operator, Op::Lss, precCmp);
        return;
      case '>':
        adv();
        if (ch() == '=') { adv(); setOp(Tok::Operator, Op::Geq, precCmp); return; }
        if (ch() == '>') { adv(); opOrAssign(Op::Shr, precMul); return; }
        setOp(Tok::Operator, Op::Gtr, precCmp);
        return;
      case '=':
        adv();
        if (ch() == '=') { adv(); setOp(Tok::Operator, Op::Eql, precCmp); return; }
        t_.tok = Tok::Assign;
        return;
      case '!':
        adv();
        if (ch() == '=') { adv(); setOp(Tok::Operator, Op::Neq, precCmp); return; }
        setOp(Tok::Operator, Op::Not, 0);
        return;
      case '~': adv(); setOp(Tok::Operator, Op::Tilde, 0); return;
      default:
        if (c == 0) errorHere("invalid NUL character");
        else errorHere("invalid character " + formatRuneU(static_cast<uint32_t>(c)));
        adv();
        continue;
    }
  }
}

void Lexer::ident() {
  for (;;) {
    int c = ch();
    if (isLetter(c) || isDecimal(c)) {
      adv();
    } else if (c >= 0x80) {
      int w;
      uint32_t r = decodeRune(off_, &w);
      if (r == 0xFFFD && w == 1) break;  // reported as invalid UTF-8 by the next token
      off_ += w;  // non-ASCII letters are accepted (gofast does not classify Unicode categories)
    } else {
      break;
    }
  }
  std::string_view word = src_.substr(t_.offset, off_ - t_.offset);
  Tok kw = keywordTok(word);
  if (kw != Tok::None) {
    t_.tok = kw;
    nlsemi_ = kw == Tok::Break || kw == Tok::Continue || kw == Tok::Fallthrough || kw == Tok::Return;
    return;
  }
  nlsemi_ = true;
  t_.tok = Tok::Name;
  t_.lit = word;
}

int Lexer::digits(int base, int* invalid) {
  int digsep = 0;
  if (base <= 10) {
    int max = '0' + base;
    for (;;) {
      int c = ch();
      if (!isDecimal(c) && c != '_') break;
      int ds = 1;
      if (c == '_') ds = 2;
      else if (c >= max && *invalid < 0) *invalid = static_cast<int>(off_ - t_.offset);
      digsep |= ds;
      adv();
    }
  } else {
    for (;;) {
      int c = ch();
      if (!isHex(c) && c != '_') break;
      digsep |= c == '_' ? 2 : 1;
      adv();
    }
  }
  return digsep;
}

void Lexer::number(bool seenPoint) {
  bool ok = true;
  LitKind kind = LitKind::Int;
  int base = 10;
  int prefix = 0;  // 0 (decimal), '0' (legacy octal), 'x', 'o', 'b'
  int digsep = 0;  // bit 0: a digit was seen; bit 1: a '_' was seen
  int invalid = -1;

  if (!seenPoint) {
    if (ch() == '0') {
      adv();
      switch (lower(ch())) {
        case 'x': adv(); base = 16; prefix = 'x'; break;
        case 'o': adv(); base = 8; prefix = 'o'; break;
        case 'b': adv(); base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1; break;
      }
    }
    digsep |= digits(base, &invalid);
    if (ch() == '.') {
      if (prefix == 'o' || prefix == 'b') {
        errorHere(std::string("invalid radix point in ") + baseName(base) + " literal");
        ok = false;
      }
      adv();
      seenPoint = true;
    }
  }
  if (seenPoint) {
    kind = LitKind::Float;
    digsep |= digits(base, &invalid);
  }
  if ((digsep & 1) == 0 && ok) {
    errorHere(std::string(baseName(base)) + " literal has no digits");
    ok = false;
  }
  int e = lower(ch());
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        errorHere(quoteRune(static_cast<uint32_t>(ch())) + " exponent requires decimal mantissa");
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        errorHere(quoteRune(static_cast<uint32_t>(ch())) + " exponent requires hexadecimal mantissa");
        ok = false;
      }
    }
    adv();
    kind = LitKind::Float;
    if (ch() == '+' || ch() == '-') adv();
    int none = -1;
    digsep = digits(10, &none) | (digsep & 2);
    if ((digsep & 1) == 0 && ok) {
      errorHere("exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == LitKind::Float && ok) {
    errorHere("hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }
  if (ch() == 'i') {
    kind = LitKind::Imag;
    adv();
  }
  setLit(kind, ok);

  if (kind == LitKind::Int && invalid >= 0 && ok) {
    errorAtOffset(static_cast<uint32_t>(invalid), "invalid digit " +
                                                      quoteRune(static_cast<unsigned char>(t_.lit[invalid])) +
                                                      " in " + baseName(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = invalidSeparator(t_.lit);
    if (i >= 0) {
      errorAtOffset(static_cast<uint32_t>(i), "'_' must separate successive digits");
      ok = false;
    }
  }
  t_.bad = !ok;
}

bool Lexer::escape(char quote) {
  int n;
  uint32_t base, max;
  int c = ch();
  if (c == quote) {
    adv();
    return true;
  }
  switch (c) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      adv();
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3; base = 8; max = 255;
      break;
    case 'x': adv(); n = 2; base = 16; max = 255; break;
    case 'u': adv(); n = 4; base = 16; max = 0x10FFFF; break;
    case 'U': adv(); n = 8; base = 16; max = 0x10FFFF; break;
    default:
      if (c < 0) return true;  // the caller reports the missing terminator
      errorHere("unknown escape");
      return false;
  }
  uint32_t x = 0;
  for (int i = n; i > 0; --i) {
    c = ch();
    if (c < 0) return true;
    uint32_t d = base;
    if (isDecimal(c)) d = static_cast<uint32_t>(c - '0');
    else if ('a' <= lower(c) && lower(c) <= 'f') d = static_cast<uint32_t>(lower(c) - 'a' + 10);
    if (d >= base) {
      uint32_t r = static_cast<uint32_t>(c);
      if (c >= 0x80) {
        int w;
        r = decodeRune(off_, &w);
      }
      errorHere("invalid character " + quoteRune(r) + " in " + baseName(static_cast<int>(base)) + " escape");
      return false;
    }
    x = x * base + d;
    adv();
  }
  if (x > max && base == 8) {
    errorHere("octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    errorHere("escape is invalid Unicode code point " + formatRuneU(x));
    return false;
  }
  return true;
}

void Lexer::runeLit() {
  bool ok = true;
  adv();  // '
  int n = 0;
  for (;; ++n) {
    int c = ch();
    if (c == '\'') {
      if (ok) {
        if (n == 0) {
          errorHere("empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          errorAtOffset(0, "more than one character in rune literal");
          ok = false;
        }
      }
      adv();
      break;
    }
    if (c == '\\') {
      adv();
      if (!escape('\'')) ok = false;
      continue;
    }
    if (c == '\n') {
      if (ok) {
        errorHere("newline in rune literal");
        ok = false;
      }
      break;
    }
    if (c < 0) {
      if (ok) {
        errorAtOffset(0, "rune literal not terminated");
        ok = false;
      }
      break;
    }
    if (c >= 0x80) {
      int w;
      decodeRune(off_, &w);
      off_ += w;
    } else {
      adv();
    }
  }
  setLit(LitKind::Rune, ok);
}

void Lexer::stdString() {
  bool ok = true;
  adv();
  for (;;) {
    int c = ch();
    if (c == '"') {
      adv();
      break;
    }
    if (c == '\\') {
      adv();
      if (!escape('"')) ok = false;
      continue;
    }
    if (c == '\n') {
      errorHere("newline in string");
      ok = false;
      break;
    }
    if (c < 0) {
      errorAtOffset(0, "string not terminated");
      ok = false;
      break;
    }
    adv();
  }
  setLit(LitKind::String, ok);
}

void Lexer::rawString() {
  bool ok = true;
  adv();
  for (;;) {
    int c = ch();
    if (c == '`') {
      adv();
      break;
    }
    if (c < 0) {
      errorAtOffset(0, "string not terminated");
      ok = false;
      break;
    }
    adv();
  }
  setLit(LitKind::String, ok);
}

void Lexer::lineComment(size_t commentStart) {
  // off_ is just after "//"
  size_t textStart = off_;
  while (off_ < src_.size() && src_[off_] != '\n') ++off_;
  std::string_view text = src_.substr(textStart, off_ - textStart);
  if (text.size() > 3 && text.substr(0, 3) == "go:") {
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    bool own = true;
    for (size_t i = commentStart; i > lineStart_; --i) {
      char b = src_[i - 1];
      if (b != ' ' && b != '\t') {
        own = false;
        break;
      }
    }
    Pos p{line_, static_cast<int32_t>(textStart - lineStart_ + 1)};
    directives_.push_back({p, text, own});
  }
}

bool Lexer::skipFullComment() {
  while (ch() >= 0) {
    if (ch() == '*' && peek() == '/') {
      adv(); adv();
      return true;
    }
    adv();
  }
  return false;
}

// ---- literal decoding ----------------------------------------------------------------------------

namespace {

int hexVal(int c) {
  if (isDecimal(c)) return c - '0';
  if ('a' <= lower(c) && lower(c) <= 'f') return lower(c) - 'a' + 10;
  return 99;
}

// Decodes one char or escape at s[i] (inside quotes); advances i. isByte: \x and octal escapes
// denote single bytes (strings) rather than code points.
bool decodeOne(std::string_view s, size_t& i, char quote, uint32_t& r, bool& isByte) {
  isByte = false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c != '\\') {
    if (c < 0x80) {
      r = c;
      ++i;
      return true;
    }
    // UTF-8 sequence: copy the code point
    int w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + w > s.size()) w = 1;
    r = w == 1 ? 0xFFFD : (c & (0xFF >> (w + 1)));
    for (int k = 1; k < w; ++k) r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += w;
    return true;
  }
  if (++i >= s.size()) return false;
  char e = s[i++];
  int n = 0, base = 16;
  switch (e) {
    case 'a': r = 7; return true;
    case 'b': r = 8; return true;
    case 'f': r = 12; return true;
    case 'n': r = 10; return true;
    case 'r': r = 13; return true;
    case 't': r = 9; return true;
    case 'v': r = 11; return true;
    case '\\': r = '\\'; return true;
    case 'x': n = 2; isByte = true; break;
    case 'u': n = 4; break;
    case 'U': n = 8; break;
    default:
      if (e == quote) {
        r = static_cast<unsigned char>(e);
        return true;
      }
      if (e >= '0' && e <= '7') {
        n = 2;
        base = 8;
        isByte = true;
        r = static_cast<uint32_t>(e - '0');
        for (; n > 0; --n) {
          if (i >= s.size() || s[i] < '0' || s[i] > '7') return false;
          r = r * 8 + static_cast<uint32_t>(s[i++] - '0');
        }
        return r <= 255;
      }
      return false;
  }
  r = 0;
  for (; n > 0; --n) {
    if (i >= s.size()) return false;
    int d = hexVal(static_cast<unsigned char>(s[i++]));
    if (d >= base) return false;
    r = r * 16 + static_cast<uint32_t>(d);
  }
  return isByte || (r <= 0x10FFFF && !(r >= 0xD800 && r < 0xE000));
}

}  // namespace

bool unquoteString(std::string_view lit, std::string& out) {
  out.clear();
  if (lit.size() < 2) return false;
  if (lit.front() == '`') {
    if (lit.back() != '`') return false;
    for (char c : lit.substr(1, lit.size() - 2))
      if (c != '\r') out += c;  // carriage returns are discarded from raw strings
    return true;
  }
  if (lit.front() != '"' || lit.back() != '"') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  while (i < body.size()) {
    uint32_t r;
    bool isByte;
    if (!decodeOne(body, i, '"', r, isByte)) return false;
    if (isByte) out += static_cast<char>(r);
    else appendUtf8(out, r);
  }
  return true;
}

bool unquoteRune(std::string_view lit, uint32_t& out) {
  if (lit.size() < 3 || lit.front() != '\'' || lit.back() != '\'') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  size_t i = 0;
  bool isByte;
  if (!decodeOne(body, i, '\'', out, isByte)) return false;
  return i == body.size();
}

bool intLitValue(std::string_view lit, uint64_t& out) {
  out = 0;
  int base = 10;
  size_t i = 0;
  if (lit.size() >= 2 && lit[0] == '0') {
    int p = lower(lit[1]);
    if (p == 'x') { base = 16; i = 2; }
    else if (p == 'o') { base = 8; i = 2; }
    else if (p == 'b') { base = 2; i = 2; }
    else base = 8;
  }
  bool any = false;
  for (; i < lit.size(); ++i) {
    int c = static_cast<unsigned char>(lit[i]);
    if (c == '_') continue;
    int d = hexVal(c);
    if (d >= base) return false;
    if (out > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return false;
    out = out * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    any = true;
  }
  return any || lit == "0";
}

bool floatLitValue(std::string_view lit, double& out) {
  std::string clean;
  clean.reserve(lit.size());
  for (char c : lit)
    if (c != '_') clean += c;
  if (!clean.empty() && clean.back() == 'i') clean.pop_back();
  if (clean.empty()) return false;
  char* end = nullptr;
  out = std::strtod(clean.c_str(), &end);
  return end == clean.c_str() + clean.size();
}

}  // namespace gofast::lang
