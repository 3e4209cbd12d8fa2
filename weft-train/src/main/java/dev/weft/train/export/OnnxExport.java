package dev.weft.train.export;

import dev.weft.graph.Node;
import dev.weft.graph.Op;
import dev.weft.graph.TensorType;
import dev.weft.graph.ops.Binary;
import dev.weft.graph.ops.MatMulOp;
import dev.weft.graph.ops.SoftmaxOp;
import dev.weft.graph.ops.Unary;
import dev.weft.graph.ops.nn.Conv2d;
import dev.weft.graph.ops.nn.Flatten;
import dev.weft.graph.ops.nn.MaxPool2d;
import dev.weft.graph.ops.nn.Unflatten;
import dev.weft.onnx.io.OnnxTypes;
import dev.weft.onnx.io.TensorProtos;
import dev.weft.tensor.Tensor;
import dev.weft.train.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a trained model's inference graph (features to logits) as an ONNX model, opset 13, with
 * the given parameter values as initializers and a symbolic batch dimension {@code N}.
 *
 * <p>Field numbers are those of the ONNX IR's public protobuf schema (onnx.proto). Only the ops
 * weft's trainable models use are mapped; any other node is refused by name.
 */
public final class OnnxExport {
    private OnnxExport() {}

    /** ONNX IR version 8 goes with opset 13. */
    private static final long IR_VERSION = 8, OPSET = 13;
    private static final int ATTR_INT = 2, ATTR_INTS = 7;

    /** Writes {@code model} with {@code parameters} (by variable name) to {@code file}. */
    public static void write(Model model, Map<String, Tensor> parameters, Path file) throws IOException {
        Files.write(file, encode(model, parameters));
    }

    /** The ModelProto bytes. */
    public static byte[] encode(Model model, Map<String, Tensor> parameters) {
        List<Node> needed = ancestors(model.logits());
        ProtoWriter graph = new ProtoWriter().string(2, "weft-" + model.name());
        for (Node n : needed) {
            switch (n.kind()) {
                case PLACEHOLDER -> graph.message(11, valueInfo(n.name(), n.type()));
                case VARIABLE -> {
                    Tensor v = parameters.get(n.name());
                    if (v == null) throw new IllegalArgumentException("no value given for parameter '" + n.name() + "'");
                    graph.message(5, TensorProtos.encode(n.name(), v.contiguous()));
                }
                case CONSTANT -> graph.message(5, TensorProtos.encode(n.name(), n.value().contiguous()));
                case OP -> node(graph, n);
                case OUTPUT -> throw new IllegalArgumentException("cannot export multi-output node '" + n.name() + "'");
            }
        }
        graph.message(12, valueInfo(model.logits().name(), model.logits().type()));
        return new ProtoWriter()
                .int64(1, IR_VERSION)
                .string(2, "weft")
                .string(3, "0.1")
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").int64(2, OPSET))
                .toByteArray();
    }

    private static void node(ProtoWriter graph, Node n) {
        Op op = n.op();
        ProtoWriter node = new ProtoWriter();
        for (Node in : n.inputs()) node.string(1, in.name());
        node.string(2, n.name()).string(3, n.name());
        String type;
        switch (op) {
            case MatMulOp m -> type = "MatMul";
            case Binary b -> type = switch (b.fn()) {
                case ADD -> "Add";
                case SUB -> "Sub";
                case MUL -> "Mul";
                case DIV -> "Div";
                default -> throw unsupported(n);
            };
            case Unary u -> type = switch (u.fn()) {
                case RELU -> "Relu";
                case SIGMOID -> "Sigmoid";
                case TANH -> "Tanh";
                case EXP -> "Exp";
                case LOG -> "Log";
                case NEG -> "Neg";
                default -> throw unsupported(n);
            };
            case SoftmaxOp s -> {
                type = "Softmax";
                node.message(5, ints("axis", s.axis()));
            }
            case Conv2d c -> {
                type = "Conv";
                int k = n.inputs().get(1).type().dim(2);
                node.message(5, intList("kernel_shape", k, k));
                node.message(5, intList("strides", c.stride(), c.stride()));
                node.message(5, intList("pads", c.pad(), c.pad(), c.pad(), c.pad()));
            }
            case MaxPool2d p -> {
                type = "MaxPool";
                node.message(5, intList("kernel_shape", p.size(), p.size()));
                node.message(5, intList("strides", p.stride(), p.stride()));
            }
            case Flatten f -> {
                type = "Flatten";
                node.message(5, ints("axis", 1));
            }
            case Unflatten u -> {
                // Reshape to [-1, dims...]: the shape rides along as an initializer named after the node.
                type = "Reshape";
                int[] dims = u.dims();
                long[] shape = new long[dims.length + 1];
                shape[0] = -1;
                for (int i = 0; i < dims.length; i++) shape[i + 1] = dims[i];
                String shapeName = n.name() + ".shape";
                graph.message(5, TensorProtos.encode(shapeName, Tensor.of(shape, shape.length)));
                node.string(1, shapeName);
            }
            default -> throw unsupported(n);
        }
        graph.message(1, node.string(4, type));
    }

    private static IllegalArgumentException unsupported(Node n) {
        return new IllegalArgumentException("cannot export node '" + n.name() + "' (" + n.op().name() + ") to ONNX");
    }

    private static ProtoWriter ints(String name, long v) {
        return new ProtoWriter().string(1, name).int64(3, v).int32(20, ATTR_INT);
    }

    private static ProtoWriter intList(String name, long... vs) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : vs) a.int64(8, v);
        return a.int32(20, ATTR_INTS);
    }

    /** A ValueInfoProto: name and tensor type, unknown dimensions written as the symbol N. */
    private static ProtoWriter valueInfo(String name, TensorType t) {
        ProtoWriter shape = new ProtoWriter();
        for (int d : t.dims()) {
            shape.message(1, d >= 0 ? new ProtoWriter().int64(1, d) : new ProtoWriter().string(2, "N"));
        }
        ProtoWriter tensorType = new ProtoWriter().int32(1, OnnxTypes.code(t.dtype())).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    /** The nodes {@code target} depends on, itself included, in topological (id) order. */
    private static List<Node> ancestors(Node target) {
        Set<Node> seen = new HashSet<>();
        List<Node> stack = new ArrayList<>(List.of(target));
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (!seen.add(n)) continue;
            for (Node in : n.inputs()) if (in != null) stack.add(in);
        }
        return seen.stream().sorted(java.util.Comparator.comparingInt(Node::id)).toList();
    }
}
