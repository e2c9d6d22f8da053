// libFuzzer target: arbitrary bytes through the front end (lexer, parser, checker when it exists).
// Nothing may crash, hang, leak or trip a sanitizer; every input ends as diagnostics or an AST.
// Build: cmake --preset fuzz && cmake --build --preset fuzz
// Run:   build/fuzz/fuzz_frontend -max_total_time=600 <corpus dir> tests/golden/*/*/
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "lang/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view src(reinterpret_cast<const char*>(data), size);
  gofast::lang::ParseResult r = gofast::lang::parseFile(src, "./main.go");
  if (r.file) {
    std::string dump = gofast::lang::dumpAst(r.file);  // walks every node
    (void)dump;
  }
  return 0;
}
