// `gofast run [-l] [-gomaxprocs N] [-seed S] [-max-steps N] [-max-heap BYTES] [-write-latency=D] file.go|-`: compile one Go
// file and run it on gofast's VM. stdout and stderr are the program's; the exit status is the
// program's own (0, or 2 after a panic or fatal error), as the expected files of the go-corpus record
// it. (`go run` itself adds a line `exit status 2` and exits with 1 in that case; gofast does not.)
// A limit (SPEC R2) ends the run with a message on stderr and exit status 3.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>

#include "cli/cli.h"
#include "cli/commands.h"
#include "common/diagnostic.h"
#include "runtime/run.h"

namespace gofast::cli {

namespace {

bool parseU64(const std::string& s, uint64_t& v) {
  if (s.empty()) return false;
  char* end = nullptr;
  unsigned long long x = std::strtoull(s.c_str(), &end, 10);
  if (end == nullptr || *end != 0) return false;
  v = x;
  return true;
}

// A duration as Go's time.ParseDuration writes the common cases: a non-negative decimal number
// (fraction allowed) with a unit ns, us (or µs), ms or s; "0" alone is allowed. Result in ns.
bool parseDurationNs(const std::string& s, int64_t& ns) {
  if (s == "0") {
    ns = 0;
    return true;
  }
  size_t i = 0;
  uint64_t whole = 0, frac = 0, fracScale = 1;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (whole > uint64_t{1} << 40) return false;
    whole = whole * 10 + static_cast<uint64_t>(s[i++] - '0');
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    i++;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (fracScale < 1000000000) {
        frac = frac * 10 + static_cast<uint64_t>(s[i] - '0');
        fracScale *= 10;
      }
      i++;
      digits = true;
    }
  }
  if (!digits) return false;
  const std::string unit = s.substr(i);
  uint64_t mult = 0;
  if (unit == "ns") mult = 1;
  else if (unit == "us" || unit == "\u00b5s" || unit == "\u03bcs") mult = 1000;
  else if (unit == "ms") mult = 1000 * 1000;
  else if (unit == "s") mult = 1000 * 1000 * 1000;
  else return false;
  const uint64_t v = whole * mult + frac * mult / fracScale;
  if (v > static_cast<uint64_t>(INT64_MAX)) return false;
  ns = static_cast<int64_t>(v);
  return true;
}

}  // namespace

const char* const kRunUsage =
    "usage: gofast run [-l] [-gomaxprocs N] [-seed S] [-max-steps N] [-max-heap BYTES] [-write-latency=D] [-trace FILE]\n"
    "                  [-stats] file.go|-\n\n"
    "Run compiles one Go file of gofast's subset (after Go 1.19's inlining and escape analysis) to\n"
    "bytecode and runs it on gofast's VM: a simulated amd64 Go process with Go's heap, garbage collector,\n"
    "growing goroutine stacks and scheduler. The program's standard output and standard error are\n"
    "printed as Go prints them; the exit status is the program's own (0, or 2 after a panic or a fatal\n"
    "error). Note: `go run` adds a final line `exit status 2` and itself exits with 1 in that case;\n"
    "gofast follows the program, not the go command.\n\n"
    "\t-l              disable inlining, as -gcflags=-l\n"
    "\t-gomaxprocs N   number of Ps (default 1)\n"
    "\t-seed S         seed of the scheduler's random choices (default 1)\n"
    "\t-max-steps N    stop after N instructions (default 100000000), exit status 3\n"
    "\t-max-heap N     stop when the heap needs more than N bytes (default 1 GiB), exit status 3\n"
    "\t-max-output N   stop after N bytes of output (default 64 MiB), exit status 3\n"
    "\t-preempt=async|cooperative  async (default, Go 1.14+): a goroutine running for 10 ms is stopped\n"
    "\t                  anywhere; cooperative (Go <= 1.13): only at its next function call\n"
    "\t-write-latency=D  virtual duration of each write(2) the program makes (default 2us): fmt output\n"
    "\t                  is a syscall that sysmon may take the P away from (50us, 1ms; 0 = free)\n"
    "\t-trace FILE       write the scheduler trace as Chrome trace-event JSON (chrome://tracing, Perfetto)\n"
    "\t-stats            print the run's counters (instructions, calls, stack growth) on stderr\n"
    "\t-stack=segmented  grow stacks as Go 1.2 did (linked segments, lessstack on return)\n"
    "\t                  instead of Go 1.3+'s copying (-stack=copying, the default)\n"
    "\t-debug-stackmove  debug knob: move the goroutine stack (copystack) at every call\n"
    "\t-debug-gcalloc    debug knob: run a full GC before every allocation\n"
    "\t-debug-slice N    instructions per scheduling slice (default 10000)\n";

