// The chapters of the explainer (SPEC F1): one per idea of Dave Cheney's "Five things that make Go
// fast" (2014), plus the playground. This is data the UI lays out as tabs; later issues attach each
// chapter's narration, example programs and panel arrangement to it.
#pragma once

#include <vector>

namespace gofast::api {

struct Chapter {
  const char* id;        // stable name used in share links and embeds: "values", "calls", ...
  const char* tab;       // short tab label
  const char* title;     // heading
  const char* idea;      // the idea in one or two sentences, in our own words
  const char* willShow;  // what the chapter's panels show (one line)
};

// The six chapters in order: values, calls, escape, goroutines, stacks, playground.
const std::vector<Chapter>& chapters();

// Index of the chapter with this id, or -1.
int chapterIndex(const char* id);

}  // namespace gofast::api
