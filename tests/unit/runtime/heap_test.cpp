#include <doctest/doctest.h>

#include <set>

#include "runtime/heap.h"

using namespace gofast::rt;

namespace {

struct Env {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  explicit Env(HeapConfig cfg = {}) : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as, cfg) {
    REQUIRE(mapped);
  }
};

// A type with `words` words where the listed words hold pointers.
struct TestType {
  std::vector<uint8_t> mask;
  GcType t;
  TestType(uint64_t words, std::initializer_list<uint64_t> ptrWords) : mask((words + 7) / 8, 0) {
    uint64_t last = 0;
    for (uint64_t w : ptrWords) {
      mask[w / 8] |= uint8_t(1u << (w % 8));
      last = std::max(last, w + 1);
    }
    t = GcType{words * 8, last * 8, mask.data()};
  }
};

}  // namespace

TEST_CASE("heap: objects are aligned to their size class and laid out in slots") {
  Env e;
  const GcType* noscan = nullptr;
  AllocResult a = e.heap.mallocgc(48, noscan);
  REQUIRE(a.ok());
  CHECK(a.p == 0xc000000000);  // the first object of the first span at the arena base
  AllocResult b = e.heap.mallocgc(40, noscan);  // also class 5 (48 bytes)
  CHECK(b.p == a.p + 48);
  AllocResult c = e.heap.mallocgc(100, noscan);  // class 9 (112): a new span on the next page
  CHECK(c.p == 0xc000000000 + 8192);
  for (uint64_t size : {8, 16, 24, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192}) {
    AllocResult r = e.heap.mallocgc(size, noscan);
    REQUIRE(r.ok());
    CAPTURE(size);
    CHECK(r.p % std::min<uint64_t>(size, 8192) == 0);
  }
  ObjectRef ref;
  REQUIRE(e.heap.findObject(b.p + 17, &ref));  // interior pointer
  CHECK(ref.base == b.p);
  CHECK(ref.size == 48);
  CHECK_FALSE(e.heap.findObject(b.p + 48 + 5, &ref));  // the free slot after b
  CHECK_FALSE(e.heap.findObject(0xc000000000 + 8192 * 1000, &ref));  // free pages
  CHECK_FALSE(e.heap.findObject(0x400000, &ref));  // outside the arena
}

TEST_CASE("heap: tail waste is not an object; span sizes follow the class table") {
  Env e;
  // Class 3 (24 bytes): 341 objects in 8192 bytes, 8 bytes of tail waste.
  Addr first = 0, last = 0;
  for (int i = 0; i < 341; i++) {
    AllocResult r = e.heap.mallocgc(24, nullptr, true);
    REQUIRE(r.ok());
    if (i == 0) first = r.p;
    last = r.p;
  }
  CHECK(last == first + 340 * 24);
  const mspan& s = e.heap.span(e.heap.spanOf(first));
  CHECK(s.nelems == 341);
  CHECK(s.allocCount == 341);
  CHECK(s.npages == 1);
  CHECK(s.spanclass == makeSpanClass(3, true));
  CHECK_FALSE(e.heap.findObject(first + 341 * 24, nullptr));
  AllocResult next = e.heap.mallocgc(24, nullptr);
  CHECK(e.heap.spanOf(next.p) != e.heap.spanOf(first));
  // Class 35 (1408) spans are two pages.
  AllocResult big = e.heap.mallocgc(1400, nullptr);
  CHECK(e.heap.span(e.heap.spanOf(big.p)).npages == 2);
}

TEST_CASE("heap: memory is zeroed on allocation, even when a slot is reused") {
  Env e;
  TestType pair(2, {0});
  AllocResult a = e.heap.mallocgc(16, &pair.t);
  REQUIRE(e.as.writeU64(a.p, 0x1111).ok());
  REQUIRE(e.as.writeU64(a.p + 8, 0x2222).ok());
  // Free everything with a sweep that finds no marks, then reuse the slot.
  e.heap.releaseAllCaches();
  for (SpanId s : e.heap.inUseSpans()) e.heap.sweepSpan(s);
  e.heap.finishSweep();
  CHECK(e.heap.stats().heapLive == 0);
  CHECK(e.heap.stats().spansInUse == 0);
  AllocResult b = e.heap.mallocgc(16, &pair.t);
  CHECK(b.p == a.p);  // same pages, same slot
  uint64_t v = 1;
  CHECK(e.as.readU64(b.p, v).ok());
  CHECK(v == 0);
  CHECK(e.as.readU64(b.p + 8, v).ok());
  CHECK(v == 0);
}

TEST_CASE("heap: pointer bitmaps record the type's pointer words, repeated for arrays") {
  Env e;
  TestType t(3, {1, 2});  // struct { x int; p *T; q *T }
  AllocResult a = e.heap.mallocgc(24, &t.t);
  const mspan& s = e.heap.span(e.heap.spanOf(a.p));
  CHECK_FALSE(s.noscan());
  CHECK_FALSE(s.hasPointerAt(a.p));
  CHECK(s.hasPointerAt(a.p + 8));
  CHECK(s.hasPointerAt(a.p + 16));
  // [5]T: the mask repeats every 24 bytes; 120 bytes -> class 11 (128)
  AllocResult arr = e.heap.mallocgc(5 * 24, &t.t);
  const mspan& s2 = e.heap.span(e.heap.spanOf(arr.p));
  for (int i = 0; i < 5; i++) {
    CHECK_FALSE(s2.hasPointerAt(arr.p + i * 24));
    CHECK(s2.hasPointerAt(arr.p + i * 24 + 8));
    CHECK(s2.hasPointerAt(arr.p + i * 24 + 16));
  }
  CHECK_FALSE(s2.hasPointerAt(arr.p + 120));  // slot padding
  // A pointer-free type goes to a noscan span with no bitmap.
  TestType plain(2, {});
  AllocResult n = e.heap.mallocgc(16, &plain.t);
  CHECK(e.heap.span(e.heap.spanOf(n.p)).noscan());
  CHECK(e.heap.span(e.heap.spanOf(n.p)).ptrBits.empty());
}

