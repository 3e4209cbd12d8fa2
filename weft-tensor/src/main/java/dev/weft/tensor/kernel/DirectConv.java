package dev.weft.tensor.kernel;

import dev.weft.tensor.parallel.IntraOp;

/**
 * 1-d/2-d convolution as an unpacked GEMM over a phase-split padded image.
 *
 * <p>With stride s, tap (kh, kw) at output (oh, ow) reads padded input row {@code oh*sH + kh*dH}, column
 * {@code ow*sW + kw*dW}. Splitting the padded image into sH×sW phase planes,
 * {@code P[a][b][i][k] = xpad[i*sH + a][k*sW + b]}, that value is
 * {@code P[kh*dH % sH][kw*dW % sW][oh + kh*dH / sH][ow + kw*dW / sW]}: for every tap, the outputs of a row
 * read consecutive floats of one plane. Laying the output grid out with the plane width Wq
 * ({@code j = oh*Wq + ow}) makes every im2col row a shifted view of the phase buffer, so no im2col matrix
 * is ever built. Columns with {@code ow ≥ outW} are computed and dropped (a few percent of extra
 * work): as each GEMM tile is stored when K fits one block ({@link RowEpilogue}), else by a
 * compaction pass. The GEMM copies B panels from these rows ({@link RowsSource}) rather than
 * packing an im2col matrix.
 */
final class DirectConv {
    private DirectConv() {}

    static boolean applies(ConvGeometry g) {
        return g.inD() == 1 && g.kD() == 1 && g.outD() == 1 && g.pD() == 0;
    }

    /**
     * One image and group {@code grp} of the plan's convolution; y rows are set to clamp(bias (or 0)
     * plus the convolution). The plan supplies the GEMM's epilogue.
     */
    static void unit(ConvPlan plan, int grp, float[] x, int xBase, int cg, float[] w, int wBase, PackedA packed, int mg,
                     float[] bias, int biasOff, Clamp clamp, float[] y, int yBase) {
        ConvGeometry g = plan.g;
        unit(g, plan, grp, x, xBase, g.inPlane(), cg, w, wBase, packed, mg, bias, biasOff, clamp, y, yBase, g.outPlane());
    }

    /**
     * Output rows [oh0, oh1) of one image and group, as a convolution of its own: the input rows it
     * reads (with the padding above them) and the same channel strides. Slabs of one convolution
     * write disjoint rows, so they run in parallel, each doing its own phase fill, GEMM and bias
     * with no region in between.
     */
    static void slab(ConvPlan plan, int grp, int oh0, int oh1, float[] x, int xBase, int cg, float[] w, int wBase,
                     PackedA packed, int mg, float[] bias, int biasOff, Clamp clamp, float[] y, int yBase) {
        ConvGeometry g = plan.g;
        int first = oh0 * g.sH() - g.pH();
        int last = (oh1 - 1) * g.sH() - g.pH() + (g.kH() - 1) * g.dH();
        int inStart = Math.max(0, first), inEnd = Math.min(g.inH(), last + 1);
        ConvGeometry sub = new ConvGeometry(g.batch(), g.channels(), g.outChannels(), g.group(),
                1, Math.max(0, inEnd - inStart), g.inW(), 1, g.kH(), g.kW(), 1, g.sH(), g.sW(),
                0, Math.max(0, -first), g.pW(), 1, g.dH(), g.dW(), 1, oh1 - oh0, g.outW());
        unit(sub, plan, grp, x, xBase + inStart * g.inW(), g.inPlane(), cg, w, wBase, packed, mg, bias, biasOff, clamp,
                y, yBase + oh0 * g.outW(), g.outPlane());
    }

