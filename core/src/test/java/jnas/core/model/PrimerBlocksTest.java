package jnas.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

class PrimerBlocksTest {
    static final GptConfig PRIMER = new GptConfig(2, 32, List.of(64, 96), List.of(4, 2), 40, 16)
            .withActivation(GptConfig.Activation.SQUARED_RELU).withMdha(true);

    @Test
    void theDepthwiseKernelStartsAsInTheAuthorsCode() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gpt gpt = new Gpt(PRIMER);
            gpt.initialize(m, DataType.FLOAT32, new Shape(1, 16));
            int kernels = 0;
            for (Pair<String, Parameter> p : gpt.getParameters()) {
                if (!p.getKey().contains("dconv")) continue;
                kernels++;
                float[] w = p.getValue().getArray().toFloatArray(); // (3, 32)
                for (int c = 0; c < 32; c++) {
                    assertEquals(0.5f, w[c], 1e-7);
                    assertEquals(0.5f / 3, w[32 + c], 1e-7);
                    assertEquals(0.5f / 3, w[64 + c], 1e-7);
                }
            }
            assertEquals(2 * 3, kernels, "q, k and v in each of 2 layers");
            assertEquals(ModelCounts.totalParams(PRIMER), GptTest.countParameters(gpt));
        }
    }

    @Test
    void primerIsCausalBitForBit() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gpt gpt = new Gpt(PRIMER);
            gpt.initialize(m, DataType.FLOAT32, new Shape(1, 12));
            ParameterStore ps = new ParameterStore(m, false);
            int[] tokens = {1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9};
            for (int t = 1; t < tokens.length; t++) {
                int[] changed = tokens.clone();
                changed[t] = (changed[t] + 17) % 40;
                float[] a = gpt.forward(ps, new NDList(m.create(tokens, new Shape(1, 12))), false).singletonOrThrow().toFloatArray();
                float[] b = gpt.forward(ps, new NDList(m.create(changed, new Shape(1, 12))), false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < t * 40; i++) {
                    assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), "changing token " + t + " moved output " + i / 40);
                }
                boolean moved = false;
                for (int i = t * 40; i < (t + 1) * 40; i++) moved |= a[i] != b[i];
                assertTrue(moved, "position " + t + " sees its own token");
            }
        }
    }

    /** f(x, w) = sum(conv(x, w) * r): its gradients against central differences, in float64. */
    @Test
    void convolutionGradientsMatchFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(2, 5, 3)).toType(DataType.FLOAT64, false);
            NDArray w = m.randomNormal(new Shape(3, 3)).toType(DataType.FLOAT64, false);
            NDArray r = m.randomNormal(new Shape(2, 5, 3)).toType(DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray f = CausalDepthwiseConv.apply(x, w).mul(r).sum();
                gc.backward(f);
            }
            double[] gw = w.getGradient().toDoubleArray();
            double[] gx = x.getGradient().toDoubleArray();
            double eps = 1e-6;
            double[] wv = w.toDoubleArray();
            double[] xv = x.toDoubleArray();
            for (int i = 0; i < wv.length; i++) {
                double numeric = (value(m, xv, bump(wv, i, eps), r) - value(m, xv, bump(wv, i, -eps), r)) / (2 * eps);
                assertEquals(numeric, gw[i], 1e-6, "d/dw[" + i + "]");
            }
            for (int i = 0; i < xv.length; i++) {
                double numeric = (value(m, bump(xv, i, eps), wv, r) - value(m, bump(xv, i, -eps), wv, r)) / (2 * eps);
                assertEquals(numeric, gx[i], 1e-6, "d/dx[" + i + "]");
            }
        }
    }

    private static double[] bump(double[] v, int i, double eps) {
        double[] c = v.clone();
        c[i] += eps;
        return c;
    }

    private static double value(NDManager m, double[] x, double[] w, NDArray r) {
        NDArray xa = m.create(x, new Shape(2, 5, 3));
        NDArray wa = m.create(w, new Shape(3, 3));
        return CausalDepthwiseConv.apply(xa, wa).mul(r).sum().getDouble();
    }

    @Test
    void squaredReluAndMdhaChangeTheCounts() {
        GptConfig vanilla = new GptConfig(2, 32, List.of(64, 96), List.of(4, 2), 40, 16);
        assertEquals(ModelCounts.decoderParams(vanilla) + 2 * 3 * 3 * 32, ModelCounts.decoderParams(PRIMER));
        assertTrue(ModelCounts.forwardFlopsPerToken(PRIMER, 16) > ModelCounts.forwardFlopsPerToken(vanilla, 16));
    }
}
