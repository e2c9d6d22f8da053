// Footprint models: how many bytes "the same" value takes in Go, CPython 3.11 and Java (HotSpot).
//
// Chapter 1's Footprint panel puts a Go value next to its Python and Java counterparts: an int is 8
// bytes in Go, a 28-byte object in CPython, a primitive long (8) or a boxed Long (24) in Java; a
// []int of N is one contiguous block in Go, a list of N pointers to N int objects in Python, and an
// ArrayList of N references to N boxes in Java. This module computes those numbers from each
// runtime's documented object layout, without running Python or Java; the tests hold the numbers
// measured on the real runtimes (tests/unit/models/testdata: sys.getsizeof on CPython 3.11.7,
// Instrumentation.getObjectSize on OpenJDK 17.0.15), so the model is checked, not trusted.
//
// Counting rule, the same for every runtime ("deep size"): the sum of the sizes of the distinct
// objects reachable from the value (for Python: sys.getsizeof, which includes the GC header; for
// Java: the aligned object size; for Go: the value's own bytes plus every heap allocation it
// references). Shared objects count once: Python's True/False and Java's Boolean.TRUE/FALSE (the
// model assumes both occur as soon as there are two or more bool slots, as in the measurements).
// Values are assumed distinct and outside the small-value caches (CPython's ints -5..256, Java's
// Long/Integer cache -128..127), strings ASCII (1 byte per character in all three runtimes).
//
// Go's "allocated" figure also rounds each heap allocation to what the allocator really hands out:
// size classes (runtime/sizeclasses.go), whole pages for large objects, and the tiny allocator's
// 16-byte blocks shared by small pointer-free objects (runtime/malloc.go). Sizes of Go types come
// from compile/layout (one source of truth with the checker's unsafe.Sizeof).
//
// Mappings (what "the same value" is):
//   Go                 CPython 3.11                    Java 17 (value / in a collection)
//   int, int64         int (28: one 30-bit digit)      long 8 / Long 24
//   int32              int (28)                        int 4 / Integer 16
//   bool               bool (shared True/False, 28)    boolean 1 / Boolean 16 (shared TRUE/FALSE)
//   float64            float 24                        double 8 / Double 24
//   string (n ASCII)   str 49+n                        String 24 + byte[] (16+n, aligned 8)
//   []T                list 56+8n + elements           ArrayList 24 + Object[] (16+4n) + elements
//   [n]T               list (no fixed arrays)          T[] (primitive array, or references + objects)
//   struct{...}        tuple 40+8k + fields            an object (12-byte header, fields, aligned 8)
//   *T                 the T object (names are refs)   the T object (boxed for primitives)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gofast::models {

// A Go value's shape (a type plus the lengths the footprint depends on).
struct Shape {
  enum class Kind : uint8_t { Int, Int64, Int32, Bool, Float64, String, Slice, Array, Struct, Pointer };
  Kind kind = Kind::Int;
  int64_t n = 0;                   // String: length in bytes (ASCII); Slice/Array: number of elements
  std::vector<Shape> elems;        // Slice/Array: {element}; Pointer: {pointee}; Struct: the fields
  std::vector<std::string> names;  // Struct: field names

  static Shape intValue() { return Shape{}; }
  static Shape int64Value() { return basic(Kind::Int64); }
  static Shape int32Value() { return basic(Kind::Int32); }
  static Shape boolValue() { return basic(Kind::Bool); }
  static Shape float64Value() { return basic(Kind::Float64); }
  static Shape string(int64_t len);
  static Shape slice(const Shape& elem, int64_t len);
  static Shape array(const Shape& elem, int64_t len);
  static Shape pointer(const Shape& pointee);
  static Shape structOf(const std::vector<std::pair<std::string, Shape>>& fields);

  // Go spelling of the type ("[]int", "*struct{a bool; b int64}"), lengths of strings and slices
  // aside (they are values, not part of the type).
  std::string goType() const;
  // What the value is called in the other runtime ("list of int", "ArrayList<Long>").
  std::string pythonName() const;
  std::string javaName() const;

 private:
  static Shape basic(Kind k) {
    Shape s;
    s.kind = k;
    return s;
  }
};

enum class Runtime : uint8_t { Go, CPython, Java };
const char* runtimeName(Runtime rt);  // "Go 1.19", "CPython 3.11", "Java 17 (HotSpot)"

struct Footprint {
  int64_t bytes = 0;      // deep size (see the counting rule above)
  int64_t allocated = 0;  // Go: with size classes, pages and tiny blocks; CPython/Java: = bytes
  int64_t objects = 0;    // heap objects: Go allocations; Python/Java objects (shared ones once)
  std::string formula;    // how the bytes add up, e.g. "list 56 + 8×10, 10 int × 28"
};

// One value of shape v, as a variable holds it (Java primitives unboxed, Go values inline).
Footprint footprint(const Shape& v, Runtime rt);

// N values of shape elem in the runtime's usual container.
enum class Collection : uint8_t {
  GoSlice,        // make([]T, n): slice header + backing array (+ what elements reference)
  PythonList,     // a list of exactly n slots
  JavaArray,      // T[]: primitive array for primitive T, else references + objects
  JavaArrayList,  // new ArrayList<>(n) of boxed T / objects
};
const char* collectionName(Collection c);  // "[]T", "list", "T[]", "ArrayList<T>"
Footprint footprintOfN(const Shape& elem, int64_t n, Collection c);

// One point of the "bytes against N" chart.
struct SeriesRow {
  int64_t n = 0;
  int64_t go = 0, goAllocated = 0, cpython = 0, javaArray = 0, javaList = 0;
};
std::vector<SeriesRow> footprintSeries(const Shape& elem, const std::vector<int64_t>& ns);

// ---- byte grids: what each byte of each object is ----------------------------------------------------

enum class ByteRole : uint8_t {
  Header,   // object header: refcount/type (CPython), mark word/class pointer (Java), GC header
  Length,   // a length/capacity/size word (slice len & cap, string length, array length, ob_size)
  Pointer,  // a reference to another object
  Payload,  // the value's own data (numbers, characters, booleans)
  Padding,  // alignment padding (unused bytes)
};
const char* byteRoleName(ByteRole r);  // "header", "length", "pointer", "payload", "padding"

struct ByteSpan {
  int64_t offset = 0, size = 0;
  ByteRole role = ByteRole::Payload;
  std::string label;  // "ob_refcnt", "len", "a", "digit", "value[0..4]"
};

// One object (or the inline Go value): its spans tile [0, size) in offset order.
struct ByteBlock {
  std::string title;  // "[]int header (inline)", "backing array [10]int", "int object", "Long"
  int64_t size = 0;
  int64_t count = 1;  // identical objects drawn once (e.g. 10 int objects): this block × count
  bool shared = false;  // a shared singleton (True/False, Boolean.TRUE): counted once overall
  std::vector<ByteSpan> spans;
};

struct ByteGrid {
  Runtime runtime = Runtime::Go;
  std::vector<ByteBlock> blocks;  // the value's own block first, then referenced objects
  int64_t totalBytes() const;     // Σ size × count (shared blocks once) == footprint(v, rt).bytes
};
ByteGrid byteGrid(const Shape& v, Runtime rt);

}  // namespace gofast::models
