/**
 * Kernel benchmarks: weft's GEMM and convolution against ONNX Runtime's MatMul and Conv on the same
 * shapes, in the same JMH run, one thread and all threads. {@link dev.weft.bench.kernels.KernelReport}
 * runs them and prints the Markdown table of docs/kernels.md.
 */
package dev.weft.bench.kernels;
