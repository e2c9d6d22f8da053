#!/usr/bin/env bash
# gofast entry script: the README's two commands and the other useful ones.
#
#   ./gofast.sh serve [--port N]   build the web app and serve it on 127.0.0.1 (prints the URL)
#   ./gofast.sh test               install what is missing, build everything, run every test
#   ./gofast.sh deps               only install/build the dependencies (idempotent)
#   ./gofast.sh desktop [args]     build and start the native desktop app
#   ./gofast.sh cli [args]         build and run the gofast command-line tool
#   ./gofast.sh fuzz               build and run the libFuzzer targets (GOFAST_FUZZ_SECONDS each, default 45)
#   ./gofast.sh bench              build and run the benchmarks (tests/bench)
#
# Works on a fresh Debian bookworm machine as root. Slow dependency builds (SDL2 for WebAssembly) are
# cached outside the checkout in $GOFAST_CACHE (default ~/.cache/gofast), keyed by version.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${GOFAST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gofast}
BUILD=${GOFAST_BUILD:-$ROOT/build}
JOBS=${GOFAST_JOBS:-$(nproc)}
export NODE_PATH=/usr/share/nodejs   # Emscripten's JS optimizer needs Debian's acorn (TOOLCHAIN.md 5)
export DEBIAN_FRONTEND=noninteractive

APT_PKGS=(cmake ninja-build g++ pkg-config dpkg-dev git ca-certificates
  emscripten nodejs libsdl2-dev libimgui-dev libstb-dev doctest-dev
  fonts-inter fonts-jetbrains-mono
  chromium xvfb xauth libgl1-mesa-dri imagemagick
  golang-1.19-go python3 hyperfine
  clang-14 libclang-rt-14-dev)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'gofast.sh: %s\n' "$*" >&2; exit 1; }

need_root() {
  [ "$(id -u)" = 0 ] || die "installing packages needs root (run as root, or install: ${APT_PKGS[*]})"
}

# --- dependencies -------------------------------------------------------------------------------
deps_apt() {
  local missing=() p
  for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian's source packages for imgui and SDL2 (the WebAssembly build compiles them with em++).
deps_src() {
  local imgui_ver sdl_ver
  imgui_ver=$(dpkg-query -W -f='${source:Version}' libimgui-dev)
  sdl_ver=$(dpkg-query -W -f='${source:Version}' libsdl2-dev)
  mkdir -p "$CACHE/src"
  if [ ! -f "$CACHE/src/imgui-$imgui_ver/.ok" ] || [ ! -f "$CACHE/src/libsdl2-$sdl_ver/.ok" ]; then
    need_root
    local srcfile=/etc/apt/sources.list.d/gofast-deb-src.sources
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
      log "adding deb-src entries ($srcfile)"
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$srcfile"
      apt-get update -qq
    fi
    local pkg ver
    for pkg in imgui libsdl2; do
      [ $pkg = imgui ] && ver=$imgui_ver || ver=$sdl_ver
      [ -f "$CACHE/src/$pkg-$ver/.ok" ] && continue
      log "apt-get source $pkg=$ver"
      local tmp; tmp=$(mktemp -d "$CACHE/src/tmp.XXXX")
      (cd "$tmp" && apt-get source -qq "$pkg=$ver" >/dev/null 2>&1)
      local dir; dir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n1)
      [ -n "$dir" ] || die "apt-get source $pkg produced no folder"
      rm -rf "$CACHE/src/$pkg-$ver"; mv "$dir" "$CACHE/src/$pkg-$ver"; rm -rf "$tmp"
      touch "$CACHE/src/$pkg-$ver/.ok"
    done
  fi
  ln -sfn "$CACHE/src/imgui-$imgui_ver" "$CACHE/imgui-src"
  ln -sfn "$CACHE/src/libsdl2-$sdl_ver" "$CACHE/sdl2-src"
}

