// The Go heap inside the simulated heap arena: pages, spans, size classes, pointer bitmaps.
//
// This is a small model of Go 1.19's allocator (runtime/malloc.go, mheap.go, mcentral.go,
// mcache.go) that allocates *simulated* memory the way Go does, so objects land at the addresses,
// in the slots and with the padding Go would give them:
//  * The arena starts at 0xc000000000 and grows in 64 MiB steps (heapArenaBytes). It is carved into
//    8 KiB pages; a page allocator hands out runs of pages, lowest address first, like Go's pageAlloc.
//  * An `mspan` is a run of pages. In-use spans hold objects of one size class (`spanclass` =
//    class<<1 | noscan) or one large object (class 0, > 32 KiB); manual spans hold goroutine stacks
//    (stackalloc.h). A span's allocBits/gcmarkBits say which slots are live/marked; `freeindex` is
//    where the next free-slot search starts.
//  * Per-class span lists (`mcentral`: partial and full spans) feed an `mcache`, which owns one span
//    per span class and the tiny-allocator block. The heap owns one default mcache; the scheduler
//    will give each P its own (mallocgc takes the P's cache), which is why the cache is a separate
//    struct registered with the heap.
//  * Precise GC needs to know which words hold pointers. Go 1.19 keeps a heap bitmap per arena; we
//    keep, per scan span, one bit per 8-byte word of the span, written at allocation from the type's
//    pointer mask (GcType: size, ptrdata, gcdata like Go's _type). noscan spans have no bits.
//  * Memory is zeroed on allocation, as Go guarantees (malloc.go:1021-1036); freed slots keep their
//    old bytes until reused (or are clobbered when the clobberfree knob is on, like GODEBUG=clobberfree).
//  * Errors are values: allocation failure (the configured heap limit, SPEC R2) is a status.
//  * Deterministic: lists are vectors in a defined order; span ids are reused LIFO.
//
// The collector (gc.h) marks and sweeps through the span interface below; mallocgc asks it to run
// first when the pacer's goal is reached or when the GC-at-every-allocation knob is on. Collection
// happens *before* the allocation that triggered it, so the caller's new object can never be freed
// before the caller has stored its pointer.
//
// Section index: constants · span classes · mspan · GcType · mcache · HeapStats · mheap.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "runtime/addrspace.h"
#include "runtime/sizeclasses.h"

namespace gofast::rt {

// ---- constants ------------------------------------------------------------------------------------
// heapArenaBytes = 64 MiB on linux/amd64 (runtime/malloc.go:248-253).
inline constexpr uint64_t heapArenaBytes = uint64_t{64} << 20;
inline constexpr uint64_t pagesPerArena = heapArenaBytes / _PageSize;  // malloc.go:258
// The first arena hint: 0x00c0<<32 (runtime/malloc.go:460).
inline constexpr Addr kArenaBaseAmd64 = 0xc000000000;
// Per-P, per-order stack cache size and number of cached stack orders: 2, 4, 8, 16 KiB
// (runtime/malloc.go:135-149).
inline constexpr uint64_t _StackCacheSize = 32 * 1024;
inline constexpr int _NumStackOrders = 4;
inline constexpr uint64_t kPtrSize = 8;  // goarch.PtrSize on amd64

// Debug knob (DESIGN.md rule 9): run a full GC before every allocation. Tests turn it on per heap
// through HeapConfig::gcEveryAlloc; this constant is the default.
inline constexpr bool kDebugGcEveryAlloc = false;
// Debug knob: fill freed objects with 0xdeadbeef, as GODEBUG=clobberfree=1 does
// (runtime/mgcsweep.go:579, clobberfree at :861).
inline constexpr bool kDebugClobberFree = false;
inline constexpr uint32_t kClobberFreePattern = 0xdeadbeef;  // runtime/mgcsweep.go:864

// ---- span classes (runtime/mheap.go:533-553) ------------------------------------------------------
using spanClass = uint8_t;
inline constexpr int numSpanClasses = _NumSizeClasses << 1;
inline constexpr spanClass makeSpanClass(uint8_t sizeclass, bool noscan) {
  return static_cast<spanClass>(sizeclass << 1 | (noscan ? 1 : 0));
}
inline constexpr uint8_t spanClassSizeclass(spanClass sc) { return sc >> 1; }
inline constexpr bool spanClassNoscan(spanClass sc) { return (sc & 1) != 0; }
inline constexpr spanClass tinySpanClass = makeSpanClass(_TinySizeClass, true);

// ---- mspan ----------------------------------------------------------------------------------------
using SpanId = uint32_t;
inline constexpr SpanId kNoSpan = 0xffffffffu;

// mSpanState (runtime/mheap.go:336-343).
enum class mSpanState : uint8_t { mSpanDead, mSpanInUse, mSpanManual };
const char* spanStateName(mSpanState s);

struct mspan {
  Addr startAddr = 0;
  uint64_t npages = 0;
  spanClass spanclass = 0;
  mSpanState state = mSpanState::mSpanDead;
  uint64_t elemsize = 0;   // bytes per object (whole span for large objects and stacks)
  uint32_t nelems = 0;     // objects in the span
  uint32_t freeindex = 0;  // next slot to look at for a free one
  uint32_t allocCount = 0;
  std::vector<uint64_t> allocBits;   // 1 bit per object: allocated
  std::vector<uint64_t> gcmarkBits;  // 1 bit per object: marked in the current cycle
  std::vector<uint64_t> ptrBits;     // scan spans: 1 bit per 8-byte word of the span: holds a pointer
  std::vector<Addr> manualFreeList;  // manual (stack) spans: free stacks carved from this span

