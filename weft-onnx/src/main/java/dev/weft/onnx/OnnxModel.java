package dev.weft.onnx;

import dev.weft.onnx.io.OnnxTypes;
import dev.weft.onnx.load.Compiler;
import dev.weft.onnx.load.Interpreter;
import dev.weft.onnx.load.ModelReader;
import dev.weft.onnx.load.Program;
import dev.weft.onnx.optimize.GraphOptimizer;
import dev.weft.onnx.proto.ModelProto;
import dev.weft.onnx.proto.TypeProto;
import dev.weft.onnx.proto.ValueInfoProto;
import dev.weft.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded ONNX model: parsed, validated and compiled into weft ops. {@link #run} evaluates it
 * directly; {@link OnnxGraphs} maps it onto a weft graph for the machines.
 *
 * <p>Immutable after loading and safe to run from several threads at once.
 */
public final class OnnxModel {
    private final Path file;
    private final ModelProto proto;
    private final Compiler compiler;
    private final Program program;
    private final List<InputSpec> inputs;

    private OnnxModel(Path file, ModelProto proto, Compiler compiler, Program program, List<InputSpec> inputs) {
        this.file = file;
        this.proto = proto;
        this.compiler = compiler;
        this.program = program;
        this.inputs = inputs;
    }

    /**
     * Loads a model file.
     *
     * @throws OnnxFormatException       when the file is corrupt, truncated or unsafe
     * @throws UnsupportedOnnxException  when the model uses an op, dtype or feature weft lacks
     */
    public static OnnxModel load(Path file) throws IOException {
        return compile(file, ModelReader.read(file));
    }

    /** Compiles an already-read model; {@code file} locates its external data. */
    public static OnnxModel compile(Path file, ModelProto proto) {
        Path base = file.toAbsolutePath().getParent();
        Compiler compiler = new Compiler(proto.opsets(), base, proto.functions());
        Program program = compiler.compile(proto.graph());
        if (GraphOptimizer.enabled()) program = GraphOptimizer.optimize(program, compiler).program();
        List<InputSpec> inputs = new ArrayList<>();
        for (ValueInfoProto v : program.inputs()) inputs.add(spec(v, "input"));
        for (ValueInfoProto v : proto.graph().outputs()) spec(v, "output");
        return new OnnxModel(file, proto, compiler, program, List.copyOf(inputs));
    }

    private static InputSpec spec(ValueInfoProto v, String what) {
        if (v.type() instanceof TypeProto.Tensor t) {
            if (t.elemType() == 0) return new InputSpec(v.name(), null, t.dims());
            return new InputSpec(v.name(), OnnxTypes.dtype(t.elemType()), t.dims());
        }
        String kind = switch (v.type()) {
            case TypeProto.Sequence s -> "sequence";
            case TypeProto.Optional o -> "optional";
            case TypeProto.Other o -> o.what();
            default -> "non-tensor";
        };
        throw new UnsupportedOnnxException("unsupported: " + what + " '" + v.name() + "' is a " + kind + " value");
    }

    public Path file() { return file; }

    public ModelProto proto() { return proto; }

    public Program program() { return program; }

    /** The compiler, which knows the implicit (outer-scope) inputs of subgraph nodes. */
    public Compiler compiler() { return compiler; }

    /** The inputs to feed, in declared order (initializers excluded). */
    public List<InputSpec> inputs() { return inputs; }

    /** The output names in declared order. */
    public List<String> outputNames() { return program.outputs(); }

    /** Checks feeds against the declared inputs: every input present, with its dtype and shape. */
    public void checkInputs(Map<String, Tensor> feeds) {
        for (InputSpec in : inputs) {
            Tensor t = feeds.get(in.name());
            if (t == null) throw new IllegalArgumentException("missing input '" + in.name() + "' (expected " + in.describe() + ")");
            if (in.dtype() != null) {
                String why = in.mismatch(t);
                if (why != null) throw new IllegalArgumentException(why);
            }
        }
        for (String k : feeds.keySet()) {
            if (inputs.stream().noneMatch(i -> i.name().equals(k))) {
                throw new IllegalArgumentException("the model has no input '" + k + "'; its inputs are "
                        + inputs.stream().map(InputSpec::name).toList());
            }
        }
    }

    /** Evaluates the model node by node on this thread. */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        checkInputs(feeds);
        return new LinkedHashMap<>(Interpreter.run(program, feeds, compiler));
    }
}
