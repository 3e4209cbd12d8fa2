package dev.weft.onnx.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps (domain, op type, opset version) to the factory that builds the op. A factory registered
 * "since" version v serves every opset from v up to the next registered version, matching how
 * the ONNX operator changelog versions each op. Thread-safe once built.
 */
public final class OpRegistry {
    private final Map<String, TreeMap<Integer, OpFactory>> ops = new ConcurrentHashMap<>();

    /** The registry with every op weft implements. */
    public static OpRegistry standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final OpRegistry INSTANCE = build();

        private static OpRegistry build() {
            OpRegistry r = new OpRegistry();
            MathOps.register(r);
            ActivationOps.register(r);
            CompareOps.register(r);
            ReduceOps.register(r);
            ShapeOps.register(r);
            SliceOps.register(r);
            IndexOps.register(r);
            NnOps.register(r);
            PoolOps.register(r);
            NormOps.register(r);
            MiscOps.register(r);
            ControlOps.register(r);
            LossOps.register(r);
            QuantOps.register(r);
            GridSampleOps.register(r);
            ExtraOps.register(r);
            TensorAlgebraOps.register(r);
            DetectionOps.register(r);
            RnnOps.register(r);
            TrainingOps.register(r);
            SignalOps.register(r);
            GeometryOps.register(r);
            VisionOps.register(r);
            ImageOps.register(r);
            TextOps.register(r);
            LinearAttentionOps.register(r);
            MlOps.register(r);
            ResizeOps.register(r);
            AttentionOps.register(r);
            return r;
        }
    }

    /** Registers an ai.onnx op. */
    public void add(String opType, int since, OpFactory factory) { add("", opType, since, factory); }

    /** Registers an op of any domain. */
    public void add(String domain, String opType, int since, OpFactory factory) {
        ops.computeIfAbsent(key(domain, opType), k -> new TreeMap<>()).put(since, factory);
    }

    /** The factory for an op at an opset version, or null when weft lacks it. */
    public OpFactory lookup(String domain, String opType, int opset) {
        TreeMap<Integer, OpFactory> versions = ops.get(key(domain, opType));
        if (versions == null) return null;
        var e = versions.floorEntry(opset);
        return e == null ? null : e.getValue();
    }

    /** True when some version of the op is registered. */
    public boolean knows(String domain, String opType) { return ops.containsKey(key(domain, opType)); }

    private static String key(String domain, String opType) {
        String d = domain == null || domain.equals("ai.onnx") ? "" : domain;
        return d + ":" + opType;
    }
}
