// `gofast layout file.go|- TypeName`: the memory layout of a package-level type of a Go file, as
// Go 1.19 lays it out on linux/amd64 (compile/layout): each field's offset, size and alignment, the
// padding holes between them, the size after reordering the fields by alignment, and the pointer
// words the GC scans. Type errors in the file are printed as go build prints them (exit 2); an
// unknown type prints `gofast layout: no type T in file.go` (exit 1). The report goes to stdout.
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "common/diagnostic.h"
#include "compile/layout.h"
#include "lang/frontend.h"

namespace gofast::cli {

namespace {

constexpr const char* kLayoutUsage = "usage: gofast layout file.go|- TypeName\n";

}  // namespace

int cmdLayout(const std::vector<std::string>& args, IO& io) {
  if (args.size() != 2 || (args[0] != "-" && !args[0].empty() && args[0][0] == '-')) {
    io.err << kLayoutUsage;
    return kExitUsage;
  }
  const std::string& path = args[0];
  const std::string& typeName = args[1];
  std::string source, display;
  if (path == "-") {
    std::ostringstream ss;
    ss << io.in.rdbuf();
    source = ss.str();
    display = "./main.go";
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      io.err << "gofast layout: cannot open " << path << "\n";
      return kExitFailure;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
    display = goDisplayPath(path);
  }
  lang::CheckOptions opts;
  opts.layout = &compile::layoutOracle();
  lang::FrontendResult r = lang::compileFrontend(source, display, opts);
  // A file without func main is fine here: only the type declarations matter.
  bool onlyNoMain = r.checked && r.check.mainFunc == nullptr && r.diags.size() == 1 && r.diags[0].pos.line == 0;
  if (!r.ok() && !onlyNoMain) {
    io.err << r.output;
    return r.exitStatus;
  }
  types::Object* obj = r.check.pkgScope ? r.check.pkgScope->lookupLocal(typeName) : nullptr;
  if (obj == nullptr || obj->kind != types::ObjKind::TypeName) {
    io.err << "gofast layout: no type " << typeName << " in " << (path == "-" ? std::string("main.go") : path) << "\n";
    return kExitFailure;
  }
  io.out << compile::formatReport(compile::structReport(obj->type, obj->name));
  return kExitOk;
}

}  // namespace gofast::cli
