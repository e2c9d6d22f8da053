// The simulated process address space: every byte a Go program touches lives here.
//
// gofast's VM never keeps Go values in host objects. Globals, heap objects and goroutine stacks are
// bytes at 64-bit *simulated* addresses laid out the way a Go 1.19 binary is laid out on linux/amd64
// (text at 0x400000, the heap arena at 0xc000000000, the main thread's stack just below
// 0x7ffffffff000), so the UI can show real bytes at real addresses and a pointer printed by the
// program looks like one printed by Go.
//
// Shape:
//  * A sorted list of named *mappings* (like /proc/self/maps): [lo, hi), a kind, protection bits.
//    Guard pages are mappings with no access. Anything outside a mapping is unmapped.
//  * Host memory backs a mapping only where it was written, one 4 KiB page (the amd64 page size) at
//    a time, in a hash map keyed by page number. Reading a page that was never written yields zeros
//    without allocating anything, so reserving 1 GiB costs nothing until it is touched, like an
//    anonymous mmap.
//  * The hot path (aligned-or-not 1/2/4/8-byte loads and stores that stay inside one page) goes
//    through two small direct-mapped TLBs (one for reads, one for writes) kept in this object; a hit
//    is a tag compare and a memcpy. Misses, page-crossing accesses and faults take the slow path.
//  * Errors are values: an access outside every mapping, into a guard page or a write to read-only
//    memory returns a Fault {address, kind}; the host never crashes and no exception is thrown.
//  * Deterministic: host addresses never leak into simulated values, and nothing iterates the page
//    hash map in an order that could change a result (resident counts are kept per mapping).
//
// Section index: Fault · Mapping · AddressSpace (mapping management, access, iteration) ·
// GoProcessLayout (the standard mappings of a Go binary) · thread stacks.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace gofast::rt {

using Addr = uint64_t;

// amd64 hardware page size: the granularity of mappings, guard pages and host backing.
inline constexpr uint64_t kHostPageShift = 12;
inline constexpr uint64_t kHostPageSize = uint64_t{1} << kHostPageShift;  // 4096
inline constexpr uint64_t kHostPageMask = kHostPageSize - 1;

// User-space addresses on linux/amd64 are 47 bits: the highest user page ends at 0x7ffffffff000
// (TASK_SIZE_MAX = 2^47 - 4096, arch/x86/include/asm/page_64_types.h).
inline constexpr Addr kUserAddrLimit = 0x7ffffffff000;

// ---- Fault ----------------------------------------------------------------------------------------
enum class FaultKind : uint8_t {
  None = 0,
  Unmapped,   // no mapping covers the address (a nil dereference lands here: page 0 is never mapped)
  GuardPage,  // inside a PROT_NONE guard page (thread stack overflow)
  ReadOnly,   // write to text or rodata
};
const char* faultKindName(FaultKind k);

struct Fault {
  Addr addr = 0;  // first faulting byte
  FaultKind kind = FaultKind::None;
  bool write = false;

  explicit operator bool() const { return kind != FaultKind::None; }
  bool ok() const { return kind == FaultKind::None; }
};

// ---- Mapping --------------------------------------------------------------------------------------
enum class MappingKind : uint8_t {
  Text,         // program code (r-x)
  Rodata,       // read-only data: string literals, type descriptors (r--)
  Data,         // initialised globals (rw-)
  Bss,          // zero-initialised globals (rw-)
  HeapArena,    // Go's heap arena: heap objects and goroutine stacks (rw-)
  MainStack,    // the main thread's stack, [stack] in /proc/self/maps (rw-)
  ThreadStack,  // an OS thread stack from mmap (rw-)
  Guard,        // PROT_NONE page below a thread stack
  Anon,         // any other anonymous mapping (rw-)
};
const char* mappingKindName(MappingKind k);

enum Prot : uint8_t { kProtNone = 0, kProtRead = 1, kProtWrite = 2, kProtExec = 4 };

struct Mapping {
  std::string name;
  Addr lo = 0;  // page aligned
  Addr hi = 0;  // exclusive, page aligned
  MappingKind kind = MappingKind::Anon;
  uint8_t prot = kProtRead | kProtWrite;
  uint64_t residentPages = 0;  // 4 KiB pages backed by host memory

  uint64_t size() const { return hi - lo; }
  uint64_t residentBytes() const { return residentPages * kHostPageSize; }
  bool contains(Addr a) const { return a >= lo && a < hi; }
};

enum class MapStatus : uint8_t { Ok, Overlap, BadRange, NotFound };

// ---- AddressSpace ---------------------------------------------------------------------------------
class MachineCloner;
class AddressSpace {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  AddressSpace();
  ~AddressSpace();
  AddressSpace(const AddressSpace&) = delete;
  AddressSpace& operator=(const AddressSpace&) = delete;

