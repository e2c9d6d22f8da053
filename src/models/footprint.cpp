#include "models/footprint.h"

#include <algorithm>

#include "common/arena.h"
#include "compile/layout.h"
#include "lang/types.h"
#include "runtime/sizeclasses.h"

// Section index: 1. shapes  2. the block model shared by all runtimes  3. Go  4. CPython 3.11
// 5. Java 17  6. footprints, series and grids.

namespace gofast::models {

using K = Shape::Kind;

// ============================================ 1. shapes ===============================================

Shape Shape::string(int64_t len) {
  Shape s = basic(Kind::String);
  s.n = len;
  return s;
}
Shape Shape::slice(const Shape& elem, int64_t len) {
  Shape s = basic(Kind::Slice);
  s.n = len;
  s.elems.push_back(elem);
  return s;
}
Shape Shape::array(const Shape& elem, int64_t len) {
  Shape s = basic(Kind::Array);
  s.n = len;
  s.elems.push_back(elem);
  return s;
}
Shape Shape::pointer(const Shape& pointee) {
  Shape s = basic(Kind::Pointer);
  s.elems.push_back(pointee);
  return s;
}
Shape Shape::structOf(const std::vector<std::pair<std::string, Shape>>& fields) {
  Shape s = basic(Kind::Struct);
  for (const auto& [name, shape] : fields) {
    s.names.push_back(name);
    s.elems.push_back(shape);
  }
  return s;
}

std::string Shape::goType() const {
  switch (kind) {
    case K::Int: return "int";
    case K::Int64: return "int64";
    case K::Int32: return "int32";
    case K::Bool: return "bool";
    case K::Float64: return "float64";
    case K::String: return "string";
    case K::Slice: return "[]" + elems[0].goType();
    case K::Array: return "[" + std::to_string(n) + "]" + elems[0].goType();
    case K::Pointer: return "*" + elems[0].goType();
    case K::Struct: {
      std::string s = "struct{";
      for (size_t i = 0; i < elems.size(); ++i) s += (i ? "; " : "") + names[i] + " " + elems[i].goType();
      return s + "}";
    }
  }
  return "?";
}

std::string Shape::pythonName() const {
  switch (kind) {
    case K::Int:
    case K::Int64:
    case K::Int32: return "int";
    case K::Bool: return "bool";
    case K::Float64: return "float";
    case K::String: return "str";
    case K::Slice:
    case K::Array: return "list of " + elems[0].pythonName();
    case K::Pointer: return elems[0].pythonName();
    case K::Struct: return "tuple of " + std::to_string(elems.size());
  }
  return "?";
}

namespace {

bool javaPrimitive(const Shape& s) {
  return s.kind == K::Int || s.kind == K::Int64 || s.kind == K::Int32 || s.kind == K::Bool || s.kind == K::Float64;
}
const char* javaPrimName(const Shape& s) {
  switch (s.kind) {
    case K::Int32: return "int";
    case K::Bool: return "boolean";
    case K::Float64: return "double";
    default: return "long";
  }
}
const char* javaBoxName(const Shape& s) {
  switch (s.kind) {
    case K::Int32: return "Integer";
    case K::Bool: return "Boolean";
    case K::Float64: return "Double";
    default: return "Long";
  }
}

std::string javaRefName(const Shape& s) {
  if (javaPrimitive(s)) return javaBoxName(s);
  return s.javaName();
}

}  // namespace

std::string Shape::javaName() const {
  switch (kind) {
    case K::Int:
    case K::Int64:
    case K::Int32:
    case K::Bool:
    case K::Float64: return javaPrimName(*this);
    case K::String: return "String";
    case K::Slice: return "ArrayList<" + javaRefName(elems[0]) + ">";
    case K::Array: return (javaPrimitive(elems[0]) ? std::string(javaPrimName(elems[0])) : javaRefName(elems[0])) + "[]";
    case K::Pointer: return javaRefName(elems[0]);
    case K::Struct: return "class{" + std::to_string(elems.size()) + " fields}";
  }
  return "?";
}

const char* runtimeName(Runtime rt) {
  switch (rt) {
    case Runtime::Go: return "Go 1.19";
    case Runtime::CPython: return "CPython 3.11";
    case Runtime::Java: return "Java 17 (HotSpot)";
  }
  return "?";
}

const char* collectionName(Collection c) {
  switch (c) {
    case Collection::GoSlice: return "[]T";
    case Collection::PythonList: return "list";
    case Collection::JavaArray: return "T[]";
    case Collection::JavaArrayList: return "ArrayList<T>";
  }
  return "?";
}

const char* byteRoleName(ByteRole r) {
  switch (r) {
    case ByteRole::Header: return "header";
    case ByteRole::Length: return "length";
    case ByteRole::Pointer: return "pointer";
    case ByteRole::Payload: return "payload";
    case ByteRole::Padding: return "padding";
  }
  return "?";
}

int64_t ByteGrid::totalBytes() const {
  int64_t t = 0;
  for (const ByteBlock& b : blocks) t += b.size * b.count;
  return t;
}

// ================================ 2. the block model shared by all runtimes ============================

namespace {

// The objects a value occupies, merged by (title, size): identical objects are one block × count.
// Spans are built only when a grid is wanted (series of large N never build them).
struct Blocks {
  bool wantSpans = false;
  std::vector<ByteBlock> blocks;
  std::vector<bool> isObject;  // a heap object (Go allocation, Python/Java object)
  std::vector<bool> noscan;    // Go: the allocation holds no pointers (tiny allocator eligible)

