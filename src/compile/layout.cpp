#include "compile/layout.h"

#include <algorithm>
#include <cstdio>

namespace gofast::compile {

using types::Kind;
using types::Object;
using types::Type;

// ---- sizes, alignments, offsets: lang's rules (see layout.h) ---------------------------------------

int64_t sizeOf(const Type* t) { return lang::defaultLayout().sizeOf(t); }
int64_t alignOf(const Type* t) { return lang::defaultLayout().alignOf(t); }
int64_t offsetOf(const Type* st, int index) { return lang::defaultLayout().offsetOf(types::under(st), index); }

std::vector<FieldLayout> structFields(const Type* t) {
  std::vector<FieldLayout> out;
  const Type* st = types::under(t);
  if (st == nullptr || st->kind != Kind::Struct) return out;
  out.reserve(st->vars.size);
  int64_t off = 0;
  for (Object* f : st->vars) {
    FieldLayout fl;
    fl.name = f->name;
    fl.type = f->type;
    fl.size = sizeOf(f->type);
    fl.align = alignOf(f->type);
    off = roundUp(off, fl.align);
    fl.offset = off;
    off += fl.size;
    out.push_back(fl);
  }
  return out;
}

// ---- pointer data ------------------------------------------------------------------------------------

// ptrDataSize follows cmd/compile/internal/types/type.go (PtrDataSize): the prefix of a value that
// can hold pointers. Strings and slices: only the data word; interfaces: both words; arrays: up to the
// last element's pointer data; structs: up to the last pointerful field's pointer data.
int64_t ptrDataSize(const Type* t) {
  t = types::under(t);
  if (t == nullptr) return 0;
  switch (t->kind) {
    case Kind::Pointer:
    case Kind::UnsafePointer:
    case Kind::Chan:
    case Kind::Signature:
    case Kind::String:
    case Kind::Slice: return kPtrSize;
    case Kind::Interface: return 2 * kPtrSize;
    case Kind::Array: {
      if (t->len <= 0) return 0;
      int64_t e = ptrDataSize(t->elem);
      if (e == 0) return 0;
      return (t->len - 1) * sizeOf(t->elem) + e;
    }
    case Kind::Struct: {
      int64_t pd = 0;
      for (int i = 0; i < static_cast<int>(t->vars.size); ++i) {
        int64_t f = ptrDataSize(t->vars[i]->type);
        if (f > 0) pd = offsetOf(t, i) + f;
      }
      return pd;
    }
    default: return 0;
  }
}

bool hasPointers(const Type* t) { return ptrDataSize(t) > 0; }

namespace {

void setBit(PtrMask& m, int64_t word) { m.bits[static_cast<size_t>(word / 8)] |= static_cast<uint8_t>(1u << (word % 8)); }

// Marks the pointer words of a value of type t placed at byte offset `off` (cmd/compile/internal/
// reflectdata/reflect.go fillptrmask → typebits.Set, which walks types the same way).
void fillMask(PtrMask& m, const Type* t, int64_t off) {
  t = types::under(t);
  if (t == nullptr) return;
  switch (t->kind) {
    case Kind::Pointer:
    case Kind::UnsafePointer:
    case Kind::Chan:
    case Kind::Signature:
    case Kind::String:  // the data pointer; the length word is scalar
    case Kind::Slice:   // the array pointer; len and cap are scalar
      setBit(m, off / kPtrSize);
      return;
    case Kind::Interface:
      // Only the data word: the itab/type word points to persistentalloc'd or read-only memory that
      // the GC need not scan (cmd/compile/internal/typebits/typebits.go, TINTER), though ptrdata
      // still covers both words (types.PtrDataSize).
      setBit(m, off / kPtrSize + 1);
      return;
    case Kind::Array: {
      if (t->len <= 0 || !hasPointers(t->elem)) return;
      int64_t es = sizeOf(t->elem);
      for (int64_t i = 0; i < t->len; ++i) fillMask(m, t->elem, off + i * es);
      return;
    }
    case Kind::Struct:
      for (int i = 0; i < static_cast<int>(t->vars.size); ++i) fillMask(m, t->vars[i]->type, off + offsetOf(t, i));
      return;
    default: return;
  }
}

}  // namespace

PtrMask ptrMask(const Type* t) {
  PtrMask m;
  m.ptrdata = ptrDataSize(t);
  if (m.ptrdata == 0) return m;
  int64_t words = m.ptrdata / kPtrSize;
  m.bits.assign(static_cast<size_t>((words + 7) / 8), 0);
  fillMask(m, t, 0);
  return m;
}

// ---- reports ------------------------------------------------------------------------------------------

namespace {

// Lays out `fields` (in the given order) as rows with padding holes; returns the struct's size.
// Mirrors the size rule in lang's layout (incl. Go's trailing byte after a final zero-size field).
int64_t layoutRows(const std::vector<FieldLayout>& fields, const std::vector<int>& order, int64_t align,
                   std::vector<LayoutRow>& rows) {
  int64_t off = 0;
  for (int idx : order) {
    const FieldLayout& f = fields[static_cast<size_t>(idx)];
    int64_t at = roundUp(off, f.align);
    if (at > off) {
      LayoutRow pad;
      pad.padding = true;
      pad.offset = off;
      pad.size = at - off;
      rows.push_back(pad);
    }
    LayoutRow r;
    r.name = f.name;
    r.type = f.type;
    r.typeName = types::typeString(f.type);
    r.offset = at;
    r.size = f.size;
    r.align = f.align;
    rows.push_back(r);
    off = at + f.size;
  }
  int64_t end = off;
  // Go gives a non-zero-size struct whose last field has size 0 one more byte, so that the address
  // of that field never points at the next object (types/size.go; Go issue 9401).
  bool zeroByte = !order.empty() && fields[static_cast<size_t>(order.back())].size == 0 && off > 0;
  if (zeroByte) end += 1;
  int64_t size = roundUp(end, align);
  if (size > off) {
    LayoutRow pad;
    pad.padding = true;
    pad.tail = true;
    pad.zeroSizeByte = zeroByte;
    pad.offset = off;
    pad.size = size - off;
    rows.push_back(pad);
  }
  return size;
}

}  // namespace

LayoutReport structReport(const Type* t, std::string_view name) {
  LayoutReport r;
  r.type = t;
  if (!name.empty()) {
    r.name = std::string(name);
  } else if (t != nullptr && t->kind == Kind::Named && t->obj != nullptr) {
    r.name = std::string(t->obj->name);
  } else {
    r.name = types::typeString(t);
  }
  r.size = sizeOf(t);
  r.align = alignOf(t);
  const Type* st = types::under(t);
  if (st == nullptr || st->kind != Kind::Struct) return r;
  r.isStruct = true;
  std::vector<FieldLayout> fields = structFields(t);
  std::vector<int> declared(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    declared[i] = static_cast<int>(i);
    r.fieldBytes += fields[i].size;
  }
  int64_t size = layoutRows(fields, declared, r.align, r.rows);
  (void)size;  // equals r.size (tested against Go's sizes)
  r.paddingBytes = r.size - r.fieldBytes;

  r.order = declared;
  std::stable_sort(r.order.begin(), r.order.end(), [&](int a, int b) {
    const FieldLayout& fa = fields[static_cast<size_t>(a)];
    const FieldLayout& fb = fields[static_cast<size_t>(b)];
    bool za = fa.size == 0, zb = fb.size == 0;
    if (za != zb) return za;  // zero-size fields first: a final one would cost Go's trailing byte
    return fa.align > fb.align;
  });
  r.reorderedSize = layoutRows(fields, r.order, r.align, r.reorderedRows);
  return r;
}

namespace {

std::string plural(int64_t n, const char* unit) {
  std::string s = std::to_string(n) + " " + unit;
  if (n != 1) s += "s";
  return s;
}

std::string padRight(std::string s, size_t w) {
  if (s.size() < w) s.append(w - s.size(), ' ');
  return s;
}

std::string padLeft(const std::string& s, size_t w) { return s.size() < w ? std::string(w - s.size(), ' ') + s : s; }

int percent(int64_t part, int64_t whole) {
  return whole <= 0 ? 0 : static_cast<int>((part * 100 + whole / 2) / whole);
}

void writeRows(std::string& out, const std::vector<LayoutRow>& rows) {
  size_t offW = 1, nameW = 9 /* "(padding)" */, typeW = 1, sizeW = 1;
  for (const LayoutRow& r : rows) {
    offW = std::max(offW, std::to_string(r.offset).size());
    sizeW = std::max(sizeW, std::to_string(r.size).size());
    if (!r.padding) {
      nameW = std::max(nameW, r.name.size());
      typeW = std::max(typeW, r.typeName.size());
    }
  }
  for (const LayoutRow& r : rows) {
    std::string line = "  " + padLeft(std::to_string(r.offset), std::max<size_t>(offW, 3)) + "  ";
    if (r.padding) {
      line += padRight("(padding)", nameW) + "  " + padRight("", typeW) + "  ";
      line += padLeft(std::to_string(r.size), sizeW) + (r.size == 1 ? " byte " : " bytes");
      if (r.tail) line += r.zeroSizeByte ? "  (tail, with Go's extra byte after a final zero-size field)" : "  (tail)";
    } else {
      line += padRight(std::string(r.name), nameW) + "  " + padRight(r.typeName, typeW) + "  ";
      line += padLeft(std::to_string(r.size), sizeW) + (r.size == 1 ? " byte " : " bytes");
      line += "  align " + std::to_string(r.align);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
}

}  // namespace

std::string formatReport(const LayoutReport& r) {
  std::string out;
  const Type* st = types::under(r.type);
  bool named = r.type != nullptr && r.type->kind == Kind::Named;
  if (!r.isStruct) {
    out += (named ? "type " + r.name + " " + types::typeString(st) : r.name) + ": size " +
           std::to_string(r.size) + ", align " + std::to_string(r.align) + "\n";
  } else {
    out += (named ? "type " + r.name + " struct {" : std::string("struct {")) + "  // size " +
           std::to_string(r.size) + ", align " + std::to_string(r.align) + "\n";
    writeRows(out, r.rows);
    out += "}\n";
    out += "fields " + plural(r.fieldBytes, "byte") + ", padding " + plural(r.paddingBytes, "byte") + " (" +
           std::to_string(percent(r.paddingBytes, r.size)) + "%)\n";
    if (r.reorderHelps()) {
      out += "reordered (";
      for (size_t i = 0; i < r.order.size(); ++i) {
        if (i > 0) out += ", ";
        out += std::string(st->vars[static_cast<size_t>(r.order[i])]->name);
      }
      out += "): size " + std::to_string(r.reorderedSize) + ", saves " + plural(r.saving(), "byte") + " (" +
             std::to_string(percent(r.saving(), r.size)) + "%)\n";
    } else {
      out += "field order is already minimal: no reordering makes it smaller\n";
    }
  }
  PtrMask m = ptrMask(r.type);
  if (m.ptrdata == 0) {
    out += "pointers: none (noscan: the GC never looks inside)\n";
  } else {
    // Pointer words as ranges: "0 2-4" (word = 8 bytes from the start of the value).
    out += "pointers: ptrdata " + std::to_string(m.ptrdata) + ", pointer words";
    for (int64_t w = 0; w < m.words();) {
      if (!m.isPointer(w)) {
        ++w;
        continue;
      }
      int64_t e = w;
      while (e + 1 < m.words() && m.isPointer(e + 1)) ++e;
      out += " " + std::to_string(w) + (e > w ? "-" + std::to_string(e) : std::string());
      w = e + 1;
    }
    out += "\n";
  }
  return out;
}

// ---- oracle -------------------------------------------------------------------------------------------

namespace {

class CompileLayout final : public lang::LayoutOracle {
 public:
  int64_t sizeOf(const Type* t) const override { return compile::sizeOf(t); }
  int64_t alignOf(const Type* t) const override { return compile::alignOf(t); }
  int64_t offsetOf(const Type* st, int index) const override { return compile::offsetOf(st, index); }
};

}  // namespace

const lang::LayoutOracle& layoutOracle() {
  static const CompileLayout oracle;
  return oracle;
}

}  // namespace gofast::compile
