#!/usr/bin/env bash
# Regenerates the expected outputs of every example program in assets/examples/ with real Go 1.19:
#   <chapter>/<name>/expected_m1.txt   go build -gcflags=-m   (compiler output, stderr)
#   <chapter>/<name>/expected_m2.txt   go build -gcflags=-m=2
#   <chapter>/<name>/expected_stdout.txt, expected_stderr.txt, expected_exit.txt   running the binary
# Usage: tests/golden/examples/regen.sh   (GO=/path/to/go to pick another toolchain; warns if not 1.19)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
"$GO" version | grep -q 'go1\.19' || echo "warning: $("$GO" version) is not Go 1.19" >&2
export GOTOOLCHAIN=local GO111MODULE=off CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOAMD64=v1
WORK="$(mktemp -d)"
export GOCACHE="$WORK/cache"
trap 'rm -rf "$WORK"' EXIT
for src in "$ROOT"/assets/examples/*/*.go; do
  chapter="$(basename "$(dirname "$src")")"
  name="$(basename "$src" .go)"
  out="$HERE/$chapter/$name"
  stage="$WORK/$chapter/$name"
  mkdir -p "$out" "$stage"
  cp "$src" "$stage/main.go"
  (cd "$stage" && "$GO" build -gcflags=-m main.go >"$out/expected_m1.txt" 2>&1 || true)
  (cd "$stage" && rm -f main && "$GO" build -gcflags=-m=2 main.go >"$out/expected_m2.txt" 2>&1 || true)
  (cd "$stage" && "$GO" build -o prog main.go)
  set +e
  (cd "$stage" && ./prog >"$out/expected_stdout.txt" 2>"$out/expected_stderr.txt" </dev/null)
  echo $? >"$out/expected_exit.txt"
  set -e
  echo "$chapter/$name: exit $(cat "$out/expected_exit.txt")"
done