  // Adds `count` copies of a block; returns its index.
  size_t add(ByteBlock b, int64_t count, bool object, bool noScan = true) {
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].title == b.title && blocks[i].size == b.size && blocks[i].shared == b.shared) {
        blocks[i].count += count;
        return i;
      }
    }
    b.count = count;
    blocks.push_back(std::move(b));
    isObject.push_back(object);
    noscan.push_back(noScan);
    return blocks.size() - 1;
  }

  // Shared singletons (True/False, Boolean.TRUE/FALSE) exist once each: at most two.
  void capShared() {
    for (ByteBlock& b : blocks)
      if (b.shared) b.count = std::min<int64_t>(b.count, 2);
  }

  int64_t bytes() const {
    int64_t t = 0;
    for (const ByteBlock& b : blocks) t += b.size * b.count;
    return t;
  }
  int64_t objects() const {
    int64_t t = 0;
    for (size_t i = 0; i < blocks.size(); ++i)
      if (isObject[i]) t += blocks[i].count;
    return t;
  }
  // "list 56 + 10 × int 28" (counts in front of repeated blocks).
  std::string formula() const {
    std::string s;
    for (const ByteBlock& b : blocks) {
      if (b.count == 0) continue;
      if (!s.empty()) s += " + ";
      if (b.count != 1) s += std::to_string(b.count) + " \xC3\x97 ";  // ×
      s += b.title + " " + std::to_string(b.size);
    }
    return s.empty() ? "0" : s;
  }
};

void span(std::vector<ByteSpan>& out, int64_t off, int64_t size, ByteRole role, std::string label) {
  if (size <= 0) return;
  out.push_back(ByteSpan{off, size, role, std::move(label)});
}

// Large repeated blocks: merge neighbouring spans of the same role so a grid stays drawable.
constexpr size_t kMaxSpansPerBlock = 64;
void coalesce(std::vector<ByteSpan>& spans) {
  if (spans.size() <= kMaxSpansPerBlock) return;
  std::vector<ByteSpan> out;
  for (ByteSpan& s : spans) {
    if (!out.empty() && out.back().role == s.role && out.back().offset + out.back().size == s.offset) {
      out.back().size += s.size;
      if (out.back().label.size() < 2 || out.back().label.compare(out.back().label.size() - 2, 2, "..") != 0)
        out.back().label += "..";
    } else {
      out.push_back(std::move(s));
    }
  }
  spans = std::move(out);
}

