#!/usr/bin/env bash
# Regenerates the depthwise and pooling table of docs/kernels.md: MobileNet-v2 depthwise convolutions and
# ResNet-18 / SqueezeNet pools against ONNX Runtime, one thread and all threads, one JMH run per problem.
#   weft-bench/scripts/dwpool.sh [--quick] [--interleaved] [--only REGEX] [--out FILE]
# --only REGEX keeps problems whose label matches, e.g. "layer=dw960" or "PoolBench.*threads=1".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
. bin/find-jdk
weft_find_jdk || exit 1
# Every module of the reactor writes the same file; weft-bench comes last, so its classpath wins.
cpfile="$root/weft-bench/target/classpath.txt"
./mvnw -q -B -o package dependency:build-classpath -DskipTests -pl weft-bench -am \
  -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime
cp="weft-bench/target/classes:$(cat "$cpfile")"
exec "$WEFT_JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "$cp" dev.weft.bench.kernels.DwPoolReport "$@"