  Addr base() const { return startAddr; }
  Addr limit() const { return startAddr + npages * _PageSize; }
  uint8_t sizeclass() const { return spanClassSizeclass(spanclass); }
  bool noscan() const { return spanClassNoscan(spanclass); }
  bool isAllocated(uint32_t i) const { return (allocBits[i >> 6] >> (i & 63)) & 1; }
  bool isMarked(uint32_t i) const { return (gcmarkBits[i >> 6] >> (i & 63)) & 1; }
  bool hasPointerAt(Addr wordAddr) const {
    if (ptrBits.empty()) return false;
    const uint64_t w = (wordAddr - startAddr) / kPtrSize;
    return (ptrBits[w >> 6] >> (w & 63)) & 1;
  }
};

// ---- GcType: the GC-relevant part of Go's _type (runtime/type.go:35-48) ----------------------------
// gcdata is a pointer mask over the first ptrdata bytes, one bit per 8-byte word, LSB first (bit i of
// byte j = word 8*j+i). ptrdata == 0 (or typ == nullptr) means the type has no pointers: noscan.
// An allocation of n*size bytes (an array or slice backing store) repeats the mask every `size` bytes.
struct GcType {
  uint64_t size = 0;
  uint64_t ptrdata = 0;
  const uint8_t* gcdata = nullptr;
};

// ---- mcache (runtime/mcache.go:20) -----------------------------------------------------------------
// Per-P allocation cache. Not thread-safe and not shared: the owner passes it to mallocgc.
struct mcache {
  SpanId alloc[numSpanClasses];
  Addr tiny = 0;            // current tiny block (16 bytes), 0 = none
  uint64_t tinyoffset = 0;  // bytes used in it
  struct StackFreeList {
    std::vector<Addr> list;  // free stacks of this order, most recently freed last
    uint64_t size = 0;       // total bytes in list
  } stackcache[_NumStackOrders];

  mcache() {
    for (auto& s : alloc) s = kNoSpan;
  }
};

// ---- HeapStats (for the UI; names follow runtime.MemStats where one exists) ------------------------
struct HeapStats {
  uint64_t mallocs = 0;         // objects allocated (tiny allocations included), MemStats.Mallocs
  uint64_t frees = 0;           // slots freed by sweeping, MemStats.Frees
  uint64_t tinyAllocs = 0;      // allocations combined into tiny blocks
  uint64_t totalAlloc = 0;      // cumulative bytes requested, MemStats.TotalAlloc
  uint64_t heapLive = 0;        // bytes in allocated slots (the pacer's heapLive)
  uint64_t heapInuse = 0;       // bytes in in-use spans, MemStats.HeapInuse
  uint64_t stackInuse = 0;      // bytes in manual (stack) spans, MemStats.StackInuse
  uint64_t heapSys = 0;         // arena bytes mapped, MemStats.HeapSys
  uint64_t spansInUse = 0;      // in-use spans (objects)
  uint64_t manualSpans = 0;     // manual spans (stacks)
  uint64_t numGC = 0;           // completed GC cycles, MemStats.NumGC
  uint64_t lastMarkedObjects = 0;
  uint64_t lastMarkWork = 0;    // bytes scanned in the last cycle (Go's scanWork)
  uint64_t totalMarkWork = 0;
  uint64_t lastFreedObjects = 0;
  uint64_t lastFreedBytes = 0;
};

enum class AllocStatus : uint8_t { Ok, OutOfMemory };

struct AllocResult {
  Addr p = 0;
  AllocStatus status = AllocStatus::Ok;
  bool ok() const { return status == AllocStatus::Ok; }
};

struct HeapConfig {
  Addr arenaLo = kArenaBaseAmd64;
  uint64_t maxArenaBytes = uint64_t{1} << 30;  // heap limit (SPEC R2); allocation fails beyond it
  Addr zerobase = 0;  // address of runtime.zerobase (in bss), returned for 0-byte allocations
  bool tinyAlloc = true;
  bool gcEveryAlloc = kDebugGcEveryAlloc;
  bool clobberFree = kDebugClobberFree;
};

// Implemented by the collector: mallocgc calls collect() before an allocation when
// heapLive >= trigger() or the GC-at-every-allocation knob is on.
class GcHook {
 public:
  virtual ~GcHook() = default;
  virtual uint64_t trigger() const = 0;
  virtual void collect() = 0;
  virtual bool running() const = 0;  // a cycle is in progress (step API): no allocation allowed
};

// A heap object found from an arbitrary (possibly interior) pointer.
struct ObjectRef {
  Addr base = 0;
  SpanId span = kNoSpan;
  uint32_t objIndex = 0;
  uint64_t size = 0;  // elemsize
};

// ---- mheap ----------------------------------------------------------------------------------------
class MachineCloner;
class mheap {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  // Uses the HeapArena mapping at cfg.arenaLo if there is one (mapGoProcess makes it), otherwise
  // maps the first 64 MiB arena itself.
  mheap(AddressSpace& as, const HeapConfig& cfg = {});
  mheap(const mheap&) = delete;
  mheap& operator=(const mheap&) = delete;

