package dev.weft.bench.kernels;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** The benchmarked problem sizes: square GEMMs and the convolutions of ResNet-18 at batch 1. */
final class Shapes {
    private Shapes() {}

    /** A 2-d square convolution, NCHW with N = 1: C→M channels, H×H input, k×k kernel, stride s, pad p. */
    record ConvShape(int c, int h, int m, int k, int s, int p) {
        int out() { return (h + 2 * p - k) / s + 1; }

        /** Multiply-adds × 2. */
        long flops() { return 2L * m * out() * out() * c * k * k; }
    }

    /** Names used as JMH parameters, in ResNet-18 order. */
    static final Map<String, ConvShape> CONV = Map.ofEntries(
            Map.entry("conv1_7x7s2_3to64_224", new ConvShape(3, 224, 64, 7, 2, 3)),
            Map.entry("l1_3x3_64to64_56", new ConvShape(64, 56, 64, 3, 1, 1)),
            Map.entry("l2a_3x3s2_64to128_56", new ConvShape(64, 56, 128, 3, 2, 1)),
            Map.entry("l2_3x3_128to128_28", new ConvShape(128, 28, 128, 3, 1, 1)),
            Map.entry("l2d_1x1s2_64to128_56", new ConvShape(64, 56, 128, 1, 2, 0)),
            Map.entry("l3a_3x3s2_128to256_28", new ConvShape(128, 28, 256, 3, 2, 1)),
            Map.entry("l3_3x3_256to256_14", new ConvShape(256, 14, 256, 3, 1, 1)),
            Map.entry("l3d_1x1s2_128to256_28", new ConvShape(128, 28, 256, 1, 2, 0)),
            Map.entry("l4a_3x3s2_256to512_14", new ConvShape(256, 14, 512, 3, 2, 1)),
            Map.entry("l4_3x3_512to512_7", new ConvShape(512, 7, 512, 3, 1, 1)),
            Map.entry("l4d_1x1s2_256to512_14", new ConvShape(256, 14, 512, 1, 2, 0)));

    /** The layer names in network order (the map above has none). */
    static final List<String> CONV_ORDER = List.of("conv1_7x7s2_3to64_224", "l1_3x3_64to64_56", "l2a_3x3s2_64to128_56",
            "l2_3x3_128to128_28", "l2d_1x1s2_64to128_56", "l3a_3x3s2_128to256_28", "l3_3x3_256to256_14",
            "l3d_1x1s2_128to256_28", "l4a_3x3s2_256to512_14", "l4_3x3_512to512_7", "l4d_1x1s2_256to512_14");

    /** n floats uniform in [-scale/2, scale/2), drawn in order from {@code rnd}. */
    static float[] uniform(Random rnd, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (rnd.nextFloat() - 0.5f) * scale;
        return a;
    }

    /** The thread count a "threads" parameter means: a number, or "all" for every core. */
    static int threads(String param) {
        return param.equals("all") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(param);
    }
}
