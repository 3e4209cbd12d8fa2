package dev.weft.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.machine.ConcurrentMachine;
import dev.weft.machine.SequentialMachine;
import dev.weft.tensor.Tensor;
import dev.weft.train.data.Dataset;
import dev.weft.train.data.Digits;
import dev.weft.train.report.EpochStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigitsTrainingTest {

    @Test
    void mlpReachesNinetyFivePercentOnHeldOutDigits() {
        Dataset data = Digits.bundled();
        assertEquals(1797, data.size());
        List<EpochStats> epochs = new ArrayList<>();
        try (Trainer t = DigitsTraining.train(data, DigitsTraining.Settings.mlpDefaults(), SequentialMachine::new, epochs::add)) {
            EpochStats last = epochs.get(epochs.size() - 1);
            assertTrue(last.testAccuracy() >= 0.95, "held-out accuracy " + last.testAccuracy());
            assertTrue(last.trainLoss() < epochs.get(0).trainLoss() / 4, "loss fell: " + epochs);
        }
    }

    @Test
    void smallCnnLearnsTheDigitsToo() {
        List<EpochStats> epochs = new ArrayList<>();
        DigitsTraining.Settings s = new DigitsTraining.Settings("cnn", 6, 32, "adam", 0.003, 1);
        try (Trainer t = DigitsTraining.train(Digits.bundled(), s, SequentialMachine::new, epochs::add)) {
            assertTrue(epochs.get(epochs.size() - 1).testAccuracy() >= 0.9, "held-out accuracy " + epochs);
        }
    }

    @Test
    void sequentialAndConcurrentMachinesReachIdenticalWeights() {
        Dataset data = Digits.bundled();
        DigitsTraining.Settings s = new DigitsTraining.Settings("mlp", 2, 64, "adam", 0.003, 5);
        try (Trainer seq = DigitsTraining.train(data, s, SequentialMachine::new, e -> { });
             Trainer conc = DigitsTraining.train(data, s, ConcurrentMachine::new, e -> { })) {
            Map<String, Tensor> a = seq.parameters(), b = conc.parameters();
            assertEquals(a.keySet(), b.keySet());
            for (String name : a.keySet()) {
                assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), name);
            }
            Tensor initial = seq.model().parameters().get(0).value();
            assertTrue(!java.util.Arrays.equals(initial.toFloatArray(), a.get(seq.model().parameters().get(0).name()).toFloatArray()),
                    "training changed the weights");
        }
    }
}
