#include <doctest/doctest.h>

#include "common/diagnostic.h"

using namespace gofast;

TEST_CASE("positions print as Go prints them") {
  CHECK(formatPos({3, 7}) == "3:7");
  CHECK(formatPos({12, 0}) == "12");
  CHECK(formatPos({}) == "");
  CHECK(Pos{1, 2} < Pos{1, 3});
  CHECK(Pos{1, 9} < Pos{2, 1});
  CHECK_FALSE(Pos{2, 1} < Pos{2, 1});
}

TEST_CASE("diagnostics print as file:line:col: message") {
  CHECK(formatDiagnostic({"./main.go", {4, 7}, "maps are not supported by gofast"}) ==
        "./main.go:4:7: maps are not supported by gofast");
  CHECK(formatDiagnostic({"./main.go", {4, 0}, "m"}) == "./main.go:4: m");
  CHECK(formatDiagnostic({"", {}, "no file"}) == "no file");
  CHECK(formatDiagnostic({"./x.go", {}, "no pos"}) == "./x.go: no pos");
}

TEST_CASE("file names display the way go build prints them") {
  CHECK(goDisplayPath("main.go") == "./main.go");
  CHECK(goDisplayPath("./main.go") == "./main.go");
  CHECK(goDisplayPath("dir/main.go") == "dir/main.go");  // checked: go build sub/main.go prints sub/main.go:4:2
  CHECK(goDisplayPath("./dir/main.go") == "dir/main.go");
  CHECK(goDisplayPath("../x/main.go") == "../x/main.go");
  CHECK(goDisplayPath("/tmp/main.go") == "/tmp/main.go");
}
