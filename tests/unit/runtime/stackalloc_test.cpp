#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "runtime/gc.h"
#include "runtime/stackalloc.h"

using namespace gofast::rt;

namespace {

struct Env {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  StackAllocator stacks;
  explicit Env(StackConfig cfg = {})
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as), stacks(heap, cfg) {
    REQUIRE(mapped);
  }
};

}  // namespace

TEST_CASE("stackalloc: 2 KiB stacks are carved from 32 KiB spans in the heap arena") {
  Env e;
  CHECK(_StackMin == 2048);
  stack s = e.stacks.stackalloc(_StackMin);
  REQUIRE(s.ok());
  CHECK(s.size() == 2048);
  CHECK(e.heap.inArena(s.lo));
  CHECK(e.as.find(s.lo)->kind == MappingKind::HeapArena);
  const SpanId id = e.heap.spanOf(s.lo);
  REQUIRE(id != kNoSpan);
  const mspan& sp = e.heap.span(id);
  CHECK(sp.state == mSpanState::mSpanManual);
  CHECK(sp.npages == _StackCacheSize / _PageSize);
  CHECK(sp.elemsize == 2048);
  // The pool hands out the span's stacks from the top down; the cache takes 8 of them (half of
  // _StackCacheSize) pushing each on its list head, so the 8th from the top comes out first.
  CHECK(s.lo == sp.startAddr + _StackCacheSize - 8 * 2048);
  CHECK(s.lo % 2048 == 0);
  // The cache was refilled with half of _StackCacheSize (8 stacks); 7 are left in it.
  CHECK(e.heap.defaultCache().stackcache[0].list.size() == 7);
  CHECK(e.heap.stats().stackInuse == _StackCacheSize);
  CHECK_FALSE(e.heap.findObject(s.lo, nullptr));  // not a heap object
}

TEST_CASE("stackalloc: every power-of-two size, distinct and non-overlapping") {
  Env e;
  std::vector<stack> all;
  for (uint64_t n = 2048; n <= (1 << 20); n <<= 1)
    for (int i = 0; i < 20; i++) {
      stack s = e.stacks.stackalloc(n);
      REQUIRE(s.ok());
      CHECK(s.size() == n);
      CHECK(s.lo % std::min<uint64_t>(n, _PageSize) == 0);
      all.push_back(s);
    }
  std::sort(all.begin(), all.end(), [](const stack& a, const stack& b) { return a.lo < b.lo; });
  for (size_t i = 1; i < all.size(); i++) CHECK(all[i - 1].hi <= all[i].lo);
  // 32 KiB and more: one span per stack, exactly the stack's size.
  stack big = e.stacks.stackalloc(64 << 10);
  const mspan& sp = e.heap.span(e.heap.spanOf(big.lo));
  CHECK(sp.startAddr == big.lo);
  CHECK(sp.npages == 8);
  CHECK(e.stacks.stats().stacksInUse == all.size() + 1);
  for (const stack& s : all) e.stacks.stackfree(s);
  e.stacks.stackfree(big);
  CHECK(e.stacks.stats().stacksInUse == 0);
  CHECK(e.stacks.stats().bytesInUse == 0);
}

TEST_CASE("stackalloc: freed stacks are reused; empty pool spans go back to the heap") {
  StackConfig cfg;
  cfg.noCache = true;  // straight to the global pool
  Env e(cfg);
  stack a = e.stacks.stackalloc(4096);
  stack b = e.stacks.stackalloc(4096);
  CHECK(b.lo == a.lo - 4096);
  e.stacks.stackfree(b);
  stack c = e.stacks.stackalloc(4096);
  CHECK(c.lo == b.lo);  // LIFO reuse
  CHECK(e.stacks.poolSpans(1) == 1);
  e.stacks.stackfree(c);
  e.stacks.stackfree(a);
  CHECK(e.stacks.poolSpans(1) == 0);  // all 8 stacks free: span returned
  CHECK(e.heap.stats().stackInuse == 0);
  CHECK(e.heap.stats().manualSpans == 0);
  // Large stacks: the pages are reused by the next allocation of that size.
  stack big = e.stacks.stackalloc(256 << 10);
  e.stacks.stackfree(big);
  stack big2 = e.stacks.stackalloc(256 << 10);
  CHECK(big2.lo == big.lo);
}

TEST_CASE("stackalloc: per-P caches refill and release in batches of half a cache") {
  Env e;
  mcache p1;
  std::vector<stack> s;
  for (int i = 0; i < 40; i++) s.push_back(e.stacks.stackalloc(2048, &p1));
  for (const stack& x : s) e.stacks.stackfree(x, &p1);
  // The cache keeps at most _StackCacheSize (+ one stack) before giving half back.
  CHECK(p1.stackcache[0].size <= _StackCacheSize);
  CHECK(p1.stackcache[0].size >= _StackCacheSize / 2);
  e.stacks.stackcacheClear(p1);
  CHECK(p1.stackcache[0].list.empty());
  CHECK(e.heap.stats().stackInuse == 0);  // every span went back to the heap
}

TEST_CASE("stackalloc: the poison knob fills freed stacks with 0xfc (stack.go:936)") {
  StackConfig cfg;
  cfg.poisonFreed = true;
  Env e(cfg);
  stack s = e.stacks.stackalloc(8192);
  REQUIRE(e.as.writeU64(s.hi - 8, 0x1234).ok());
  e.stacks.stackfree(s);
  uint64_t v = 0;
  CHECK(e.as.readU64(s.hi - 8, v).ok());
  CHECK(v == 0xfcfcfcfcfcfcfcfcull);
  CHECK(e.as.readU64(s.lo, v).ok());
  CHECK(v == 0xfcfcfcfcfcfcfcfcull);
  // Off: the bytes stay as they were (Go does not clear freed stacks).
  Env plain;
  stack t = plain.stacks.stackalloc(8192);
  REQUIRE(plain.as.writeU64(t.hi - 8, 0x1234).ok());
  plain.stacks.stackfree(t);
  CHECK(plain.as.readU64(t.hi - 8, v).ok());
  CHECK(v == 0x1234);
}

TEST_CASE("stackalloc: stacks and heap objects share the arena; GC leaves stacks alone") {
  Env e;
  GarbageCollector gc(e.heap, nullptr);
  stack s = e.stacks.stackalloc(2048);
  AllocResult obj = e.heap.mallocgc(64, nullptr);
  CHECK(e.heap.spanOf(obj.p) != e.heap.spanOf(s.lo));
  REQUIRE(e.as.writeU64(s.lo, obj.p).ok());
  gc.collect();  // no roots: the object is freed, the stack is untouched
  CHECK_FALSE(e.heap.findObject(obj.p, nullptr));
  CHECK(e.heap.span(e.heap.spanOf(s.lo)).state == mSpanState::mSpanManual);
  uint64_t v = 0;
  CHECK(e.as.readU64(s.lo, v).ok());
  CHECK(v == obj.p);
}
