package jnas.core.autodistil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import jnas.core.util.Rng;

class RelationLossTest {
    static final int B = 2, T = 5, R = 2;

    static float[] random(Rng rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (rng.nextDouble() * 2 - 1);
        return out;
    }

    /** X X^T / sqrt(d_r) per relation head, in doubles. */
    static double[][][][] relation(float[] x, int a) {
        int d = a / R;
        double[][][][] out = new double[B][R][T][T];
        for (int b = 0; b < B; b++) for (int r = 0; r < R; r++) for (int i = 0; i < T; i++) for (int j = 0; j < T; j++) {
            double s = 0;
            for (int c = 0; c < d; c++) s += x[(b * T + i) * a + r * d + c] * x[(b * T + j) * a + r * d + c];
            out[b][r][i][j] = s / Math.sqrt(d);
        }
        return out;
    }

    static double direct(float[] s, int as, float[] t, int at, boolean kl) {
        double[][][][] rs = relation(s, as), rt = relation(t, at);
        double sum = 0;
        int n = 0;
        for (int b = 0; b < B; b++) for (int r = 0; r < R; r++) for (int i = 0; i < T; i++) {
            if (!kl) {
                for (int j = 0; j < T; j++) {
                    double e = rs[b][r][i][j] - rt[b][r][i][j];
                    sum += e * e;
                    n++;
                }
                continue;
            }
            double zs = 0, zt = 0;
            for (int j = 0; j < T; j++) {
                zs += Math.exp(rs[b][r][i][j]);
                zt += Math.exp(rt[b][r][i][j]);
            }
            double k = 0;
            for (int j = 0; j < T; j++) {
                double pt = Math.exp(rt[b][r][i][j]) / zt, ps = Math.exp(rs[b][r][i][j]) / zs;
                k += pt * Math.log(pt / ps);
            }
            sum += k;
            n++;
        }
        return sum / n;
    }

    @Test
    void mseAndKlMatchADirectComputationAcrossWidths() {
        Rng rng = new Rng(3);
        int as = 4, at = 8;   // a student narrower than the teacher: 2 relation heads of 2 and of 4
        float[][] s = new float[3][], t = new float[3][];
        for (int i = 0; i < 3; i++) {
            s[i] = random(rng, B * T * as);
            t[i] = random(rng, B * T * at);
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SuperLm.Qkv qs = new SuperLm.Qkv(m.create(s[0], new Shape(B, T, as)), m.create(s[1], new Shape(B, T, as)),
                    m.create(s[2], new Shape(B, T, as)), 2);
            SuperLm.Qkv qt = new SuperLm.Qkv(m.create(t[0], new Shape(B, T, at)), m.create(t[1], new Shape(B, T, at)),
                    m.create(t[2], new Shape(B, T, at)), 4);
            for (boolean kl : new boolean[] {false, true}) {
                double expected = 0;
                for (int i = 0; i < 3; i++) expected += direct(s[i], as, t[i], at, kl);
                double got = RelationLoss.loss(qs, qt, R, kl ? RelationLoss.Kind.KL : RelationLoss.Kind.MSE).getFloat();
                assertEquals(expected, got, 1e-5 * Math.max(1, Math.abs(expected)), kl ? "kl" : "mse");
            }
            // identical vectors: both losses are 0
            assertEquals(0, RelationLoss.loss(qt, qt, R, RelationLoss.Kind.MSE).getFloat(), 1e-9);
            assertEquals(0, RelationLoss.loss(qt, qt, R, RelationLoss.Kind.KL).getFloat(), 1e-6);
            NDArray odd = m.zeros(new Shape(B, T, 3));
            assertThrows(IllegalArgumentException.class, () -> RelationLoss.relation(odd, 2));
        }
        assertEquals(RelationLoss.Kind.KL, RelationLoss.Kind.parse("KL"));
        assertThrows(IllegalArgumentException.class, () -> RelationLoss.Kind.parse("l1"));
    }
}
