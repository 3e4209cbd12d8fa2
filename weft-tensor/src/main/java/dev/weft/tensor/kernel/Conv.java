package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * Float32 convolution, NCHW (1 to 3 spatial dimensions, normalised by {@link ConvGeometry}):
 * {@code y[n, m, o...] = bias[m] + sum over c in m's group and taps t of w[m, c, t] * x[n, c, o*s - p + t*d]},
 * with zero padding.
 *
 * <p>Algorithm per shape (measurements in docs/kernels.md):
 * <ul>
 *   <li>depthwise (one input and one output channel per group, 1-d or 2-d): {@link DepthwiseConv};</li>
 *   <li>3×3, stride 1, one group, when its cost model says so: {@link Winograd} F(4×4) or F(2×2);</li>
 *   <li>pointwise (1×1, stride 1, no padding) with prepared weights or more than 256 outputs per
 *       channel, and 3-d pointwise: one plain GEMM per image and group on the input;</li>
 *   <li>other 1-d and 2-d (any kernel, stride, padding, dilation, groups): {@link DirectConv}, a GEMM
 *       whose B rows are shifted views of a phase-split copy of the padded input (no im2col matrix);</li>
 *   <li>other 3-d: GEMM with implicit im2col: the GEMM's B panels are packed straight from the
 *       input ({@link Im2colSource}), so the im2col matrix never exists in memory.</li>
 * </ul>
 * Weights wrapped in {@link ConvWeights} keep what the kernels derive from them (Winograd transforms,
 * packed GEMM panels) from one call to the next. Work is split across the intra-op pool by
 * image×group when there are enough of them, else inside the kernels. All arrays are contiguous and
 * were sized by the caller; stateless and thread-safe.
 */
public final class Conv {
    private Conv() {}

    /** Runs the convolution; {@code bias} may be null. {@code y} is fully overwritten. */
    public static void conv(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        conv(g, x, w, null, bias, y, Clamp.NONE);
    }

    /**
     * Runs the convolution followed by {@code clamp} (null for none), applied as each piece of the
     * output is stored rather than as a pass of its own.
     */
    public static void conv(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, Clamp clamp) {
        conv(g, x, w, null, bias, y, clamp);
    }

    /**
     * The same convolution with weights wrapped in {@link ConvWeights}: kernels that derive something
     * from the weights (Winograd transforms, packed GEMM panels) reuse it from earlier calls.
     *
     * @throws IllegalArgumentException if the weights do not hold [M, C/group, kernel...] floats
     */
    public static void conv(ConvGeometry g, float[] x, ConvWeights w, float[] bias, float[] y, Clamp clamp) {
        long need = (long) g.outChannels() * (g.channels() / Math.max(1, g.group())) * g.kernelSize();
        if (w.array().length != need) {
            throw new IllegalArgumentException("conv weights hold " + w.array().length + " floats but this convolution needs "
                    + need + " (" + g.outChannels() + " × " + g.channels() / Math.max(1, g.group()) + " × " + g.kernelSize() + ")");
        }
        conv(g, x, w.array(), w, bias, y, clamp);
    }

    /**
     * The convolution written into part of a larger output: image {@code n}'s output channel {@code m}
     * starts at {@code y[yOff + n*yImageStride + m*outPlane]}, so the output can be a channel range of
     * a tensor with more channels (a Concat's result). Nothing outside those ranges is written.
     *
     * @throws IllegalArgumentException if the weights do not hold [M, C/group, kernel...] floats, or
     *         the ranges do not fit in {@code y}
     */
    public static void conv(ConvGeometry g, float[] x, ConvWeights w, float[] bias, float[] y, int yOff, int yImageStride,
                            Clamp clamp) {
        conv(plan(g), x, w, bias, y, yOff, yImageStride, clamp);
    }

    /** {@link #conv(ConvGeometry, float[], ConvWeights, float[], float[], int, int, Clamp)} with raw weights. */
    public static void conv(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, int yOff, int yImageStride, Clamp clamp) {
        conv(plan(g), x, w, bias, y, yOff, yImageStride, clamp);
    }

    /**
     * The plan of a convolution of this geometry: what the entry points below reuse from one call to
     * the next (see {@link ConvPlan}). A caller running one shape repeatedly keeps it, and its calls
     * then allocate nothing when their work runs on the calling thread.
     */
    public static ConvPlan plan(ConvGeometry g) {
        return new ConvPlan(g);
    }

    /** {@link #conv(ConvGeometry, float[], ConvWeights, float[], float[], int, int, Clamp)} with a plan of that geometry. */
    public static void conv(ConvPlan plan, float[] x, ConvWeights w, float[] bias, float[] y, int yOff, int yImageStride,
                            Clamp clamp) {
        ConvGeometry g = plan.g;
        long need = (long) g.outChannels() * (g.channels() / Math.max(1, g.group())) * g.kernelSize();
        if (w.array().length != need) {
            throw new IllegalArgumentException("conv weights hold " + w.array().length + " floats but this convolution needs "
                    + need + " (" + g.outChannels() + " × " + g.channels() / Math.max(1, g.group()) + " × " + g.kernelSize() + ")");
        }
        checkOutput(g, y, yOff, yImageStride);
        conv(plan, x, w.array(), w, bias, y, yOff, yImageStride, clamp);
    }

    /** {@link #conv(ConvGeometry, float[], float[], float[], float[], int, int, Clamp)} with a plan of that geometry. */
    public static void conv(ConvPlan plan, float[] x, float[] w, float[] bias, float[] y, int yOff, int yImageStride, Clamp clamp) {
        checkOutput(plan.g, y, yOff, yImageStride);
        conv(plan, x, w, null, bias, y, yOff, yImageStride, clamp);
    }

    private static void checkOutput(ConvGeometry g, float[] y, int yOff, int yImageStride) {
        long image = (long) g.outChannels() * g.outPlane();
        if (yOff < 0 || yImageStride < image || g.batch() > 0 && yOff + (long) (g.batch() - 1) * yImageStride + image > y.length) {
            throw new IllegalArgumentException("conv output of " + g.batch() + " images × " + image + " floats does not fit at offset "
                    + yOff + ", image stride " + yImageStride + ", in an array of " + y.length);
        }
    }

    private static void conv(ConvGeometry g, float[] x, float[] w, ConvWeights prepared, float[] bias, float[] y,
                             Clamp clamp) {
        conv(plan(g), x, w, prepared, bias, y, 0, g.outChannels() * g.outPlane(), clamp);
    }

    private static void conv(ConvPlan plan, float[] x, float[] w, ConvWeights prepared, float[] bias, float[] y,
                             int yOff, int yImageStride, Clamp clamp) {
        ConvGeometry g = plan.g;
        int n = g.batch(), groups = g.group();
        int cg = g.channels() / groups, mg = g.outChannels() / groups;
        int plane = g.outPlane();
        if (n == 0 || g.outChannels() == 0 || plane == 0) return;
        if (cg == 1 && mg == 1 && DepthwiseConv.applies(g)) {
            int image = g.outChannels() * plane;
            if (yOff == 0 && yImageStride == image) {
                DepthwiseConv.conv(g, x, w, bias, y, clamp);
                return;
            }
            // The depthwise kernels write whole images; compute into scratch, then copy each image over.
            float[] tmp = FloatScratch.take(Math.multiplyExact(n, image));
            try {
                DepthwiseConv.conv(g, x, w, bias, tmp, clamp);
                for (int i = 0; i < n; i++) System.arraycopy(tmp, i * image, y, yOff + i * yImageStride, image);
            } finally {
                FloatScratch.give(tmp);
            }
            return;
        }
        int kdim = cg * g.kernelSize();
        int units = n * groups;
        long unitWork = (long) mg * plane * kdim;
        boolean split = units >= 2 * IntraOp.threads() || units >= 2 && unitWork < (1L << 22);
        if (split && !IntraOp.runsInline(units, unitWork * units)) {
            IntraOp.parallelFor(units, unitWork * units,
                    u -> unit(plan, x, w, prepared, bias, clamp, y, yOff + u / groups * yImageStride, u / groups, u % groups));
        } else {
            for (int u = 0; u < units; u++) unit(plan, x, w, prepared, bias, clamp, y, yOff + u / groups * yImageStride, u / groups, u % groups);
        }
    }

    /**
     * How many slabs of output rows a direct convolution of one image and group splits into: one per
     * intra-op thread for 2-d convolutions with enough work and rows, else 1. One region per
     * convolution, each thread filling, multiplying and adding bias for its own rows, scales better
     * on two cores than three short regions (fill, GEMM, bias) whose hand-offs cost tens of µs each.
     */
    static int slabs(ConvGeometry g, int mg, int kdim) {
        int threads = IntraOp.threads();
        if (threads <= 1 || g.inD() != 1 || g.outH() < 4 * threads) return 1;
        long work = (long) mg * g.outPlane() * kdim;
        return work < (1L << 22) ? 1 : threads;
    }

    /** One image and one group; the image's output starts at {@code y[yImage]}. */
    private static void unit(ConvPlan plan, float[] x, float[] w, ConvWeights prepared, float[] bias, Clamp clamp,
                             float[] y, int yImage, int img, int grp) {
        ConvGeometry g = plan.g;
        int groups = g.group();
        int cg = g.channels() / groups, mg = g.outChannels() / groups;
        int plane = g.outPlane(), kdim = cg * g.kernelSize();
        int xBase = (img * g.channels() + grp * cg) * g.inPlane();
        int yBase = yImage + grp * mg * plane;
        int wBase = grp * mg * kdim;
        MicroKernel kern = MicroKernel.current();
        Winograd.Variant wino = groups == 1 ? Winograd.choose(g, kern.nr, prepared != null) : null;
        if (wino != null) {
            Winograd.unit(g, wino, x, xBase, w, wBase, prepared, bias, clamp, y, yBase);
            return;
        }
        MicroKernel packedKern = MicroKernel.forPackedA(mg, kdim);
        PackedA packed = prepared != null && groups == 1 ? prepared.direct(packedKern.mr, mg, kdim) : null;
        // A pointwise conv is a plain GEMM on the input, where DirectConv would first copy it: with
        // prepared weights always, with raw ones above 256 columns (below, DirectConv's GEMM reads
        // raw weights in place, which packing them could not beat).
        if (DirectConv.applies(g) && !(g.isPointwise() && (plane > 256 || packed != null))) {
            int slabs = slabs(g, mg, kdim);
            if (slabs <= 1) {
                DirectConv.unit(plan, grp, x, xBase, cg, w, wBase, packed, mg, bias, grp * mg, clamp, y, yBase);
            } else {
                IntraOp.parallelFor(slabs, (long) mg * plane * kdim, s -> DirectConv.slab(plan, grp, g.outH() * s / slabs,
                        g.outH() * (s + 1) / slabs, x, xBase, cg, w, wBase, packed, mg, bias, grp * mg, clamp, y, yBase));
            }
            return;
        }
        // Bias and clamp are applied to each GEMM tile as it is stored: no pass over y of their own.
        RowEpilogue ep = plan.epilogue(grp, bias, grp * mg, clamp, 0, 0);
        PackedA pa = packed != null && packed.mr() == packedKern.mr ? packed : null;
        if (pa != null) kern = packedKern;
        BSource b = g.isPointwise() ? BSource.matrix(false, x, xBase, plane)
                : new Im2colSource(g, x, xBase); // the im2col matrix is never written out
        GemmDriver.run(kern, false, mg, plane, kdim, 1f, w, wBase, kdim, pa, b, null, 0f, y, yBase, plane, ep);
    }
}