TEST_CASE("heap: tiny allocator packs small pointer-free objects into 16-byte blocks") {
  Env e;
  AllocResult a = e.heap.mallocgc(1, nullptr);
  AllocResult b = e.heap.mallocgc(2, nullptr);  // aligned to 2
  AllocResult c = e.heap.mallocgc(4, nullptr);  // aligned to 4
  AllocResult d = e.heap.mallocgc(8, nullptr);  // aligned to 8
  CHECK(b.p == a.p + 2);
  CHECK(c.p == a.p + 4);
  CHECK(d.p == a.p + 8);
  AllocResult f = e.heap.mallocgc(4, nullptr);  // block full: a new one
  CHECK(f.p == a.p + 16);
  CHECK(e.heap.stats().tinyAllocs == 3);
  CHECK(e.heap.stats().mallocs == 5);
  CHECK(e.heap.span(e.heap.spanOf(a.p)).spanclass == tinySpanClass);
  // Turned off, each gets its own 8-byte slot.
  HeapConfig cfg;
  cfg.tinyAlloc = false;
  Env e2(cfg);
  AllocResult x = e2.heap.mallocgc(1, nullptr);
  AllocResult y = e2.heap.mallocgc(1, nullptr);
  CHECK(y.p == x.p + 8);
}

TEST_CASE("heap: zero-size allocations return zerobase; large objects get their own span") {
  HeapConfig cfg;
  cfg.zerobase = 0x5a0000;
  Env e(cfg);
  CHECK(e.heap.mallocgc(0, nullptr).p == 0x5a0000);
  CHECK(e.heap.stats().mallocs == 0);

  AllocResult small = e.heap.mallocgc(8, nullptr);
  TestType t(1, {0});
  AllocResult big = e.heap.mallocgc(40000, &t.t);  // > 32 KiB, 5 pages
  REQUIRE(big.ok());
  CHECK(big.p % _PageSize == 0);
  const mspan& s = e.heap.span(e.heap.spanOf(big.p));
  CHECK(s.sizeclass() == 0);
  CHECK(s.npages == 5);
  CHECK(s.nelems == 1);
  CHECK(s.elemsize == 5 * _PageSize);
  ObjectRef ref;
  REQUIRE(e.heap.findObject(big.p + 39999, &ref));
  CHECK(ref.base == big.p);
  CHECK(e.heap.spanOf(big.p + 5 * _PageSize) != e.heap.spanOf(big.p));
  CHECK(s.hasPointerAt(big.p + 39992));
  CHECK(e.heap.stats().heapLive == 8 * 0 + 16 /* tiny block */ + 5 * _PageSize);
  (void)small;

  // Freed large spans give their pages back, and the next large object reuses them.
  e.heap.releaseAllCaches();
  for (SpanId id : e.heap.inUseSpans()) e.heap.sweepSpan(id);
  e.heap.finishSweep();
  AllocResult big2 = e.heap.mallocgc(40000, nullptr);
  CHECK(big2.p == 0xc000000000);  // lowest free pages first
}

TEST_CASE("heap: spans are reused after sweeping, lowest address first") {
  Env e;
  std::vector<Addr> objs;
  for (int i = 0; i < 3 * 512; i++) objs.push_back(e.heap.mallocgc(16, nullptr, true).p);  // class 2: 512 per span
  CHECK(e.heap.stats().spansInUse == 3);
  // Keep only object 0 of the second span (mark it), sweep.
  e.heap.releaseAllCaches();
  ObjectRef ref;
  REQUIRE(e.heap.findObject(objs[512], &ref));
  e.heap.span(ref.span).gcmarkBits[0] |= 1;
  for (SpanId id : e.heap.inUseSpans()) e.heap.sweepSpan(id);
  e.heap.finishSweep();
  CHECK(e.heap.stats().spansInUse == 1);
  CHECK(e.heap.stats().frees == 3 * 512 - 1);
  CHECK(e.heap.stats().heapLive == 16);
  // The partial span is used first (its slot 1), then pages from the lowest address.
  CHECK(e.heap.mallocgc(16, nullptr).p == objs[513]);
  for (int i = 0; i < 510; i++) e.heap.mallocgc(16, nullptr);
  CHECK(e.heap.mallocgc(16, nullptr).p == objs[0]);
}

TEST_CASE("heap: the arena grows in 64 MiB steps and allocation fails at the limit") {
  HeapConfig cfg;
  cfg.maxArenaBytes = 128 << 20;
  Env e(cfg);
  CHECK(e.heap.stats().heapSys == 64 << 20);
  AllocResult a = e.heap.mallocgc(48 << 20, nullptr);
  REQUIRE(a.ok());
  AllocResult b = e.heap.mallocgc(48 << 20, nullptr);  // does not fit in the first arena
  REQUIRE(b.ok());
  CHECK(b.p == a.p + (48 << 20));
  CHECK(e.heap.stats().heapSys == 128 << 20);
  CHECK(e.as.find(0xc000000000)->hi == 0xc000000000 + (128 << 20));
  AllocResult c = e.heap.mallocgc(48 << 20, nullptr);
  CHECK(c.status == AllocStatus::OutOfMemory);
  CHECK(e.heap.mallocgc(uint64_t{1} << 40, nullptr).status == AllocStatus::OutOfMemory);
  CHECK(e.as.residentBytes() < (1 << 20));  // zeroing untouched pages allocated nothing
}
