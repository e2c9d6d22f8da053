#include "lang/ast.h"

namespace gofast::lang {

const char* nodeKindName(NodeKind k) {
  switch (k) {
#define K(x) \
  case NodeKind::x: return #x;
    K(BadExpr) K(Name) K(BasicLit) K(CompositeLit) K(KeyValueExpr) K(FuncLit) K(ParenExpr)
    K(SelectorExpr) K(IndexExpr) K(SliceExpr) K(AssertExpr) K(TypeSwitchGuard) K(Operation)
    K(CallExpr) K(ListExpr) K(ArrayType) K(SliceType) K(DotsType) K(StructType) K(FuncType)
    K(InterfaceType) K(MapType) K(ChanType) K(Field) K(EmptyStmt) K(LabeledStmt) K(BlockStmt)
    K(ExprStmt) K(SendStmt) K(DeclStmt) K(AssignStmt) K(BranchStmt) K(CallStmt) K(ReturnStmt)
    K(IfStmt) K(ForStmt) K(SwitchStmt) K(SelectStmt) K(RangeClause) K(CaseClause) K(CommClause)
    K(ImportDecl) K(ConstDecl) K(TypeDecl) K(VarDecl) K(FuncDecl) K(File)
#undef K
  }
  return "?";
}

bool isExprKind(NodeKind k) { return k >= NodeKind::BadExpr && k <= NodeKind::ChanType; }

bool Decl::hasDirective(std::string_view name) const {
  for (const DirectiveRef& d : directives) {
    std::string_view t = d.text;
    if (t.substr(0, name.size()) == name && (t.size() == name.size() || t[name.size()] == ' ' || t[name.size()] == '\t'))
      return true;
  }
  return false;
}

// ---- traversal -----------------------------------------------------------------------------------

namespace {

struct Visit {
  ChildFn fn;
  void* ctx;
  void operator()(Node* n) const {
    if (n != nullptr) fn(n, ctx);
  }
  template <class T>
  void list(Span<T*> s) const {
    for (T* n : s) (*this)(n);
  }
};

}  // namespace

void forEachChild(Node* n, ChildFn fn, void* ctx) {
  if (n == nullptr) return;
  Visit v{fn, ctx};
  switch (n->kind) {
    case NodeKind::BadExpr:
    case NodeKind::Name:
    case NodeKind::BasicLit:
    case NodeKind::EmptyStmt:
      break;
    case NodeKind::CompositeLit: {
      auto* x = static_cast<CompositeLit*>(n);
      v(x->litType);
      v.list(x->elems);
      break;
    }
    case NodeKind::KeyValueExpr: {
      auto* x = static_cast<KeyValueExpr*>(n);
      v(x->key);
      v(x->value);
      break;
    }
    case NodeKind::FuncLit: {
      auto* x = static_cast<FuncLit*>(n);
      v(x->funcType);
      v(x->body);
      break;
    }
    case NodeKind::ParenExpr: v(static_cast<ParenExpr*>(n)->x); break;
    case NodeKind::SelectorExpr: {
      auto* x = static_cast<SelectorExpr*>(n);
      v(x->x);
      v(x->sel);
      break;
    }
    case NodeKind::IndexExpr: {
      auto* x = static_cast<IndexExpr*>(n);
      v(x->x);
      v(x->index);
      break;
    }
    case NodeKind::SliceExpr: {
      auto* x = static_cast<SliceExpr*>(n);
      v(x->x);
      for (Expr* i : x->index) v(i);
      break;
    }
    case NodeKind::AssertExpr: {
      auto* x = static_cast<AssertExpr*>(n);
      v(x->x);
      v(x->assertType);
      break;
    }
    case NodeKind::TypeSwitchGuard: {
      auto* x = static_cast<TypeSwitchGuard*>(n);
      v(x->lhs);
      v(x->x);
      break;
    }
    case NodeKind::Operation: {
      auto* x = static_cast<Operation*>(n);
      v(x->x);
      v(x->y);
      break;
    }
    case NodeKind::CallExpr: {
      auto* x = static_cast<CallExpr*>(n);
      v(x->fun);
      v.list(x->args);
      break;
    }
    case NodeKind::ListExpr: v.list(static_cast<ListExpr*>(n)->elems); break;
    case NodeKind::ArrayType: {
      auto* x = static_cast<ArrayType*>(n);
      v(x->len);
      v(x->elem);
      break;
    }
    case NodeKind::SliceType: v(static_cast<SliceType*>(n)->elem); break;
    case NodeKind::DotsType: v(static_cast<DotsType*>(n)->elem); break;
    case NodeKind::StructType: v.list(static_cast<StructType*>(n)->fields); break;
    case NodeKind::FuncType: {
      auto* x = static_cast<FuncType*>(n);
      v.list(x->params);
      v.list(x->results);
      break;
    }
    case NodeKind::InterfaceType: v.list(static_cast<InterfaceType*>(n)->methods); break;
    case NodeKind::MapType: {
      auto* x = static_cast<MapType*>(n);
      v(x->key);
      v(x->value);
      break;
    }
    case NodeKind::ChanType: v(static_cast<ChanType*>(n)->elem); break;
    case NodeKind::Field: {
      auto* x = static_cast<Field*>(n);
      v(x->name);
      v(x->type);
      v(x->tag);
      break;
    }
    case NodeKind::LabeledStmt: {
      auto* x = static_cast<LabeledStmt*>(n);
      v(x->label);
      v(x->stmt);
      break;
    }
    case NodeKind::BlockStmt: v.list(static_cast<BlockStmt*>(n)->list); break;
    case NodeKind::ExprStmt: v(static_cast<ExprStmt*>(n)->x); break;
    case NodeKind::SendStmt: {
      auto* x = static_cast<SendStmt*>(n);
      v(x->chan);
      v(x->value);
      break;
    }
    case NodeKind::DeclStmt: v.list(static_cast<DeclStmt*>(n)->decls); break;
    case NodeKind::AssignStmt: {
      auto* x = static_cast<AssignStmt*>(n);
      v.list(x->lhs);
      v.list(x->rhs);
      break;
    }
    case NodeKind::BranchStmt: v(static_cast<BranchStmt*>(n)->label); break;
    case NodeKind::CallStmt: v(static_cast<CallStmt*>(n)->call); break;
    case NodeKind::ReturnStmt: v.list(static_cast<ReturnStmt*>(n)->results); break;
    case NodeKind::IfStmt: {
      auto* x = static_cast<IfStmt*>(n);
      v(x->init);
      v(x->cond);
      v(x->then);
      v(x->elseStmt);
      break;
    }
    case NodeKind::ForStmt: {
      auto* x = static_cast<ForStmt*>(n);
      v(x->init);
      v(x->cond);
      v(x->post);
      v(x->range);
      v(x->body);
      break;
    }
    case NodeKind::RangeClause: {
      auto* x = static_cast<RangeClause*>(n);
      v(x->key);
      v(x->value);
      v(x->x);
      break;
    }
    case NodeKind::SwitchStmt: {
      auto* x = static_cast<SwitchStmt*>(n);
      v(x->init);
      v(x->tag);
      v.list(x->body);
      break;
    }
    case NodeKind::SelectStmt: v.list(static_cast<SelectStmt*>(n)->body); break;
    case NodeKind::CaseClause: {
      auto* x = static_cast<CaseClause*>(n);
      v.list(x->cases);
      v.list(x->body);
      break;
    }
    case NodeKind::CommClause: {
      auto* x = static_cast<CommClause*>(n);
      v(x->comm);
      v.list(x->body);
      break;
    }
    case NodeKind::ImportDecl: {
      auto* x = static_cast<ImportDecl*>(n);
      v(x->localName);
      v(x->path);
      break;
    }
    case NodeKind::ConstDecl: {
      auto* x = static_cast<ConstDecl*>(n);
      v.list(x->names);
      v(x->constType);
      v.list(x->values);
      break;
    }
    case NodeKind::TypeDecl: {
      auto* x = static_cast<TypeDecl*>(n);
      v(x->name);
      v.list(x->tparams);
      v(x->declType);
      break;
    }
    case NodeKind::VarDecl: {
      auto* x = static_cast<VarDecl*>(n);
      v.list(x->names);
      v(x->varType);
      v.list(x->values);
      break;
    }
    case NodeKind::FuncDecl: {
      auto* x = static_cast<FuncDecl*>(n);
      v(x->recv);
      v(x->name);
      v.list(x->tparams);
      v(x->funcType);
      v(x->body);
      break;
    }
    case NodeKind::File: {
      auto* x = static_cast<File*>(n);
      v(x->pkgName);
      v.list(x->decls);
      break;
    }
  }
}

const char* unsupportedFeature(const Node* n) {
  if (n == nullptr) return nullptr;
  switch (n->kind) {
    case NodeKind::MapType: return "maps";
    case NodeKind::InterfaceType: return "interfaces";
    case NodeKind::AssertExpr: return "type assertions";
    case NodeKind::TypeSwitchGuard: return "type switches";
    case NodeKind::BranchStmt:
      return static_cast<const BranchStmt*>(n)->tok == Tok::Goto ? "goto statements" : nullptr;
    case NodeKind::TypeDecl:
      return static_cast<const TypeDecl*>(n)->tparams.empty() ? nullptr : "type parameters";
    case NodeKind::FuncDecl:
      return static_cast<const FuncDecl*>(n)->tparams.empty() ? nullptr : "type parameters";
    case NodeKind::BasicLit:
      return static_cast<const BasicLit*>(n)->litKind == LitKind::Imag ? "complex numbers" : nullptr;
    default: return nullptr;
  }
}

// ---- printing ------------------------------------------------------------------------------------

namespace {

void print(std::string& o, const Node* n);

template <class T>
void printList(std::string& o, Span<T*> s, const char* sep = ", ") {
  for (uint32_t i = 0; i < s.size; ++i) {
    if (i > 0) o += sep;
    print(o, s[i]);
  }
}

void printFields(std::string& o, Span<Field*> fs, const char* sep) {
  for (uint32_t i = 0; i < fs.size; ++i) {
    const Field* f = fs[i];
    if (i > 0) o += sep;
    if (f->name != nullptr) {
      o += f->name->value;
      // consecutive names sharing a type print as "a, b T"
      if (i + 1 < fs.size && fs[i + 1]->type == f->type && fs[i + 1]->name != nullptr) continue;
      o += ' ';
    }
    print(o, f->type);
  }
}

void printFuncSig(std::string& o, const FuncType* t) {
  o += '(';
  printFields(o, t->params, ", ");
  o += ')';
  if (t->results.size == 1 && t->results[0]->name == nullptr) {
    o += ' ';
    print(o, t->results[0]->type);
  } else if (!t->results.empty()) {
    o += " (";
    printFields(o, t->results, ", ");
    o += ')';
  }
}

void print(std::string& o, const Node* n) {
  if (n == nullptr) return;
  switch (n->kind) {
    case NodeKind::BadExpr: o += "BadExpr"; break;
    case NodeKind::Name: o += static_cast<const Name*>(n)->value; break;
    case NodeKind::BasicLit: o += static_cast<const BasicLit*>(n)->value; break;
    case NodeKind::CompositeLit: {
      auto* x = static_cast<const CompositeLit*>(n);
      print(o, x->litType);
      o += '{';
      printList(o, x->elems);
      o += '}';
      break;
    }
    case NodeKind::KeyValueExpr: {
      auto* x = static_cast<const KeyValueExpr*>(n);
      print(o, x->key);
      o += ": ";
      print(o, x->value);
      break;
    }
    case NodeKind::FuncLit: {
      auto* x = static_cast<const FuncLit*>(n);
      o += "func";
      printFuncSig(o, x->funcType);
      o += " {…}";
      break;
    }
    case NodeKind::ParenExpr:
      o += '(';
      print(o, static_cast<const ParenExpr*>(n)->x);
      o += ')';
      break;
    case NodeKind::SelectorExpr: {
      auto* x = static_cast<const SelectorExpr*>(n);
      print(o, x->x);
      o += '.';
      print(o, x->sel);
      break;
    }
    case NodeKind::IndexExpr: {
      auto* x = static_cast<const IndexExpr*>(n);
      print(o, x->x);
      o += '[';
      print(o, x->index);
      o += ']';
      break;
    }
    case NodeKind::SliceExpr: {
      auto* x = static_cast<const SliceExpr*>(n);
      print(o, x->x);
      o += '[';
      print(o, x->index[0]);
      o += ':';
      print(o, x->index[1]);
      if (x->full) {
        o += ':';
        print(o, x->index[2]);
      }
      o += ']';
      break;
    }
    case NodeKind::AssertExpr: {
      auto* x = static_cast<const AssertExpr*>(n);
      print(o, x->x);
      o += ".(";
      print(o, x->assertType);
      o += ')';
      break;
    }
    case NodeKind::TypeSwitchGuard: {
      auto* x = static_cast<const TypeSwitchGuard*>(n);
      if (x->lhs != nullptr) {
        print(o, x->lhs);
        o += " := ";
      }
      print(o, x->x);
      o += ".(type)";
      break;
    }
    case NodeKind::Operation: {
      auto* x = static_cast<const Operation*>(n);
      if (x->y == nullptr) {
        o += opString(x->op);
        print(o, x->x);
      } else {
        print(o, x->x);
        o += ' ';
        o += opString(x->op);
        o += ' ';
        print(o, x->y);
      }
      break;
    }
    case NodeKind::CallExpr: {
      auto* x = static_cast<const CallExpr*>(n);
      print(o, x->fun);
      o += '(';
      printList(o, x->args);
      if (x->hasDots) o += "...";
      o += ')';
      break;
    }
    case NodeKind::ListExpr: printList(o, static_cast<const ListExpr*>(n)->elems); break;
    case NodeKind::ArrayType: {
      auto* x = static_cast<const ArrayType*>(n);
      o += '[';
      if (x->len != nullptr) print(o, x->len);
      else o += "...";
      o += ']';
      print(o, x->elem);
      break;
    }
    case NodeKind::SliceType:
      o += "[]";
      print(o, static_cast<const SliceType*>(n)->elem);
      break;
    case NodeKind::DotsType:
      o += "...";
      print(o, static_cast<const DotsType*>(n)->elem);
      break;
    case NodeKind::StructType:
      o += "struct{";
      printFields(o, static_cast<const StructType*>(n)->fields, "; ");
      o += '}';
      break;
    case NodeKind::FuncType:
      o += "func";
      printFuncSig(o, static_cast<const FuncType*>(n));
      break;
    case NodeKind::InterfaceType:
      o += "interface{";
      printFields(o, static_cast<const InterfaceType*>(n)->methods, "; ");
      o += '}';
      break;
    case NodeKind::MapType: {
      auto* x = static_cast<const MapType*>(n);
      o += "map[";
      print(o, x->key);
      o += ']';
      print(o, x->value);
      break;
    }
    case NodeKind::ChanType: {
      auto* x = static_cast<const ChanType*>(n);
      if (x->dir == ChanDir::RecvOnly) o += "<-";
      o += "chan";
      if (x->dir == ChanDir::SendOnly) o += "<-";
      o += ' ';
      print(o, x->elem);
      break;
    }
    case NodeKind::Field: {
      auto* x = static_cast<const Field*>(n);
      if (x->name != nullptr) {
        print(o, x->name);
        o += ' ';
      }
      print(o, x->type);
      break;
    }
    case NodeKind::ExprStmt: print(o, static_cast<const ExprStmt*>(n)->x); break;
    case NodeKind::SendStmt: {
      auto* x = static_cast<const SendStmt*>(n);
      print(o, x->chan);
      o += " <- ";
      print(o, x->value);
      break;
    }
    case NodeKind::AssignStmt: {
      auto* x = static_cast<const AssignStmt*>(n);
      printList(o, x->lhs);
      if (x->isIncDec()) {
        o += opString(x->op);
        o += opString(x->op);
        break;
      }
      o += ' ';
      if (x->op == Op::Def) o += ":=";
      else {
        o += opString(x->op);
        o += '=';
      }
      o += ' ';
      printList(o, x->rhs);
      break;
    }
    case NodeKind::RangeClause: {
      auto* x = static_cast<const RangeClause*>(n);
      if (x->key != nullptr) {
        print(o, x->key);
        if (x->value != nullptr) {
          o += ", ";
          print(o, x->value);
        }
        o += x->def ? " := " : " = ";
      }
      o += "range ";
      print(o, x->x);
      break;
    }
    default:
      o += nodeKindName(n->kind);
      break;
  }
}

void dump(std::string& o, const Node* n, int depth) {
  o.append(static_cast<size_t>(depth) * 2, ' ');
  o += nodeKindName(n->kind);
  o += " @" + formatPos(n->pos);
  if (!(n->start == n->pos)) o += " [" + formatPos(n->start) + "]";
  switch (n->kind) {
    case NodeKind::Name: o += " "; o += static_cast<const Name*>(n)->value; break;
    case NodeKind::BasicLit: o += " "; o += static_cast<const BasicLit*>(n)->value; break;
    case NodeKind::Operation: o += " "; o += opString(static_cast<const Operation*>(n)->op); break;
    case NodeKind::CallExpr:
      if (static_cast<const CallExpr*>(n)->hasDots) o += " ...";
      break;
    case NodeKind::AssignStmt: {
      auto* x = static_cast<const AssignStmt*>(n);
      o += " ";
      if (x->isIncDec()) {
        o += opString(x->op);
        o += opString(x->op);
      } else if (x->op == Op::Def) {
        o += ":=";
      } else {
        o += opString(x->op);
        o += "=";
      }
      break;
    }
    case NodeKind::BranchStmt: o += " "; o += tokName(static_cast<const BranchStmt*>(n)->tok); break;
    case NodeKind::CallStmt: o += " "; o += tokName(static_cast<const CallStmt*>(n)->tok); break;
    case NodeKind::ChanType: {
      ChanDir d = static_cast<const ChanType*>(n)->dir;
      o += d == ChanDir::SendOnly ? " send" : d == ChanDir::RecvOnly ? " recv" : "";
      break;
    }
    case NodeKind::SliceExpr:
      if (static_cast<const SliceExpr*>(n)->full) o += " full";
      break;
    case NodeKind::RangeClause:
      if (static_cast<const RangeClause*>(n)->def) o += " :=";
      break;
    case NodeKind::CaseClause:
      if (static_cast<const CaseClause*>(n)->isDefault) o += " default";
      break;
    case NodeKind::ConstDecl: o += " iota=" + std::to_string(static_cast<const ConstDecl*>(n)->iota); break;
    case NodeKind::TypeDecl:
      if (static_cast<const TypeDecl*>(n)->alias) o += " alias";
      break;
    default: break;
  }
  if (n->kind >= NodeKind::ImportDecl && n->kind <= NodeKind::FuncDecl) {
    for (const DirectiveRef& dr : static_cast<const Decl*>(n)->directives) {
      o += " //";
      o += dr.text;
    }
  }
  o += '\n';
  struct Ctx {
    std::string* o;
    int depth;
  } ctx{&o, depth + 1};
  forEachChild(const_cast<Node*>(n), [&ctx](Node* c) { dump(*ctx.o, c, ctx.depth); });
}

}  // namespace

std::string exprString(const Node* n) {
  std::string o;
  print(o, n);
  return o;
}

std::string dumpAst(const Node* n) {
  std::string o;
  if (n != nullptr) dump(o, n, 0);
  return o;
}

}  // namespace gofast::lang
