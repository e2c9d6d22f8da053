// `gofast build` end to end through the CLI: the error corpus and the -m corpus, fed on stdin (which
// compiles as ./main.go, the name Go prints when run in the case's folder).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.h"

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int build(const std::vector<std::string>& args, const std::string& src, std::string& err) {
  std::istringstream in(src);
  std::ostringstream out, errs;
  gofast::cli::IO io{in, out, errs};
  int rc = gofast::cli::run(args, io);
  err = errs.str();
  CHECK(out.str().empty());
  return rc;
}

}  // namespace

TEST_CASE("gofast build prints what go build prints for every erroneous program") {
  std::filesystem::path dir = std::filesystem::path(GOFAST_SOURCE_DIR) / "tests/golden/errors";
  int cases = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!std::filesystem::exists(e.path() / "expected.txt")) continue;
    ++cases;
    std::string err;
    int rc = build({"build", "-"}, slurp(e.path() / "main.go"), err);
    INFO(e.path().filename().string());
    CHECK(err == slurp(e.path() / "expected.txt"));
    CHECK(rc == std::stoi(slurp(e.path() / "expected_exit.txt")));
  }
  CHECK(cases >= 130);
}

TEST_CASE("gofast build -m and -m=2 print what go build -gcflags=-m prints") {
  std::filesystem::path dir = std::filesystem::path(GOFAST_SOURCE_DIR) / "tests/golden/gc-corpus";
  int cases = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!std::filesystem::exists(e.path() / "expected_m1.txt")) continue;
    ++cases;
    std::string src = slurp(e.path() / "main.go"), err;
    INFO(e.path().filename().string());
    CHECK(build({"build", "-m", "-"}, src, err) == 0);
    CHECK(err == slurp(e.path() / "expected_m1.txt"));
    CHECK(build({"build", "-gcflags=-m=2", "-"}, src, err) == 0);
    CHECK(err == slurp(e.path() / "expected_m2.txt"));
  }
  CHECK(cases >= 60);
}

TEST_CASE("gofast build usage errors") {
  std::string err;
  CHECK(build({"build"}, "", err) == 2);
  CHECK(build({"build", "-x", "a.go"}, "", err) == 2);
  CHECK(build({"build", "/nonexistent/dir/x.go"}, "", err) == 1);
}
