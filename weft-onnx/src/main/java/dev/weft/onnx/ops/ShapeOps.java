package dev.weft.onnx.ops;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ops that rearrange or describe shapes: Shape, Size, Reshape, Flatten, (Un)Squeeze, Transpose, Expand, Constant, Cast, ... */
final class ShapeOps {
    private ShapeOps() {}

    static void register(OpRegistry r) {
        r.add("Identity", 1, c -> c.op(in -> List.of(in.get(0))));
        r.add("Shape", 1, c -> {
            long start = c.attrInt("start", 0);
            Long end = c.has("end") ? c.attrInt("end", 0) : null;
            return c.op(Kernel.single(in -> {
                long[] d = in.get(0).shape().toLongArray();
                int rank = d.length;
                int s = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
                int e = end == null ? rank : (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
                return Indexing.int64(Arrays.copyOfRange(d, s, Math.max(s, e)));
            }), DTypeRule.fixed(DType.INT64));
        });
        r.add("Size", 1, c -> c.op(Kernel.single(in -> Tensor.scalar(DType.INT64, in.get(0).size())),
                DTypeRule.fixed(DType.INT64)));
        r.add("Reshape", 1, c -> {
            long[] shape = c.attrInts("shape");
            return c.op(Kernel.single(in -> reshape(in.get(0), shape, false)));
        });
        r.add("Reshape", 5, c -> {
            boolean allowZero = c.attrInt("allowzero", 0) != 0;
            return c.op(Kernel.single(in -> reshape(in.get(0), Indexing.longs(in.get(1)), allowZero)));
        });
        r.add("Flatten", 1, c -> {
            int axis = c.attrIntExact("axis", 1);
            return c.op(Kernel.single(in -> {
                Tensor x = in.get(0);
                int a = axis < 0 ? axis + x.rank() : axis;
                if (a < 0 || a > x.rank()) throw new IllegalArgumentException("Flatten axis " + axis + " out of range for " + x.shape());
                int outer = 1;
                for (int i = 0; i < a; i++) outer *= x.shape().dim(i);
                int inner = 1;
                for (int i = a; i < x.rank(); i++) inner *= x.shape().dim(i);
                return x.reshape(outer, inner);
            }));
        });
        r.add("Squeeze", 1, c -> {
            long[] axes = c.attrInts("axes");
            return c.op(Kernel.single(in -> squeeze(in.get(0), axes)));
        });
        r.add("Squeeze", 13, c -> c.op(Kernel.single(in -> squeeze(in.get(0), in.size() > 1 ? Indexing.longs(in.get(1)) : null))));
        r.add("Unsqueeze", 1, c -> {
            long[] axes = c.attrInts("axes");
            return c.op(Kernel.single(in -> unsqueeze(in.get(0), axes)));
        });
        r.add("Unsqueeze", 13, c -> c.op(Kernel.single(in -> unsqueeze(in.get(0), Indexing.longs(in.get(1))))));
        r.add("Transpose", 1, c -> {
            int[] perm = c.attrIntArray("perm", null);
            return c.op(Kernel.single(in -> perm == null ? in.get(0).transpose() : in.get(0).transpose(perm)));
        });
        r.add("Expand", 8, c -> c.op(Kernel.single(in -> {
            Tensor x = in.get(0);
            long[] want = Indexing.longs(in.get(1));
            int[] w = new int[want.length];
            for (int i = 0; i < w.length; i++) w[i] = (int) want[i];
            Shape target = Shape.broadcast(x.shape(), Shape.of(w));
            return x.expand(target);
        })));
        r.add("Constant", 1, c -> {
            Tensor value = constantValue(c);
            return c.op(in -> List.of(value), DTypeRule.fixed(value.dtype()));
        });
        r.add("ConstantOfShape", 9, c -> {
            Tensor value = c.attrTensor("value");
            Tensor v = value == null ? Tensor.scalar(0f) : value;
            return c.op(Kernel.single(in -> {
                long[] d = Indexing.longs(in.get(0));
                Tensor out = Tensor.zeros(v.dtype(), Shape.of(d));
                if (v.dtype().isFloating()) { double x = v.getDouble(0); for (int i = 0; i < out.size(); i++) out.setDouble(i, x); }
                else { long x = v.getLong(0); for (int i = 0; i < out.size(); i++) out.setLong(i, x); }
                return out;
            }), DTypeRule.fixed(v.dtype()));
        });
        r.add("Cast", 1, c -> {
            DType to = castTarget(c);
            return c.op(Kernel.single(in -> cast(in.get(0), to)), DTypeRule.fixed(to));
        });
        r.add("CastLike", 15, c -> c.op(Kernel.single(in -> cast(in.get(0), in.get(1).dtype())), DTypeRule.ofInput(1)));
        r.add("Dropout", 1, c -> {
            boolean mask = c.outputCount() > 1;
            return c.op(in -> {
                Tensor x = in.get(0);
                if (in.size() > 2 && in.get(2) != null && in.get(2).getLong(0) != 0
                        && in.get(1) != null && in.get(1).getDouble(0) != 0) {
                    throw new dev.weft.onnx.UnsupportedOnnxException("unsupported: Dropout in training mode (random)");
                }
                if (!mask) return List.of(x);
                return List.of(x, Tensor.full(DType.BOOL, x.shape(), 1));
            }, (o, ins) -> o == 0 ? ins.get(0) : DType.BOOL);
        });
    }

    private static DType castTarget(OpContext c) {
        if (c.opset() < 6 && c.node().attribute("to") != null && c.node().attribute("to").type() == 3) {
            String s = c.attrString("to", "FLOAT");
            return switch (s.toUpperCase(java.util.Locale.ROOT)) {
                case "FLOAT" -> DType.FLOAT32; case "DOUBLE" -> DType.FLOAT64; case "FLOAT16" -> DType.FLOAT16;
                case "INT64" -> DType.INT64; case "INT32" -> DType.INT32; case "INT16" -> DType.INT16; case "INT8" -> DType.INT8;
                case "UINT64" -> DType.UINT64; case "UINT32" -> DType.UINT32; case "UINT16" -> DType.UINT16;
                case "UINT8" -> DType.UINT8; case "BOOL" -> DType.BOOL;
                default -> throw c.unsupported("cast to " + s);
            };
        }
        return OnnxTypes.dtype((int) c.attrInt("to", 1));
    }

    static Tensor cast(Tensor x, DType to) {
        if (x.dtype() == to) return x;
        Tensor out = Tensor.zeros(to, x.shape());
        int[] p = Indexing.positions(x);
        boolean exact = !x.dtype().isFloating() && !to.isFloating();
        if (x.dtype() == DType.FLOAT32 && to == DType.FLOAT16) {
            float[] src = x.floatData();
            short[] dst = out.shortData();
            for (int i = 0; i < p.length; i++) dst[i] = Float.floatToFloat16(src[p[i]]);
            return out;
        }
        for (int i = 0; i < p.length; i++) {
            if (exact) {
                out.writeLong(i, x.readLong(p[i]));
            } else if (to.isFloating() || to == DType.BOOL) {
                out.writeDouble(i, x.readDouble(p[i]));
            } else {
                double v = x.readDouble(p[i]);
                if (to == DType.UINT64 && v >= 9.223372036854775807E18) out.writeLong(i, (long) (v - 9.223372036854775807E18) + Long.MIN_VALUE);
                else out.writeLong(i, Double.isNaN(v) ? 0 : (long) v);
            }
        }
        return out;
    }

    static Tensor constantValue(OpContext c) {
        if (c.has("value")) return c.attrTensor("value");
        if (c.has("value_float")) return Tensor.scalar(c.attrFloat("value_float", 0));
        if (c.has("value_floats")) {
            float[] f = c.attrFloats("value_floats");
            return Tensor.of(f.clone(), f.length);
        }
        if (c.has("value_int")) return Tensor.scalar(DType.INT64, c.attrInt("value_int", 0));
        if (c.has("value_ints")) return Indexing.int64(c.attrInts("value_ints"));
        if (c.has("value_string") || c.has("value_strings")) throw c.unsupported("string constants (unsupported dtype string)");
        throw c.unsupported("Constant without a supported value attribute");
    }

    static Tensor reshape(Tensor x, long[] shape, boolean allowZero) {
        int[] dims = new int[shape.length];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = shape[i];
            if (d == 0 && !allowZero) {
                if (i >= x.rank()) throw new IllegalArgumentException("Reshape: 0 at position " + i + " but input " + x.shape() + " has rank " + x.rank());
                d = x.shape().dim(i);
            }
            if (d == -1) {
                if (infer >= 0) throw new IllegalArgumentException("Reshape: more than one -1 in " + Arrays.toString(shape));
                infer = i;
                continue;
            }
            if (d < 0) throw new IllegalArgumentException("Reshape: bad dimension " + d + " in " + Arrays.toString(shape));
            dims[i] = (int) d;
            known *= d;
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + x.shape() + " to " + Arrays.toString(shape));
            }
            dims[infer] = (int) (x.size() / known);
        }
        return x.reshape(Shape.of(dims));
    }

    static Tensor squeeze(Tensor x, long[] axes) {
        int rank = x.rank();
        List<Integer> keep = new ArrayList<>();
        boolean[] drop = new boolean[rank];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < rank; i++) drop[i] = x.shape().dim(i) == 1;
        } else {
            for (long a : axes) {
                int ax = Indexing.axis(a, rank);
                if (x.shape().dim(ax) != 1) throw new IllegalArgumentException("cannot squeeze axis " + a + " of " + x.shape());
                drop[ax] = true;
            }
        }
        for (int i = 0; i < rank; i++) if (!drop[i]) keep.add(x.shape().dim(i));
        return x.reshape(Shape.of(keep.stream().mapToInt(Integer::intValue).toArray()));
    }

    static Tensor unsqueeze(Tensor x, long[] axes) {
        int outRank = x.rank() + axes.length;
        boolean[] isNew = new boolean[outRank];
        for (long a : axes) {
            int ax = Indexing.axis(a, outRank);
            if (isNew[ax]) throw new IllegalArgumentException("Unsqueeze: axis " + a + " repeated");
            isNew[ax] = true;
        }
        int[] dims = new int[outRank];
        for (int i = 0, j = 0; i < outRank; i++) dims[i] = isNew[i] ? 1 : x.shape().dim(j++);
        return x.reshape(Shape.of(dims));
    }
}
