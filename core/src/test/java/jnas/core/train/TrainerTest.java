package jnas.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.List;
import jnas.core.data.BrownCorpus;
import jnas.core.data.BrownSplit;
import jnas.core.data.CharTokenizer;
import jnas.core.data.TokenStreams;
import jnas.core.train.ProgressListener.Progress;
import jnas.core.train.TrainResult.LossPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains a real (bigram) model on a slice of the Brown corpus. */
class TrainerTest {

    static TokenStreams data;

    @BeforeAll
    static void loadBrown() {
        BrownSplit split = BrownCorpus.load().split();
        CharTokenizer tokenizer = CharTokenizer.fit(split.trainText());
        data = TokenStreams.encode(tokenizer, split.toTextData()).head(400_000, 100_000);
    }

    static TrainConfig config(long seed) {
        return TrainConfig.builder().steps(200).batchSize(32).seqLen(64).learningRate(0.1f).warmupSteps(20)
                .weightDecay(0f).seed(seed).evalInterval(50).evalBatches(8).build();
    }

    @Test
    void bigramLearnsBrownWellBelowUniform() {
        List<Progress> seen = new ArrayList<>();
        TrainResult r = Trainer.train(BigramBlock::new, data, config(7), seen::add);
        double uniform = Math.log(data.vocabSize());
        System.out.printf("bigram on Brown (V=%d): %s; first grad norms %.4f %.4f; curve %s%n", data.vocabSize(), r,
                seen.get(1).gradNorm(), seen.get(2).gradNorm(), r.curve());

        assertEquals(uniform, r.initialValidLoss(), 0.05, "an untrained model predicts about uniformly");
        assertTrue(r.validLoss() < uniform - 1.5, "valid loss " + r.validLoss() + " vs uniform " + uniform);
        assertTrue(r.validLoss() < 3.0, "a character bigram model reaches under 3 nats: " + r.validLoss());
        assertEquals(Math.exp(r.validLoss()), r.perplexity(), 1e-9);
        assertEquals(r.validLoss() / Math.log(2), r.bitsPerChar(), 1e-9);
        assertEquals((long) data.vocabSize() * data.vocabSize(), r.parameters());
        assertEquals(0, r.managedArrayGrowth(), "native arrays piled up");

        assertEquals(List.of(0, 50, 100, 150, 200), r.curve().stream().map(LossPoint::step).toList());
        for (int i = 1; i < r.curve().size(); i++) {
            assertTrue(r.curve().get(i).validLoss() < r.curve().get(i - 1).validLoss(), "valid loss went up: " + r.curve());
        }
        assertEquals(r.validLoss(), r.curve().get(4).validLoss());
        assertEquals(200, r.stepLosses().length);
        assertTrue(r.stepLosses()[199] < r.stepLosses()[0] - 1.5);

        assertTrue(r.stepsPerSecond() > 0);
        assertEquals(r.stepsPerSecond() * 32 * 64, r.tokensPerSecond(), 1e-6 * r.tokensPerSecond());
        assertTrue(r.wallSeconds() >= r.trainSeconds());

        assertEquals(201, seen.size());
        assertEquals(0, seen.get(0).step());
        assertTrue(seen.get(0).evaluated());
        assertEquals(r.initialValidLoss(), seen.get(0).validLoss());
        assertFalse(seen.get(1).evaluated());
        assertTrue(seen.get(1).gradNorm() > 0, "gradient norm is reported while clipping");
        assertTrue(Double.isNaN(seen.get(0).gradNorm()));
        assertEquals(r.stepLosses()[0], seen.get(1).trainLoss(), 0);
        assertEquals(config(7).learningRateAt(1), seen.get(1).learningRate(), 0);
        assertTrue(seen.get(50).evaluated());
        assertEquals(1.0, seen.get(200).fraction());
        assertEquals(3, r.curveTable().columnCount());
        assertEquals(5, r.curveTable().rowCount());
    }

    @Test
    void sameSeedSameLossCurve() {
        TrainConfig config = config(11).toBuilder().steps(60).evalInterval(20).evalBatches(4).build();
        TrainResult a = Trainer.train(BigramBlock::new, data, config);
        TrainResult b = Trainer.train(BigramBlock::new, data, config);
        assertArrayEquals(a.stepLosses(), b.stepLosses());
        assertEquals(a.curve(), b.curve());
        assertEquals(a.validLoss(), b.validLoss());

        TrainResult other = Trainer.train(BigramBlock::new, data, config.toBuilder().seed(12).build());
        assertFalse(java.util.Arrays.equals(a.stepLosses(), other.stepLosses()), "another seed, other batches");
    }

    @Test
    void clipsTheGlobalGradientNorm() {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            BigramBlock block = new BigramBlock(2);
            block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1));
            ai.djl.ndarray.NDArray table = block.getParameters().get("table").getArray();
            ai.djl.ndarray.NDArray coef = manager.create(new float[] {3, -4, 0, 0}, new ai.djl.ndarray.types.Shape(2, 2));
            try (ai.djl.training.GradientCollector collector =
                         ai.djl.engine.Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(table.mul(coef).sum()); // d/dtable = coef, norm 5
            }
            try (ai.djl.ndarray.NDManager step = manager.newSubManager()) {
                assertEquals(5.0, Trainer.clipGradNorm(block, step, 10f), 1e-5); // under the limit: unchanged
            }
            assertArrayEquals(new float[] {3, -4, 0, 0}, table.getGradient().toFloatArray(), 1e-6f);
            try (ai.djl.ndarray.NDManager step = manager.newSubManager()) {
                assertEquals(5.0, Trainer.clipGradNorm(block, step, 1f), 1e-5);
            }
            // both signs are scaled (DJL's own optClipGrad on PyTorch clamps only from above)
            assertArrayEquals(new float[] {0.6f, -0.8f, 0, 0}, table.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void reportsArraysThatPileUp() {
        TrainConfig config = config(3).toBuilder().steps(20).evalInterval(0).evalBatches(2).build();
        TrainResult leaky = Trainer.train(v -> new BigramBlock(v, true), data, config);
        assertTrue(leaky.managedArrayGrowth() >= 19, "leak not seen: " + leaky.managedArrayGrowth());
    }

    @Test
    void rejectsModelsWithTheWrongOutput() {
        TrainConfig config = config(3).toBuilder().steps(2).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.train(
                v -> new LambdaBlock(in -> new NDList(in.singletonOrThrow().toType(ai.djl.ndarray.types.DataType.FLOAT32, false))),
                data, config));
        assertEquals("the model maps token ids of shape (32, 64) to (32, 64); expected logits of shape (32, 64, "
                + data.vocabSize() + ")", e.getMessage());
        IllegalArgumentException shortData = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                BigramBlock::new, data.head(64, 1000), config));
        assertEquals("the training stream has 64 tokens; expected at least seqLen + 1 = 65", shortData.getMessage());
    }
}
