#include <doctest/doctest.h>

#include <cstring>

#include "runtime/addrspace.h"

using namespace gofast::rt;

namespace {

struct Proc {
  AddressSpace as;
  GoProcessMap pm;
  Proc() { REQUIRE(mapGoProcess(as, GoProcessLayout{}, &pm)); }
};

}  // namespace

TEST_CASE("addrspace: a Go process's standard mappings sit at Go's addresses") {
  Proc proc;
  AddressSpace& as = proc.as;
  const GoProcessMap& pm = proc.pm;
  CHECK(pm.textLo == 0x400000);
  CHECK(pm.arenaLo == 0xc000000000);
  CHECK(pm.mainStackHi == 0x7ffffffff000);
  CHECK(pm.mainStackLo == 0x7ffffffff000 - (8 << 20));
  CHECK(pm.mainGuardLo == pm.mainStackLo - 4096);

  const Mapping* t = as.find(0x401000);
  REQUIRE(t);
  CHECK(t->name == "text");
  CHECK(t->kind == MappingKind::Text);
  CHECK(as.find(pm.rodataLo)->kind == MappingKind::Rodata);
  CHECK(as.find(pm.dataLo)->kind == MappingKind::Data);
  CHECK(as.find(pm.bssLo)->kind == MappingKind::Bss);
  CHECK(as.find(0xc000000000 + 12345)->kind == MappingKind::HeapArena);
  CHECK(as.find(0x7ffffffde000)->kind == MappingKind::MainStack);
  CHECK(as.find(pm.mainGuardLo)->kind == MappingKind::Guard);
  CHECK(as.find(0) == nullptr);
  CHECK(as.find(0x3fffff) == nullptr);

  // Mappings come out in address order for the UI.
  const auto& maps = as.mappings();
  REQUIRE(maps.size() == 7);
  for (size_t i = 1; i < maps.size(); i++) CHECK(maps[i - 1].hi <= maps[i].lo);
}

TEST_CASE("addrspace: faults are values, never crashes") {
  Proc proc;
  AddressSpace& as = proc.as;
  const GoProcessMap& pm = proc.pm;
  uint64_t v = 0;

  Fault f = as.readU64(0, v);  // nil dereference
  CHECK(f);
  CHECK(f.kind == FaultKind::Unmapped);
  CHECK(f.addr == 0);
  CHECK_FALSE(f.write);

  f = as.writeU32(pm.mainGuardLo + 100, 7);  // main stack overflow
  CHECK(f.kind == FaultKind::GuardPage);
  CHECK(f.addr == pm.mainGuardLo + 100);
  CHECK(f.write);

  f = as.writeU8(pm.textLo + 16, 0x90);  // write to text
  CHECK(f.kind == FaultKind::ReadOnly);
  CHECK(as.readU8(pm.textLo + 16, *reinterpret_cast<uint8_t*>(&v)).ok());

  // An access that starts mapped and runs off the end faults at the first unmapped byte.
  f = as.readU64(pm.bssHi - 4, v);
  CHECK(f.kind == FaultKind::Unmapped);
  CHECK(f.addr == pm.bssHi);
  // A faulting write changes nothing.
  uint8_t buf[16];
  std::memset(buf, 0xab, sizeof buf);
  CHECK(as.writeBytes(pm.bssHi - 8, buf, 16));
  CHECK(as.readU64(pm.bssHi - 8, v).ok());
  CHECK(v == 0);
  // Into the unmapped gap right below the arena, and a range that wraps around.
  CHECK(as.readU8(0xc000000000 - 1, *reinterpret_cast<uint8_t*>(&v)).kind == FaultKind::Unmapped);
  CHECK(as.readBytes(~uint64_t{0} - 3, buf, 8));
  CHECK(std::string(faultKindName(FaultKind::GuardPage)) == "guard page");
}

