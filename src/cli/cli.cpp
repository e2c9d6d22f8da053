#include "cli/cli.h"

#include <ostream>

#include "cli/commands.h"
#include "common/version.h"

namespace gofast::cli {

namespace {

int cmdVersion(const std::vector<std::string>& args, IO& io) {
  if (!args.empty()) {
    io.err << "usage: gofast version\n";
    return kExitUsage;
  }
  io.out << "gofast version " << versionString() << " (Go 1.19 subset, linux/amd64 model)\n";
  return kExitOk;
}

void printUsage(std::ostream& os) {
  os << "gofast shows why Go is fast: a Go-subset compiler, escape analysis and a VM you can watch.\n\n"
        "Usage:\n\n\tgofast <command> [arguments]\n\nThe commands are:\n\n";
  for (const Command& c : commands()) {
    std::string name = c.name;
    os << "\t" << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << c.summary << "\n";
  }
  os << "\nUse \"gofast help <command>\" for more information about a command.\n";
}

int cmdHelp(const std::vector<std::string>& args, IO& io) {
  if (args.empty()) {
    printUsage(io.out);
    return kExitOk;
  }
  if (args.size() > 1) {
    io.err << "usage: gofast help command\n\nToo many arguments given.\n";
    return kExitUsage;
  }
  for (const Command& c : commands()) {
    if (args[0] == c.name) {
      io.out << c.usage;
      return kExitOk;
    }
  }
  io.err << "gofast help " << args[0] << ": unknown help topic. Run 'gofast help'.\n";
  return kExitUsage;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"help", "show help for gofast or one of its commands",
       "usage: gofast help [command]\n\nHelp shows the list of commands, or the usage of one command.\n", cmdHelp},
      {"build", "compile a Go file: errors as go build prints them, -m for inlining and escape analysis",
       "usage: gofast build [-m|-m=2] [-l] [-S] file.go|dir|-\n\n"
       "Build parses and type-checks one Go file of gofast's subset and prints what `go build file.go`\n"
       "prints (Go 1.19), with go's exit status. A directory must hold exactly one .go file; - reads\n"
       "standard input as ./main.go.\n\n"
       "\t-m    also print the inliner's and escape analysis' decisions, as go build -gcflags=-m\n"
       "\t-m=2  with costs and flow chains, as -gcflags=-m=2\n"
       "\t-l    disable inlining, as -gcflags=-l\n"
       "\t-S    print gofast's bytecode for the program (frames, instructions, source lines)\n",
       cmdBuild},
      {"layout", "show a type's memory layout: field offsets, padding, reordering, pointer words", "usage: gofast layout file.go|- TypeName\n\nLayout prints how Go 1.19 lays out the package-level type TypeName of file.go in memory\n(linux/amd64, as unsafe.Sizeof/Alignof/Offsetof report it): for a struct, each field's offset, size\nand alignment, the padding holes, the size after reordering fields by alignment (largest first) and\nwhat that saves; for any type, its size, alignment and the pointer words the garbage collector scans\n(Go's ptrdata and gcdata). - reads the file from standard input.\n", cmdLayout},
      {"run", "compile and run a Go file on gofast's VM, printing what the program prints", kRunUsage, cmdRun},
      {"version", "print gofast's version",
       "usage: gofast version\n\nVersion prints the version of gofast and the Go it models.\n", cmdVersion},
  };
  return table;
}

int run(const std::vector<std::string>& args, IO& io) {
  if (args.empty()) {
    printUsage(io.err);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "-h" || name == "--help" || name == "-help") return cmdHelp({}, io);
  for (const Command& c : commands()) {
    if (name == c.name) return c.run(std::vector<std::string>(args.begin() + 1, args.end()), io);
  }
  io.err << "gofast " << name << ": unknown command\nRun 'gofast help' for usage.\n";
  return kExitUsage;
}

}  // namespace gofast::cli
