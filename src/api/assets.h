// Assets: the example programs and chapter narration under assets/, embedded into the core library at
// build time (src/cmake/embed_assets.cmake), so every face (web, desktop, CLI, tests) has the same
// texts without a file system.
//
// Layout of assets/ (paths below are relative to it):
//   chapters/<chapter id>.md             the chapter's narration (our own words; see lessons.h for ids)
//   examples/<chapter id>/<NN_name>.go   the chapter's example programs, in order; the first line is
//                                        `// <title>`, the following comment lines describe it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gofast::api {

struct Asset {
  std::string_view path;  // "examples/escape/01_return_pointer.go"
  std::string_view text;
};

// Every embedded file, sorted by path.
const std::vector<Asset>& assets();
// The text of one asset, or "" when there is none.
std::string_view asset(std::string_view path);

struct Example {
  std::string_view path;    // the asset path
  std::string title;        // from the first comment line
  std::string description;  // the following comment lines, joined with spaces
  std::string_view source;  // the whole program
};

// The examples of a chapter in order (empty for an unknown id).
std::vector<Example> examples(std::string_view chapterId);

}  // namespace gofast::api
