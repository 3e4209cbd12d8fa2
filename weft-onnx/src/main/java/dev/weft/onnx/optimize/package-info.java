/**
 * Graph optimizations applied to a compiled ONNX {@link dev.weft.onnx.load.Program} before it
 * becomes a weft graph: constant folding, removal of Identity and inference-time Dropout, folding
 * BatchNormalization and a per-channel constant Add into the Conv before it, replacing layer normalization and GELU subgraphs by
 * one fused node each, folding Transposes and scalar scales into MatMuls of computed operands
 * as strided views, fusing Conv/Gemm/MatMul with a following Relu, Clip,
 * Gelu or residual Add, and prepacking constant GEMM weights into the layout the kernel wants.
 *
 * <p>Every pass preserves the program's results (tested on every bundled model and on the
 * conformance suite). A pass leaves alone any value that a graph output or a subgraph reads by
 * name, since renaming or removing such a value would change what the caller or the subgraph sees.
 */
package dev.weft.onnx.optimize;
