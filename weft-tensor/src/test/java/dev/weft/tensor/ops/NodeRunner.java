package dev.weft.tensor.ops;

import dev.weft.tensor.DType;
import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Maps one ONNX node onto the ops of this package, for the conformance test. Returns null for an
 * op (or an attribute combination) it does not map. Test-only: it shows how the ops line up with
 * ONNX, the real mapping lives in weft-onnx.
 */
final class NodeRunner {
    private NodeRunner() {}

    private static final Map<String, UnaryOp> UNARY = Map.ofEntries(
            Map.entry("Abs", UnaryOp.ABS), Map.entry("Neg", UnaryOp.NEG), Map.entry("Exp", UnaryOp.EXP),
            Map.entry("Log", UnaryOp.LOG), Map.entry("Sqrt", UnaryOp.SQRT), Map.entry("Reciprocal", UnaryOp.RECIPROCAL),
            Map.entry("Sigmoid", UnaryOp.SIGMOID), Map.entry("Tanh", UnaryOp.TANH), Map.entry("Relu", UnaryOp.RELU),
            Map.entry("Softplus", UnaryOp.SOFTPLUS), Map.entry("Softsign", UnaryOp.SOFTSIGN), Map.entry("Mish", UnaryOp.MISH),
            Map.entry("HardSwish", UnaryOp.HARDSWISH), Map.entry("Sin", UnaryOp.SIN), Map.entry("Cos", UnaryOp.COS),
            Map.entry("Tan", UnaryOp.TAN), Map.entry("Asin", UnaryOp.ASIN), Map.entry("Acos", UnaryOp.ACOS),
            Map.entry("Atan", UnaryOp.ATAN), Map.entry("Sinh", UnaryOp.SINH), Map.entry("Cosh", UnaryOp.COSH),
            Map.entry("Asinh", UnaryOp.ASINH), Map.entry("Acosh", UnaryOp.ACOSH), Map.entry("Atanh", UnaryOp.ATANH),
            Map.entry("Erf", UnaryOp.ERF), Map.entry("Floor", UnaryOp.FLOOR), Map.entry("Ceil", UnaryOp.CEIL),
            Map.entry("Round", UnaryOp.ROUND), Map.entry("Sign", UnaryOp.SIGN), Map.entry("BitwiseNot", UnaryOp.BITWISE_NOT),
            Map.entry("Identity", UnaryOp.IDENTITY));

    private static final Map<String, BinaryOp> BINARY = Map.of(
            "Add", BinaryOp.ADD, "Sub", BinaryOp.SUB, "Mul", BinaryOp.MUL, "Div", BinaryOp.DIV,
            "PRelu", BinaryOp.PRELU, "BitwiseAnd", BinaryOp.BITWISE_AND, "BitwiseOr", BinaryOp.BITWISE_OR,
            "BitwiseXor", BinaryOp.BITWISE_XOR);

    private static final Map<String, CompareOp> COMPARE = Map.of(
            "Equal", CompareOp.EQUAL, "Less", CompareOp.LESS, "LessOrEqual", CompareOp.LESS_OR_EQUAL,
            "Greater", CompareOp.GREATER, "GreaterOrEqual", CompareOp.GREATER_OR_EQUAL);

    private static final Map<String, ReduceOp> REDUCE = Map.of(
            "ReduceSum", ReduceOp.SUM, "ReduceMean", ReduceOp.MEAN, "ReduceMax", ReduceOp.MAX, "ReduceMin", ReduceOp.MIN,
            "ReduceProd", ReduceOp.PROD, "ReduceL1", ReduceOp.L1, "ReduceL2", ReduceOp.L2, "ReduceLogSum", ReduceOp.LOG_SUM,
            "ReduceLogSumExp", ReduceOp.LOG_SUM_EXP, "ReduceSumSquare", ReduceOp.SUM_SQUARE);

    private static Tensor in(List<Tensor> in, int i) { return i < in.size() ? in.get(i) : null; }

