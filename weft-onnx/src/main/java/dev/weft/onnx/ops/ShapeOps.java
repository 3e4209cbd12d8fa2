package dev.weft.onnx.ops;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import dev.weft.tensor.ops.Casts;
import java.util.List;

/**
 * Ops that rearrange or describe shapes: Shape, Size, Reshape, Flatten, (Un)Squeeze, Transpose,
 * Expand, Constant, Cast, ... The shape computations are {@link dev.weft.tensor.ops.ShapeOps}'s;
 * this class reads the attributes and inputs that moved between opsets.
 */
final class ShapeOps {
    private ShapeOps() {}

    static void register(OpRegistry r) {
        r.add("Identity", 1, c -> c.op(in -> List.of(in.get(0))));
        r.add("Shape", 1, c -> {
            long start = c.attrInt("start", 0);
            Long end = c.has("end") ? c.attrInt("end", 0) : null;
            return c.op(Kernel.single(in -> {
                int rank = in.get(0).rank();
                int s = (int) Math.max(0, Math.min(rank, start < 0 ? start + rank : start));
                int e = end == null ? rank : (int) Math.max(0, Math.min(rank, end < 0 ? end + rank : end));
                return dev.weft.tensor.ops.ShapeOps.shapeOf(in.get(0), s, Math.max(s, e));
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
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.ShapeOps.flatten(in.get(0), axis)));
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
            return c.op(Kernel.single(in -> perm == null ? dev.weft.tensor.ops.ShapeOps.transpose(in.get(0))
                    : dev.weft.tensor.ops.ShapeOps.transpose(in.get(0), perm)));
        });
        r.add("Expand", 8, c -> c.op(Kernel.single(in -> dev.weft.tensor.ops.ShapeOps.expand(in.get(0), Indexing.longs(in.get(1))))));
        r.add("Constant", 1, c -> {
            Tensor value = constantValue(c);
            return c.op(in -> List.of(value), DTypeRule.fixed(value.dtype()));
        });
        r.add("ConstantOfShape", 9, c -> {
            Tensor value = c.attrTensor("value");
            Tensor v = value == null ? Tensor.scalar(0f) : value;
            return c.op(Kernel.single(in -> dev.weft.tensor.ops.Generators.constantOfShape(in.get(0), v)), DTypeRule.fixed(v.dtype()));
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
        // Cast to the same dtype is an identity in ONNX; no copy is needed as kernels never write their inputs.
        return x.dtype() == to ? x : Casts.cast(x, to);
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
        return dev.weft.tensor.ops.ShapeOps.reshape(x, shape, allowZero);
    }

    static Tensor squeeze(Tensor x, long[] axes) {
        return dev.weft.tensor.ops.ShapeOps.squeeze(x, axes == null ? new int[0] : toInts(axes));
    }

    static Tensor unsqueeze(Tensor x, long[] axes) {
        return dev.weft.tensor.ops.ShapeOps.unsqueeze(x, toInts(axes));
    }

    private static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.toIntExact(v[i]);
        return out;
    }
}
