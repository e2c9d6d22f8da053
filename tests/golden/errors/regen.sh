#!/usr/bin/env bash
# Regenerates the reference outputs of the error corpus with the real Go 1.19.
#
# Usage: ./regen.sh [--check] [CASE ...]
#   CASE     a case folder name (e.g. 005_else_on_new_line) or a path to one;
#            default: every NNN_* folder next to this script.
#   --check  do not write anything; compare Go's output with the stored files
#            and exit 1 if any differ.
#   GO=/path/to/go overrides the go binary (default /usr/lib/go-1.19/bin/go).
#
# For each case, main.go is copied into a fresh temporary folder and, from
# inside that folder, exactly this is run (stdout and stderr merged):
#     go build main.go
# - ordinary cases:      output -> expected.txt, exit status -> expected_exit.txt
# - *_unsupported_* cases (Go accepts them, gofast rejects them; their
#   expected.txt / expected_exit.txt are written by hand and never touched here):
#   output followed by a line "exit status: N" -> go_output.txt
set -u
here="$(cd "$(dirname "$0")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"

check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi

# Hermetic, offline environment. GO111MODULE=off: no go.mod is needed and the
# go command prints "# command-line-arguments" and "./main.go:L:C: ..." paths
# (module mode without a go.mod prints the same for a file argument).
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=off GOWORK=off CGO_ENABLED=0
export LC_ALL=C
scratch="$(mktemp -d /tmp/gofast-errors.XXXXXX)"
export GOCACHE="$scratch/gocache"
export GOPATH="$scratch/gopath"
cleanup() {
	chmod -R u+w "$scratch" 2>/dev/null
	rm -rf "$scratch"
}
trap cleanup EXIT

version="$("$GO" version)" || { echo "regen.sh: cannot run $GO" >&2; exit 1; }
case "$version" in
*" go1.19"*) ;;
*) echo "regen.sh: WARNING: expected Go 1.19, got: $version" >&2 ;;
esac
echo "regen.sh: using $version" >&2

cases=()
if [ "$#" -gt 0 ]; then
	for a in "$@"; do
		a="${a%/}"
		if [ -d "$a" ] && [ -f "$a/main.go" ]; then
			cases+=("$(cd "$a" && pwd)")
		elif [ -f "$here/$(basename "$a")/main.go" ]; then
			cases+=("$here/$(basename "$a")")
		else
			echo "regen.sh: no such case: $a" >&2
			exit 1
		fi
	done
else
	for d in "$here"/[0-9][0-9][0-9]_*/; do
		[ -f "$d/main.go" ] && cases+=("${d%/}")
	done
fi

fail=0
n=0
for d in "${cases[@]}"; do
	name="$(basename "$d")"
	work="$scratch/work/$name"
	mkdir -p "$work"
	cp "$d/main.go" "$work/main.go"
	out="$(cd "$work" && "$GO" build main.go 2>&1; echo "exit:$?")"
	rc="${out##*exit:}"
	out="${out%exit:*}"       # keeps the trailing newline of Go's output, if any
	n=$((n + 1))
	case "$name" in
	*_unsupported_*)
		if [ "$rc" != 0 ]; then
			echo "regen.sh: WARNING: $name: Go rejects an 'unsupported' case (exit $rc)" >&2
		fi
		content="${out}exit status: $rc"$'\n'
		if [ $check = 1 ]; then
			tmpg="$scratch/go_output.txt"
			printf '%s' "$content" >"$tmpg"
			if ! cmp -s "$tmpg" "$d/go_output.txt"; then
				echo "DIFF $name/go_output.txt" >&2
				diff "$d/go_output.txt" "$tmpg" >&2
				fail=1
			fi
		else
			printf '%s' "$content" >"$d/go_output.txt"
		fi
		;;
	*)
		if [ "$rc" = 0 ]; then
			echo "regen.sh: WARNING: $name: Go accepts this program (exit 0)" >&2
		fi
		if [ $check = 1 ]; then
			tmpe="$scratch/expected.txt"
			printf '%s' "$out" >"$tmpe"
			if ! cmp -s "$tmpe" "$d/expected.txt"; then
				echo "DIFF $name/expected.txt" >&2
				diff "$d/expected.txt" "$tmpe" >&2
				fail=1
			fi
			if [ "$rc" != "$(cat "$d/expected_exit.txt" 2>/dev/null)" ]; then
				echo "DIFF $name/expected_exit.txt (go: $rc)" >&2
				fail=1
			fi
		else
			printf '%s' "$out" >"$d/expected.txt"
			echo "$rc" >"$d/expected_exit.txt"
		fi
		;;
	esac
	rm -rf "$work"
done

if [ $check = 1 ]; then
	[ $fail = 0 ] && echo "regen.sh: $n case(s) match" >&2
else
	echo "regen.sh: regenerated $n case(s)" >&2
fi
exit $fail
