#include "runtime/addrspace.h"

#include <algorithm>

#include "runtime/rt_assert.h"

namespace gofast::rt {

const char* faultKindName(FaultKind k) {
  switch (k) {
    case FaultKind::None: return "none";
    case FaultKind::Unmapped: return "unmapped";
    case FaultKind::GuardPage: return "guard page";
    case FaultKind::ReadOnly: return "read-only";
  }
  return "?";
}

const char* mappingKindName(MappingKind k) {
  switch (k) {
    case MappingKind::Text: return "text";
    case MappingKind::Rodata: return "rodata";
    case MappingKind::Data: return "data";
    case MappingKind::Bss: return "bss";
    case MappingKind::HeapArena: return "heap arena";
    case MappingKind::MainStack: return "main stack";
    case MappingKind::ThreadStack: return "thread stack";
    case MappingKind::Guard: return "guard";
    case MappingKind::Anon: return "anon";
  }
  return "?";
}

AddressSpace::AddressSpace() : zeroPage_(std::make_unique<Page>()) {
  std::memset(zeroPage_->bytes, 0, sizeof zeroPage_->bytes);
}

AddressSpace::~AddressSpace() = default;

// ---- mapping management ---------------------------------------------------------------------------

int AddressSpace::findIndex(Addr a) const {
  // Last mapping with lo <= a.
  auto it = std::upper_bound(maps_.begin(), maps_.end(), a,
                             [](Addr x, const Mapping& m) { return x < m.lo; });
  if (it == maps_.begin()) return -1;
  --it;
  return it->contains(a) ? static_cast<int>(it - maps_.begin()) : -1;
}

const Mapping* AddressSpace::find(Addr a) const {
  int i = findIndex(a);
  return i < 0 ? nullptr : &maps_[static_cast<size_t>(i)];
}

static bool rangeOk(Addr lo, uint64_t size) {
  return size > 0 && (lo & kHostPageMask) == 0 && (size & kHostPageMask) == 0 && lo < kUserAddrLimit &&
         size <= kUserAddrLimit - lo;
}

MapStatus AddressSpace::map(std::string name, Addr lo, uint64_t size, MappingKind kind, uint8_t prot) {
  if (!rangeOk(lo, size)) return MapStatus::BadRange;
  const Addr hi = lo + size;
  auto it = std::lower_bound(maps_.begin(), maps_.end(), lo,
                             [](const Mapping& m, Addr x) { return m.lo < x; });
  if (it != maps_.end() && it->lo < hi) return MapStatus::Overlap;
  if (it != maps_.begin() && std::prev(it)->hi > lo) return MapStatus::Overlap;
  Mapping m;
  m.name = std::move(name);
  m.lo = lo;
  m.hi = hi;
  m.kind = kind;
  m.prot = prot;
  maps_.insert(it, std::move(m));
  flushTlb();  // a read TLB entry never covers unmapped memory, but keep the rule simple
  return MapStatus::Ok;
}

MapStatus AddressSpace::unmap(Addr lo) {
  int i = findIndex(lo);
  if (i < 0 || maps_[static_cast<size_t>(i)].lo != lo) return MapStatus::NotFound;
  Mapping& m = maps_[static_cast<size_t>(i)];
  decommit(m.lo, m.size());
  maps_.erase(maps_.begin() + i);
  flushTlb();
  return MapStatus::Ok;
}

MapStatus AddressSpace::extend(Addr lo, uint64_t newSize) {
  int i = findIndex(lo);
  if (i < 0 || maps_[static_cast<size_t>(i)].lo != lo) return MapStatus::NotFound;
  Mapping& m = maps_[static_cast<size_t>(i)];
  if (!rangeOk(lo, newSize) || newSize < m.size()) return MapStatus::BadRange;
  const Addr hi = lo + newSize;
  if (static_cast<size_t>(i) + 1 < maps_.size() && maps_[static_cast<size_t>(i) + 1].lo < hi)
    return MapStatus::Overlap;
  m.hi = hi;
  return MapStatus::Ok;
}

void AddressSpace::dropPage(uint64_t pn, Mapping* m) {
  auto it = pages_.find(pn);
  if (it == pages_.end()) return;
  pages_.erase(it);
  residentPages_--;
  if (m) m->residentPages--;
}

void AddressSpace::decommit(Addr lo, uint64_t n) {
  if (n == 0) return;
  const uint64_t first = lo >> kHostPageShift;
  const uint64_t last = (lo + n - 1) >> kHostPageShift;
  int mi = findIndex(lo);
  Mapping* m = mi < 0 ? nullptr : &maps_[static_cast<size_t>(mi)];
  if (last - first + 1 > pages_.size()) {
    // Fewer resident pages than pages in the range: walk the (small) page table instead. The order
    // of this walk does not matter: every matching page is dropped.
    for (auto it = pages_.begin(); it != pages_.end();) {
      if (it->first >= first && it->first <= last) {
        Addr a = it->first << kHostPageShift;
        int k = findIndex(a);
        if (k >= 0) maps_[static_cast<size_t>(k)].residentPages--;
        residentPages_--;
        it = pages_.erase(it);
      } else {
        ++it;
      }
    }
  } else {
    for (uint64_t pn = first; pn <= last; pn++) {
      Addr a = pn << kHostPageShift;
      if (!m || !m->contains(a)) {
        int k = findIndex(a);
        m = k < 0 ? nullptr : &maps_[static_cast<size_t>(k)];
      }
      dropPage(pn, m);
    }
  }
  flushTlb();
}

Addr AddressSpace::findFreeBelow(Addr top, uint64_t size) const {
  if (size == 0 || (size & kHostPageMask) != 0) return 0;
  top &= ~kHostPageMask;
  // Walk mappings from the highest down; the candidate is [top-size, top).
  Addr candHi = top;
  for (auto it = maps_.rbegin(); it != maps_.rend(); ++it) {
    if (it->lo >= candHi) continue;  // entirely above the candidate
    if (candHi < size) return 0;
    Addr candLo = candHi - size;
    if (it->hi <= candLo) return candLo;  // gap between this mapping and candHi is big enough
    candHi = std::min(candHi, it->lo);
  }
  return candHi >= size + kHostPageSize ? candHi - size : 0;  // never map page 0
}

void AddressSpace::flushTlb() {
  for (auto& e : rtlb_) e = TlbEntry{};
  for (auto& e : wtlb_) e = TlbEntry{};
}

// ---- access ---------------------------------------------------------------------------------------

Fault AddressSpace::check(Addr a, uint64_t n, bool write) const {
  if (n == 0) return {};
  if (a + n < a) return {a, FaultKind::Unmapped, write};
  Addr cur = a;
  const Addr end = a + n;
  while (cur < end) {
    int i = findIndex(cur);
    if (i < 0) return {cur, FaultKind::Unmapped, write};
    const Mapping& m = maps_[static_cast<size_t>(i)];
    if (m.prot == kProtNone) return {cur, FaultKind::GuardPage, write};
    if (write && !(m.prot & kProtWrite)) return {cur, FaultKind::ReadOnly, write};
    if (!write && !(m.prot & kProtRead)) return {cur, FaultKind::GuardPage, write};
    cur = m.hi;
  }
  return {};
}

uint8_t* AddressSpace::materialize(uint64_t pn, Mapping& m) {
  auto& slot = pages_[pn];
  if (!slot.bytes) {
    slot.own = std::make_unique<Page>();
    slot.bytes = slot.own->bytes;
    std::memset(slot.bytes, 0, kHostPageSize);
    residentPages_++;
    m.residentPages++;
    // A read TLB entry for this page pointed at the zero page: re-aim it.
    TlbEntry& r = rtlb_[pn & (kTlbSize - 1)];
    if (r.tag == pn) r.host = slot.bytes;
  }
  return slot.bytes;
}

Fault AddressSpace::loadImage(Addr a, const void* src, uint64_t n) {
  auto* in = static_cast<const uint8_t*>(src);
  while (n > 0) {
    int mi = findIndex(a);
    if (mi < 0) return {a, FaultKind::Unmapped, true};
    const uint64_t pn = a >> kHostPageShift;
    const uint64_t off = a & kHostPageMask;
    const uint64_t chunk = std::min<uint64_t>(n, kHostPageSize - off);
    uint8_t* host = materialize(pn, maps_[static_cast<size_t>(mi)]);
    std::memcpy(host + off, in, chunk);
    in += chunk;
    a += chunk;
    n -= chunk;
  }
  flushTlb();
  return {};
}

uint8_t* AddressSpace::hostContiguous(Addr a, uint64_t n) {
  if (n == 0) return nullptr;
  int mi = findIndex(a);
  if (mi < 0) return nullptr;
  Mapping& m = maps_[static_cast<size_t>(mi)];
  if (a + n > m.hi || !(m.prot & kProtWrite)) return nullptr;
  const uint64_t first = a >> kHostPageShift;
  const uint64_t last = (a + n - 1) >> kHostPageShift;
  auto it0 = pages_.find(first);
  if (it0 != pages_.end()) {
    bool contiguous = true;
    for (uint64_t pn = first + 1; pn <= last && contiguous; pn++) {
      auto it = pages_.find(pn);
      contiguous = it != pages_.end() && it->second.bytes == it0->second.bytes + (pn - first) * kHostPageSize;
    }
    if (contiguous) return it0->second.bytes + (a & kHostPageMask);
  }
  const uint64_t npages = last - first + 1;
  auto chunk = std::make_unique<uint8_t[]>(npages * kHostPageSize);
  for (uint64_t pn = first; pn <= last; pn++) {
    uint8_t* dst = chunk.get() + (pn - first) * kHostPageSize;
    auto& slot = pages_[pn];
    if (slot.bytes) {
      std::memcpy(dst, slot.bytes, kHostPageSize);
    } else {
      std::memset(dst, 0, kHostPageSize);
      residentPages_++;
      m.residentPages++;
    }
    slot.own.reset();
    slot.bytes = dst;
  }
  uint8_t* base = chunk.get();
  chunks_.push_back(std::move(chunk));
  flushTlb();
  return base + (a & kHostPageMask);
}

Fault AddressSpace::readBytesSlow(Addr a, void* dst, uint64_t n) {
  if (Fault f = check(a, n, false)) return f;
  auto* out = static_cast<uint8_t*>(dst);
  while (n > 0) {
    const uint64_t pn = a >> kHostPageShift;
    const uint64_t off = a & kHostPageMask;
    const uint64_t chunk = std::min<uint64_t>(n, kHostPageSize - off);
    auto it = pages_.find(pn);
    const uint8_t* host = it == pages_.end() ? zeroPage_->bytes : it->second.bytes;
    std::memcpy(out, host + off, chunk);
    rtlb_[pn & (kTlbSize - 1)] = TlbEntry{pn, const_cast<uint8_t*>(host)};
    out += chunk;
    a += chunk;
    n -= chunk;
  }
  return {};
}

Fault AddressSpace::writeBytesSlow(Addr a, const void* src, uint64_t n) {
  if (Fault f = check(a, n, true)) return f;
  auto* in = static_cast<const uint8_t*>(src);
  int mi = findIndex(a);
  while (n > 0) {
    Mapping* m = &maps_[static_cast<size_t>(mi)];
    if (!m->contains(a)) {
      mi = findIndex(a);
      m = &maps_[static_cast<size_t>(mi)];
    }
    const uint64_t pn = a >> kHostPageShift;
    const uint64_t off = a & kHostPageMask;
    const uint64_t chunk = std::min<uint64_t>(n, kHostPageSize - off);
    uint8_t* host = materialize(pn, *m);
    std::memcpy(host + off, in, chunk);
    wtlb_[pn & (kTlbSize - 1)] = TlbEntry{pn, host};
    rtlb_[pn & (kTlbSize - 1)] = TlbEntry{pn, host};
    in += chunk;
    a += chunk;
    n -= chunk;
  }
  return {};
}

Fault AddressSpace::readBytes(Addr a, void* dst, uint64_t n) {
  if (n == 0) return {};
  return readBytesSlow(a, dst, n);
}

Fault AddressSpace::writeBytes(Addr a, const void* src, uint64_t n) {
  if (n == 0) return {};
  return writeBytesSlow(a, src, n);
}

Fault AddressSpace::fill(Addr a, uint8_t byte, uint64_t n) {
  if (n == 0) return {};
  if (byte == 0) return zero(a, n);
  if (Fault f = check(a, n, true)) return f;
  uint8_t buf[kHostPageSize];
  std::memset(buf, byte, sizeof buf);
  while (n > 0) {
    const uint64_t chunk = std::min<uint64_t>(n, kHostPageSize - (a & kHostPageMask));
    writeBytesSlow(a, buf, chunk);
    a += chunk;
    n -= chunk;
  }
  return {};
}

Fault AddressSpace::zero(Addr a, uint64_t n) {
  if (n == 0) return {};
  if (Fault f = check(a, n, true)) return f;
  while (n > 0) {
    const uint64_t pn = a >> kHostPageShift;
    const uint64_t off = a & kHostPageMask;
    const uint64_t chunk = std::min<uint64_t>(n, kHostPageSize - off);
    auto it = pages_.find(pn);
    if (it != pages_.end()) std::memset(it->second.bytes + off, 0, chunk);  // untouched: already 0
    a += chunk;
    n -= chunk;
  }
  return {};
}

Fault AddressSpace::memmove(Addr dst, Addr src, uint64_t n) {
  if (n == 0) return {};
  if (Fault f = check(src, n, false)) return f;
  if (Fault f = check(dst, n, true)) return f;
  if (dst == src) return {};
  // Copy through a bounce buffer page by page, in the direction that keeps overlap safe.
  uint8_t buf[kHostPageSize];
  if (dst < src || dst >= src + n) {
    uint64_t done = 0;
    while (done < n) {
      const uint64_t chunk = std::min<uint64_t>(n - done, kHostPageSize);
      readBytesSlow(src + done, buf, chunk);
      writeBytesSlow(dst + done, buf, chunk);
      done += chunk;
    }
  } else {
    uint64_t left = n;
    while (left > 0) {
      const uint64_t chunk = std::min<uint64_t>(left, kHostPageSize);
      left -= chunk;
      readBytesSlow(src + left, buf, chunk);
      writeBytesSlow(dst + left, buf, chunk);
    }
  }
  return {};
}

// ---- standard layout ------------------------------------------------------------------------------

static uint64_t pageRound(uint64_t n) { return (n + kHostPageMask) & ~kHostPageMask; }

bool mapGoProcess(AddressSpace& as, const GoProcessLayout& l, GoProcessMap* out) {
  GoProcessMap pm;
  pm.textLo = l.textLo;
  pm.rodataLo = pm.textLo + pageRound(l.textSize);
  pm.dataLo = pm.rodataLo + pageRound(l.rodataSize);
  pm.bssLo = pm.dataLo + pageRound(l.dataSize);
  pm.bssHi = pm.bssLo + pageRound(l.bssSize);
  pm.arenaLo = l.arenaLo;
  pm.arenaHi = l.arenaLo + pageRound(l.arenaSize);
  pm.mainStackHi = l.mainStackHi;
  pm.mainStackLo = l.mainStackHi - pageRound(l.mainStackSize);
  pm.mainGuardLo = pm.mainStackLo - kHostPageSize;
  if (as.map("text", pm.textLo, pm.rodataLo - pm.textLo, MappingKind::Text, kProtRead | kProtExec) !=
          MapStatus::Ok ||
      as.map("rodata", pm.rodataLo, pm.dataLo - pm.rodataLo, MappingKind::Rodata, kProtRead) != MapStatus::Ok ||
      as.map("data", pm.dataLo, pm.bssLo - pm.dataLo, MappingKind::Data, kProtRead | kProtWrite) !=
          MapStatus::Ok ||
      as.map("bss", pm.bssLo, pm.bssHi - pm.bssLo, MappingKind::Bss, kProtRead | kProtWrite) != MapStatus::Ok ||
      as.map("heap arena", pm.arenaLo, pm.arenaHi - pm.arenaLo, MappingKind::HeapArena,
             kProtRead | kProtWrite) != MapStatus::Ok ||
      as.map("[stack guard]", pm.mainGuardLo, kHostPageSize, MappingKind::Guard, kProtNone) != MapStatus::Ok ||
      as.map("[stack]", pm.mainStackLo, pm.mainStackHi - pm.mainStackLo, MappingKind::MainStack,
             kProtRead | kProtWrite) != MapStatus::Ok)
    return false;
  if (out) *out = pm;
  return true;
}

ThreadStack mapThreadStack(AddressSpace& as, const std::string& name, uint64_t size, Addr top) {
  size = pageRound(size);
  const uint64_t total = size + kGlibcGuardSize;
  Addr lo = as.findFreeBelow(top, total);
  if (lo == 0) return {};
  ThreadStack ts{lo, lo + kGlibcGuardSize, lo + total};
  if (as.map(name + " guard", ts.guardLo, kGlibcGuardSize, MappingKind::Guard, kProtNone) != MapStatus::Ok)
    return {};
  if (as.map(name, ts.lo, size, MappingKind::ThreadStack, kProtRead | kProtWrite) != MapStatus::Ok) {
    as.unmap(ts.guardLo);
    return {};
  }
  return ts;
}

MapStatus unmapThreadStack(AddressSpace& as, const ThreadStack& ts) {
  MapStatus s = as.unmap(ts.lo);
  if (s != MapStatus::Ok) return s;
  return as.unmap(ts.guardLo);
}

uint64_t AddressSpace::contentHash() const {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
  };
  for (const Mapping& mp : maps_) {
    mix(&mp.lo, sizeof mp.lo);
    mix(&mp.hi, sizeof mp.hi);
    mix(&mp.prot, sizeof mp.prot);
  }
  std::vector<uint64_t> pns;
  pns.reserve(pages_.size());
  for (const auto& kv : pages_) pns.push_back(kv.first);
  std::sort(pns.begin(), pns.end());
  for (uint64_t pn : pns) {
    const uint8_t* bytes = pages_.at(pn).bytes;
    // Word at a time (FNV-1a over 64-bit words): hashing a large heap must stay cheap.
    uint64_t ph = 0xcbf29ce484222325ull, any = 0;
    for (uint64_t i = 0; i < kHostPageSize; i += 8) {
      uint64_t w;
      std::memcpy(&w, bytes + i, 8);
      any |= w;
      ph = (ph ^ w) * 0x100000001b3ull;
    }
    if (any == 0) continue;  // a backed page of zeros reads like an untouched one
    mix(&pn, sizeof pn);
    mix(&ph, sizeof ph);
  }
  return h;
}

}  // namespace gofast::rt
