package dev.weft.machine;

import dev.weft.graph.Op;
import dev.weft.graph.SimpleOp;
import dev.weft.graph.TensorType;
import dev.weft.tensor.Tensor;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Small ops that exist only to exercise the machines. */
final class TestOps {
    private TestOps() {}

    /** Fails on every call with the given message. */
    record Fail(String message) implements SimpleOp {
        @Override public String name() { return "Fail"; }
        @Override public TensorType inferType(List<TensorType> in) { return in.get(0); }
        @Override public Tensor compute(List<Tensor> in) { throw new IllegalStateException(message); }
    }

    /** Blocks until interrupted (or the latch opens), then returns its input. */
    record Block(CountDownLatch latch) implements SimpleOp {
        @Override public String name() { return "Block"; }
        @Override public TensorType inferType(List<TensorType> in) { return in.get(0); }
        @Override public Tensor compute(List<Tensor> in) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return in.get(0);
        }
    }

    /** Two outputs: x + 1 and x * 2, for multi-output plumbing. */
    record PlusOneTimesTwo() implements Op {
        @Override public String name() { return "PlusOneTimesTwo"; }
        @Override public int outputCount() { return 2; }
        @Override public List<TensorType> inferTypes(List<TensorType> in) { return List.of(in.get(0), in.get(0)); }
        @Override public List<Tensor> apply(List<Tensor> in) {
            Tensor x = in.get(0);
            Tensor a = Tensor.zeros(x.dtype(), x.shape()), b = Tensor.zeros(x.dtype(), x.shape());
            for (int i = 0; i < x.size(); i++) {
                a.setDouble(i, x.getDouble(i) + 1);
                b.setDouble(i, x.getDouble(i) * 2);
            }
            return List.of(a, b);
        }
    }

    /** Claims one shape and returns another: a broken op the machines must catch. */
    record Liar() implements SimpleOp {
        @Override public String name() { return "Liar"; }
        @Override public TensorType inferType(List<TensorType> in) { return in.get(0); }
        @Override public Tensor compute(List<Tensor> in) { return Tensor.scalar(1.0); }
    }
}
