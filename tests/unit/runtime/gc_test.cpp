#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "runtime/gc.h"

using namespace gofast::rt;

namespace {

// splitmix64: a small, fully specified PRNG (std distributions differ between standard libraries).
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(uint64_t percent) { return below(100) < percent; }
};

// Roots the way the VM will report them: a block of globals in bss described by a pointer mask
// (pointer slots first, then "decoy" words that hold heap addresses as plain integers and must not
// keep anything alive), plus values held in VM registers.
struct TestRoots : RootSource {
  AddressSpace* as = nullptr;
  Addr globals = 0;
  static constexpr uint64_t kPtrSlots = 32;
  static constexpr uint64_t kDecoySlots = 16;
  std::vector<uint8_t> mask;
  std::vector<uint64_t> regs;
  uint64_t calls = 0;

  TestRoots() : mask((kPtrSlots + kDecoySlots + 7) / 8, 0) {
    for (uint64_t i = 0; i < kPtrSlots; i++) mask[i / 8] |= uint8_t(1u << (i % 8));
  }
  void enumerateRoots(RootVisitor& v) override {
    calls++;
    v.block(globals, (kPtrSlots + kDecoySlots) * 8, mask.data());
    v.globalsScanned((kPtrSlots + kDecoySlots) * 8);
    for (uint64_t r : regs) v.pointer(r);
  }
};

struct Env {
  AddressSpace as;
  GoProcessMap pm;
  bool mapped;
  mheap heap;
  TestRoots roots;
  GarbageCollector gc;
  explicit Env(HeapConfig cfg = {})
      : mapped(mapGoProcess(as, GoProcessLayout{}, &pm)), heap(as, cfg), gc(heap, &roots) {
    REQUIRE(mapped);
    roots.as = &as;
    roots.globals = pm.bssLo;
  }
};

// One object of the model graph.
struct Obj {
  Addr addr = 0;
  uint64_t size = 0;
  std::vector<uint8_t> mask;   // pointer words
  std::vector<int> target;     // per word: index of the pointed-to object, or -1 (nil / not a pointer)
  std::vector<uint64_t> data;  // expected contents of every word (pointer words included)
  GcType type;
  bool isPtr(uint64_t w) const { return (mask[w / 8] >> (w % 8)) & 1; }
};

struct PropertyStats {
  uint64_t liveChecked = 0, deadChecked = 0;
};
PropertyStats stats;

struct Model {
  Env& e;
  Rng& rng;
  std::vector<Obj> objs;
  std::vector<int> rootSlot = std::vector<int>(TestRoots::kPtrSlots, -1);
  std::vector<int> regObj;

  uint64_t randomSize(bool& noscanOnly) {
    noscanOnly = false;
    const uint64_t r = rng.below(100);
    if (r < 15) {
      noscanOnly = true;
      return 1 + rng.below(15);  // tiny candidates
    }
    if (r < 97) return 8 * (1 + rng.below(64));  // up to 512 bytes
    if (r < 99) return 8 * (65 + rng.below(1000));
    return 8 * (4097 + rng.below(8000));  // large: > 32 KiB
  }

  // Allocate one object; it is kept alive through a register root until wired.
  void allocate() {
    Obj o;
    bool noscanOnly = false;
    o.size = randomSize(noscanOnly);
    const uint64_t words = o.size / 8;
    o.mask.assign((words + 7) / 8 + 1, 0);
    uint64_t last = 0;
    if (!noscanOnly && rng.chance(70)) {
      for (uint64_t w = 0; w < words && w < 64; w++) {
        if (rng.chance(40)) {
          o.mask[w / 8] |= uint8_t(1u << (w % 8));
          last = w + 1;
        }
      }
    }
    o.type = GcType{o.size, last * 8, o.mask.data()};
    AllocResult r = e.heap.mallocgc(o.size, last ? &o.type : nullptr);
    REQUIRE(r.ok());
    o.addr = r.p;
    // Fresh memory is zero.
    uint64_t nonzero = 0;
    for (uint64_t w = 0; w < words; w++) {
      uint64_t v = 1;
      if (e.as.readU64(o.addr + w * 8, v) || v != 0) nonzero++;
    }
    REQUIRE_MESSAGE(nonzero == 0, "fresh object not zeroed");
    o.target.assign(words, -1);
    o.data.assign(words, 0);
    objs.push_back(std::move(o));
    e.roots.regs.push_back(objs.back().addr);
    regObj.push_back(static_cast<int>(objs.size() - 1));
  }