int cmdRun(const std::vector<std::string>& args, IO& io) {
  rt::RunOptions opts;
  std::string traceFile;
  std::string path;
  bool stats = false;
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    auto value = [&](uint64_t& v) {
      if (i + 1 >= args.size() || !parseU64(args[i + 1], v)) return false;
      i++;
      return true;
    };
    uint64_t v = 0;
    if (a == "-l") {
      opts.noInline = true;
    } else if (a == "-gomaxprocs" && value(v) && v > 0 && v <= 256) {
      opts.vm.gomaxprocs = static_cast<int32_t>(v);
    } else if (a == "-seed" && value(v)) {
      opts.vm.seed = v;
    } else if (a == "-max-steps" && value(v)) {
      opts.vm.maxSteps = v;
    } else if (a == "-max-output" && value(v)) {
      opts.vm.maxOutputBytes = v;
    } else if (a == "-trace" && i + 1 < args.size()) {
      traceFile = args[++i];
    } else if (a == "-preempt=async" || a == "-preempt=cooperative") {
      opts.vm.asyncPreempt = a == "-preempt=async";
    } else if (a.rfind("-write-latency=", 0) == 0 && parseDurationNs(a.substr(15), opts.vm.writeLatencyNs)) {
    } else if (a == "-write-latency" && i + 1 < args.size() && parseDurationNs(args[i + 1], opts.vm.writeLatencyNs)) {
      i++;
    } else if (a == "-stats") {
      stats = true;
    } else if (a == "-stack=segmented" || a == "-stack=copying") {
      opts.vm.stackMode = a == "-stack=segmented" ? rt::StackMode::Segmented : rt::StackMode::Copying;
    } else if (a == "-debug-stackmove") {
      opts.vm.stackMoveEveryCall = true;
    } else if (a == "-debug-gcalloc") {
      opts.vm.gcEveryAlloc = true;
    } else if (a == "-debug-slice" && value(v) && v > 0) {
      opts.vm.sliceInstructions = static_cast<uint32_t>(v);
    } else if (a == "-max-heap" && value(v)) {
      opts.vm.maxHeapBytes = v;
    } else if (a == "-" || (!a.empty() && a[0] != '-')) {
      if (!path.empty()) {
        io.err << "gofast run: only one file is supported\n";
        return kExitUsage;
      }
      path = a;
    } else {
      io.err << "flag provided but not defined or bad value: " << a << "\n" << kRunUsage;
      return kExitUsage;
    }
  }
  if (path.empty()) {
    io.err << kRunUsage;
    return kExitUsage;
  }
  std::string source;
  if (path == "-") {
    std::ostringstream ss;
    ss << io.in.rdbuf();
    source = ss.str();
    opts.tracePath = (std::filesystem::current_path() / "main.go").string();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      io.err << "gofast run: cannot open " << path << "\n";
      return kExitFailure;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(path, ec);
    opts.tracePath = abs.lexically_normal().string();
    opts.displayName = goDisplayPath(std::filesystem::path(path).lexically_normal().string());
  }
  std::ofstream traceOut;
  if (!traceFile.empty()) {
    traceOut.open(traceFile, std::ios::binary | std::ios::trunc);
    if (!traceOut) {
      io.err << "gofast run: cannot create " << traceFile << "\n";
      return kExitFailure;
    }
    opts.chromeTrace = &traceOut;
  }
  rt::RunOutcome r = rt::runSource(source, opts);
  io.out << r.result.stdoutText;
  io.err << r.result.stderrText;
  if (stats && r.compiled) {
    const rt::RunResult& x = r.result;
    io.err << "gofast: " << x.steps << " instructions, " << x.calls << " calls, " << x.allocs << " allocations; stack: "
           << x.stackGrowths << " growths, " << x.stackMoves << " moves, " << x.stackShrinks << " shrinks, "
           << x.stackSplits << " segment splits, " << x.stackLessstacks << " lessstack returns; virtual time "
           << x.virtualNs << " ns\n";
  }
  io.out.flush();
  return r.result.exitStatus;
}

}  // namespace gofast::cli
