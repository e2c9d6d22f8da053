#!/usr/bin/env bash
# Native window test: the desktop app opens a real window under Xvfb (Mesa software GL), draws for a
# few seconds, a screenshot of the screen is taken, and the app exits with status 0.
# Env: GOFAST_DESKTOP=path/to/gofast-desktop, GOFAST_SHOTS=folder for the screenshot.
set -euo pipefail
app=${GOFAST_DESKTOP:?set GOFAST_DESKTOP}
shots=${GOFAST_SHOTS:-.}
mkdir -p "$shots"
pass=0; fail=0
ok() { echo "  ok   $*"; pass=$((pass + 1)); }
bad() { echo "  FAIL $*"; fail=$((fail + 1)); }

# A free display number.
d=99; while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done

export DISPLAY=":$d" LIBGL_ALWAYS_SOFTWARE=1
log=$(mktemp)
timeout 60 "$app" --size 1280x800 --seconds 6 >"$log" 2>&1 &
pid=$!
sleep 4
shot="$shots/native-shell-1280x800.png"
import -window root "$shot" 2>/dev/null || true
rc=0; wait $pid || rc=$?
[ $rc -eq 0 ] && ok "desktop app ran under Xvfb and exited cleanly" || { bad "desktop app exited with $rc"; cat "$log"; }
if [ -s "$shot" ]; then
  # A drawn UI has many distinct colours (text anti-aliasing); a blank or black screen has one or two.
  colours=$(convert "$shot" -format '%k' info:)
  [ "$colours" -gt 50 ] && ok "screenshot shows a drawn window ($colours colours): $shot" || bad "screenshot looks blank ($colours colours)"
else
  bad "no screenshot taken"
fi
# "Save panel as PNG" on the desktop: the panel's pixels as gofast-<panel>.png in the working directory,
# readable by ImageMagick (an independent PNG decoder) at the size the app reports.
dir=$(mktemp -d)
out=$(cd "$dir" && timeout 60 "$app" --size 1280x800 --chapter escape --save-panel compiler 2>&1) || true
size=$(printf '%s\n' "$out" | sed -n 's/.*saved gofast-compiler.png (\([0-9]*x[0-9]*\)).*/\1/p')
png="$dir/gofast-compiler.png"
if [ -s "$png" ] && [ -n "$size" ] && [ "$(identify -format '%m %wx%h' "$png" 2>/dev/null)" = "PNG $size" ] &&
   [ "$(convert "$png" -format '%k' info:)" -gt 20 ]; then
  ok "Save panel as PNG wrote the compiler panel ($size, decoded by ImageMagick)"
  cp "$png" "$shots/native-panel-compiler.png"
else
  bad "Save panel as PNG: $out"
fi
rm -rf "$dir"
echo "native: $pass passed, $fail failed"
[ $fail -eq 0 ]