# SDL2 built for WebAssembly with Debian's Emscripten (~10 min on 2 cores), cached by version.
deps_sdl2_wasm() {
  local sdl_ver em_ver key prefix
  sdl_ver=$(dpkg-query -W -f='${source:Version}' libsdl2-dev)
  em_ver=$(dpkg-query -W -f='${Version}' emscripten)
  key="sdl2-$sdl_ver-emscripten-$em_ver"
  prefix="$CACHE/wasm/$key"
  if [ ! -f "$prefix/.ok" ]; then
    log "building SDL2 $sdl_ver for WebAssembly into $prefix (cold: about 10 minutes)"
    local b="$CACHE/wasm/build-$key"
    rm -rf "$b" "$prefix"; mkdir -p "$CACHE/wasm"
    emcmake cmake -S "$CACHE/sdl2-src" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >"$CACHE/wasm/$key.log" 2>&1 \
      || { tail -30 "$CACHE/wasm/$key.log"; die "SDL2 configure failed"; }
    cmake --build "$b" -j "$JOBS" >>"$CACHE/wasm/$key.log" 2>&1 && cmake --install "$b" >>"$CACHE/wasm/$key.log" 2>&1 \
      || { tail -30 "$CACHE/wasm/$key.log"; die "SDL2 build failed"; }
    rm -rf "$b"
    touch "$prefix/.ok"
  fi
  ln -sfn "$prefix" "$CACHE/sdl2-wasm"
}

