// The gofast subcommands, one function per file (cmd_*.cpp), listed in cli.cpp's table.
#pragma once

#include <string>
#include <vector>

#include "cli/cli.h"

namespace gofast::cli {

int cmdBuild(const std::vector<std::string>& args, IO& io);
int cmdLayout(const std::vector<std::string>& args, IO& io);
int cmdRun(const std::vector<std::string>& args, IO& io);
extern const char* const kRunUsage;

}  // namespace gofast::cli
