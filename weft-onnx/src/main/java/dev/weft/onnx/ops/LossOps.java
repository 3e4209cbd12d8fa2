package dev.weft.onnx.ops;

import dev.weft.tensor.ops.Losses;
import java.util.List;

/**
 * NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (class weights, ignore_index and
 * reductions), mapped onto {@link Losses}.
 */
final class LossOps {
    private LossOps() {}

    static void register(OpRegistry r) {
        r.add("NegativeLogLikelihoodLoss", 12, c -> {
            String red = c.attrString("reduction", "mean");
            Long ignore = c.has("ignore_index") ? c.attrInt("ignore_index", 0) : null;
            return c.op(Kernel.single(in -> Losses.negativeLogLikelihood(in.get(0), in.get(1),
                    in.size() > 2 ? in.get(2) : null, red, ignore)));
        });
        r.add("SoftmaxCrossEntropyLoss", 12, c -> {
            String red = c.attrString("reduction", "mean");
            Long ignore = c.has("ignore_index") ? c.attrInt("ignore_index", 0) : null;
            return c.op(in -> {
                Losses.CrossEntropy ce = Losses.softmaxCrossEntropy(in.get(0), in.get(1), in.size() > 2 ? in.get(2) : null, red, ignore);
                return List.of(ce.loss(), ce.logProb());
            });
        });
    }
}
