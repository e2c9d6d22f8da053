#include "runtime/stackalloc.h"

#include <algorithm>

#include "runtime/rt_assert.h"

namespace gofast::rt {

StackAllocator::StackAllocator(mheap& heap, const StackConfig& cfg) : heap_(heap), cfg_(cfg) {}

StackAllocator::~StackAllocator() = default;

// The order of a small stack: log2(n / _FixedStack).
static int stackOrder(uint64_t n) {
  int order = 0;
  for (uint64_t n2 = n; n2 > _FixedStack; n2 >>= 1) order++;
  return order;
}

// stackpoolalloc (stack.go:201): a stack from the first pool span with one free, carving a new
// 32 KiB span into stacks when the pool is empty.
Addr StackAllocator::stackpoolalloc(int order) {
  auto& list = stackpool_[order];
  if (list.empty()) {
    const SpanId id = heap_.allocManual(_StackCacheSize >> _PageShift);
    if (id == kNoSpan) return 0;
    mspan& s = heap_.span(id);
    s.elemsize = _FixedStack << order;
    s.allocCount = 0;
    // Go pushes each stack on the head of the span's free list in address order, so the highest
    // stack is handed out first; push_back + pop_back gives the same order.
    for (uint64_t off = 0; off < _StackCacheSize; off += s.elemsize) s.manualFreeList.push_back(s.startAddr + off);
    list.push_back(id);
  }
  const SpanId id = list.back();
  mspan& s = heap_.span(id);
  GOFAST_RT_ASSERT(!s.manualFreeList.empty(), "span in stackpool has no free stacks");
  const Addr x = s.manualFreeList.back();
  s.manualFreeList.pop_back();
  s.allocCount++;
  if (s.manualFreeList.empty()) list.pop_back();  // all stacks of this span are in use
  return x;
}

// stackpoolfree (stack.go:240).
void StackAllocator::stackpoolfree(Addr x, int order) {
  const SpanId id = heap_.spanOf(x);
  GOFAST_RT_ASSERT(id != kNoSpan && heap_.span(id).state == mSpanState::mSpanManual,
                   "stackfree of an address outside a stack span");
  mspan& s = heap_.span(id);
  GOFAST_RT_ASSERT(s.elemsize == (_FixedStack << order), "stackfree with the wrong size");
  auto& list = stackpool_[order];
  if (s.manualFreeList.empty()) list.push_back(id);  // s now has a free stack: insert at the head
  s.manualFreeList.push_back(x);
  s.allocCount--;
  // Every stack of the span is free: give the span back to the heap. (Go keeps it while a GC is
  // marking; gofast's collector never runs while stacks are freed.)
  if (s.allocCount == 0) {
    list.erase(std::find(list.begin(), list.end(), id));
    heap_.freeManual(id);
  }
}

// stackcacherefill (stack.go:279): take half a cache's worth of stacks from the pool.
void StackAllocator::stackcacherefill(mcache& c, int order) {
  auto& sc = c.stackcache[order];
  while (sc.size < _StackCacheSize / 2) {
    const Addr x = stackpoolalloc(order);
    if (x == 0) break;
    sc.list.push_back(x);
    sc.size += _FixedStack << order;
  }
}

// stackcacherelease (stack.go:301): give stacks back until half a cache's worth is left.
void StackAllocator::stackcacherelease(mcache& c, int order) {
  auto& sc = c.stackcache[order];
  while (sc.size > _StackCacheSize / 2) {
    const Addr x = sc.list.back();
    sc.list.pop_back();
    stackpoolfree(x, order);
    sc.size -= _FixedStack << order;
  }
}

void StackAllocator::stackcacheClear(mcache& c) {
  for (int order = 0; order < _NumStackOrders; order++) {
    auto& sc = c.stackcache[order];
    while (!sc.list.empty()) {
      const Addr x = sc.list.back();
      sc.list.pop_back();
      stackpoolfree(x, order);
    }
    sc.size = 0;
  }
}

stack StackAllocator::stackalloc(uint64_t n, mcache* c) {
  GOFAST_RT_ASSERT(n >= _FixedStack && (n & (n - 1)) == 0, "stack size not a power of 2");
  Addr v = 0;
  if (n < (_FixedStack << _NumStackOrders) && n < _StackCacheSize) {
    const int order = stackOrder(n);
    if (cfg_.noCache) {
      v = stackpoolalloc(order);
    } else {
      mcache& cache = c ? *c : heap_.defaultCache();
      auto& sc = cache.stackcache[order];
      if (sc.list.empty()) stackcacherefill(cache, order);
      if (sc.list.empty()) return {};
      v = sc.list.back();
      sc.list.pop_back();
      sc.size -= n;
    }
  } else {
    const SpanId id = heap_.allocManual(n >> _PageShift);
    if (id != kNoSpan) {
      heap_.span(id).elemsize = n;
      v = heap_.span(id).startAddr;
    }
  }
  if (v == 0) return {};
  stats_.stacksInUse++;
  stats_.bytesInUse += n;
  stats_.allocs++;
  return stack{v, v + n};
}

void StackAllocator::stackfree(stack stk, mcache* c) {
  const uint64_t n = stk.hi - stk.lo;
  GOFAST_RT_ASSERT(n >= _FixedStack && (n & (n - 1)) == 0, "stack not a power of 2");
  if (cfg_.poisonFreed) heap_.addrSpace().fill(stk.lo, kStackPoisonFreed, n);
  stats_.stacksInUse--;
  stats_.bytesInUse -= n;
  stats_.frees++;
  if (n < (_FixedStack << _NumStackOrders) && n < _StackCacheSize) {
    const int order = stackOrder(n);
    if (cfg_.noCache) {
      stackpoolfree(stk.lo, order);
    } else {
      mcache& cache = c ? *c : heap_.defaultCache();
      auto& sc = cache.stackcache[order];
      if (sc.size >= _StackCacheSize) stackcacherelease(cache, order);
      sc.list.push_back(stk.lo);
      sc.size += n;
    }
  } else {
    const SpanId id = heap_.spanOf(stk.lo);
    GOFAST_RT_ASSERT(id != kNoSpan && heap_.span(id).state == mSpanState::mSpanManual &&
                         heap_.span(id).startAddr == stk.lo,
                     "stackfree of a large stack that was not allocated");
    heap_.freeManual(id);
  }
}

}  // namespace gofast::rt