// Pads a block's spans to `size` with a padding span.
void padTo(std::vector<ByteSpan>& spans, int64_t at, int64_t size) {
  if (at < size) span(spans, at, size - at, ByteRole::Padding, "padding");
}

// ================================================ 3. Go ================================================

// Go types for shapes, built in an arena so that compile/layout gives the sizes.
const types::Type* goTypeOf(const Shape& s, Arena& a) {
  using TK = types::Kind;
  switch (s.kind) {
    case K::Int: return types::basicType(TK::Int);
    case K::Int64: return types::basicType(TK::Int64);
    case K::Int32: return types::basicType(TK::Int32);
    case K::Bool: return types::basicType(TK::Bool);
    case K::Float64: return types::basicType(TK::Float64);
    case K::String: return types::basicType(TK::String);
    case K::Slice: return types::newSlice(a, goTypeOf(s.elems[0], a));
    case K::Array: return types::newArray(a, goTypeOf(s.elems[0], a), s.n);
    case K::Pointer: return types::newPointer(a, goTypeOf(s.elems[0], a));
    case K::Struct: {
      std::vector<types::Object*> fields;
      for (size_t i = 0; i < s.elems.size(); ++i) {
        types::Object* f = a.make<types::Object>();
        f->kind = types::ObjKind::Var;
        f->isField = true;
        f->name = a.copyString(s.names[i]);
        f->type = goTypeOf(s.elems[i], a);
        f->fieldIndex = static_cast<int32_t>(i);
        fields.push_back(f);
      }
      types::Type* t = types::newType(a, TK::Struct);
      t->vars = a.copyArray(fields.data(), fields.size());
      return t;
    }
  }
  return types::invalidType();
}

struct GoModel {
  Arena arena;
  Blocks& out;
  explicit GoModel(Blocks& b) : out(b) {}

  // Spans of a value of shape s laid out inline at `off`.
  void inlineSpans(const Shape& s, const types::Type* t, int64_t off, const std::string& label, std::vector<ByteSpan>& sp) {
    auto name = [&](const char* part) { return label.empty() ? std::string(part) : label + "." + part; };
    switch (s.kind) {
      case K::String:
        span(sp, off, 8, ByteRole::Pointer, name("data"));
        span(sp, off + 8, 8, ByteRole::Length, name("len"));
        return;
      case K::Slice:
        span(sp, off, 8, ByteRole::Pointer, name("array"));
        span(sp, off + 8, 8, ByteRole::Length, name("len"));
        span(sp, off + 16, 8, ByteRole::Length, name("cap"));
        return;
      case K::Pointer: span(sp, off, 8, ByteRole::Pointer, label.empty() ? "ptr" : label); return;
      case K::Array: {
        const types::Type* et = t->elem;
        int64_t es = compile::sizeOf(et);
        for (int64_t i = 0; i < s.n; ++i)
          inlineSpans(s.elems[0], et, off + i * es, label + "[" + std::to_string(i) + "]", sp);
        return;
      }
      case K::Struct: {
        std::vector<compile::FieldLayout> fl = compile::structFields(t);
        int64_t at = 0;
        for (size_t i = 0; i < fl.size(); ++i) {
          if (fl[i].offset > at) span(sp, off + at, fl[i].offset - at, ByteRole::Padding, "padding");
          inlineSpans(s.elems[i], fl[i].type, off + fl[i].offset, label.empty() ? s.names[i] : label + "." + s.names[i], sp);
          at = fl[i].offset + fl[i].size;
        }
        int64_t size = compile::sizeOf(t);
        if (size > at) span(sp, off + at, size - at, ByteRole::Padding, "padding");
        return;
      }
      default: span(sp, off, compile::sizeOf(t), ByteRole::Payload, label.empty() ? s.goType() : label); return;
    }
  }

