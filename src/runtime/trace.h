// A compact in-memory trace of scheduler events, with a running hash for determinism tests.
//
// Every scheduling decision the scheduler makes (a goroutine created, started on a P, stopped,
// blocked with a wait reason, unblocked by another goroutine, stolen, preempted, entering or leaving a
// syscall, a P handed off, a stack grown, a GC cycle) is appended here with the virtual time and the
// P, M and G involved. It plays the role of Go's execution tracer (runtime/trace.go, `go tool trace`)
// but is always in memory and tiny:
//  * One event is 24 bytes (static_assert below): 1M events are 24 MB. Past `maxEvents` events are
//    no longer stored (the count of dropped ones is kept) but still hashed.
//  * The hash is FNV-1a 64 over each event's fields in a fixed byte order (never the struct's padding
//    or host pointers), so the same program, options and seed give the same hash on every build,
//    native or WebAssembly (SPEC R6). Tests compare hashes instead of whole traces.
//  * writeChromeTrace exports the Trace Event Format that chrome://tracing and Perfetto read
//    ({"traceEvents":[...]}, timestamps in microseconds): one track per P and one per M with an
//    "X" slice for each stretch a goroutine ran, instant ("i") events for the rest, and flow arrows
//    ("s" at the unblocking, "f" at the unblocked goroutine's next start) for unblocks.
// Ids: goids are stored as uint32 (the goroutine limit keeps them far below), P and M ids as uint16;
// kNone marks "no P / no M / no G".
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <span>
#include <vector>

namespace gofast::rt {

enum class TraceEv : uint8_t {
  GoCreate,      // g = new goroutine, arg = creator's goid
  GoStart,       // g starts running on p/m (execute); reason 1 = inherited time slice
  GoStop,        // g stops running: reason = TraceStop
  GoBlock,       // g parks: reason = waitReason
  GoUnblock,     // g made runnable: arg = goid of the goroutine that readied it (0 = runtime: timer)
  Steal,         // p stole `arg2` goroutines from P `arg`
  Preempt,       // preemption requested for g (sysmon, 10 ms)
  SyscallEnter,  // g enters a syscall on m (its P goes _Psyscall)
  SyscallExit,   // g leaves it: reason = 1 fast path (kept/acquired a P), 0 = no P (queued globally)
  Handoff,       // p taken from a syscall by sysmon (retake) and handed off
  ProcStart,     // m acquires p
  ProcStop,      // m releases p
  StackGrow,     // g's stack grew (or shrank) to `arg` bytes
  GCStart,
  GCEnd,
  ClockJump,     // the virtual clock skipped idle time to `ts` (all Ps idle, waiting for a timer)
  Count_
};
const char* traceEvName(TraceEv e);

// Why a goroutine stopped running (GoStop.reason).
enum class TraceStop : uint8_t { Gosched, Preempted, Exit, Syscall, GomaxprocsChange };
const char* traceStopName(TraceStop s);

struct TraceEvent {
  uint64_t ts = 0;    // virtual nanoseconds
  uint32_t g = 0;     // goid (0 = none)
  uint32_t arg = 0;   // event specific
  uint16_t p = 0;     // P id, kNone = none
  uint16_t m = 0;     // M id, kNone = none
  TraceEv type = TraceEv::GoCreate;
  uint8_t reason = 0;  // event specific
  uint16_t arg2 = 0;   // event specific
};
static_assert(sizeof(TraceEvent) == 24, "trace events must stay packed");

inline constexpr uint16_t kTraceNone = 0xffff;
// FNV-1a 64 offset basis and prime (http://www.isthe.com/chongo/tech/comp/fnv/).
inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ull;
// Debug/limit knob: events stored (hashing continues past it). 4M events = 96 MB.
inline constexpr uint64_t kDefaultMaxTraceEvents = uint64_t{4} << 20;

class MachineCloner;
class Trace {
  friend class MachineCloner;  // Machine::clone (clone.cpp) copies the private state
 public:
  explicit Trace(uint64_t maxEvents = kDefaultMaxTraceEvents) : maxEvents_(maxEvents) {}

  void record(const TraceEvent& e);
  void setEnabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }

  // This trace's events (a prefix of the shared buffer, see below).
  std::span<const TraceEvent> events() const { return {buf_->data(), len_}; }
  // Host bytes of the event buffer (shared by the clones of a machine: count it once).
  uint64_t capacityBytes() const { return buf_->capacity() * sizeof(TraceEvent); }
  uint64_t hash() const { return hash_; }
  uint64_t recorded() const { return recorded_; }  // events hashed (stored + dropped)
  uint64_t dropped() const { return recorded_ - len_; }
  void clear();

  // Chrome/Perfetto Trace Event Format (JSON object form). waitReasonName turns GoBlock reasons into
  // text (the scheduler passes waitReasonString); nullptr prints the number.
  void writeChromeTrace(std::ostream& out, const char* (*waitReasonName)(uint8_t) = nullptr) const;

 private:
  // Time travel clones a machine many times along one timeline, and every clone records the same
  // events in the same order. So clones share one append-only buffer, each with its own length: a
  // clone behind the others finds its next event already there. (If an event ever differed, the
  // clone would take a private copy of its prefix first: record() checks.)
  std::shared_ptr<std::vector<TraceEvent>> buf_ = std::make_shared<std::vector<TraceEvent>>();
  size_t len_ = 0;
  uint64_t hash_ = kFnvOffset;
  uint64_t recorded_ = 0;
  uint64_t maxEvents_;
  bool enabled_ = true;
};

// FNV-1a over one event's fields in a fixed order (exposed for tests).
uint64_t traceHashEvent(uint64_t h, const TraceEvent& e);

}  // namespace gofast::rt
