package jnas.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

class EncoderTest {
    static final EncoderConfig HOMOGENEOUS = EncoderConfig.homogeneous(40, 16, 2, 32, 4, 64);
    /** Attention widths 16, 12, 16 against H = 24, three feed-forward widths. */
    static final EncoderConfig HETEROGENEOUS = new EncoderConfig(37, 12, 3, 24, List.of(2, 3, 1), List.of(8, 4, 16),
            List.of(40, 64, 32), 2, 0.0);
    static final EncoderConfig NO_TYPES = EncoderConfig.perLayer(30, 10, 16, 8, List.of(1, 3), List.of(24, 8))
            .withTypeVocabSize(0);

    static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) n += p.getValue().getArray().size();
        return n;
    }

    static Encoder built(NDManager m, EncoderConfig c, int t) {
        Encoder e = new Encoder(c);
        e.initialize(m, DataType.FLOAT32, new Shape(2, t));
        return e;
    }

    static NDArray ids(NDManager m, int[][] rows) {
        int[] flat = new int[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        return m.create(flat, new Shape(rows.length, rows[0].length));
    }

    @Test
    void countsEqualTheBuiltModelPartByPart() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (EncoderConfig c : List.of(HOMOGENEOUS, HETEROGENEOUS, NO_TYPES)) {
                Encoder e = built(m, c, c.maxLength());
                assertEquals(EncoderCounts.totalParams(c), count(e), c.toString());
                assertEquals(EncoderCounts.embeddingParams(c), count(e.embeddings()), c.toString());
                for (int i = 0; i < c.layers(); i++) {
                    assertEquals(EncoderCounts.layerParams(c, i), count(e.layers().get(i)), "layer " + i + " of " + c);
                }
                assertEquals(EncoderCounts.mlmHeadParams(c), count(e.mlmHead()), c.toString());
                assertEquals(EncoderCounts.poolerParams(c), count(e.pooler()), c.toString());
            }
        }
        // by hand, H = 24, A = 12, F = 64: 3 (24*12 + 12) + 12*24 + 24 + 2*24*64 + 64 + 24 + 4*24
        assertEquals(900 + 312 + 3072 + 88 + 96, EncoderCounts.layerParams(HETEROGENEOUS, 1));
        // (37 + 12 + 2) * 24 + 48; head 24^2 + 24 + 48 + 37; pooler 24^2 + 24
        assertEquals(51 * 24 + 48, EncoderCounts.embeddingParams(HETEROGENEOUS));
        assertEquals(576 + 24 + 48 + 37, EncoderCounts.mlmHeadParams(HETEROGENEOUS));
        assertEquals(600, EncoderCounts.poolerParams(HETEROGENEOUS));
    }

    @Test
    void flopsCountTheMatmuls() {
        EncoderConfig c = HETEROGENEOUS;
        int t = 10;
        double h = 24;
        double[] a = {16, 12, 16};
        double[] f = {40, 64, 32};
        double layers = 0;
        for (int i = 0; i < 3; i++) layers += 6 * h * a[i] + 4 * t * a[i] + 2 * a[i] * h + 4 * h * f[i];
        assertEquals(layers, EncoderCounts.encoderFlopsPerToken(c, t));
        assertEquals(layers + 2 * h * h + 2 * h * 37, EncoderCounts.forwardFlopsPerToken(c, t));
        assertEquals(2 * h * h, EncoderCounts.poolerFlopsPerSequence(c));
    }

    @Test
    void outputShapesAndThePooler() {
        EncoderConfig c = HETEROGENEOUS;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder e = built(m, c, 7);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = ids(m, new int[][] {{2, 5, 9, 11, 3, 0, 0}, {2, 7, 7, 3, 8, 8, 3}});
            NDArray types = ids(m, new int[][] {{0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 1, 1, 1}});
            NDList out = e.forward(ps, new NDList(x, types), false);
            assertEquals(2, out.size());
            NDArray hidden = out.get(0), pooled = out.get(1);
            assertEquals(new Shape(2, 7, 24), hidden.getShape());
            assertEquals(new Shape(2, 24), pooled.getShape());
            Shape[] declared = e.getOutputShapes(new Shape[] {new Shape(2, 7), new Shape(2, 7)});
            assertEquals(hidden.getShape(), declared[0]);
            assertEquals(pooled.getShape(), declared[1]);
            assertEquals(new Shape(2, 7, 37), e.mlmLogits(ps, hidden, false).getShape());
            NDArray rows = hidden.reshape(14, 24).get(m.create(new long[] {1, 4, 9}));      // (3, H): "masked" positions
            NDArray logits = e.mlmLogits(ps, rows, false);
            assertEquals(new Shape(3, 37), logits.getShape());
            // the rows' logits are those of the full (B, T, V) logits at the same positions
            float[] all = e.mlmLogits(ps, hidden, false).reshape(14, 37).get(m.create(new long[] {1, 4, 9})).toFloatArray();
            float[] some = logits.toFloatArray();
            for (int i = 0; i < some.length; i++) assertEquals(all[i], some[i], 1e-5);
            // pooled = tanh(W h[:, 0] + b), with the pooler's own weight and bias
            NDArray w = null, b = null;
            for (Pair<String, Parameter> p : e.pooler().getParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) w = p.getValue().getArray();
                else b = p.getValue().getArray();
            }
            float[] expected = hidden.get(new NDIndex(":, 0, :")).matMul(w.transpose()).add(b).tanh().toFloatArray();
            float[] got = pooled.toFloatArray();
            for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-5);
        }
    }

    @Test
    void paddingDoesNotReachRealPositions() {
        EncoderConfig c = HETEROGENEOUS;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder e = built(m, c, 8);
            ParameterStore ps = new ParameterStore(m, false);
            int[] tokens = {2, 5, 9, 11, 3};
            NDList alone = e.forward(ps, new NDList(ids(m, new int[][] {tokens})), false);        // T = 5
            float[] h0 = alone.get(0).toFloatArray();
            float[] p0 = alone.get(1).toFloatArray();
            // the same tokens padded to 8 beside a longer sequence, with token types 0 or 1 at the padding
            for (int padType : new int[] {0, 1}) {
                NDArray x = ids(m, new int[][] {{2, 5, 9, 11, 3, 0, 0, 0}, {4, 4, 6, 8, 10, 12, 14, 16}});
                NDArray types = ids(m, new int[][] {{0, 0, 0, 0, 0, padType, padType, padType}, {0, 0, 0, 0, 1, 1, 1, 1}});
                NDList padded = e.forward(ps, new NDList(x, types), false);
                float[] h = padded.get(0).get(0).toFloatArray();                                  // (8, H)
                for (int i = 0; i < 5 * 24; i++) assertEquals(h0[i], h[i], 1e-5, "hidden " + i + ", padding type " + padType);
                float[] p = padded.get(1).get(0).toFloatArray();
                for (int i = 0; i < 24; i++) assertEquals(p0[i], p[i], 1e-5, "pooled " + i);
            }
            // a changed type at a real position does move the outputs (the comparison can fail)
            NDArray types = ids(m, new int[][] {{0, 0, 0, 1, 0}});
            float[] moved = e.forward(ps, new NDList(ids(m, new int[][] {tokens}), types), false).get(0).toFloatArray();
            double diff = 0;
            for (int i = 0; i < moved.length; i++) diff = Math.max(diff, Math.abs(moved[i] - h0[i]));
            assertTrue(diff > 1e-3, "type ids at real positions matter: " + diff);
        }
    }

    /** Garbage at padded positions of a layer's input leaves its outputs at real positions unchanged. */
    @Test
    void aLayerIgnoresWhatPaddedPositionsHold() {
        EncoderConfig c = HETEROGENEOUS;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(11);
            for (int i = 0; i < c.layers(); i++) {
                AbstractBlock layer = Encoder.STANDARD.layer(c, i);
                layer.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.2f), Parameter.Type.WEIGHT);
                layer.initialize(m, DataType.FLOAT32, new Shape(2, 6, 24), new Shape(2, 6));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomNormal(new Shape(2, 6, 24));
                NDArray real = m.create(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0}, new Shape(2, 6));
                NDArray garbage = x.duplicate();
                garbage.set(new NDIndex("0, 4:, :"), m.randomNormal(new Shape(2, 24)).mul(100));
                garbage.set(new NDIndex("1, 2:, :"), m.randomNormal(new Shape(4, 24)).mul(100));
                float[] a = layer.forward(ps, new NDList(x, real), false).singletonOrThrow().toFloatArray();
                float[] b = layer.forward(ps, new NDList(garbage, real), false).singletonOrThrow().toFloatArray();
                for (int pos : new int[] {0, 1, 2, 3, 6, 7}) {
                    for (int j = 0; j < 24; j++) assertEquals(a[pos * 24 + j], b[pos * 24 + j], 1e-5, "layer " + i + " position " + pos);
                }
                // without the mask, the same garbage does reach the real positions
                NDArray all = m.ones(new Shape(2, 6));
                float[] ua = layer.forward(ps, new NDList(x, all), false).singletonOrThrow().toFloatArray();
                float[] ub = layer.forward(ps, new NDList(garbage, all), false).singletonOrThrow().toFloatArray();
                assertTrue(Math.abs(ua[0] - ub[0]) > 1e-4, "unmasked attention sees every position");
            }
        }
    }

    @Test
    void theMlmHeadIsTheTokenEmbedding() {
        EncoderConfig c = HOMOGENEOUS;
        int v = c.vocabSize(), h = c.hidden();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            // one (V, H) parameter in the whole model, none in the head
            int vByH = 0;
            for (Pair<String, Parameter> p : new Encoder(c).getParameters()) {
                if (p.getValue().getShape() != null && p.getValue().getShape().equals(new Shape(v, h))) vByH++;
            }
            assertEquals(1, vByH);

            // a step on a loss through the head alone moves what the embedding returns
            Encoder e = built(m, c, 4);
            NDArray wte = e.embeddings().word().getArray();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray hidden = m.randomNormal(new Shape(3, h));                                   // not from the embedding
            NDArray r = m.randomNormal(new Shape(3, v));
            NDArray probe = ids(m, new int[][] {{17, 23}});
            float[] embedBefore = e.embeddings().forward(ps, new NDList(probe), false).singletonOrThrow().toFloatArray();
            wte.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(e.mlmLogits(new ParameterStore(m, false), hidden, true).mul(r).sum());
            }
            NDArray g = wte.getGradient();
            float[] rowNorms = g.abs().sum(new int[] {1}).toFloatArray();
            for (int i = 0; i < v; i++) assertTrue(rowNorms[i] > 0, "the head reaches row " + i);
            wte.subi(g.mul(0.5f));
            float[] embedAfter = e.embeddings().forward(ps, new NDList(probe), false).singletonOrThrow().toFloatArray();
            assertTrue(maxDiff(embedBefore, embedAfter) > 1e-3, "the embedding sees the head's step");

            // a step on a loss through the embedding alone moves exactly the logits of its tokens
            Encoder e2 = built(m, c, 4);
            NDArray wte2 = e2.embeddings().word().getArray();
            NDArray x = ids(m, new int[][] {{3, 5, 7}});
            float[] logitsBefore = e2.mlmLogits(ps, hidden, false).toFloatArray();
            wte2.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray emb = e2.embeddings().forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                gc.backward(emb.mul(m.randomNormal(emb.getShape())).sum());
            }
            NDArray g2 = wte2.getGradient();
            float[] rows2 = g2.abs().sum(new int[] {1}).toFloatArray();
            for (int i = 0; i < v; i++) {
                if (i == 3 || i == 5 || i == 7) assertTrue(rows2[i] > 0, "row " + i);
                else assertEquals(0f, rows2[i], "row " + i);
            }
            wte2.subi(g2.mul(0.5f));
            float[] logitsAfter = e2.mlmLogits(ps, hidden, false).toFloatArray();
            for (int row = 0; row < 3; row++) {
                for (int tok = 0; tok < v; tok++) {
                    float before = logitsBefore[row * v + tok], after = logitsAfter[row * v + tok];
                    if (tok == 3 || tok == 5 || tok == 7) assertTrue(Math.abs(after - before) > 1e-6, "logit " + tok + " moves");
                    else assertEquals(Float.floatToIntBits(before), Float.floatToIntBits(after), "logit " + tok + " stays");
                }
            }
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    /** A parameter-free token mixer: every position gets the mean of x over the real positions. */
    static final class MeanMixer extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.get(0);                                                        // (B, T, H)
            NDArray real = inputs.get(1).expandDims(2);                                       // (B, T, 1)
            NDArray mean = x.mul(real).sum(new int[] {1}, true).div(real.sum(new int[] {1}, true)); // (B, 1, H)
            return new NDList(mean.broadcast(x.getShape()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }

    @Test
    void otherTokenMixersPlugIn() {
        EncoderConfig c = HETEROGENEOUS;
        List<Integer> built = new ArrayList<>();
        Encoder.LayerFactory layers = Encoder.postLn((cfg, i) -> {
            built.add(i);
            return new MeanMixer();
        });
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder e = new Encoder(c, layers);
            e.initialize(m, DataType.FLOAT32, new Shape(1, 6));
            assertEquals(List.of(0, 1, 2), built);
            long attention = 0;
            for (int i = 0; i < c.layers(); i++) attention += 4L * 24 * c.attentionWidth(i) + 3L * c.attentionWidth(i) + 24;
            assertEquals(EncoderCounts.totalParams(c) - attention, count(e));
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = e.forward(ps, new NDList(ids(m, new int[][] {{2, 5, 9, 0, 0, 0}})), false).get(0).toFloatArray();
            float[] b = e.forward(ps, new NDList(ids(m, new int[][] {{2, 5, 9}})), false).get(0).toFloatArray();
            for (int i = 0; i < b.length; i++) assertEquals(b[i], a[i], 1e-5, "the mixer's padding rule holds in the encoder");
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        EncoderConfig c = HOMOGENEOUS.withDropout(0.5);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(2);
            Encoder e = built(m, c, 6);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = ids(m, new int[][] {{2, 5, 9, 11, 3, 4}});
            float[] a = e.forward(ps, new NDList(x), false).get(0).toFloatArray();
            float[] b = e.forward(ps, new NDList(x), false).get(0).toFloatArray();
            float[] t = e.forward(ps, new NDList(x), true).get(0).toFloatArray();
            assertEquals(0.0, maxDiff(a, b));
            assertTrue(maxDiff(a, t) > 1e-2, "dropout at 0.5 in training changes the outputs");
        }
    }

    @Test
    void refusesBadInputs() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ParameterStore ps = new ParameterStore(m, false);
            Encoder e = built(m, NO_TYPES, 4);
            NDArray x = ids(m, new int[][] {{2, 5, 9, 11}});
            assertThrows(IllegalArgumentException.class, () -> e.forward(ps, new NDList(x, x.zerosLike()), false));
            NDArray tooLong = m.ones(new Shape(1, 11), DataType.INT32);
            assertThrows(IllegalArgumentException.class, () -> e.forward(ps, new NDList(tooLong), false));
        }
        assertThrows(IllegalArgumentException.class, () -> EncoderConfig.homogeneous(40, 16, 2, 30, 4, 64));
        assertThrows(IllegalArgumentException.class,
                () -> new EncoderConfig(40, 16, 2, 32, List.of(4), List.of(8, 8), List.of(64, 64), 2, 0.0));
    }

    @Test
    void jsonRoundTripAndStableId() {
        for (EncoderConfig c : List.of(HOMOGENEOUS, HETEROGENEOUS, NO_TYPES, HOMOGENEOUS.withDropout(0.1))) {
            assertEquals(c, EncoderConfig.fromJson(c.toJson()));
            assertEquals(c.id(), EncoderConfig.fromJson(c.toJson()).id());
        }
        assertEquals("{\"vocab_size\":37,\"max_length\":12,\"layers\":3,\"hidden\":24,\"heads\":[2,3,1],"
                + "\"head_size\":[8,4,16],\"ffn\":[40,64,32],\"type_vocab_size\":2,\"dropout\":0.0}", HETEROGENEOUS.toJson());
        assertEquals("6ab3fc88cd7e", HETEROGENEOUS.id()); // sha256sum of the JSON above, first 12 hex digits
        // the same shape written two ways has one id; a changed width another
        EncoderConfig spelled = new EncoderConfig(40, 16, 2, 32, List.of(4, 4), List.of(8, 8), List.of(64, 64), 2, 0.0);
        assertEquals(HOMOGENEOUS.id(), spelled.id());
        EncoderConfig wider = new EncoderConfig(40, 16, 2, 32, List.of(4, 4), List.of(8, 8), List.of(64, 65), 2, 0.0);
        assertNotEquals(HOMOGENEOUS.id(), wider.id());
        assertEquals(12, HOMOGENEOUS.id().length());
        assertThrows(IllegalArgumentException.class, () -> EncoderConfig.fromJson("{\"vocab_size\":37}"));
        assertThrows(IllegalArgumentException.class, () -> EncoderConfig.fromJson("not json"));
    }
}
