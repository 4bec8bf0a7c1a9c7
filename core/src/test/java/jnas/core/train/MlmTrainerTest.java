package jnas.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.util.Rng;

/** Masked-LM pre-training on a stream with structure a tiny encoder can learn (each word predicts the next). */
class MlmTrainerTest {
    static final int VOCAB = 40, FIRST = 5;
    static final MlmTrainer.Special SPECIAL = new MlmTrainer.Special(3, 4, new MlmMasking(0.15, 2, FIRST, VOCAB));

    /** Words in runs: w, w+1, w+2, ... (mod the word range), restarting at a random word now and then. */
    static int[] stream(long seed, int n) {
        Rng rng = new Rng(seed);
        int[] out = new int[n];
        int w = FIRST;
        for (int i = 0; i < n; i++) {
            if (rng.nextInt(8) == 0) w = FIRST + rng.nextInt(VOCAB - FIRST);
            out[i] = w;
            w = FIRST + (w - FIRST + 1) % (VOCAB - FIRST);
        }
        return out;
    }

    static TrainConfig config(long seed) {
        return TrainConfig.builder().steps(200).batchSize(16).seqLen(16).learningRate(1e-2f).minLearningRate(1e-3f).warmupSteps(20)
                .evalInterval(100).evalBatches(2).seed(seed).build();
    }

    static EncoderConfig shape() {
        return EncoderConfig.homogeneous(VOCAB, 16, 2, 32, 2, 64);
    }

    @Test
    void preTrainingLearnsAndIsSeeded(@TempDir Path dir) throws Exception {
        int[] train = stream(1, 20_000), valid = stream(2, 2_000);
        Encoder a = new Encoder(shape());
        MlmTrainer.Result r = MlmTrainer.train(a, train, valid, SPECIAL, config(7), null);
        assertEquals(List.of(0, 100, 200), r.curve().stream().map(MlmTrainer.Point::step).toList());
        double before = r.curve().get(0).validLoss();
        assertEquals(Math.log(VOCAB), before, 0.5, "an untrained head is close to uniform");
        // 200 small steps: the masked-token loss falls clearly (an untrained or frozen model stays at log V)
        assertTrue(r.validLoss() < before - 0.4, r.curve().toString());
        assertTrue(r.curve().get(1).validLoss() < before && r.validLoss() < r.curve().get(1).validLoss(), r.curve().toString());
        assertTrue(r.validAccuracy() > r.curve().get(0).validAccuracy(), r.curve().toString());

        Encoder b = new Encoder(shape());
        MlmTrainer.Result again = MlmTrainer.train(b, train, valid, SPECIAL, config(7), null);
        assertEquals(r.curve(), again.curve(), "the same seed gives the same losses");

        // a checkpoint round trip is bit for bit: parameters and MLM logits
        Path file = dir.resolve("mlm.params");
        MlmTrainer.save(a, file);
        assertTrue(Files.size(file) > 4L * r.params());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder loaded = new Encoder(shape());
            MlmTrainer.load(loaded, file, m);
            var pa = a.getParameters();
            var pl = loaded.getParameters();
            assertEquals(pa.size(), pl.size());
            for (int i = 0; i < pa.size(); i++) {
                assertEquals(pa.get(i).getKey(), pl.get(i).getKey());
                assertArrayEquals(pa.get(i).getValue().getArray().toFloatArray(), pl.get(i).getValue().getArray().toFloatArray(),
                        pa.get(i).getKey());
            }
            int[][] ids = {MlmTrainer.window(valid, 10, SPECIAL, 16)};
            NDArray x = m.create(ids[0], new Shape(1, 16));
            ParameterStore ps = new ParameterStore(m, false);
            float[] la = a.mlmLogits(ps, a.forward(ps, new NDList(x), false).get(0), false).toFloatArray();
            float[] ll = loaded.mlmLogits(ps, loaded.forward(ps, new NDList(x), false).get(0), false).toFloatArray();
            assertArrayEquals(la, ll);
            assertEquals(DataType.FLOAT32, loaded.getParameters().get(0).getValue().getArray().getDataType());
        }
    }

    @Test
    void aPretrainedEncoderIsCachedByContent(@TempDir Path dir) throws Exception {
        String old = System.getProperty("jnas.cacheDir");
        System.setProperty("jnas.cacheDir", dir.toString());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int[] train = stream(1, 5_000), valid = stream(2, 1_000);
            TrainConfig short20 = config(7).toBuilder().steps(20).evalInterval(10).build();
            MlmTrainer.Pretrained first = MlmTrainer.pretrained(shape(), "runs-40", train, valid, SPECIAL, short20, null, m);
            assertTrue(!first.cached());
            assertTrue(Files.isRegularFile(dir.resolve("encoders").resolve(first.key() + ".params")));
            MlmTrainer.Pretrained second = MlmTrainer.pretrained(shape(), "runs-40", train, valid, SPECIAL, short20, null, m);
            assertTrue(second.cached(), "the same content comes from the cache");
            assertEquals(first.key(), second.key());
            assertEquals(first.result(), second.result());
            var pa = first.encoder().getParameters();
            var pb = second.encoder().getParameters();
            for (int i = 0; i < pa.size(); i++) {
                assertArrayEquals(pa.get(i).getValue().getArray().toFloatArray(), pb.get(i).getValue().getArray().toFloatArray());
            }
            MlmTrainer.Pretrained otherSeed = MlmTrainer.pretrained(shape(), "runs-40", train, valid, SPECIAL,
                    short20.toBuilder().seed(8).build(), null, m);
            MlmTrainer.Pretrained otherData = MlmTrainer.pretrained(shape(), "runs-41", train, valid, SPECIAL, short20, null, m);
            assertTrue(!otherSeed.cached() && !otherData.cached());
            assertEquals(3, java.util.Set.of(first.key(), otherSeed.key(), otherData.key()).size());
        } finally {
            if (old == null) System.clearProperty("jnas.cacheDir");
            else System.setProperty("jnas.cacheDir", old);
        }
    }
}
