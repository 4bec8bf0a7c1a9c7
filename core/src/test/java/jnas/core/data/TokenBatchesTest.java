package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {

    private static final int[] STREAM = IntStream.range(0, 1000).map(i -> (i * 7 + 3) % 50).toArray();

    @Test
    void sameSeedSameBatches() {
        TokenBatches a = new TokenBatches(STREAM, 4, 16, 123);
        TokenBatches b = new TokenBatches(STREAM, 4, 16, 123);
        TokenBatches c = new TokenBatches(STREAM, 4, 16, 124);
        boolean differs = false;
        List<int[]> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            TokenBatches.Batch x = a.next();
            TokenBatches.Batch y = b.next();
            assertArrayEquals(x.starts(), y.starts());
            assertArrayEquals(x.inputs(), y.inputs());
            assertArrayEquals(x.targets(), y.targets());
            differs |= !Arrays.equals(x.starts(), c.next().starts());
            first.add(x.starts());
        }
        assertTrue(differs, "another seed should give other batches");
        assertEquals(20, a.drawn());
        a.reset();
        assertArrayEquals(first.get(0), a.next().starts());
        // the positions are the seeded SplittableRandom's draws in [0, n - T - 1]
        java.util.SplittableRandom random = new java.util.SplittableRandom(123);
        int[] expected = IntStream.range(0, 4).map(i -> random.nextInt(STREAM.length - 16)).toArray();
        assertArrayEquals(expected, first.get(0));
    }

    @Test
    void targetsAreInputsShiftedByOne() {
        TokenBatches batches = new TokenBatches(STREAM, 8, 32, 7);
        for (int i = 0; i < 50; i++) {
            TokenBatches.Batch batch = batches.next();
            assertEquals(8, batch.rows());
            assertEquals(8 * 32, batch.inputs().length);
            assertEquals(256, batch.tokens());
            for (int r = 0; r < batch.rows(); r++) {
                int s = batch.starts()[r];
                assertTrue(s >= 0 && s + 32 < STREAM.length, "start " + s);
                for (int t = 0; t < 32; t++) {
                    assertEquals(STREAM[s + t], batch.inputs()[r * 32 + t]);
                    assertEquals(STREAM[s + t + 1], batch.targets()[r * 32 + t]);
                    if (t < 31) assertEquals(batch.inputs()[r * 32 + t + 1], batch.targets()[r * 32 + t]);
                }
            }
        }
    }

    @Test
    void samplesReachBothEndsOfTheStream() {
        int[] tiny = {0, 1, 2, 3, 4};
        TokenBatches batches = new TokenBatches(tiny, 1, 4, 1); // only one possible window
        for (int i = 0; i < 5; i++) {
            TokenBatches.Batch b = batches.next();
            assertArrayEquals(new int[] {0, 1, 2, 3}, b.inputs());
            assertArrayEquals(new int[] {1, 2, 3, 4}, b.targets());
        }
        TokenBatches wide = new TokenBatches(STREAM, 16, 10, 5);
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int i = 0; i < 200; i++) {
            for (int s : wide.next().starts()) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        assertEquals(0, min);
        assertEquals(STREAM.length - 10 - 1, max);
    }

    @Test
    void evaluationCoversTheStreamInOrder() {
        // 1000 tokens, T = 16: (1000 - 1) / 16 = 62 windows; B = 8 -> 7 full batches and one of 6 rows
        List<TokenBatches.Batch> all = new ArrayList<>();
        TokenBatches.evaluation(STREAM, 8, 16, 0).forEach(all::add);
        assertEquals(62, TokenBatches.windows(STREAM, 16));
        assertEquals(8, all.size());
        assertEquals(6, all.get(7).rows());
        int w = 0;
        for (TokenBatches.Batch b : all) {
            for (int r = 0; r < b.rows(); r++, w++) {
                assertEquals(w * 16, b.starts()[r]);
                assertEquals(STREAM[w * 16 + 1], b.targets()[r * 16]);
            }
        }
        // the same windows on every pass
        List<TokenBatches.Batch> again = new ArrayList<>();
        TokenBatches.evaluation(STREAM, 8, 16, 0).forEach(again::add);
        for (int i = 0; i < all.size(); i++) assertArrayEquals(all.get(i).inputs(), again.get(i).inputs());
    }

    @Test
    void limitedEvaluationSpreadsWindowsEvenly() {
        List<TokenBatches.Batch> some = new ArrayList<>();
        TokenBatches.evaluation(STREAM, 4, 16, 2).forEach(some::add); // 8 of the 62 windows
        assertEquals(2, some.size());
        int[] starts = some.stream().flatMapToInt(b -> Arrays.stream(b.starts())).toArray();
        assertArrayEquals(new int[] {0, 7 * 16, 15 * 16, 23 * 16, 31 * 16, 38 * 16, 46 * 16, 54 * 16}, starts);
    }

    @Test
    void rejectsStreamsTooShort() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBatches(new int[4], 1, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBatches(STREAM, 0, 4, 0));
        assertFalse(TokenBatches.evaluation(new int[5], 2, 4, 0).iterator().next().rows() != 1);
    }
}
