package jnas.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

class GptTest {
    static final List<GptConfig> CONFIGS = List.of(
            new GptConfig(2, 32, List.of(64, 96), List.of(2, 4), 50, 16),
            new GptConfig(3, 48, List.of(96, 160, 128), List.of(8, 2, 4), 71, 24),
            GptConfig.homogeneous(1, 64, 256, 4, 30, 8));

    static long countParameters(Gpt gpt) {
        long n = 0;
        for (Pair<String, Parameter> p : gpt.getParameters()) n += p.getValue().getArray().size();
        return n;
    }

    @Test
    void analyticCountsEqualTheBuiltModel() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (GptConfig c : CONFIGS) {
                Gpt gpt = new Gpt(c);
                gpt.initialize(m, DataType.FLOAT32, new Shape(2, c.contextLength()));
                long built = countParameters(gpt);
                assertEquals(ModelCounts.totalParams(c), built, c.toString());
                long embeddings = (long) c.vocabSize() * c.dModel() + (long) c.contextLength() * c.dModel();
                assertEquals(ModelCounts.decoderParams(c), built - embeddings, c.toString());
            }
        }
    }

    @Test
    void forwardGivesLogitsPerPositionAndIsCausal() {
        GptConfig c = CONFIGS.get(1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gpt gpt = new Gpt(c);
            gpt.initialize(m, DataType.FLOAT32, new Shape(1, 10));
            ParameterStore ps = new ParameterStore(m, false);
            int[] tokens = {3, 14, 15, 9, 26, 5, 35, 8, 9, 7};
            NDArray a = gpt.forward(ps, new NDList(m.create(tokens, new Shape(1, 10))), false).singletonOrThrow();
            assertEquals(new Shape(1, 10, c.vocabSize()), a.getShape());
            int[] changed = tokens.clone();
            changed[6] = 42; // change token t = 6
            NDArray b = gpt.forward(ps, new NDList(m.create(changed, new Shape(1, 10))), false).singletonOrThrow();
            float[] fa = a.toFloatArray(), fb = b.toFloatArray();
            int v = c.vocabSize();
            for (int pos = 0; pos < 6; pos++) {
                for (int j = 0; j < v; j++) {
                    assertEquals(Float.floatToIntBits(fa[pos * v + j]), Float.floatToIntBits(fb[pos * v + j]),
                            "position " + pos + " must not see token 6");
                }
            }
            boolean differs = false;
            for (int j = 0; j < v; j++) differs |= fa[6 * v + j] != fb[6 * v + j];
            assertFalse(!differs, "position 6 sees its own token");
        }
    }

    @Test
    void flopsCountTheMatmuls() {
        GptConfig c = GptConfig.homogeneous(2, 64, 256, 4, 100, 32);
        // per layer 8*64^2 + 4*32*64 + 4*64*256, twice, plus the head 2*64*100
        double expected = 2 * (8.0 * 64 * 64 + 4.0 * 32 * 64 + 4.0 * 64 * 256) + 2.0 * 64 * 100;
        assertEquals(expected, ModelCounts.forwardFlopsPerToken(c, 32));
        assertArrayEquals(new long[] {ModelCounts.layerParams(64, 256)}, new long[] {4 * 64 + 4 * 64 * 64 + 4 * 64 + 2 * 64 * 256 + 256 + 64});
    }
}
