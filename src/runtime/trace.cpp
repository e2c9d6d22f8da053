#include "runtime/trace.h"

#include <cstring>

#include <map>

namespace gofast::rt {

const char* traceEvName(TraceEv e) {
  switch (e) {
    case TraceEv::GoCreate: return "GoCreate";
    case TraceEv::GoStart: return "GoStart";
    case TraceEv::GoStop: return "GoStop";
    case TraceEv::GoBlock: return "GoBlock";
    case TraceEv::GoUnblock: return "GoUnblock";
    case TraceEv::Steal: return "Steal";
    case TraceEv::Preempt: return "Preempt";
    case TraceEv::SyscallEnter: return "SyscallEnter";
    case TraceEv::SyscallExit: return "SyscallExit";
    case TraceEv::Handoff: return "Handoff";
    case TraceEv::ProcStart: return "ProcStart";
    case TraceEv::ProcStop: return "ProcStop";
    case TraceEv::StackGrow: return "StackGrow";
    case TraceEv::GCStart: return "GCStart";
    case TraceEv::GCEnd: return "GCEnd";
    case TraceEv::ClockJump: return "ClockJump";
    case TraceEv::Count_: break;
  }
  return "?";
}

const char* traceStopName(TraceStop s) {
  switch (s) {
    case TraceStop::Gosched: return "Gosched";
    case TraceStop::Preempted: return "preempted";
    case TraceStop::Exit: return "exit";
    case TraceStop::Syscall: return "syscall";
    case TraceStop::GomaxprocsChange: return "GOMAXPROCS";
  }
  return "?";
}

namespace {
inline uint64_t fnvBytes(uint64_t h, uint64_t v, int n) {
  for (int i = 0; i < n; i++) {
    h ^= (v >> (8 * i)) & 0xff;
    h *= kFnvPrime;
  }
  return h;
}
}  // namespace

uint64_t traceHashEvent(uint64_t h, const TraceEvent& e) {
  h = fnvBytes(h, e.ts, 8);
  h = fnvBytes(h, e.g, 4);
  h = fnvBytes(h, e.arg, 4);
  h = fnvBytes(h, e.p, 2);
  h = fnvBytes(h, e.m, 2);
  h = fnvBytes(h, static_cast<uint8_t>(e.type), 1);
  h = fnvBytes(h, e.reason, 1);
  h = fnvBytes(h, e.arg2, 2);
  return h;
}

void Trace::record(const TraceEvent& e) {
  if (!enabled_) return;
  hash_ = traceHashEvent(hash_, e);
  recorded_++;
  if (len_ >= maxEvents_) return;
  if (len_ < buf_->size()) {
    if (std::memcmp(&(*buf_)[len_], &e, sizeof e) == 0) {
      len_++;
      return;
    }
    buf_ = std::make_shared<std::vector<TraceEvent>>(buf_->begin(), buf_->begin() + static_cast<std::ptrdiff_t>(len_));
  }
  buf_->push_back(e);
  len_++;
}

void Trace::clear() {
  buf_ = std::make_shared<std::vector<TraceEvent>>();
  len_ = 0;
  hash_ = kFnvOffset;
  recorded_ = 0;
}

// ---- Chrome / Perfetto Trace Event Format -------------------------------------------------------------------
namespace {
constexpr int kPidPs = 1;  // one thread (track) per P
constexpr int kPidMs = 2;  // one thread (track) per M
constexpr int kPidRuntime = 3;

void writeTs(std::ostream& out, uint64_t ns) {
  // microseconds with nanosecond precision, no floating point (identical on every build)
  const uint64_t frac = ns % 1000;
  out << ns / 1000 << '.' << static_cast<char>('0' + frac / 100) << static_cast<char>('0' + frac / 10 % 10)
      << static_cast<char>('0' + frac % 10);
}

struct Writer {
  std::ostream& out;
  bool first = true;
  void begin() {
    out << (first ? "\n" : ",\n");
    first = false;
  }
};

struct OpenSlice {
  uint64_t ts = 0;
  uint16_t p = kTraceNone, m = kTraceNone;
  bool syscall = false;
};
}  // namespace

void Trace::writeChromeTrace(std::ostream& out, const char* (*waitReasonName)(uint8_t)) const {
  Writer w{out};
  out << "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[";
  // Track names.
  uint16_t maxP = 0, maxM = 0;
  bool anyP = false, anyM = false;
  for (const TraceEvent& e : events()) {
    if (e.p != kTraceNone) {
      anyP = true;
      if (e.p > maxP) maxP = e.p;
    }
    if (e.m != kTraceNone) {
      anyM = true;
      if (e.m > maxM) maxM = e.m;
    }
  }
  w.begin();
  out << "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << kPidPs << ",\"args\":{\"name\":\"Ps\"}}";
  w.begin();
  out << "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << kPidMs << ",\"args\":{\"name\":\"Ms (threads)\"}}";
  w.begin();
  out << "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":" << kPidRuntime << ",\"args\":{\"name\":\"runtime\"}}";
  if (anyP)
    for (uint32_t i = 0; i <= maxP; i++) {
      w.begin();
      out << "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" << kPidPs << ",\"tid\":" << i
          << ",\"args\":{\"name\":\"P" << i << "\"}}";
    }
  if (anyM)
    for (uint32_t i = 0; i <= maxM; i++) {
      w.begin();
      out << "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":" << kPidMs << ",\"tid\":" << i
          << ",\"args\":{\"name\":\"M" << i << "\"}}";
    }

  std::map<uint32_t, OpenSlice> open;        // goid -> running (or in a syscall) since
  std::map<uint32_t, uint64_t> pendingFlow;  // goid -> flow id of its last unblock
  uint64_t nextFlow = 1;
  auto slice = [&](int pid, uint32_t tid, uint64_t ts, uint64_t end, const char* prefix, uint32_t goid,
                   const char* why) {
    w.begin();
    out << "{\"name\":\"" << prefix << goid << "\",\"cat\":\"g\",\"ph\":\"X\",\"pid\":" << pid << ",\"tid\":" << tid
        << ",\"ts\":";
    writeTs(out, ts);
    out << ",\"dur\":";
    writeTs(out, end - ts);
    out << ",\"args\":{\"goid\":" << goid << ",\"end\":\"" << why << "\"}}";
  };
  auto close = [&](uint32_t goid, uint64_t ts, const char* why) {
    auto it = open.find(goid);
    if (it == open.end()) return;
    const OpenSlice& s = it->second;
    if (s.syscall) {
      if (s.m != kTraceNone) slice(kPidMs, s.m, s.ts, ts, "syscall G", goid, why);
    } else {
      if (s.p != kTraceNone) slice(kPidPs, s.p, s.ts, ts, "G", goid, why);
      if (s.m != kTraceNone) slice(kPidMs, s.m, s.ts, ts, "G", goid, why);
    }
    open.erase(it);
  };
  auto instant = [&](const TraceEvent& e, const char* name) {
    w.begin();
    const bool onP = e.p != kTraceNone;
    const bool onM = !onP && e.m != kTraceNone;
    out << "{\"name\":\"" << name << "\",\"cat\":\"sched\",\"ph\":\"i\",\"s\":\"" << (onP || onM ? 't' : 'p')
        << "\",\"pid\":" << (onP ? kPidPs : onM ? kPidMs : kPidRuntime) << ",\"tid\":" << (onP ? e.p : onM ? e.m : 0)
        << ",\"ts\":";
    writeTs(out, e.ts);
    out << ",\"args\":{\"g\":" << e.g << ",\"arg\":" << e.arg << ",\"arg2\":" << e.arg2 << "}}";
  };

  uint64_t lastTs = 0;
  for (const TraceEvent& e : events()) {
    lastTs = e.ts;
    switch (e.type) {
      case TraceEv::GoStart: {
        open[e.g] = OpenSlice{e.ts, e.p, e.m, false};
        auto f = pendingFlow.find(e.g);
        if (f != pendingFlow.end() && e.p != kTraceNone) {
          w.begin();
          out << "{\"name\":\"unblock\",\"cat\":\"flow\",\"ph\":\"f\",\"bp\":\"e\",\"id\":" << f->second
              << ",\"pid\":" << kPidPs << ",\"tid\":" << e.p << ",\"ts\":";
          writeTs(out, e.ts);
          out << "}";
          pendingFlow.erase(f);
        }
        break;
      }
      case TraceEv::GoStop:
        close(e.g, e.ts, traceStopName(static_cast<TraceStop>(e.reason)));
        break;
      case TraceEv::GoBlock:
        close(e.g, e.ts, waitReasonName ? waitReasonName(e.reason) : "block");
        break;
      case TraceEv::SyscallEnter:
        close(e.g, e.ts, "syscall");
        open[e.g] = OpenSlice{e.ts, kTraceNone, e.m, true};
        break;
      case TraceEv::SyscallExit:
        close(e.g, e.ts, "syscall exit");
        if (e.reason == 1) open[e.g] = OpenSlice{e.ts, e.p, e.m, false};  // kept running
        break;
      case TraceEv::GoUnblock: {
        const uint64_t id = nextFlow++;
        pendingFlow[e.g] = id;
        w.begin();
        const bool onP = e.p != kTraceNone;
        out << "{\"name\":\"unblock\",\"cat\":\"flow\",\"ph\":\"s\",\"id\":" << id << ",\"pid\":"
            << (onP ? kPidPs : kPidRuntime) << ",\"tid\":" << (onP ? e.p : 0) << ",\"ts\":";
        writeTs(out, e.ts);
        out << "}";
        instant(e, "unblock");
        break;
      }
      case TraceEv::ProcStart:
      case TraceEv::ProcStop:
        break;  // implied by the slices
      default:
        instant(e, traceEvName(e.type));
        break;
    }
  }
  while (!open.empty()) close(open.begin()->first, lastTs, "end of trace");
  // otherData (free-form in the Trace Event Format): how many of gofast's own events the file was
  // made from (slices pair several of them), so a reader can check it holds the whole run.
  out << "\n],\"otherData\":{\"gofastEvents\":" << len_ << ",\"gofastDropped\":" << dropped() << "}}\n";
}

}  // namespace gofast::rt
