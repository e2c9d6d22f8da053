// Program: the bytecode the VM runs, with everything the runtime and the UI need to read it.
//
// The compiler (codegen.h) turns the analysed IR (analysis/ir.h: Go's tree after inlining and escape
// analysis) into one Program. Its shape follows what a Go binary holds, scaled down:
//   - text: one flat array of fixed-size instructions. Instruction i sits at the simulated address
//     kTextStart + i * kInstrBytes, so return addresses pushed on goroutine stacks are real words
//     that tracebacks map back to a function and a line, as Go's pclntab does.
//   - functions (FuncCode): entry, frame size, the layout of every slot (name, offset, size, type: the
//     UI draws frames from it), the pointer bitmaps of locals and arguments (Go's stack maps; gofast
//     zeroes every pointer slot in the prologue, so one type-based map per function is valid at every
//     safepoint), and a pc → (line, inlining tree node) table.
//   - rodata: string literals and static closures of top-level functions (Go's funcname·f symbols).
//   - data/bss: globals with their pointer mask (the GC scans them as roots).
//   - a type table: index ↔ types::Type*, with size, pointer mask and the rodata address of a type
//     descriptor (the first word of an `any` value), for fmt, print and mallocgc.
//
// Register machine over frame memory (DESIGN rule 8: one X-macro lists every opcode with its operand
// shape; the enum, the names and the disassembler come from it). Operands a/b/c are byte offsets from
// SP in the current frame unless the shape says otherwise; k/k2 are small kinds (NumKind, condition
// codes, sizes); imm is a 64-bit immediate (constant, size, jump target, function or type index).
//
// Frames follow Go's ABI0 on amd64 (cmd/compile/abi-internal.md, "ABI0"): the caller writes the
// arguments and reserves the results in the outgoing-argument area at the bottom of its own frame;
// CALL pushes the return address; the callee's prologue checks the stack, pushes BP and subtracts
// its frame size:
//     high  ┌──────────────────────┐
//           │ results              │  callee: SP + frameSize + 16 + argsSize ...
//           │ args                 │  callee: SP + frameSize + 16
//           │ return address       │  SP + frameSize + 8
//           │ saved BP             │  SP + frameSize        ← BP
//           │ locals, temporaries  │
//     low   │ outgoing args area   │  SP + 0
//           └──────────────────────┘
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "common/arena.h"
#include "common/pos.h"
#include "lang/types.h"