  // Heap allocations referenced by `count` values of shape s (not the values themselves).
  void referenced(const Shape& s, const types::Type* t, int64_t count) {
    if (count == 0) return;
    switch (s.kind) {
      case K::String:
        if (s.n > 0) {
          ByteBlock b;
          b.title = "string data";
          b.size = s.n;
          if (out.wantSpans) span(b.spans, 0, s.n, ByteRole::Payload, "bytes");
          out.add(std::move(b), count, true, true);
        }
        return;
      case K::Slice: {
        const types::Type* et = t->elem;
        int64_t bytes = s.n * compile::sizeOf(et);
        if (bytes > 0) {
          ByteBlock b;
          b.title = "backing array [" + std::to_string(s.n) + "]" + s.elems[0].goType();
          b.size = bytes;
          if (out.wantSpans) {
            Shape arr = Shape::array(s.elems[0], s.n);
            inlineSpans(arr, types::newArray(arena, et, s.n), 0, "", b.spans);
            coalesce(b.spans);
          }
          out.add(std::move(b), count, true, !compile::hasPointers(et));
        }
        referenced(s.elems[0], et, count * s.n);
        return;
      }
      case K::Array: referenced(s.elems[0], t->elem, count * s.n); return;
      case K::Struct: {
        const types::Type* st = types::under(t);
        for (size_t i = 0; i < s.elems.size(); ++i) referenced(s.elems[i], st->vars[i]->type, count);
        return;
      }
      case K::Pointer: {
        const types::Type* et = t->elem;
        int64_t size = compile::sizeOf(et);
        if (size > 0) {  // new(T) of a zero-size T returns &zerobase (runtime/malloc.go)
          ByteBlock b;
          b.title = "heap " + s.elems[0].goType();
          b.size = size;
          if (out.wantSpans) {
            inlineSpans(s.elems[0], et, 0, "", b.spans);
            coalesce(b.spans);
          }
          out.add(std::move(b), count, true, !compile::hasPointers(et));
        }
        referenced(s.elems[0], et, count);
        return;
      }
      default: return;
    }
  }

  void value(const Shape& s, int64_t count) {
    const types::Type* t = goTypeOf(s, arena);
    ByteBlock b;
    b.title = s.goType() + (s.kind == K::Slice || s.kind == K::String ? " header" : "");
    b.size = compile::sizeOf(t);
    if (out.wantSpans) {
      inlineSpans(s, t, 0, "", b.spans);
      coalesce(b.spans);
    }
    out.add(std::move(b), count, false);
    referenced(s, t, count);
  }
};

// What Go's allocator hands out for `count` allocations of `size` bytes (runtime/malloc.go mallocgc):
// pointer-free objects under 16 bytes share 16-byte tiny blocks (maxTinySize, malloc.go:862-878;
// consecutive equal-size objects pack floor(16/size) to a block, as their tiny alignment divides
// their size), other small objects round up to their size class (sizeclasses.go), large objects
// (> 32 KiB) to whole 8 KiB pages.
int64_t goAllocated(int64_t size, int64_t count, bool noscan) {
  if (size <= 0 || count <= 0) return 0;
  const auto usize = static_cast<uint64_t>(size);
  if (noscan && usize < rt::_TinySize) {
    int64_t perBlock = static_cast<int64_t>(rt::_TinySize) / size;
    return (count + perBlock - 1) / perBlock * static_cast<int64_t>(rt::_TinySize);
  }
  if (usize <= rt::_MaxSmallSize) return static_cast<int64_t>(rt::classToSize(rt::sizeToClass(usize))) * count;
  return static_cast<int64_t>((usize + rt::_PageMask) & ~rt::_PageMask) * count;
}

