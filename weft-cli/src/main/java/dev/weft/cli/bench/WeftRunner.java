package dev.weft.cli.bench;

import dev.weft.machine.Machine;
import dev.weft.machine.Trace;
import dev.weft.onnx.OnnxGraphs;
import dev.weft.onnx.OnnxModel;
import dev.weft.tensor.Tensor;
import java.util.Map;

/** weft running an ONNX model on one of its machines. */
public final class WeftRunner implements ModelRunner {
    private final String name;
    private final Machine machine;
    private final Map<String, Tensor> inputs;

    public WeftRunner(OnnxModel model, String machineKind, Map<String, Tensor> inputs) {
        this.name = "weft " + machineKind;
        this.machine = OnnxGraphs.machine(model, machineKind);
        this.inputs = Map.copyOf(inputs);
    }

    @Override
    public String name() { return name; }

    @Override
    public Object runOnce() { return machine.runBorrowed(inputs); }

    @Override
    public long activationBytes() { return machine.memory().totalBytes(); }

    /** Traces every vertex; on the concurrent machine vertices overlap, so the sum can exceed the run. */
    @Override
    public Profiler profiler() {
        Trace trace = new Trace();
        machine.trace(trace);
        return new Profiler() {
            @Override
            public void runOnce() { machine.run(inputs); }

            @Override
            public OpProfile finish(int runs) {
                machine.trace(null);
                OpProfile.Builder b = new OpProfile.Builder();
                for (Trace.Event e : trace.events()) {
                    if (!e.op().equals("placeholder") && !e.op().equals("constant") && !e.op().equals("variable")) {
                        b.add(e.node(), e.op(), e.endNanos() - e.startNanos());
                    }
                }
                return b.build(name, runs);
            }
        };
    }

    @Override
    public void close() { machine.close(); }
}
