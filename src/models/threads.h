// The OS-thread model (chapter 4): the same program as if every goroutine were an operating-system
// thread, priced with measured costs, side by side with what the goroutine run cost.
//
// Input is the scheduler trace of a real gofast run (runtime/trace.h): it says how many goroutines
// were created, how many were alive at once, how often one blocked and another was woken. The model
// maps each goroutine to a pthread and each block/wake hand-off to a kernel context switch (a futex
// wait + wake, the way a mutex or a condition variable hands over between threads), and adds up
// memory and time with the figures in runtime-facts.md sections 6 and 9 (Go 1.19.8, glibc 2.36,
// Linux 6.18 on a 2-vCPU VM; each constant names its source). It is a model: it does not run
// threads, it counts what threads would have cost for the same events.
//
// What is compared:
//   memory   goroutine: g record (392 B) + its stack (2 KiB, or what it grew to)
//            thread:    8 MiB + 4 KiB guard of reserved stack (virtual), ≈8.3 KiB resident, plus kernel
//                       memory (task_struct 5,824 B + 16 KiB kernel stack)
//   create   goroutine: ≈0.2 µs;   thread: ≈52 µs (pthread_create + join)
//   switch   goroutine: ≈0.22 µs (channel hand-off); thread: ≈3.9 µs (futex ping-pong, one CPU)
//   limits   10,000 Ms (proc.go:686) never bind goroutines; threads hit threads-max / pid_max.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/trace.h"

namespace gofast::models {

// ---- costs (runtime-facts.md; "measured here" = 2-vCPU AMD EPYC VM) ---------------------------------
// Goroutines
inline constexpr int64_t kGoroutineRecordBytes = 392;   // sizeof(g), linux/amd64 1.19 (sizeof_test.go:24)
inline constexpr int64_t kGoroutineStackBytes = 2048;   // _StackMin (stack.go:75)
inline constexpr int64_t kGoroutineCreateNs = 180;      // create+run+exit 164-193 ns, measured here (§9)
inline constexpr int64_t kGoroutineSwitchNs = 220;      // channel hand-off 209-234 ns, measured here (§9)
// Threads
inline constexpr int64_t kThreadStackReserveBytes = 8 << 20;  // glibc default = RLIMIT_STACK 8 MiB (§9)
inline constexpr int64_t kThreadGuardBytes = 4096;            // one guard page (pthread_early_init.h)
inline constexpr int64_t kThreadResidentBytes = 8499;         // idle pthread +8.3 KiB RSS, measured here
inline constexpr int64_t kThreadKernelBytes = 5824 + 16384;   // task_struct (slabinfo) + 16 KiB kernel stack
inline constexpr int64_t kThreadCreateNs = 52000;             // pthread_create+join 51-54 µs, measured here
inline constexpr int64_t kThreadSwitchNs = 3900;              // futex ping-pong per hand-off, one vCPU
inline constexpr int64_t kThreadsMax = 192729;                // threads-max = RAM/(8*16 KiB), measured here
inline constexpr int64_t kPidMax = 32768;                     // pid_max here (every thread needs a pid)

// What the trace says happened.
struct RunCounts {
  int64_t created = 0;      // goroutines created (including main)
  int64_t peakLive = 0;     // most goroutines alive at the same time
  int64_t handoffs = 0;     // a blocked goroutine woken by another (GoUnblock by a goroutine)
  int64_t starts = 0;       // times a goroutine was put on a CPU (GoStart)
  int64_t peakStackBytes = 0;  // Σ stack sizes at the peak, as the trace's StackGrow events tell
  int64_t virtualNs = 0;    // the goroutine run's virtual duration (last event time)
};
RunCounts countRun(const rt::Trace& trace);

struct Side {
  const char* name = "";       // "goroutines" / "OS threads"
  int64_t units = 0;           // goroutines or threads at the peak
  int64_t residentBytes = 0;   // memory really used at the peak
  int64_t reservedBytes = 0;   // address space reserved at the peak (stacks)
  int64_t kernelBytes = 0;     // kernel memory (threads only)
  int64_t createNs = 0;        // creating them all
  int64_t switchNs = 0;        // all hand-offs
  int64_t totalNs = 0;         // the run's instruction time (virtual) + this side's create + hand-off costs
};

struct ThreadComparison {
  RunCounts counts;
  Side goroutines, threads;
  std::vector<std::string> limits;  // limits the thread version would hit ("pid_max (32,768) ...")
};

ThreadComparison compareWithThreads(const RunCounts& c);

}  // namespace gofast::models
