// Footprint models against the real runtimes. Every expected number was measured, not derived:
//   testdata/cpython_sizes.txt  python3 cpython_sizes.py (CPython 3.11.7: sys.getsizeof, deep)
//   testdata/java_sizes.txt     java/run.sh (OpenJDK 17.0.15, Instrumentation.getObjectSize, deep;
//                               compressed oops and class pointers, 8-byte alignment)
//   testdata/go_sizes.txt       go run go_sizes.go (Go 1.19.8 linux/amd64: MemStats.TotalAlloc and
//                               Mallocs while building the values; unsafe.Sizeof sums)
// Each program lists the shapes it builds; kShapes below is the same list on our side.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "models/footprint.h"

using namespace gofast::models;

namespace {

std::map<std::string, std::vector<int64_t>> readMeasurements(const char* file) {
  std::map<std::string, std::vector<int64_t>> m;
  std::ifstream in(std::filesystem::path(GOFAST_SOURCE_DIR) / "tests/unit/models/testdata" / file);
  REQUIRE(in.good());
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    int64_t v = 0;
    while (ls >> v) m[key].push_back(v);
  }
  return m;
}

Shape padded() {
  return Shape::structOf({{"a", Shape::boolValue()}, {"b", Shape::int64Value()}, {"c", Shape::boolValue()}});
}
Shape named() { return Shape::structOf({{"n", Shape::intValue()}, {"s", Shape::string(5)}}); }

// The element shapes the measurement programs build (same names there).
const std::vector<std::pair<std::string, Shape>>& kShapes() {
  static const std::vector<std::pair<std::string, Shape>> shapes = {
      {"int", Shape::intValue()},
      {"int32", Shape::int32Value()},
      {"bool", Shape::boolValue()},
      {"float64", Shape::float64Value()},
      {"string5", Shape::string(5)},
      {"struct_padded", padded()},
      {"struct_named", named()},
      {"ptr_struct_padded", Shape::pointer(padded())},
      {"slice_int3", Shape::slice(Shape::intValue(), 3)},
  };
  return shapes;
}

// Standalone values measured on top of the element shapes.
const std::vector<std::pair<std::string, Shape>>& kValues() {
  static const std::vector<std::pair<std::string, Shape>> values = [] {
    std::vector<std::pair<std::string, Shape>> v = kShapes();
    v.emplace_back("string0", Shape::string(0));
    v.emplace_back("string100", Shape::string(100));
    v.emplace_back("slice_int10", Shape::slice(Shape::intValue(), 10));
    v.emplace_back("array_int10", Shape::array(Shape::intValue(), 10));
    return v;
  }();
  return values;
}

const int64_t kNs[] = {0, 1, 2, 10, 1000};

int64_t one(const std::map<std::string, std::vector<int64_t>>& m, const std::string& key, size_t i = 0) {
  auto it = m.find(key);
  REQUIRE_MESSAGE(it != m.end(), key);
  REQUIRE(it->second.size() > i);
  return it->second[i];
}

}  // namespace

TEST_CASE("footprint: CPython 3.11 values and lists match sys.getsizeof measurements") {
  auto m = readMeasurements("cpython_sizes.txt");
  int checked = 0;
  for (const auto& entry : kValues()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
    if (name == "array_int10" || m.count("value." + name) == 0) continue;
    INFO(name);
    CHECK(footprint(shape, Runtime::CPython).bytes == one(m, "value." + name));
    ++checked;
  }
  CHECK(footprint(Shape::array(Shape::intValue(), 10), Runtime::CPython).bytes == one(m, "value.array_int10"));
  ++checked;
  for (const auto& entry : kShapes()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
    for (int64_t n : kNs) {
      INFO(name << " N=" << n);
      CHECK(footprintOfN(shape, n, Collection::PythonList).bytes == one(m, "list." + name + "." + std::to_string(n)));
      ++checked;
    }
  }
  CHECK(checked == 13 + 45);
  // The object sizes behind them.
  CHECK(one(m, "getsizeof.int") == 28);
  CHECK(footprint(Shape::string(0), Runtime::CPython).bytes == one(m, "getsizeof.str0"));
  CHECK(footprintOfN(Shape::boolValue(), 10, Collection::PythonList).formula ==
        "list object 56 + list items [10] 80 + 2 \xC3\x97 bool object 28");
}

