package jnas.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void builderDefaults() {
        TrainConfig c = TrainConfig.builder().build();
        assertEquals(1000, c.steps());
        assertEquals(1e-3f, c.learningRate());
        assertEquals(1e-4f, c.minLearningRate(), 1e-9);
        assertEquals(100, c.warmupSteps());
        assertEquals(TrainConfig.OptimizerKind.ADAMW, c.optimizer());
        assertEquals(32L * 128, c.tokensPerStep());
        TrainConfig short50 = TrainConfig.builder().steps(50).build();
        assertEquals(5, short50.warmupSteps()); // a tenth of a short budget
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void warmUpThenCosine() {
        TrainConfig c = TrainConfig.builder().steps(110).learningRate(1f).minLearningRate(0.1f).warmupSteps(10).build();
        assertEquals(0.1f, c.learningRateAt(1), 1e-6);
        assertEquals(0.5f, c.learningRateAt(5), 1e-6);
        assertEquals(1.0f, c.learningRateAt(10), 1e-6);
        assertEquals(0.55f, c.learningRateAt(60), 1e-6); // half way down the cosine
        assertEquals(0.1f, c.learningRateAt(110), 1e-6);
        for (int s = 11; s <= 110; s++) assertTrue(c.learningRateAt(s) <= c.learningRateAt(s - 1) + 1e-7f);

        TrainConfig noWarmup = c.toBuilder().warmupSteps(0).build();
        assertEquals(1.0f, noWarmup.learningRateAt(0), 1e-6);
        assertEquals(0.1f, noWarmup.learningRateAt(110), 1e-6);
        TrainConfig allWarmup = c.toBuilder().steps(10).build();
        assertEquals(1.0f, allWarmup.learningRateAt(10), 1e-6);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().learningRate(0).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().learningRate(1e-3f).minLearningRate(1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().beta2(1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().warmupSteps(-1).build());
    }
}
