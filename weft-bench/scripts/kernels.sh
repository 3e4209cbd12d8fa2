#!/usr/bin/env bash
# Regenerates the kernel benchmark table of docs/kernels.md: weft's GEMM, ResNet-18 convolutions and
# three transposed convolutions against ONNX Runtime's MatMul, Conv and ConvTranspose, one thread and
# all threads, in one JMH run.
#   weft-bench/scripts/kernels.sh [--quick] [--only REGEX] [--out FILE]
# --only REGEX keeps problems whose label matches, e.g. "GemmBench size=1024" or "threads=1".
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/bench-java.sh" dev.weft.bench.kernels.KernelReport "$@"