namespace gofast::compile {

// ---- simulated addresses ----------------------------------------------------------------------------
// cmd/link puts .text at 0x401000 on linux/amd64 (see runtime/addrspace.h GoProcessLayout).
inline constexpr uint64_t kTextStart = 0x401000;
// Bytes of simulated text per bytecode instruction (a made-up but fixed encoding width, so that
// `+0x…` offsets in tracebacks grow with the number of instructions as they do with machine code).
inline constexpr uint64_t kInstrBytes = 4;

// Kinds of scalar values the typed instructions work on.
enum class NumKind : uint8_t { I8, I16, I32, I64, U8, U16, U32, U64, F32, F64, Bool, Ptr };
const char* numKindName(NumKind k);
inline constexpr bool isSignedKind(NumKind k) { return k <= NumKind::I64; }
inline constexpr bool isFloatKind(NumKind k) { return k == NumKind::F32 || k == NumKind::F64; }
inline constexpr int numKindSize(NumKind k) {
  switch (k) {
    case NumKind::I8: case NumKind::U8: case NumKind::Bool: return 1;
    case NumKind::I16: case NumKind::U16: return 2;
    case NumKind::I32: case NumKind::U32: case NumKind::F32: return 4;
    default: return 8;
  }
}

// Condition codes of comparisons and fused compare-and-branch.
enum class Cond : uint8_t { EQ, NE, LT, LE, GT, GE };
const char* condName(Cond c);

// Which runtime error a check raises (runtime/panic.go's panicIndex & co, error.go boundsError).
enum class BoundsKind : uint8_t {
  Index,        // index out of range [x] with length y
  SliceAlen,    // slice bounds out of range [:x] with length y
  SliceAcap,    // slice bounds out of range [:x] with capacity y
  SliceB,       // slice bounds out of range [x:y]
  Slice3Alen, Slice3Acap, Slice3B, Slice3C,
};

// sync.Mutex / sync.WaitGroup methods (runtime/sync.h), the k of SYNCOP.
enum class SyncMethod : uint8_t { MutexLock, MutexUnlock, WgAdd, WgDone, WgWait };

// Builtin library calls the VM implements natively.
enum class LibFn : uint8_t { Println, Print, Printf, Sprintf, Sprint, Sprintln, Errorf, Sleep, Gosched, Nop, Sync };

// Operand shapes for the disassembler: d = frame slot written, s = frame slot read, i = immediate,
// t = jump target, f = function index, T = type index, k = kind, '-' = unused.
//   name, shape of (a, b, c, imm)
#define GOFAST_OPCODES(X)                                                                                   \
  X(NOP, "----")                                                                                            \
  X(MOVK, "d--i")      /* frame[a] = imm (k = size in bytes)                                      */       \
  X(MOV, "ds-i")       /* memmove frame[a] <- frame[b], imm bytes                                  */      \
  X(ZERO, "d--i")      /* frame[a..a+imm) = 0                                                      */      \
  X(LEA, "ds--")       /* frame[a] = SP + b (address of a frame slot)                              */      \
  X(LEAG, "d--i")      /* frame[a] = imm (address of a global, rodata string or static closure)    */      \
  X(LOAD, "dsii")      /* frame[a] = *(frame[b] + c), imm bytes; nil check                          */     \
  X(STORE, "ssii")     /* *(frame[a] + c) = frame[b], imm bytes; nil check                          */     \
  X(ADDP, "dsii")      /* frame[a] = frame[b] + imm; k=1: nil check frame[b] first (&p.f)          */      \
  X(ADD, "dss-") X(SUB, "dss-") X(MUL, "dss-") X(DIV, "dss-") X(MOD, "dss-")                               \
  X(AND, "dss-") X(OR, "dss-") X(XOR, "dss-") X(ANDNOT, "dss-")                                            \
  X(SHL, "dss-") X(SHR, "dss-")  /* k = kind of the value, k2 = kind of the count                  */      \
  X(ADDK, "ds-i")      /* frame[a] = frame[b] + imm (integers)                                      */     \
  X(NEG, "ds--") X(BITNOT, "ds--") X(NOT, "ds--")                                                          \
  X(CONV, "ds--")      /* numeric conversion: k = to, k2 = from                                    */      \
  X(CMP, "dss-")       /* frame[a] = frame[b] <k2> frame[c] (bool), k = kind                       */      \
  X(JMP, "---t")                                                                                            \
  X(JT, "s--t") X(JF, "s--t")   /* jump if the bool at frame[a] is true / false                    */      \
  X(JCMP, "ss-t")      /* if frame[a] <k2> frame[b] jump                                            */     \
  X(JCMPK, "s-it")     /* if frame[a] <k2> c (immediate) jump                                       */     \
  X(STRCMP, "dss-")    /* frame[a] = string frame[b] <k2> string frame[c]                           */     \
  X(MEMEQ, "dssi")     /* frame[a] = bytes equal (imm bytes), k2 = EQ/NE                            */     \
  X(STRCAT, "dsi-")    /* frame[a] = concatenation of c strings at frame[b], frame[b+16], ...     */       \
  X(CALL, "---f")      /* call function imm (args already in the outgoing area)                     */     \
  X(CALLCLO, "s---")   /* call the func value at frame[a] (closure context = that pointer)          */     \
  X(RET, "----")                                                                                            \
  X(LIBCALL, "dsi-")   /* k = LibFn; args: c efaces at frame[b] (Printf/Sprintf: format first)     */      \
  X(BOUNDS, "ss--")    /* panic unless 0 <= frame[a] < frame[b] (k = kind of index, k2 = BoundsKind)*/     \
  X(INDEXADDR, "dssi") /* frame[a] = frame[b] + frame[c] * imm (c: int64 index)                     */     \
  X(SLICE, "dsii")     /* k bit0 low, bit1 high, bit2 max, bit3 string, bit4 array ptr; block b    */      \
  X(MAKESLICE, "dssT") /* frame[a] = make([]T, frame[b], frame[c]) (int64 operands)                */      \
  X(GROWSLICE, "dssT") /* frame[a] = frame[b] with len += frame[c], grown like growslice           */      \
  X(APPENDSL, "dssT")  /* frame[a] = append(frame[b], frame[c]...) (c: slice or string header)     */      \
  X(ELEMEND, "dsii")   /* frame[a] = &slice(frame[b])[len - c], imm = element size                  */     \
  X(COPY, "dssi")      /* frame[a] = copy(frame[b], frame[c]) (int64), imm = element size           */     \
  X(NEW, "d--T")       /* frame[a] = mallocgc(type imm)                                             */     \
    X(FUNCADDR, "d--f")  /* frame[a] = address of the static closure of function imm                 */      \
  X(CONVIFACE, "dssT") /* frame[a] = any(frame[b]) of type imm; k: 0 box in slot c, 1 heap, 2 direct */     \
  X(STR2BYTES, "ds--") X(BYTES2STR, "ds--") X(RUNESTR, "ds--") /* RUNESTR: k = int kind             */     \
  X(STR2RUNES, "ds--") X(RUNES2STR, "ds--")                                                                \
  X(DECODERUNE, "dss-")/* frame[a]=rune, frame[a+8]=next index, string frame[b], index frame[c]    */      \
  X(PRINT, "s--T")     /* print frame[a] of type imm to stderr (print's formatting)                 */     \
  X(PRINTSP, "----") X(PRINTNL, "----")                                                                     \
  X(PANIC, "s---")     /* panic(frame[a]) (an `any`)                                                */     \
  X(PANICMSG, "---i")  /* runtime error panic, imm = index of the message kind                      */     \
  X(DEFER, "s--i")     /* push the _defer record at frame[a]: fn = static closure of function imm   */     \
  X(DEFERCLO, "ss--")  /* push the _defer record at frame[a] with fn = func value at frame[b]       */     \
  X(DEFERRETURN, "----")                                                                                    \
  X(PANICCONT, "----") /* runtime.gopanic: a deferred call returned; run the next one or die        */     \
  X(GOEXIT, "----")    /* runtime.goexit: the goroutine's function returned                         */     \
  X(LESSSTACK, "----") /* runtime.lessstack (segmented stacks): return to the previous segment      */     \
  X(GO, "s--i")        /* newproc: start a goroutine running the func value at frame[a]           */     \
  X(MAKECHAN, "ds-T")  /* frame[a] = make(chan T, frame[b])                                         */     \
  X(CHANSEND, "ss--")  /* chan frame[a] <- value at frame[b] (may park the goroutine)                */    \
  X(CHANRECV, "dss-")  /* frame[a] = <-chan frame[b]; k=1: frame[c] = ok (may park)                */     \
  X(CHANCLOSE, "s---")                                                                                     \
  X(CHANLEN, "ds--") X(CHANCAP, "ds--")                                                                    \
  X(SELECT, "dsi-")    /* frame[a] = chosen case (-1 default), frame[a+8] = received; c cases at b */      \
  X(SLEEP, "s---")     /* time.Sleep(frame[a]) */                                                          \
  X(GOSCHED, "----")   /* runtime.Gosched() */                                                             \
  X(SYNCOP, "ss--")    /* sync.Mutex/WaitGroup method k (SyncMethod) on *frame[a], delta frame[b]  */      \
  X(UNSUPPORTED, "---i")

enum class Opcode : uint16_t {
#define GOFAST_OPCODE_ENUM(name, shape) name,
  GOFAST_OPCODES(GOFAST_OPCODE_ENUM)
#undef GOFAST_OPCODE_ENUM
      Count_
};
const char* opcodeName(Opcode op);
const char* opcodeShape(Opcode op);

struct Instr {
  Opcode op = Opcode::NOP;
  uint8_t k = 0;
  uint8_t k2 = 0;
  int32_t a = 0, b = 0, c = 0;
  int64_t imm = 0;
};
static_assert(sizeof(Instr) == 24);

// One slot of a frame, for the UI and -S.
struct FrameSlot {
  std::string name;  // "n", "~r0", ".autotmp_3", "&x" (pointer to a moved-to-heap variable)
  int32_t offset = 0;  // from SP (args and results: positive, above the return address)
  int32_t size = 0;
  const types::Type* type = nullptr;
  enum Kind : uint8_t { Local, Param, Result, Temp, Defer, Closure } kind = Local;
};

// A node of the inlining tree (Go's InlTree): the function inlined and where it was called.
struct InlNode {
  int32_t parent = -1;   // enclosing inlined call, -1 = the function itself
  std::string funcName;  // "main.get"
  Pos callPos;           // position of the call in the parent
};

struct PcLine {
  int32_t line = 0;
  int32_t inl = -1;  // innermost inlining tree node at this pc (-1: not inside an inlined body)
};

struct FuncCode {
  std::string name;     // Go's symbol name: "main.main", "main.(*Board).Set", "main.main.func1"
  std::string file;     // source file as tracebacks print it
  Pos pos;              // declaration
  uint32_t entry = 0;   // first instruction index
  uint32_t end = 0;     // one past the last
  int32_t frameSize = 0;   // locals + temporaries + outgoing args (multiple of 8)
  int32_t outArgsSize = 0; // bytes of the outgoing-args area at SP+0
  int32_t argsSize = 0;    // params (incl. receiver) in the caller's area
  int32_t resultsSize = 0; // results after the params
  int32_t ctxtSlot = -1;   // frame offset where the prologue saves the closure context (-1: none)
  bool nosplit = false;    // small leaf frame: no stack check (obj6.go)
  bool isRuntime = false;  // runtime.gopanic / runtime.goexit
  bool isWrapper = false;  // go/defer wrapper: hidden in tracebacks (Go's elided wrapper frames)
  std::vector<FrameSlot> slots;
  std::vector<uint8_t> localsPtrMask;  // bit i = word i of [0, frameSize) holds a pointer
  std::vector<uint8_t> argsPtrMask;    // bit i = word i of the args+results area
  std::vector<InlNode> inlTree;
  int32_t deferSlotsSize = 0;
};

// A global variable (package-level var) in data/bss.
struct GlobalVar {
  std::string name;
  uint64_t addr = 0;
  int64_t size = 0;
  const types::Type* type = nullptr;
};

// What the runtime knows of a type.
struct TypeInfo {
  const types::Type* type = nullptr;
  int64_t size = 0;
  int64_t align = 1;
  int64_t ptrdata = 0;
  std::vector<uint8_t> gcmask;  // bit i (LSB first) = word i holds a pointer (Go's gcdata)
  uint64_t descAddr = 0;        // rodata address of its type descriptor (first word of an `any`)
};

struct Program {
  std::string fileName;      // as printed in tracebacks (absolute path)
  std::vector<Instr> code;
  std::vector<PcLine> pcline;  // parallel to code
  std::vector<FuncCode> funcs;
  std::vector<uint32_t> funcOfInstr;  // instruction index → function index
  int32_t mainFunc = -1;
  int32_t initFunc = -1;     // runs the package-level initialisers, then calls main.main
  int32_t gopanicFunc = -1;
  int32_t goexitFunc = -1;
  int32_t lessstackFunc = -1;  // segmented-stack mode: the return address planted in a new segment
  std::vector<GlobalVar> globals;
  uint64_t globalsLo = 0, globalsSize = 0;
  std::vector<uint8_t> globalsPtrMask;  // over [globalsLo, globalsLo+globalsSize)
  // rodata image: bytes to place at rodataLo (strings, static closures, type descriptors).
  uint64_t rodataLo = 0;
  std::vector<uint8_t> rodata;
  std::vector<TypeInfo> types;
  std::vector<uint64_t> funcClosureAddr;  // per function: rodata address of its static closure
  std::vector<std::string> panicMessages;  // PANICMSG immediates
  std::deque<types::Type> synthTypes;      // types the compiler made (backing arrays of slice literals)
  std::unique_ptr<Arena> typeArena = std::make_unique<Arena>();  // struct types the compiler made

  uint64_t pcOf(uint32_t index) const { return kTextStart + uint64_t{index} * kInstrBytes; }
  // Instruction index of a simulated pc, or -1.
  int64_t indexOf(uint64_t pc) const {
    // A pc inside an instruction (goexit+1, Go's PCQuantum) belongs to that instruction.
    if (pc < kTextStart) return -1;
    uint64_t i = (pc - kTextStart) / kInstrBytes;
    return i < code.size() ? static_cast<int64_t>(i) : -1;
  }
  int32_t typeIndexOf(uint64_t descAddr) const;
};

// The disassembly `gofast build -S` prints: every function, its frame, then its instructions with
// source lines.
std::string disassemble(const Program& p);

}  // namespace gofast::compile
