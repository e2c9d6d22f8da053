#!/usr/bin/env bash
# Benchmarks for SPEC P1-P8, side by side with Go 1.19 and CPython 3 in the same run where the goal is
# a ratio. Usage: tests/bench/run.sh <native build dir>  (./gofast.sh bench builds it first)
# Prints each figure and ratio; docs/benchmarks.md records them. Not a test: nothing here fails CI.
set -euo pipefail
build=$(cd "${1:?usage: run.sh <native build dir>}" && pwd)
bench="$build/gofast_bench"

echo "== front end (issue 3 goal: parse + check of a 10k-line program < 50 ms)"
"$bench" frontend 10000

echo "== P4: analysis (parse + check + inline + escape, -m=2) of the same program, gofast vs Go 1.19"
go=${GO:-/usr/lib/go-1.19/bin/go}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bench" gen 10000 > "$tmp/main.go"
gofast_cli="$build/gofast"
t0=$(date +%s%N); (cd "$tmp" && "$gofast_cli" build -m=2 main.go 2>/dev/null); t1=$(date +%s%N)
if [ -x "$go" ]; then
  t2=$(date +%s%N)
  (cd "$tmp" && GOTOOLCHAIN=local GO111MODULE=off GOCACHE="$tmp/cache" "$go" build -gcflags=-m=2 -o /dev/null main.go 2>/dev/null) || true
  t3=$(date +%s%N)
  awk -v a=$((t1 - t0)) -v b=$((t3 - t2)) 'BEGIN { printf "gofast %.1f ms, go %.1f ms, ratio %.3f (goal <= 0.25)\n", a/1e6, b/1e6, a/b }'
else
  echo "gofast $(( (t1 - t0) / 1000000 )) ms (Go 1.19 not installed: apt-get install golang-1.19-go)"
fi
