// Goroutine stack allocation, as Go 1.19 does it (runtime/stack.go:158-520).
//
// Goroutine stacks are not malloc'd objects and not OS thread stacks: they are carved out of the
// heap arena's pages, in spans the heap hands over for manual management (mSpanManual), so they sit
// between heap objects at 0xc000...... addresses and have no guard page (the function prologue's
// check against stackguard0 is the only overflow protection). Sizes are powers of two, at least
// _FixedStack = 2 KiB.
//  * Small stacks (2, 4, 8, 16 KiB: orders 0-3) come from a global pool per order (`stackpool`): a
//    32 KiB span is split into stacks of that order and lent out; when all of a span's stacks are
//    free again the span goes back to the heap (stackpoolalloc/stackpoolfree, stack.go:201, :240).
//    In front of the pool, each P's mcache holds a small per-order cache (`stackcache`) refilled and
//    drained in batches of half of _StackCacheSize (stackcacherefill/release, stack.go:279, :301).
//  * Stacks of 32 KiB and more get a span of their own (stack.go:399-427).
//  * Debug knob (DESIGN.md rule 9): poison freed stacks with 0xfc, the byte Go's stackPoisonCopy
//    mode writes over an old stack after copying it (stack.go:936), so a stale pointer into a freed
//    stack reads 0xfcfcfcfcfcfcfcfc in the UI.
// This is only the allocator: growth, copying and pointer adjustment come with the VM.
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/heap.h"

namespace gofast::rt {

// stack.go:75: the minimum size of stack used by Go code.
inline constexpr uint64_t _StackMin = 2048;
// stack.go:71,79-86: _StackSystem is 0 on linux, so _FixedStack = _StackMin rounded up to a power of 2.
inline constexpr uint64_t _StackSystem = 0;
inline constexpr uint64_t _FixedStack = 2048;
static_assert((_FixedStack & (_FixedStack - 1)) == 0 && _FixedStack >= _StackMin + _StackSystem);
// Poison bytes of stack.go's stackPoisonCopy mode: old stack after a copy (stack.go:936) and a new
// stack before it (stack.go:875).
inline constexpr uint8_t kStackPoisonFreed = 0xfc;
inline constexpr uint8_t kStackPoisonNew = 0xfd;
// Debug knob default (StackConfig::poisonFreed turns it on per allocator).
inline constexpr bool kDebugPoisonFreedStacks = false;

// runtime2.go:396: a stack is [lo, hi).
struct stack {
  Addr lo = 0;
  Addr hi = 0;
  uint64_t size() const { return hi - lo; }
  bool ok() const { return hi != 0; }
};

struct StackConfig {
  bool poisonFreed = kDebugPoisonFreedStacks;
  bool noCache = false;  // stackNoCache (stack.go:123): always use the global pool
};

struct StackStats {
  uint64_t stacksInUse = 0;  // stacks handed out and not freed
  uint64_t bytesInUse = 0;   // their total size
  uint64_t allocs = 0, frees = 0;
};

class MachineCloner;
class StackAllocator {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  explicit StackAllocator(mheap& heap, const StackConfig& cfg = {});
  ~StackAllocator();
  StackAllocator(const StackAllocator&) = delete;
  StackAllocator& operator=(const StackAllocator&) = delete;

  // stackalloc (stack.go:344): n must be a power of two >= _FixedStack (an internal invariant).
  // c = the P's mcache (nullptr: the heap's default cache). Returns {0, 0} when the heap limit is hit.
  stack stackalloc(uint64_t n, mcache* c = nullptr);
  // stackfree (stack.go:447). Poisons the stack first when the knob is on.
  void stackfree(stack stk, mcache* c = nullptr);
  void stackfree(Addr lo, uint64_t n, mcache* c = nullptr) { stackfree(stack{lo, lo + n}, c); }
  // Give a cache's stacks back to the pool (stackcache_clear, stack.go:320), e.g. when a P goes away.
  void stackcacheClear(mcache& c);

  const StackStats& stats() const { return stats_; }
  StackConfig& config() { return cfg_; }
  // Spans currently in the pool for an order (UI, tests).
  size_t poolSpans(int order) const { return stackpool_[order].size(); }

 private:
  Addr stackpoolalloc(int order);
  void stackpoolfree(Addr x, int order);
  void stackcacherefill(mcache& c, int order);
  void stackcacherelease(mcache& c, int order);

  mheap& heap_;
  StackConfig cfg_;
  StackStats stats_;
  // Spans with free stacks, per order; the back is the list head (mSpanList.first).
  std::vector<SpanId> stackpool_[_NumStackOrders];
};

}  // namespace gofast::rt
