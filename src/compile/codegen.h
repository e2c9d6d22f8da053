// Codegen: the analysed IR (after inlining and escape analysis) → a bytecode Program (program.h).
//
// The compiler works from analysis::Package rather than from the AST so that what the inliner and
// escape analysis decided changes the code that runs: an inlined call is the callee's body copied
// into the caller (no CALL, its frame is the caller's; tracebacks show it through the inlining
// tree), a variable "moved to heap" is allocated with mallocgc at its declaration and the frame holds
// only its address, and an allocation that "does not escape" lives in a frame slot.
//
// Frame layout (program.h) is decided per function: parameters and results at ABI0 offsets above
// the return address, then locals and temporaries in declaration order above the outgoing-argument
// area. Temporaries are never reused for a value of another type, which is what makes one type-based
// pointer map per function valid at every safepoint (the prologue zeroes the frame).
//
// Everything outside what the VM runs yet (goroutines, channels, select, sync, time, complex
// numbers, ...) is a Diagnostic "./main.go:L:C: gofast cannot run X yet" at the construct.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "analysis/ir.h"
#include "common/diagnostic.h"
#include "compile/program.h"

namespace gofast::compile {

struct CompileOptions {
  std::string displayName = "./main.go";  // for diagnostics
  std::string traceName = "/tmp/main.go"; // the file path tracebacks print (absolute, as go run's build dir)
  // Where rodata and data/bss start (the runtime's GoProcessLayout: text 1 MiB at 0x400000, then
  // rodata 512 KiB, then data).
  uint64_t rodataLo = 0x500000;
  uint64_t rodataSize = 512 << 10;
  uint64_t dataLo = 0x580000;
  uint64_t dataSize = 128 << 10;
};

struct CompileResult {
  std::unique_ptr<Program> program;
  Diagnostics diags;
  bool ok() const { return program != nullptr && diags.empty(); }
};

CompileResult compileProgram(analysis::Package& pkg, const CompileOptions& opts);

// Layout helpers shared with the runtime (Go's amd64 rules).
int64_t typeSize(const types::Type* t);
int64_t typeAlign(const types::Type* t);
int64_t fieldOffset(const types::Type* structType, int index);
// Go's gcdata for t: bit i = word i holds a pointer. Returns ptrdata (bytes up to the last pointer word).
int64_t typePtrMask(const types::Type* t, std::vector<uint8_t>& bits);
NumKind numKindOf(const types::Type* t);
// Does an `any` hold a value of this type directly in its data word (Go's isdirectiface)?
bool isDirectIface(const types::Type* t);

}  // namespace gofast::compile
