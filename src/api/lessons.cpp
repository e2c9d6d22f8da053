#include "api/lessons.h"

#include <cstring>

namespace gofast::api {

const std::vector<Chapter>& chapters() {
  static const std::vector<Chapter> list = {
      {"values", "1 Values", "Values, not boxes",
       "A Go int32 is 4 bytes in memory and nothing else. The same number is a 28-byte object in CPython 3 "
       "and a 16-byte Integer object plus a reference in Java. Compact values mean more of them fit in each "
       "cache line.",
       "Byte grids of Go, CPython and Java values side by side; struct fields with offsets, alignment and "
       "padding; arrays and slices of N values against arrays of references."},
      {"calls", "2 Calls & inlining", "Function calls and inlining",
       "A Go call is cheap: a few instructions and a small frame on a small stack. Cheaper still is no call "
       "at all: the compiler inlines small functions whose cost is within a budget of 80.",
       "The live call stack with each frame's bytes, the prologue's stack check, and the inliner's cost "
       "for every function, with a switch that turns inlining off."},
      {"escape", "3 Escape analysis", "Escape analysis",
       "The compiler proves which values never outlive their function and keeps them on the stack, where "
       "they cost nothing to free. Only values that escape go to the garbage-collected heap.",
       "Your source annotated with the compiler's verdicts (moved to heap, does not escape) and why, and "
       "each value drawn where it really lives."},
      {"goroutines", "4 Goroutines", "Goroutines on a cooperative scheduler",
       "Goroutines are multiplexed onto a few OS threads by Go's G-M-P scheduler. A switch happens only at "
       "well-defined points and saves 7 words, not a thread's whole register file.",
       "Each P with its 256-slot run queue and runnext, the global queue, the Ms, and a timeline of every "
       "goroutine switch, beside a one-thread-per-goroutine cost model."},
      {"stacks", "5 Stacks", "Growable stacks in the address space",
       "Each goroutine starts with a 2 KiB stack that lives in the heap. When a function's prologue finds "
       "too little room, the stack is copied to one twice the size and every pointer into it is adjusted.",
       "The whole process address space, each goroutine's stack with lo, hi, sp and stackguard0, and stack "
       "growth animated: check, morestack, copy, pointers re-aimed."},
      {"playground", "Playground", "Playground",
       "Any program in gofast's Go subset, with every panel available.",
       "An editor for your own program, its compiler diagnostics, and all the panels of the five chapters."},
  };
  return list;
}

int chapterIndex(const char* id) {
  const auto& list = chapters();
  for (size_t i = 0; i < list.size(); ++i)
    if (std::strcmp(list[i].id, id) == 0) return static_cast<int>(i);
  return -1;
}

}  // namespace gofast::api
