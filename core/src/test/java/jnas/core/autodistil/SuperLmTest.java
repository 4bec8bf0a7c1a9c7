package jnas.core.autodistil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import jnas.core.autobert.Biws;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.util.Rng;

class SuperLmTest {
    /** A teacher of 4 layers, hidden 32, 4 heads of 8, FFN 64, over 40 tokens and 12 positions. */
    static final EncoderConfig TEACHER = EncoderConfig.homogeneous(40, 12, 4, 32, 4, 64);

    static Encoder teacher(NDManager m) {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        Encoder e = TEACHER.build();
        e.initialize(m, DataType.FLOAT32, new Shape(2, 12));
        // non-zero biases and gains, so a wrong slice of any parameter shows
        Rng rng = new Rng(11);
        for (var p : e.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] noise = new float[(int) a.size()];
            for (int i = 0; i < noise.length; i++) noise[i] = (float) (rng.nextDouble() - 0.5) * 0.2f;
            a.addi(m.create(noise, a.getShape()));
        }
        return e;
    }

    static NDArray ids(NDManager m) {
        return m.create(new int[] {3, 5, 9, 11, 20, 4, 0, 0, 3, 7, 8, 30, 31, 32, 33, 4}, new Shape(2, 8));
    }

    static float[] flat(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    @Test
    void aSubNetworkIsThePrefixOfEveryWeightAndEvenlySpacedLayers() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); SuperLm lm = new SuperLm(teacher(m), false)) {
            SubNet s = new SubNet(2, 20, 2, 40);
            Map<String, SuperLm.Source> src = lm.sources(s);
            assertEquals("layer2_attn_query_weight", src.get("layer1_attn_query_weight").path(), "layer 1 of 2 is the teacher's layer 2");
            assertEquals("layer0_ffn_c_fc_weight", src.get("layer0_ffn_c_fc_weight").path());
            assertEquals(new Shape(16, 20), src.get("layer1_attn_query_weight").shape(), "2 heads of the teacher's head size 8, hidden 20");
            assertEquals(new Shape(40, 20), src.get("embeddings_word").shape());
            assertEquals(new Shape(20), src.get("layer1_ln_2_gamma").shape());
            try (NDManager on = NDManager.newBaseManager("PyTorch")) {
                Encoder student = lm.extract(s, on);
                Map<String, NDArray> got = BiwsTest_byPath(student), full = lm.weights();
                assertArrayEquals(flat(full.get("layer2_attn_query_weight").get(new NDIndex(":16, :20"))), flat(got.get("layer1_attn_query_weight")));
                assertArrayEquals(flat(full.get("layer2_attn_output_weight").get(new NDIndex(":20, :16"))), flat(got.get("layer1_attn_output_weight")));
                assertArrayEquals(flat(full.get("layer0_ffn_c_proj_bias").get(new NDIndex(":20"))), flat(got.get("layer0_ffn_c_proj_bias")));
                assertArrayEquals(flat(full.get("embeddings_position").get(new NDIndex(":, :20"))), flat(got.get("embeddings_position")));
                assertArrayEquals(flat(full.get("mlm_bias")), flat(got.get("mlm_bias")));
            }
        }
    }

    static Map<String, NDArray> BiwsTest_byPath(Encoder e) {
        Map<String, NDArray> out = new java.util.HashMap<>();
        for (var p : e.getParameters()) out.put(Biws.path(p.getKey()), p.getValue().getArray());
        return out;
    }

    @Test
    void aSlicedSubNetworkComputesWhatAStandaloneEncoderWithTheSlicedWeightsComputes() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); SuperLm lm = new SuperLm(teacher(m), true)) {
            for (SubNet s : new SubNet[] {new SubNet(2, 20, 2, 40), new SubNet(3, 32, 3, 64), new SubNet(1, 12, 1, 16), SubNet.of(TEACHER)}) {
                try (NDManager step = lm.manager().newSubManager(); NDManager on = NDManager.newBaseManager("PyTorch")) {
                    NDList viaSlices = lm.forward(s, ids(step), step);
                    Encoder standalone = lm.extract(s, on);
                    NDList direct = standalone.forward(new ParameterStore(on, false), new NDList(ids(on)), false);
                    // rows of padding (positions 6, 7 of the first sequence) included: the same arithmetic, the same numbers
                    assertArrayEquals(flat(direct.get(0)), flat(viaSlices.get(0)), 1e-6f, s + " hidden");
                    assertArrayEquals(flat(direct.get(1)), flat(viaSlices.get(1)), 1e-6f, s + " pooled");
                }
            }
            // the teacher as its own sub-network is the teacher
            try (NDManager step = lm.manager().newSubManager(); NDManager on = NDManager.newBaseManager("PyTorch")) {
                Encoder t = teacher(on);
                NDList a = t.forward(new ParameterStore(on, false), new NDList(ids(on)), false);
                NDList b = lm.forward(SubNet.of(TEACHER), ids(step), step);
                assertArrayEquals(flat(a.get(0)), flat(b.get(0)), 1e-6f);
            }
        }
    }

    @Test
    void gradientsReachOnlyTheSlicesASubNetworkReads() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); SuperLm lm = new SuperLm(teacher(m), true);
             SuperLm frozen = new SuperLm(teacher(m), false)) {
            SubNet s = new SubNet(2, 20, 2, 40);
            try (NDManager step = lm.manager().newSubManager()) {
                NDArray ids = ids(step);
                SuperLm.Qkv t = Distiller.teacherQkv(frozen, ids, step);
                SuperLm.Forward f;
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    f = lm.qkv(s, ids, step);
                    gc.backward(RelationLoss.loss(f.qkv(), t, 4, RelationLoss.Kind.MSE));
                }
                assertEquals(new Shape(2, 8, 16), f.qkv().q().getShape(), "last layer's Q: 2 heads x 8");
                assertTrue(f.used().contains("layer2_attn_query_weight"));
                assertTrue(!f.used().contains("layer1_attn_query_weight") && !f.used().contains("layer3_attn_query_weight"),
                        "layers 1 and 3 are not part of a 2-layer sub-network: " + f.used());
                NDArray g = lm.weights().get("layer2_attn_query_weight").getGradient();
                assertTrue(g.get(new NDIndex(":16, :20")).abs().sum().getFloat() > 0, "the slice gets a gradient");
                assertEquals(0f, g.get(new NDIndex("16:, :")).abs().sum().getFloat(), "rows outside the slice get none");
                assertEquals(0f, g.get(new NDIndex(":, 20:")).abs().sum().getFloat(), "columns outside the slice get none");
            }
        }
    }

    @Test
    void theHeldOutLossAgainstTheTeachersVectorsComputedOnceIsTheLossAgainstAFreshTeacherForward() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); SuperLm student = new SuperLm(teacher(m), true);
             SuperLm frozen = new SuperLm(teacher(m), false)) {
            // a student that differs from the teacher, so the loss is not zero
            for (NDArray w : student.weights().values()) NoGrad.run(() -> w.muli(0.9f));
            java.util.List<int[][]> batches = java.util.List.of(new int[][] {{3, 5, 9, 11, 20, 4, 0, 0}, {3, 7, 8, 30, 31, 32, 33, 4}},
                    new int[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {9, 10, 11, 12, 13, 14, 15, 16}});
            java.util.List<SuperLm.Qkv> once = Distiller.teacherHeldOut(frozen, batches, frozen.manager());
            for (SubNet s : new SubNet[] {new SubNet(2, 20, 2, 40), new SubNet(1, 12, 1, 16)}) {
                for (RelationLoss.Kind kind : RelationLoss.Kind.values()) {
                    double fresh = Distiller.heldOutLoss(student, s, batches, frozen, kind);
                    double cached = Distiller.heldOutLoss(student, s, batches, once, TEACHER.heads().get(0), kind);
                    assertTrue(fresh > 1e-4, s + " " + kind + ": " + fresh);
                    assertEquals(fresh, cached, 1e-7 * fresh, s + " " + kind);
                }
            }
        }
    }

    @Test
    void adamWMatchesItsFormulaAndClipsByTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2));
            NDArray b = m.create(new float[] {0.5f, -0.5f});
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            Map<String, NDArray> weights = new java.util.LinkedHashMap<>();
            weights.put("w", w);
            weights.put("b", b);
            AdamW opt = new AdamW(weights, 0.9, 0.999, 1e-6, 0.1, m);
            float[] c = {3f, -4f, 0f, 0f};
            double[] w0 = {1, 2, 3, 4};
            for (int t = 1; t <= 2; t++) {
                try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                    gc.backward(w.mul(m.create(c, new Shape(2, 2))).sum().add(b.sum().mul(0)));
                }
                double norm = AdamW.clip(weights, java.util.List.of("w", "b"), 2.5);
                assertEquals(5.0, norm, 1e-5, "global norm before clipping: sqrt(3^2 + 4^2)");
                double[] before = new double[4];
                float[] cur = w.toFloatArray();
                for (int i = 0; i < 4; i++) before[i] = cur[i];
                opt.update(weights, java.util.List.of("w", "b"), 0.01);
                // a constant gradient g: m_hat = g and v_hat = g^2 at every step, so the step is g / (|g| + eps) + 0.1 w
                float[] after = w.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    double g = c[i] * 0.5;   // clipped from norm 5 to 2.5
                    double expected = before[i] - 0.01 * (g / (Math.abs(g) + 1e-6) + 0.1 * before[i]);
                    assertEquals(expected, after[i], 1e-6, "t=" + t + " i=" + i);
                }
                assertEquals(0f, w.getGradient().abs().sum().getFloat(), "gradients are zeroed after the update");
            }
            assertArrayEquals(new float[] {0.5f, -0.5f}, b.toFloatArray(), 1e-7f, "a zero gradient and no decay on vectors leave b");
            assertEquals(2, opt.steps().get("w"));
            assertTrue(w0[0] != w.toFloatArray()[0]);
        }
    }
}