// ============================================ 4. CPython 3.11 =========================================
// Object sizes on 64-bit CPython 3.11 (what sys.getsizeof reports; it adds the 16-byte PyGC_Head of
// GC-tracked objects, Python/sysmodule.c _PySys_GetSizeOf):
constexpr int64_t kPyObjectHead = 16;   // ob_refcnt, ob_type (Include/object.h PyObject)
constexpr int64_t kPyVarHead = 24;      // + ob_size (PyVarObject)
constexpr int64_t kPyGCHead = 16;       // Include/internal/pycore_gc.h PyGC_Head: two words
constexpr int64_t kPyDigit = 4;         // Include/cpython/longintrepr.h: 30-bit digits in uint32
constexpr int64_t kPyLongSize = kPyVarHead + kPyDigit;  // 28: one digit (|v| < 2^30); 3.11 counts >= 1 digit
constexpr int64_t kPyFloatSize = kPyObjectHead + 8;     // 24: Include/cpython/floatobject.h ob_fval
constexpr int64_t kPyASCIIHead = 48;  // Include/cpython/unicodeobject.h PyASCIIObject (3.11: with wstr)
constexpr int64_t kPyListHead = kPyGCHead + kPyVarHead + 16;  // 56: + ob_item, allocated (listobject.h)
constexpr int64_t kPyTupleHead = kPyGCHead + kPyVarHead;      // 40: items follow inline (tupleobject.h)

struct PyModel {
  Blocks& out;

  void objectHead(std::vector<ByteSpan>& sp, int64_t at) {
    span(sp, at, 8, ByteRole::Header, "ob_refcnt");
    span(sp, at + 8, 8, ByteRole::Header, "ob_type");
  }

  // `count` Python objects for values of shape s.
  void value(const Shape& s, int64_t count) {
    if (count == 0) return;
    ByteBlock b;
    std::vector<ByteSpan>& sp = b.spans;
    bool spans = out.wantSpans;
    switch (s.kind) {
      case K::Int:
      case K::Int64:
      case K::Int32:
      case K::Bool:
        b.title = s.kind == K::Bool ? "bool object" : "int object";
        b.shared = s.kind == K::Bool;  // True and False are singletons
        b.size = kPyLongSize;
        if (spans) {
          objectHead(sp, 0);
          span(sp, 16, 8, ByteRole::Length, "ob_size");
          span(sp, 24, kPyDigit, ByteRole::Payload, "ob_digit[0]");
        }
        out.add(std::move(b), count, true);
        return;
      case K::Float64:
        b.title = "float object";
        b.size = kPyFloatSize;
        if (spans) {
          objectHead(sp, 0);
          span(sp, 16, 8, ByteRole::Payload, "ob_fval");
        }
        out.add(std::move(b), count, true);
        return;
      case K::String:
        b.title = "str object (" + std::to_string(s.n) + " chars)";
        b.size = kPyASCIIHead + s.n + 1;
        if (spans) {
          objectHead(sp, 0);
          span(sp, 16, 8, ByteRole::Length, "length");
          span(sp, 24, 8, ByteRole::Header, "hash");
          span(sp, 32, 4, ByteRole::Header, "state");
          span(sp, 36, 4, ByteRole::Padding, "padding");
          span(sp, 40, 8, ByteRole::Header, "wstr");
          span(sp, 48, s.n, ByteRole::Payload, "characters");
          span(sp, 48 + s.n, 1, ByteRole::Padding, "NUL");
        }
        out.add(std::move(b), count, true);
        return;
      case K::Slice:
      case K::Array: {
        b.title = "list object";
        b.size = kPyListHead;
        if (spans) {
          span(sp, 0, kPyGCHead, ByteRole::Header, "PyGC_Head");
          objectHead(sp, 16);
          span(sp, 32, 8, ByteRole::Length, "ob_size");
          span(sp, 40, 8, ByteRole::Pointer, "ob_item");
          span(sp, 48, 8, ByteRole::Length, "allocated");
        }
        out.add(std::move(b), count, true);
        if (s.n > 0) {  // the item array: a separate block, counted by getsizeof
          ByteBlock items;
          items.title = "list items [" + std::to_string(s.n) + "]";
          items.size = 8 * s.n;
          if (spans) {
            for (int64_t i = 0; i < s.n; ++i) span(items.spans, 8 * i, 8, ByteRole::Pointer, "[" + std::to_string(i) + "]");
            coalesce(items.spans);
          }
          out.add(std::move(items), count, false);
        }
        value(s.elems[0], count * s.n);
        return;
      }
      case K::Struct: {
        int64_t k = static_cast<int64_t>(s.elems.size());
        b.title = "tuple (" + std::to_string(k) + " items)";
        b.size = kPyTupleHead + 8 * k;
        if (spans) {
          span(sp, 0, kPyGCHead, ByteRole::Header, "PyGC_Head");
          objectHead(sp, 16);
          span(sp, 32, 8, ByteRole::Length, "ob_size");
          for (int64_t i = 0; i < k; ++i) span(sp, 40 + 8 * i, 8, ByteRole::Pointer, s.names[static_cast<size_t>(i)]);
        }
        out.add(std::move(b), count, true);
        for (const Shape& f : s.elems) value(f, count);
        return;
      }
      case K::Pointer: value(s.elems[0], count); return;  // every Python name is already a reference
    }
  }
};

