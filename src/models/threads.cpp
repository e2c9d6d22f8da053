// The OS-thread model: see threads.h.
#include "models/threads.h"

#include <algorithm>
#include <unordered_map>

namespace gofast::models {

RunCounts countRun(const rt::Trace& trace) {
  RunCounts c;
  int64_t live = 0;
  std::unordered_map<uint32_t, int64_t> stack;  // goid → current stack size
  int64_t stackSum = 0;
  bool sawMain = false;
  for (const rt::TraceEvent& e : trace.events()) {
    c.virtualNs = std::max<int64_t>(c.virtualNs, static_cast<int64_t>(e.ts));
    switch (e.type) {
      case rt::TraceEv::GoCreate:
        c.created++;
        live++;
        stack[e.g] = kGoroutineStackBytes;
        stackSum += kGoroutineStackBytes;
        if (e.g == 1) sawMain = true;
        break;
      case rt::TraceEv::GoStart:
        c.starts++;
        if (!stack.count(e.g)) {  // main may start without a GoCreate in some traces
          stack[e.g] = kGoroutineStackBytes;
          stackSum += kGoroutineStackBytes;
          live++;
          c.created++;
          if (e.g == 1) sawMain = true;
        }
        break;
      case rt::TraceEv::GoStop:
        if (e.reason == static_cast<uint8_t>(rt::TraceStop::Exit) && stack.count(e.g)) {
          live--;
          stackSum -= stack[e.g];
          stack.erase(e.g);
        }
        break;
      case rt::TraceEv::GoUnblock:
        if (e.arg != 0) c.handoffs++;  // woken by a goroutine (0: by the runtime, e.g. a timer)
        break;
      case rt::TraceEv::StackGrow:
        if (stack.count(e.g)) {
          stackSum += static_cast<int64_t>(e.arg) - stack[e.g];
          stack[e.g] = e.arg;
        }
        break;
      default:
        break;
    }
    if (live > c.peakLive) {
      c.peakLive = live;
      c.peakStackBytes = stackSum;
    } else if (live == c.peakLive) {
      c.peakStackBytes = std::max(c.peakStackBytes, stackSum);
    }
  }
  (void)sawMain;
  return c;
}

namespace {

std::string thousands(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

}  // namespace

ThreadComparison compareWithThreads(const RunCounts& c) {
  ThreadComparison r;
  r.counts = c;
  Side& g = r.goroutines;
  g.name = "goroutines";
  g.units = c.peakLive;
  g.residentBytes = c.peakLive * kGoroutineRecordBytes + c.peakStackBytes;
  g.reservedBytes = c.peakStackBytes;
  g.createNs = c.created * kGoroutineCreateNs;
  g.switchNs = c.handoffs * kGoroutineSwitchNs;
  // gofast's virtual clock charges instructions, calls and allocations but not the scheduler's own
  // work, so both sides add their creation and hand-off costs to the same instruction time.
  g.totalNs = c.virtualNs + g.createNs + g.switchNs;

  Side& t = r.threads;
  t.name = "OS threads";
  t.units = c.peakLive;
  t.residentBytes = c.peakLive * kThreadResidentBytes;
  t.reservedBytes = c.peakLive * (kThreadStackReserveBytes + kThreadGuardBytes);
  t.kernelBytes = c.peakLive * kThreadKernelBytes;
  t.createNs = c.created * kThreadCreateNs;
  t.switchNs = c.handoffs * kThreadSwitchNs;
  // Same work, with the thread prices for creation and hand-offs.
  t.totalNs = c.virtualNs + t.createNs + t.switchNs;

  if (c.peakLive > kPidMax)
    r.limits.push_back("pid_max (" + thousands(kPidMax) + "): every thread needs a process id; " +
                       thousands(c.peakLive) + " threads would not start on the machine measured");
  if (c.peakLive > kThreadsMax)
    r.limits.push_back("threads-max (" + thousands(kThreadsMax) + ") on the machine measured");
  return r;
}

}  // namespace gofast::models
