/**
 * Kernel benchmarks: weft's GEMM and convolution against ONNX Runtime's MatMul and Conv on the same
 * shapes, in the same JMH run, one thread and all threads. {@link dev.weft.bench.kernels.KernelReport}
 * runs them and prints the Markdown table of docs/kernels.md. {@link dev.weft.bench.kernels.DwPoolReport} does the
 * same for MobileNet-v2's depthwise convolutions ({@code DepthwiseBench}) and the pools of ResNet-18 and
 * SqueezeNet 1.1 ({@code PoolBench}).
 */
package dev.weft.bench.kernels;
