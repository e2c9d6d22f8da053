// The `gofast` command line: argument handling for every subcommand, kept apart from main() so that
// tests can drive it with string streams.
//
// Shape follows the `go` command: `gofast <command> [arguments]`; `gofast help <command>` explains
// one; an unknown command prints `gofast foo: unknown command` and exits 2, as `go foo` does. Each
// command lives in its own file (cmd_*.cpp) and is listed once in the table in cli.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace gofast::cli {

struct IO {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  const char* name;
  const char* summary;  // one line for `gofast help`
  const char* usage;    // full text for `gofast help <name>`
  int (*run)(const std::vector<std::string>& args, IO& io);  // args after the command name
};

// All commands, in the order `gofast help` lists them.
const std::vector<Command>& commands();

// Runs `gofast <args...>` (args excludes the program name) and returns the exit status.
int run(const std::vector<std::string>& args, IO& io);

// Exit statuses, as the go command uses them.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // e.g. `go run` of a program that failed
inline constexpr int kExitUsage = 2;    // bad usage, build errors

}  // namespace gofast::cli