    /**
     * {@link #unit} with the channel strides of x and y given ({@code g} may describe a slab of the
     * plan's convolution: slabs have the plan's row pitch and width, so they share its epilogue).
     */
    private static void unit(ConvGeometry g, ConvPlan plan, int grp, float[] x, int xBase, int xStride, int cg, float[] w, int wBase,
                             PackedA packed, int mg, float[] bias, int biasOff, Clamp clamp, float[] y, int yBase, int yStride) {
        int sH = g.sH(), sW = g.sW(), kH = g.kH(), kW = g.kW(), dH = g.dH(), dW = g.dW();
        int outH = g.outH(), outW = g.outW();
        int hNeed = (outH - 1) * sH + (kH - 1) * dH + 1, wNeed = (outW - 1) * sW + (kW - 1) * dW + 1;
        int share = sharedPadding(g);
        int hq = (hNeed + sH - 1) / sH, wq = (wNeed + sW - 1) / sW - share;
        int planeQ = hq * wq;
        int phases = sH * sW;
        // With shared padding, row 0 of the first plane reads up to pW zeros before it.
        int lead = share > 0 ? g.pW() : 0;
        int nr = 64; // slack for the widest register tile's over-read past the last row
        int bufLen = Math.addExact(Math.addExact(Math.multiplyExact(Math.multiplyExact(cg, phases), planeQ), wq + nr), lead);
        int k = cg * kH * kW, n = outH * wq;
        float[] buf = FloatScratch.take(bufLen);
        int[] rows = ScratchPool.INTS.take(k);
        // Prepacked weights run on the kernel Conv packed them for (the same rule, the same m and k).
        MicroKernel packedKern = packed != null ? MicroKernel.forPackedA(mg, k) : null;
        MicroKernel kern = packedKern != null && packed.mr() == packedKern.mr ? packedKern : MicroKernel.current();
        // The blocked driver can drop the padding columns as it stores each tile when K fits one
        // block (prepacked weights: up to GemmDriver.PACKED_A_MAX_K); otherwise the GEMM writes the
        // padded rows to a scratch matrix, compacted after.
        boolean prepacked = packed != null && packed.mr() == kern.mr;
        boolean driver = prepacked || n > 256;
        boolean compactInGemm = wq != outW && driver && k <= GemmDriver.kBlock(prepacked ? packed : null);
        float[] out = wq == outW || compactInGemm ? null : FloatScratch.take(Math.multiplyExact(mg, n));
        try {
            java.util.Arrays.fill(buf, 0, lead, 0f);
            fillPhases(g, x, xBase, xStride, cg, buf, lead, hq, wq);
            java.util.Arrays.fill(buf, lead + cg * phases * planeQ, bufLen, 0f);
            for (int c = 0, p = 0; c < cg; c++) {
                for (int kh = 0; kh < kH; kh++) {
                    for (int kw = 0; kw < kW; kw++, p++) {
                        int rh = kh * dH, rw = kw * dW;
                        int phase = (rh % sH) * sW + rw % sW;
                        // With shared padding a row's data starts at its first slot and the buffer pW
                        // floats in (lead), so tap column rw, data column ow + rw - pW, is still rw
                        // past the output's offset from the plane's start.
                        rows[p] = (c * phases + phase) * planeQ + (rh / sH) * wq + rw / sW;
                    }
                }
            }
            if (compactInGemm) {
                multiply(kern, mg, n, k, w, wBase, packed, buf, rows, y, yBase, yStride,
                        plan.epilogue(grp, bias, biasOff, clamp, wq, outW));
            } else if (out == null) {
                multiply(kern, mg, n, k, w, wBase, packed, buf, rows, y, yBase, yStride, plan.epilogue(grp, bias, biasOff, clamp, 0, 0));
            } else {
                multiply(kern, mg, n, k, w, wBase, packed, buf, rows, out, 0, n, null);
                // Drop the columns past outW, adding bias and clamping on the way.
                Clamp cl = clamp == null ? Clamp.NONE : clamp;
                long passWork = 10L * mg * outH * outW; // one pass over the output, in IntraOp's multiply-add units
                IntraOp.parallelFor(mg, passWork, m -> {
                    float bv = bias == null ? 0f : bias[biasOff + m];
                    for (int oh = 0; oh < outH; oh++) {
                        kern.addClamp(out, m * n + oh * wq, y, yBase + m * yStride + oh * outW, outW, bv, cl);
                    }
                });
            }
        } finally {
            if (out != null) FloatScratch.give(out);
            FloatScratch.give(buf);
            ScratchPool.INTS.give(rows);
        }
    }

    /**
     * out = weights · rows. With many output columns the weights are worth packing (the blocked
     * driver, B panels copied from the rows); with few (deep layers, N ≤ 256) packing the weights
     * costs as much as using them, so they are read in place ({@link DirectGemm}). Measured in one JVM
     * (thread CPU time, loaded machine): 64×3136×576 38 vs 31 GFLOP/s, 512×63×4608 40 vs 46.
     * Weights prepacked once ({@code packed}, from {@link ConvWeights}) take the blocked driver at
     * every size: no packing of A is left to pay for.
     */
    private static void multiply(MicroKernel kern, int m, int n, int k, float[] w, int wBase, PackedA packed, float[] buf,
                                 int[] rows, float[] c, int cOff, int ldc, RowEpilogue ep) {
        if (packed != null && packed.mr() == kern.mr) {
            GemmDriver.run(kern, false, m, n, k, 1f, null, 0, 0, packed, new RowsSource(kern, buf, rows), null, 0f, c, cOff, ldc, ep);
        } else if (n > 256) {
            GemmDriver.run(kern, false, m, n, k, 1f, w, wBase, k, null, new RowsSource(kern, buf, rows), null, 0f, c, cOff, ldc, ep);
        } else {
            DirectGemm.run(kern, m, n, k, w, wBase, k, buf, rows, c, cOff, ldc, ep);
        }
    }

