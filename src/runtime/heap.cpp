#include "runtime/heap.h"

#include <algorithm>
#include <bit>

#include "runtime/rt_assert.h"

namespace gofast::rt {

const char* spanStateName(mSpanState s) {
  switch (s) {  // mSpanStateNames (runtime/mheap.go:347)
    case mSpanState::mSpanDead: return "mSpanDead";
    case mSpanState::mSpanInUse: return "mSpanInUse";
    case mSpanState::mSpanManual: return "mSpanManual";
  }
  return "?";
}

static uint64_t alignUp(uint64_t n, uint64_t a) { return (n + a - 1) & ~(a - 1); }
static size_t bitWords(uint64_t nbits) { return static_cast<size_t>((nbits + 63) / 64); }

mheap::mheap(AddressSpace& as, const HeapConfig& cfg) : as_(as), cfg_(cfg) {
  arenaLo_ = cfg_.arenaLo;
  const Mapping* m = as_.find(arenaLo_);
  if (m && m->lo == arenaLo_ && m->kind == MappingKind::HeapArena) {
    arenaHi_ = m->hi;
  } else {
    MapStatus st = as_.map("heap arena", arenaLo_, heapArenaBytes, MappingKind::HeapArena, kProtRead | kProtWrite);
    GOFAST_RT_ASSERT(st == MapStatus::Ok, "cannot map the heap arena");
    arenaHi_ = arenaLo_ + heapArenaBytes;
  }
  const uint64_t npages = (arenaHi_ - arenaLo_) / _PageSize;
  spanOfPage_.assign(npages, kNoSpan);
  freeRuns_[0] = npages;
  stats_.heapSys = arenaHi_ - arenaLo_;
  caches_.push_back(&cache0_);
}

// ---- page allocator -------------------------------------------------------------------------------

bool mheap::grow(uint64_t npages) {
  const uint64_t cur = arenaHi_ - arenaLo_;
  const uint64_t need = alignUp(npages * _PageSize, heapArenaBytes);
  if (cur + need > cfg_.maxArenaBytes) return false;
  if (as_.extend(arenaLo_, cur + need) != MapStatus::Ok) return false;
  const uint64_t firstNew = cur / _PageSize;
  arenaHi_ += need;
  spanOfPage_.resize((arenaHi_ - arenaLo_) / _PageSize, kNoSpan);
  stats_.heapSys = arenaHi_ - arenaLo_;
  freePages(firstNew, need / _PageSize);
  return true;
}

// Lowest-address first fit, like Go's pageAlloc.find (mpagealloc.go).
bool mheap::allocPages(uint64_t npages, uint64_t* pageIndex) {
  for (int attempt = 0; attempt < 2; attempt++) {
    for (auto it = freeRuns_.begin(); it != freeRuns_.end(); ++it) {
      if (it->second < npages) continue;
      const uint64_t start = it->first, len = it->second;
      freeRuns_.erase(it);
      if (len > npages) freeRuns_[start + npages] = len - npages;
      *pageIndex = start;
      return true;
    }
    if (attempt == 0 && !grow(npages)) return false;
  }
  return false;
}

void mheap::freePages(uint64_t start, uint64_t npages) {
  uint64_t len = npages;
  auto next = freeRuns_.lower_bound(start);
  if (next != freeRuns_.end() && next->first == start + len) {  // merge with the following run
    len += next->second;
    next = freeRuns_.erase(next);
  }
  if (next != freeRuns_.begin()) {
    auto prev = std::prev(next);
    if (prev->first + prev->second == start) {  // merge with the preceding run
      prev->second += len;
      return;
    }
  }
  freeRuns_[start] = len;
}

SpanId mheap::newSpanId() {
  if (!freeSpanIds_.empty()) {
    SpanId id = freeSpanIds_.back();
    freeSpanIds_.pop_back();
    return id;
  }
  spans_.emplace_back();
  return static_cast<SpanId>(spans_.size() - 1);
}

SpanId mheap::allocSpan(uint64_t npages, spanClass spc, mSpanState state) {
  uint64_t pi = 0;
  if (!allocPages(npages, &pi)) return kNoSpan;
  const SpanId id = newSpanId();
  mspan& s = spans_[id];
  s = mspan{};
  s.startAddr = arenaLo_ + pi * _PageSize;
  s.npages = npages;
  s.spanclass = spc;
  s.state = state;
  for (uint64_t i = 0; i < npages; i++) spanOfPage_[pi + i] = id;
  if (state == mSpanState::mSpanInUse) {
    const uint8_t sc = spanClassSizeclass(spc);
    s.elemsize = sc == 0 ? npages * _PageSize : classToSize(sc);
    s.nelems = sc == 0 ? 1 : kSizeClasses[sc].objects;
    s.allocBits.assign(bitWords(s.nelems), 0);
    s.gcmarkBits.assign(bitWords(s.nelems), 0);
    if (!spanClassNoscan(spc)) s.ptrBits.assign(bitWords(npages * _PageSize / kPtrSize), 0);
    stats_.heapInuse += npages * _PageSize;
    stats_.spansInUse++;
  } else {
    s.elemsize = npages * _PageSize;
    stats_.stackInuse += npages * _PageSize;
    stats_.manualSpans++;
  }
  return id;
}

void mheap::freeSpan(SpanId id) {
  mspan& s = spans_[id];
  GOFAST_RT_ASSERT(s.state != mSpanState::mSpanDead, "freeing a dead span");
  const uint64_t pi = (s.startAddr - arenaLo_) / _PageSize;
  for (uint64_t i = 0; i < s.npages; i++) spanOfPage_[pi + i] = kNoSpan;
  if (s.state == mSpanState::mSpanInUse) {
    stats_.heapInuse -= s.npages * _PageSize;
    stats_.spansInUse--;
  } else {
    stats_.stackInuse -= s.npages * _PageSize;
    stats_.manualSpans--;
  }
  freePages(pi, s.npages);
  s = mspan{};
  freeSpanIds_.push_back(id);
}

SpanId mheap::allocManual(uint64_t npages) {
  GOFAST_RT_ASSERT(npages > 0, "allocManual of 0 pages");
  return allocSpan(npages, 0, mSpanState::mSpanManual);
}

void mheap::freeManual(SpanId id) {
  GOFAST_RT_ASSERT(spans_[id].state == mSpanState::mSpanManual, "freeManual of a non-manual span");
  freeSpan(id);
}

// ---- lookups --------------------------------------------------------------------------------------

SpanId mheap::spanOf(Addr p) const {
  if (!inArena(p)) return kNoSpan;
  return spanOfPage_[(p - arenaLo_) / _PageSize];
}

bool mheap::findObject(Addr p, ObjectRef* out) const {
  const SpanId id = spanOf(p);
  if (id == kNoSpan) return false;
  const mspan& s = spans_[id];
  if (s.state != mSpanState::mSpanInUse) return false;
  const uint64_t idx = (p - s.startAddr) / s.elemsize;
  if (idx >= s.nelems) return false;  // tail waste
  const auto i = static_cast<uint32_t>(idx);
  if (!s.isAllocated(i)) return false;
  if (out) *out = ObjectRef{s.startAddr + idx * s.elemsize, id, i, s.elemsize};
  return true;
}

std::vector<SpanId> mheap::spansInAddressOrder() const {
  std::vector<SpanId> out;
  for (size_t pi = 0; pi < spanOfPage_.size();) {
    const SpanId id = spanOfPage_[pi];
    if (id == kNoSpan) {
      pi++;
      continue;
    }
    out.push_back(id);
    pi += spans_[id].npages;
  }
  return out;
}

std::vector<SpanId> mheap::inUseSpans() const {
  std::vector<SpanId> out = spansInAddressOrder();
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](SpanId id) { return spans_[id].state != mSpanState::mSpanInUse; }),
            out.end());
  return out;
}

