#!/usr/bin/env bash
# Builds weft-bench (and what it needs) and runs one of its main classes with the Vector API on:
#   weft-bench/scripts/bench-java.sh MAIN_CLASS [ARGS...]
# The other scripts here call it; it is the one place that knows the bench classpath.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
. bin/find-jdk
weft_find_jdk || exit 1
main=${1:?usage: bench-java.sh MAIN_CLASS [ARGS...]}
shift
# Every module of the reactor writes the same file; weft-bench comes last, so its classpath wins.
cpfile="$root/weft-bench/target/classpath.txt"
./mvnw -q -B package dependency:build-classpath -DskipTests -pl weft-bench -am \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime >&2
cp="weft-bench/target/classes:$(cat "$cpfile")"
exec "$WEFT_JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "$cp" "$main" "$@"
