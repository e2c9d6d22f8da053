// Go tokens, operators and literal kinds.
//
// The token set mirrors Go 1.19's cmd/compile/internal/syntax (tokens.go) one for one, in the same
// order and with the same grouping: operators are not separate tokens but one Tok::Operator (or
// Tok::Star, Tok::AssignOp, Tok::IncOp) plus an Op and a precedence. Keeping Go's shape is what lets
// the parser print Go's exact syntax-error texts ("unexpected newline, expecting comma or }",
// "unexpected literal \"a\"", "unexpected +=") without translation tables, and lets readers hold the
// parser next to Go's. Every Go keyword and operator exists here, including those outside gofast's
// language subset (map, interface, goto, ~), so unsupported constructs parse and can be rejected
// later with a precise position.
#pragma once

#include <cstdint>
#include <string_view>

namespace gofast::lang {

enum class Tok : uint8_t {
  None,  // not a token (used for "no keyword")
  EOF_,
  Name,
  Literal,
  Operator,  // op (Op + precedence)
  AssignOp,  // op=
  IncOp,     // ++ or -- (Op is Add or Sub)
  Assign,    // =
  Define,    // :=
  Arrow,     // <-
  Star,      // * (Op is Mul)

  Lparen,
  Lbrack,
  Lbrace,
  Rparen,
  Rbrack,
  Rbrace,
  Comma,
  Semi,  // ';', or a newline/EOF turned into ';' (Token::lit says which)
  Colon,
  Dot,
  DotDotDot,

  // keywords (in Go's order)
  Break,
  Case,
  Chan,
  Const,
  Continue,
  Default,
  Defer,
  Else,
  Fallthrough,
  For,
  Func,
  Go,
  Goto,
  If,
  Import,
  Interface,
  Map,
  Package,
  Range,
  Return,
  Select,
  Struct,
  Switch,
  Type,
  Var,

  Count
};
static_assert(static_cast<int>(Tok::Count) <= 64, "token sets are 64-bit masks");

// Operators (Go's syntax.Operator, same order so that precedences line up).
enum class Op : uint8_t {
  None,
  Def,    // : (only in AssignStmt: ":=")
  Not,    // !
  Recv,   // <-
  Tilde,  // ~

  // precOrOr
  OrOr,  // ||
  // precAndAnd
  AndAnd,  // &&
  // precCmp
  Eql,  // ==
  Neq,  // !=
  Lss,  // <
  Leq,  // <=
  Gtr,  // >
  Geq,  // >=
  // precAdd
  Add,  // +
  Sub,  // -
  Or,   // |
  Xor,  // ^
  // precMul
  Mul,     // *
  Div,     // /
  Rem,     // %
  And,     // &
  AndNot,  // &^
  Shl,     // <<
  Shr,     // >>
};

// Binary operator precedences (Go spec): 5 * / % << >> & &^, 4 + - | ^, 3 comparisons, 2 &&, 1 ||.
enum Prec : uint8_t { precNone = 0, precOrOr = 1, precAndAnd = 2, precCmp = 3, precAdd = 4, precMul = 5 };

enum class LitKind : uint8_t { Int, Float, Imag, Rune, String };

enum class ChanDir : uint8_t { Both, SendOnly, RecvOnly };

// Go's token names ("EOF", "name", "{", "break"...), as syntax.token.String() spells them.
std::string_view tokName(Tok t);
// The word used in error messages: like tokName but "comma" and "semicolon or newline".
std::string_view tokString(Tok t);
// "+", "&^", "<-", ":" ...
std::string_view opString(Op op);
// The keyword token for an identifier-shaped word, or Tok::None.
Tok keywordTok(std::string_view word);

}  // namespace gofast::lang
