// libFuzzer target: arbitrary bytes through the front end (lexer, parser, checker) and, when the
// program checks, the inliner and escape analysis (-m=2). Nothing may crash, hang, leak or trip a
// sanitizer; every input ends as diagnostics or a report.
// Build: cmake --preset fuzz && cmake --build --preset fuzz   (or ./gofast.sh fuzz)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/report.h"
#include "lang/frontend.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  gofast::lang::FrontendResult r = gofast::lang::compileFrontend(src, "./main.go");
  if (r.ok()) {
    gofast::analysis::AnalysisOptions opts;
    opts.m = 2;
    int status = 0;
    std::string out = gofast::analysis::buildM(src, "./main.go", opts, &status);
    (void)out;
  }
  return 0;
}
