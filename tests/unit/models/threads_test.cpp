// The OS-thread model: counts from a trace and the comparison arithmetic (constants from
// runtime-facts.md; the test checks the model's bookkeeping, not the measurements).
#include <doctest/doctest.h>

#include "models/threads.h"

using namespace gofast;

namespace {

rt::TraceEvent ev(rt::TraceEv type, uint64_t ts, uint32_t g, uint32_t arg = 0, uint8_t reason = 0) {
  rt::TraceEvent e;
  e.type = type;
  e.ts = ts;
  e.g = g;
  e.arg = arg;
  e.reason = reason;
  return e;
}

}  // namespace

TEST_CASE("threads model: counts goroutines, the peak, hand-offs and grown stacks from a trace") {
  rt::Trace t;
  t.record(ev(rt::TraceEv::GoCreate, 0, 1));
  t.record(ev(rt::TraceEv::GoStart, 0, 1));
  t.record(ev(rt::TraceEv::GoCreate, 100, 2, 1));
  t.record(ev(rt::TraceEv::GoCreate, 200, 3, 1));
  t.record(ev(rt::TraceEv::StackGrow, 250, 3, 4096));
  t.record(ev(rt::TraceEv::GoBlock, 300, 1));
  t.record(ev(rt::TraceEv::GoStart, 300, 2));
  t.record(ev(rt::TraceEv::GoUnblock, 400, 1, 2));  // 2 wakes 1: a hand-off
  t.record(ev(rt::TraceEv::GoStop, 450, 2, 0, static_cast<uint8_t>(rt::TraceStop::Exit)));
  t.record(ev(rt::TraceEv::GoUnblock, 500, 3, 0));  // a timer: not a hand-off
  t.record(ev(rt::TraceEv::GoStop, 900, 3, 0, static_cast<uint8_t>(rt::TraceStop::Exit)));
  models::RunCounts c = models::countRun(t);
  CHECK(c.created == 3);
  CHECK(c.peakLive == 3);
  CHECK(c.handoffs == 1);
  CHECK(c.starts == 2);
  CHECK(c.peakStackBytes == 2048 + 2048 + 4096);
  CHECK(c.virtualNs == 900);
}

TEST_CASE("threads model: memory and time side by side, and the limits threads hit") {
  models::RunCounts c;
  c.created = 100001;
  c.peakLive = 100001;
  c.handoffs = 200000;
  c.peakStackBytes = 100001 * 2048;
  c.virtualNs = 100000000;
  models::ThreadComparison r = models::compareWithThreads(c);
  CHECK(r.goroutines.residentBytes == 100001 * (392 + 2048));
  CHECK(r.threads.reservedBytes == int64_t{100001} * ((8 << 20) + 4096));
  CHECK(r.threads.residentBytes > 3 * r.goroutines.residentBytes);
  CHECK(r.threads.createNs == 100001 * models::kThreadCreateNs);
  CHECK(r.threads.switchNs == 200000 * models::kThreadSwitchNs);
  CHECK(r.goroutines.totalNs == c.virtualNs + r.goroutines.createNs + r.goroutines.switchNs);
  CHECK(r.threads.totalNs == c.virtualNs + r.threads.createNs + r.threads.switchNs);
  CHECK(r.threads.totalNs > r.goroutines.totalNs);
  REQUIRE(r.limits.size() == 1);  // above pid_max, below threads-max
  CHECK(r.limits[0].find("pid_max (32,768)") == 0);
  models::RunCounts small;
  small.created = small.peakLive = 3;
  CHECK(models::compareWithThreads(small).limits.empty());
}
