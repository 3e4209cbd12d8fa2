#!/usr/bin/env bash
# Regenerates the depthwise and pooling table of docs/kernels.md: MobileNet-v2 depthwise convolutions and
# ResNet-18 / SqueezeNet pools against ONNX Runtime, one thread and all threads, one JMH run per problem.
#   weft-bench/scripts/dwpool.sh [--quick] [--interleaved] [--only REGEX] [--out FILE]
# --only REGEX keeps problems whose label matches, e.g. "layer=dw960" or "PoolBench.*threads=1".
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" dev.weft.bench.kernels.DwPoolReport "$@"
