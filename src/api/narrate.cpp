#include "api/narrate.h"

#include <vector>

#include "runtime/sched.h"
#include "runtime/trace.h"

namespace gofast::api {

namespace {

std::string gname(uint32_t goid) { return "G" + std::to_string(goid); }

// The trace event in words, or "" for events a learner does not need in a one-line summary.
std::string eventWords(const rt::TraceEvent& e) {
  using rt::TraceEv;
  switch (e.type) {
    case TraceEv::GoCreate: return gname(e.arg) + " created " + gname(e.g);
    case TraceEv::GoStart:
      return "P" + std::to_string(e.p) + " started " + gname(e.g) + (e.reason == 1 ? " (from runnext, same time slice)" : "");
    case TraceEv::GoStop:
      switch (static_cast<rt::TraceStop>(e.reason)) {
        case rt::TraceStop::Exit: return gname(e.g) + " exited";
        case rt::TraceStop::Gosched: return gname(e.g) + " yielded (Gosched)";
        case rt::TraceStop::Preempted: return gname(e.g) + " was preempted after its 10 ms";
        case rt::TraceStop::Syscall: return gname(e.g) + " left its P for a syscall";
        case rt::TraceStop::GomaxprocsChange: return gname(e.g) + " stopped for GOMAXPROCS";
      }
      return "";
    case TraceEv::GoBlock: return gname(e.g) + " blocked on " + rt::waitReasonStringU8(e.reason);
    case TraceEv::GoUnblock: return (e.arg != 0 ? gname(e.arg) + " woke " : std::string("a timer woke ")) + gname(e.g);
    case TraceEv::Steal: return "P" + std::to_string(e.p) + " stole " + std::to_string(e.arg2) + " goroutine(s) from P" + std::to_string(e.arg);
    case TraceEv::Preempt: return "sysmon asked " + gname(e.g) + " to yield (it ran 10 ms)";
    case TraceEv::SyscallEnter: return gname(e.g) + " entered a write syscall";
    case TraceEv::SyscallExit: return gname(e.g) + " returned from its syscall" + (e.reason == 1 ? "" : " without a P (global queue)");
    case TraceEv::Handoff: return "sysmon took P" + std::to_string(e.p) + " from a syscall and handed it to another M";
    case TraceEv::StackGrow: return gname(e.g) + "'s stack is now " + std::to_string(e.arg) + " bytes";
    case TraceEv::GCStart: return "a GC cycle started";
    case TraceEv::GCEnd: return "the GC cycle ended";
    default: return "";
  }
}

std::string where(const Snapshot& s) {
  if (s.currentGoid == 0) return "";
  std::string fn;
  for (const GoroutineView& g : s.goroutines)
    if (g.goid == s.currentGoid) fn = g.function;
  const std::string who = gname(static_cast<uint32_t>(s.currentGoid));
  // Code that is not the program's own: the runtime's entry (runtime.main calls main.init, then
  // main.main) and the package initialiser have no line of the user's file.
  if (fn.rfind("runtime.", 0) == 0) return who + " is in " + fn + " (the runtime, before or after main.main)";
  if (fn == "main.init") return who + " is in main.init (package initialisation)";
  if (fn.empty() || s.currentLine <= 0) return who + " is in " + (fn.empty() ? "the runtime" : fn);
  return who + " is at line " + std::to_string(s.currentLine) + (fn.empty() ? "" : " (" + fn + ")");
}

}  // namespace

std::string describeMove(const Session& sess, const Snapshot& before, const Snapshot& after, const std::string& verb) {
  if (after.finished && !before.finished) return describeEnd(after);
  std::string out = verb;
  if (after.position == before.position && after.traceLength == before.traceLength) return out + ": nothing more happened.";
  std::vector<std::string> what;
  if (after.position > before.position && after.traceLength > before.traceLength) {
    // The last few things the scheduler did on the way (the most recent last).
    const size_t from = after.traceLength - before.traceLength > 64 ? after.traceLength - 64 : before.traceLength;
    for (const rt::TraceEvent& e : sess.traceEvents(from, after.traceLength)) {
      std::string w = eventWords(e);
      if (!w.empty()) what.push_back(std::move(w));
    }
    if (what.size() > 3) what.erase(what.begin(), what.end() - 3);
  }
  if (after.numGC > before.numGC && after.position > before.position && what.empty())
    what.push_back("the GC ran (cycle " + std::to_string(after.numGC) + ")");
  out += ":";
  for (size_t i = 0; i < what.size(); i++) out += (i == 0 ? " " : "; ") + what[i];
  if (!what.empty()) out += ".";
  const std::string w = where(after);
  out += (w.empty() ? std::string(" Now at") : " " + w + ",") + " instruction " + std::to_string(after.position) + ".";
  return out;
}

std::string describeEnd(const Snapshot& end) {
  return "The program " + std::string(end.exitStatus == 0 ? "exited" : "ended") + " with status " + std::to_string(end.exitStatus) +
         " after " + std::to_string(end.position) + " instructions.";
}

}  // namespace gofast::api
