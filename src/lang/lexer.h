// Lexer: Go source bytes → tokens, with Go's automatic semicolon insertion.
//
// It behaves like Go 1.19's cmd/compile/internal/syntax scanner, because gofast's syntax errors must
// match Go's character for character:
//   - A newline (or EOF, or a multi-line /* */ comment) after an identifier, a literal, one of the
//     keywords break/continue/fallthrough/return, ++, --, ), ] or } becomes a Tok::Semi whose `lit`
//     is "newline" ("EOF"); an explicit ';' has lit "semicolon". Error messages print that lit.
//   - Positions are 1-based line and 1-based *byte* column of the token's first byte.
//   - Malformed literals are still returned as Tok::Literal with `bad` set, after reporting Go's
//     message ("newline in string", "invalid digit '8' in octal literal", "'_' must separate
//     successive digits"...) at Go's position. Lexical errors carry no "syntax error: " prefix.
//   - Comments are skipped, except `//go:xxx` line comments, which are queued as Directives for the
//     parser to attach to the next declaration (the inliner needs //go:noinline).
// The lexer never allocates per token: names and literals are views into the source text, which must
// outlive the tokens. Decoding a literal's value is left to the helpers at the end of this header
// (the checker calls them once per literal; most literals are never decoded twice).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/pos.h"
#include "lang/token.h"

namespace gofast::lang {

struct Token {
  Tok tok = Tok::EOF_;
  Op op = Op::None;       // for Operator, Star, AssignOp, IncOp
  uint8_t prec = 0;       // binary precedence for Operator and Star
  LitKind kind = LitKind::Int;  // for Literal
  bool bad = false;       // for Literal: a lexical error was reported for it
  Pos pos;                // first byte of the token
  uint32_t offset = 0;    // byte offset of the first byte
  // Name: the identifier; Literal: its source text (quotes included); Semi: "semicolon", "newline"
  // or "EOF". Empty otherwise.
  std::string_view lit;
};

// A `//go:name args` comment. pos is the position of "go:" (as Go reports directive errors);
// text starts with "go:" and has no trailing newline. ownLine: only blanks precede it on its line.
struct Directive {
  Pos pos;
  std::string_view text;
  bool ownLine = true;
};

class Lexer {
 public:
  // Called for each lexical error in source order. With no callback, errors go to errors().
  using ErrorFn = void (*)(void* ctx, Pos pos, std::string msg);

  explicit Lexer(std::string_view src, ErrorFn onError = nullptr, void* ctx = nullptr);

  // Scans the next token into tok(). After the end, keeps returning Tok::EOF_.
  void next();
  const Token& tok() const { return t_; }

  // Directives seen so far and not yet taken by the parser (it clears the list).
  std::vector<Directive>& directives() { return directives_; }

  struct Error {
    Pos pos;
    std::string msg;
  };
  const std::vector<Error>& errors() const { return errors_; }

  // Stops scanning: every later next() yields EOF (used after "too many errors").
  void stop() { off_ = src_.size(); nlsemi_ = false; }

 private:
  int ch() const { return off_ < src_.size() ? static_cast<unsigned char>(src_[off_]) : -1; }
  int peek(size_t k = 1) const {
    return off_ + k < src_.size() ? static_cast<unsigned char>(src_[off_ + k]) : -1;
  }
  void adv() {
    if (off_ < src_.size()) {
      if (src_[off_] == '\n') {
        ++line_;
        lineStart_ = off_ + 1;
      }
      ++off_;
    }
  }
  Pos here() const { return {line_, static_cast<int32_t>(off_ - lineStart_ + 1)}; }
  void error(Pos p, std::string msg);
  void errorHere(std::string msg) { error(here(), std::move(msg)); }
  void errorAtOffset(uint32_t byteOffsetInToken, std::string msg) {
    error({t_.pos.line, t_.pos.col + static_cast<int32_t>(byteOffsetInToken)}, std::move(msg));
  }

  void ident();
  void number(bool seenPoint);
  int digits(int base, int* invalid);
  void runeLit();
  void stdString();
  void rawString();
  bool escape(char quote);
  void lineComment(size_t commentStart);
  bool skipFullComment();  // false if not terminated
  void setLit(LitKind kind, bool ok);
  void setOp(Tok tok, Op op, uint8_t prec) {
    t_.tok = tok;
    t_.op = op;
    t_.prec = prec;
  }
  void opOrAssign(Op op, uint8_t prec);  // after the operator char(s): "op" or "op="
  uint32_t decodeRune(size_t at, int* width) const;  // UTF-8 at `at`; 0xFFFD + width 1 if invalid

  std::string_view src_;
  size_t off_ = 0;
  int32_t line_ = 1;
  size_t lineStart_ = 0;
  bool nlsemi_ = false;
  Token t_;
  ErrorFn onError_;
  void* ctx_;
  std::vector<Directive> directives_;
  std::vector<Error> errors_;
};

// ---- literal decoding (for the checker) ---------------------------------------------------------

// Interpreted ("...") or raw (`...`) string literal text → bytes. False if malformed.
bool unquoteString(std::string_view lit, std::string& out);
// Rune literal text ('a', '\n', '\u00e9'...) → code point. False if malformed.
bool unquoteRune(std::string_view lit, uint32_t& out);
// Integer literal text (any base, with '_') → value. False if malformed or > 2^64-1.
bool intLitValue(std::string_view lit, uint64_t& out);
// Float literal text (decimal or hex, with '_') → nearest double. False if malformed.
bool floatLitValue(std::string_view lit, double& out);
// Appends the UTF-8 encoding of r.
void appendUtf8(std::string& out, uint32_t r);
// Go's %#U: "U+0040 '@'" (the quoted char only when printable).
std::string formatRuneU(uint32_t r);
// Go's %q for a rune: 'a', '\n', '\x00', '\''...
std::string quoteRune(uint32_t r);

}  // namespace gofast::lang
