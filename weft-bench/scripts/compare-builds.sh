#!/usr/bin/env bash
# Times two builds of weft on the same models in one JVM, alternating them run by run, and prints the
# new build's time over the old one's (median of paired runs, with quartiles):
#   weft-bench/scripts/compare-builds.sh [--threads N] [--machine sequential|concurrent] [--pairs N] \
#       [--warmup-seconds S] OLD_WEFT_JAR NEW_WEFT_JAR MODEL_DIR...
# The build named second can be a few percent slower for being second (an A/A run, the same jar twice,
# gave 1.03 in a slow spell): run small differences in both orders.
# An older build: git worktree add /tmp/weft-old COMMIT && (cd /tmp/weft-old && ./mvnw -q -B package
# -DskipTests -pl weft-cli -am); its jar is then /tmp/weft-old/weft-cli/target/weft.jar.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" dev.weft.bench.builds.CompareBuilds "$@"
