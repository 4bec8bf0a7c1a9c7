package jnas.core.train;

import java.util.Arrays;

import jnas.core.util.Rng;

/**
 * BERT's masked-LM corruption of a batch of token ids, drawn from a seeded generator. Per sequence,
 * exactly {@code max(1, round(rate x n))} of its n maskable positions (not padding, not a special token)
 * are chosen uniformly without replacement, as in BERT's {@code create_pretraining_data}; each chosen
 * position becomes {@code [MASK]} with probability 0.8, a uniformly random ordinary word with 0.1, and
 * stays as it is with 0.1. The label of a chosen position is its original id; every other label is
 * {@link #IGNORE}.
 */
public final class MlmMasking {
    /** The label of a position that is not predicted. */
    public static final int IGNORE = -1;

    private final double rate;
    private final int maskId;
    private final int firstWordId;
    private final int vocabSize;

    /**
     * @param rate        the share of maskable positions to predict (BERT: 0.15)
     * @param maskId      the id of {@code [MASK]}
     * @param firstWordId ids below it are special tokens ({@code [PAD]} = 0 included): never chosen, never drawn
     * @param vocabSize   ids in [firstWordId, vocabSize) are ordinary words, drawn for the random 10%
     */
    public MlmMasking(double rate, int maskId, int firstWordId, int vocabSize) {
        if (!(rate > 0 && rate < 1)) throw new IllegalArgumentException("masking rate " + rate + ": expected a share in (0, 1)");
        if (maskId < 0 || maskId >= firstWordId || firstWordId >= vocabSize) {
            throw new IllegalArgumentException("mask id " + maskId + ", first word id " + firstWordId + ", vocabulary " + vocabSize
                    + ": expected 0 <= mask < first word < vocabulary");
        }
        this.rate = rate;
        this.maskId = maskId;
        this.firstWordId = firstWordId;
        this.vocabSize = vocabSize;
    }

    /** The settings, stably (part of a pre-trained encoder's cache key). */
    @Override
    public String toString() {
        return "MlmMasking[rate=" + rate + ", mask=" + maskId + ", firstWord=" + firstWordId + ", vocab=" + vocabSize + "]";
    }

    /** A corrupted batch: the inputs the encoder reads and the labels of the predicted positions. */
    public record Masked(int[][] inputs, int[][] labels) {
        /** How many positions are predicted. */
        public int predicted() {
            int n = 0;
            for (int[] row : labels) for (int l : row) if (l != IGNORE) n++;
            return n;
        }
    }

    /** Corrupts {@code ids} (B x T, unchanged) with draws from {@code rng}. */
    public Masked apply(int[][] ids, Rng rng) {
        int[][] inputs = new int[ids.length][];
        int[][] labels = new int[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            int[] row = ids[b];
            inputs[b] = row.clone();
            labels[b] = new int[row.length];
            Arrays.fill(labels[b], IGNORE);
            int[] maskable = new int[row.length];
            int n = 0;
            for (int t = 0; t < row.length; t++) if (row[t] >= firstWordId) maskable[n++] = t;
            if (n == 0) continue;
            int k = Math.min(n, Math.max(1, (int) Math.round(rate * n)));
            // a partial Fisher-Yates shuffle picks k distinct positions
            for (int i = 0; i < k; i++) {
                int j = i + rng.nextInt(n - i);
                int tmp = maskable[i];
                maskable[i] = maskable[j];
                maskable[j] = tmp;
                int t = maskable[i];
                labels[b][t] = row[t];
                double u = rng.nextDouble();
                if (u < 0.8) inputs[b][t] = maskId;
                else if (u < 0.9) inputs[b][t] = firstWordId + rng.nextInt(vocabSize - firstWordId);
                // else: kept as it is
            }
        }
        return new Masked(inputs, labels);
    }
}
