#include "lang/token.h"

namespace gofast::lang {

std::string_view tokName(Tok t) {
  switch (t) {
    case Tok::None: return "none";
    case Tok::EOF_: return "EOF";
    case Tok::Name: return "name";
    case Tok::Literal: return "literal";
    case Tok::Operator: return "op";
    case Tok::AssignOp: return "op=";
    case Tok::IncOp: return "opop";
    case Tok::Assign: return "=";
    case Tok::Define: return ":=";
    case Tok::Arrow: return "<-";
    case Tok::Star: return "*";
    case Tok::Lparen: return "(";
    case Tok::Lbrack: return "[";
    case Tok::Lbrace: return "{";
    case Tok::Rparen: return ")";
    case Tok::Rbrack: return "]";
    case Tok::Rbrace: return "}";
    case Tok::Comma: return ",";
    case Tok::Semi: return ";";
    case Tok::Colon: return ":";
    case Tok::Dot: return ".";
    case Tok::DotDotDot: return "...";
    case Tok::Break: return "break";
    case Tok::Case: return "case";
    case Tok::Chan: return "chan";
    case Tok::Const: return "const";
    case Tok::Continue: return "continue";
    case Tok::Default: return "default";
    case Tok::Defer: return "defer";
    case Tok::Else: return "else";
    case Tok::Fallthrough: return "fallthrough";
    case Tok::For: return "for";
    case Tok::Func: return "func";
    case Tok::Go: return "go";
    case Tok::Goto: return "goto";
    case Tok::If: return "if";
    case Tok::Import: return "import";
    case Tok::Interface: return "interface";
    case Tok::Map: return "map";
    case Tok::Package: return "package";
    case Tok::Range: return "range";
    case Tok::Return: return "return";
    case Tok::Select: return "select";
    case Tok::Struct: return "struct";
    case Tok::Switch: return "switch";
    case Tok::Type: return "type";
    case Tok::Var: return "var";
    case Tok::Count: break;
  }
  return "?";
}

std::string_view tokString(Tok t) {
  if (t == Tok::Comma) return "comma";
  if (t == Tok::Semi) return "semicolon or newline";
  return tokName(t);
}

std::string_view opString(Op op) {
  switch (op) {
    case Op::None: return "";
    case Op::Def: return ":";
    case Op::Not: return "!";
    case Op::Recv: return "<-";
    case Op::Tilde: return "~";
    case Op::OrOr: return "||";
    case Op::AndAnd: return "&&";
    case Op::Eql: return "==";
    case Op::Neq: return "!=";
    case Op::Lss: return "<";
    case Op::Leq: return "<=";
    case Op::Gtr: return ">";
    case Op::Geq: return ">=";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Or: return "|";
    case Op::Xor: return "^";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Rem: return "%";
    case Op::And: return "&";
    case Op::AndNot: return "&^";
    case Op::Shl: return "<<";
    case Op::Shr: return ">>";
  }
  return "?";
}

Tok keywordTok(std::string_view w) {
  if (w.size() < 2 || w.size() > 11) return Tok::None;
  switch (w[0]) {
    case 'b': if (w == "break") return Tok::Break; break;
    case 'c':
      if (w == "case") return Tok::Case;
      if (w == "chan") return Tok::Chan;
      if (w == "const") return Tok::Const;
      if (w == "continue") return Tok::Continue;
      break;
    case 'd':
      if (w == "default") return Tok::Default;
      if (w == "defer") return Tok::Defer;
      break;
    case 'e': if (w == "else") return Tok::Else; break;
    case 'f':
      if (w == "for") return Tok::For;
      if (w == "func") return Tok::Func;
      if (w == "fallthrough") return Tok::Fallthrough;
      break;
    case 'g':
      if (w == "go") return Tok::Go;
      if (w == "goto") return Tok::Goto;
      break;
    case 'i':
      if (w == "if") return Tok::If;
      if (w == "import") return Tok::Import;
      if (w == "interface") return Tok::Interface;
      break;
    case 'm': if (w == "map") return Tok::Map; break;
    case 'p': if (w == "package") return Tok::Package; break;
    case 'r':
      if (w == "range") return Tok::Range;
      if (w == "return") return Tok::Return;
      break;
    case 's':
      if (w == "select") return Tok::Select;
      if (w == "struct") return Tok::Struct;
      if (w == "switch") return Tok::Switch;
      break;
    case 't': if (w == "type") return Tok::Type; break;
    case 'v': if (w == "var") return Tok::Var; break;
    default: break;
  }
  return Tok::None;
}

}  // namespace gofast::lang
