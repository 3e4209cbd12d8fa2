#!/usr/bin/env bash
# Regenerates the README's machine table: JMH runs of the GoMachine article's graphs
# (trivial ops, 50 µs ballast chain, 8 wide ballasted branches) on every machine, in one run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
. bin/find-jdk
weft_find_jdk
./mvnw -q -B package -DskipTests -pl weft-bench -am dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
cp="weft-bench/target/classes:$(cat weft-bench/target/classpath.txt)"
exec "$WEFT_JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -cp "$cp" dev.weft.bench.machine.MachineTable "$@"