  // Mapping management. Ranges must be page aligned, non-empty, below kUserAddrLimit and must not
  // overlap an existing mapping. New mappings read as zeros.
  MapStatus map(std::string name, Addr lo, uint64_t size, MappingKind kind, uint8_t prot);
  MapStatus unmap(Addr lo);                     // the mapping starting at lo; drops its backing
  MapStatus extend(Addr lo, uint64_t newSize);  // grow the mapping starting at lo upwards
  // Drop the host backing of [lo, lo+n) (page aligned), like madvise(MADV_DONTNEED): the range stays
  // mapped and reads as zeros again.
  void decommit(Addr lo, uint64_t n);

  const Mapping* find(Addr a) const;  // the mapping containing a, or nullptr
  // Mappings in address order (for the UI's address-space panel).
  const std::vector<Mapping>& mappings() const { return maps_; }
  uint64_t residentBytes() const { return residentPages_ * kHostPageSize; }
  // Lowest free page-aligned gap of `size` bytes whose top is at or below `top`, searching
  // downwards (how the kernel places mmaps). Returns 0 when nothing fits.
  Addr findFreeBelow(Addr top, uint64_t size) const;

  // Check that [a, a+n) may be accessed (write or read) without touching it.
  Fault check(Addr a, uint64_t n, bool write) const;

  // ---- hot path: loads and stores, little endian (amd64) ----
  Fault readU8(Addr a, uint8_t& v) { return load(a, v); }
  Fault readU16(Addr a, uint16_t& v) { return load(a, v); }
  Fault readU32(Addr a, uint32_t& v) { return load(a, v); }
  Fault readU64(Addr a, uint64_t& v) { return load(a, v); }
  Fault writeU8(Addr a, uint8_t v) { return store(a, v); }
  Fault writeU16(Addr a, uint16_t v) { return store(a, v); }
  Fault writeU32(Addr a, uint32_t v) { return store(a, v); }
  Fault writeU64(Addr a, uint64_t v) { return store(a, v); }

  // Bulk access. On a fault nothing is guaranteed about partially copied bytes of a write, except
  // that the whole range is checked first: a faulting write changes nothing.
  Fault readBytes(Addr a, void* dst, uint64_t n);
  Fault writeBytes(Addr a, const void* src, uint64_t n);
  Fault fill(Addr a, uint8_t byte, uint64_t n);
  Fault zero(Addr a, uint64_t n);  // does not allocate backing for untouched pages
  // memmove semantics inside the simulated space (overlapping ranges are fine).
  Fault memmove(Addr dst, Addr src, uint64_t n);

  // The program loader (like the kernel's ELF loader): copy bytes into a mapping regardless of its
  // write protection (rodata images). Faults only outside every mapping.
  Fault loadImage(Addr a, const void* src, uint64_t n);
  // Host memory backing [a, a+n) as ONE contiguous block, for the VM's hot path on goroutine stacks
  // (DESIGN rule 6: the VM re-fetches it after every stack move). Pages already backed are moved into
  // a new contiguous block with their contents; the range must be inside one writable mapping.
  // Returns nullptr if it is not.
  uint8_t* hostContiguous(Addr a, uint64_t n);

  // FNV-1a over the mappings and every resident page's number and bytes, in address order (time
  // travel tests compare whole states; untouched pages read as zeros and are not included).
  uint64_t contentHash() const;
  // Is the 4 KiB page containing a backed by host memory? (tests, UI)
  bool isResident(Addr a) const { return pages_.count(a >> kHostPageShift) != 0; }

  // Typed helpers for the common aligned case (T = uint8_t ... uint64_t, or int types).
  template <class T>
  Fault load(Addr a, T& v) {
    static_assert(sizeof(T) <= 8);
    const uint64_t pn = a >> kHostPageShift;
    const TlbEntry& e = rtlb_[pn & (kTlbSize - 1)];
    if (e.tag == pn && (a & kHostPageMask) <= kHostPageSize - sizeof(T)) [[likely]] {
      std::memcpy(&v, e.host + (a & kHostPageMask), sizeof(T));
      return {};
    }
    return readBytesSlow(a, &v, sizeof(T));
  }
  template <class T>
  Fault store(Addr a, T v) {
    static_assert(sizeof(T) <= 8);
    const uint64_t pn = a >> kHostPageShift;
    const TlbEntry& e = wtlb_[pn & (kTlbSize - 1)];
    if (e.tag == pn && (a & kHostPageMask) <= kHostPageSize - sizeof(T)) [[likely]] {
      std::memcpy(e.host + (a & kHostPageMask), &v, sizeof(T));
      return {};
    }
    return writeBytesSlow(a, &v, sizeof(T));
  }

 private:
  struct Page {
    alignas(64) uint8_t bytes[kHostPageSize];
  };
  struct TlbEntry {
    uint64_t tag = ~uint64_t{0};  // page number, ~0 = invalid (never a user page number)
    uint8_t* host = nullptr;
  };
  static constexpr uint64_t kTlbSize = 64;  // power of two