    /**
     * Padding columns a phase row shares with the next one. With horizontal stride 1 a row needs
     * zeros on its left only where the row before it has them on its right: stored as its data and
     * then max(pW, right padding) zeros, each row is min(pW, right padding) columns narrower, and so
     * is every row of the GEMM's output. For a 3×3 convolution with one column of padding each side,
     * a 13×13 plane is then 13 × 14 = 182 output columns instead of 195, which is 6 panels of 32
     * columns instead of 7. (Other strides keep the separate padding of the phase layout.)
     */
    private static int sharedPadding(ConvGeometry g) {
        if (g.sW() != 1) return 0;
        int span = (g.kW() - 1) * g.dW(); // a row's columns past outW: the most it can give up
        int right = g.outW() + span - g.pW() - g.inW();
        return Math.max(0, Math.min(Math.min(g.pW(), right), span));
    }

    /**
     * buf[lead + (c*phases + a*sW + b)*hq*wq + i*wq + k] = x[c][i*sH + a - pH][k*sW + b - padW], 0
     * outside; channels in parallel. padW is g's left padding, or 0 for shared padding (lead above 0,
     * see {@link #sharedPadding}), where each row holds its data first. Only phases some tap reads are
     * filled (a strided 1×1 conv reads one of sH·sW); the others are read only by the dropped columns
     * past outW. With shared padding every plane is filled: its last row's zeros are the next
     * plane's left padding.
     */
    private static void fillPhases(ConvGeometry g, float[] x, int xBase, int xStride, int cg, float[] buf, int lead, int hq,
                                   int wq) {
        int padW = lead > 0 ? 0 : g.pW();
        // With shared padding the first row of every plane reads the last row of the plane before it.
        long rowPhases = lead > 0 ? -1L : readPhases(g.kH(), g.dH(), g.sH()), colPhases = readPhases(g.kW(), g.dW(), g.sW());
        Lanes lanes = Lanes.current();
        // A copied element costs about as much as ten multiply-adds: that is the unit of IntraOp's estimate.
        long work = 10L * cg * g.sH() * g.sW() * hq * wq;
        if (IntraOp.runsInline(cg, work)) { // loop here: a task lambda would be one allocation per call
            for (int c = 0; c < cg; c++) fillChannel(g, padW, lanes, x, xBase + c * xStride, c, buf, lead, hq, wq, rowPhases, colPhases);
        } else {
            IntraOp.parallelFor(cg, work, c -> fillChannel(g, padW, lanes, x, xBase + c * xStride, c, buf, lead, hq, wq, rowPhases,
                    colPhases));
        }
    }

    /** Bit p set when some tap reads phase p (all set for strides above 63). */
    private static long readPhases(int taps, int dilation, int stride) {
        if (stride > 63) return -1L;
        long mask = 0;
        for (int t = 0; t < taps; t++) mask |= 1L << (t * dilation % stride);
        return mask;
    }

    private static void fillChannel(ConvGeometry g, int pW, Lanes lanes, float[] x, int xc, int c, float[] buf, int lead, int hq,
                                    int wq, long rowPhases, long colPhases) {
        int sH = g.sH(), sW = g.sW(), pH = g.pH(), inH = g.inH(), inW = g.inW();
        int planeQ = hq * wq, phases = sH * sW;
        for (int a = 0; a < sH; a++) {
            if (a < 64 && (rowPhases & (1L << a)) == 0) continue;
            for (int b = 0; b < sW; b++) {
                if (b < 64 && (colPhases & (1L << b)) == 0) continue;
                int base = lead + (c * phases + a * sW + b) * planeQ;
                int shift = b - pW;
                int lo = Im2colSource.firstValid(shift, sW, wq), hi = Im2colSource.endValid(shift, sW, inW, wq);
                for (int i = 0; i < hq; i++) {
                    int d = base + i * wq;
                    int ih = i * sH + a - pH;
                    if (ih < 0 || ih >= inH || lo >= hi) {
                        java.util.Arrays.fill(buf, d, d + wq, 0f);
                        continue;
                    }
                    int src = xc + ih * inW + shift;
                    if (lo > 0) java.util.Arrays.fill(buf, d, d + lo, 0f);
                    if (sW == 1) {
                        System.arraycopy(x, src + lo, buf, d + lo, hi - lo);
                    } else {
                        lanes.gather(x, src + lo * sW, sW, buf, d + lo, hi - lo);
                    }
                    if (hi < wq) java.util.Arrays.fill(buf, d + hi, d + wq, 0f);
                }
            }
        }
    }
}
