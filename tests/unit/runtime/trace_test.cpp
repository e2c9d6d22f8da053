// The scheduler trace (runtime/trace.h): size, hash determinism, Chrome JSON export.
#include <doctest/doctest.h>

#include <sstream>

#include "runtime/sched.h"

using namespace gofast::rt;

TEST_CASE("trace: events are 24 bytes; 1M events fit in 24 MB") {
  CHECK(sizeof(TraceEvent) == 24);
  Trace t(uint64_t{1} << 20);
  for (uint32_t i = 0; i < (1u << 20) + 10; i++) {
    TraceEvent e;
    e.ts = i;
    e.g = i;
    e.type = TraceEv::GoStart;
    t.record(e);
  }
  CHECK(t.events().size() == (1u << 20));
  CHECK(t.dropped() == 10);
  CHECK(t.capacityBytes() < 100u * 1024 * 1024);
}

TEST_CASE("trace: the hash depends on every field and on order, and only on them") {
  TraceEvent a;
  a.ts = 5;
  a.g = 2;
  a.type = TraceEv::GoBlock;
  a.reason = 14;
  TraceEvent b = a;
  b.reason = 15;
  Trace t1, t2, t3;
  t1.record(a);
  t1.record(b);
  t2.record(a);
  t2.record(b);
  t3.record(b);
  t3.record(a);
  CHECK(t1.hash() == t2.hash());
  CHECK(t1.hash() != t3.hash());
  CHECK(traceHashEvent(kFnvOffset, a) != traceHashEvent(kFnvOffset, b));
}

TEST_CASE("trace: a scheduler run exports Chrome trace-event JSON with P/M tracks, slices and flows") {
  AddressSpace as;
  GoProcessMap pm;
  REQUIRE(mapGoProcess(as, GoProcessLayout{}, &pm));
  mheap heap(as);
  StackAllocator stacks(heap);
  SchedConfig cfg;
  cfg.gomaxprocs = 2;
  cfg.goexitPC = pm.textLo + 0x2000;
  Scheduler S(as, stacks, heap, cfg);
  g* mainG = S.init(0x401000);
  REQUIRE(mainG);
  g* w = S.newproc(S.m0(), 0x401000, 0, 0);
  S.advanceClock(1500);
  S.gopark(S.m0(), waitReason::waitReasonChanReceive);  // main blocks; w runs (inherits) on M0
  REQUIRE(S.m0()->curg == w);
  S.advanceClock(2500);
  S.goready(S.m0(), mainG);
  S.goexit(S.m0());
  std::ostringstream out;
  S.trace.writeChromeTrace(out, waitReasonStringU8);
  const std::string j = out.str();
  CHECK(j.rfind("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[", 0) == 0);
  CHECK(j.find("\"thread_name\"") != std::string::npos);
  CHECK(j.find("\"name\":\"P0\"") != std::string::npos);
  CHECK(j.find("\"name\":\"M0\"") != std::string::npos);
  CHECK(j.find("\"ph\":\"X\"") != std::string::npos);
  CHECK(j.find("\"end\":\"chan receive\"") != std::string::npos);
  CHECK(j.find("\"ph\":\"s\"") != std::string::npos);
  CHECK(j.find("\"ph\":\"f\"") != std::string::npos);
  CHECK(j.find("\"ts\":1.500") != std::string::npos);  // microseconds, exact
  // The file ends with how many of the trace's events it was made from.
  const std::string tail = ",\"otherData\":{\"gofastEvents\":" + std::to_string(S.trace.events().size()) + ",\"gofastDropped\":0}}\n";
  CHECK(j.substr(j.size() - tail.size()) == tail);
  // Balanced braces/brackets (a cheap well-formedness check).
  int depth = 0;
  for (char ch : j) {
    if (ch == '{' || ch == '[') depth++;
    if (ch == '}' || ch == ']') depth--;
    CHECK(depth >= 0);
  }
  CHECK(depth == 0);
}
