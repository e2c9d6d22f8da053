// doctest entry point for gofast_tests (the core's unit tests; mirrors src/).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