deps_npm() {
  if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ]; then
    log "npm install (tests/e2e)"
    (cd "$ROOT/tests/e2e" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

deps_all() { deps_apt; deps_src; deps_sdl2_wasm; deps_npm; }

# --- builds ---------------------------------------------------------------------------------------
build_native() {  # build_native <dir> <build type> [extra cmake args]
  local dir=$1 type=$2; shift 2
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS"
}

build_web() {
  emcmake cmake -S "$ROOT" -B "$BUILD/web" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGOFAST_IMGUI_SRC="$CACHE/imgui-src" -DGOFAST_SDL2_WASM="$CACHE/sdl2-wasm" \
    -DGOFAST_NATIVE_BUILD_DIR="$BUILD/native" >/dev/null
  cmake --build "$BUILD/web" -j "$JOBS"
}

web_size_report() {
  local dist="$BUILD/web/dist" total=0 f n
  printf 'web app transfer size (gzip -9):\n'
  for f in "$dist"/*.html "$dist"/*.js "$dist"/*.wasm "$dist"/*.css "$dist"/*.svg; do
    [ -f "$f" ] || continue
    n=$(gzip -9 -c "$f" | wc -c); total=$((total + n))
    printf '  %-28s %9d B raw %9d B gz\n' "$(basename "$f")" "$(stat -c %s "$f")" "$n"
  done
  printf '  %-28s %30d B gz (%.2f MB)\n' total "$total" "$(awk -v t="$total" 'BEGIN { print t / 1000000 }')"
}

serve() {
  local port=8080
  while [ $# -gt 0 ]; do
    case $1 in
      --port) port=$2; shift 2 ;;
      --port=*) port=${1#--port=}; shift ;;
      *) die "serve: unknown option $1 (use --port N)" ;;
    esac
  done
  deps_apt; deps_src; deps_sdl2_wasm
  build_web
  log "serving $BUILD/web/dist"
  echo "gofast is at http://127.0.0.1:$port/"
  exec python3 -m http.server --bind 127.0.0.1 --directory "$BUILD/web/dist" "$port"
}

# --- tests ----------------------------------------------------------------------------------------
PASSED=0; FAILED=0; FAILED_NAMES=()
stage() {  # stage <name> <command...>: run one test stage, count it, keep going on failure
  local name=$1; shift
  log "test stage: $name"
  if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); FAILED_NAMES+=("$name"); fi
}

run_ctest() { ctest --test-dir "$1" --output-on-failure -j "$JOBS"; }

run_wasm_core_tests() {
  (cd "$BUILD/web" && node --no-experimental-fetch gofast_tests.js)
}

run_browser_tests() {
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -m http.server --bind 127.0.0.1 --directory "$BUILD/web/dist" "$port" >/dev/null 2>&1 &
  local pid=$!
  local rc=0
  GOFAST_URL="http://127.0.0.1:$port/" GOFAST_SHOTS="$BUILD/screenshots" \
    node "$ROOT/tests/e2e/run.mjs" || rc=$?
  kill $pid 2>/dev/null || true
  return $rc
}

# libFuzzer targets (tests/fuzz/fuzz_*.cpp) with ASan+UBSan, each for GOFAST_FUZZ_SECONDS (default 45),
# seeded with every program of the golden corpora; the grown corpus is kept in the cache.
run_fuzz() {
  local secs=${GOFAST_FUZZ_SECONDS:-45} targets=() f name
  for f in "$ROOT"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
  cmake -S "$ROOT" -B "$BUILD/fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DGOFAST_FUZZ=ON -DGOFAST_GUI=OFF -DGOFAST_WERROR=OFF >/dev/null
  cmake --build "$BUILD/fuzz" -j "$JOBS" --target "${targets[@]}"
  local seeds="$BUILD/fuzz/seeds" i=0
  rm -rf "$seeds"; mkdir -p "$seeds"
  while IFS= read -r f; do i=$((i + 1)); cp "$f" "$seeds/seed$i.go"; done < <(find "$ROOT/tests/golden" "$ROOT/tests/fuzz" -name '*.go' | sort)
  for name in "${targets[@]}"; do
    mkdir -p "$CACHE/fuzz/$name"
    log "fuzzing $name for $secs s ($i seeds)"
    local rc=0
    "$BUILD/fuzz/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$BUILD/fuzz/$name-" "$CACHE/fuzz/$name" "$seeds" >"$BUILD/fuzz/$name.log" 2>&1 || rc=$?
    grep -E '^(Done|stat::number_of_executed_units|SUMMARY)|ERROR|panic|deadly' "$BUILD/fuzz/$name.log" | head -20 || true
    if [ $rc -ne 0 ]; then tail -40 "$BUILD/fuzz/$name.log"; return 1; fi
  done
}

run_native_window_test() {
  mkdir -p "$BUILD/screenshots"
  GOFAST_DESKTOP="$BUILD/native/gofast-desktop" GOFAST_SHOTS="$BUILD/screenshots" \
    bash "$ROOT/tests/native/window_test.sh"
}

test_all() {
  local t0=$SECONDS
  deps_all
  stage "native build" build_native "$BUILD/native" RelWithDebInfo -DGOFAST_WERROR=ON
  stage "native unit tests (ctest)" run_ctest "$BUILD/native"
  stage "sanitizer build (ASan+UBSan)" build_native "$BUILD/asan" Debug -DGOFAST_SANITIZE=ON -DGOFAST_WERROR=ON -DGOFAST_GUI=OFF
  stage "sanitizer unit tests (ctest)" run_ctest "$BUILD/asan"
  stage "web build" build_web
  stage "core tests in WebAssembly (node)" run_wasm_core_tests
  web_size_report
  stage "browser tests (headless Chromium)" run_browser_tests
  stage "native window test (Xvfb)" run_native_window_test
  stage "fuzzing (libFuzzer, ASan+UBSan)" run_fuzz
  log "screenshots in $BUILD/screenshots; took $((SECONDS - t0)) s"
  [ $FAILED -eq 0 ] || printf 'failed stages: %s\n' "${FAILED_NAMES[*]}"
  echo "stages: $PASSED passed, $FAILED failed"
  [ $FAILED -eq 0 ]
}

cmd=${1:-help}; [ $# -gt 0 ] && shift
case $cmd in
  serve) serve "$@" ;;
  test) test_all ;;
  deps) deps_all ;;
  desktop) deps_apt; build_native "$BUILD/native" RelWithDebInfo >/dev/null; exec "$BUILD/native/gofast-desktop" "$@" ;;
  cli) deps_apt; build_native "$BUILD/native" RelWithDebInfo >/dev/null; exec "$BUILD/native/gofast" "$@" ;;
  fuzz) deps_apt; run_fuzz ;;
  bench) deps_apt; build_native "$BUILD/native" RelWithDebInfo >/dev/null; exec bash "$ROOT/tests/bench/run.sh" "$BUILD/native" ;;
  help|-h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$cmd' (try: serve, test, deps, desktop, cli, bench)" ;;
esac
