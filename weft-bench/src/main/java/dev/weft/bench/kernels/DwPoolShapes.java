package dev.weft.bench.kernels;

import dev.weft.bench.onnx.TinyModels;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import dev.weft.tensor.nn.PoolParams;
import dev.weft.tensor.nn.Pooling;
import java.util.List;
import java.util.Map;

/** The depthwise convolutions of MobileNet-v2 and the pools of ResNet-18 and SqueezeNet 1.1, at batch 1. */
final class DwPoolShapes {
    private DwPoolShapes() {}

    /** A 3×3 depthwise convolution with pad 1 on [1, c, h, h], stride s (with bias; MobileNet adds ReLU6). */
    record Depthwise(int c, int h, int s) {
        int out() { return (h + 2 - 3) / s + 1; }

        /** Multiply-adds × 2. */
        long flops() { return 2L * c * out() * out() * 9; }

        Tensor weft(Tensor x, Tensor w, Tensor b, boolean relu6) {
            ConvParams p = ConvParams.defaults().withGroup(c).withStrides(s, s).withPads(1, 1, 1, 1);
            return Convolution.conv(x, w, b, p, relu6 ? new Clamp(0f, 6f) : Clamp.NONE);
        }

        byte[] ort(float[] w, float[] b, boolean relu6) {
            return TinyModels.depthwiseConv2d(c, h, 3, s, 1, w, b, relu6, 0f, 6f);
        }
    }

    /** A square 2-d MaxPool or AveragePool on [1, c, h, h]. */
    record Pool(String op, int c, int h, int k, int s, int p, boolean ceil) {
        int out() { return TinyModels.poolOut(h, k, s, p, ceil); }

        /** Input elements read per window × outputs (the pool's "work"). */
        long taps() { return (long) c * out() * out() * k * k; }

        Tensor weft(Tensor x) {
            PoolParams pp = PoolParams.of(k, k).withStrides(s, s).withPads(p, p, p, p).withCeilMode(ceil);
            return op.equals("MaxPool") ? Pooling.maxPool(x, pp) : Pooling.averagePool(x, pp, false);
        }

        byte[] ort() { return TinyModels.pool2d(op, c, h, k, s, p, ceil); }
    }

    /** MobileNet-v2's depthwise layers (a selection: every plane size, both strides). */
    static final Map<String, Depthwise> DEPTHWISE = Map.of(
            "dw32_112_s1", new Depthwise(32, 112, 1),
            "dw96_112_s2", new Depthwise(96, 112, 2),
            "dw144_56_s1", new Depthwise(144, 56, 1),
            "dw144_56_s2", new Depthwise(144, 56, 2),
            "dw384_14_s1", new Depthwise(384, 14, 1),
            "dw960_7_s1", new Depthwise(960, 7, 1));

    static final List<String> DEPTHWISE_ORDER =
            List.of("dw32_112_s1", "dw96_112_s2", "dw144_56_s1", "dw144_56_s2", "dw384_14_s1", "dw960_7_s1");

    static final Map<String, Pool> POOL = Map.of(
            "max3s2p1_64_112", new Pool("MaxPool", 64, 112, 3, 2, 1, false),     // ResNet-18
            "max3s2ceil_64_111", new Pool("MaxPool", 64, 111, 3, 2, 0, true),   // SqueezeNet 1.1
            "max3s2ceil_128_55", new Pool("MaxPool", 128, 55, 3, 2, 0, true),
            "max3s2ceil_256_27", new Pool("MaxPool", 256, 27, 3, 2, 0, true),
            "avg3s1p1_192_28", new Pool("AveragePool", 192, 28, 3, 1, 1, false)); // Inception-style branch

    static final List<String> POOL_ORDER =
            List.of("max3s2p1_64_112", "max3s2ceil_64_111", "max3s2ceil_128_55", "max3s2ceil_256_27", "avg3s1p1_192_28");
}
