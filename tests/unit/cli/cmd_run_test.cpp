// `gofast run` end to end through the CLI. Expected texts come from real Go 1.19:
//   go run main.go (GOTOOLCHAIN=local GO111MODULE=off, go1.19.8 linux/amd64).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli.h"

namespace {

int runCli(const std::vector<std::string>& args, const std::string& src, std::string& out, std::string& err) {
  std::istringstream in(src);
  std::ostringstream o, e;
  gofast::cli::IO io{in, o, e};
  int rc = gofast::cli::run(args, io);
  out = o.str();
  err = e.str();
  return rc;
}

}  // namespace

TEST_CASE("cli run: stdout, stderr and exit status of a program") {
  std::string out, err;
  int rc = runCli({"run", "-"}, "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hi\", 1+2)\n\tprintln(1.5)\n}\n", out, err);
  // Go 1.19: stdout "hi 3\n", stderr "+1.500000e+000\n", exit 0
  CHECK(rc == 0);
  CHECK(out == "hi 3\n");
  CHECK(err == "+1.500000e+000\n");
}

TEST_CASE("cli run: compile errors print like go run, exit status 2") {
  std::string out, err;
  int rc = runCli({"run", "-"}, "package main\n\nfunc main() {\n\tx := 1\n}\n", out, err);
  // Go 1.19 `go run main.go`: "# command-line-arguments\n./main.go:4:2: x declared but not used\n", exit 2
  CHECK(rc == 2);
  CHECK(err == "# command-line-arguments\n./main.go:4:2: x declared but not used\n");
  CHECK(out.empty());
}

TEST_CASE("cli run: a panic exits with status 2 (the program's status, not go run's 1)") {
  std::string out, err;
  int rc = runCli({"run", "-"}, "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n", out, err);
  CHECK(rc == 2);
  CHECK(err.rfind("panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t", 0) == 0);
}

TEST_CASE("cli run: limits end the run with exit status 3; bad flags are usage errors") {
  std::string out, err;
  int rc = runCli({"run", "-max-steps", "1000", "-"}, "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n", out, err);
  CHECK(rc == 3);
  CHECK(err == "gofast: program stopped: more than 1000 instructions executed (limit set by -max-steps)\n");
  rc = runCli({"run", "-bogus", "-"}, "", out, err);
  CHECK(rc == 2);
  rc = runCli({"run"}, "", out, err);
  CHECK(rc == 2);
}

TEST_CASE("cli build -S prints the bytecode") {
  std::string out, err;
  int rc = runCli({"build", "-S", "-"}, "package main\n\nfunc main() {\n\tprintln(1)\n}\n", out, err);
  CHECK(rc == 0);
  CHECK(out.find("TEXT main.main(SB)") != std::string::npos);
  CHECK(out.find("PRINTNL") != std::string::npos);
}

TEST_CASE("cli run -trace writes Chrome trace-event JSON with a track per P and per M") {
  std::string path = (std::filesystem::temp_directory_path() / "gofast_run_trace_test.json").string();
  std::string out, err;
  const char* src =
      "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tc := make(chan int)\n\tgo func() { c <- 42 }()\n"
      "\tfmt.Println(<-c)\n}\n";
  int rc = runCli({"run", "-gomaxprocs", "2", "-trace", path, "-"}, src, out, err);
  CHECK(rc == 0);
  CHECK(out == "42\n");  // go run prints 42
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string json = ss.str();
  CHECK(json.rfind("{", 0) == 0);
  CHECK(json.find("\"traceEvents\":[") != std::string::npos);
  CHECK(json.find("\"name\":\"Ps\"") != std::string::npos);
  CHECK(json.find("\"name\":\"Ms (threads)\"") != std::string::npos);
  CHECK(json.find("\"ph\":\"X\"") != std::string::npos);  // goroutines ran as slices on a track
  bool closed = json.find_last_not_of(" \n") != std::string::npos && json[json.find_last_not_of(" \n")] == '}';
  CHECK(closed);
  std::filesystem::remove(path);
  CHECK(runCli({"run", "-trace", "/nonexistent-dir/x.json", "-"}, src, out, err) == 1);
}

TEST_CASE("cli run -preempt: a loop without calls starves another goroutine only in cooperative mode") {
  // Go 1.19 (GOMAXPROCS=1 go run): prints "main saw done" and exits 0, thanks to asynchronous
  // preemption; before Go 1.14 this program never ended.
  const char* src =
      "package main\n\nfunc main() {\n\tdone := false\n\tgo func() {\n\t\tdone = true\n\t}()\n\tfor !done {\n\t}\n"
      "\tprintln(\"main saw done\")\n}\n";
  std::string out, err;
  CHECK(runCli({"run", "-gomaxprocs", "1", "-max-steps", "40000000", "-"}, src, out, err) == 0);
  CHECK(err == "main saw done\n");
  CHECK(runCli({"run", "-gomaxprocs", "1", "-preempt=async", "-max-steps", "40000000", "-"}, src, out, err) == 0);
  CHECK(runCli({"run", "-gomaxprocs", "1", "-preempt=cooperative", "-max-steps", "40000000", "-"}, src, out, err) == 3);
  CHECK(err.find("more than 40000000 instructions") != std::string::npos);
}

TEST_CASE("cli run -write-latency: Go durations are accepted, bad ones are usage errors") {
  // Go 1.19 (go run): stdout "main\nworker\n", exit 0, whatever the speed of the writes.
  const char* src =
      "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tdone := make(chan bool)\n\tgo func() {\n"
      "\t\tfmt.Println(\"worker\")\n\t\tdone <- true\n\t}()\n\tfmt.Println(\"main\")\n\t<-done\n}\n";
  for (const char* d : {"-write-latency=50us", "-write-latency=1.5ms", "-write-latency=0", "-write-latency=300ns",
                        "-write-latency=2\u00b5s"}) {
    CAPTURE(d);
    std::string out, err;
    CHECK(runCli({"run", "-gomaxprocs", "1", d, "-stats", "-"}, src, out, err) == 0);
    CHECK(out == "main\nworker\n");
  }
  // The virtual time reported by -stats follows the latency: two writes of 1 s each, which overlap
  // because sysmon hands main's P to the worker while main's write is in progress.
  std::string out, err;
  CHECK(runCli({"run", "-gomaxprocs", "1", "-write-latency", "1s", "-stats", "-"}, src, out, err) == 0);
  const size_t at = err.find("virtual time ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoll(err.substr(at + 13)) >= 1000000000LL);
  CHECK(std::stoll(err.substr(at + 13)) < 2000000000LL);
  for (const char* bad : {"-write-latency=", "-write-latency=5", "-write-latency=-1us", "-write-latency=1h", "-write-latency=us"}) {
    CAPTURE(bad);
    CHECK(runCli({"run", bad, "-"}, src, out, err) != 0);
    CHECK(err.find("flag provided but not defined or bad value") != std::string::npos);
  }
}
