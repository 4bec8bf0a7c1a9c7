package jnas.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import jnas.core.util.Rng;

class MlmMaskingTest {
    // ids 0..4 are [PAD] [UNK] [MASK] [CLS] [SEP]; words from 5
    static final int MASK = 2, FIRST = 5, VOCAB = 1000;

    static int[][] batch(Rng rng, int b, int t) {
        int[][] ids = new int[b][t];
        for (int i = 0; i < b; i++) {
            int len = t / 2 + rng.nextInt(t / 2 + 1);
            ids[i][0] = 3; // [CLS]
            for (int j = 1; j < len; j++) ids[i][j] = FIRST + rng.nextInt(VOCAB - FIRST);
            if (len < t) ids[i][len - 1] = 4; // [SEP], then padding
        }
        return ids;
    }

    @Test
    void proportionsAreBerts() {
        MlmMasking m = new MlmMasking(0.15, MASK, FIRST, VOCAB);
        Rng rng = new Rng(3);
        long maskable = 0, predicted = 0, masked = 0, random = 0, kept = 0;
        for (int rep = 0; rep < 200; rep++) {
            int[][] ids = batch(rng, 16, 64);
            MlmMasking.Masked out = m.apply(ids, rng);
            for (int b = 0; b < ids.length; b++) {
                int n = 0, k = 0;
                for (int t = 0; t < ids[b].length; t++) {
                    if (ids[b][t] >= FIRST) n++;
                    if (out.labels()[b][t] == MlmMasking.IGNORE) {
                        assertEquals(ids[b][t], out.inputs()[b][t], "an unpredicted position is never changed");
                        continue;
                    }
                    k++;
                    assertTrue(ids[b][t] >= FIRST, "padding and special tokens are never predicted");
                    assertEquals(ids[b][t], out.labels()[b][t], "the label is the original id");
                    int in = out.inputs()[b][t];
                    if (in == MASK) masked++;
                    else if (in == ids[b][t]) kept++;
                    else {
                        random++;
                        assertTrue(in >= FIRST && in < VOCAB);
                    }
                }
                assertEquals(Math.max(1, Math.round(0.15 * n)), k, "exactly round(15%) of the maskable positions");
                maskable += n;
                predicted += k;
            }
        }
        assertEquals(0.15, (double) predicted / maskable, 0.005);
        // 3,200 sequences x ~7 predictions: the shares are within 1.5 points of 80/10/10
        // (a random draw equal to the original word counts as kept: 1 in 995)
        assertEquals(0.8, (double) masked / predicted, 0.015);
        assertEquals(0.1, (double) random / predicted, 0.015);
        assertEquals(0.1, (double) kept / predicted, 0.015);
    }

    @Test
    void theSameSeedMasksTheSameAndTheInputIsUntouched() {
        MlmMasking m = new MlmMasking(0.15, MASK, FIRST, VOCAB);
        int[][] ids = batch(new Rng(1), 4, 32);
        int[][] copy = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) copy[i] = ids[i].clone();
        MlmMasking.Masked a = m.apply(ids, new Rng(9));
        MlmMasking.Masked b = m.apply(ids, new Rng(9));
        MlmMasking.Masked c = m.apply(ids, new Rng(10));
        for (int i = 0; i < ids.length; i++) {
            assertArrayEquals(a.inputs()[i], b.inputs()[i]);
            assertArrayEquals(a.labels()[i], b.labels()[i]);
            assertArrayEquals(copy[i], ids[i]);
        }
        boolean differs = false;
        for (int i = 0; i < ids.length; i++) differs |= !java.util.Arrays.equals(a.labels()[i], c.labels()[i]);
        assertTrue(differs, "another seed, other positions");
        assertEquals(a.predicted(), c.predicted());
    }

    @Test
    void badSettingsAreOneLine() {
        assertEquals("masking rate 1.5: expected a share in (0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new MlmMasking(1.5, MASK, FIRST, VOCAB)).getMessage());
        assertEquals("mask id 7, first word id 5, vocabulary 1000: expected 0 <= mask < first word < vocabulary",
                assertThrows(IllegalArgumentException.class, () -> new MlmMasking(0.15, 7, FIRST, VOCAB)).getMessage());
    }
}
