package dev.weft.train;

import dev.weft.graph.Graph;
import dev.weft.graph.Node;
import dev.weft.graph.autodiff.Autodiff;
import dev.weft.machine.Machine;
import dev.weft.tensor.Tensor;
import dev.weft.train.data.Dataset;
import dev.weft.train.model.Model;
import dev.weft.train.optim.Optimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains a {@link Model}: adds the gradient of its loss with respect to every parameter to the
 * model's graph, builds one machine over it, and for each mini-batch runs forward and backward
 * and lets the optimizer update the machine's variables in place.
 *
 * <p>Deterministic: the same model, seed, data order and optimizer give bit-identical weights on
 * every machine, because each vertex computes the same values whichever thread runs it.
 *
 * <p>Not thread-safe; one training loop drives it.
 */
public final class Trainer implements AutoCloseable {
    private static final String LOSS = "loss", LOGITS = "logits", GRAD = "grad:";

    private final Model model;
    private final Optimizer optimizer;
    private final Machine machine;

    /** Loss and accuracy over a data set. */
    public record Evaluation(double loss, double accuracy) {}

    public Trainer(Model model, Optimizer optimizer, Function<Graph, Machine> machines) {
        this.model = model;
        this.optimizer = optimizer;
        Graph g = model.graph();
        List<Node> grads = Autodiff.grad(model.loss(), model.parameters());
        g.markOutput(LOSS, model.loss());
        g.markOutput(LOGITS, model.logits());
        for (int i = 0; i < grads.size(); i++) g.markOutput(GRAD + model.parameters().get(i).name(), grads.get(i));
        this.machine = machines.apply(g);
    }

    /** One step on one mini-batch; returns the batch's loss before the update. */
    public double step(Dataset.Batch batch) {
        Map<String, Tensor> out = machine.run(feed(batch.features(), batch.labels()));
        for (Node p : model.parameters()) {
            optimizer.update(p.name(), machine.variable(p.name()), out.get(GRAD + p.name()));
        }
        optimizer.endStep();
        return out.get(LOSS).getDouble(0);
    }

    /** Mean loss and accuracy over {@code data}, without updating anything. */
    public Evaluation evaluate(Dataset data) {
        Map<String, Tensor> out = machine.run(feed(data.features(), data.labels()));
        Tensor logits = out.get(LOGITS);
        int n = data.size(), c = logits.shape().dim(1), correct = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (logits.getDouble(i * c + j) > logits.getDouble(i * c + best)) best = j;
            if (best == data.labels().getLong(i)) correct++;
        }
        return new Evaluation(out.get(LOSS).getDouble(0), n == 0 ? 0 : (double) correct / n);
    }

    /** The model's logits [N, classes] for every example of {@code data}. */
    public Tensor logits(Dataset data) {
        return machine.run(feed(data.features(), data.labels())).get(LOGITS);
    }

    /** The current parameter values by name (live tensors of the machine; copy to keep). */
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Node p : model.parameters()) out.put(p.name(), machine.variable(p.name()));
        return out;
    }

    /** Replaces parameter values (e.g. loaded from a checkpoint); each must keep its shape. */
    public void load(Map<String, Tensor> values) {
        for (Node p : model.parameters()) {
            Tensor v = values.get(p.name());
            if (v == null) throw new IllegalArgumentException("the checkpoint has no value for parameter '" + p.name() + "'");
            machine.setVariable(p.name(), v.copy());
        }
    }

    public Model model() { return model; }

    @Override
    public void close() { machine.close(); }

    private Map<String, Tensor> feed(Tensor features, Tensor labels) {
        return Map.of(model.features().name(), features, model.labels().name(), labels);
    }
}