// ---- caches and central lists ---------------------------------------------------------------------

void mheap::registerCache(mcache* c) {
  if (std::find(caches_.begin(), caches_.end(), c) == caches_.end()) caches_.push_back(c);
}

void mheap::unregisterCache(mcache* c) {
  if (c == &cache0_) return;
  for (auto& id : c->alloc) {
    if (id != kNoSpan) {
      const mspan& s = spans_[id];
      (s.allocCount == s.nelems ? central_[s.spanclass].full : central_[s.spanclass].partial).push_back(id);
      id = kNoSpan;
    }
  }
  c->tiny = 0;
  c->tinyoffset = 0;
  caches_.erase(std::remove(caches_.begin(), caches_.end(), c), caches_.end());
}

void mheap::releaseAllCaches() {
  for (mcache* c : caches_) {
    for (int spc = 0; spc < numSpanClasses; spc++) {
      SpanId& id = c->alloc[spc];
      if (id == kNoSpan) continue;
      const mspan& s = spans_[id];
      (s.allocCount == s.nelems ? central_[spc].full : central_[spc].partial).push_back(id);
      id = kNoSpan;
    }
    c->tiny = 0;
    c->tinyoffset = 0;
  }
}

// mcache.refill + mcentral.cacheSpan/grow: swap the cache's full span for one with a free slot.
SpanId mheap::refill(mcache& c, spanClass spc) {
  mcentral& mc = central_[spc];
  if (c.alloc[spc] != kNoSpan) {
    const mspan& old = spans_[c.alloc[spc]];
    (old.allocCount == old.nelems ? mc.full : mc.partial).push_back(c.alloc[spc]);
    c.alloc[spc] = kNoSpan;
  }
  SpanId id = kNoSpan;
  // Take the lowest-address partial span (the list is kept sorted by address after each sweep;
  // spans pushed back between GCs come after them).
  if (!mc.partial.empty()) {
    id = mc.partial.front();
    mc.partial.erase(mc.partial.begin());
  } else {
    const uint8_t sc = spanClassSizeclass(spc);
    id = allocSpan(classToAllocNPages(sc), spc, mSpanState::mSpanInUse);
    if (id == kNoSpan) return kNoSpan;
  }
  c.alloc[spc] = id;
  return id;
}

