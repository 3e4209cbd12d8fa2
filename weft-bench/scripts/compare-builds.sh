#!/usr/bin/env bash
# Times two builds of weft on the same models in one JVM, alternating them run by run, and prints the
# new build's time over the old one's (median of paired runs, with quartiles):
#   weft-bench/scripts/compare-builds.sh [--threads N] [--machine sequential|concurrent] [--pairs N] \
#       [--warmup-seconds S] [--jvms N] OLD_WEFT_JAR NEW_WEFT_JAR MODEL_DIR...
# One JVM's JIT can make one build's code a few percent faster than the other's (the same jar passed
# twice measured 0.985 to 1.032): for small differences, --jvms N runs N fresh JVMs, naming the builds
# in alternate order, and reports the geometric mean of their medians.
# An older build: git worktree add /tmp/weft-old COMMIT && (cd /tmp/weft-old && ./mvnw -q -B package
# -DskipTests -pl weft-cli -am); its jar is then /tmp/weft-old/weft-cli/target/weft.jar.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" dev.weft.bench.builds.CompareBuilds "$@"