    private static int[] ints(long[] v) {
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) r[i] = (int) v[i];
        return r;
    }

    static Tensor[] run(OnnxNode n, List<Tensor> in) {
        String op = n.opType();
        Tensor x = in(in, 0);
        if (UNARY.containsKey(op)) return new Tensor[] {Unary.apply(UNARY.get(op), x)};
        if (BINARY.containsKey(op)) return new Tensor[] {Binary.apply(BINARY.get(op), x, in.get(1))};
        if (COMPARE.containsKey(op)) return new Tensor[] {Compare.apply(COMPARE.get(op), x, in.get(1))};
        if (REDUCE.containsKey(op)) {
            long[] axes = n.ints("axes");
            if (axes == null && in(in, 1) != null) axes = in.get(1).toLongArray();
            boolean keep = n.i("keepdims", 1) != 0;
            boolean noop = n.i("noop_with_empty_axes", 0) != 0;
            return new Tensor[] {Reductions.reduce(REDUCE.get(op), x, axes == null ? new int[0] : ints(axes), keep, noop)};
        }
        return switch (op) {
            case "Pow" -> new Tensor[] {Binary.pow(x, in.get(1))};
            case "Mod" -> new Tensor[] {Binary.mod(x, in.get(1), n.i("fmod", 0) != 0)};
            case "Max" -> new Tensor[] {Binary.max(in.toArray(Tensor[]::new))};
            case "Min" -> new Tensor[] {Binary.min(in.toArray(Tensor[]::new))};
            case "Sum" -> new Tensor[] {Binary.sum(in.toArray(Tensor[]::new))};
            case "Mean" -> new Tensor[] {Binary.mean(in.toArray(Tensor[]::new))};
            case "BitShift" -> new Tensor[] {Binary.bitShift(x, in.get(1), n.s("direction", "").equals("LEFT"))};
            case "And" -> new Tensor[] {Logical.and(x, in.get(1))};
            case "Or" -> new Tensor[] {Logical.or(x, in.get(1))};
            case "Xor" -> new Tensor[] {Logical.xor(x, in.get(1))};
            case "Not" -> new Tensor[] {Logical.not(x)};
            case "Where" -> new Tensor[] {Logical.where(x, in.get(1), in.get(2))};
            case "IsNaN" -> new Tensor[] {Compare.isNaN(x)};
            case "IsInf" -> new Tensor[] {Compare.isInf(x, n.i("detect_positive", 1) != 0, n.i("detect_negative", 1) != 0)};
            case "Clip" -> n.opset() < 11
                    ? new Tensor[] {Activations.clip(x, n.f("min", Double.NEGATIVE_INFINITY), n.f("max", Double.POSITIVE_INFINITY))}
                    : new Tensor[] {Activations.clip(x, in(in, 1), in(in, 2))};
            case "LeakyRelu" -> new Tensor[] {Activations.leakyRelu(x, n.f("alpha", 0.01))};
            case "Elu" -> new Tensor[] {Activations.elu(x, n.f("alpha", 1.0))};
            case "Selu" -> new Tensor[] {Activations.selu(x, n.f("alpha", 1.67326319217681884765625), n.f("gamma", 1.05070102214813232421875))};
            case "Celu" -> new Tensor[] {Activations.celu(x, n.f("alpha", 1.0))};
            case "HardSigmoid" -> new Tensor[] {Activations.hardSigmoid(x, n.f("alpha", 0.2), n.f("beta", 0.5))};
            case "ThresholdedRelu" -> new Tensor[] {Activations.thresholdedRelu(x, n.f("alpha", 1.0))};
            case "Shrink" -> new Tensor[] {Activations.shrink(x, n.f("bias", 0), n.f("lambd", 0.5))};
            case "Gelu" -> new Tensor[] {Activations.gelu(x, n.s("approximate", "none"))};
            case "Softmax", "LogSoftmax" -> {
                boolean log = op.equals("LogSoftmax");
                int axis = (int) n.i("axis", n.opset() < 13 ? 1 : -1);
                yield new Tensor[] {n.opset() < 13
                        ? (log ? Softmax.logSoftmaxCoerced2d(x, axis) : Softmax.softmaxCoerced2d(x, axis))
                        : (log ? Softmax.logSoftmax(x, axis) : Softmax.softmax(x, axis))};
            }
            case "Hardmax" -> n.opset() < 13 ? null : new Tensor[] {Softmax.hardmax(x, (int) n.i("axis", -1))};
            case "ArgMax", "ArgMin" -> {
                int axis = (int) n.i("axis", 0);
                boolean keep = n.i("keepdims", 1) != 0, last = n.i("select_last_index", 0) != 0;
                yield new Tensor[] {op.equals("ArgMax") ? ArgReductions.argMax(x, axis, keep, last) : ArgReductions.argMin(x, axis, keep, last)};
            }
            case "MatMul" -> new Tensor[] {MatMul.matmul(x, in.get(1))};
            case "MatMulInteger" -> new Tensor[] {MatMul.matmulInteger(x, in.get(1), in(in, 2), in(in, 3))};
            case "BatchNormalization" -> n.i("training_mode", 0) != 0 ? null
                    : new Tensor[] {Normalization.batchNorm(x, in.get(1), in.get(2), in.get(3), in.get(4), n.f("epsilon", 1e-5))};
            case "LayerNormalization" -> {
                Normalization.LayerNormResult r = Normalization.layerNorm(x, in.get(1), in(in, 2), (int) n.i("axis", -1), n.f("epsilon", 1e-5));
                yield new Tensor[] {r.y(), r.mean(), r.invStdDev()};
            }
            case "InstanceNormalization" -> new Tensor[] {Normalization.instanceNorm(x, in.get(1), in.get(2), n.f("epsilon", 1e-5))};
            case "GroupNormalization" -> new Tensor[] {Normalization.groupNorm(x, in.get(1), in.get(2), (int) n.i("num_groups", 1), n.f("epsilon", 1e-5))};
            case "RMSNormalization" -> new Tensor[] {Normalization.rmsNorm(x, in.get(1), (int) n.i("axis", -1), n.f("epsilon", 1e-5))};
            case "LpNormalization" -> new Tensor[] {Normalization.lpNorm(x, (int) n.i("axis", -1), (int) n.i("p", 2))};
            case "MeanVarianceNormalization" -> {
                long[] axes = n.ints("axes");
                yield new Tensor[] {Normalization.meanVarianceNorm(x, axes == null ? new int[] {0, 2, 3} : ints(axes))};
            }
            case "Reshape" -> new Tensor[] {ShapeOps.reshape(x, in.get(1).toLongArray(), n.i("allowzero", 0) != 0)};
            case "Flatten" -> new Tensor[] {ShapeOps.flatten(x, (int) n.i("axis", 1))};
            case "Squeeze" -> {
                long[] axes = n.ints("axes");
                if (axes == null && in(in, 1) != null) axes = in.get(1).toLongArray();
                yield new Tensor[] {ShapeOps.squeeze(x, axes == null ? new int[0] : ints(axes))};
            }
            case "Unsqueeze" -> {
                long[] axes = n.ints("axes");
                if (axes == null) axes = in.get(1).toLongArray();
                yield new Tensor[] {ShapeOps.unsqueeze(x, ints(axes))};
            }
            case "Transpose" -> {
                long[] perm = n.ints("perm");
                yield new Tensor[] {ShapeOps.transpose(x, perm == null ? new int[0] : ints(perm))};
            }
            case "Slice" -> {
                if (n.opset() < 10) {
                    yield new Tensor[] {ShapeOps.slice(x, n.ints("starts"), n.ints("ends"), n.ints("axes"), null)};
                }
                yield new Tensor[] {ShapeOps.slice(x, in.get(1).toLongArray(), in.get(2).toLongArray(),
                        in(in, 3) == null ? null : in.get(3).toLongArray(), in(in, 4) == null ? null : in.get(4).toLongArray())};
            }
            case "Expand" -> new Tensor[] {ShapeOps.expand(x, in.get(1).toLongArray())};
            case "Shape" -> new Tensor[] {ShapeOps.shapeOf(x, (int) n.i("start", 0), (int) n.i("end", Integer.MAX_VALUE))};
            case "Size" -> new Tensor[] {ShapeOps.sizeOf(x)};
            case "DepthToSpace" -> new Tensor[] {ShapeOps.depthToSpace(x, (int) n.i("blocksize", 1), n.s("mode", "DCR"))};
            case "SpaceToDepth" -> new Tensor[] {ShapeOps.spaceToDepth(x, (int) n.i("blocksize", 1))};
            case "Cast" -> DType.BOOL == null ? null : castNode(x, (int) n.i("to", 1), n);
            case "CastLike" -> n.attrs().containsKey("saturate") ? null : new Tensor[] {Casts.castLike(x, in.get(1))};
            case "Concat" -> new Tensor[] {Assembly.concat((int) n.i("axis", 0), in.toArray(Tensor[]::new))};
            case "Split" -> {
                int axis = (int) n.i("axis", 0);
                long[] split = n.ints("split");
                if (split == null && in(in, 1) != null) split = in.get(1).toLongArray();
                yield split != null ? Assembly.split(x, axis, ints(split))
                        : Assembly.split(x, axis, (int) n.i("num_outputs", n.outputs().size()));
            }
            case "Tile" -> new Tensor[] {Assembly.tile(x, in.get(1).toLongArray())};
            case "Pad" -> {
                PadMode mode = PadMode.of(n.s("mode", "constant"));
                if (n.opset() < 11) {
                    yield new Tensor[] {Assembly.pad(x, n.ints("pads"), null, mode, n.f("value", 0))};
                }
                Tensor value = in(in, 2);
                long[] axes = in(in, 3) == null ? null : in.get(3).toLongArray();
                yield new Tensor[] {Assembly.pad(x, in.get(1).toLongArray(), axes == null ? null : ints(axes), mode,
                        value == null || value.size() == 0 ? 0 : value.getDouble(0))};
            }
            case "Gather" -> new Tensor[] {Indexing.gather(x, in.get(1), (int) n.i("axis", 0))};
            case "GatherElements" -> new Tensor[] {Indexing.gatherElements(x, in.get(1), (int) n.i("axis", 0))};
            case "GatherND" -> new Tensor[] {Indexing.gatherND(x, in.get(1), (int) n.i("batch_dims", 0))};
            case "ScatterElements" -> new Tensor[] {Indexing.scatterElements(x, in.get(1), in.get(2), (int) n.i("axis", 0),
                    ScatterReduction.of(n.s("reduction", "none")))};
            case "ScatterND" -> new Tensor[] {Indexing.scatterND(x, in.get(1), in.get(2), ScatterReduction.of(n.s("reduction", "none")))};
            case "Range" -> new Tensor[] {Generators.range(x, in.get(1), in.get(2))};
            case "ConstantOfShape" -> new Tensor[] {Generators.constantOfShape(x, n.t("value"))};
            case "OneHot" -> new Tensor[] {Generators.oneHot(x, in.get(1).getLong(0), in.get(2), (int) n.i("axis", -1))};
            case "EyeLike" -> {
                DType dt = n.attrs().containsKey("dtype") ? TensorProtoReader.dtypeOf((int) n.i("dtype", 1)) : x.dtype();
                yield new Tensor[] {Generators.eyeLike(x.shape(), (int) n.i("k", 0), dt)};
            }
            case "Trilu" -> new Tensor[] {Generators.trilu(x, in(in, 1) == null ? 0 : in.get(1).getLong(0), n.i("upper", 1) != 0)};
            case "TopK" -> {
                Sorting.TopK r = Sorting.topK(x, in.get(1).getLong(0), (int) n.i("axis", -1), n.i("largest", 1) != 0, n.i("sorted", 1) != 0);
                yield new Tensor[] {r.values(), r.indices()};
            }
            case "NonZero" -> new Tensor[] {Sorting.nonZero(x)};
            case "CumSum" -> new Tensor[] {Sorting.cumSum(x, (int) in.get(1).getLong(0), n.i("exclusive", 0) != 0, n.i("reverse", 0) != 0)};
            case "CumProd" -> new Tensor[] {Sorting.cumProd(x, (int) in.get(1).getLong(0), n.i("exclusive", 0) != 0, n.i("reverse", 0) != 0)};
            case "Unique" -> {
                Sorting.Unique u = n.attrs().containsKey("axis") ? Sorting.unique(x, (int) n.i("axis", 0), n.i("sorted", 1) != 0)
                        : Sorting.unique(x, n.i("sorted", 1) != 0);
                yield new Tensor[] {u.values(), u.indices(), u.inverseIndices(), u.counts()};
            }
            case "QuantizeLinear" -> n.attrs().containsKey("block_size") || n.attrs().containsKey("output_dtype") ? null
                    : new Tensor[] {Quantization.quantizeLinear(x, in.get(1), in(in, 2), (int) n.i("axis", 1))};
            case "DequantizeLinear" -> n.attrs().containsKey("block_size") ? null
                    : new Tensor[] {Quantization.dequantizeLinear(x, in.get(1), in(in, 2), (int) n.i("axis", 1))};
            case "Resize" -> resize(n, in);
            case "Swish" -> new Tensor[] {Activations.swish(x, n.f("alpha", 1.0))};
            case "Compress" -> new Tensor[] {Assembly.compress(x, in.get(1), n.attrs().containsKey("axis") ? (int) n.i("axis", 0) : null)};
            case "ReverseSequence" -> new Tensor[] {Assembly.reverseSequence(x, in.get(1), (int) n.i("batch_axis", 1), (int) n.i("time_axis", 0))};
            case "CenterCropPad" -> {
                long[] axes = n.ints("axes");
                yield new Tensor[] {Assembly.centerCropPad(x, in.get(1).toLongArray(), axes == null ? null : ints(axes))};
            }
            case "Det" -> new Tensor[] {LinearAlgebra.det(x)};
            case "BitCast" -> {
                DType to = TensorProtoReader.dtypeOf((int) n.i("to", 0));
                yield to == null ? null : new Tensor[] {Casts.bitCast(x, to)};
            }
            case "Col2Im" -> new Tensor[] {Indexing.col2im(x, in.get(1).toLongArray(), in.get(2).toLongArray(), n.ints("dilations"),
                    n.ints("pads"), n.ints("strides"))};
            case "AffineGrid" -> new Tensor[] {GridSample.affineGrid(x, in.get(1).toLongArray(), n.i("align_corners", 0) != 0)};
            case "DFT" -> {
                long length = in(in, 1) != null && in.get(1).size() > 0 ? in.get(1).getLong(0) : 0;
                int axis = n.opset() < 20 ? (int) n.i("axis", 1) : in(in, 2) != null ? (int) in.get(2).getLong(0) : -2;
                yield new Tensor[] {Fourier.dft(x, axis, length, n.i("inverse", 0) != 0, n.i("onesided", 0) != 0)};
            }
            case "Dropout" -> {
                boolean training = in(in, 2) != null && in.get(2).getLong(0) != 0;
                double ratio = in(in, 1) != null ? in.get(1).getDouble(0) : n.f("ratio", 0.5);
                if (training && ratio != 0) yield null;
                Activations.Dropout d = Activations.dropout(x, ratio, training);
                yield new Tensor[] {d.output(), d.mask()};
            }
            case "Scatter" -> new Tensor[] {Indexing.scatterElements(x, in.get(1), in.get(2), (int) n.i("axis", 0), ScatterReduction.NONE)};
            case "Upsample" -> {
                // Upsample is Resize with asymmetric coordinates; nearest rounds down.
                Resize.Options o = Resize.Options.defaults(n.s("mode", "nearest").equals("nearest") ? Resize.Mode.NEAREST : Resize.Mode.LINEAR)
                        .withCoordinateMode("asymmetric").withNearestMode("floor");
                double[] sc = in(in, 1) != null ? in.get(1).toDoubleArray() : null;
                if (sc == null) {
                    float[] f = (float[]) n.attrs().get("scales");
                    sc = new double[f.length];
                    for (int i = 0; i < f.length; i++) sc[i] = f[i];
                }
                yield new Tensor[] {Resize.byScales(x, sc, o)};
            }
            case "DynamicQuantizeLinear" -> {
                Quantization.Dynamic d = Quantization.dynamicQuantizeLinear(x);
                yield new Tensor[] {d.y(), d.scale(), d.zeroPoint()};
            }
            case "QLinearMatMul" -> new Tensor[] {Quantization.qlinearMatMul(x, in.get(1), in.get(2), in.get(3), in.get(4), in.get(5),
                    in.get(6), in.get(7))};
            case "HannWindow", "HammingWindow", "BlackmanWindow" -> {
                Generators.Window w = op.equals("HannWindow") ? Generators.Window.HANN
                        : op.equals("HammingWindow") ? Generators.Window.HAMMING : Generators.Window.BLACKMAN;
                yield new Tensor[] {Generators.window(w, x.getLong(0), n.i("periodic", 1) != 0,
                        TensorProtoReader.dtypeOf((int) n.i("output_datatype", 1)))};
            }
            case "GridSample" -> new Tensor[] {GridSample.gridSample(x, in.get(1), n.s("mode", n.opset() < 20 ? "bilinear" : "linear"),
                    n.s("padding_mode", "zeros"), n.i("align_corners", 0) != 0)};
            case "Attention" -> {
                Attention.Options o = new Attention.Options(n.attrs().containsKey("scale") ? n.f("scale", 0) : Double.NaN,
                        n.i("is_causal", 0) != 0, (int) n.i("q_num_heads", 0), (int) n.i("kv_num_heads", 0),
                        n.f("softcap", 0), (int) n.i("qk_matmul_output_mode", 0));
                Attention.Result r = Attention.attention(x, in.get(1), in.get(2), in(in, 3), in(in, 4), in(in, 5), in(in, 6), o);
                yield new Tensor[] {r.y(), r.presentKey(), r.presentValue(), r.qk()};
            }
            case "RotaryEmbedding" -> new Tensor[] {RotaryEmbedding.apply(x, in.get(1), in.get(2), in(in, 3),
                    n.i("interleaved", 0) != 0, (int) n.i("rotary_embedding_dim", 0), (int) n.i("num_heads", 0))};
            case "Einsum" -> new Tensor[] {Einsum.einsum(n.s("equation", ""), in.toArray(Tensor[]::new))};
            case "NegativeLogLikelihoodLoss" -> new Tensor[] {Losses.negativeLogLikelihood(x, in.get(1), in(in, 2),
                    n.s("reduction", "mean"), n.attrs().containsKey("ignore_index") ? n.i("ignore_index", 0) : null)};
            case "SoftmaxCrossEntropyLoss" -> {
                Losses.CrossEntropy r = Losses.softmaxCrossEntropy(x, in.get(1), in(in, 2), n.s("reduction", "mean"),
                        n.attrs().containsKey("ignore_index") ? n.i("ignore_index", 0) : null);
                yield new Tensor[] {r.loss(), r.logProb()};
            }
            default -> null;
        };
    }

    private static Tensor[] resize(OnnxNode n, List<Tensor> in) {
        if (n.opset() < 11 || n.i("antialias", 0) != 0 || n.ints("axes") != null
                || !n.s("keep_aspect_ratio_policy", "stretch").equals("stretch")) return null;
        Resize.Mode mode = switch (n.s("mode", "nearest")) {
            case "linear" -> Resize.Mode.LINEAR;
            case "cubic" -> Resize.Mode.CUBIC;
            default -> Resize.Mode.NEAREST;
        };
        Tensor roi = in(in, 1), scales = in(in, 2), sizes = in(in, 3);
        Resize.Options o = new Resize.Options(mode, n.s("coordinate_transformation_mode", "half_pixel"),
                n.s("nearest_mode", "round_prefer_floor"), n.f("cubic_coeff_a", -0.75), n.i("exclude_outside", 0) != 0,
                n.f("extrapolation_value", 0), roi == null || roi.size() == 0 ? null : roi.toDoubleArray());
        if (sizes != null && sizes.size() > 0) return new Tensor[] {Resize.bySizes(in.get(0), sizes.toLongArray(), o)};
        return new Tensor[] {Resize.byScales(in.get(0), scales.toDoubleArray(), o)};
    }

    private static Tensor[] castNode(Tensor x, int to, OnnxNode n) {
        DType dt = TensorProtoReader.dtypeOf(to);
        if (dt == null || n.attrs().containsKey("saturate")) return null;
        return new Tensor[] {Casts.cast(x, dt)};
    }

    static Shape shapeOf(Tensor t) { return t.shape(); }
}