  // Random edges (possibly interior), random data, decoys in non-pointer words.
  // Each object gets 0, 1 or 2 outgoing edges (0.9 on average, so the graph has both large
  // reachable parts and plenty of garbage); other pointer words are nil.
  void wire() {
    bool ok = true;
    for (size_t i = 0; i < objs.size(); i++) {
      Obj& o = objs[i];
      std::vector<uint64_t> ptrWords;
      for (uint64_t w = 0; w < o.size / 8; w++)
        if (o.isPtr(w)) ptrWords.push_back(w);
      const uint64_t r = rng.below(100);
      uint64_t edges = r < 55 ? 1 : r < 72 ? 2 : 0;
      std::vector<bool> edge(o.size / 8, false);
      for (uint64_t k = 0; k < edges && !ptrWords.empty(); k++) edge[ptrWords[rng.below(ptrWords.size())]] = true;
      for (uint64_t w = 0; w < o.size / 8; w++) {
        uint64_t v;
        if (o.isPtr(w)) {
          if (!edge[w]) {
            o.target[w] = -1;
            v = 0;
          } else {
            const int t = static_cast<int>(rng.below(objs.size()));
            o.target[w] = t;
            v = objs[static_cast<size_t>(t)].addr + rng.below(objs[static_cast<size_t>(t)].size);
          }
        } else if (rng.chance(20)) {
          v = objs[rng.below(objs.size())].addr;  // a decoy: looks like a pointer, is an integer
        } else {
          v = rng.next();
        }
        o.data[w] = v;
        ok &= e.as.writeU64(o.addr + w * 8, v).ok();
      }
      // Tiny objects smaller than a word: write their bytes too.
      if (o.size < 8) {
        const uint8_t b = static_cast<uint8_t>(rng.next());
        for (uint64_t k = 0; k < o.size; k++) ok &= e.as.writeU8(o.addr + k, uint8_t(b + k)).ok();
        o.data.assign(1, b);  // remember the seed byte
      }
    }
    for (uint64_t s = 0; s < TestRoots::kPtrSlots; s++) {
      int t = rng.chance(40) && !objs.empty() ? static_cast<int>(rng.below(objs.size())) : -1;
      rootSlot[s] = t;
      REQUIRE(e.as.writeU64(e.roots.globals + s * 8, t < 0 ? 0 : objs[static_cast<size_t>(t)].addr).ok());
    }
    for (uint64_t s = 0; s < TestRoots::kDecoySlots; s++) {
      const uint64_t v = objs.empty() ? 0 : objs[rng.below(objs.size())].addr + 8;
      REQUIRE(e.as.writeU64(e.roots.globals + (TestRoots::kPtrSlots + s) * 8, v).ok());
    }
    REQUIRE(ok);
    // Keep a few register roots, drop the rest.
    e.roots.regs.clear();
    regObj.clear();
    for (size_t i = 0; i < objs.size(); i++) {
      if (rng.chance(2)) {
        e.roots.regs.push_back(objs[i].addr + rng.below(objs[i].size));
        regObj.push_back(static_cast<int>(i));
      }
    }
  }