// The next free slot of the cache's span for spc (mcache.nextFree / mspan.nextFreeIndex).
Addr mheap::nextFree(mcache& c, spanClass spc) {
  for (int attempt = 0; attempt < 2; attempt++) {
    SpanId id = c.alloc[spc];
    if (id != kNoSpan) {
      mspan& s = spans_[id];
      uint32_t i = s.freeindex;
      while (i < s.nelems) {
        const uint64_t word = ~s.allocBits[i >> 6] >> (i & 63);
        if (word != 0) {
          i += static_cast<uint32_t>(std::countr_zero(word));
          break;
        }
        i = (i | 63) + 1;
      }
      if (i < s.nelems) {
        s.allocBits[i >> 6] |= uint64_t{1} << (i & 63);
        s.freeindex = i + 1;
        s.allocCount++;
        return s.startAddr + uint64_t{i} * s.elemsize;
      }
      s.freeindex = s.nelems;
    }
    if (attempt == 0 && refill(c, spc) == kNoSpan) return 0;
  }
  GOFAST_RT_ASSERT(false, "refilled span has no free slot");
  return 0;
}

// heapBitsSetType, our way: record which words of the new object hold pointers.
void mheap::setPointerBits(mspan& s, Addr obj, uint64_t size, const GcType* typ) {
  if (s.ptrBits.empty()) return;
  const uint64_t w0 = (obj - s.startAddr) / kPtrSize;
  const uint64_t nwords = s.elemsize / kPtrSize;
  for (uint64_t w = w0; w < w0 + nwords; w++) s.ptrBits[w >> 6] &= ~(uint64_t{1} << (w & 63));
  if (!typ || typ->ptrdata == 0) return;
  const uint64_t elemWords = typ->size / kPtrSize;
  const uint64_t ptrWords = typ->ptrdata / kPtrSize;
  const uint64_t nelem = typ->size ? size / typ->size : 0;
  for (uint64_t e = 0; e < nelem; e++) {
    for (uint64_t k = 0; k < ptrWords; k++) {
      if ((typ->gcdata[k >> 3] >> (k & 7)) & 1) {
        const uint64_t w = w0 + e * elemWords + k;
        s.ptrBits[w >> 6] |= uint64_t{1} << (w & 63);
      }
    }
  }
}

// ---- mallocgc -------------------------------------------------------------------------------------

void mheap::maybeCollect(uint64_t) {
  if (!gc_ || inGc_) return;
  if (cfg_.gcEveryAlloc || stats_.heapLive >= gc_->trigger()) {
    inGc_ = true;
    gc_->collect();
    inGc_ = false;
  }
}

AllocResult mheap::mallocgc(uint64_t size, const GcType* typ, bool needzero, mcache* c) {
  if (size == 0) return {cfg_.zerobase, AllocStatus::Ok};  // malloc.go:847-849
  if (size > cfg_.maxArenaBytes) return {0, AllocStatus::OutOfMemory};
  mcache& cache = c ? *c : cache0_;
  GOFAST_RT_ASSERT(!gc_ || inGc_ || !gc_->running(), "mallocgc while a GC cycle is in progress");
  maybeCollect(size);
  const bool noscan = typ == nullptr || typ->ptrdata == 0;
  AllocResult r;
  if (size <= _MaxSmallSize) {
    if (noscan && size < _TinySize && cfg_.tinyAlloc) {
      r = mallocTiny(size, cache);
    } else {
      r = mallocSmall(size, sizeToClass(size), noscan ? nullptr : typ, needzero, cache);
    }
  } else {
    r = mallocLarge(size, noscan ? nullptr : typ, needzero);
  }
  if (r.ok()) {
    stats_.mallocs++;
    stats_.totalAlloc += size;
  }
  return r;
}

