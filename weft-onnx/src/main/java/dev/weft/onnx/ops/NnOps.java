package dev.weft.onnx.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.kernel.Clamp;
import dev.weft.tensor.kernel.ConvWeights;
import dev.weft.tensor.kernel.Gemm;
import dev.weft.tensor.nn.ConvParams;
import dev.weft.tensor.nn.Convolution;
import dev.weft.tensor.ops.Activations;
import dev.weft.tensor.ops.Binary;
import dev.weft.tensor.ops.MatMul;
import dev.weft.tensor.ops.Unary;
import java.util.Arrays;
import java.util.List;

/** Dense layers: Conv (im2col + GEMM), ConvTranspose, Gemm, MatMul. Non-float32 inputs compute in float32. */
final class NnOps {
    private NnOps() {}

    static void register(OpRegistry r) {
        r.add("Conv", 1, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1);
            return c.op(new ConvKernel(a, group, null, null));
        });
        r.add("ConvTranspose", 1, c -> {
            Spatial.Attrs a = Spatial.attrs(c);
            int group = c.attrIntExact("group", 1);
            int[] outPad = c.attrIntArray("output_padding", null);
            int[] outShape = c.attrIntArray("output_shape", null);
            return c.op(Kernel.single(in -> ConvTranspose.apply(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null,
                    a, group, outPad, outShape)));
        });
        r.add("Gemm", 1, c -> {
            float alpha = c.attrFloat("alpha", 1f), beta = c.attrFloat("beta", 1f);
            boolean ta = c.attrInt("transA", 0) != 0, tb = c.attrInt("transB", 0) != 0;
            return c.op(Kernel.single(in -> gemm(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, alpha, beta, ta, tb)));
        });
        r.add("MatMul", 1, c -> c.op(Kernel.single(in -> {
            Tensor a = in.get(0), b = in.get(1);
            if (a.dtype() == DType.FLOAT16 || a.dtype() == DType.BFLOAT16) {
                return MatMul.matmul(a.castTo(DType.FLOAT32), b.castTo(DType.FLOAT32)).castTo(a.dtype());
            }
            return MatMul.matmul(a, b);
        })));
    }

    /**
     * ONNX Conv. {@code prepared} holds the weights when the optimizer found them constant, and
     * {@code clamp} a fused Relu or Clip; either may be null. {@code plans} keeps the float32 plan of
     * the last input and weight shapes (see {@link ShapeMemo}), so that a steady state resolves no
     * attributes and allocates nothing but its output; a new kernel starts with an empty one.
     */
    record ConvKernel(Spatial.Attrs attrs, int group, ConvWeights prepared, Clamp clamp, ShapeMemo<Convolution.Plan> plans)
            implements SingleKernel, ConstantInput, ClampFusable, ChannelSliceKernel {
        ConvKernel(Spatial.Attrs attrs, int group, ConvWeights prepared, Clamp clamp) {
            this(attrs, group, prepared, clamp, new ShapeMemo<>());
        }

        @Override
        public Tensor compute(List<Tensor> in) {
            Tensor x = in.get(0), w = in.get(1), b = in.size() > 2 ? in.get(2) : null;
            if (fast(x, w, b)) return Convolution.conv(plan(x, w, b), x, w, prepared, b, clamp);
            return conv(x, w, b, attrs, group, prepared, clamp);
        }

        @Override
        public Shape sliceShape(List<Tensor> in) {
            Tensor x = in.get(0), w = in.get(1), b = in.size() > 2 ? in.get(2) : null;
            return fast(x, w, b) ? plan(x, w, b).output() : null;
        }

        @Override
        public void applyInto(List<Tensor> in, Tensor out, int channelOffset) {
            Tensor x = in.get(0), w = in.get(1), b = in.size() > 2 ? in.get(2) : null;
            Convolution.convInto(plan(x, w, b), x, w, prepared, b, clamp, out, channelOffset);
        }

        /**
         * The plan for these operands: the memo's when it was made for their shapes and dtype, else a
         * new one (which checks them, failing as an unplanned Conv would) that replaces it.
         */
        Convolution.Plan plan(Tensor x, Tensor w, Tensor b) {
            Convolution.Plan p = plans.get(x.shape(), w.shape());
            if (p != null && p.dtype() == x.dtype()) return p;
            return plans.put(x.shape(), w.shape(), Convolution.plan(x, w, b, params(x, w, attrs, group)));
        }

        @Override
        public Kernel withConstant(int index, Tensor value) {
            if (index != 1 || value.dtype() != DType.FLOAT32) return this;
            return new ConvKernel(attrs, group, Convolution.prepare(value), clamp);
        }

        @Override
        public Kernel withClamp(Clamp c) {
            return clamp == null ? new ConvKernel(attrs, group, prepared, c) : null;
        }
    }

    static Tensor conv(Tensor x0, Tensor w0, Tensor b0, Spatial.Attrs attrs, int group) {
        return conv(x0, w0, b0, attrs, group, null, null);
    }

    private static Tensor conv(Tensor x0, Tensor w0, Tensor b0, Spatial.Attrs attrs, int group, ConvWeights prepared,
                               Clamp clamp) {
        if (fast(x0, w0, b0)) return Convolution.conv(x0, w0, prepared, b0, params(x0, w0, attrs, group), clamp);
        Tensor y = convReference(x0, w0, b0, attrs, group);
        return clamp == null ? y : Activations.clip(y, clamp.lo(), clamp.hi());
    }

    /** True when the fast float32 kernels of weft-tensor take these operands. */
    private static boolean fast(Tensor x, Tensor w, Tensor b) {
        return x.dtype() == DType.FLOAT32 && w.dtype() == DType.FLOAT32 && (b == null || b.dtype() == DType.FLOAT32)
                && x.rank() >= 3 && x.rank() <= 5 && w.rank() == x.rank();
    }

    /** The attributes resolved for these operands, auto_pad turned into explicit pads. */
    private static ConvParams params(Tensor x, Tensor w, Spatial.Attrs attrs, int group) {
        int[] xd = x.shape().dims(), wd = w.shape().dims();
        Spatial s = attrs.resolve(Arrays.copyOfRange(xd, 2, xd.length), Arrays.copyOfRange(wd, 2, wd.length));
        int n = s.kernel().length;
        int[] pads = new int[2 * n];
        System.arraycopy(s.padBegin(), 0, pads, 0, n);
        System.arraycopy(s.padEnd(), 0, pads, n, n);
        return new ConvParams(s.kernel(), s.strides(), pads, s.dilations(), group);
    }

    /** im2col + GEMM for the dtypes the fast kernels do not take. */
    static Tensor convReference(Tensor x0, Tensor w0, Tensor b0, Spatial.Attrs attrs, int group) {
        DType dt = x0.dtype();
        Tensor x = x0.castTo(DType.FLOAT32).contiguous(), w = w0.castTo(DType.FLOAT32).contiguous();
        int[] xd = x.shape().dims(), wd = w.shape().dims();
        if (xd.length < 3 || wd.length != xd.length) {
            throw new IllegalArgumentException("Conv: input " + x.shape() + " and weights " + w.shape() + " do not match");
        }
        int batch = xd[0], cin = xd[1], m = wd[0], cg = wd[1];
        if (cg * group != cin || m % group != 0) {
            throw new IllegalArgumentException("Conv: input has " + cin + " channels but weights " + w.shape()
                    + " with group " + group + " expect " + cg * group);
        }
        int[] in = Arrays.copyOfRange(xd, 2, xd.length);
        Spatial s = attrs.resolve(in, Arrays.copyOfRange(wd, 2, wd.length));
        int inSize = Shape.of(in).size(), ks = s.kernelSize(), os = s.outSize();
        int ck = cg * ks, mg = m / group;
        int[][] table = s.windowTable(in);
        int[] od = new int[xd.length];
        od[0] = batch;
        od[1] = m;
        System.arraycopy(s.out(), 0, od, 2, s.out().length);
        Tensor out = Tensor.zeros(DType.FLOAT32, Shape.of(od));
        float[] xf = x.floatData(), wf = w.floatData(), of = out.floatData();
        float[] cols = new float[ck * os];
        boolean pointwise = ks == 1 && table[0].length == inSize && isIdentity(table[0]);
        for (int n = 0; n < batch; n++) {
            for (int g = 0; g < group; g++) {
                int xBase = (n * cin + g * cg) * inSize;
                float[] src;
                int srcOff;
                if (pointwise) {
                    src = xf;
                    srcOff = xBase;
                } else {
                    for (int ci = 0; ci < cg; ci++) {
                        int chBase = xBase + ci * inSize;
                        for (int k = 0; k < ks; k++) {
                            int[] row = table[k];
                            int colBase = (ci * ks + k) * os;
                            for (int p = 0; p < os; p++) {
                                int off = row[p];
                                cols[colBase + p] = off < 0 ? 0f : xf[chBase + off];
                            }
                        }
                    }
                    src = cols;
                    srcOff = 0;
                }
                Gemm.sgemm(false, false, mg, os, ck, 1f, wf, g * mg * ck, ck, src, srcOff, os, 0f,
                        of, (n * m + g * mg) * os, os);
            }
        }
        if (b0 != null) {
            Tensor b = b0.castTo(DType.FLOAT32).contiguous();
            float[] bf = b.floatData();
            for (int n = 0; n < batch; n++) {
                for (int mm = 0; mm < m; mm++) {
                    float bv = bf[b.offset() + mm];
                    int base = (n * m + mm) * os;
                    for (int p = 0; p < os; p++) of[base + p] += bv;
                }
            }
        }
        return out.castTo(dt);
    }

    private static boolean isIdentity(int[] row) {
        for (int i = 0; i < row.length; i++) if (row[i] != i) return false;
        return true;
    }

    static Tensor gemm(Tensor a0, Tensor b0, Tensor c0, float alpha, float beta, boolean ta, boolean tb) {
        DType dt = a0.dtype();
        if (dt != DType.FLOAT32) {
            // Compute other dtypes in double through the generic path.
            Tensor a = ta ? a0.transpose() : a0, b = tb ? b0.transpose() : b0;
            Tensor prod = MatMul.matmul(a.castTo(DType.FLOAT64), b.castTo(DType.FLOAT64));
            Tensor y = Unary.map(prod, v -> v * alpha);
            if (c0 != null) y = Binary.add(y, Unary.map(c0.castTo(DType.FLOAT64), q -> beta * q));
            return y.castTo(dt);
        }
        Tensor a = a0.contiguous(), b = b0.contiguous();
        int m = ta ? a.shape().dim(1) : a.shape().dim(0), k = ta ? a.shape().dim(0) : a.shape().dim(1);
        int n = tb ? b.shape().dim(0) : b.shape().dim(1);
        int kb = tb ? b.shape().dim(1) : b.shape().dim(0);
        if (k != kb) throw new IllegalArgumentException("Gemm: A " + a.shape() + " and B " + b.shape() + " do not multiply");
        Tensor y;
        float bt = 0f;
        if (c0 != null && beta != 0) {
            y = c0.castTo(DType.FLOAT32).expand(Shape.of(m, n)).copy();
            bt = beta;
        } else {
            y = Tensor.zeros(DType.FLOAT32, Shape.of(m, n));
        }
        Gemm.sgemm(ta, tb, m, n, k, alpha, a.floatData(), a.offset(), a.shape().dim(1), b.floatData(), b.offset(),
                b.shape().dim(1), bt, y.floatData(), 0, n);
        return y;
    }
}
