// Internal invariant checks for the runtime (DESIGN.md rule 5).
//
// User mistakes and Go-level failures (faults, out of memory, panics) are values. A broken *internal*
// invariant (a span list that lost a span, a free of a stack that was never allocated) is a bug in
// gofast itself: GOFAST_RT_ASSERT prints the message with its location and aborts, in every build
// type, because continuing would show the user wrong bytes. No exceptions are used (the WebAssembly
// build is compiled with -fno-exceptions).
#pragma once

#include <cstdio>
#include <cstdlib>

#define GOFAST_RT_ASSERT(cond, msg)                                                             \
  do {                                                                                          \
    if (!(cond)) [[unlikely]] {                                                                 \
      std::fprintf(stderr, "gofast runtime: internal error at %s:%d: %s (%s)\n", __FILE__,     \
                   __LINE__, msg, #cond);                                                       \
      std::abort();                                                                             \
    }                                                                                           \
  } while (0)
