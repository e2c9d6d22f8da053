// doctest entry point for gofast_ui_tests: the UI drawn without a window (ImGui's null-backend pattern).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