// ============================================== 5. Java 17 ============================================
// HotSpot, 64-bit, compressed oops and class pointers, 8-byte object alignment (the defaults for
// heaps under 32 GiB; checked by the measurement program in tests/unit/models/testdata/java).
// Object header: 8-byte mark word + 4-byte compressed class pointer (OpenJDK src/hotspot/share/oops/
// oop.hpp, markWord.hpp); arrays add a 4-byte length (arrayOop.hpp); references are 4 bytes. Field
// layout (JDK 15+ FieldLayoutBuilder, src/hotspot/share/classfile/fieldLayoutBuilder.cpp): fields
// sorted by size, largest first, then references, each put in the first gap that fits at its
// natural alignment, starting right after the header (so an int or byte fills the gap at 12).
// JOL (openjdk.org/projects/code-tools/jol) prints the same layouts.
constexpr int64_t kJavaHeader = 12;
constexpr int64_t kJavaArrayHeader = 16;
constexpr int64_t kJavaRef = 4;
constexpr int64_t kJavaAlign = 8;

int64_t align8(int64_t n) { return (n + kJavaAlign - 1) / kJavaAlign * kJavaAlign; }

struct JField {
  std::string name;
  int64_t size;
  bool ref;
};

// Lays out fields after the header; returns the aligned instance size and the spans.
int64_t javaLayout(const std::vector<JField>& fields, std::vector<ByteSpan>* spans) {
  std::vector<size_t> order(fields.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (fields[a].ref != fields[b].ref) return !fields[a].ref;  // primitives first
    return fields[a].size > fields[b].size;
  });
  std::vector<bool> used;  // byte occupancy after the header
  std::vector<std::pair<int64_t, size_t>> placed;
  for (size_t idx : order) {
    int64_t sz = fields[idx].size;
    int64_t off = kJavaHeader;
    for (;; off += 1) {
      if (off % sz != 0) continue;
      bool free = true;
      for (int64_t b = off; b < off + sz; ++b)
        if (static_cast<size_t>(b) < used.size() && used[static_cast<size_t>(b)]) free = false;
      if (free) break;
    }
    if (used.size() < static_cast<size_t>(off + sz)) used.resize(static_cast<size_t>(off + sz), false);
    for (int64_t b = off; b < off + sz; ++b) used[static_cast<size_t>(b)] = true;
    placed.emplace_back(off, idx);
  }
  int64_t end = std::max<int64_t>(kJavaHeader, static_cast<int64_t>(used.size()));
  int64_t size = align8(end);
  if (spans != nullptr) {
    span(*spans, 0, 8, ByteRole::Header, "mark word");
    span(*spans, 8, 4, ByteRole::Header, "class pointer");
    std::sort(placed.begin(), placed.end());
    int64_t at = kJavaHeader;
    for (const auto& [off, idx] : placed) {
      if (off > at) span(*spans, at, off - at, ByteRole::Padding, "padding");
      span(*spans, off, fields[idx].size, fields[idx].ref ? ByteRole::Pointer : ByteRole::Payload, fields[idx].name);
      at = off + fields[idx].size;
    }
    padTo(*spans, at, size);
  }
  return size;
}

