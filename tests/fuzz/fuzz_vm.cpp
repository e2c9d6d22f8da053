// libFuzzer target: arbitrary bytes through the whole pipeline, `gofast run` style: front end,
// inliner and escape analysis, compiler, and the VM under tight limits (instructions, heap, output,
// goroutines, stack). Any program must end as diagnostics or a run result (exit, panic, fatal error,
// limit); nothing may crash, hang, leak or trip a sanitizer (SPEC R1, R2).
// Build: cmake --preset fuzz && cmake --build --preset fuzz   (or ./gofast.sh fuzz)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/run.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  gofast::rt::RunOptions opts;
  opts.vm.maxSteps = 200000;             // a runaway loop ends quickly
  opts.vm.maxHeapBytes = 64ull << 20;    // 64 MiB of simulated heap
  opts.vm.maxOutputBytes = 1 << 16;
  opts.vm.maxGoroutines = 1000;
  opts.vm.maxStackSize = 1 << 20;        // deep recursion hits the (smaller) stack limit
  gofast::rt::RunOutcome out = gofast::rt::runSource(src, opts);
  (void)out;
  return 0;
}