TEST_CASE("footprint: Java 17 values, arrays and ArrayLists match Instrumentation.getObjectSize") {
  auto m = readMeasurements("java_sizes.txt");
  int checked = 0;
  for (const auto& entry : kValues()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
    INFO(name);
    CHECK(footprint(shape, Runtime::Java).bytes == one(m, "value." + name));
    ++checked;
  }
  for (const auto& entry : kShapes()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
    for (int64_t n : kNs) {
      INFO(name << " N=" << n);
      CHECK(footprintOfN(shape, n, Collection::JavaArray).bytes == one(m, "array." + name + "." + std::to_string(n)));
      CHECK(footprintOfN(shape, n, Collection::JavaArrayList).bytes == one(m, "list." + name + "." + std::to_string(n)));
      checked += 2;
    }
  }
  CHECK(checked == 13 + 90);
  // Field layouts (the first block of the grid is the object itself).
  struct {
    const char* key;
    Shape shape;
  } layouts[] = {
      {"shallow.F0", Shape::structOf({})},
      {"shallow.F1", Shape::structOf({{"a", Shape::int32Value()}, {"s", Shape::string(0)}, {"b", Shape::boolValue()}})},
      {"shallow.F2", Shape::structOf({{"a", Shape::boolValue()}, {"b", Shape::boolValue()}, {"c", Shape::boolValue()}})},
      {"shallow.F5", Shape::structOf({{"a", Shape::string(0)}, {"b", Shape::string(0)}, {"c", Shape::string(0)}})},
      {"shallow.Padded", padded()},
      {"shallow.Named", named()},
      {"shallow.Long", Shape::pointer(Shape::intValue())},
      {"shallow.Integer", Shape::pointer(Shape::int32Value())},
      {"shallow.Double", Shape::pointer(Shape::float64Value())},
      {"shallow.Boolean", Shape::pointer(Shape::boolValue())},
      {"shallow.String", Shape::string(5)},
      {"shallow.ArrayList", Shape::slice(Shape::intValue(), 10)},
  };
  for (const auto& l : layouts) {
    INFO(l.key);
    ByteGrid g = byteGrid(l.shape, Runtime::Java);
    REQUIRE(!g.blocks.empty());
    CHECK(g.blocks[0].size == one(m, l.key));
  }
  for (int64_t n : {0, 1, 3, 10}) {
    INFO(n);
    std::string s = "[" + std::to_string(n) + "]";
    CHECK(footprint(Shape::array(Shape::intValue(), n), Runtime::Java).bytes == one(m, "shallow.long" + s));
    CHECK(footprint(Shape::array(Shape::int32Value(), n), Runtime::Java).bytes == one(m, "shallow.int" + s));
    CHECK(footprint(Shape::array(Shape::boolValue(), n), Runtime::Java).bytes == one(m, "shallow.boolean" + s));
  }
}

TEST_CASE("footprint: Go slices match Go 1.19's sizes, allocator rounding and allocation counts") {
  auto m = readMeasurements("go_sizes.txt");
  int checked = 0;
  for (const auto& entry : kShapes()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
    for (int64_t n : {0, 1, 2, 10, 1000, 5000}) {
      INFO(name << " N=" << n);
      std::string k = name + "." + std::to_string(n);
      Footprint f = footprintOfN(shape, n, Collection::GoSlice);
      CHECK(f.bytes == one(m, "bytes." + k));
      // The slice header lives in a global (not allocated); TotalAlloc counts the heap only.
      CHECK(f.allocated - 24 == one(m, "alloc." + k, 0));
      CHECK(f.objects == one(m, "alloc." + k, 1));
      ++checked;
    }
  }
  CHECK(checked == 54);
}

