#include <doctest/doctest.h>

#include <sstream>

#include "cli/cli.h"

namespace {

struct Result {
  int rc;
  std::string out, err;
};

Result runCli(std::vector<std::string> args, const std::string& input = "") {
  std::istringstream in(input);
  std::ostringstream out, err;
  gofast::cli::IO io{in, out, err};
  int rc = gofast::cli::run(args, io);
  return {rc, out.str(), err.str()};
}

}  // namespace

TEST_CASE("gofast with no arguments prints usage to stderr and exits 2") {
  Result r = runCli({});
  CHECK(r.rc == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("Usage:") != std::string::npos);
}

TEST_CASE("gofast version") {
  Result r = runCli({"version"});
  CHECK(r.rc == 0);
  CHECK(r.out.rfind("gofast version ", 0) == 0);
  CHECK(runCli({"version", "extra"}).rc == 2);
}

TEST_CASE("gofast help lists every command and explains one") {
  Result r = runCli({"help"});
  CHECK(r.rc == 0);
  for (const auto& c : gofast::cli::commands()) CHECK(r.out.find(std::string("\t") + c.name) != std::string::npos);
  Result one = runCli({"help", "version"});
  CHECK(one.rc == 0);
  CHECK(one.out.rfind("usage: gofast version", 0) == 0);
  Result bad = runCli({"help", "nosuch"});
  CHECK(bad.rc == 2);
  CHECK(bad.err == "gofast help nosuch: unknown help topic. Run 'gofast help'.\n");
  CHECK(runCli({"--help"}).rc == 0);
}

TEST_CASE("an unknown command is reported the way the go command does") {
  Result r = runCli({"frobnicate", "x.go"});
  CHECK(r.rc == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "gofast frobnicate: unknown command\nRun 'gofast help' for usage.\n");
}