  std::vector<bool> reachable() const {
    std::vector<bool> seen(objs.size(), false);
    std::vector<int> stack;
    for (int t : rootSlot)
      if (t >= 0) stack.push_back(t);
    for (int t : regObj) stack.push_back(t);
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      if (seen[static_cast<size_t>(i)]) continue;
      seen[static_cast<size_t>(i)] = true;
      for (int t : objs[static_cast<size_t>(i)].target)
        if (t >= 0 && !seen[static_cast<size_t>(t)]) stack.push_back(t);
    }
    return seen;
  }

  // After a GC: reachable objects are allocated with intact contents; unreachable ones are freed
  // (unless they share a tiny block with a reachable one); heapLive counts exactly the live slots.
  // Then drop the dead objects from the model, remapping indices.
  void verifyAndCompact() {
    const std::vector<bool> live = reachable();
    std::set<Addr> liveSlots;
    uint64_t liveBytes = 0;
    for (size_t i = 0; i < objs.size(); i++) {
      if (!live[i]) continue;
      const Obj& o = objs[i];
      ObjectRef ref;
      CAPTURE(o.addr);
      CAPTURE(o.size);
      REQUIRE(e.heap.findObject(o.addr, &ref));
      if (liveSlots.insert(ref.base).second) liveBytes += ref.size;
      uint64_t mismatches = 0;
      if (o.size >= 8) {
        for (uint64_t w = 0; w < o.size / 8; w++) {
          uint64_t v = 0;
          if (e.as.readU64(o.addr + w * 8, v) || v != o.data[w]) mismatches++;
        }
      } else {
        for (uint64_t k = 0; k < o.size; k++) {
          uint8_t v = 0;
          if (e.as.readU8(o.addr + k, v) || v != uint8_t(o.data[0] + k)) mismatches++;
        }
      }
      CHECK_MESSAGE(mismatches == 0, "live object's contents changed");
      stats.liveChecked++;
    }
    for (size_t i = 0; i < objs.size(); i++) {
      if (live[i]) continue;
      ObjectRef ref;
      stats.deadChecked++;
      if (e.heap.findObject(objs[i].addr, &ref)) {
        CAPTURE(objs[i].addr);
        CAPTURE(objs[i].size);
        CHECK_MESSAGE(liveSlots.count(ref.base) == 1, "unreachable object survived");
      }
    }
    CHECK(e.heap.stats().heapLive == liveBytes);
    CHECK(e.gc.state().heapMarked == liveBytes);

    std::vector<int> remap(objs.size(), -1);
    std::vector<Obj> kept;
    for (size_t i = 0; i < objs.size(); i++) {
      if (live[i]) {
        remap[i] = static_cast<int>(kept.size());
        kept.push_back(std::move(objs[i]));
        kept.back().type.gcdata = kept.back().mask.data();
      }
    }
    for (Obj& o : kept)
      for (int& t : o.target)
        if (t >= 0) t = remap[static_cast<size_t>(t)];
    for (int& t : rootSlot)
      if (t >= 0) t = remap[static_cast<size_t>(t)];
    for (int& t : regObj) t = remap[static_cast<size_t>(t)];
    objs = std::move(kept);
  }
};

void runGraphProperty(uint64_t seed, bool gcEveryAlloc, bool tiny, int rounds, int perRound) {
  CAPTURE(seed);
  CAPTURE(gcEveryAlloc);
  HeapConfig cfg;
  cfg.gcEveryAlloc = gcEveryAlloc;
  cfg.tinyAlloc = tiny;
  cfg.clobberFree = (seed % 2) == 0;
  Env e(cfg);
  Rng rng(seed);
  Model m{e, rng};
  for (int round = 0; round < rounds; round++) {
    CAPTURE(round);
    for (int i = 0; i < perRound; i++) m.allocate();
    m.wire();
    e.gc.collect();
    m.verifyAndCompact();
  }
  if (gcEveryAlloc) CHECK(e.heap.stats().numGC >= uint64_t(rounds * perRound));
}

}  // namespace

TEST_CASE("gc: property: reachable objects survive intact, unreachable ones are freed") {
  for (uint64_t seed = 1; seed <= 100; seed++) runGraphProperty(seed, false, seed % 3 != 0, 6, 300);
}

TEST_CASE("gc: property holds with GC at every allocation") {
  for (uint64_t seed = 1000; seed < 1030; seed++) runGraphProperty(seed, true, seed % 2 == 0, 4, 80);
  CHECK(stats.deadChecked > stats.liveChecked / 4);  // the graphs really do produce garbage
}

TEST_CASE("gc: precise marking ignores non-pointer words and non-heap values") {
  Env e;
  // struct { n uintptr; p *T }: only word 1 is a pointer.
  uint8_t mask = 0b10;
  GcType t{16, 16, &mask};
  AllocResult a = e.heap.mallocgc(16, &t);
  AllocResult b = e.heap.mallocgc(16, &t);
  AllocResult c = e.heap.mallocgc(16, &t);
  REQUIRE(e.as.writeU64(a.p + 0, c.p).ok());  // integer that happens to equal c's address
  REQUIRE(e.as.writeU64(a.p + 8, b.p + 9).ok());  // interior pointer to b
  e.roots.regs = {a.p, 0x400000 /* text */, e.pm.mainStackHi - 64 /* stack */, 0xc000000000 + (32 << 20)};
  e.gc.collect();
  CHECK(e.heap.findObject(a.p, nullptr));
  CHECK(e.heap.findObject(b.p, nullptr));
  CHECK_FALSE(e.heap.findObject(c.p, nullptr));
  CHECK(e.heap.stats().lastMarkedObjects == 2);
  CHECK(e.heap.stats().lastFreedObjects == 1);
  CHECK(e.gc.state().freedBytes == 16);
}

