package dev.weft.tensor.ops;

import dev.weft.tensor.Shape;
import dev.weft.tensor.Tensor;

/**
 * ONNX NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss. Inputs are {@code [N, C]} or
 * {@code [N, C, d1, ...]} scores with integer targets {@code [N]} or {@code [N, d1, ...]}; an
 * optional per-class weight {@code [C]}; a target equal to {@code ignoreIndex} (when not null)
 * contributes nothing. Reductions: "none" (per element), "sum", "mean" (divided by the summed
 * weights of the targets that count).
 */
public final class Losses {
    private Losses() {}

    /** The outputs of SoftmaxCrossEntropyLoss: the loss and the log-probabilities. */
    public record CrossEntropy(Tensor loss, Tensor logProb) {}

    /** ONNX NegativeLogLikelihoodLoss. */
    public static Tensor negativeLogLikelihood(Tensor input, Tensor target, Tensor weight, String reduction, Long ignoreIndex) {
        Args.floating("NegativeLogLikelihoodLoss", input);
        Args.integerIndices("NegativeLogLikelihoodLoss", target);
        Args.rank("NegativeLogLikelihoodLoss", input, 2);
        int n = input.shape().dim(0), c = input.shape().dim(1);
        int[] dims = input.shape().dims();
        int inner = 1;
        for (int i = 2; i < dims.length; i++) inner *= dims[i];
        int[] td = new int[dims.length - 1];
        td[0] = n;
        System.arraycopy(dims, 2, td, 1, dims.length - 2);
        if (!target.shape().equals(Shape.of(td))) {
            throw new IllegalArgumentException("NegativeLogLikelihoodLoss: target must have shape " + Shape.of(td) + " for input "
                    + input.shape() + ", got " + target.shape());
        }
        if (weight != null && (weight.rank() != 1 || weight.size() != c)) {
            throw new IllegalArgumentException("NegativeLogLikelihoodLoss: weight must have shape [" + c + "], got " + weight.shape());
        }
        Tensor x = input.contiguous();
        long[] t = target.toLongArray();
        double[] w = weight == null ? null : weight.toDoubleArray();
        Tensor none = Tensor.zeros(input.dtype(), Shape.of(td));
        double sum = 0, weightSum = 0;
        for (int ni = 0; ni < n; ni++) {
            for (int i = 0; i < inner; i++) {
                int k = ni * inner + i;
                long cls = t[k];
                if (ignoreIndex != null && cls == ignoreIndex) continue;
                if (cls < 0 || cls >= c) {
                    throw new IllegalArgumentException("NegativeLogLikelihoodLoss: target " + cls + " is outside the " + c + " classes");
                }
                double wt = w == null ? 1 : w[(int) cls];
                double loss = -x.readDouble(x.offset() + (ni * c + (int) cls) * inner + i) * wt;
                none.writeDouble(k, loss);
                sum += loss;
                weightSum += wt;
            }
        }
        return switch (reduction) {
            case "none" -> none;
            case "sum" -> Tensor.scalar(input.dtype(), sum);
            case "mean" -> Tensor.scalar(input.dtype(), sum / weightSum);
            default -> throw new IllegalArgumentException("NegativeLogLikelihoodLoss: reduction must be none, sum or mean, not " + reduction);
        };
    }

    /** ONNX SoftmaxCrossEntropyLoss: log-softmax over axis 1, then the negative log-likelihood. */
    public static CrossEntropy softmaxCrossEntropy(Tensor scores, Tensor labels, Tensor weight, String reduction, Long ignoreIndex) {
        Args.rank("SoftmaxCrossEntropyLoss", scores, 2);
        Tensor logProb = Softmax.logSoftmax(scores, 1);
        return new CrossEntropy(negativeLogLikelihood(logProb, labels, weight, reduction, ignoreIndex), logProb);
    }
}