  // Allocate `size` bytes of type typ (nullptr = no pointers), zeroed when needzero. c = the P's
  // cache (nullptr = the heap's own). Precondition: every live pointer is visible to the GC's roots
  // (this may run a collection first).
  AllocResult mallocgc(uint64_t size, const GcType* typ, bool needzero = true, mcache* c = nullptr);

  // Manual spans for stacks (mheap.go:940 allocManual): npages contiguous pages, state mSpanManual,
  // not scanned as heap objects, not swept. Returns kNoSpan when the heap limit is reached.
  SpanId allocManual(uint64_t npages);
  void freeManual(SpanId s);

  // ---- lookups ----
  const mspan& span(SpanId id) const { return spans_[id]; }
  mspan& span(SpanId id) { return spans_[id]; }
  SpanId spanOf(Addr p) const;  // any live span containing p, or kNoSpan
  // The allocated heap object containing p (interior pointers allowed). False for addresses outside
  // the arena, in free pages, in manual spans, in a span's tail waste or in a free slot.
  bool findObject(Addr p, ObjectRef* out) const;
  bool inArena(Addr p) const { return p >= arenaLo_ && p < arenaHi_; }
  Addr arenaLo() const { return arenaLo_; }
  Addr arenaHi() const { return arenaHi_; }
  // In-use and manual spans in address order (UI).
  std::vector<SpanId> spansInAddressOrder() const;

  const HeapStats& stats() const { return stats_; }
  HeapStats& mutableStats() { return stats_; }  // the collector records its work here
  const HeapConfig& config() const { return cfg_; }
  HeapConfig& mutableConfig() { return cfg_; }
  AddressSpace& addrSpace() { return as_; }
  mcache& defaultCache() { return cache0_; }

  // Collector interface.
  void setGcHook(GcHook* h) { gc_ = h; }
  void registerCache(mcache* c);
  void unregisterCache(mcache* c);
  // Return every cache's spans to mcentral and drop tiny blocks (mcache.go releaseAll), so sweeping
  // sees every span. Called at the start of a cycle.
  void releaseAllCaches();
  // Sweep one span (mgcsweep.go sweep): unmarked slots become free, marks become allocation bits,
  // an empty span returns its pages. Returns bytes freed. Called by the collector for each span.
  uint64_t sweepSpan(SpanId s);
  // After sweeping: rebuild the mcentral lists from the swept spans in address order and recompute
  // heapLive. Called once at the end of a cycle.
  void finishSweep();
  // In-use (object) spans, for the collector's sweep loop, in address order.
  std::vector<SpanId> inUseSpans() const;

 private:
  struct mcentral {  // runtime/mcentral.go:20, without the swept/unswept split
    std::vector<SpanId> partial;  // spans with free slots
    std::vector<SpanId> full;     // spans with no free slots
  };

  AllocResult mallocSmall(uint64_t size, uint8_t sizeclass, const GcType* typ, bool needzero, mcache& c);
  AllocResult mallocTiny(uint64_t size, mcache& c);
  AllocResult mallocLarge(uint64_t size, const GcType* typ, bool needzero);
  Addr nextFree(mcache& c, spanClass spc);  // 0 = out of memory
  SpanId refill(mcache& c, spanClass spc);
  SpanId allocSpan(uint64_t npages, spanClass spc, mSpanState state);
  void freeSpan(SpanId s);
  bool allocPages(uint64_t npages, uint64_t* pageIndex);
  void freePages(uint64_t pageIndex, uint64_t npages);
  bool grow(uint64_t npages);
  SpanId newSpanId();
  void setPointerBits(mspan& s, Addr obj, uint64_t size, const GcType* typ);
  void maybeCollect(uint64_t size);

  AddressSpace& as_;
  HeapConfig cfg_;
  Addr arenaLo_ = 0, arenaHi_ = 0;
  std::map<uint64_t, uint64_t> freeRuns_;  // first page index -> npages (address ordered)
  std::vector<SpanId> spanOfPage_;         // per arena page: owning span or kNoSpan
  std::vector<mspan> spans_;
  std::vector<SpanId> freeSpanIds_;
  mcentral central_[numSpanClasses];
  mcache cache0_;
  std::vector<mcache*> caches_;
  HeapStats stats_;
  GcHook* gc_ = nullptr;
  bool inGc_ = false;
};

}  // namespace gofast::rt
