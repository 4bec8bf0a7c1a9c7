package jnas.core.autobert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;

import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;

class ProgramAttentionTest {
    static final int B = 2, T = 5, H = 12, HEADS = 2, D = 4, A = HEADS * D;

    static Map<String, NDArray> params(Block block) {
        Map<String, NDArray> m = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) m.put(p.getKey().replaceFirst("^\\d+", ""), p.getValue().getArray());
        return m;
    }

    static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) n += p.getValue().getArray().size();
        return n;
    }

    static AbstractBlock built(NDManager m, AbstractBlock block) {
        block.setInitializer(new NormalInitializer(0.3f), Parameter.Type.WEIGHT);
        block.initialize(m, DataType.FLOAT32, new Shape(B, T, H), new Shape(B, T));
        return block;
    }

    /** x W^T + b, then (B, T, A) to (B, heads, T, d). */
    static NDArray project(Map<String, NDArray> p, String name, NDArray x) {
        if (!p.containsKey(name + "_weight")) throw new AssertionError("no " + name + "_weight in " + p.keySet());
        NDArray y = x.matMul(p.get(name + "_weight").transpose()).add(p.get(name + "_bias"));
        return y.reshape(B, T, HEADS, D).transpose(0, 2, 1, 3);
    }

    static NDArray out(Map<String, NDArray> p, NDArray heads) {
        NDArray y = heads.transpose(0, 2, 1, 3).reshape(B, T, A);
        return y.matMul(p.get("output_weight").transpose()).add(p.get("output_bias"));
    }

    static float[] run(NDManager m, AbstractBlock block, NDArray x, NDArray real) {
        return block.forward(new ParameterStore(m, false), new NDList(x, real), false).singletonOrThrow().toFloatArray();
    }

    static void assertClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, "element " + i);
    }

    @Test
    void thePapersAttentionsComputeWhatTheirFormulasSay() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(B, T, H));
            NDArray real = m.ones(new Shape(B, T));
            double s = Math.sqrt(D);

            AbstractBlock l2 = built(m, new ProgramAttention(Attentions.get("autobert-l2"), H, HEADS, D));
            Map<String, NDArray> p = params(l2);
            assertFalse(p.containsKey("value_weight"), "l2 reads no V: no W_V");
            NDArray q = project(p, "query", x), k = project(p, "key", x);
            // softmax(Q log(1+exp(K^T)) / sqrt(d_h)) (K+Q) W_O^T, written out
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2).exp().add(1).log()).div(s);
            NDArray expected = out(p, scores.softmax(-1).matMul(k.add(q)));
            assertClose(expected.toFloatArray(), run(m, l2, x, real), 1e-5);

            AbstractBlock l12 = built(m, new ProgramAttention(Attentions.get("autobert-l12"), H, HEADS, D));
            p = params(l12);
            q = project(p, "query", x);
            k = project(p, "key", x);
            NDArray v = project(p, "value", x);
            // softmax(Q (K/sqrt(d_h) + V)^T / sqrt(d_h)) V W_O^T
            scores = q.matMul(k.div(s).add(v).transpose(0, 1, 3, 2)).div(s);
            expected = out(p, scores.softmax(-1).matMul(v));
            assertClose(expected.toFloatArray(), run(m, l12, x, real), 1e-5);
        }
    }

    @Test
    void vanillaIsBertsSelfAttentionWeightForWeight() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(5);
            AbstractBlock bert = built(m, new Encoder.SelfAttention(H, HEADS, D, 0));
            AbstractBlock ours = built(m, new ProgramAttention(Attentions.vanilla(), H, HEADS, D));
            Map<String, NDArray> from = params(bert), to = params(ours);
            assertEquals(from.keySet(), to.keySet());
            for (var e : from.entrySet()) to.get(e.getKey()).set(e.getValue().toFloatArray());
            NDArray x = m.randomNormal(new Shape(B, T, H));
            NDArray real = m.create(new float[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1}, new Shape(B, T));
            assertClose(run(m, bert, x, real), run(m, ours, x, real), 1e-6);
        }
    }

    /** Programs that sum over positions, take softmax over the head width, and feed exp and square: padding stays out. */
    @Test
    void paddedPositionsNeverReachRealOnes() {
        List<AttentionProgram> programs = List.of(Attentions.vanilla(), Attentions.get("autobert-l2"), Attentions.get("autobert-l12"),
                AttentionProgram.parse("r3 = transpose(k)\nr4 = exp(r3)\nr5 = matmul(r4, v)\nr6 = softmax(r5)\nr7 = matmul(q, r6)"),
                AttentionProgram.parse("r3 = square(k)\nr4 = transpose(r3)\nr5 = matmul(q, r4)\nr6 = transpose(r5)\nr7 = softmax(r6)\n"
                        + "r8 = matmul(r7, v)\nr9 = max(r8, q)"));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(B, T, H));
            NDArray real = m.create(new float[] {1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, new Shape(B, T));
            NDArray garbage = x.duplicate();
            garbage.set(new NDIndex("0, 3:, :"), m.randomNormal(new Shape(2, H)).mul(100));
            garbage.set(new NDIndex("1, 2:, :"), m.randomNormal(new Shape(3, H)).mul(100));
            for (AttentionProgram program : programs) {
                assertEquals(null, program.problem());
                AbstractBlock block = built(m, new ProgramAttention(program, H, HEADS, D));
                float[] a = run(m, block, x, real), b = run(m, block, garbage, real);
                for (int pos : new int[] {0, 1, 2, 5, 6}) {
                    for (int j = 0; j < H; j++) assertEquals(a[pos * H + j], b[pos * H + j], 1e-4, program.formula() + " position " + pos);
                }
                float[] ua = run(m, block, x, m.ones(new Shape(B, T))), ub = run(m, block, garbage, m.ones(new Shape(B, T)));
                assertTrue(Math.abs(ua[0] - ub[0]) > 1e-4, "without the mask the garbage does reach position 0: " + program.formula());
            }
            AbstractBlock conv = built(m, new SeparableConv(H, 3));
            float[] a = run(m, conv, x, real), b = run(m, conv, garbage, real);
            for (int pos : new int[] {0, 1, 2, 5, 6}) {
                for (int j = 0; j < H; j++) assertEquals(a[pos * H + j], b[pos * H + j], 1e-4, "conv position " + pos);
            }
        }
    }

    @Test
    void paddedKeysGetNoWeightWhateverTheRealLogits() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // one row, four keys, the last two padded; real logits far below -1e9
            NDArray x = m.create(new float[] {-3e10f, -1e10f, 0f, 5f}, new Shape(1, 1, 1, 4));
            NDArray mask = m.create(new float[] {1, 1, 0, 0}, new Shape(1, 1, 1, 4)).gt(0.5f);
            float[] w = ProgramAttention.maskedSoftmax(x, mask).toFloatArray();
            assertEquals(0f, w[2]);
            assertEquals(0f, w[3]);
            assertEquals(1f, w[0] + w[1], 1e-6);
            assertEquals(1f, w[1], 1e-6, "softmax of (-3e10, -1e10): all weight on the larger");
        }
    }

    /** More padding after the same tokens leaves the real positions' outputs as they were. */
    @Test
    void theAmountOfPaddingDoesNotMatter() {
        AttentionProgram steep = AttentionProgram.parse("r3 = transpose(k)\nr4 = matmul(q, r3)\nr5 = square(r4)\nr6 = neg(r5)\nr7 = softmax(r6)\n"
                + "r8 = matmul(r7, v)");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(13);
            AbstractBlock block = new ProgramAttention(steep, H, HEADS, D);
            block.setInitializer(new NormalInitializer(3f), Parameter.Type.WEIGHT);      // large weights: very negative logits
            block.initialize(m, DataType.FLOAT32, new Shape(1, 8, H), new Shape(1, 8));
            NDArray tokens = m.randomNormal(new Shape(1, 3, H));
            NDArray short4 = tokens.concat(m.randomNormal(new Shape(1, 1, H)), 1);
            NDArray long8 = tokens.concat(m.randomNormal(new Shape(1, 5, H)).mul(50), 1);
            float[] a = block.forward(new ParameterStore(m, false), new NDList(short4, m.create(new float[] {1, 1, 1, 0}, new Shape(1, 4))), false)
                    .singletonOrThrow().toFloatArray();
            float[] b = block.forward(new ParameterStore(m, false), new NDList(long8, m.create(new float[] {1, 1, 1, 0, 0, 0, 0, 0}, new Shape(1, 8))),
                    false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < 3 * H; i++) {
                assertTrue(Float.isFinite(a[i]), "finite at " + i);
                assertEquals(a[i], b[i], 1e-3 * Math.max(1, Math.abs(a[i])), "element " + i);
            }
        }
    }

    @Test
    void theOpsAreTheDocumentedFunctions() {
        // each unary op on a (T, d) register, then an add with Q so the output is (T, d): compare with direct code
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Engine.getEngine("PyTorch").setRandomSeed(9);
            NDArray x = m.randomNormal(new Shape(B, T, H)).mul(3);
            NDArray real = m.ones(new Shape(B, T));
            for (AttentionOp op : AttentionOp.UNARY) {
                if (op == AttentionOp.TRANSPOSE) continue;
                AttentionProgram p = AttentionProgram.parse("r3 = " + op.code() + "(k)\nr4 = add(r3, q)");
                AbstractBlock block = built(m, new ProgramAttention(p, H, HEADS, D));
                Map<String, NDArray> w = params(block);
                NDArray k = project(w, "key", x), q = project(w, "query", x);
                NDArray f = switch (op) {
                    case NEG -> k.neg();
                    case SCALE -> k.div(Math.sqrt(D));
                    case SOFTMAX -> k.exp().div(k.exp().sum(new int[] {-1}, true));
                    case LOG_SIGMOID -> k.neg().exp().add(1).log().neg();
                    case SOFTSIGN -> k.div(k.abs().add(1));
                    case SOFTPLUS -> k.exp().add(1).log();
                    case SQRT -> k.sign().mul(k.abs().add(1e-6).sqrt().sub(Math.sqrt(1e-6)));
                    case ABS -> k.abs();
                    case SQUARE -> k.mul(k);
                    case SIGMOID -> k.neg().exp().add(1).pow(-1);
                    case TANH -> k.mul(2).exp().sub(1).div(k.mul(2).exp().add(1));
                    case EXP -> k.minimum(10).exp();
                    default -> throw new AssertionError(op);
                };
                assertClose(out(w, f.add(q)).toFloatArray(), run(m, block, x, real), 1e-3);
            }
        }
    }

    @Test
    void builtModelsHaveTheCountedParameters() {
        EncoderConfig c = new EncoderConfig(40, 16, 4, 24, List.of(2, 3, 1, 2), List.of(8, 4, 16, 6), List.of(40, 64, 32, 24), 2, 0.0);
        HybridEncoder model = new HybridEncoder(c, List.of(LayerChoice.attention(Attentions.vanilla()),
                LayerChoice.attention(Attentions.get("autobert-l2")), LayerChoice.conv(31), LayerChoice.attention(Attentions.get("autobert-l12"))));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder e = model.build();
            e.initialize(m, DataType.FLOAT32, new Shape(2, 16));
            assertEquals(model.totalParams(), count(e));
            for (int i = 0; i < c.layers(); i++) assertEquals(model.layerParams(i), count(e.layers().get(i)), "layer " + i);
            NDArray ids = m.create(new int[] {2, 7, 9, 4, 0, 0, 3, 3, 3, 3, 3, 3}, new Shape(2, 6));
            NDList outs = e.forward(new ParameterStore(m, false), new NDList(ids), false);
            assertArrayEquals(new long[] {2, 6, 24}, outs.get(0).getShape().getShape());
            for (float f : outs.get(0).toFloatArray()) assertTrue(Float.isFinite(f));
        }
    }
}
