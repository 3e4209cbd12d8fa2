package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * Float32 pooling over NC planes of 1 to 3 spatial dimensions ({@link ConvGeometry} with
 * {@code channels == outChannels} and group 1). Windows are walked row by row so the inner loops
 * run over contiguous outputs. Planes are split across the intra-op pool. Stateless, thread-safe.
 *
 * <p>1-d and 2-d max pooling without indices, and 1-d and 2-d average pooling, take the Vector API
 * path when {@link VectorSupport#enabled()}: 3×3 max windows with horizontal stride 1 or 2 read the
 * input rows directly ({@code VectorMaxPoolRows}), the others a phase-split copy ({@code VectorPool}).
 * Both give bit-identical results to the scalar loops here, which run everything else.
 *
 * <p>Max pooling ignores padding; a window with no input element (possible only with pads as large
 * as the kernel) yields -infinity and index -1. NaN inputs are skipped as ONNX Runtime does.
 */
public final class Pool {
    private Pool() {}

    /**
     * Max pooling. When {@code indices} is not null it receives, per output, the flat index of the
     * chosen input element in the whole input tensor: row-major when {@code storageOrder} is 0,
     * column-major within the spatial plane when it is 1 (as ONNX defines).
     */
    public static void maxPool(ConvGeometry g, float[] x, float[] y, long[] indices, int storageOrder) {
        if (indices == null) {
            maxPool(maxPlan(g), x, y);
            return;
        }
        int planes = g.batch() * g.channels();
        IntraOp.parallelFor(planes, (long) planes * g.outPlane() * g.kernelSize(), u -> maxPlane(g, x, y, indices, storageOrder, u));
    }

    /** The plan of a max pooling of this geometry, for {@link #maxPool(PoolPlan, float[], float[])}. */
    public static PoolPlan maxPlan(ConvGeometry g) {
        return new PoolPlan(g, false, false, 0, 0, 0);
    }

    /**
     * Max pooling without indices, with what the plan derived from its geometry (any plan: an
     * average pooling's serves too). Allocates nothing when its tasks run on the calling thread.
     */
    public static void maxPool(PoolPlan plan, float[] x, float[] y) {
        ConvGeometry g = plan.g;
        int planes = g.batch() * g.channels();
        long work = (long) planes * g.outPlane() * g.kernelSize();
        if (VectorSupport.enabled() && VectorMaxPoolRows.applies(g)) {
            if (IntraOp.runsInline(planes, work)) {
                for (int u = 0; u < planes; u++) VectorMaxPoolRows.plane(g, x, u * g.inPlane(), y, u * g.outPlane());
            } else {
                IntraOp.parallelFor(planes, work, u -> VectorMaxPoolRows.plane(g, x, u * g.inPlane(), y, u * g.outPlane()));
            }
            return;
        }
        if (plan.phases != null && VectorSupport.enabled()) {
            // The body captures nothing (the layout and y come as arguments): one lambda object for all calls.
            plan.phases.forEachPlane(x, Float.NEGATIVE_INFINITY, true, y,
                    (p, s, base, u, out, limit) -> VectorPool.maxPlane(p.g, p, p.taps, s, base, out, u * p.g.outPlane(), limit));
            return;
        }
        IntraOp.parallelFor(planes, work, u -> maxPlane(g, x, y, null, 0, u));
    }

    private static void maxPlane(ConvGeometry g, float[] x, float[] y, long[] idx, int order, int u) {
        int outW = g.outW(), sW = g.sW();
        int xBase = u * g.inPlane(), yBase = u * g.outPlane();
        java.util.Arrays.fill(y, yBase, yBase + g.outPlane(), Float.NEGATIVE_INFINITY);
        if (idx != null) java.util.Arrays.fill(idx, yBase, yBase + g.outPlane(), -1L);
        for (int od = 0; od < g.outD(); od++) {
            for (int oh = 0; oh < g.outH(); oh++) {
                int yr = yBase + (od * g.outH() + oh) * outW;
                for (int kd = 0; kd < g.kD(); kd++) {
                    int id = od * g.sD() - g.pD() + kd * g.dD();
                    if (id < 0 || id >= g.inD()) continue;
                    for (int kh = 0; kh < g.kH(); kh++) {
                        int ih = oh * g.sH() - g.pH() + kh * g.dH();
                        if (ih < 0 || ih >= g.inH()) continue;
                        int rowStart = (id * g.inH() + ih) * g.inW();
                        for (int kw = 0; kw < g.kW(); kw++) {
                            int shift = kw * g.dW() - g.pW();
                            int lo = Im2colSource.firstValid(shift, sW, outW), hi = Im2colSource.endValid(shift, sW, g.inW(), outW);
                            int xr = xBase + rowStart + shift;
                            if (idx == null) {
                                for (int ow = lo; ow < hi; ow++) {
                                    float v = x[xr + ow * sW];
                                    if (v > y[yr + ow]) y[yr + ow] = v;
                                }
                            } else {
                                for (int ow = lo; ow < hi; ow++) {
                                    float v = x[xr + ow * sW];
                                    if (v > y[yr + ow] || idx[yr + ow] < 0 && !Float.isNaN(v)) {
                                        y[yr + ow] = v;
                                        int iw = ow * sW + shift;
                                        long local = order == 0 ? rowStart + iw
                                                : id + (long) ih * g.inD() + (long) iw * g.inD() * g.inH();
                                        idx[yr + ow] = (long) xBase + local;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Average pooling. The divisor counts the window's taps inside the input, or with
     * {@code countIncludePad} also those in the padding (but not beyond the trailing pads
     * {@code padEnd*}, which ceil mode can overshoot).
     */
    public static void averagePool(ConvGeometry g, float[] x, float[] y, boolean countIncludePad,
                                   int padEndD, int padEndH, int padEndW) {
        averagePool(averagePlan(g, countIncludePad, padEndD, padEndH, padEndW), x, y);
    }

    /**
     * The plan of an average pooling of this geometry, for {@link #averagePool(PoolPlan, float[], float[])};
     * the divisor rules are {@link #averagePool(ConvGeometry, float[], float[], boolean, int, int, int)}'s.
     */
    public static PoolPlan averagePlan(ConvGeometry g, boolean countIncludePad, int padEndD, int padEndH, int padEndW) {
        return new PoolPlan(g, true, countIncludePad, padEndD, padEndH, padEndW);
    }

    /**
     * Average pooling with what the plan derived from its geometry. Allocates nothing when its tasks
     * run on the calling thread.
     *
     * @throws IllegalArgumentException if the plan is not from {@link #averagePlan}
     */
    public static void averagePool(PoolPlan plan, float[] x, float[] y) {
        if (!plan.average) throw new IllegalArgumentException("average pooling needs a plan from Pool.averagePlan, got a max pooling's");
        ConvGeometry g = plan.g;
        int planes = g.batch() * g.channels();
        if (plan.phases != null && VectorSupport.enabled()) {
            plan.phases.forEachPlane(x, 0f, true, y, plan.averageBody);
            return;
        }
        IntraOp.parallelFor(planes, (long) planes * g.outPlane() * g.kernelSize(),
                u -> averagePlane(g, x, y, plan.includePad, plan.padEndD, plan.padEndH, plan.padEndW, u));
    }

    /** The divisor of each output of a 2-d plane for the vector average path, then {@code lanes} 1s of slack. */
    static float[] divisors(ConvGeometry g, boolean countIncludePad, int padEndH, int padEndW) {
        float[] count = new float[g.outPlane() + VectorPool.lanes()];
        java.util.Arrays.fill(count, 1f);
        for (int oh = 0; oh < g.outH(); oh++) {
            int cH = taps(oh, g.sH(), g.pH(), g.kH(), g.dH(), g.inH(), countIncludePad ? padEndH : 0, countIncludePad);
            for (int ow = 0; ow < g.outW(); ow++) {
                count[oh * g.outW() + ow] = (float) cH * taps(ow, g.sW(), g.pW(), g.kW(), g.dW(), g.inW(), countIncludePad ? padEndW : 0, countIncludePad);
            }
        }
        return count;
    }

    private static void averagePlane(ConvGeometry g, float[] x, float[] y, boolean include,
                                     int peD, int peH, int peW, int u) {
        int outW = g.outW(), sW = g.sW();
        int xBase = u * g.inPlane(), yBase = u * g.outPlane();
        java.util.Arrays.fill(y, yBase, yBase + g.outPlane(), 0f);
        for (int od = 0; od < g.outD(); od++) {
            int cD = taps(od, g.sD(), g.pD(), g.kD(), g.dD(), g.inD(), include ? peD : 0, include);
            for (int oh = 0; oh < g.outH(); oh++) {
                int cH = taps(oh, g.sH(), g.pH(), g.kH(), g.dH(), g.inH(), include ? peH : 0, include);
                int yr = yBase + (od * g.outH() + oh) * outW;
                for (int kd = 0; kd < g.kD(); kd++) {
                    int id = od * g.sD() - g.pD() + kd * g.dD();
                    if (id < 0 || id >= g.inD()) continue;
                    for (int kh = 0; kh < g.kH(); kh++) {
                        int ih = oh * g.sH() - g.pH() + kh * g.dH();
                        if (ih < 0 || ih >= g.inH()) continue;
                        for (int kw = 0; kw < g.kW(); kw++) {
                            int shift = kw * g.dW() - g.pW();
                            int lo = Im2colSource.firstValid(shift, sW, outW), hi = Im2colSource.endValid(shift, sW, g.inW(), outW);
                            int xr = xBase + (id * g.inH() + ih) * g.inW() + shift;
                            for (int ow = lo; ow < hi; ow++) y[yr + ow] += x[xr + ow * sW];
                        }
                    }
                }
                for (int ow = 0; ow < outW; ow++) {
                    int cW = taps(ow, sW, g.pW(), g.kW(), g.dW(), g.inW(), include ? peW : 0, include);
                    int count = cD * cH * cW;
                    y[yr + ow] = count == 0 ? Float.NaN : y[yr + ow] / count;
                }
            }
        }
    }

    /** Taps of a window along one axis that land in [0, in), or in [-padBegin, in + padEnd) when including pads. */
    private static int taps(int o, int s, int padBegin, int k, int d, int in, int padEnd, boolean include) {
        int lo = include ? -padBegin : 0, hi = include ? in + padEnd : in;
        int n = 0;
        for (int t = 0; t < k; t++) {
            int i = o * s - padBegin + t * d;
            if (i >= lo && i < hi) n++;
        }
        return n;
    }

    /** {@code y[u] = mean of plane u} for {@code planes} consecutive planes of {@code size} elements. */
    public static void globalAverage(float[] x, int planes, int size, float[] y) {
        if (VectorSupport.enabled()) {
            IntraOp.parallelFor(planes, (long) planes * size,
                    u -> y[u] = size == 0 ? Float.NaN : (float) (VectorPool.sum(x, u * size, size) / size));
            return;
        }
        IntraOp.parallelFor(planes, (long) planes * size, u -> {
            // Four partial sums: one chain of dependent double adds would wait on the adder's latency.
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int i = u * size, e = i + size;
            for (; i <= e - 4; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
            for (; i < e; i++) s0 += x[i];
            y[u] = size == 0 ? Float.NaN : (float) ((s0 + s1 + (s2 + s3)) / size);
        });
    }

    /** {@code y[u] = max of plane u}; an empty plane gives -infinity. */
    public static void globalMax(float[] x, int planes, int size, float[] y) {
        IntraOp.parallelFor(planes, (long) planes * size, u -> {
            float m = Float.NEGATIVE_INFINITY;
            for (int i = u * size, e = i + size; i < e; i++) m = Math.max(m, x[i]);
            y[u] = m;
        });
    }
}
