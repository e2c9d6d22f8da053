#!/bin/sh
# Regenerates ../java_sizes.txt (needs a JDK 17: javac, jar, java). Build products go to a temp dir.
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
javac -d "$tmp" "$here/Agent.java" "$here/Sizes.java"
(cd "$tmp" && jar cfm agent.jar "$here/manifest.txt" Agent.class)
java -javaagent:"$tmp/agent.jar" --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/java.util=ALL-UNNAMED -cp "$tmp" Sizes > "$here/../java_sizes.txt"
rm -rf "$tmp"
