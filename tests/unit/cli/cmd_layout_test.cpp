// `gofast layout file.go|- TypeName` through the CLI. Sizes and offsets in the expected text are Go
// 1.19's (unsafe.Sizeof/Offsetof; see tests/unit/compile/testdata/reorder and ptrmask, whose
// expected.txt files Go printed); the type error text is what `go build main.go` printed for the
// same source (Go 1.19.8).
#include <doctest/doctest.h>

#include <filesystem>
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

std::string testdata(const char* rel) {
  return (std::filesystem::path(GOFAST_SOURCE_DIR) / "tests/unit/compile/testdata" / rel).string();
}

}  // namespace

TEST_CASE("gofast layout prints a struct's fields, padding, reordering and pointer words") {
  Result r = runCli({"layout", testdata("reorder/types.go"), "Words"});
  CHECK(r.rc == 0);
  CHECK(r.err.empty());
  // Go 1.19: size 64 (offsets 0, 8, 24, 32, 56, 60); WordsR, the proposed order, is 48 bytes.
  CHECK(r.out ==
        "type Words struct {  // size 64, align 8\n"
        "    0  flag       bool     1 byte   align 1\n"
        "    1  (padding)           7 bytes\n"
        "    8  name       string  16 bytes  align 8\n"
        "   24  n          uint16   2 bytes  align 2\n"
        "   26  (padding)           6 bytes\n"
        "   32  data       []byte  24 bytes  align 8\n"
        "   56  ok         bool     1 byte   align 1\n"
        "   57  (padding)           3 bytes\n"
        "   60  id         int32    4 bytes  align 4\n"
        "}\n"
        "fields 48 bytes, padding 16 bytes (25%)\n"
        "reordered (name, data, id, n, flag, ok): size 48, saves 16 bytes (25%)\n"
        "pointers: ptrdata 40, pointer words 1 4\n");
}

TEST_CASE("gofast layout: minimal structs, non-struct types, stdin") {
  Result r = runCli({"layout", testdata("reorder/types.go"), "Minimal"});
  CHECK(r.rc == 0);
  CHECK(r.out.find("type Minimal struct {  // size 16, align 8\n") == 0);
  CHECK(r.out.find("field order is already minimal") != std::string::npos);

  // Go 1.19 gcdata of P2 ([4]*int, int, [2]string): words 0-3 and 5, 7 (ptrdata 64, mask af).
  r = runCli({"layout", testdata("ptrmask/types.go"), "P2"});
  CHECK(r.rc == 0);
  CHECK(r.out.find("pointers: ptrdata 64, pointer words 0-3 5 7\n") != std::string::npos);

  r = runCli({"layout", testdata("ptrmask/types.go"), "MyStr"});
  CHECK(r.rc == 0);
  CHECK(r.out == "type MyStr string: size 16, align 8\npointers: ptrdata 8, pointer words 0\n");

  r = runCli({"layout", "-", "T"}, "package main\n\ntype T [3]int32\n\nfunc main() {}\n");
  CHECK(r.rc == 0);
  CHECK(r.out == "type T [3]int32: size 12, align 4\npointers: none (noscan: the GC never looks inside)\n");
}

TEST_CASE("gofast layout errors") {
  std::string file = testdata("reorder/types.go");
  Result r = runCli({"layout", file, "Nope"});
  CHECK(r.rc == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "gofast layout: no type Nope in " + file + "\n");

  r = runCli({"layout", "-", "x"}, "package main\n\nvar x int\n\nfunc main() {}\n");
  CHECK(r.rc == 1);
  CHECK(r.err == "gofast layout: no type x in main.go\n");

  r = runCli({"layout", "-", "T"}, "package main\n\ntype T struct {\n\ta Missing\n}\n\nfunc main() {}\n");
  CHECK(r.rc == 2);
  CHECK(r.err == "# command-line-arguments\n./main.go:4:4: undefined: Missing\n");

  CHECK(runCli({"layout", file}).rc == 2);
  CHECK(runCli({"layout"}).err == "usage: gofast layout file.go|- TypeName\n");
  CHECK(runCli({"layout", "/nonexistent/x.go", "T"}).rc == 1);

  r = runCli({"help", "layout"});
  CHECK(r.rc == 0);
  CHECK(r.out.rfind("usage: gofast layout file.go|- TypeName\n", 0) == 0);
}