  int findIndex(Addr a) const;  // index into maps_ or -1
  Fault readBytesSlow(Addr a, void* dst, uint64_t n);
  Fault writeBytesSlow(Addr a, const void* src, uint64_t n);
  uint8_t* materialize(uint64_t pn, Mapping& m);  // host page for pn, allocating it
  void dropPage(uint64_t pn, Mapping* m);
  void flushTlb();

  std::vector<Mapping> maps_;  // sorted by lo, non-overlapping
  struct PageSlot {
    std::unique_ptr<Page> own;  // null when the page lives in a contiguous chunk
    uint8_t* bytes = nullptr;
  };
  std::unordered_map<uint64_t, PageSlot> pages_;
  std::vector<std::unique_ptr<uint8_t[]>> chunks_;  // contiguous blocks (hostContiguous)
  uint64_t residentPages_ = 0;
  std::unique_ptr<Page> zeroPage_;  // what untouched pages read as
  TlbEntry rtlb_[kTlbSize];         // reads: may point at zeroPage_
  TlbEntry wtlb_[kTlbSize];         // writes: only materialised writable pages
};

// ---- GoProcessLayout ------------------------------------------------------------------------------
// Where a Go 1.19 binary's pieces sit on linux/amd64 without ASLR. Sizes are rounded up to pages.
struct GoProcessLayout {
  // cmd/link starts .text at (1<<22) + HEADR = 0x401000 on linux/amd64
  // (cmd/link/internal/amd64/obj.go:112, HEADR = ELFRESERVE 4096, ld/elf.go:166); the text segment
  // mapping begins at 0x400000 with the ELF header in its first page.
  Addr textLo = 0x400000;
  uint64_t textSize = 1 << 20;
  uint64_t rodataSize = 512 << 10;  // follows text
  uint64_t dataSize = 64 << 10;     // follows rodata (noptrdata + data)
  uint64_t bssSize = 64 << 10;      // follows data (bss + noptrbss)
  // First heap arena hint: 0x00c0<<32 (runtime/malloc.go:460).
  Addr arenaLo = 0xc000000000;
  // heapArenaBytes: 64 MiB on linux/amd64 (runtime/malloc.go:248-253).
  uint64_t arenaSize = 64 << 20;
  // The main thread's stack ends at the top of user space. The kernel initially shows
  // 0x7ffffffde000-0x7ffffffff000 (132 KiB) as [stack] and grows it on demand up to RLIMIT_STACK,
  // 8 MiB by default (glibc/kernel default ulimit -s); gofast reserves the whole 8 MiB up front
  // (lazily backed) with a 4 KiB guard page below it.
  Addr mainStackHi = kUserAddrLimit;
  uint64_t mainStackSize = 8 << 20;
  // Top of the mmap area: TASK_SIZE minus the stack gap (at least 128 MiB,
  // mm/util.c mmap_base), where thread stacks are placed top-down.
  Addr mmapTop = kUserAddrLimit - (uint64_t{128} << 20);
};

struct GoProcessMap {
  Addr textLo = 0, rodataLo = 0, dataLo = 0, bssLo = 0, bssHi = 0;
  Addr arenaLo = 0, arenaHi = 0;
  Addr mainStackLo = 0, mainStackHi = 0, mainGuardLo = 0;
};

// Map text, rodata, data, bss, the first heap arena, the main stack and its guard page.
// Returns false (and maps nothing further) if a mapping overlaps one already present.
bool mapGoProcess(AddressSpace& as, const GoProcessLayout& layout, GoProcessMap* out);

// ---- thread stacks ---------------------------------------------------------------------------------
// An OS thread stack as glibc's pthread_create makes it: `size` bytes (8 MiB = RLIMIT_STACK by
// default) with one 4 KiB PROT_NONE guard page at its low end (glibc nptl/allocatestack.c), placed
// top-down below `top` like an mmap. Used for Ms whose g0 stacks come from the OS (cgo) and for the
// "one OS thread per goroutine" model; Ms created by Go itself without cgo take an 8 KiB g0 stack
// from stackalloc instead (runtime/proc.go:1768).
struct ThreadStack {
  Addr guardLo = 0;  // guard page [guardLo, lo)
  Addr lo = 0;
  Addr hi = 0;
  bool ok() const { return hi != 0; }
};
inline constexpr uint64_t kGlibcDefaultStackSize = 8 << 20;  // RLIMIT_STACK default, 8 MiB
inline constexpr uint64_t kGlibcGuardSize = kHostPageSize;   // one page (pthread_early_init.h)
ThreadStack mapThreadStack(AddressSpace& as, const std::string& name, uint64_t size, Addr top);
// Removes both the stack and its guard page.
MapStatus unmapThreadStack(AddressSpace& as, const ThreadStack& ts);

}  // namespace gofast::rt