TEST_CASE("footprint: single Go values and the series") {
  // Go 1.19 unsafe.Sizeof: int 8, bool 1, string 16, []int 24, [10]int 80, Padded 24; plus the
  // referenced heap bytes (5 string bytes; 24 for *Padded's object).
  CHECK(footprint(Shape::intValue(), Runtime::Go).bytes == 8);
  CHECK(footprint(Shape::boolValue(), Runtime::Go).bytes == 1);
  CHECK(footprint(Shape::string(5), Runtime::Go).bytes == 16 + 5);
  CHECK(footprint(Shape::array(Shape::intValue(), 10), Runtime::Go).bytes == 80);
  CHECK(footprint(Shape::array(Shape::intValue(), 10), Runtime::Go).objects == 0);
  Footprint p = footprint(Shape::pointer(padded()), Runtime::Go);
  CHECK(p.bytes == 8 + 24);
  CHECK(p.objects == 1);
  CHECK(p.formula == "*struct{a bool; b int64; c bool} 8 + heap struct{a bool; b int64; c bool} 24");

  std::vector<SeriesRow> rows = footprintSeries(Shape::intValue(), {0, 10, 1000});
  REQUIRE(rows.size() == 3);
  // Measured (go_sizes.txt, cpython_sizes.txt, java_sizes.txt): N = 1000 ints.
  CHECK(rows[2].n == 1000);
  CHECK(rows[2].go == 24 + 8000);
  CHECK(rows[2].goAllocated == 24 + 8192);
  CHECK(rows[2].cpython == 36056);
  CHECK(rows[2].javaArray == 8016);
  CHECK(rows[2].javaList == 28040);
  CHECK(rows[0].go == 24);
}

TEST_CASE("footprint: byte grids tile every block and add up to the footprint") {
  for (Runtime rt : {Runtime::Go, Runtime::CPython, Runtime::Java}) {
    for (const auto& entry : kValues()) {
    const auto& name = entry.first;
    const auto& shape = entry.second;
      INFO(runtimeName(rt) << " " << name);
      ByteGrid g = byteGrid(shape, rt);
      CHECK(g.totalBytes() == footprint(shape, rt).bytes);
      for (const ByteBlock& b : g.blocks) {
        INFO(b.title);
        int64_t at = 0;
        for (const ByteSpan& s : b.spans) {
          CHECK(s.offset == at);
          CHECK(s.size > 0);
          at += s.size;
        }
        CHECK(at == b.size);
      }
    }
  }
  // Go's Padded: a, 7 bytes of padding, b, c, 7 bytes of tail padding (offsets from unsafe.Offsetof).
  ByteGrid g = byteGrid(padded(), Runtime::Go);
  REQUIRE(g.blocks.size() == 1);
  const auto& sp = g.blocks[0].spans;
  REQUIRE(sp.size() == 5);
  CHECK((sp[0].label == "a" && sp[0].role == ByteRole::Payload && sp[0].size == 1));
  CHECK((sp[1].role == ByteRole::Padding && sp[1].offset == 1 && sp[1].size == 7));
  CHECK((sp[2].label == "b" && sp[2].offset == 8));
  CHECK((sp[3].label == "c" && sp[3].offset == 16));
  CHECK((sp[4].role == ByteRole::Padding && sp[4].size == 7));
  // CPython int: header words, ob_size, one 30-bit digit.
  ByteGrid pi = byteGrid(Shape::intValue(), Runtime::CPython);
  REQUIRE(pi.blocks.size() == 1);
  CHECK(pi.blocks[0].spans.back().label == "ob_digit[0]");
  CHECK(pi.blocks[0].spans[0].role == ByteRole::Header);
  // Java String: header, hash, coder, hashIsZero, value reference; then the byte[].
  ByteGrid js = byteGrid(Shape::string(5), Runtime::Java);
  REQUIRE(js.blocks.size() == 2);
  CHECK(js.blocks[1].title == "byte[5]");
  CHECK(js.blocks[1].spans[2].role == ByteRole::Length);
  // A big backing array stays drawable.
  ByteGrid big = byteGrid(Shape::slice(Shape::intValue(), 100000), Runtime::Go);
  REQUIRE(big.blocks.size() == 2);
  CHECK(big.blocks[1].spans.size() <= 64);
  CHECK(big.blocks[1].size == 800000);
}

TEST_CASE("footprint: names") {
  Shape s = Shape::slice(Shape::pointer(padded()), 3);
  CHECK(s.goType() == "[]*struct{a bool; b int64; c bool}");
  CHECK(Shape::slice(Shape::intValue(), 1).javaName() == "ArrayList<Long>");
  CHECK(Shape::array(Shape::int32Value(), 4).javaName() == "int[]");
  CHECK(Shape::slice(Shape::float64Value(), 1).pythonName() == "list of float");
  CHECK(std::string(collectionName(Collection::JavaArrayList)) == "ArrayList<T>");
  CHECK(std::string(byteRoleName(ByteRole::Padding)) == "padding");
}
