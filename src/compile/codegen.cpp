// Codegen: IR → bytecode (see codegen.h for the rules; program.h for frames and instructions).
//
// Section index: layout helpers · Builder (program-wide tables) · FnGen (one function: slots,
// emission, references, expressions, calls, statements) · synthetic functions · compileProgram.
#include "compile/codegen.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <unordered_map>

#include "lang/checker.h"
#include "lang/constant.h"

namespace gofast::compile {

using analysis::Class;
using analysis::Func;
using analysis::Name;
using analysis::Node;
using analysis::Op;
using types::Kind;

// ---- layout helpers -----------------------------------------------------------------------------------

int64_t typeSize(const types::Type* t) { return t == nullptr ? 0 : lang::defaultLayout().sizeOf(t); }
int64_t typeAlign(const types::Type* t) { return t == nullptr ? 1 : lang::defaultLayout().alignOf(t); }
int64_t fieldOffset(const types::Type* st, int index) { return lang::defaultLayout().offsetOf(types::under(st), index); }

static void markPtrs(const types::Type* t, int64_t base, std::vector<uint8_t>& bits) {
  const types::Type* u = types::under(t);
  if (u == nullptr) return;
  auto set = [&](int64_t off) {
    int64_t w = off / 8;
    if (static_cast<size_t>(w / 8) >= bits.size()) bits.resize(w / 8 + 1, 0);
    bits[w / 8] |= static_cast<uint8_t>(1u << (w % 8));
  };
  switch (u->kind) {
    case Kind::Pointer: case Kind::UnsafePointer: case Kind::Chan: case Kind::Signature: case Kind::Slice:
    case Kind::String: case Kind::UntypedString: case Kind::UntypedNil:
      set(base);
      return;
    case Kind::Interface:
      set(base);
      set(base + 8);
      return;
    case Kind::Array: {
      int64_t es = typeSize(u->elem);
      for (int64_t i = 0; i < u->len; i++) markPtrs(u->elem, base + i * es, bits);
      return;
    }
    case Kind::Struct:
      for (uint32_t i = 0; i < u->vars.size; i++) markPtrs(u->vars[i]->type, base + fieldOffset(u, static_cast<int>(i)), bits);
      return;
    default:
      return;
  }
}

int64_t typePtrMask(const types::Type* t, std::vector<uint8_t>& bits) {
  bits.clear();
  markPtrs(t, 0, bits);
  int64_t last = -1;
  for (size_t i = 0; i < bits.size() * 8; i++)
    if (bits[i / 8] >> (i % 8) & 1) last = static_cast<int64_t>(i);
  return (last + 1) * 8;
}

NumKind numKindOf(const types::Type* t) {
  const types::Type* u = types::under(t);
  if (u == nullptr) return NumKind::I64;
  switch (u->kind) {
    case Kind::Bool: case Kind::UntypedBool: return NumKind::Bool;
    case Kind::Int8: return NumKind::I8;
    case Kind::Int16: return NumKind::I16;
    case Kind::Int32: case Kind::UntypedRune: return NumKind::I32;
    case Kind::Int: case Kind::Int64: case Kind::UntypedInt: return NumKind::I64;
    case Kind::Uint8: return NumKind::U8;
    case Kind::Uint16: return NumKind::U16;
    case Kind::Uint32: return NumKind::U32;
    case Kind::Uint: case Kind::Uint64: case Kind::Uintptr: return NumKind::U64;
    case Kind::Float32: return NumKind::F32;
    case Kind::Float64: case Kind::UntypedFloat: return NumKind::F64;
    default: return NumKind::Ptr;
  }
}

bool isDirectIface(const types::Type* t) {
  const types::Type* u = types::under(t);
  if (u == nullptr) return false;
  switch (u->kind) {
    case Kind::Pointer: case Kind::UnsafePointer: case Kind::Chan: case Kind::Signature: return true;
    case Kind::Array: return u->len == 1 && isDirectIface(u->elem);
    case Kind::Struct: return u->vars.size == 1 && isDirectIface(u->vars[0]->type);
    default: return false;
  }
}

static int64_t alignUp(int64_t v, int64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

static bool isStringT(const types::Type* t) {
  const types::Type* u = types::under(t);
  return u != nullptr && (u->kind == Kind::String || u->kind == Kind::UntypedString);
}
static Kind ukind(const types::Type* t) {
  const types::Type* u = types::under(t);
  return u == nullptr ? Kind::Invalid : u->kind;
}

// ---- program-wide tables -------------------------------------------------------------------------------

// Fixed rodata regions (offsets from rodataLo): type descriptors, static closures, then strings.
inline constexpr uint64_t kTypeDescSize = 48;        // sizeof(runtime._type) on amd64 (type.go:35)
inline constexpr uint64_t kTypeDescRegion = 96 << 10;  // room for 2048 types
inline constexpr uint64_t kClosureRegion = 32 << 10;   // room for 4096 functions
inline constexpr uint64_t kStringsStart = kTypeDescRegion + kClosureRegion;

// Virtual frame offsets used while a function is generated (its frame size is known only at the
// end): locals below kArgTag, the function's own args/results at kArgTag+off, the outgoing area at
// kOutTag+off. finish() rewrites them to SP-relative offsets.
inline constexpr int32_t kArgTag = 1 << 28;
inline constexpr int32_t kOutTag = 2 << 28;

struct FnGen;
static int& deferCountStorage() {
  static int n = 0;
  return n;
}
static int& deferCount() { return deferCountStorage(); }

struct Builder {
  analysis::Package& pkg;
  const CompileOptions& opts;
  Program& prog;
  Diagnostics diags;
  std::unordered_map<const Func*, int32_t> funcIndex;
  std::vector<const Func*> funcIR;  // per function index (null for synthetic)
  std::unordered_map<const types::Object*, int32_t> globalIndex;
  std::map<std::string, uint64_t> strings;
  std::vector<std::function<void()>> pending;  // functions still to generate (thunks, wrappers)
  std::map<std::string, int32_t> methodWrappers;
  std::map<std::string, const types::Type*> closureTypes;  // closure object types by pointer layout

  Builder(analysis::Package& p, const CompileOptions& o, Program& pr) : pkg(p), opts(o), prog(pr) {}

  void error(Pos pos, const std::string& what) {
    for (const Diagnostic& d : diags)
      if (d.pos == pos) return;
    diags.push_back(Diagnostic{opts.displayName, pos, "gofast cannot run " + what + " yet"});
  }

  int32_t newFunc(const std::string& name, Pos pos, const Func* ir) {
    FuncCode fc;
    fc.name = name;
    fc.file = opts.traceName;
    fc.pos = pos;
    prog.funcs.push_back(std::move(fc));
    funcIR.push_back(ir);
    int32_t idx = static_cast<int32_t>(prog.funcs.size() - 1);
    if (ir != nullptr) funcIndex[ir] = idx;
    uint64_t addr = opts.rodataLo + kTypeDescRegion + static_cast<uint64_t>(idx) * 8;
    prog.funcClosureAddr.push_back(addr);
    return idx;
  }

  int32_t typeIndex(const types::Type* t) {
    for (size_t i = 0; i < prog.types.size(); i++)
      if (prog.types[i].type == t) return static_cast<int32_t>(i);
    for (size_t i = 0; i < prog.types.size(); i++)
      if (types::identical(prog.types[i].type, t) && types::typeString(prog.types[i].type) == types::typeString(t))
        return static_cast<int32_t>(i);
    TypeInfo ti;
    ti.type = t;
    ti.size = typeSize(t);
    ti.align = typeAlign(t);
    ti.ptrdata = typePtrMask(t, ti.gcmask);
    ti.descAddr = opts.rodataLo + prog.types.size() * kTypeDescSize;
    prog.types.push_back(std::move(ti));
    return static_cast<int32_t>(prog.types.size() - 1);
  }

  uint64_t stringAddr(std::string_view s) {
    auto it = strings.find(std::string(s));
    if (it != strings.end()) return it->second;
    if (prog.rodata.size() < kStringsStart) prog.rodata.resize(kStringsStart, 0);
    uint64_t addr = opts.rodataLo + prog.rodata.size();
    prog.rodata.insert(prog.rodata.end(), s.begin(), s.end());
    strings[std::string(s)] = addr;
    return addr;
  }

  uint64_t globalAddr(const types::Object* obj, const types::Type* t, std::string_view name) {
    auto it = globalIndex.find(obj);
    if (it != globalIndex.end()) return prog.globals[it->second].addr;
    int64_t off = alignUp(static_cast<int64_t>(prog.globalsSize), std::max<int64_t>(typeAlign(t), 1));
    GlobalVar gv;
    gv.name = "main." + std::string(name);
    gv.addr = prog.globalsLo + off;
    gv.size = typeSize(t);
    gv.type = t;
    std::vector<uint8_t> bits;
    typePtrMask(t, bits);
    for (size_t i = 0; i < bits.size() * 8; i++) {
      if (!(bits[i / 8] >> (i % 8) & 1)) continue;
      uint64_t w = static_cast<uint64_t>(off) / 8 + i;
      if (prog.globalsPtrMask.size() <= w / 8) prog.globalsPtrMask.resize(w / 8 + 1, 0);
      prog.globalsPtrMask[w / 8] |= static_cast<uint8_t>(1u << (w % 8));
    }
    prog.globalsSize = static_cast<uint64_t>(off + std::max<int64_t>(gv.size, 1));
    prog.globals.push_back(gv);
    globalIndex[obj] = static_cast<int32_t>(prog.globals.size() - 1);
    return gv.addr;
  }

  std::string symName(const Func* fn) { return "main." + fn->name; }
};

// ABI0 layout of a signature's parameters and results.
struct ArgLayout {
  std::vector<int64_t> paramOff, resultOff;
  std::vector<const types::Type*> paramT, resultT;
  int64_t paramsEnd = 0, resultsStart = 0, total = 0;
};

static ArgLayout argLayout(const types::Type* recv, const types::Type* sig) {
  ArgLayout l;
  int64_t off = 0;
  auto add = [&](const types::Type* t, std::vector<int64_t>& offs, std::vector<const types::Type*>& ts) {
    off = alignUp(off, typeAlign(t));
    offs.push_back(off);
    ts.push_back(t);
    off += typeSize(t);
  };
  if (recv != nullptr) add(recv, l.paramOff, l.paramT);
  const types::Type* s = types::under(sig);
  if (s != nullptr && s->params != nullptr)
    for (auto* v : s->params->vars) add(v->type, l.paramOff, l.paramT);
  l.paramsEnd = off;
  off = alignUp(off, 8);
  l.resultsStart = off;
  if (s != nullptr && s->results != nullptr)
    for (auto* v : s->results->vars) add(v->type, l.resultOff, l.resultT);
  l.total = alignUp(off, 8);
  return l;
}

// ---- one function --------------------------------------------------------------------------------------

struct Ref {
  bool ind = false;  // false: the value is at frame slot `slot + off`; true: at *(frame[slot]) + off
  int32_t slot = 0;
  int64_t off = 0;
};

struct VarLoc {
  enum K : uint8_t { Stack, HeapPtr, Global, ClosureByVal, ClosureByRef } k = Stack;
  int32_t slot = 0;   // Stack: the value; HeapPtr: the pointer
  uint64_t addr = 0;  // Global
  int64_t off = 0;    // closure vars: offset in the closure object
};

struct LoopTargets {
  std::string_view label;
  int32_t breakL = -1, continueL = -1;
};

// A call whose callee and arguments are evaluated: everything emitCall needs.
struct CallPlan {
  enum K : uint8_t { Static, Closure, Lib } k = Static;
  int32_t func = -1;        // Static
  int32_t closureSlot = 0;  // Closure: the func value
  LibFn lib = LibFn::Println;
  SyncMethod syncMethod = SyncMethod::MutexLock;
  const types::Type* recvT = nullptr;
  const types::Type* sig = nullptr;
  std::vector<int32_t> argSlots;
  std::vector<const types::Type*> argTypes;
  bool ddd = false;
};

struct FnGen {
  Builder& b;
  Program& prog;
  int32_t fidx;
  const Func* ir;
  bool assumeEscapes = false;  // not escape-analysed (package init): allocate on the heap
  int64_t localsSize = 0;
  int64_t outMax = 0;
  struct SlotPtrs {
    int32_t voff;
    std::vector<uint8_t> bits;
  };
  std::vector<SlotPtrs> ptrSlots;
  std::unordered_map<const Name*, VarLoc> vars;
  std::vector<std::pair<uint32_t, int32_t>> jumpFixups;  // instruction index, label
  std::vector<int32_t> labelPos;
  std::map<std::string, int32_t, std::less<>> gotoLabels;
  std::vector<LoopTargets> loops;
  std::string_view pendingLabel;
  Pos curPos;
  int32_t curInl = -1;
  int32_t ctxtSlot = -1;
  bool hasDefer = false;
  ArgLayout abi;
  std::vector<std::pair<const Name*, int32_t>> heapResults;  // result moved to heap: name, result slot
  std::vector<int32_t> fallTargets;
  int loopDepth = 0;  // enclosing for/range loops (a defer inside one gets a heap record)

  FnGen(Builder& bb, int32_t fi, const Func* f) : b(bb), prog(bb.prog), fidx(fi), ir(f) {}
  FuncCode& fc() { return prog.funcs[fidx]; }

  // ---- slots ----
  int32_t allocRaw(int64_t size, int64_t align, std::vector<uint8_t> bits, const std::string& name,
                   const types::Type* t, FrameSlot::Kind kind) {
    localsSize = alignUp(localsSize, std::max<int64_t>(align, 1));
    int32_t off = static_cast<int32_t>(localsSize);
    localsSize += std::max<int64_t>(size, 0);
    if (!bits.empty()) ptrSlots.push_back({off, std::move(bits)});
    FrameSlot s;
    s.name = name;
    s.offset = off;
    s.size = static_cast<int32_t>(size);
    s.type = t;
    s.kind = kind;
    fc().slots.push_back(s);
    return off;
  }
  int32_t alloc(const types::Type* t, const std::string& name, FrameSlot::Kind kind = FrameSlot::Temp) {
    std::vector<uint8_t> bits;
    typePtrMask(t, bits);
    return allocRaw(typeSize(t), std::max<int64_t>(typeAlign(t), 1), std::move(bits), name, t, kind);
  }
  int32_t temp(const types::Type* t) { return alloc(t, ".autotmp"); }
  int32_t tempWords(int64_t words, std::vector<int> ptrWords) {
    std::vector<uint8_t> bits;
    for (int w : ptrWords) {
      if (bits.size() <= static_cast<size_t>(w / 8)) bits.resize(w / 8 + 1, 0);
      bits[w / 8] |= static_cast<uint8_t>(1u << (w % 8));
    }
    return allocRaw(words * 8, 8, std::move(bits), ".autotmp", nullptr, FrameSlot::Temp);
  }
  int32_t tempInt() { return tempWords(1, {}); }
  int32_t tempPtr() { return tempWords(1, {0}); }

  // ---- emission ----
  uint32_t emit(Opcode op, int32_t a = 0, int32_t bb = 0, int32_t c = 0, int64_t imm = 0, uint8_t k = 0, uint8_t k2 = 0) {
    Instr in;
    in.op = op;
    in.a = a;
    in.b = bb;
    in.c = c;
    in.imm = imm;
    in.k = k;
    in.k2 = k2;
    prog.code.push_back(in);
    prog.pcline.push_back(PcLine{curPos.line, curInl});
    return static_cast<uint32_t>(prog.code.size() - 1);
  }
  int32_t newLabel() {
    labelPos.push_back(-1);
    return static_cast<int32_t>(labelPos.size() - 1);
  }
  void bind(int32_t l) { labelPos[l] = static_cast<int32_t>(prog.code.size()); }
  void jump(Opcode op, int32_t l, int32_t a = 0, int32_t bb = 0, int32_t c = 0, uint8_t k = 0, uint8_t k2 = 0) {
    uint32_t i = emit(op, a, bb, c, 0, k, k2);
    jumpFixups.push_back({i, l});
  }
  void mov(int32_t dst, int32_t src, int64_t size) {
    if (dst != src && size > 0) emit(Opcode::MOV, dst, src, 0, size);
  }
  void movk(int32_t dst, int64_t v, int size) { emit(Opcode::MOVK, dst, 0, 0, v, static_cast<uint8_t>(size)); }
  void unsupported(Pos pos, const std::string& what) {
    b.error(pos.valid() ? pos : curPos, what);
    emit(Opcode::UNSUPPORTED);
  }
  void setPos(const Node* n) {
    if (n == nullptr || n->op == Op::ONAME || n->op == Op::OTYPE) return;  // shared nodes: declaration positions
    if (n->origPos.valid()) curPos = n->origPos;
    else if (n != nullptr && n->pos.valid()) curPos = n->pos;
  }

  // ---- variables ----
  bool escapes(const Node* n) const { return assumeEscapes || (n != nullptr && n->has(analysis::kEscHeap)); }

  VarLoc& declare(const Name* n) {
    auto it = vars.find(n);
    if (it != vars.end()) return it->second;
    VarLoc loc;
    if (escapes(n) && n->cls != Class::PEXTERN) {
      loc.k = VarLoc::HeapPtr;
      loc.slot = allocRaw(8, 8, {1}, "&" + std::string(n->sym), n->type, FrameSlot::Local);
    } else {
      loc.k = VarLoc::Stack;
      loc.slot = alloc(n->type, std::string(n->sym), FrameSlot::Local);
    }
    return vars[n] = loc;
  }

  VarLoc varLoc(const Name* n) {
    auto it = vars.find(n);
    if (it != vars.end()) return it->second;
    if (n->cls == Class::PEXTERN) {
      VarLoc l;
      l.k = VarLoc::Global;
      l.addr = b.globalAddr(n->obj != nullptr ? n->obj : static_cast<const types::Object*>(nullptr), n->type, n->sym);
      return l;
    }
    // A variable used before its ODCL was seen (inlined temporaries, init statements): declare it.
    return declare(n);
  }

  // ---- references (addressable values) ----
  Ref refOfName(const Name* n) {
    // A closure variable of a closure whose body was inlined here: the captured variable itself.
    if (n->isClosureVar && n->outer != nullptr && vars.find(n) == vars.end()) return refOfName(n->outer);
    VarLoc l = varLoc(n);
    switch (l.k) {
      case VarLoc::Stack: return Ref{false, l.slot, 0};
      case VarLoc::HeapPtr: return Ref{true, l.slot, 0};
      case VarLoc::Global: {
        int32_t t = tempPtr();
        emit(Opcode::LEAG, t, 0, 0, static_cast<int64_t>(l.addr));
        return Ref{true, t, 0};
      }
      case VarLoc::ClosureByVal: return Ref{true, ctxtSlot, l.off};
      case VarLoc::ClosureByRef: {
        int32_t t = tempPtr();
        emit(Opcode::LOAD, t, ctxtSlot, static_cast<int32_t>(l.off), 8);
        return Ref{true, t, 0};
      }
    }
    return Ref{};
  }

  bool addressable(const Node* n) {
    if (n == nullptr) return false;
    switch (n->op) {
      case Op::ONAME: return true;
      case Op::ODOT: return addressable(n->x);
      case Op::ODOTPTR: case Op::ODEREF: return true;
      case Op::OINDEX: return ukind(n->x->type) == Kind::Slice || (ukind(n->x->type) == Kind::Array && addressable(n->x));
      case Op::OPAREN: return addressable(n->x);
      default: return false;
    }
  }

  int32_t indexValue(Node* idx) {
    int32_t s = expr(idx);
    NumKind k = numKindOf(idx->type);
    if (k == NumKind::I64 || k == NumKind::U64) return s;
    int32_t t = tempInt();
    emit(Opcode::CONV, t, s, 0, 0, static_cast<uint8_t>(NumKind::I64), static_cast<uint8_t>(k));
    return t;
  }

  Ref ref(Node* n) {
    setPos(n);
    switch (n->op) {
      case Op::OPAREN: return ref(n->x);
      case Op::ONAME: return refOfName(static_cast<const Name*>(n));
      case Op::ODOT: {
        Ref r = addressable(n->x) ? ref(n->x) : Ref{false, expr(n->x), 0};
        r.off += fieldOff(n);
        return r;
      }
      case Op::ODOTPTR: {
        int32_t p = expr(n->x);
        return Ref{true, p, fieldOff(n)};
      }
      case Op::ODEREF: return Ref{true, expr(n->x), 0};
      case Op::OINDEX: {
        const types::Type* xt = types::under(n->x->type);
        int64_t es = typeSize(n->type);
        if (xt->kind == Kind::Array) {
          Ref r = addressable(n->x) ? ref(n->x) : Ref{false, expr(n->x), 0};
          if (n->y->op == Op::OLITERAL && n->y->val != nullptr) {
            types::BigInt bi;
            if (types::constantToInt(n->y->val, bi) && bi.fitsI64()) {
              r.off += bi.toI64() * es;
              return r;
            }
          }
          int32_t idx = indexValue(n->y);
          int32_t lenSlot = tempInt();
          movk(lenSlot, xt->len, 8);
          emit(Opcode::BOUNDS, idx, lenSlot, 0, 0, static_cast<uint8_t>(numKindOf(n->y->type)), static_cast<uint8_t>(BoundsKind::Index));
          int32_t base = addrOf(r);
          int32_t p = tempPtr();
          emit(Opcode::INDEXADDR, p, base, idx, es);
          return Ref{true, p, 0};
        }
        if (xt->kind == Kind::Slice) {
          int32_t h = expr(n->x);
          int32_t idx = indexValue(n->y);
          emit(Opcode::BOUNDS, idx, h + 8, 0, 0, static_cast<uint8_t>(numKindOf(n->y->type)), static_cast<uint8_t>(BoundsKind::Index));
          int32_t p = tempPtr();
          emit(Opcode::INDEXADDR, p, h, idx, es);
          return Ref{true, p, 0};
        }
        break;
      }
      default: break;
    }
    return Ref{false, expr(n), 0};
  }

  int64_t fieldOff(const Node* n) {
    const types::Type* st = n->op == Op::ODOTPTR ? types::under(n->x->type)->elem : n->x->type;
    const types::Type* u = types::under(st);
    if (u == nullptr || n->field == nullptr) return 0;
    int idx = n->field->fieldIndex;
    if (idx < 0) {
      for (uint32_t i = 0; i < u->vars.size; i++)
        if (u->vars[i] == n->field) idx = static_cast<int>(i);
    }
    return idx < 0 ? 0 : fieldOffset(u, idx);
  }

  int32_t addrOf(const Ref& r) {
    if (!r.ind) {
      int32_t t = tempPtr();
      emit(Opcode::LEA, t, static_cast<int32_t>(r.slot + r.off));
      return t;
    }
    if (r.off == 0) return r.slot;
    int32_t t = tempPtr();
    emit(Opcode::ADDP, t, r.slot, 0, r.off, 1);
    return t;
  }

  int32_t load(const Ref& r, const types::Type* t, int32_t dst) {
    int64_t size = typeSize(t);
    if (!r.ind) {
      int32_t src = static_cast<int32_t>(r.slot + r.off);
      if (dst < 0) return src;
      mov(dst, src, size);
      return dst;
    }
    if (dst < 0) dst = temp(t);
    if (size == 0) {
      emit(Opcode::LOAD, dst, r.slot, static_cast<int32_t>(r.off), 0);
      return dst;
    }
    emit(Opcode::LOAD, dst, r.slot, static_cast<int32_t>(r.off), size);
    return dst;
  }
  void store(const Ref& r, int32_t src, const types::Type* t) {
    int64_t size = typeSize(t);
    if (!r.ind) {
      mov(static_cast<int32_t>(r.slot + r.off), src, size);
      return;
    }
    emit(Opcode::STORE, r.slot, src, static_cast<int32_t>(r.off), size);
  }

  // ---- constants ----
  void constant(Node* n, int32_t dst) {
    const types::Type* t = n->type;
    Kind k = ukind(t);
    const types::Constant* c = n->val;
    if (k == Kind::UntypedNil || n->op == Op::ONIL) {
      emit(Opcode::ZERO, dst, 0, 0, typeSize(t));
      return;
    }
    if (isStringT(t)) {
      std::string_view s = c != nullptr ? c->s : std::string_view{};
      if (s.empty()) {
        emit(Opcode::ZERO, dst, 0, 0, 16);
        return;
      }
      emit(Opcode::LEAG, dst, 0, 0, static_cast<int64_t>(b.stringAddr(s)));
      movk(dst + 8, static_cast<int64_t>(s.size()), 8);
      return;
    }
    NumKind nk = numKindOf(t);
    if (nk == NumKind::Bool) {
      movk(dst, c != nullptr && c->b ? 1 : 0, 1);
      return;
    }
    if (isFloatKind(nk)) {
      long double f = c != nullptr ? types::constantToFloat(c) : 0;
      if (nk == NumKind::F32) {
        float v = static_cast<float>(f);
        uint32_t bits;
        std::memcpy(&bits, &v, 4);
        movk(dst, bits, 4);
      } else {
        double v = static_cast<double>(f);
        int64_t bits;
        std::memcpy(&bits, &v, 8);
        movk(dst, bits, 8);
      }
      return;
    }
    if (ukind(t) == Kind::Complex64 || ukind(t) == Kind::Complex128) {
      unsupported(n->pos, "complex numbers");
      return;
    }
    int64_t v = 0;
    if (c != nullptr) {
      types::BigInt bi;
      if (types::constantToInt(c, bi)) v = bi.fitsI64() ? bi.toI64() : static_cast<int64_t>(bi.toU64());
      else if (c->kind == types::Constant::Kind::Bool) v = c->b;
    } else {
      v = std::strtoll(std::string(n->raw).c_str(), nullptr, 0);
    }
    movk(dst, v, numKindSize(nk));
  }

  // ---- expressions ----
  int32_t dstOr(int32_t dst, const types::Type* t) { return dst >= 0 ? dst : temp(t); }

  int32_t expr(Node* n, int32_t dst = -1) {
    if (n == nullptr) return dst >= 0 ? dst : tempInt();
    Pos saved = curPos;
    setPos(n);
    int32_t r = exprImpl(n, dst);
    curPos = saved;
    return r;
  }

  static Cond condOf(lang::Op op) {
    switch (op) {
      case lang::Op::Eql: return Cond::EQ;
      case lang::Op::Neq: return Cond::NE;
      case lang::Op::Lss: return Cond::LT;
      case lang::Op::Leq: return Cond::LE;
      case lang::Op::Gtr: return Cond::GT;
      default: return Cond::GE;
    }
  }
  static Cond condOfOp(Op op) {
    switch (op) {
      case Op::OEQ: return Cond::EQ;
      case Op::ONE: return Cond::NE;
      case Op::OLT: return Cond::LT;
      case Op::OLE: return Cond::LE;
      case Op::OGT: return Cond::GT;
      default: return Cond::GE;
    }
  }
  static Cond negate(Cond c) {
    switch (c) {
      case Cond::EQ: return Cond::NE;
      case Cond::NE: return Cond::EQ;
      case Cond::LT: return Cond::GE;
      case Cond::LE: return Cond::GT;
      case Cond::GT: return Cond::LE;
      default: return Cond::LT;
    }
  }
  static bool isCompare(Op op) {
    return op == Op::OEQ || op == Op::ONE || op == Op::OLT || op == Op::OLE || op == Op::OGT || op == Op::OGE;
  }

  // Equality of two values of type t in frame slots a and b into bool dst.
  void equal(int32_t a, int32_t bb, const types::Type* t, int32_t dst) {
    const types::Type* u = types::under(t);
    if (isStringT(t)) {
      emit(Opcode::STRCMP, dst, a, bb, 0, 0, static_cast<uint8_t>(Cond::EQ));
      return;
    }
    if (u->kind == Kind::Struct || u->kind == Kind::Array) {
      movk(dst, 1, 1);
      int32_t tmp = tempWords(1, {});
      auto one = [&](int64_t off, const types::Type* et) {
        equal(a + static_cast<int32_t>(off), bb + static_cast<int32_t>(off), et, tmp);
        emit(Opcode::AND, dst, dst, tmp, 0, static_cast<uint8_t>(NumKind::Bool));
      };
      if (u->kind == Kind::Array) {
        int64_t es = typeSize(u->elem);
        for (int64_t i = 0; i < u->len; i++) one(i * es, u->elem);
      } else {
        for (uint32_t i = 0; i < u->vars.size; i++) {
          if (u->vars[i]->name == "_") continue;
          one(fieldOffset(u, static_cast<int>(i)), u->vars[i]->type);
        }
      }
      return;
    }
    if (u->kind == Kind::Interface) {
      emit(Opcode::MEMEQ, dst, a, bb, 16, 0, static_cast<uint8_t>(Cond::EQ));
      return;
    }
    emit(Opcode::CMP, dst, a, bb, 0, static_cast<uint8_t>(numKindOf(t)), static_cast<uint8_t>(Cond::EQ));
  }

  int32_t compare(Node* n, int32_t dst) {
    dst = dstOr(dst, n->type);
    const types::Type* t = n->x->type;
    if (ukind(t) == Kind::UntypedNil) t = n->y->type;
    Cond c = condOfOp(n->op);
    int32_t a = expr(n->x);
    int32_t bb = expr(n->y);
    const types::Type* u = types::under(t);
    if (isStringT(t)) {
      emit(Opcode::STRCMP, dst, a, bb, 0, 0, static_cast<uint8_t>(c));
    } else if (u != nullptr && (u->kind == Kind::Struct || u->kind == Kind::Array || u->kind == Kind::Interface)) {
      equal(a, bb, t, dst);
      if (c == Cond::NE) emit(Opcode::NOT, dst, dst);
    } else if (u != nullptr && u->kind == Kind::Slice) {
      emit(Opcode::CMP, dst, a, bb, 0, static_cast<uint8_t>(NumKind::Ptr), static_cast<uint8_t>(c));
    } else {
      emit(Opcode::CMP, dst, a, bb, 0, static_cast<uint8_t>(numKindOf(t)), static_cast<uint8_t>(c));
    }
    return dst;
  }

  // Jumps to `target` when cond evaluates to `want`.
  void branch(Node* cond, bool want, int32_t target) {
    while (cond->op == Op::OPAREN) cond = cond->x;
    setPos(cond);
    if (cond->op == Op::ONOT) {
      branch(cond->x, !want, target);
      return;
    }
    if (cond->op == Op::OANDAND) {
      if (want) {
        int32_t skip = newLabel();
        branch(cond->x, false, skip);
        branch(cond->y, true, target);
        bind(skip);
      } else {
        branch(cond->x, false, target);
        branch(cond->y, false, target);
      }
      return;
    }
    if (cond->op == Op::OOROR) {
      if (want) {
        branch(cond->x, true, target);
        branch(cond->y, true, target);
      } else {
        int32_t skip = newLabel();
        branch(cond->x, true, skip);
        branch(cond->y, false, target);
        bind(skip);
      }
      return;
    }
    if (isCompare(cond->op)) {
      const types::Type* t = cond->x->type;
      if (ukind(t) == Kind::UntypedNil) t = cond->y->type;
      NumKind nk = numKindOf(t);
      Kind uk = ukind(t);
      bool scalar = uk != Kind::Struct && uk != Kind::Array && uk != Kind::Interface && !isStringT(t) && uk != Kind::Slice;
      if (scalar) {
        Cond c = condOfOp(cond->op);
        if (!want) c = negate(c);
        int32_t a = expr(cond->x);
        Node* y = cond->y;
        if (y->op == Op::OLITERAL && !isFloatKind(nk) && nk != NumKind::Bool && y->val != nullptr) {
          types::BigInt bi;
          if (types::constantToInt(y->val, bi) && bi.fitsI64() && bi.toI64() >= INT32_MIN && bi.toI64() <= INT32_MAX) {
            jump(Opcode::JCMPK, target, a, 0, static_cast<int32_t>(bi.toI64()), static_cast<uint8_t>(nk), static_cast<uint8_t>(c));
            return;
          }
        }
        int32_t bb = expr(y);
        jump(Opcode::JCMP, target, a, bb, 0, static_cast<uint8_t>(nk), static_cast<uint8_t>(c));
        return;
      }
    }
    int32_t v = expr(cond);
    jump(want ? Opcode::JT : Opcode::JF, target, v);
  }

  int32_t exprImpl(Node* n, int32_t dst) {
    switch (n->op) {
      case Op::OPAREN: return expr(n->x, dst);
      case Op::OLITERAL: case Op::ONIL: {
        dst = dstOr(dst, n->type);
        constant(n, dst);
        return dst;
      }
      case Op::ONAME: {
        const Name* nm = static_cast<const Name*>(n);
        if (nm->cls == Class::PFUNC) {
          dst = dstOr(dst, n->type);
          if (nm->fn == nullptr || nm->fn->external || b.funcIndex.count(nm->fn) == 0) {
            unsupported(n->pos, "a standard-library function as a value");
            return dst;
          }
          emit(Opcode::FUNCADDR, dst, 0, 0, b.funcIndex[nm->fn]);
          return dst;
        }
        if (nm->sym == "_") return dstOr(dst, n->type);
        return load(refOfName(nm), n->type, dst);
      }
      case Op::ODOT: case Op::ODOTPTR: case Op::ODEREF: return load(ref(n), n->type, dst);
      case Op::OINDEX: {
        if (isStringT(n->x->type)) {
          int32_t s = expr(n->x);
          int32_t idx = indexValue(n->y);
          emit(Opcode::BOUNDS, idx, s + 8, 0, 0, static_cast<uint8_t>(numKindOf(n->y->type)), static_cast<uint8_t>(BoundsKind::Index));
          int32_t p = tempPtr();
          emit(Opcode::INDEXADDR, p, s, idx, 1);
          dst = dstOr(dst, n->type);
          emit(Opcode::LOAD, dst, p, 0, 1);
          return dst;
        }
        return load(ref(n), n->type, dst);
      }
      case Op::OADD: case Op::OSUB: case Op::OMUL: case Op::ODIV: case Op::OMOD: case Op::OAND: case Op::OOR:
      case Op::OXOR: case Op::OANDNOT: case Op::OLSH: case Op::ORSH: {
        dst = dstOr(dst, n->type);
        NumKind nk = numKindOf(n->type);
        if (ukind(n->type) == Kind::Complex128 || ukind(n->type) == Kind::Complex64) {
          unsupported(n->pos, "complex numbers");
          return dst;
        }
        if (isStringT(n->type) && n->op == Op::OADD) {
          int32_t blk = tempWords(4, {0, 2});
          expr(n->x, blk);
          expr(n->y, blk + 16);
          emit(Opcode::STRCAT, dst, blk, 2);
          return dst;
        }
        if ((n->op == Op::OADD || n->op == Op::OSUB) && !isFloatKind(nk) && n->y->op == Op::OLITERAL && n->y->val != nullptr) {
          types::BigInt bi;
          if (types::constantToInt(n->y->val, bi) && bi.fitsI64()) {
            int32_t a = expr(n->x);
            int64_t v = bi.toI64();
            emit(Opcode::ADDK, dst, a, 0, n->op == Op::OADD ? v : -v, static_cast<uint8_t>(nk));
            return dst;
          }
        }
        int32_t a = expr(n->x);
        int32_t bb = expr(n->y);
        Opcode op = Opcode::ADD;
        switch (n->op) {
          case Op::OSUB: op = Opcode::SUB; break;
          case Op::OMUL: op = Opcode::MUL; break;
          case Op::ODIV: op = Opcode::DIV; break;
          case Op::OMOD: op = Opcode::MOD; break;
          case Op::OAND: op = Opcode::AND; break;
          case Op::OOR: op = Opcode::OR; break;
          case Op::OXOR: op = Opcode::XOR; break;
          case Op::OANDNOT: op = Opcode::ANDNOT; break;
          case Op::OLSH: op = Opcode::SHL; break;
          case Op::ORSH: op = Opcode::SHR; break;
          default: break;
        }
        emit(op, dst, a, bb, 0, static_cast<uint8_t>(nk), static_cast<uint8_t>(numKindOf(n->y->type)));
        return dst;
      }
      case Op::OEQ: case Op::ONE: case Op::OLT: case Op::OLE: case Op::OGT: case Op::OGE:
        return compare(n, dst);
      case Op::OANDAND: case Op::OOROR: {
        dst = dstOr(dst, n->type);
        int32_t end = newLabel();
        expr(n->x, dst);
        jump(n->op == Op::OANDAND ? Opcode::JF : Opcode::JT, end, dst);
        expr(n->y, dst);
        bind(end);
        return dst;
      }
      case Op::ONOT: case Op::ONEG: case Op::OBITNOT: case Op::OPLUS: {
        dst = dstOr(dst, n->type);
        int32_t a = expr(n->x);
        if (n->op == Op::OPLUS) {
          mov(dst, a, typeSize(n->type));
          return dst;
        }
        emit(n->op == Op::ONOT ? Opcode::NOT : n->op == Op::ONEG ? Opcode::NEG : Opcode::BITNOT, dst, a, 0, 0,
             static_cast<uint8_t>(numKindOf(n->type)));
        return dst;
      }
      case Op::OCONV: {
        dst = dstOr(dst, n->type);
        int32_t a = expr(n->x);
        emit(Opcode::CONV, dst, a, 0, 0, static_cast<uint8_t>(numKindOf(n->type)), static_cast<uint8_t>(numKindOf(n->x->type)));
        return dst;
      }
      case Op::OCONVNOP: return expr(n->x, dst);
      case Op::OBYTES2STR: case Op::OSTR2BYTES: case Op::ORUNESTR: case Op::OSTR2RUNES: case Op::ORUNES2STR: {
        dst = dstOr(dst, n->type);
        int32_t a = expr(n->x);
        Opcode op = n->op == Op::OBYTES2STR ? Opcode::BYTES2STR : n->op == Op::OSTR2BYTES ? Opcode::STR2BYTES
                  : n->op == Op::ORUNESTR ? Opcode::RUNESTR : n->op == Op::OSTR2RUNES ? Opcode::STR2RUNES : Opcode::RUNES2STR;
        if (n->op == Op::OSTR2BYTES && n->x->op == Op::OLITERAL) {
          // walk/convert.go: []byte of a constant string is a fresh [len]byte array: cap == len.
          emit(Opcode::STR2BYTES, dst, a, 0, 0, 1);
          return dst;
        }
        if (n->op == Op::OSTR2RUNES || n->op == Op::ORUNES2STR) {
          unsupported(n->pos, "rune slice conversions");
          return dst;
        }
        emit(op, dst, a, 0, 0, static_cast<uint8_t>(numKindOf(n->x->type)));
        return dst;
      }
      case Op::OADDSTR: {
        dst = dstOr(dst, n->type);
        int64_t cnt = n->list.size;
        std::vector<int> pw;
        for (int64_t i = 0; i < cnt; i++) pw.push_back(static_cast<int>(2 * i));
        int32_t blk = tempWords(2 * cnt, pw);
        for (int64_t i = 0; i < cnt; i++) expr(n->list[static_cast<uint32_t>(i)], blk + static_cast<int32_t>(16 * i));
        emit(Opcode::STRCAT, dst, blk, static_cast<int32_t>(cnt));
        return dst;
      }
      case Op::OLEN: case Op::OCAP: {
        dst = dstOr(dst, n->type);
        const types::Type* xt = types::under(n->x->type);
        if (xt->kind == Kind::Pointer) xt = types::under(xt->elem);
        if (xt->kind == Kind::Array) {
          movk(dst, xt->len, 8);
          return dst;
        }
        if (xt->kind == Kind::Chan) {
          int32_t ch = expr(n->x);
          emit(n->op == Op::OLEN ? Opcode::CHANLEN : Opcode::CHANCAP, dst, ch);
          return dst;
        }
        int32_t h = expr(n->x);
        mov(dst, h + (n->op == Op::OLEN ? 8 : 16), 8);
        return dst;
      }
      case Op::OADDR: {
        dst = dstOr(dst, n->type);
        Node* x = n->x;
        while (x->op == Op::OPAREN) x = x->x;
        if (x->op == Op::OSTRUCTLIT || x->op == Op::OARRAYLIT) return ptrLit(n, x, dst);
        Ref r = ref(x);
        int32_t p = addrOf(r);
        mov(dst, p, 8);
        return dst;
      }
      case Op::OPTRLIT: return ptrLit(n, n->x, dstOr(dst, n->type));
      case Op::ONEW: {
        dst = dstOr(dst, n->type);
        const types::Type* et = types::under(n->type)->elem;
        if (escapes(n)) {
          emit(Opcode::NEW, dst, 0, 0, b.typeIndex(et));
        } else {
          int32_t s = alloc(et, ".autotmp");
          emit(Opcode::LEA, dst, s);
        }
        return dst;
      }
      case Op::OSTRUCTLIT: case Op::OARRAYLIT: {
        dst = dstOr(dst, n->type);
        emit(Opcode::ZERO, dst, 0, 0, typeSize(n->type));
        compositeInto(Ref{false, dst, 0}, n);
        return dst;
      }
      case Op::OSLICELIT: return sliceLit(n, dstOr(dst, n->type));
      case Op::OMAKESLICE: {
        dst = dstOr(dst, n->type);
        const types::Type* et = types::under(n->type)->elem;
        int32_t l = indexValue(n->x);
        int32_t c = n->y != nullptr ? indexValue(n->y) : l;
        emit(Opcode::MAKESLICE, dst, l, c, b.typeIndex(et));
        return dst;
      }
      case Op::OAPPEND: return append(n, dstOr(dst, n->type));
      case Op::OCOPY: {
        dst = dstOr(dst, n->type);
        int32_t d = expr(n->x);
        int32_t s = expr(n->y);
        emit(Opcode::COPY, dst, d, s, typeSize(types::under(n->x->type)->elem));
        return dst;
      }
      case Op::OSLICE: case Op::OSLICEARR: case Op::OSLICESTR: case Op::OSLICE3: case Op::OSLICE3ARR:
        return slice(n, dstOr(dst, n->type));
      case Op::OCALLFUNC: case Op::OCALLMETH: {
        std::vector<int32_t> res = call(n);
        if (res.empty()) return dstOr(dst, n->type);
        if (dst >= 0) {
          mov(dst, res[0], typeSize(n->type));
          return dst;
        }
        return res[0];
      }
      case Op::OINLCALL: {
        std::vector<int32_t> res = inlCall(n);
        if (res.empty()) return dstOr(dst, n->type);
        if (dst >= 0) {
          mov(dst, res[0], typeSize(n->type));
          return dst;
        }
        return res[0];
      }
      case Op::OCONVIFACE: {
        dst = dstOr(dst, n->type);
        if (ukind(n->x->type) == Kind::Interface) return expr(n->x, dst);
        int32_t v = expr(n->x);
        int32_t ti = b.typeIndex(n->x->type);
        if (isDirectIface(n->x->type)) {
          emit(Opcode::CONVIFACE, dst, v, v, ti, 2);
        } else if (escapes(n)) {
          emit(Opcode::CONVIFACE, dst, v, v, ti, 1);
        } else {
          // escape analysis kept the boxed copy on the stack ("... does not escape")
          int32_t box = alloc(n->x->type, ".autotmp");
          emit(Opcode::CONVIFACE, dst, v, box, ti, 0);
        }
        return dst;
      }
      case Op::OCLOSURE: return closure(n, dstOr(dst, n->type));
      case Op::OMAKECHAN: {
        dst = dstOr(dst, n->type);
        int32_t sz = n->x != nullptr ? indexValue(n->x) : -1;
        if (sz < 0) {
          sz = tempInt();
          movk(sz, 0, 8);
        }
        emit(Opcode::MAKECHAN, dst, sz, 0, b.typeIndex(types::under(n->type)->elem));
        return dst;
      }
      case Op::ORECV: return chanRecv(n, dst, -1);
      case Op::OMETHVALUE: return methodValue(n, dstOr(dst, n->type));
      case Op::OSIZEOF: case Op::OALIGNOF: case Op::OOFFSETOF: {
        dst = dstOr(dst, n->type);
        unsupported(n->pos, "non-constant unsafe operations");
        return dst;
      }
      default:
        dst = dstOr(dst, n->type);
        unsupported(n->pos, std::string("the expression ") + analysis::opName(n->op));
        return dst;
    }
  }

  int32_t ptrLit(Node* n, Node* lit, int32_t dst) {
    const types::Type* t = lit->type;
    if (escapes(n)) {
      emit(Opcode::NEW, dst, 0, 0, b.typeIndex(t));
    } else {
      int32_t s = alloc(t, ".autotmp");
      emit(Opcode::ZERO, s, 0, 0, typeSize(t));
      emit(Opcode::LEA, dst, s);
    }
    // Fill through a copy of the pointer (dst may be a result slot written again later).
    compositeInto(Ref{true, dst, 0}, lit);
    return dst;
  }

  // Stores the elements of a struct/array literal into zeroed memory at r.
  void compositeInto(Ref r, Node* lit) {
    const types::Type* u = types::under(lit->type);
    if (lit->op == Op::OSTRUCTLIT) {
      for (Node* e : lit->list) {
        if (e == nullptr) continue;
        if (e->op == Op::OSTRUCTKEY) {
          int idx = e->field != nullptr ? e->field->fieldIndex : -1;
          if (idx < 0)
            for (uint32_t i = 0; i < u->vars.size; i++)
              if (u->vars[i] == e->field) idx = static_cast<int>(i);
          if (idx < 0) continue;
          Ref fr = r;
          fr.off += fieldOffset(u, idx);
          storeValue(fr, e->x, u->vars[static_cast<uint32_t>(idx)]->type);
        }
      }
      return;
    }
    int64_t es = typeSize(u->elem);
    int64_t i = 0;
    for (Node* e : lit->list) {
      Node* v = e;
      if (e->op == Op::OKEY) {
        i = constInt(e->x);
        v = e->y;
      }
      Ref er = r;
      er.off += i * es;
      storeValue(er, v, u->elem);
      i++;
    }
  }

  int64_t constInt(Node* n) {
    if (n != nullptr && n->val != nullptr) {
      types::BigInt bi;
      if (types::constantToInt(n->val, bi) && bi.fitsI64()) return bi.toI64();
    }
    if (n != nullptr && !n->raw.empty()) return std::strtoll(std::string(n->raw).c_str(), nullptr, 0);
    return 0;
  }

  void storeValue(const Ref& r, Node* v, const types::Type* t) {
    if (!r.ind && (v->op == Op::OSTRUCTLIT || v->op == Op::OARRAYLIT)) {
      compositeInto(r, v);
      return;
    }
    if (!r.ind) {
      expr(v, static_cast<int32_t>(r.slot + r.off));
      return;
    }
    int32_t s = expr(v);
    store(r, s, t);
  }

  int32_t sliceLit(Node* n, int32_t dst) {
    const types::Type* et = types::under(n->type)->elem;
    int64_t len = 0, i = 0;
    for (Node* e : n->list) {
      if (e->op == Op::OKEY) i = constInt(e->x);
      i++;
      len = std::max(len, i);
    }
    const types::Type* at = arrayType(et, len);
    int32_t p = tempPtr();
    if (escapes(n)) {
      emit(Opcode::NEW, p, 0, 0, b.typeIndex(at));
    } else {
      int32_t s = alloc(at, ".autotmp");
      emit(Opcode::ZERO, s, 0, 0, typeSize(at));
      emit(Opcode::LEA, p, s);
    }
    int64_t es = typeSize(et);
    i = 0;
    for (Node* e : n->list) {
      Node* v = e;
      if (e->op == Op::OKEY) {
        i = constInt(e->x);
        v = e->y;
      }
      storeValue(Ref{true, p, i * es}, v, et);
      i++;
    }
    mov(dst, p, 8);
    movk(dst + 8, len, 8);
    movk(dst + 16, len, 8);
    return dst;
  }

  const types::Type* arrayType(const types::Type* et, int64_t len) {
    std::deque<types::Type>& synthTypes = prog.synthTypes;
    for (auto& t : synthTypes)
      if (t.elem == et && t.len == len) return &t;
    types::Type t{};
    t.kind = Kind::Array;
    t.elem = et;
    t.len = len;
    synthTypes.push_back(t);
    return &synthTypes.back();
  }

  int32_t append(Node* n, int32_t dst) {
    const types::Type* st = n->type;
    const types::Type* et = types::under(st)->elem;
    int32_t ti = b.typeIndex(et);
    int32_t s = expr(n->list[0]);
    if (n->has(analysis::kIsDDD)) {
      int32_t other = expr(n->list[1]);
      emit(Opcode::APPENDSL, dst, s, other, ti);
      return dst;
    }
    int64_t cnt = n->list.size - 1;
    if (cnt == 0) {
      mov(dst, s, 24);
      return dst;
    }
    std::vector<int32_t> vals;
    for (uint32_t i = 1; i < n->list.size; i++) {
      int32_t v = expr(n->list[i]);
      // copy values that live in variables (the slice growth does not change them, but keep order)
      vals.push_back(v);
    }
    int32_t c = tempInt();
    movk(c, cnt, 8);
    int32_t res = dst;
    emit(Opcode::GROWSLICE, res, s, c, ti);
    int64_t es = typeSize(et);
    for (int64_t i = 0; i < cnt; i++) {
      int32_t p = tempPtr();
      emit(Opcode::ELEMEND, p, res, static_cast<int32_t>(cnt - i), es);
      emit(Opcode::STORE, p, vals[static_cast<size_t>(i)], 0, es);
    }
    return dst;
  }

  int32_t slice(Node* n, int32_t dst) {
    int32_t blk = tempWords(6, {0});
    uint8_t flags = 0;
    int64_t es = 1;
    const types::Type* xt = types::under(n->x->type);
    if (n->op == Op::OSLICESTR) {
      int32_t s = expr(n->x);
      mov(blk, s, 16);
      mov(blk + 16, s + 8, 8);
      flags |= 8;
    } else if (n->op == Op::OSLICEARR || n->op == Op::OSLICE3ARR || xt->kind == Kind::Pointer) {
      const types::Type* at = types::under(xt->elem);
      int32_t p = expr(n->x);
      mov(blk, p, 8);
      movk(blk + 8, at->len, 8);
      movk(blk + 16, at->len, 8);
      es = typeSize(at->elem);
      flags |= 16;
    } else {
      int32_t s = expr(n->x);
      mov(blk, s, 24);
      es = typeSize(xt->elem);
    }
    for (int i = 0; i < 3; i++) {
      Node* e = i < static_cast<int>(n->list.size) ? n->list[static_cast<uint32_t>(i)] : nullptr;
      if (e == nullptr) continue;
      flags |= static_cast<uint8_t>(1 << i);
      int32_t v = indexValue(e);
      mov(blk + 24 + 8 * i, v, 8);
    }
    if (n->op == Op::OSLICE3 || n->op == Op::OSLICE3ARR) flags |= 32;
    emit(Opcode::SLICE, dst, blk, 0, es, flags);
    return dst;
  }

  // ---- closures ----
  struct ClosureLayout {
    std::vector<int64_t> off;
    int64_t size = 8;
    std::vector<int> ptrWords{};
  };
  ClosureLayout closureLayout(const Func* fn) {
    ClosureLayout l;
    for (const Name* cv : fn->closureVars) {
      const types::Type* t = cv->byval ? cv->type : nullptr;
      int64_t sz = cv->byval ? typeSize(t) : 8;
      int64_t al = cv->byval ? typeAlign(t) : 8;
      l.size = alignUp(l.size, al);
      l.off.push_back(l.size);
      if (!cv->byval) {
        l.ptrWords.push_back(static_cast<int>(l.size / 8));
      } else {
        std::vector<uint8_t> bits;
        typePtrMask(t, bits);
        for (size_t i = 0; i < bits.size() * 8; i++)
          if (bits[i / 8] >> (i % 8) & 1) l.ptrWords.push_back(static_cast<int>(l.size / 8 + static_cast<int64_t>(i)));
      }
      l.size += sz;
    }
    l.size = alignUp(l.size, 8);
    return l;
  }

  const types::Type* closureObjType(const Func* fn) {
    // A struct type describing the closure object for mallocgc's pointer bitmap: words typed
    // uintptr or *byte by the layout (Go's closure struct { F uintptr; vars... }).
    ClosureLayout l = closureLayout(fn);
    int64_t words = l.size / 8;
    std::vector<bool> isPtr(static_cast<size_t>(words), false);
    for (int w : l.ptrWords) isPtr[static_cast<size_t>(w)] = true;
    std::string key;
    for (bool p : isPtr) key += p ? 'p' : 'u';
    auto it = b.closureTypes.find(key);
    if (it != b.closureTypes.end()) return it->second;
    Arena* arena = prog.typeArena.get();
    types::Object** fields = static_cast<types::Object**>(arena->allocate(sizeof(types::Object*) * static_cast<size_t>(words), alignof(types::Object*)));
    const types::Type* bytePtr = types::newPointer(*arena, types::byteType());
    for (int64_t i = 0; i < words; i++) {
      auto* o = arena->make<types::Object>();
      o->kind = types::ObjKind::Var;
      o->isField = true;
      o->fieldIndex = static_cast<int32_t>(i);
      o->name = i == 0 ? "F" : "X";
      o->type = isPtr[static_cast<size_t>(i)] ? bytePtr : types::basicType(Kind::Uintptr);
      fields[i] = o;
    }
    types::Type* st = types::newType(*arena, Kind::Struct);
    st->vars = Span<types::Object*>{fields, static_cast<uint32_t>(words)};
    b.closureTypes[key] = st;
    return st;
  }

  int32_t closure(Node* n, int32_t dst) {
    const Func* fn = n->func;
    auto it = b.funcIndex.find(fn);
    if (fn == nullptr || it == b.funcIndex.end()) {
      unsupported(n->pos, "this function literal");
      return dst;
    }
    if (fn->closureVars.empty()) {
      emit(Opcode::FUNCADDR, dst, 0, 0, it->second);
      return dst;
    }
    ClosureLayout l = closureLayout(fn);
    const types::Type* ot = closureObjType(fn);
    int32_t p = tempPtr();
    if (escapes(n)) {
      emit(Opcode::NEW, p, 0, 0, b.typeIndex(ot));
    } else {
      std::vector<int> pw = l.ptrWords;
      int32_t s = tempWords(l.size / 8, pw);
      emit(Opcode::ZERO, s, 0, 0, l.size);
      emit(Opcode::LEA, p, s);
    }
    // word 0: the function's entry pc (via its static closure)
    int32_t pcw = tempInt();
    emit(Opcode::FUNCADDR, pcw, 0, 0, it->second);
    int32_t pcv = tempInt();
    emit(Opcode::LOAD, pcv, pcw, 0, 8);
    emit(Opcode::STORE, p, pcv, 0, 8);
    for (size_t i = 0; i < fn->closureVars.size(); i++) {
      const Name* cv = fn->closureVars[i];
      const Name* outer = cv->outer;
      if (outer == nullptr) continue;
      if (cv->byval) {
        int32_t v = load(refOfName(outer), outer->type, -1);
        emit(Opcode::STORE, p, v, static_cast<int32_t>(l.off[i]), typeSize(outer->type));
      } else {
        Ref r = refOfName(outer);
        int32_t a = addrOf(r);
        emit(Opcode::STORE, p, a, static_cast<int32_t>(l.off[i]), 8);
      }
    }
    mov(dst, p, 8);
    return dst;
  }

  int32_t methodValue(Node* n, int32_t dst);

  // ---- calls ----
  bool planCall(Node* n, CallPlan& plan) {
    Node* fx = n->x;
    while (fx != nullptr && fx->op == Op::OPAREN) fx = fx->x;
    const Func* callee = nullptr;
    if (fx != nullptr && fx->op == Op::ONAME && static_cast<Name*>(fx)->cls == Class::PFUNC) callee = static_cast<Name*>(fx)->fn;
    if (fx != nullptr && fx->op == Op::OMETHEXPR) callee = fx->func;
    plan.sig = fx != nullptr ? fx->type : nullptr;
    if (callee != nullptr) {
      plan.sig = callee->sig;
      if (callee->external) {
        static const std::pair<const char*, LibFn> libs[] = {
            {"fmt.Println", LibFn::Println}, {"fmt.Print", LibFn::Print}, {"fmt.Printf", LibFn::Printf},
            {"fmt.Sprintf", LibFn::Sprintf}, {"fmt.Sprint", LibFn::Sprint}, {"fmt.Sprintln", LibFn::Sprintln}};
        bool found = false;
        for (auto& [name, lf] : libs)
          if (callee->name == name) {
            plan.k = CallPlan::Lib;
            plan.lib = lf;
            found = true;
          }
        // runtime.Gosched, also as the body Go inlines (checkTimeouts(); mcall(gosched_m)).
        if (!found && (callee->name == "time.Sleep" || callee->name == "runtime.Gosched" || callee->name == "runtime.mcall" ||
                       callee->name == "runtime.checkTimeouts")) {
          plan.k = CallPlan::Lib;
          plan.lib = callee->name == "time.Sleep" ? LibFn::Sleep : callee->name == "runtime.checkTimeouts" ? LibFn::Nop : LibFn::Gosched;
          found = true;
          if (callee->name == "runtime.mcall") {
            setPos(n);
            return true;  // its argument (runtime.gosched_m) is not a value the VM needs
          }
        }
        // sync.Mutex and sync.WaitGroup methods (the name is spelled as the lowering or Go's
        // inliner made the call: "(*sync.WaitGroup).Add", "sync.(*WaitGroup).Done", ...).
        if (!found) {
          static const std::pair<const char*, SyncMethod> syncs[] = {
              {"Mutex).Lock", SyncMethod::MutexLock}, {"Mutex).Unlock", SyncMethod::MutexUnlock},
              {"WaitGroup).Add", SyncMethod::WgAdd}, {"WaitGroup).Done", SyncMethod::WgDone},
              {"WaitGroup).Wait", SyncMethod::WgWait}};
          const std::string& nm = callee->name;
          for (auto& [suffix, sm] : syncs) {
            const std::string sfx = suffix;
            if (nm.find("sync.") != std::string::npos && nm.size() >= sfx.size() && nm.compare(nm.size() - sfx.size(), sfx.size(), sfx) == 0) {
              plan.k = CallPlan::Lib;
              plan.lib = LibFn::Sync;
              plan.syncMethod = sm;
              found = true;
            }
          }
        }
        if (!found) {
          unsupported(n->pos, callee->name);
          return false;
        }
      } else {
        auto it = b.funcIndex.find(callee);
        if (it == b.funcIndex.end()) {
          unsupported(n->pos, "a call of " + callee->name);
          return false;
        }
        plan.k = CallPlan::Static;
        plan.func = it->second;
        if (callee->recv != nullptr) plan.recvT = callee->recv->type;
      }
    } else {
      plan.k = CallPlan::Closure;
      plan.sig = fx->type;
      int32_t fv = expr(fx);
      int32_t t = tempPtr();
      mov(t, fv, 8);
      plan.closureSlot = t;
    }
    plan.ddd = n->has(analysis::kIsDDD);
    const types::Type* sig = types::under(plan.sig);
    uint32_t np = sig != nullptr && sig->params != nullptr ? sig->params->vars.size : 0;
    bool variadic = sig != nullptr && sig->variadic;
    uint32_t nfixed = (plan.recvT != nullptr ? 1 : 0) + (variadic ? np - 1 : np);
    if (plan.k == CallPlan::Lib) nfixed = (plan.lib == LibFn::Printf || plan.lib == LibFn::Sprintf || plan.lib == LibFn::Errorf) ? 1 : 0;
    ArgLayout direct;
    bool canDirect = plan.k != CallPlan::Lib;
    if (canDirect) direct = argLayout(plan.recvT, plan.sig);
    for (uint32_t i = 0; i < n->list.size; i++) {
      Node* a = n->list[i];
      bool laterCalls = false;
      for (uint32_t j = i; j < n->list.size && !laterCalls; j++) laterCalls = !isSimple(n->list[j]);
      if (canDirect && !laterCalls && i < nfixed && i < direct.paramOff.size() && canDirect) {
        // No call left to evaluate: compute the argument straight into the outgoing area.
        int32_t dst = kOutTag + static_cast<int32_t>(direct.paramOff[i]);
        expr(a, dst);
        plan.argSlots.push_back(dst);
        plan.argTypes.push_back(a->type);
        continue;
      }
      int32_t v = expr(a);
      bool fresh = a->op != Op::ONAME && a->op != Op::ODOT && a->op != Op::ODEREF && a->op != Op::ODOTPTR && a->op != Op::OINDEX;
      if (fresh) {
        plan.argSlots.push_back(v);
      } else {
        // Copy into a fresh temporary: later arguments may change the variable (f(x, g(&x))).
        int32_t t = temp(a->type);
        mov(t, v, typeSize(a->type));
        plan.argSlots.push_back(t);
      }
      plan.argTypes.push_back(a->type);
    }
    // Pack variadic arguments into a slice for user functions.
    if (plan.k != CallPlan::Lib && variadic && !plan.ddd) {
      const types::Type* st = sig->params->vars[np - 1]->type;
      const types::Type* et = types::under(st)->elem;
      int64_t cnt = static_cast<int64_t>(plan.argSlots.size()) - nfixed;
      int32_t hdr = temp(st);
      if (cnt <= 0) {
        emit(Opcode::ZERO, hdr, 0, 0, 24);
      } else {
        int32_t c = tempInt();
        movk(c, cnt, 8);
        emit(Opcode::MAKESLICE, hdr, c, c, b.typeIndex(et));
        int64_t es = typeSize(et);
        for (int64_t i = 0; i < cnt; i++) {
          int32_t p = tempPtr();
          emit(Opcode::ELEMEND, p, hdr, static_cast<int32_t>(cnt - i), es);
          emit(Opcode::STORE, p, plan.argSlots[nfixed + static_cast<size_t>(i)], 0, es);
        }
      }
      plan.argSlots.resize(nfixed);
      plan.argTypes.resize(nfixed);
      plan.argSlots.push_back(hdr);
      plan.argTypes.push_back(st);
    }
    return true;
  }

  // Evaluating n neither calls nor allocates (so the outgoing-args area and the GC's view of the
  // frame stay valid while it runs).
  static bool isSimple(Node* n) {
    if (n == nullptr) return true;
    switch (n->op) {
      case Op::ONAME: case Op::OLITERAL: case Op::ONIL: case Op::OPAREN: case Op::ODOT: case Op::ODOTPTR:
      case Op::ODEREF: case Op::OINDEX: case Op::OCONV: case Op::OCONVNOP: case Op::ONEG: case Op::ONOT:
      case Op::OBITNOT: case Op::OPLUS: case Op::OLEN: case Op::OCAP: case Op::OEQ: case Op::ONE: case Op::OLT:
      case Op::OLE: case Op::OGT: case Op::OGE: case Op::OANDAND: case Op::OOROR:
        break;
      case Op::OADD: case Op::OSUB: case Op::OMUL: case Op::ODIV: case Op::OMOD: case Op::OAND: case Op::OOR:
      case Op::OXOR: case Op::OANDNOT: case Op::OLSH: case Op::ORSH:
        if (isStringT(n->type)) return false;
        break;
      case Op::OADDR:
        if (n->x == nullptr || n->x->op == Op::OSTRUCTLIT || n->x->op == Op::OARRAYLIT) return false;
        break;
      default:
        return false;
    }
    if (n->init.size > 0) return false;
    return isSimple(n->x) && isSimple(n->y);
  }

  static bool hasCall(Node* n) {
    if (n == nullptr) return false;
    switch (n->op) {
      case Op::OCALLFUNC: case Op::OCALLMETH: case Op::OINLCALL: case Op::OCALLINTER: return true;
      default: break;
    }
    bool found = false;
    analysis::doChildren(n, [&](Node* c) {
      if (hasCall(c)) found = true;
      return found;
    });
    return found;
  }

  // Emits the call; returns the frame slots of the results (copied out of the outgoing area).
  std::vector<int32_t> emitCall(const CallPlan& plan) {
    std::vector<int32_t> res;
    const types::Type* sig = types::under(plan.sig);
    if (plan.k == CallPlan::Lib && plan.lib == LibFn::Sleep) {
      emit(Opcode::SLEEP, plan.argSlots.empty() ? 0 : plan.argSlots[0]);
      return res;
    }
    if (plan.k == CallPlan::Lib && plan.lib == LibFn::Nop) return res;
    if (plan.k == CallPlan::Lib && plan.lib == LibFn::Sync) {
      if (plan.argSlots.empty()) return res;
      int32_t delta = plan.argSlots.size() > 1 ? plan.argSlots[1] : plan.argSlots[0];
      emit(Opcode::SYNCOP, plan.argSlots[0], delta, 0, 0, static_cast<uint8_t>(plan.syncMethod));
      return res;
    }
    if (plan.k == CallPlan::Lib && plan.lib == LibFn::Gosched) {
      emit(Opcode::GOSCHED);
      return res;
    }
    if (plan.k == CallPlan::Lib) {
      bool fmtFirst = plan.lib == LibFn::Printf || plan.lib == LibFn::Sprintf || plan.lib == LibFn::Errorf;
      size_t nargs = plan.argSlots.size();
      int64_t words = 0;
      std::vector<int> pw;
      if (fmtFirst) {
        pw.push_back(0);
        words += 2;
      }
      size_t first = fmtFirst ? 1 : 0;
      int32_t count = 0;
      if (plan.ddd) {
        pw.push_back(static_cast<int>(words));
        words += 3;
        count = -1;
      } else {
        for (size_t i = first; i < nargs; i++) {
          pw.push_back(static_cast<int>(words));
          pw.push_back(static_cast<int>(words + 1));
          words += 2;
          count++;
        }
      }
      int32_t blk = tempWords(std::max<int64_t>(words, 1), pw);
      int32_t off = 0;
      if (fmtFirst) {
        mov(blk, plan.argSlots[0], 16);
        off = 16;
      }
      for (size_t i = first; i < nargs; i++) {
        int64_t sz = typeSize(plan.argTypes[i]);
        mov(blk + off, plan.argSlots[i], sz);
        off += static_cast<int32_t>(sz);
      }
      int32_t rs = tempWords(3, {0, 1, 2});
      emit(Opcode::LIBCALL, rs, blk, count, 0, static_cast<uint8_t>(plan.lib));
      res.push_back(rs);
      if (sig != nullptr && sig->results != nullptr && sig->results->vars.size > 1) res.push_back(rs + 8);
      return res;
    }
    ArgLayout l = argLayout(plan.recvT, plan.sig);
    outMax = std::max(outMax, l.total);
    for (size_t i = 0; i < plan.argSlots.size() && i < l.paramOff.size(); i++)
      mov(kOutTag + static_cast<int32_t>(l.paramOff[i]), plan.argSlots[i], typeSize(l.paramT[i]));
    bool resultPtrs = false;
    for (const types::Type* rt : l.resultT) {
      std::vector<uint8_t> bits;
      if (typePtrMask(rt, bits) > 0) resultPtrs = true;
    }
    // Results with pointers start zeroed: the callee's stack map covers them from its first
    // instruction (a stack move in its prologue must not see stale words).
    if (resultPtrs) emit(Opcode::ZERO, kOutTag + static_cast<int32_t>(l.resultsStart), 0, 0, l.total - l.resultsStart);
    if (plan.k == CallPlan::Static) emit(Opcode::CALL, 0, 0, 0, plan.func);
    else emit(Opcode::CALLCLO, plan.closureSlot);
    for (size_t i = 0; i < l.resultOff.size(); i++) {
      int32_t t = temp(l.resultT[i]);
      mov(t, kOutTag + static_cast<int32_t>(l.resultOff[i]), typeSize(l.resultT[i]));
      res.push_back(t);
    }
    (void)sig;
    return res;
  }

  std::vector<int32_t> call(Node* n) {
    for (Node* s : n->init) stmt(s);
    CallPlan plan;
    if (!planCall(n, plan)) return {};
    setPos(n);
    return emitCall(plan);
  }

  std::vector<int32_t> inlCall(Node* n) {
    for (Node* s : n->init) stmt(s);
    InlNode node;
    node.parent = curInl;
    node.funcName = n->func != nullptr ? (n->func->external ? n->func->name : b.symName(n->func)) : "?";
    node.callPos = n->origPos.valid() ? n->origPos : n->pos;
    fc().inlTree.push_back(node);
    int32_t saved = curInl;
    curInl = static_cast<int32_t>(fc().inlTree.size() - 1);
    for (Node* s : n->body) stmt(s);
    curInl = saved;
    std::vector<int32_t> res;
    for (Node* r : n->rlist) {
      int32_t v = expr(r);
      int32_t t = temp(r->type);
      mov(t, v, typeSize(r->type));
      res.push_back(t);
    }
    return res;
  }

  std::vector<int32_t> multi(Node* n) {
    while (n->op == Op::OPAREN) n = n->x;
    if (n->op == Op::OINLCALL) return inlCall(n);
    if (n->op == Op::OCALLFUNC) return call(n);
    unsupported(n->pos, std::string("multi-value ") + analysis::opName(n->op));
    return {};
  }

  // ---- statements ----
  void assign(Node* lhs, Node* rhs) {
    if (lhs == nullptr) {
      if (rhs != nullptr) expr(rhs);
      return;
    }
    if (lhs->op == Op::ONAME && static_cast<Name*>(lhs)->sym == "_") {
      if (rhs != nullptr) expr(rhs);
      return;
    }
    Ref r = ref(lhs);
    if (rhs == nullptr) {
      int32_t z = temp(lhs->type);
      emit(Opcode::ZERO, z, 0, 0, typeSize(lhs->type));
      store(r, z, lhs->type);
      return;
    }
    if (!r.ind) {
      int32_t dst = static_cast<int32_t>(r.slot + r.off);
      // Evaluate into a temporary when the right side reads the destination in a way that direct
      // evaluation could clobber (composite literals, appends, calls reading it).
      if (rhs->op == Op::OSTRUCTLIT || rhs->op == Op::OARRAYLIT) {
        int32_t t = expr(rhs);
        mov(dst, t, typeSize(lhs->type));
        return;
      }
      expr(rhs, dst);
      return;
    }
    int32_t v = expr(rhs);
    store(r, v, lhs->type);
  }

  void stmts(Span<Node*> list) {
    for (Node* s : list) stmt(s);
  }

  void stmt(Node* n) {
    if (n == nullptr) return;
    Pos saved = curPos;
    setPos(n);
    if (n->op != Op::OINLCALL && n->op != Op::OCALLFUNC)
      for (Node* s : n->init) stmt(s);
    stmtImpl(n);
    curPos = saved;
  }

  LoopTargets* findLoop(std::string_view label, bool forContinue) {
    for (size_t i = loops.size(); i-- > 0;) {
      if (forContinue && loops[i].continueL < 0) continue;
      if (label.empty() || loops[i].label == label) return &loops[i];
    }
    return nullptr;
  }

  int32_t gotoLabel(std::string_view name) {
    auto it = gotoLabels.find(name);
    if (it != gotoLabels.end()) return it->second;
    int32_t l = newLabel();
    gotoLabels.emplace(std::string(name), l);
    return l;
  }

  void ret(Node* n) {
    if (n != nullptr && n->list.size > 0) {
      const std::vector<Name*>& results = ir->results;
      if (n->list.size == 1 && results.size() > 1) {
        std::vector<int32_t> vals = multi(n->list[0]);
        for (size_t i = 0; i < vals.size() && i < results.size(); i++) store(refOfName(results[i]), vals[i], results[i]->type);
      } else if (results.size() == 1) {
        assign(results[0], n->list[0]);
      } else {
        std::vector<int32_t> vals;
        for (Node* e : n->list) {
          int32_t v = expr(e);
          int32_t t = temp(e->type);
          mov(t, v, typeSize(e->type));
          vals.push_back(t);
        }
        for (size_t i = 0; i < vals.size() && i < results.size(); i++) store(refOfName(results[i]), vals[i], results[i]->type);
      }
    }
    epilogue();
  }

  void epilogue() {
    if (hasDefer) emit(Opcode::DEFERRETURN);
    for (auto& [nm, slot] : heapResults) {
      VarLoc l = vars[nm];
      emit(Opcode::LOAD, slot, l.slot, 0, typeSize(nm->type));
    }
    emit(Opcode::RET);
  }

  void stmtImpl(Node* n) {
    switch (n->op) {
      case Op::OBLOCK: stmts(n->list); return;
      case Op::ODCL: {
        const Name* nm = static_cast<const Name*>(n->x);
        if (nm == nullptr) return;
        VarLoc& l = declare(nm);
        if (l.k == VarLoc::HeapPtr) emit(Opcode::NEW, l.slot, 0, 0, b.typeIndex(nm->type));
        else emit(Opcode::ZERO, l.slot, 0, 0, typeSize(nm->type));
        return;
      }
      case Op::OAS: assign(n->x, n->y); return;
      case Op::OASOP: {
        Ref r = ref(n->x);
        int32_t cur = load(r, n->x->type, -1);
        int32_t v = temp(n->x->type);
        Node tmp = *n;
        Node yv{};
        (void)yv;
        // Build x op y with x already loaded.
        NumKind nk = numKindOf(n->x->type);
        if (isStringT(n->x->type) && n->sub == lang::Op::Add) {
          int32_t blk = tempWords(4, {0, 2});
          mov(blk, cur, 16);
          expr(n->y, blk + 16);
          emit(Opcode::STRCAT, v, blk, 2);
        } else {
          Opcode op = Opcode::ADD;
          switch (n->sub) {
            case lang::Op::Sub: op = Opcode::SUB; break;
            case lang::Op::Mul: op = Opcode::MUL; break;
            case lang::Op::Div: op = Opcode::DIV; break;
            case lang::Op::Rem: op = Opcode::MOD; break;
            case lang::Op::And: op = Opcode::AND; break;
            case lang::Op::Or: op = Opcode::OR; break;
            case lang::Op::Xor: op = Opcode::XOR; break;
            case lang::Op::AndNot: op = Opcode::ANDNOT; break;
            case lang::Op::Shl: op = Opcode::SHL; break;
            case lang::Op::Shr: op = Opcode::SHR; break;
            default: break;
          }
          if (op == Opcode::ADD && !isFloatKind(nk) && n->y->op == Op::OLITERAL && (n->y->val != nullptr || !n->y->raw.empty())) {
            emit(Opcode::ADDK, v, cur, 0, constInt(n->y), static_cast<uint8_t>(nk));
          } else if (op == Opcode::SUB && !isFloatKind(nk) && n->y->op == Op::OLITERAL && (n->y->val != nullptr || !n->y->raw.empty())) {
            emit(Opcode::ADDK, v, cur, 0, -constInt(n->y), static_cast<uint8_t>(nk));
          } else {
            int32_t y = n->y->op == Op::OLITERAL && n->y->val == nullptr ? -1 : expr(n->y);
            if (y < 0) {
              y = temp(n->x->type);
              movk(y, constInt(n->y), numKindSize(nk));
            }
            emit(op, v, cur, y, 0, static_cast<uint8_t>(nk), static_cast<uint8_t>(numKindOf(n->y->type)));
          }
        }
        (void)tmp;
        store(r, v, n->x->type);
        return;
      }
      case Op::OAS2: {
        std::vector<int32_t> vals;
        for (Node* e : n->rlist) {
          int32_t v = expr(e);
          int32_t t = temp(e->type);
          mov(t, v, typeSize(e->type));
          vals.push_back(t);
        }
        // Go evaluates the index/pointer operands of the left side first, then assigns left to right.
        std::vector<Ref> refs;
        for (Node* l : n->list) {
          if (l == nullptr || (l->op == Op::ONAME && static_cast<Name*>(l)->sym == "_")) refs.push_back(Ref{false, -1, 0});
          else refs.push_back(ref(l));
        }
        for (size_t i = 0; i < refs.size() && i < vals.size(); i++)
          if (refs[i].slot != -1 || refs[i].ind) store(refs[i], vals[i], n->list[static_cast<uint32_t>(i)]->type);
        return;
      }
      case Op::OAS2FUNC: {
        std::vector<int32_t> vals = multi(n->rlist[0]);
        for (size_t i = 0; i < vals.size() && i < n->list.size; i++) {
          Node* l = n->list[static_cast<uint32_t>(i)];
          if (l == nullptr || (l->op == Op::ONAME && static_cast<Name*>(l)->sym == "_")) continue;
          store(ref(l), vals[i], l->type);
        }
        return;
      }
      case Op::OIF: {
        int32_t elseL = newLabel(), end = newLabel();
        branch(n->x, false, elseL);
        stmts(n->body);
        if (n->rlist.size > 0) jump(Opcode::JMP, end);
        bind(elseL);
        stmts(n->rlist);
        bind(end);
        return;
      }
      case Op::OFOR: {
        int32_t top = newLabel(), cont = newLabel(), brk = newLabel();
        loops.push_back(LoopTargets{n->raw, brk, cont});
        bind(top);
        if (n->x != nullptr) branch(n->x, false, brk);
        loopDepth++;
        stmts(n->body);
        loopDepth--;
        bind(cont);
        if (n->y != nullptr) stmt(n->y);
        jump(Opcode::JMP, top);
        bind(brk);
        loops.pop_back();
        return;
      }
      case Op::ORANGE: rangeStmt(n); return;
      case Op::OSWITCH: switchStmt(n); return;
      case Op::OBREAK: {
        LoopTargets* t = findLoop(n->raw, false);
        if (t != nullptr) jump(Opcode::JMP, t->breakL);
        return;
      }
      case Op::OCONTINUE: {
        LoopTargets* t = findLoop(n->raw, true);
        if (t != nullptr) jump(Opcode::JMP, t->continueL);
        return;
      }
      case Op::OFALL: {
        if (!fallTargets.empty() && fallTargets.back() >= 0) jump(Opcode::JMP, fallTargets.back());
        return;
      }
      case Op::OLABEL: bind(gotoLabel(n->raw)); return;
      case Op::OGOTO: jump(Opcode::JMP, gotoLabel(n->raw)); return;
      case Op::ORETURN: ret(n); return;
      case Op::OCALLFUNC: case Op::OCALLMETH: call(n); return;
      case Op::OINLCALL: inlCall(n); return;
      case Op::OINLMARK: case Op::ODCLCONST: case Op::ODCLTYPE: case Op::ODCLFUNC: return;
      case Op::OPRINT: case Op::OPRINTN: {
        bool ln = n->op == Op::OPRINTN;
        std::vector<std::pair<int32_t, const types::Type*>> vals;
        for (Node* e : n->list) vals.push_back({expr(e), e->type});
        for (size_t i = 0; i < vals.size(); i++) {
          if (ln && i > 0) emit(Opcode::PRINTSP);
          const types::Type* t = vals[i].second;
          if (types::isUntyped(t)) t = types::defaultType(t);
          emit(Opcode::PRINT, vals[i].first, 0, 0, b.typeIndex(t));
        }
        if (ln) emit(Opcode::PRINTNL);
        return;
      }
      case Op::OPANIC: {
        int32_t v = expr(n->x);
        emit(Opcode::PANIC, v);
        return;
      }
      case Op::ODEFER: deferStmt(n); return;
      case Op::OGO: goStmt(n); return;
      case Op::OSEND: {
        int32_t ch = expr(n->x);
        int32_t v = temp(n->y->type);
        expr(n->y, v);
        setPos(n);
        emit(Opcode::CHANSEND, ch, v);
        return;
      }
      case Op::ORECV: chanRecv(n, -1, -1); return;
      case Op::OAS2RECV: {
        Node* rv = n->rlist[0];
        while (rv->op == Op::OPAREN) rv = rv->x;
        int32_t v = temp(rv->type);
        int32_t ok = tempWords(1, {});
        chanRecv(rv, v, ok);
        Node* lv = n->list[0];
        Node* lok = n->list.size > 1 ? n->list[1] : nullptr;
        if (!(lv->op == Op::ONAME && static_cast<Name*>(lv)->sym == "_")) store(ref(lv), v, lv->type);
        if (lok != nullptr && !(lok->op == Op::ONAME && static_cast<Name*>(lok)->sym == "_")) store(ref(lok), ok, lok->type);
        return;
      }
      case Op::OSELECT: selectStmt(n); return;
      case Op::OCLOSE: {
        int32_t ch = expr(n->x);
        setPos(n);
        emit(Opcode::CHANCLOSE, ch);
        return;
      }
      case Op::OCOPY: case Op::OAPPEND: expr(n); return;
      case Op::OCLOSURE: expr(n); return;
      default:
        if (!analysis::isStmtOp(n->op)) {
          expr(n);
          return;
        }
        unsupported(n->pos, std::string("the statement ") + analysis::opName(n->op));
    }
  }

  void rangeStmt(Node* n) {
    loopDepth++;
    rangeStmtImpl(n);
    loopDepth--;
  }
  void rangeStmtImpl(Node* n) {
    const types::Type* xt = types::under(n->x->type);
    Node* key = n->y;
    Node* val = n->z;
    auto isBlank = [](Node* x) { return x == nullptr || (x->op == Op::ONAME && static_cast<Name*>(x)->sym == "_"); };
    int32_t top = newLabel(), cont = newLabel(), brk = newLabel();
    int32_t hv = tempInt();  // index
    int32_t hn = tempInt();  // length
    if (xt->kind == Kind::Pointer) xt = types::under(xt->elem);
    if (xt->kind == Kind::Chan) {
      int32_t ch = temp(n->x->type);
      expr(n->x, ch);
      int32_t v = temp(xt->elem);
      int32_t ok = tempWords(1, {});
      loops.push_back(LoopTargets{n->raw, brk, cont});
      bind(top);
      bind(cont);
      setPos(n);
      emit(Opcode::CHANRECV, v, ch, ok, 0, 1);
      jump(Opcode::JF, brk, ok);
      if (!isBlank(key)) store(ref(key), v, xt->elem);
      stmts(n->body);
      jump(Opcode::JMP, top);
      bind(brk);
      loops.pop_back();
      return;
    }
    if (xt->kind == Kind::Array || xt->kind == Kind::Slice) {
      int32_t base = -1;
      Ref arrRef{};
      bool arrPtr = ukind(n->x->type) == Kind::Pointer;
      if (xt->kind == Kind::Array) {
        movk(hn, xt->len, 8);
        if (!isBlank(val)) {
          if (arrPtr) {
            base = expr(n->x);
          } else {
            // Go ranges over a copy of the array when the value is used.
            int32_t cp = temp(n->x->type);
            expr(n->x, cp);
            int32_t p = tempPtr();
            emit(Opcode::LEA, p, cp);
            base = p;
          }
        } else if (arrPtr) {
          expr(n->x);
        }
      } else {
        int32_t h = temp(n->x->type);
        expr(n->x, h);
        mov(hn, h + 8, 8);
        base = h;
      }
      (void)arrRef;
      movk(hv, 0, 8);
      loops.push_back(LoopTargets{n->raw, brk, cont});
      bind(top);
      jump(Opcode::JCMP, brk, hv, hn, 0, static_cast<uint8_t>(NumKind::I64), static_cast<uint8_t>(Cond::GE));
      if (!isBlank(key)) store(ref(key), hv, types::basicType(Kind::Int));
      if (!isBlank(val)) {
        int64_t es = typeSize(xt->elem);
        int32_t p = tempPtr();
        emit(Opcode::INDEXADDR, p, base, hv, es);
        int32_t v = temp(xt->elem);
        emit(Opcode::LOAD, v, p, 0, es);
        store(ref(val), v, xt->elem);
      }
      stmts(n->body);
      bind(cont);
      emit(Opcode::ADDK, hv, hv, 0, 1, static_cast<uint8_t>(NumKind::I64));
      jump(Opcode::JMP, top);
      bind(brk);
      loops.pop_back();
      return;
    }
    if (isStringT(n->x->type)) {
      int32_t s = temp(n->x->type);
      expr(n->x, s);
      mov(hn, s + 8, 8);
      movk(hv, 0, 8);
      int32_t dec = tempWords(2, {});  // rune, next index
      loops.push_back(LoopTargets{n->raw, brk, cont});
      bind(top);
      jump(Opcode::JCMP, brk, hv, hn, 0, static_cast<uint8_t>(NumKind::I64), static_cast<uint8_t>(Cond::GE));
      emit(Opcode::DECODERUNE, dec, s, hv);
      if (!isBlank(key)) store(ref(key), hv, types::basicType(Kind::Int));
      if (!isBlank(val)) store(ref(val), dec, types::runeType());
      stmts(n->body);
      bind(cont);
      mov(hv, dec + 8, 8);
      jump(Opcode::JMP, top);
      bind(brk);
      loops.pop_back();
      return;
    }
    unsupported(n->pos, "this range loop");
  }

  void switchStmt(Node* n) {
    int32_t tag = -1;
    const types::Type* tagT = nullptr;
    if (n->x != nullptr) {
      tagT = n->x->type;
      if (types::isUntyped(tagT)) tagT = types::defaultType(tagT);
      tag = temp(tagT);
      expr(n->x, tag);
    }
    int32_t end = newLabel();
    std::vector<int32_t> bodies;
    int32_t defaultL = -1;
    for (Node* c : n->list) {
      bodies.push_back(newLabel());
      if (c->list.size == 0) defaultL = bodies.back();
    }
    loops.push_back(LoopTargets{n->raw, end, -1});
    for (size_t i = 0; i < n->list.size; i++) {
      Node* c = n->list[static_cast<uint32_t>(i)];
      for (Node* e : c->list) {
        setPos(e);
        if (tag < 0) {
          branch(e, true, bodies[i]);
        } else {
          int32_t v = expr(e);
          int32_t eq = tempWords(1, {});
          equal(tag, v, tagT, eq);
          jump(Opcode::JT, bodies[i], eq);
        }
      }
    }
    jump(Opcode::JMP, defaultL >= 0 ? defaultL : end);
    for (size_t i = 0; i < n->list.size; i++) {
      Node* c = n->list[static_cast<uint32_t>(i)];
      bind(bodies[i]);
      fallTargets.push_back(i + 1 < bodies.size() ? bodies[i + 1] : -1);
      stmts(c->body);
      fallTargets.pop_back();
      bool falls = c->body.size > 0 && c->body[c->body.size - 1] != nullptr && c->body[c->body.size - 1]->op == Op::OFALL;
      if (!falls) jump(Opcode::JMP, end);
    }
    bind(end);
    loops.pop_back();
  }

  void deferStmt(Node* n);
  void goStmt(Node* n);
  int32_t makeThunk(const CallPlan& plan, const std::vector<int64_t>& offs, int64_t bias, const std::string& name);

  const types::Type* makeStruct(const std::vector<const types::Type*>& fieldTypes) {
    Arena* arena = prog.typeArena.get();
    auto** fields = static_cast<types::Object**>(arena->allocate(sizeof(types::Object*) * fieldTypes.size(), alignof(types::Object*)));
    for (size_t i = 0; i < fieldTypes.size(); i++) {
      auto* o = arena->make<types::Object>();
      o->kind = types::ObjKind::Var;
      o->isField = true;
      o->fieldIndex = static_cast<int32_t>(i);
      o->name = "X";
      o->type = fieldTypes[i];
      fields[i] = o;
    }
    types::Type* st = types::newType(*arena, Kind::Struct);
    st->vars = Span<types::Object*>{fields, static_cast<uint32_t>(fieldTypes.size())};
    return st;
  }

  // ---- channels ----
  int32_t chanRecv(Node* recv, int32_t dst, int32_t okSlot) {
    int32_t ch = expr(recv->x);
    dst = dstOr(dst, recv->type);
    setPos(recv);
    if (okSlot >= 0) emit(Opcode::CHANRECV, dst, ch, okSlot, 0, 1);
    else emit(Opcode::CHANRECV, dst, ch, 0, 0, 0);
    return dst;
  }

  void selectStmt(Node* n) {
    // Case descriptors: {chan, elem address, isSend} words; values to send are evaluated first, in
    // source order, as select.go's caller (walkSelectCases) does.
    size_t nc = 0;
    int32_t defaultIdx = -1;
    for (uint32_t ci = 0; ci < n->list.size; ci++) {
      if (n->list[ci]->y == nullptr) defaultIdx = static_cast<int32_t>(ci);
      else nc++;
    }
    std::vector<int> pw;
    for (size_t i = 0; i < nc; i++) {
      pw.push_back(static_cast<int>(3 * i));
      pw.push_back(static_cast<int>(3 * i + 1));
    }
    int32_t blk = tempWords(static_cast<int64_t>(std::max<size_t>(nc, 1) * 3), pw);
    std::vector<int32_t> caseOf;      // descriptor index -> clause index
    std::vector<int32_t> recvSlot;    // per clause: received value slot (-1)
    size_t di = 0;
    for (uint32_t ci = 0; ci < n->list.size; ci++) {
      Node* c = n->list[ci];
      recvSlot.push_back(-1);
      if (c->y == nullptr) continue;
      for (Node* s : c->y->init) stmt(s);
      int32_t d = blk + static_cast<int32_t>(24 * di);
      if (c->y->op == Op::OSEND) {
        int32_t ch = expr(c->y->x);
        int32_t v = temp(c->y->y->type);
        expr(c->y->y, v);
        mov(d, ch, 8);
        int32_t a = tempPtr();
        emit(Opcode::LEA, a, v);
        mov(d + 8, a, 8);
        movk(d + 16, 1, 8);
      } else {
        Node* rv = c->y->op == Op::OSELRECV2 ? c->y->rlist[0] : c->y;
        while (rv != nullptr && rv->op != Op::ORECV && rv->x != nullptr) rv = rv->x;
        if (rv == nullptr || rv->op != Op::ORECV) {
          unsupported(c->pos, "this select case");
          return;
        }
        int32_t ch = expr(rv->x);
        int32_t v = temp(rv->type);
        recvSlot.back() = v;
        mov(d, ch, 8);
        int32_t a = tempPtr();
        emit(Opcode::LEA, a, v);
        mov(d + 8, a, 8);
        movk(d + 16, 0, 8);
      }
      caseOf.push_back(static_cast<int32_t>(ci));
      di++;
    }
    int32_t res = tempWords(2, {});
    emit(Opcode::SELECT, res, blk, static_cast<int32_t>(nc), 0, defaultIdx >= 0 ? 1 : 0);
    int32_t end = newLabel();
    loops.push_back(LoopTargets{n->raw, end, -1});
    std::vector<int32_t> bodies;
    for (uint32_t ci = 0; ci < n->list.size; ci++) bodies.push_back(newLabel());
    for (size_t i = 0; i < caseOf.size(); i++)
      jump(Opcode::JCMPK, bodies[static_cast<size_t>(caseOf[i])], res, 0, static_cast<int32_t>(i), static_cast<uint8_t>(NumKind::I64),
           static_cast<uint8_t>(Cond::EQ));
    if (defaultIdx >= 0) jump(Opcode::JMP, bodies[static_cast<size_t>(defaultIdx)]);
    else jump(Opcode::JMP, end);
    for (uint32_t ci = 0; ci < n->list.size; ci++) {
      Node* c = n->list[ci];
      bind(bodies[ci]);
      if (c->y != nullptr && c->y->op == Op::OSELRECV2) {
        Node* lv = c->y->list.size > 0 ? c->y->list[0] : nullptr;
        Node* lok = c->y->list.size > 1 ? c->y->list[1] : nullptr;
        auto isBlank = [](Node* x) { return x == nullptr || (x->op == Op::ONAME && static_cast<Name*>(x)->sym == "_"); };
        if (!isBlank(lv)) store(ref(lv), recvSlot[ci], lv->type);
        if (!isBlank(lok)) store(ref(lok), res + 8, lok->type);
      }
      stmts(c->body);
      jump(Opcode::JMP, end);
    }
    bind(end);
    loops.pop_back();
  }

  // ---- function body ----
  void genBody();
  void finish();
};

// ---- defer ---------------------------------------------------------------------------------------------
// A _defer record lives in the frame (Go 1.13+ deferprocStack): [0] fn (func value), [8] link,
// [16] sp, [24] thunk pc (when fn points at it), [32...] the evaluated arguments. A call with
// arguments (or a library call) is deferred through a thunk: a small function whose closure object
// is the record itself (word 24 holds its pc), which loads the saved values and makes the call, as
// Go 1.18+ wraps `defer f(x)` into `x1 := x; defer func() { f(x1) }()`.
inline constexpr int32_t kDeferHeader = 32;

// A wrapper function (Go's go/defer wrappers) whose closure context points at the saved callee and
// arguments: values at ctxt + offs[i] - bias. It makes the call and returns; tracebacks hide it.
int32_t FnGen::makeThunk(const CallPlan& plan, const std::vector<int64_t>& offs, int64_t bias, const std::string& name) {
  int32_t ti = b.newFunc(name, curPos, nullptr);
  b.prog.funcs[static_cast<size_t>(ti)].isWrapper = true;
  CallPlan tplan = plan;
  Pos pos = curPos;
  std::vector<int64_t> toffs = offs;
  Builder* bp = &b;
  b.pending.push_back([bp, ti, tplan, toffs, pos, bias]() mutable {
    FnGen g(*bp, ti, nullptr);
    g.curPos = pos;
    g.ctxtSlot = g.tempPtr();
    g.fc().slots.back().name = "&closure";
    g.fc().slots.back().kind = FrameSlot::Closure;
    g.fc().entry = static_cast<uint32_t>(g.prog.code.size());
    g.abi = ArgLayout{};
    size_t k = 0;
    CallPlan p = tplan;
    if (p.k == CallPlan::Closure) {
      int32_t t = g.tempPtr();
      g.emit(Opcode::LOAD, t, g.ctxtSlot, static_cast<int32_t>(toffs[k++] - bias), 8);
      p.closureSlot = t;
    }
    for (size_t i = 0; i < p.argSlots.size(); i++) {
      int32_t t = g.temp(p.argTypes[i]);
      g.emit(Opcode::LOAD, t, g.ctxtSlot, static_cast<int32_t>(toffs[k++] - bias), typeSize(p.argTypes[i]));
      p.argSlots[i] = t;
    }
    g.emitCall(p);
    g.emit(Opcode::RET);
    g.finish();
  });
  return ti;
}

// `go f(args)`: Go 1.18+ wraps it into `go func() { f(args1) }()` with the values captured in a heap
// closure object; newproc starts the wrapper on a new 2 KiB stack.
void FnGen::goStmt(Node* n) {
  Node* c = n->x;
  while (c != nullptr && c->op == Op::OPAREN) c = c->x;
  if (c == nullptr || (c->op != Op::OCALLFUNC && c->op != Op::OCALLMETH)) {
    unsupported(n->pos, "go of a builtin or inlined call");
    return;
  }
  for (Node* s : c->init) stmt(s);
  CallPlan plan;
  if (!planCall(c, plan)) return;
  setPos(n);
  if (plan.argSlots.empty() && plan.k == CallPlan::Static) {
    int32_t fv = tempPtr();
    emit(Opcode::FUNCADDR, fv, 0, 0, plan.func);
    emit(Opcode::GO, fv);
    return;
  }
  if (plan.argSlots.empty() && plan.k == CallPlan::Closure) {
    emit(Opcode::GO, plan.closureSlot);
    return;
  }
  std::vector<const types::Type*> fields{types::basicType(Kind::Uintptr)};
  if (plan.k == CallPlan::Closure) fields.push_back(plan.sig);
  for (const types::Type* t : plan.argTypes) fields.push_back(t);
  const types::Type* st = makeStruct(fields);
  std::vector<int64_t> offs;
  for (size_t i = 1; i < fields.size(); i++) offs.push_back(fieldOffset(st, static_cast<int>(i)));
  int32_t obj = tempPtr();
  emit(Opcode::NEW, obj, 0, 0, b.typeIndex(st));
  size_t oi = 0;
  if (plan.k == CallPlan::Closure) emit(Opcode::STORE, obj, plan.closureSlot, static_cast<int32_t>(offs[oi++]), 8);
  for (size_t i = 0; i < plan.argSlots.size(); i++)
    emit(Opcode::STORE, obj, plan.argSlots[i], static_cast<int32_t>(offs[oi++]), typeSize(plan.argTypes[i]));
  int32_t ti = makeThunk(plan, offs, 0, fc().name + ".gowrap" + std::to_string(++deferCount()));
  int32_t pcw = tempInt();
  emit(Opcode::FUNCADDR, pcw, 0, 0, ti);
  int32_t pcv = tempInt();
  emit(Opcode::LOAD, pcv, pcw, 0, 8);
  emit(Opcode::STORE, obj, pcv, 0, 8);
  emit(Opcode::GO, obj);
}

void FnGen::deferStmt(Node* n) {
  hasDefer = true;
  Node* c = n->x;
  while (c != nullptr && c->op == Op::OPAREN) c = c->x;
  if (c == nullptr || (c->op != Op::OCALLFUNC && c->op != Op::OCALLMETH)) {
    unsupported(n->pos, "defer of a builtin or inlined call");
    return;
  }
  for (Node* s : c->init) stmt(s);
  CallPlan plan;
  if (!planCall(c, plan)) return;
  bool direct = plan.argSlots.empty() && plan.k != CallPlan::Lib;
  // Layout of the captured values.
  std::vector<int64_t> offs;
  std::vector<int> pw{0, 1, 2};
  int64_t size = kDeferHeader;
  auto capture = [&](const types::Type* t) {
    size = alignUp(size, std::max<int64_t>(typeAlign(t), 1));
    offs.push_back(size);
    std::vector<uint8_t> bits;
    typePtrMask(t, bits);
    for (size_t i = 0; i < bits.size() * 8; i++)
      if (bits[i / 8] >> (i % 8) & 1) pw.push_back(static_cast<int>(size / 8 + static_cast<int64_t>(i)));
    size += typeSize(t);
  };
  if (!direct) {
    if (plan.k == CallPlan::Closure) capture(plan.sig);  // the func value
    for (const types::Type* t : plan.argTypes) capture(t);
  }
  size = alignUp(size, 8);
  std::sort(pw.begin(), pw.end());
  pw.erase(std::unique(pw.begin(), pw.end()), pw.end());
  uint8_t heapFlag = 0;
  int32_t rec;
  if (loopDepth > 0) {
    // A defer in a loop may run many times per frame: Go allocates its record on the heap
    // (deferproc, panic.go:261) instead of the frame (deferprocStack). frame[rec] holds its address.
    // The record's type for mallocgc: one word per field, unsafe.Pointer where the record holds a pointer.
    std::vector<bool> isPtr(static_cast<size_t>(size / 8), false);
    for (int w : pw) isPtr[static_cast<size_t>(w)] = true;
    std::vector<const types::Type*> words;
    for (bool p : isPtr) words.push_back(p ? types::basicType(Kind::UnsafePointer) : types::basicType(Kind::Uintptr));
    const types::Type* st = makeStruct(words);
    rec = tempPtr();
    emit(Opcode::NEW, rec, 0, 0, b.typeIndex(st));
    heapFlag = 4;
  } else {
    rec = tempWords(size / 8, pw);
    fc().slots.back().kind = FrameSlot::Defer;
    fc().slots.back().name = "_defer";
    emit(Opcode::ZERO, rec, 0, 0, size);
  }
  auto put = [&](int64_t off, int32_t src, int64_t sz) {
    if (heapFlag) emit(Opcode::STORE, rec, src, static_cast<int32_t>(off), sz);
    else mov(rec + static_cast<int32_t>(off), src, sz);
  };
  if (direct) {
    if (plan.k == CallPlan::Static) emit(Opcode::DEFER, rec, 0, 0, plan.func, static_cast<uint8_t>(0 | heapFlag));
    else emit(Opcode::DEFERCLO, rec, plan.closureSlot, 0, 0, static_cast<uint8_t>(1 | heapFlag));
    return;
  }
  size_t oi = 0;
  if (plan.k == CallPlan::Closure) put(offs[oi++], plan.closureSlot, 8);
  for (size_t i = 0; i < plan.argSlots.size(); i++) put(offs[oi++], plan.argSlots[i], typeSize(plan.argTypes[i]));
  int32_t ti = makeThunk(plan, offs, 24, fc().name + ".deferwrap" + std::to_string(++deferCount()));
  emit(Opcode::DEFER, rec, 0, 0, ti, static_cast<uint8_t>(2 | heapFlag));
}

// ---- method values ---------------------------------------------------------------------------------------
// x.M as a value: a closure {wrapper pc, receiver} whose wrapper (Go's "T.M-fm") calls the method
// with the saved receiver.
int32_t FnGen::methodValue(Node* n, int32_t dst) {
  const Func* m = n->func;
  if (m == nullptr || m->external || b.funcIndex.count(m) == 0 || m->recv == nullptr) {
    unsupported(n->pos, "this method value");
    return dst;
  }
  const types::Type* rt = m->recv->type;
  std::string wname = b.symName(m) + "-fm";
  int32_t wi;
  auto it = b.methodWrappers.find(wname);
  int64_t roff = alignUp(8, std::max<int64_t>(typeAlign(rt), 1));
  if (it != b.methodWrappers.end()) {
    wi = it->second;
  } else {
    wi = b.newFunc(wname, m->pos, nullptr);
    b.methodWrappers[wname] = wi;
    int32_t target = b.funcIndex[m];
    const types::Type* sig = m->sig;
    Builder* bp = &b;
    Pos pos = n->origPos;
    b.pending.push_back([bp, wi, target, sig, rt, roff, pos]() {
      FnGen g(*bp, wi, nullptr);
      g.curPos = pos;
      g.ctxtSlot = g.tempPtr();
      g.fc().slots.back().name = "&closure";
      g.fc().entry = static_cast<uint32_t>(g.prog.code.size());
      ArgLayout own = argLayout(nullptr, sig);
      ArgLayout callee = argLayout(rt, sig);
      g.abi = own;
      g.fc().argsSize = static_cast<int32_t>(own.paramsEnd);
      g.fc().resultsSize = static_cast<int32_t>(own.total - own.resultsStart);
      g.outMax = callee.total;
      int32_t r = g.temp(rt);
      g.emit(Opcode::LOAD, r, g.ctxtSlot, static_cast<int32_t>(roff), typeSize(rt));
      g.mov(kOutTag + static_cast<int32_t>(callee.paramOff[0]), r, typeSize(rt));
      for (size_t i = 0; i < own.paramOff.size(); i++)
        g.mov(kOutTag + static_cast<int32_t>(callee.paramOff[i + 1]), kArgTag + static_cast<int32_t>(own.paramOff[i]), typeSize(own.paramT[i]));
      g.emit(Opcode::CALL, 0, 0, 0, target);
      for (size_t i = 0; i < own.resultOff.size(); i++)
        g.mov(kArgTag + static_cast<int32_t>(own.resultOff[i]), kOutTag + static_cast<int32_t>(callee.resultOff[i]), typeSize(own.resultT[i]));
      g.emit(Opcode::RET);
      g.finish();
    });
  }
  // The closure object: {pc, receiver}.
  int64_t size = alignUp(roff + typeSize(rt), 8);
  std::vector<uint8_t> bits;
  typePtrMask(rt, bits);
  std::vector<int> pw;
  for (size_t i = 0; i < bits.size() * 8; i++)
    if (bits[i / 8] >> (i % 8) & 1) pw.push_back(static_cast<int>(roff / 8 + static_cast<int64_t>(i)));
  int32_t recv = expr(n->x);
  int32_t p = tempPtr();
  if (escapes(n)) {
    // A struct type for the object so mallocgc gets the pointer bitmap.
    Arena* arena = prog.typeArena.get();
    types::Object** fields = static_cast<types::Object**>(arena->allocate(sizeof(types::Object*) * 2, alignof(types::Object*)));
    for (int i = 0; i < 2; i++) {
      auto* o = arena->make<types::Object>();
      o->kind = types::ObjKind::Var;
      o->isField = true;
      o->fieldIndex = i;
      o->name = i == 0 ? "F" : "R";
      o->type = i == 0 ? types::basicType(Kind::Uintptr) : rt;
      fields[i] = o;
    }
    types::Type* st = types::newType(*arena, Kind::Struct);
    st->vars = Span<types::Object*>{fields, 2};
    emit(Opcode::NEW, p, 0, 0, b.typeIndex(st));
  } else {
    int32_t s = tempWords(size / 8, pw);
    emit(Opcode::ZERO, s, 0, 0, size);
    emit(Opcode::LEA, p, s);
  }
  int32_t pcw = tempInt();
  emit(Opcode::FUNCADDR, pcw, 0, 0, wi);
  int32_t pcv = tempInt();
  emit(Opcode::LOAD, pcv, pcw, 0, 8);
  emit(Opcode::STORE, p, pcv, 0, 8);
  emit(Opcode::STORE, p, recv, static_cast<int32_t>(roff), typeSize(rt));
  mov(dst, p, 8);
  return dst;
}

// ---- function body and frame ------------------------------------------------------------------------------

void FnGen::genBody() {
  FuncCode& f = fc();
  f.entry = static_cast<uint32_t>(prog.code.size());
  curPos = ir->pos;
  abi = argLayout(ir->recv != nullptr ? ir->recv->type : nullptr, ir->sig);
  f.argsSize = static_cast<int32_t>(abi.paramsEnd);
  f.resultsSize = static_cast<int32_t>(abi.total - abi.resultsStart);
  if (!ir->closureVars.empty()) {
    ctxtSlot = tempPtr();
    fc().slots.back().name = "&closure";
    fc().slots.back().kind = FrameSlot::Closure;
    int64_t off = 8;
    ClosureLayout l = closureLayout(ir);
    for (size_t i = 0; i < ir->closureVars.size(); i++) {
      const Name* cv = ir->closureVars[i];
      VarLoc loc;
      loc.k = cv->byval ? VarLoc::ClosureByVal : VarLoc::ClosureByRef;
      loc.off = l.off[i];
      vars[cv] = loc;
    }
    (void)off;
  }
  // Parameters and results.
  std::vector<const Name*> params;
  if (ir->recv != nullptr) params.push_back(ir->recv);
  for (const Name* p : ir->params) params.push_back(p);
  for (size_t i = 0; i < params.size(); i++) {
    const Name* p = params[i];
    int32_t slot = kArgTag + static_cast<int32_t>(abi.paramOff[i]);
    FrameSlot s;
    s.name = std::string(p->sym);
    s.offset = slot;
    s.size = static_cast<int32_t>(typeSize(p->type));
    s.type = p->type;
    s.kind = FrameSlot::Param;
    fc().slots.push_back(s);
    if (escapes(p) && p->sym != "_" && p->sym.substr(0, 2) != "~p") {
      VarLoc& l = declare(p);
      emit(Opcode::NEW, l.slot, 0, 0, b.typeIndex(p->type));
      emit(Opcode::STORE, l.slot, slot, 0, typeSize(p->type));
    } else {
      vars[p] = VarLoc{VarLoc::Stack, slot, 0, 0};
    }
  }
  for (size_t i = 0; i < ir->results.size(); i++) {
    const Name* r = ir->results[i];
    int32_t slot = kArgTag + static_cast<int32_t>(abi.resultOff[i]);
    FrameSlot s;
    s.name = std::string(r->sym);
    s.offset = slot;
    s.size = static_cast<int32_t>(typeSize(r->type));
    s.type = r->type;
    s.kind = FrameSlot::Result;
    fc().slots.push_back(s);
    if (escapes(r)) {
      VarLoc& l = declare(r);
      emit(Opcode::NEW, l.slot, 0, 0, b.typeIndex(r->type));
      heapResults.push_back({r, slot});
    } else {
      vars[r] = VarLoc{VarLoc::Stack, slot, 0, 0};
      // A named result is a variable: zero at entry (the caller's area holds stale words). Unnamed
      // results are always written by the return statement before anyone can read them.
      if (!(r->sym.size() > 1 && r->sym[0] == '~')) emit(Opcode::ZERO, slot, 0, 0, typeSize(r->type));
    }
  }
  stmts(ir->body);
  if (ir->endPos.valid()) curPos = ir->endPos;
  epilogue();
  finish();
}

void FnGen::finish() {
  FuncCode& f = fc();
  f.end = static_cast<uint32_t>(prog.code.size());
  int64_t frame = alignUp(outMax + alignUp(localsSize, 8), 8);
  f.frameSize = static_cast<int32_t>(frame);
  f.outArgsSize = static_cast<int32_t>(outMax);
  f.ctxtSlot = ctxtSlot < 0 ? -1 : static_cast<int32_t>(outMax) + ctxtSlot;
  auto fix = [&](int32_t v) -> int32_t {
    if (v >= kOutTag) return v - kOutTag;
    if (v >= kArgTag) return v - kArgTag + static_cast<int32_t>(frame) + 16;
    return v + static_cast<int32_t>(outMax);
  };
  for (uint32_t i = f.entry; i < f.end; i++) {
    Instr& in = prog.code[i];
    const char* shape = opcodeShape(in.op);
    if (shape[0] == 'd' || shape[0] == 's') in.a = fix(in.a);
    if (shape[1] == 'd' || shape[1] == 's') in.b = fix(in.b);
    if (shape[2] == 'd' || shape[2] == 's') in.c = fix(in.c);
    if (shape[3] == 't') in.imm = 0;
  }
  for (auto& [idx, label] : jumpFixups) prog.code[idx].imm = labelPos[static_cast<size_t>(label)];
  for (FrameSlot& s : f.slots) s.offset = fix(s.offset);
  // Pointer maps.
  f.localsPtrMask.assign(static_cast<size_t>((frame / 8 + 7) / 8), 0);
  for (const SlotPtrs& sp : ptrSlots) {
    int64_t base = (sp.voff + outMax) / 8;
    for (size_t i = 0; i < sp.bits.size() * 8; i++)
      if (sp.bits[i / 8] >> (i % 8) & 1) {
        int64_t w = base + static_cast<int64_t>(i);
        f.localsPtrMask[static_cast<size_t>(w / 8)] |= static_cast<uint8_t>(1u << (w % 8));
      }
  }
  f.argsPtrMask.assign(static_cast<size_t>((abi.total / 8 + 7) / 8 + 1), 0);
  auto markArgs = [&](const std::vector<int64_t>& offs, const std::vector<const types::Type*>& ts) {
    for (size_t i = 0; i < offs.size(); i++) {
      std::vector<uint8_t> bits;
      typePtrMask(ts[i], bits);
      for (size_t j = 0; j < bits.size() * 8; j++)
        if (bits[j / 8] >> (j % 8) & 1) {
          int64_t w = offs[i] / 8 + static_cast<int64_t>(j);
          f.argsPtrMask[static_cast<size_t>(w / 8)] |= static_cast<uint8_t>(1u << (w % 8));
        }
    }
  };
  markArgs(abi.paramOff, abi.paramT);
  markArgs(abi.resultOff, abi.resultT);
  // obj6.go: a leaf function with a small frame needs no stack check (it is NOSPLIT).
  bool leaf = true;
  for (uint32_t i = f.entry; i < f.end; i++) {
    Opcode op = prog.code[i].op;
    if (op == Opcode::CALL || op == Opcode::CALLCLO || op == Opcode::DEFERRETURN || op == Opcode::LIBCALL) leaf = false;
  }
  // obj6.go (preprocess): a leaf whose frame is under StackSmall (128) is marked NOSPLIT: it can use
  // the StackSmall bytes the guard leaves below stackguard0 without a check.
  f.nosplit = leaf && frame < 128;
}

// ---- compileProgram ---------------------------------------------------------------------------------------

CompileResult compileProgram(analysis::Package& pkg, const CompileOptions& opts) {
  CompileResult res;
  auto prog = std::make_unique<Program>();
  prog->fileName = opts.traceName;
  prog->rodataLo = opts.rodataLo;
  prog->globalsLo = opts.dataLo;
  deferCountStorage() = 0;
  Builder b(pkg, opts, *prog);
  // Runtime functions first: runtime.goexit (the fake return address of every goroutine),
  // runtime.main, runtime.gopanic.
  int32_t goexit = b.newFunc("runtime.goexit", Pos{}, nullptr);
  int32_t rtmain = b.newFunc("runtime.main", Pos{}, nullptr);
  int32_t gopanic = b.newFunc("runtime.gopanic", Pos{}, nullptr);
  int32_t lessstack = b.newFunc("runtime.lessstack", Pos{}, nullptr);
  prog->lessstackFunc = lessstack;
  prog->goexitFunc = goexit;
  prog->gopanicFunc = gopanic;
  prog->initFunc = rtmain;
  std::vector<Func*> bodies;
  for (Func& f : pkg.funcs) {
    if (f.external || !f.hasBody || &f == pkg.initFunc) continue;
    int32_t fi = b.newFunc(b.symName(&f), f.pos, &f);
    // Escape analysis wraps go/defer calls in hidden closures (escape/call.go:234); Go marks them
    // as wrappers and tracebacks elide them.
    if (f.internal && f.hiddenClosure) prog->funcs[static_cast<size_t>(fi)].isWrapper = true;
    bodies.push_back(&f);
  }
  int32_t initIdx = -1;
  if (pkg.initFunc != nullptr) initIdx = b.newFunc("main.init", Pos{}, pkg.initFunc);
  const Func* mainFn = nullptr;
  for (Func* f : pkg.decls)
    if (f->name == "main" && !f->isMethod) mainFn = f;
  if (mainFn == nullptr) {
    res.diags.push_back(Diagnostic{opts.displayName, Pos{}, "function main is undeclared in the main package"});
    return res;
  }
  prog->mainFunc = b.funcIndex[mainFn];
  auto synth = [&](int32_t idx, std::initializer_list<Instr> code, int32_t frame, bool runtime) {
    FuncCode& f = prog->funcs[static_cast<size_t>(idx)];
    f.entry = static_cast<uint32_t>(prog->code.size());
    for (const Instr& in : code) {
      prog->code.push_back(in);
      prog->pcline.push_back(PcLine{0, -1});
    }
    f.end = static_cast<uint32_t>(prog->code.size());
    f.frameSize = frame;
    f.isRuntime = runtime;
    f.nosplit = true;
    f.file = "/usr/lib/go-1.19/src/runtime/proc.go";
    f.localsPtrMask.assign(static_cast<size_t>((frame / 8 + 7) / 8 + 1), 0);
    f.argsPtrMask.assign(1, 0);
  };
  // goexit: one instruction (NOP) so that goexit+1 is a valid "return address" into it, then GOEXIT.
  synth(goexit, {Instr{Opcode::NOP, 0, 0, 0, 0, 0, 0}, Instr{Opcode::GOEXIT, 0, 0, 0, 0, 0, 0}}, 0, true);
  prog->funcs[static_cast<size_t>(goexit)].file = "/usr/lib/go-1.19/src/runtime/asm_amd64.s";
  {
    std::vector<Instr> code;
    if (initIdx >= 0) code.push_back(Instr{Opcode::CALL, 0, 0, 0, 0, 0, initIdx});
    code.push_back(Instr{Opcode::CALL, 0, 0, 0, 0, 0, prog->mainFunc});
    code.push_back(Instr{Opcode::RET, 0, 0, 0, 0, 0, 0});
    FuncCode& f = prog->funcs[static_cast<size_t>(rtmain)];
    f.entry = static_cast<uint32_t>(prog->code.size());
    for (const Instr& in : code) {
      prog->code.push_back(in);
      prog->pcline.push_back(PcLine{250, -1});  // proc.go:250: fn := main_main; fn()
    }
    f.end = static_cast<uint32_t>(prog->code.size());
    f.frameSize = 8;
    f.isRuntime = true;
    f.file = "/usr/lib/go-1.19/src/runtime/proc.go";
    f.localsPtrMask.assign(1, 0);
    f.argsPtrMask.assign(1, 0);
  }
  // gopanic: entered by PANIC (the panicking frame's pc+1 is its return address); PANICCONT runs the
  // deferred calls one by one (each returns to PANICCONT) and finally prints and exits.
  synth(gopanic, {Instr{Opcode::NOP, 0, 0, 0, 0, 0, 0}, Instr{Opcode::PANICCONT, 0, 0, 0, 0, 0, 0}}, 16, true);
  prog->funcs[static_cast<size_t>(gopanic)].file = "/usr/lib/go-1.19/src/runtime/panic.go";
  for (size_t i = prog->pcline.size() - 2; i < prog->pcline.size(); i++) prog->pcline[i].line = 884;  // panic.go:884
  synth(lessstack, {Instr{Opcode::LESSSTACK, 0, 0, 0, 0, 0, 0}}, 0, true);
  prog->funcs[static_cast<size_t>(lessstack)].file = "/usr/lib/go-1.19/src/runtime/asm_amd64.s";
  // User functions.
  for (Func* f : bodies) {
    FnGen g(b, b.funcIndex[f], f);
    g.genBody();
  }
  if (initIdx >= 0) {
    FnGen g(b, initIdx, pkg.initFunc);
    g.assumeEscapes = true;
    g.genBody();
  }
  while (!b.pending.empty()) {
    auto fnc = std::move(b.pending.front());
    b.pending.erase(b.pending.begin());
    fnc();
  }
  // Index tables.
  prog->funcOfInstr.assign(prog->code.size(), 0);
  for (size_t i = 0; i < prog->funcs.size(); i++)
    for (uint32_t pc = prog->funcs[i].entry; pc < prog->funcs[i].end; pc++) prog->funcOfInstr[pc] = static_cast<uint32_t>(i);
  // rodata: type descriptors (size, ptrdata words) and static closures (entry pc).
  if (prog->rodata.size() < kStringsStart) prog->rodata.resize(kStringsStart, 0);
  if (prog->types.size() * kTypeDescSize > kTypeDescRegion || prog->funcs.size() * 8 > kClosureRegion ||
      prog->rodata.size() > opts.rodataSize || prog->globalsSize > opts.dataSize) {
    res.diags.push_back(Diagnostic{opts.displayName, Pos{}, "gofast cannot run a program this large yet"});
    return res;
  }
  for (size_t i = 0; i < prog->types.size(); i++) {
    uint64_t w[2] = {static_cast<uint64_t>(prog->types[i].size), static_cast<uint64_t>(prog->types[i].ptrdata)};
    std::memcpy(prog->rodata.data() + i * kTypeDescSize, w, sizeof w);
  }
  for (size_t i = 0; i < prog->funcs.size(); i++) {
    uint64_t pc = prog->pcOf(prog->funcs[i].entry);
    std::memcpy(prog->rodata.data() + kTypeDescRegion + i * 8, &pc, 8);
  }
  res.diags = std::move(b.diags);
  std::stable_sort(res.diags.begin(), res.diags.end(), [](const Diagnostic& x, const Diagnostic& y) { return x.pos < y.pos; });
  if (res.diags.empty()) res.program = std::move(prog);
  return res;
}

int32_t Program::typeIndexOf(uint64_t descAddr) const {
  if (descAddr < rodataLo) return -1;
  uint64_t i = (descAddr - rodataLo) / kTypeDescSize;
  if ((descAddr - rodataLo) % kTypeDescSize != 0 || i >= types.size()) return -1;
  return static_cast<int32_t>(i);
}

}  // namespace gofast::compile
