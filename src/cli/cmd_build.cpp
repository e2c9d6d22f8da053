// `gofast build [-m|-m=2] [-l] file.go|dir|-`: what `go build file.go` prints (run from the file's
// folder), and with -m what `go build -gcflags=-m` prints. Output goes to stderr, as go's does; the
// exit status is go's (0, 2 for compile errors, 1 for errors of the go command's own pre-scan).
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <sstream>

#include "analysis/report.h"
#include "compile/codegen.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "common/diagnostic.h"
#include "lang/frontend.h"

namespace gofast::cli {

namespace {

bool readAll(std::istream& in, std::string& out) {
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return !in.bad();
}

}  // namespace

int cmdBuild(const std::vector<std::string>& args, IO& io) {
  analysis::AnalysisOptions opts;
  bool analyse = false;
  bool disasm = false;  // -S: print the bytecode (as go build -gcflags=-S prints assembly)
  std::string path;
  for (const std::string& a : args) {
    std::string f = a;
    if (f.rfind("-gcflags=", 0) == 0) f = f.substr(9);  // accept go's spelling: -gcflags=-m=2
    if (f == "-m" || f == "-m=1") {
      analyse = true;
      opts.m = 1;
    } else if (f == "-m=2" || f == "-m -m") {
      analyse = true;
      opts.m = 2;
    } else if (f == "-l") {
      opts.noInline = true;
    } else if (f == "-S") {
      disasm = true;
    } else if (f == "-" || f.empty() || f[0] != '-') {
      if (!path.empty()) {
        io.err << "gofast build: only one file or directory is supported\n";
        return kExitUsage;
      }
      path = f;
    } else {
      io.err << "flag provided but not defined: " << f << "\nusage: gofast build [-m|-m=2] [-l] [-S] file.go|dir|-\n";
      return kExitUsage;
    }
  }
  if (path.empty()) {
    io.err << "usage: gofast build [-m|-m=2] [-l] [-S] file.go|dir|-\n";
    return kExitUsage;
  }
  std::string source, display;
  if (path == "-") {
    if (!readAll(io.in, source)) {
      io.err << "gofast build: cannot read standard input\n";
      return kExitFailure;
    }
    display = "./main.go";  // stdin is compiled as if it were main.go in the current folder
  } else {
    std::error_code ec;
    std::filesystem::path p(path);
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(p, ec))
        if (e.path().extension() == ".go" && e.path().filename().string().find("_test.go") == std::string::npos)
          files.push_back(e.path());
      if (files.size() != 1) {
        io.err << "gofast build: " << path << ": gofast compiles a main package of exactly one .go file (found "
               << files.size() << ")\n";
        return kExitFailure;
      }
      p = files[0];
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      io.err << "no required module provides package " << path << "; cannot open file\n";
      return kExitFailure;
    }
    readAll(in, source);
    display = goDisplayPath(p.lexically_normal().string());
  }
  int status = 0;
  std::string out;
  if (disasm) {
    lang::FrontendResult r = lang::compileFrontend(source, display);
    if (!r.ok()) {
      io.err << r.output;
      return r.exitStatus;
    }
    analysis::AnalysisResult ar = analysis::analyzeFile(r.file(), r.check, opts);
    compile::CompileOptions co;
    co.displayName = display;
    co.traceName = display;
    compile::CompileResult cr = compile::compileProgram(*ar.package, co);
    if (!cr.ok()) {
      io.err << "# command-line-arguments\n";
      for (const Diagnostic& d : cr.diags) io.err << formatDiagnostic(d) << "\n";
      return 2;
    }
    io.out << compile::disassemble(*cr.program);
    return 0;
  }
  if (analyse) {
    out = analysis::buildM(source, display, opts, &status);
  } else {
    lang::FrontendResult r = lang::compileFrontend(source, display);
    out = r.output;
    status = r.exitStatus;
  }
  io.err << out;
  return status;
}

}  // namespace gofast::cli
