package dev.weft.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each optimizer's first steps, worked out by hand from its update rule. */
class OptimizerTest {

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        Tensor p = Tensor.of(new double[] {1.0}, 1);
        Sgd sgd = new Sgd(0.1, 0.9);
        sgd.update("p", p, Tensor.of(new double[] {2.0}, 1)); // v = 2, p = 1 - 0.2
        assertEquals(0.8, p.getDouble(0), 1e-12);
        sgd.update("p", p, Tensor.of(new double[] {2.0}, 1)); // v = 0.9*2 + 2 = 3.8, p = 0.8 - 0.38
        assertEquals(0.42, p.getDouble(0), 1e-12);
    }

    @Test
    void adamsFirstStepMovesByTheLearningRate() {
        // With bias correction, m̂ = g and v̂ = g², so the first update is lr * g/|g| (up to eps).
        Tensor p = Tensor.of(new double[] {1.0, 1.0}, 2);
        Adam adam = new Adam(0.01);
        adam.update("p", p, Tensor.of(new double[] {5.0, -0.1}, 2));
        adam.endStep();
        assertEquals(0.99, p.getDouble(0), 1e-8);
        assertEquals(1.01, p.getDouble(1), 1e-8);
    }

    @Test
    void rmsPropScalesByTheRunningSquare() {
        Tensor p = Tensor.of(new double[] {0.0}, 1);
        RmsProp rms = new RmsProp(0.1, 0.5, 0);
        rms.update("p", p, Tensor.of(new double[] {2.0}, 1)); // s = 0.5*4 = 2, p = -0.1*2/sqrt(2)
        assertEquals(-0.1 * 2 / Math.sqrt(2), p.getDouble(0), 1e-12);
    }

    @Test
    void refusesMismatchedGradients() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(0.1, 0).update("w", Tensor.of(new double[] {1, 2}, 2), Tensor.of(new double[] {1}, 1)));
        assertEquals("parameter 'w' is float64[2] but its gradient is float64[1]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(-1));
    }
}
