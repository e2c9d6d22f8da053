#!/usr/bin/env bash
# Regenerates expected_m1.txt / expected_m2.txt of every gc-extra case from its main.go with the real
# Go 1.19 compiler, the same way ../gc-corpus/run_reference.sh produced the gc-corpus.
#
# Usage: ./regen.sh [case-dir ...]     (default: every NN_name/ case here)
#   GO=/path/to/go   overrides the go binary (default /usr/lib/go-1.19/bin/go)
#
# Per case, main.go is copied into a fresh temporary directory (no go.mod, so the package header is
# "# command-line-arguments" and positions print as ./main.go) and, from inside it:
#   go build -gcflags=-m        -o /dev/null main.go   > expected_m1.txt (stdout+stderr)
#   go build -gcflags='-m=2'    -o /dev/null main.go   > expected_m2.txt
#   go build -gcflags='-m -l'   -o /dev/null main.go   > expected_m1_l.txt   (inlining off)
#   go build -gcflags='-m=2 -l' -o /dev/null main.go   > expected_m2_l.txt
# with a fresh GOCACHE (deleted on exit) and GOTOOLCHAIN=local, offline.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"

export GOROOT="$("$GO" env GOROOT)"
export GOCACHE="$(mktemp -d /tmp/gc-extra-cache.XXXXXX)"
export GOPATH="${GOCACHE}/gopath"
export GOFLAGS="" GOPROXY=off GOTOOLCHAIN=local GOWORK=off GO111MODULE=on
export CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOAMD64=v1 GOEXPERIMENT=""
export LC_ALL=C
work="$(mktemp -d /tmp/gc-extra-work.XXXXXX)"
trap 'rm -rf "$GOCACHE" "$work"' EXIT

echo "using $("$GO" version)" >&2

if [ "$#" -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for d in "$here"/[0-9][0-9]_*/; do
		[ -f "$d/main.go" ] && cases+=("$d")
	done
fi

fail=0
for d in "${cases[@]}"; do
	d="$(cd "${d%/}" && pwd)"
	name="$(basename "$d")"
	(
		tmp="$work/$name"
		rm -rf "$tmp" && mkdir -p "$tmp" && cp "$d/main.go" "$tmp/main.go" && cd "$tmp" || exit 1
		"$GO" build -gcflags=-m -o /dev/null main.go >"$d/expected_m1.txt" 2>&1
		rc1=$?
		"$GO" build -gcflags='-m=2' -o /dev/null main.go >"$d/expected_m2.txt" 2>&1
		rc2=$?
		"$GO" build -gcflags='-m -l' -o /dev/null main.go >"$d/expected_m1_l.txt" 2>&1
		rc3=$?
		"$GO" build -gcflags='-m=2 -l' -o /dev/null main.go >"$d/expected_m2_l.txt" 2>&1
		rc4=$?
		if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ $rc3 -ne 0 ] || [ $rc4 -ne 0 ]; then
			echo "FAIL (build error) $name" >&2
			exit 1
		fi
		echo "ok   $name  m1=$(wc -l <"$d/expected_m1.txt") m2=$(wc -l <"$d/expected_m2.txt")" >&2
	) || fail=1
done
exit $fail
