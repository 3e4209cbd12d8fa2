#!/usr/bin/env bash
# One MLP training step (forward, backward, Adam update; batch 32) in weft and in PyTorch, side by
# side in one run: PyTorch, then weft's JMH benchmark, then PyTorch again. Needs Debian's
# python3-torch (apt-get install python3-torch); weft alone runs without it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. bin/find-jdk
weft_find_jdk
torch() { /usr/bin/python3 weft-bench/scripts/torch_train_step.py 2 || echo "PyTorch not available (apt-get install python3-torch)"; }
torch
./mvnw -q -B package -DskipTests -pl weft-bench -am dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
cp="weft-bench/target/classes:$(cat weft-bench/target/classpath.txt)"
"$WEFT_JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main TrainStepBench "$@"
torch