TEST_CASE("gc: pacing: 4 MiB minimum goal, then twice the live heap (GOGC=100)") {
  Env e;
  CHECK(e.gc.state().heapGoal == defaultHeapMinimum);
  CHECK(e.gc.state().heapGoal == 4 << 20);
  // Allocate 1 MiB objects, keeping all of them reachable from the globals.
  uint8_t mask = 1;
  GcType holder{8, 8, &mask};
  (void)holder;
  int n = 0;
  while (e.heap.stats().numGC == 0) {
    AllocResult r = e.heap.mallocgc(1 << 20, nullptr);
    REQUIRE(r.ok());
    REQUIRE(n < int(TestRoots::kPtrSlots));
    REQUIRE(e.as.writeU64(e.roots.globals + uint64_t(n) * 8, r.p).ok());
    n++;
  }
  // The first GC ran before the allocation that would have gone past 4 MiB.
  CHECK(n == 5);
  CHECK(e.gc.state().heapMarked == 4 << 20);
  const uint64_t globals = (TestRoots::kPtrSlots + TestRoots::kDecoySlots) * 8;
  CHECK(e.gc.state().globalsScan == globals);
  // goal = marked + (marked + stacks + globals) * 100/100
  CHECK(e.gc.state().heapGoal == (8 << 20) + globals);
  CHECK(e.gc.trigger() == e.gc.state().heapGoal);

  e.gc.setGCPercent(50);
  CHECK(e.gc.state().heapMinimum == 2 << 20);
  CHECK(e.gc.state().heapGoal == (4 << 20) + ((4 << 20) + globals) / 2);
  e.gc.setGCPercent(-1);  // GOGC=off
  CHECK(e.gc.trigger() == ~uint64_t{0});
}

TEST_CASE("gc: the step API exposes phases for the UI") {
  Env e;
  uint8_t mask = 1;
  GcType node{8, 8, &mask};
  // A linked list of 10 nodes from one root, plus garbage.
  Addr head = 0;
  for (int i = 0; i < 10; i++) {
    AllocResult r = e.heap.mallocgc(8, &node);
    REQUIRE(e.as.writeU64(r.p, head).ok());
    head = r.p;
    e.heap.mallocgc(8, &node);
  }
  REQUIRE(e.as.writeU64(e.roots.globals, head).ok());
  CHECK_FALSE(e.gc.isRunning());
  e.gc.start();
  CHECK(e.gc.state().phase == gcPhase::_GCmark);
  CHECK(e.gc.state().greyObjects == 1);
  CHECK_FALSE(e.gc.markStep(3));
  CHECK(e.gc.state().markedObjects == 4);
  while (!e.gc.markStep(1)) {
  }
  CHECK(e.gc.state().phase == gcPhase::_GCoff);
  CHECK(e.gc.state().sweeping);
  CHECK(e.gc.isRunning());
  CHECK(e.gc.sweepStep(100));
  CHECK_FALSE(e.gc.isRunning());
  CHECK(e.gc.state().cycle == 1);
  CHECK(e.gc.state().markedObjects == 10);
  CHECK(e.gc.state().freedObjects == 10);
  CHECK(e.heap.stats().numGC == 1);
  CHECK(e.heap.stats().heapLive == 80);
  CHECK(std::string(gcPhaseName(gcPhase::_GCmarktermination)) == "_GCmarktermination");
}

TEST_CASE("gc: clobberfree fills freed objects with 0xdeadbeef") {
  HeapConfig cfg;
  cfg.clobberFree = true;
  Env e(cfg);
  AllocResult a = e.heap.mallocgc(32, nullptr);
  REQUIRE(e.as.writeU64(a.p, 7).ok());
  e.gc.collect();
  uint32_t v = 0;
  CHECK(e.as.readU32(a.p + 28, v).ok());
  CHECK(v == kClobberFreePattern);
}

TEST_CASE("gc: stacks in manual spans are not heap objects") {
  Env e;
  const SpanId s = e.heap.allocManual(1);
  const Addr lo = e.heap.span(s).startAddr;
  CHECK_FALSE(e.heap.findObject(lo, nullptr));
  e.roots.regs = {lo};
  e.gc.collect();
  CHECK(e.heap.span(s).state == mSpanState::mSpanManual);  // not swept away
  CHECK(e.heap.stats().stackInuse == _PageSize);
}