int64_t javaPrimSize(const Shape& s) {
  switch (s.kind) {
    case K::Int32: return 4;
    case K::Bool: return 1;
    default: return 8;  // long, double
  }
}

struct JavaModel {
  Blocks& out;

  size_t array(const std::string& title, int64_t n, int64_t elemSize, bool refs, int64_t count) {
    ByteBlock b;
    b.title = title;
    b.size = align8(kJavaArrayHeader + n * elemSize);
    if (out.wantSpans) {
      span(b.spans, 0, 8, ByteRole::Header, "mark word");
      span(b.spans, 8, 4, ByteRole::Header, "class pointer");
      span(b.spans, 12, 4, ByteRole::Length, "length");
      for (int64_t i = 0; i < n; ++i)
        span(b.spans, kJavaArrayHeader + i * elemSize, elemSize, refs ? ByteRole::Pointer : ByteRole::Payload,
             "[" + std::to_string(i) + "]");
      padTo(b.spans, kJavaArrayHeader + n * elemSize, b.size);
      coalesce(b.spans);
    }
    return out.add(std::move(b), count, true);
  }

  // `count` objects for values of shape s held by reference (primitives boxed).
  void object(const Shape& s, int64_t count) {
    if (count == 0) return;
    ByteBlock b;
    switch (s.kind) {
      case K::Int:
      case K::Int64:
      case K::Int32:
      case K::Bool:
      case K::Float64: {
        // java.lang.Long/Integer/Boolean/Double: one `value` field.
        b.title = javaBoxName(s);
        b.shared = s.kind == K::Bool;  // Boolean.valueOf returns Boolean.TRUE / Boolean.FALSE
        b.size = javaLayout({{"value", javaPrimSize(s), false}}, out.wantSpans ? &b.spans : nullptr);
        out.add(std::move(b), count, true);
        return;
      }
      case K::String: {
        // java.lang.String (JDK 17): byte[] value, byte coder, int hash, boolean hashIsZero; Latin-1
        // text is one byte per character in `value` (JEP 254, compact strings).
        b.title = "String";
        b.size = javaLayout({{"value", kJavaRef, true}, {"coder", 1, false}, {"hash", 4, false}, {"hashIsZero", 1, false}},
                            out.wantSpans ? &b.spans : nullptr);
        out.add(std::move(b), count, true);
        array("byte[" + std::to_string(s.n) + "]", s.n, 1, false, count);
        return;
      }
      case K::Slice: {
        // java.util.ArrayList presized to n: int modCount (AbstractList), int size, Object[]
        // elementData; new ArrayList<>(0) shares the static empty array EMPTY_ELEMENTDATA.
        b.title = "ArrayList";
        b.size = javaLayout({{"modCount", 4, false}, {"size", 4, false}, {"elementData", kJavaRef, true}},
                            out.wantSpans ? &b.spans : nullptr);
        out.add(std::move(b), count, true);
        if (s.n == 0) {
          size_t i = array("Object[0] (shared EMPTY_ELEMENTDATA)", 0, kJavaRef, true, 1);
          out.blocks[i].count = 1;  // one shared array however many lists
        } else {
          array("Object[" + std::to_string(s.n) + "]", s.n, kJavaRef, true, count);
        }
        object(s.elems[0], count * s.n);
        return;
      }
      case K::Array: {
        const Shape& e = s.elems[0];
        if (javaPrimitive(e)) {
          array(std::string(javaPrimName(e)) + "[" + std::to_string(s.n) + "]", s.n, javaPrimSize(e), false, count);
        } else {
          array(javaRefName(e) + "[" + std::to_string(s.n) + "]", s.n, kJavaRef, true, count);
          object(e, count * s.n);
        }
        return;
      }
      case K::Struct: {
        std::vector<JField> fields;
        for (size_t i = 0; i < s.elems.size(); ++i) {
          const Shape& f = s.elems[i];
          fields.push_back(javaPrimitive(f) ? JField{s.names[i], javaPrimSize(f), false} : JField{s.names[i], kJavaRef, true});
        }
        b.title = "object " + s.goType();
        b.size = javaLayout(fields, out.wantSpans ? &b.spans : nullptr);
        out.add(std::move(b), count, true);
        for (const Shape& f : s.elems)
          if (!javaPrimitive(f)) object(f, count);  // strings, lists, arrays, nested objects, boxes
        return;
      }
      case K::Pointer: object(s.elems[0], count); return;
    }
  }

