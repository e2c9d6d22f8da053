#!/usr/bin/env bash
# Benchmarks for SPEC P1-P8, side by side with Go 1.19 and CPython 3 in the same run where the goal is
# a ratio. Usage: tests/bench/run.sh <native build dir>  (./gofast.sh bench builds it first)
# Prints each figure and ratio; docs/benchmarks.md records them. Not a test: nothing here fails CI.
set -euo pipefail
build=${1:?usage: run.sh <native build dir>}
bench="$build/gofast_bench"

echo "== front end (issue 3 goal: parse + check of a 10k-line program < 50 ms)"
"$bench" frontend 10000
