// Type layout: sizes, alignments, field offsets and pointer masks of Go types on linux/amd64.
//
// Every byte the VM reads or writes sits at an offset this module computes, so it must match what Go
// 1.19's gc compiler computes (cmd/compile/internal/types/size.go, CalcSize and calcStructOffset) and
// what its type checker reports for unsafe.Sizeof/Alignof/Offsetof (cmd/compile/internal/noder/
// sizes.go, gcSizes). The two agree on amd64, and so do we, by construction: the size and alignment
// rules live once, in lang::defaultLayout() (src/lang/checker.cpp: lang sits left of compile and
// needs them for constant folding), and sizeOf/alignOf/offsetOf here delegate to them. What this
// module adds on top of those rules:
//   - structFields: each field's offset/size/align, as the VM, the frame layout and the UI read them;
//   - ptrMask: Go's gcdata bitmap (one bit per 8-byte word, LSB first) and ptrdata, which the
//     simulated GC scans and the heap's noscan size classes use (runtime/type.go, _type.ptrdata);
//   - structReport/formatReport: chapter 1's "why this struct is 24 bytes" view: padding holes, and
//     the size after reordering fields by alignment (what `gofast layout` prints and the UI draws);
//   - layoutOracle(): the lang::LayoutOracle the compile layer installs in the checker.
// All functions take any type (named types are looked through to their underlying type); sizes of
// types that have no values (tuples, untyped kinds) are those lang's rules give and are not used.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lang/checker.h"
#include "lang/types.h"

namespace gofast::compile {

// Word size and maximum alignment on amd64 (cmd/compile/internal/types/size.go: PtrSize, RegSize).
inline constexpr int64_t kPtrSize = 8;
inline constexpr int64_t kRegSize = 8;

int64_t sizeOf(const types::Type* t);   // Go's types.CalcSize on amd64 (unsafe.Sizeof)
int64_t alignOf(const types::Type* t);  // unsafe.Alignof
// Byte offset of field `index` in struct type st (a struct or a named struct).
int64_t offsetOf(const types::Type* st, int index);

// Rounds o up to a multiple of align (align a power of two >= 1): types.Rnd.
inline int64_t roundUp(int64_t o, int64_t align) { return (o + align - 1) & ~(align - 1); }

struct FieldLayout {
  std::string_view name;  // the field name ("" never: embedded fields carry their type's name)
  const types::Type* type = nullptr;
  int64_t offset = 0, size = 0, align = 1;
};
// The fields of t (a struct or a named struct) in declaration order; empty for any other type.
std::vector<FieldLayout> structFields(const types::Type* t);

// Pointer mask as Go's gcdata: bit i (LSB first within each byte) = 8-byte word i holds a pointer;
// ptrdata = bytes up to and including the last pointer word (Go's _type.ptrdata; 0 = noscan).
// Pointer words: *T, unsafe.Pointer, chan, func values; the data word of string and slice (word 0);
// an interface's data word (word 1) only: Go never marks the itab/type word (typebits.go), though
// ptrdata covers both words. bits has ceil(ptrdata/8/8) bytes. Checked against Go 1.19's gcdata.
struct PtrMask {
  int64_t ptrdata = 0;
  std::vector<uint8_t> bits;
  bool isPointer(int64_t word) const {  // word index from the start of the value
    return word >= 0 && static_cast<size_t>(word / 8) < bits.size() && ((bits[word / 8] >> (word % 8)) & 1);
  }
  int64_t words() const { return ptrdata / kPtrSize; }  // words covered by the mask
};
PtrMask ptrMask(const types::Type* t);
// True if a value of type t holds any pointer (ptrdata > 0). Cheaper than ptrMask.
bool hasPointers(const types::Type* t);
// ptrdata alone (Go's types.PtrDataSize).
int64_t ptrDataSize(const types::Type* t);

// ---- chapter 1: a struct's layout and what reordering would save ---------------------------------

struct LayoutRow {
  bool padding = false;  // a hole (no field): name/type empty
  bool tail = false;     // padding after the last field (to the struct's alignment / Go's zero-size rule)
  bool zeroSizeByte = false;  // tail padding that includes Go's extra byte after a final zero-size field
  std::string_view name; // field name
  const types::Type* type = nullptr;
  std::string typeName;  // types2 spelling: "int64", "[]int", "*Node"
  int64_t offset = 0, size = 0, align = 1;
};

struct LayoutReport {
  std::string name;          // the declared name ("Padded"), else the type string
  const types::Type* type = nullptr;
  bool isStruct = false;     // false: only size/align are meaningful
  int64_t size = 0, align = 1;
  std::vector<LayoutRow> rows;    // fields and padding in offset order (declared layout)
  int64_t fieldBytes = 0;         // sum of field sizes
  int64_t paddingBytes = 0;       // size - fieldBytes
  // Reordered: fields stable-sorted by alignment, descending (zero-size fields first, so that none
  // ends the struct and triggers Go's trailing-byte rule). order[i] = declared index of the i-th field.
  std::vector<int> order;
  std::vector<LayoutRow> reorderedRows;
  int64_t reorderedSize = 0;
  int64_t saving() const { return size - reorderedSize; }
  bool reorderHelps() const { return reorderedSize < size; }
};
LayoutReport structReport(const types::Type* t, std::string_view name = {});
// The text `gofast layout` prints (see cmd_layout.cpp), ending with '\n'.
std::string formatReport(const LayoutReport& r);

// ---- the checker's oracle --------------------------------------------------------------------------
// A lang::LayoutOracle backed by this module (pass it in lang::CheckOptions::layout).
const lang::LayoutOracle& layoutOracle();

}  // namespace gofast::compile