  // One standalone value: primitives stay primitive (a local variable or field).
  void value(const Shape& s, int64_t count) {
    if (javaPrimitive(s)) {
      ByteBlock b;
      b.title = std::string(javaPrimName(s)) + " (primitive)";
      b.size = javaPrimSize(s);
      if (out.wantSpans) span(b.spans, 0, b.size, ByteRole::Payload, javaPrimName(s));
      out.add(std::move(b), count, false);
      return;
    }
    object(s, count);
  }
};

}  // namespace

// ====================================== 6. footprints, series, grids ===================================

namespace {

Footprint finish(Blocks& b, Runtime rt) {
  b.capShared();
  Footprint f;
  f.bytes = b.bytes();
  f.objects = b.objects();
  f.formula = b.formula();
  f.allocated = f.bytes;
  if (rt == Runtime::Go) {
    f.allocated = 0;
    for (size_t i = 0; i < b.blocks.size(); ++i) {
      const ByteBlock& blk = b.blocks[i];
      f.allocated += b.isObject[i] ? goAllocated(blk.size, blk.count, b.noscan[i]) : blk.size * blk.count;
    }
  }
  return f;
}

void build(Blocks& b, const Shape& v, Runtime rt) {
  switch (rt) {
    case Runtime::Go: {
      GoModel m(b);
      m.value(v, 1);
      return;
    }
    case Runtime::CPython: PyModel{b}.value(v, 1); return;
    case Runtime::Java: JavaModel{b}.value(v, 1); return;
  }
}

}  // namespace

Footprint footprint(const Shape& v, Runtime rt) {
  Blocks b;
  build(b, v, rt);
  return finish(b, rt);
}

Footprint footprintOfN(const Shape& elem, int64_t n, Collection c) {
  Blocks b;
  switch (c) {
    case Collection::GoSlice: {
      GoModel m(b);
      m.value(Shape::slice(elem, n), 1);
      return finish(b, Runtime::Go);
    }
    case Collection::PythonList: PyModel{b}.value(Shape::slice(elem, n), 1); return finish(b, Runtime::CPython);
    case Collection::JavaArray: JavaModel{b}.object(Shape::array(elem, n), 1); return finish(b, Runtime::Java);
    case Collection::JavaArrayList: JavaModel{b}.object(Shape::slice(elem, n), 1); return finish(b, Runtime::Java);
  }
  return {};
}

std::vector<SeriesRow> footprintSeries(const Shape& elem, const std::vector<int64_t>& ns) {
  std::vector<SeriesRow> rows;
  for (int64_t n : ns) {
    SeriesRow r;
    r.n = n;
    Footprint g = footprintOfN(elem, n, Collection::GoSlice);
    r.go = g.bytes;
    r.goAllocated = g.allocated;
    r.cpython = footprintOfN(elem, n, Collection::PythonList).bytes;
    r.javaArray = footprintOfN(elem, n, Collection::JavaArray).bytes;
    r.javaList = footprintOfN(elem, n, Collection::JavaArrayList).bytes;
    rows.push_back(r);
  }
  return rows;
}

ByteGrid byteGrid(const Shape& v, Runtime rt) {
  Blocks b;
  b.wantSpans = true;
  build(b, v, rt);
  b.capShared();
  ByteGrid g;
  g.runtime = rt;
  g.blocks = std::move(b.blocks);
  return g;
}

}  // namespace gofast::models
