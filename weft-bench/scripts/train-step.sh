#!/usr/bin/env bash
# One MLP training step (forward, backward, Adam update; batch 32) in weft and in PyTorch, side by
# side in one run: PyTorch, then weft's JMH benchmark, then PyTorch again. Needs Debian's
# python3-torch (apt-get install python3-torch); weft alone runs without it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
torch() { /usr/bin/python3 weft-bench/scripts/torch_train_step.py 2 || echo "PyTorch not available (apt-get install python3-torch)"; }
torch
weft-bench/scripts/bench-java.sh org.openjdk.jmh.Main TrainStepBench "$@"
torch