TEST_CASE("addrspace: little-endian byte layout, every width, unaligned and page-crossing") {
  Proc proc;
  AddressSpace& as = proc.as;
  const GoProcessMap& pm = proc.pm;
  const Addr a = pm.dataLo + 0x100;
  REQUIRE(as.writeU64(a, 0x0807060504030201ull).ok());
  uint8_t b[8];
  REQUIRE(as.readBytes(a, b, 8).ok());
  for (int i = 0; i < 8; i++) CHECK(b[i] == i + 1);
  uint16_t h = 0;
  uint32_t w = 0;
  CHECK(as.readU16(a + 1, h).ok());
  CHECK(h == 0x0302);
  CHECK(as.readU32(a + 3, w).ok());
  CHECK(w == 0x07060504);
  CHECK(as.writeU16(a, 0xbeef).ok());
  CHECK(as.readU32(a, w).ok());
  CHECK(w == 0x0403beef);

  // Crossing a 4 KiB page boundary.
  const Addr x = pm.dataLo + 4096 - 3;
  CHECK(as.writeU64(x, 0x1122334455667788ull).ok());
  uint64_t v = 0;
  CHECK(as.readU64(x, v).ok());
  CHECK(v == 0x1122334455667788ull);
  uint8_t last = 0;
  CHECK(as.readU8(x + 7, last).ok());
  CHECK(last == 0x11);

  // Fresh memory reads as zero; untouched reads allocate nothing.
  const uint64_t before = as.residentBytes();
  CHECK(as.readU64(pm.bssLo + 8192, v).ok());
  CHECK(v == 0);
  CHECK(as.residentBytes() == before);
}

TEST_CASE("addrspace: memmove handles overlap in both directions") {
  Proc proc;
  AddressSpace& as = proc.as;
  const GoProcessMap& pm = proc.pm;
  const Addr base = pm.arenaLo + 4096 - 10;  // straddles pages
  uint8_t src[100];
  for (int i = 0; i < 100; i++) src[i] = static_cast<uint8_t>(i);
  REQUIRE(as.writeBytes(base, src, 100).ok());

  REQUIRE(as.memmove(base + 7, base, 50).ok());  // forward overlap
  uint8_t out[100];
  REQUIRE(as.readBytes(base, out, 100).ok());
  for (int i = 0; i < 7; i++) CHECK(out[i] == i);
  for (int i = 0; i < 50; i++) CHECK(out[7 + i] == i);

  REQUIRE(as.writeBytes(base, src, 100).ok());
  REQUIRE(as.memmove(base, base + 7, 50).ok());  // backward overlap
  REQUIRE(as.readBytes(base, out, 100).ok());
  for (int i = 0; i < 50; i++) CHECK(out[i] == i + 7);
  for (int i = 50; i < 100; i++) CHECK(out[i] == i);

  // Large non-overlapping copy across several pages, and fill/zero.
  REQUIRE(as.fill(base, 0x5a, 3 * 4096).ok());
  REQUIRE(as.memmove(base + 5 * 4096, base, 3 * 4096).ok());
  uint8_t c = 0;
  CHECK(as.readU8(base + 5 * 4096 + 3 * 4096 - 1, c).ok());
  CHECK(c == 0x5a);
  REQUIRE(as.zero(base + 1, 4096).ok());
  CHECK(as.readU8(base, c).ok());
  CHECK(c == 0x5a);
  CHECK(as.readU8(base + 4096, c).ok());
  CHECK(c == 0);
  CHECK(as.readU8(base + 4097, c).ok());
  CHECK(c == 0x5a);

  // Faulting moves report the faulting side.
  CHECK(as.memmove(0x1000, base, 8).kind == FaultKind::Unmapped);
  CHECK(as.memmove(pm.textLo, base, 8).kind == FaultKind::ReadOnly);
}

