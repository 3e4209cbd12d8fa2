#!/usr/bin/env bash
# Regenerates the README's machine table: JMH runs of the GoMachine article's graphs
# (trivial ops, 50 µs ballast chain, 8 wide ballasted branches) on every machine, in one run.
set -euo pipefail
exec "$(dirname "$0")/bench-java.sh" dev.weft.bench.machine.MachineTable "$@"
