// `gofast`: the command-line face of the core (see cli.h).
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  gofast::cli::IO io{std::cin, std::cout, std::cerr};
  int rc = gofast::cli::run(args, io);
  std::cout.flush();
  return rc;
}
