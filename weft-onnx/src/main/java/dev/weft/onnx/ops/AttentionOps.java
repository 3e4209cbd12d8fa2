package dev.weft.onnx.ops;

/** Attention (opset 23/24): scaled dot-product attention with masks, causal masking, GQA and KV cache. */
final class AttentionOps {
    private AttentionOps() {}

    static void register(OpRegistry r) {
    }
}