// The tiny allocator (malloc.go:933-1010): pointer-free objects under 16 bytes are packed into one
// 16-byte block, aligned to their size's alignment; the block is freed when none of them is reachable.
AllocResult mheap::mallocTiny(uint64_t size, mcache& c) {
  uint64_t off = c.tinyoffset;
  if ((size & 7) == 0) off = alignUp(off, 8);
  else if ((size & 3) == 0) off = alignUp(off, 4);
  else if ((size & 1) == 0) off = alignUp(off, 2);
  if (off + size <= _TinySize && c.tiny != 0) {
    const Addr x = c.tiny + off;
    c.tinyoffset = off + size;
    stats_.tinyAllocs++;
    return {x, AllocStatus::Ok};
  }
  const Addr x = nextFree(c, tinySpanClass);
  if (x == 0) return {0, AllocStatus::OutOfMemory};
  as_.zero(x, _TinySize);
  stats_.heapLive += _TinySize;
  // Keep whichever block has more room left (malloc.go:1003).
  if (size < c.tinyoffset || c.tiny == 0) {
    c.tiny = x;
    c.tinyoffset = size;
  }
  return {x, AllocStatus::Ok};
}

AllocResult mheap::mallocSmall(uint64_t size, uint8_t sizeclass, const GcType* typ, bool needzero, mcache& c) {
  const spanClass spc = makeSpanClass(sizeclass, typ == nullptr);
  const Addr x = nextFree(c, spc);
  if (x == 0) return {0, AllocStatus::OutOfMemory};
  mspan& s = spans_[c.alloc[spc]];
  if (needzero) as_.zero(x, s.elemsize);
  setPointerBits(s, x, size, typ);
  stats_.heapLive += s.elemsize;
  return {x, AllocStatus::Ok};
}

AllocResult mheap::mallocLarge(uint64_t size, const GcType* typ, bool needzero) {
  const uint64_t npages = alignUp(size, _PageSize) / _PageSize;
  const SpanId id = allocSpan(npages, makeSpanClass(0, typ == nullptr), mSpanState::mSpanInUse);
  if (id == kNoSpan) return {0, AllocStatus::OutOfMemory};
  mspan& s = spans_[id];
  s.allocBits[0] = 1;
  s.allocCount = 1;
  s.freeindex = 1;
  if (needzero) as_.zero(s.startAddr, s.elemsize);
  setPointerBits(s, s.startAddr, size, typ);
  stats_.heapLive += s.elemsize;
  return {s.startAddr, AllocStatus::Ok};
}

// ---- sweeping -------------------------------------------------------------------------------------

uint64_t mheap::sweepSpan(SpanId id) {
  mspan& s = spans_[id];
  GOFAST_RT_ASSERT(s.state == mSpanState::mSpanInUse, "sweeping a span that is not in use");
  uint32_t live = 0;
  uint64_t freedObjects = 0;
  for (size_t w = 0; w < s.allocBits.size(); w++) {
    const uint64_t freed = s.allocBits[w] & ~s.gcmarkBits[w];
    live += static_cast<uint32_t>(std::popcount(s.gcmarkBits[w]));
    freedObjects += static_cast<uint64_t>(std::popcount(freed));
    if (freed && cfg_.clobberFree) {
      for (uint64_t bits = freed; bits; bits &= bits - 1) {
        const uint64_t i = w * 64 + static_cast<uint64_t>(std::countr_zero(bits));
        const Addr x = s.startAddr + i * s.elemsize;
        for (uint64_t off = 0; off + 4 <= s.elemsize; off += 4) as_.writeU32(x + off, kClobberFreePattern);
      }
    }
  }
  s.allocBits.swap(s.gcmarkBits);
  std::fill(s.gcmarkBits.begin(), s.gcmarkBits.end(), 0);
  s.allocCount = live;
  s.freeindex = 0;
  const uint64_t freedBytes = freedObjects * s.elemsize;
  stats_.frees += freedObjects;
  stats_.lastFreedObjects += freedObjects;
  stats_.lastFreedBytes += freedBytes;
  if (live == 0) freeSpan(id);
  return freedBytes;
}

void mheap::finishSweep() {
  for (auto& mc : central_) {
    mc.partial.clear();
    mc.full.clear();
  }
  uint64_t live = 0;
  for (SpanId id : inUseSpans()) {
    const mspan& s = spans_[id];
    live += uint64_t{s.allocCount} * s.elemsize;
    if (s.sizeclass() == 0) continue;  // large object spans are on no list
    (s.allocCount == s.nelems ? central_[s.spanclass].full : central_[s.spanclass].partial).push_back(id);
  }
  stats_.heapLive = live;
}

}  // namespace gofast::rt