TEST_CASE("addrspace: backing is lazy: a 1 GiB mapping costs nothing until touched") {
  AddressSpace as;
  const Addr lo = 0x7f0000000000;
  REQUIRE(as.map("big", lo, uint64_t{1} << 30, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Ok);
  CHECK(as.residentBytes() == 0);
  uint64_t v = 1;
  CHECK(as.readU64(lo + (512 << 20), v).ok());
  CHECK(v == 0);
  CHECK(as.residentBytes() == 0);
  CHECK(as.writeU64(lo + (512 << 20), 42).ok());
  CHECK(as.writeU64(lo + (1 << 30) - 8, 43).ok());
  CHECK(as.residentBytes() == 2 * kHostPageSize);
  CHECK(as.find(lo)->residentPages == 2);
  CHECK(as.isResident(lo + (512 << 20)));
  CHECK_FALSE(as.isResident(lo));
  CHECK(as.zero(lo, 1 << 20).ok());  // zeroing untouched pages allocates nothing
  CHECK(as.residentBytes() == 2 * kHostPageSize);

  // decommit drops the backing; the range reads as zeros again.
  as.decommit(lo + (512 << 20), kHostPageSize);
  CHECK(as.residentBytes() == kHostPageSize);
  CHECK(as.readU64(lo + (512 << 20), v).ok());
  CHECK(v == 0);
  CHECK(as.unmap(lo) == MapStatus::Ok);
  CHECK(as.residentBytes() == 0);
  CHECK(as.readU64(lo, v).kind == FaultKind::Unmapped);
}

TEST_CASE("addrspace: map/unmap/extend validate ranges; the TLB never serves stale pages") {
  AddressSpace as;
  CHECK(as.map("a", 0x10000, 0x4000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Ok);
  CHECK(as.map("b", 0x12000, 0x4000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Overlap);
  CHECK(as.map("c", 0x0f000, 0x2000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Overlap);
  CHECK(as.map("d", 0x10001, 0x1000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::BadRange);
  CHECK(as.map("e", kUserAddrLimit, 0x1000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::BadRange);
  CHECK(as.map("f", 0x20000, 0x1000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Ok);
  CHECK(as.extend(0x10000, 0x11000) == MapStatus::Overlap);
  CHECK(as.extend(0x10000, 0x2000) == MapStatus::BadRange);  // shrinking
  CHECK(as.extend(0x10000, 0x8000) == MapStatus::Ok);
  CHECK(as.find(0x17fff)->name == "a");

  CHECK(as.writeU64(0x10000, 99).ok());
  uint64_t v = 0;
  CHECK(as.readU64(0x10000, v).ok());  // now cached in the TLB
  CHECK(as.unmap(0x10000) == MapStatus::Ok);
  CHECK(as.readU64(0x10000, v).kind == FaultKind::Unmapped);
  CHECK(as.writeU64(0x10000, 1).kind == FaultKind::Unmapped);
  CHECK(as.map("a2", 0x10000, 0x1000, MappingKind::Anon, kProtRead | kProtWrite) == MapStatus::Ok);
  CHECK(as.readU64(0x10000, v).ok());
  CHECK(v == 0);  // a new mapping is fresh memory

  // A read of an untouched page caches the zero page; a later write must be visible to reads.
  CHECK(as.readU64(0x20000, v).ok());
  CHECK(as.writeU64(0x20000, 5).ok());
  CHECK(as.readU64(0x20000, v).ok());
  CHECK(v == 5);
}

TEST_CASE("addrspace: thread stacks are placed top-down with a guard page below each") {
  Proc proc;
  AddressSpace& as = proc.as;
  GoProcessLayout l;
  ThreadStack t1 = mapThreadStack(as, "thread 1", kGlibcDefaultStackSize, l.mmapTop);
  ThreadStack t2 = mapThreadStack(as, "thread 2", kGlibcDefaultStackSize, l.mmapTop);
  REQUIRE(t1.ok());
  REQUIRE(t2.ok());
  CHECK(t1.hi == l.mmapTop);
  CHECK(t1.hi - t1.lo == kGlibcDefaultStackSize);
  CHECK(t1.lo - t1.guardLo == 4096);
  CHECK(t2.hi == t1.guardLo);
  uint64_t v = 0;
  CHECK(as.writeU64(t1.hi - 8, 1).ok());
  CHECK(as.writeU64(t1.lo - 8, 1).kind == FaultKind::GuardPage);
  CHECK(as.find(t2.lo)->kind == MappingKind::ThreadStack);
  CHECK(unmapThreadStack(as, t1) == MapStatus::Ok);
  CHECK(as.readU64(t1.hi - 8, v).kind == FaultKind::Unmapped);
  ThreadStack t3 = mapThreadStack(as, "thread 3", kGlibcDefaultStackSize, l.mmapTop);
  CHECK(t3.hi == t1.hi);  // the hole is reused
}
