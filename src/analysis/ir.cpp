// IR construction helpers and the printer (Go 1.19's ir/fmt.go, the parts that -m and -m=2 print).
#include "analysis/ir.h"

#include <cassert>
#include <cstdio>

namespace gofast::analysis {

const char* opName(Op op) {
  static const char* const names[] = {
#define GOFAST_IR_NAME(n) #n,
      GOFAST_IR_OPS(GOFAST_IR_NAME)
#undef GOFAST_IR_NAME
  };
  return names[static_cast<int>(op)];
}

Node* newNode(Package& pkg, Op op, Pos pos, const types::Type* t) {
  Node* n = pkg.make<Node>();
  n->op = op;
  n->pos = pos;
  n->origPos = pos;
  n->type = t;
  return n;
}

Name* newName(Package& pkg, std::string_view sym, Class cls, Pos pos, const types::Type* t, Func* curfn) {
  Name* n = pkg.make<Name>();
  n->sym = sym;
  n->cls = cls;
  n->pos = pos;
  n->origPos = pos;
  n->type = t;
  n->curfn = curfn;
  return n;
}

bool isStmtOp(Op op) {
  switch (op) {
    case Op::OAS: case Op::OAS2: case Op::OAS2DOTTYPE: case Op::OAS2FUNC: case Op::OAS2MAPR:
    case Op::OAS2RECV: case Op::OASOP: case Op::OBLOCK: case Op::OBREAK: case Op::OCASE:
    case Op::OCONTINUE: case Op::ODCL: case Op::ODEFER: case Op::OFALL: case Op::OFOR:
    case Op::OFORUNTIL: case Op::OGOTO: case Op::OIF: case Op::OLABEL: case Op::OGO: case Op::ORANGE:
    case Op::ORETURN: case Op::OSELECT: case Op::OSWITCH:
      return true;
    default:
      return false;
  }
}

namespace {

// Go's OpPrec (ir/fmt.go:171); -1 for statements, 0 for ops not in the table.
int opPrec(Op op) {
  switch (op) {
    case Op::OALIGNOF: case Op::OAPPEND: case Op::OBYTES2STR: case Op::OARRAYLIT: case Op::OSLICELIT:
    case Op::ORUNES2STR: case Op::OCALLFUNC: case Op::OCALLINTER: case Op::OCALLMETH: case Op::OCALL:
    case Op::OCAP: case Op::OCLOSE: case Op::OCOMPLIT: case Op::OCONVIFACE: case Op::OCONVNOP:
    case Op::OCONV: case Op::OCOPY: case Op::ODELETE: case Op::OGETG: case Op::OLEN: case Op::OLITERAL:
    case Op::OMAKESLICE: case Op::OMAKESLICECOPY: case Op::OMAKE: case Op::OMAPLIT: case Op::ONAME:
    case Op::ONEW: case Op::ONIL: case Op::ONONAME: case Op::OOFFSETOF: case Op::OPANIC: case Op::OPAREN:
    case Op::OPRINTN: case Op::OPRINT: case Op::ORUNESTR: case Op::OSIZEOF: case Op::OSTR2BYTES:
    case Op::OSTR2RUNES: case Op::OSTRUCTLIT: case Op::OTYPE: case Op::OUNSAFEADD: case Op::OUNSAFESLICE:
    case Op::OINDEXMAP: case Op::OINDEX: case Op::OSLICE: case Op::OSLICESTR: case Op::OSLICEARR:
    case Op::OSLICE3: case Op::OSLICE3ARR: case Op::ODOTINTER: case Op::ODOTMETH: case Op::ODOTPTR:
    case Op::ODOTTYPE: case Op::ODOT: case Op::OXDOT: case Op::OMETHVALUE: case Op::OMETHEXPR:
      return 8;
    case Op::OPLUS: case Op::ONOT: case Op::OBITNOT: case Op::ONEG: case Op::OADDR: case Op::ODEREF:
    case Op::ORECV:
      return 7;
    case Op::OMUL: case Op::ODIV: case Op::OMOD: case Op::OLSH: case Op::ORSH: case Op::OAND:
    case Op::OANDNOT:
      return 6;
    case Op::OADD: case Op::OSUB: case Op::OOR: case Op::OXOR:
      return 5;
    case Op::OEQ: case Op::OLT: case Op::OLE: case Op::OGE: case Op::OGT: case Op::ONE:
      return 4;
    case Op::OSEND:
      return 3;
    case Op::OANDAND:
      return 2;
    case Op::OOROR:
      return 1;
    default:
      return isStmtOp(op) ? -1 : 0;
  }
}

// Go's OpNames (ir/fmt.go:27) for the ops printed as words or symbols.
const char* opGoString(Op op) {
  switch (op) {
    case Op::OADDR: return "&";
    case Op::OADD: case Op::OADDSTR: case Op::OPLUS: return "+";
    case Op::OANDAND: return "&&";
    case Op::OANDNOT: return "&^";
    case Op::OAND: return "&";
    case Op::OAPPEND: return "append";
    case Op::OBREAK: return "break";
    case Op::OCAP: return "cap";
    case Op::OCLOSE: return "close";
    case Op::OBITNOT: return "^";
    case Op::OCONTINUE: return "continue";
    case Op::OCOPY: return "copy";
    case Op::ODELETE: return "delete";
    case Op::ODIV: return "/";
    case Op::OEQ: return "==";
    case Op::OFALL: return "fallthrough";
    case Op::OGE: return ">=";
    case Op::OGOTO: return "goto";
    case Op::OGT: return ">";
    case Op::ODEREF: return "*";
    case Op::OLEN: return "len";
    case Op::OLE: return "<=";
    case Op::OLSH: return "<<";
    case Op::OLT: return "<";
    case Op::OMAKE: return "make";
    case Op::ONEG: case Op::OSUB: return "-";
    case Op::OMOD: return "%";
    case Op::OMUL: return "*";
    case Op::ONEW: return "new";
    case Op::ONE: return "!=";
    case Op::ONOT: return "!";
    case Op::OOROR: return "||";
    case Op::OOR: return "|";
    case Op::OPANIC: return "panic";
    case Op::OPRINTN: return "println";
    case Op::OPRINT: return "print";
    case Op::ORECV: case Op::OSEND: return "<-";
    case Op::ORECOVER: return "recover";
    case Op::ORSH: return ">>";
    case Op::OSELECT: return "select";
    case Op::OSWITCH: return "switch";
    case Op::OXOR: return "^";
    default: return opName(op);
  }
}

void writeTypeGo(std::string& out, const types::Type* t);

void writeTuple(std::string& out, const types::Type* tuple, bool variadic) {
  if (tuple == nullptr) return;
  for (uint32_t i = 0; i < tuple->vars.size; i++) {
    if (i > 0) out += ", ";
    const types::Type* vt = tuple->vars[i]->type;
    if (variadic && i + 1 == tuple->vars.size && vt != nullptr && vt->kind == types::Kind::Slice) {
      out += "...";
      writeTypeGo(out, vt->elem);
    } else {
      writeTypeGo(out, vt);
    }
  }
}

void writeSignature(std::string& out, const types::Type* sig) {
  out += "func(";
  writeTuple(out, sig->params, sig->variadic);
  out += ")";
  const types::Type* res = sig->results;
  if (res != nullptr && res->vars.size > 0) {
    out += " ";
    if (res->vars.size == 1) {
      writeTypeGo(out, res->vars[0]->type);
    } else {
      out += "(";
      writeTuple(out, res, false);
      out += ")";
    }
  }
}

// types.Type's %v in the compiler (types/fmt.go): local names unqualified, other packages qualified.
void writeTypeGo(std::string& out, const types::Type* t) {
  using types::Kind;
  if (t == nullptr) {
    out += "<T>";
    return;
  }
  switch (t->kind) {
    case Kind::Named:
      if (t->obj != nullptr && t->obj->pkg != types::PkgId::Main) {
        out += types::pkgName(t->obj->pkg);
        out += ".";
      }
      out += t->obj != nullptr ? std::string(t->obj->name) : std::string("?");
      return;
    case Kind::Pointer:
      out += "*";
      writeTypeGo(out, t->elem);
      return;
    case Kind::Slice:
      out += "[]";
      writeTypeGo(out, t->elem);
      return;
    case Kind::Array:
      out += "[" + std::to_string(t->len) + "]";
      writeTypeGo(out, t->elem);
      return;
    case Kind::Chan:
      if (t->dir == lang::ChanDir::RecvOnly) out += "<-chan ";
      else if (t->dir == lang::ChanDir::SendOnly) out += "chan<- ";
      else out += "chan ";
      writeTypeGo(out, t->elem);
      return;
    case Kind::Signature:
      writeSignature(out, t);
      return;
    case Kind::Struct:
      out += "struct {";
      for (uint32_t i = 0; i < t->vars.size; i++) {
        out += i == 0 ? " " : "; ";
        out += std::string(t->vars[i]->name) + " ";
        writeTypeGo(out, t->vars[i]->type);
      }
      out += t->vars.size > 0 ? " }" : "}";
      return;
    case Kind::Interface:
      out += t->name != nullptr ? t->name : "interface {}";
      return;
    case Kind::Tuple:
      out += "(";
      writeTuple(out, t, false);
      out += ")";
      return;
    default:
      out += t->name != nullptr ? t->name : "?";
      return;
  }
}

bool typeHasSym(const types::Type* t) {
  return t != nullptr && (t->kind == types::Kind::Named || types::isBasicKind(t->kind));
}

void exprFmt(std::string& out, const Node* n, int prec);
void stmtFmt(std::string& out, const Node* n);

void nodeFmt(std::string& out, const Node* n) {
  if (n == nullptr) {
    out += "<nil>";
    return;
  }
  if (opPrec(n->op) < 0) stmtFmt(out, n);
  else exprFmt(out, n, 0);
}

void listFmt(std::string& out, Span<Node*> l, const char* sep) {
  for (uint32_t i = 0; i < l.size; i++) {
    nodeFmt(out, l[i]);
    if (i + 1 < l.size) out += sep;
  }
}

void exprFmt(std::string& out, const Node* n, int prec) {
  for (;;) {
    if (n == nullptr) {
      out += "<nil>";
      return;
    }
    if ((n->op == Op::OADDR || n->op == Op::ODEREF || n->op == Op::OCONV || n->op == Op::OCONVNOP ||
         n->op == Op::OCONVIFACE) &&
        n->has(kImplicit)) {
      n = n->x;
      continue;
    }
    break;
  }
  int nprec = n->op == Op::OLITERAL && !n->raw.empty() ? opPrec(n->rawOp) : opPrec(n->op);
  if (prec > nprec) {
    out += "(";
    exprFmt(out, n, 0);
    out += ")";
    return;
  }
  switch (n->op) {
    case Op::OPAREN:
      out += "(";
      exprFmt(out, n->x, 0);
      out += ")";
      return;
    case Op::ONIL:
      out += "nil";
      return;
    case Op::OLITERAL:
      if (!n->raw.empty()) {
        out += n->raw;
      } else if (n->val != nullptr) {
        out += types::constantString(n->val);
      }
      return;
    case Op::ONAME:
      out += static_cast<const Name*>(n)->sym;
      return;
    case Op::OTYPE:
      writeTypeGo(out, n->type);
      return;
    case Op::OCLOSURE:
      out += "func literal";
      return;
    case Op::OCOMPLIT:
      if (n->has(kImplicit)) {
        out += "... argument";
        return;
      }
      [[fallthrough]];
    case Op::OSTRUCTLIT: case Op::OARRAYLIT: case Op::OSLICELIT: case Op::OMAPLIT:
      if (n->has(kImplicit) && n->op == Op::OSLICELIT) {
        out += "... argument";
        return;
      }
      writeTypeGo(out, n->type);
      out += n->list.size != 0 ? "{...}" : "{}";
      return;
    case Op::OPTRLIT:
      out += "&";
      exprFmt(out, n->x, 0);
      return;
    case Op::OKEY:
      if (n->x != nullptr) exprFmt(out, n->x, 0);
      out += ":";
      if (n->y != nullptr) exprFmt(out, n->y, 0);
      return;
    case Op::OSTRUCTKEY:
      out += n->field != nullptr ? std::string(n->field->name) : std::string("?");
      out += ":";
      exprFmt(out, n->x, 0);
      return;
    case Op::OXDOT: case Op::ODOT: case Op::ODOTPTR: case Op::ODOTMETH: case Op::OMETHVALUE:
    case Op::OMETHEXPR:
      if (n->op == Op::OMETHEXPR && n->x != nullptr && n->x->op == Op::OTYPE &&
          n->x->type != nullptr && n->x->type->kind == types::Kind::Pointer) {
        out += "(";
        writeTypeGo(out, n->x->type);
        out += ")";
      } else {
        exprFmt(out, n->x, nprec);
      }
      out += ".";
      out += n->raw;
      return;
    case Op::OINDEX: case Op::OINDEXMAP:
      exprFmt(out, n->x, nprec);
      out += "[";
      nodeFmt(out, n->y);
      out += "]";
      return;
    case Op::OSLICE: case Op::OSLICESTR: case Op::OSLICEARR: case Op::OSLICE3: case Op::OSLICE3ARR:
      exprFmt(out, n->x, nprec);
      out += "[";
      if (n->list.size > 0 && n->list[0] != nullptr) nodeFmt(out, n->list[0]);
      out += ":";
      if (n->list.size > 1 && n->list[1] != nullptr) nodeFmt(out, n->list[1]);
      if (n->op == Op::OSLICE3 || n->op == Op::OSLICE3ARR) {
        out += ":";
        if (n->list.size > 2 && n->list[2] != nullptr) nodeFmt(out, n->list[2]);
      }
      out += "]";
      return;
    case Op::OCOPY: case Op::OCOMPLEX:
      out += opGoString(n->op);
      out += "(";
      nodeFmt(out, n->x);
      out += ", ";
      nodeFmt(out, n->y);
      out += ")";
      return;
    case Op::OCONV: case Op::OCONVIFACE: case Op::OCONVNOP: case Op::OBYTES2STR: case Op::ORUNES2STR:
    case Op::OSTR2BYTES: case Op::OSTR2RUNES: case Op::ORUNESTR:
      if (!typeHasSym(n->type)) {
        out += "(";
        writeTypeGo(out, n->type);
        out += ")";
      } else {
        writeTypeGo(out, n->type);
      }
      out += "(";
      nodeFmt(out, n->x);
      out += ")";
      return;
    case Op::OREAL: case Op::OIMAG: case Op::OCAP: case Op::OCLOSE: case Op::OLEN: case Op::OPANIC:
    case Op::OALIGNOF: case Op::OOFFSETOF: case Op::OSIZEOF:
      out += opGoString(n->op);
      out += "(";
      nodeFmt(out, n->x);
      out += ")";
      return;
    case Op::ONEW:
      out += "new(";
      writeTypeGo(out, n->type != nullptr ? types::under(n->type)->elem : nullptr);
      out += ")";
      return;
    case Op::OAPPEND: case Op::ODELETE: case Op::OMAKE: case Op::ORECOVER: case Op::OPRINT:
    case Op::OPRINTN:
      out += opGoString(n->op);
      out += "(";
      listFmt(out, n->list, ", ");
      out += n->has(kIsDDD) ? "...)" : ")";
      return;
    case Op::OCALL: case Op::OCALLFUNC: case Op::OCALLINTER: case Op::OCALLMETH:
      exprFmt(out, n->x, nprec);
      out += "(";
      listFmt(out, n->list, ", ");
      out += n->has(kIsDDD) ? "...)" : ")";
      return;
    case Op::OINLCALL:
      if (n->rlist.size == 1) {
        nodeFmt(out, n->rlist[0]);
        return;
      }
      out += "(.";
      listFmt(out, n->rlist, "; ");
      out += ")";
      return;
    case Op::OMAKEMAP: case Op::OMAKECHAN: case Op::OMAKESLICE:
      out += "make(";
      writeTypeGo(out, n->type);
      if (n->y != nullptr) {
        out += ", ";
        nodeFmt(out, n->x);
        out += ", ";
        nodeFmt(out, n->y);
      } else if (n->x != nullptr &&
                 (n->op == Op::OMAKESLICE || (n->x->type != nullptr && !types::isUntyped(n->x->type)))) {
        out += ", ";
        nodeFmt(out, n->x);
      }
      out += ")";
      return;
    case Op::OPLUS: case Op::ONEG: case Op::OBITNOT: case Op::ONOT: case Op::ORECV: case Op::OADDR:
      out += opGoString(n->op);
      if (n->x != nullptr && n->x->op == n->op) out += " ";
      exprFmt(out, n->x, nprec + 1);
      return;
    case Op::ODEREF:
      out += "*";
      exprFmt(out, n->x, nprec + 1);
      return;
    case Op::OADD: case Op::OAND: case Op::OANDNOT: case Op::ODIV: case Op::OEQ: case Op::OGE:
    case Op::OGT: case Op::OLE: case Op::OLT: case Op::OLSH: case Op::OMOD: case Op::OMUL: case Op::ONE:
    case Op::OOR: case Op::ORSH: case Op::OSUB: case Op::OXOR: case Op::OANDAND: case Op::OOROR:
      exprFmt(out, n->x, nprec);
      out += " ";
      out += opGoString(n->op);
      out += " ";
      exprFmt(out, n->y, nprec + 1);
      return;
    case Op::OSEND:
      exprFmt(out, n->x, nprec);
      out += " <- ";
      exprFmt(out, n->y, nprec + 1);
      return;
    case Op::OADDSTR:
      for (uint32_t i = 0; i < n->list.size; i++) {
        if (i != 0) out += " + ";
        exprFmt(out, n->list[i], nprec);
      }
      return;
    default:
      out += "<node ";
      out += opName(n->op);
      out += ">";
      return;
  }
}

void stmtFmt(std::string& out, const Node* n) {
  bool simpleinit = n->init.size == 1 && n->init[0]->init.size == 0 &&
                    (n->op == Op::OIF || n->op == Op::OFOR || n->op == Op::OSWITCH);
  switch (n->op) {
    case Op::ODCL:
      out += "var ";
      out += static_cast<const Name*>(n->x)->sym;
      out += " ";
      writeTypeGo(out, n->x->type);
      return;
    case Op::OAS:
      nodeFmt(out, n->x);
      out += n->has(kDef) ? " := " : " = ";
      nodeFmt(out, n->y);
      return;
    case Op::OASOP:
      nodeFmt(out, n->x);
      out += " ";
      out += lang::opString(n->sub);
      out += "= ";
      nodeFmt(out, n->y);
      return;
    case Op::OAS2: case Op::OAS2DOTTYPE: case Op::OAS2FUNC: case Op::OAS2MAPR: case Op::OAS2RECV:
      listFmt(out, n->list, ", ");
      out += n->has(kDef) ? " := " : " = ";
      listFmt(out, n->rlist, ", ");
      return;
    case Op::OBLOCK:
      listFmt(out, n->list, "; ");
      return;
    case Op::ORETURN:
      out += "return ";
      listFmt(out, n->list, ", ");
      return;
    case Op::OGO:
      out += "go ";
      nodeFmt(out, n->x);
      return;
    case Op::ODEFER:
      out += "defer ";
      nodeFmt(out, n->x);
      return;
    case Op::OIF:
      out += "if ";
      if (simpleinit) {
        nodeFmt(out, n->init[0]);
        out += "; ";
      }
      nodeFmt(out, n->x);
      out += " { ";
      listFmt(out, n->body, "; ");
      out += " }";
      if (n->rlist.size != 0) {
        out += " else { ";
        listFmt(out, n->rlist, "; ");
        out += " }";
      }
      return;
    case Op::OFOR: case Op::OFORUNTIL: case Op::ORANGE:
      out += "for loop";
      return;
    case Op::OSELECT:
      out += "select statement";
      return;
    case Op::OSWITCH:
      out += "switch statement";
      return;
    case Op::OCASE:
      if (n->list.size != 0) {
        out += "case ";
        listFmt(out, n->list, ", ");
      } else {
        out += "default";
      }
      out += ": ";
      listFmt(out, n->body, "; ");
      return;
    case Op::OBREAK: case Op::OCONTINUE: case Op::OGOTO: case Op::OFALL:
      out += opGoString(n->op);
      if (!n->raw.empty()) {
        out += " ";
        out += n->raw;
      }
      return;
    case Op::OLABEL:
      out += n->raw;
      out += ": ";
      return;
    default:
      out += "<stmt>";
      return;
  }
}

}  // namespace

std::string exprString(const Node* n) {
  std::string s;
  nodeFmt(s, n);
  return s;
}
std::string stmtString(const Node* n) { return exprString(n); }
std::string stmtListString(Span<Node*> list) {
  std::string s;
  listFmt(s, list, "; ");
  return s;
}
std::string typeString(const types::Type* t) {
  std::string s;
  writeTypeGo(s, t);
  return s;
}
std::string funcTypeString(const Func* fn) {
  std::string s;
  if (fn->sig == nullptr) return "func()";
  if (fn->sig->recv != nullptr) {
    s += "method(";
    writeTypeGo(s, fn->sig->recv->type);
    s += ") ";
  }
  writeSignature(s, fn->sig);
  return s;
}

}  // namespace gofast::analysis
