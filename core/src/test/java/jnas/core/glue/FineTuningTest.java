package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import jnas.core.data.BrownWords;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.train.TrainConfig;

/** Fine-tuning a 2 x 32 encoder on Brown: it learns POS in a few dozen steps, starts from the given weights, is seeded. */
class FineTuningTest {
    static WordSplit split;
    static WordVocab vocab;
    static EncoderConfig config;

    @BeforeAll
    static void load() {
        BrownWords brown = BrownWords.load();
        split = brown.split();
        vocab = brown.vocab();
        config = EncoderConfig.homogeneous(vocab.size(), 64, 2, 32, 2, 64);
    }

    static TrainConfig budget(int steps, long seed) {
        return TrainConfig.builder().steps(steps).batchSize(16).seqLen(64).learningRate(5e-3f).minLearningRate(5e-4f).warmupSteps(5)
                .weightDecay(0.01f).evalInterval(20).seed(seed).build();
    }

    @Test
    void posLearnsInAFewDozenSteps() {
        TaskData pos = Tasks.POS.data(split, vocab, new Sizes(1000, 200, 200), 64, 1);
        TaskResult r = FineTuning.run(Tasks.POS, config, null, pos, budget(60, 1), null);
        // measured: dev accuracy 0.10 before, 0.77 at step 20, 0.84 at step 60 (the most-frequent-tag baseline: 0.87)
        assertEquals(List.of(0, 20, 40, 60), r.curve().stream().map(FineTuning.Point::step).toList());
        double before = r.curve().get(0).devScore();
        assertTrue(before < 0.3, "an untrained head is near chance: " + before);
        assertTrue(r.dev() > 0.6 && r.dev() > before + 0.4, r.toString());
        assertTrue(r.test() > 0.6, r.toString());
        assertTrue(r.curve().get(3).devLoss() < r.curve().get(1).devLoss() && r.curve().get(1).devLoss() < r.curve().get(0).devLoss(),
                r.curve().toString());
        assertEquals(r.dev(), r.curve().get(3).devScore());
        assertEquals(0.87, r.baselineDev(), 0.03, "most frequent tag per word");
        assertFalse(r.pretrained());
        assertEquals(60, r.steps());
        // encoder (with its unused masked-LM head and pooler) and the 32 x 12 head
        assertEquals(jnas.core.model.EncoderCounts.totalParams(config) + 32 * 12 + 12, r.params());
    }

    @Test
    void theSameSeedGivesTheSameScores() {
        TaskData genre = Tasks.GENRE.data(split, vocab, new Sizes(200, 100, 100), 64, 1);
        TaskResult a = FineTuning.run(Tasks.GENRE, config, null, genre, budget(15, 3), null);
        TaskResult b = FineTuning.run(Tasks.GENRE, config, null, genre, budget(15, 3), null);
        TaskResult c = FineTuning.run(Tasks.GENRE, config, null, genre, budget(15, 4), null);
        // the scores are equal; the losses agree to float rounding only: two runs in one JVM differed in the
        // 8th digit (the CPU matmul kernels do not promise bit-identical sums from run to run)
        assertEquals(a.devScores(), b.devScores());
        assertEquals(a.testScores(), b.testScores());
        assertEquals(a.curve().size(), b.curve().size());
        for (int i = 0; i < a.curve().size(); i++) {
            FineTuning.Point p = a.curve().get(i), q = b.curve().get(i);
            assertEquals(p.step(), q.step());
            assertEquals(p.devScore(), q.devScore());
            assertEquals(p.devLoss(), q.devLoss(), 1e-5 * p.devLoss());
            if (i > 0) assertEquals(p.trainLoss(), q.trainLoss(), 1e-5 * p.trainLoss());
        }
        double other = c.curve().get(1).trainLoss(), same = a.curve().get(1).trainLoss();
        assertTrue(Math.abs(other - same) > 1e-3, "another seed trains another way: " + same + " and " + other);
        assertEquals(List.of("accuracy", "macro_f1"), List.copyOf(a.devScores().keySet()));
        for (double v : a.devScores().values()) assertTrue(v >= 0 && v <= 1, a.devScores().toString());
    }

    static List<float[]> weights(Encoder e) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : e.getParameters()) out.add(p.getValue().getArray().toFloatArray());
        return out;
    }

    @Test
    void fineTuningStartsFromExactlyThePretrainedWeights() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(99);
            Encoder source = new Encoder(config);
            source.initialize(m, DataType.FLOAT32, new Shape(1, 8));
            List<float[]> before = weights(source);
            TrainConfig train = budget(5, 1);
            try (FineTuning.Session s = FineTuning.open(Tasks.SAME_DOC, config, source, train)) {
                List<float[]> copied = weights(s.block().encoder());
                assertEquals(before.size(), copied.size());
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i), copied.get(i), source.getParameters().get(i).getKey());
                }
                assertEquals(new Shape(2, 32), s.block().head().getParameters().get("weight").getArray().getShape());
            }
            try (FineTuning.Session s = FineTuning.open(Tasks.SAME_DOC, config, null, train)) {
                List<float[]> random = weights(s.block().encoder());
                assertFalse(Arrays.equals(before.get(0), random.get(0)), "from random: the seed's own word embedding");
            }
            // fine-tuning reads the pre-trained weights and leaves them as they were
            TaskData pairs = Tasks.SAME_DOC.data(split, vocab, new Sizes(64, 32, 32), 64, 1);
            TaskResult r = FineTuning.run(Tasks.SAME_DOC, config, source, pairs, train, null);
            assertTrue(r.pretrained());
            assertEquals(0.5, r.baselineDev(), 1e-12);
            List<float[]> after = weights(source);
            for (int i = 0; i < before.size(); i++) assertArrayEquals(before.get(i), after.get(i));
            // another configuration's weights are refused
            EncoderConfig wider = EncoderConfig.homogeneous(vocab.size(), 64, 2, 32, 2, 128);
            assertThrows(IllegalArgumentException.class, () -> FineTuning.run(Tasks.SAME_DOC, wider, source, pairs, train, null));
        }
    }
}
