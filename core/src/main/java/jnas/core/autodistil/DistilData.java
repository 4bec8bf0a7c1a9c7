package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.List;

import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

/**
 * The text distilled on: windows of {@code seqLen} positions, {@code [CLS]} + seqLen - 2 consecutive
 * words + {@code [SEP]}, of Brown's training documents (the teacher's pre-training stream), unmasked.
 * Training windows start where a generator says; the held-out windows are fixed and evenly spaced over the
 * dev documents, so the held-out loss compares across sub-networks, SuperLMs and runs.
 */
public record DistilData(int[] train, int[] heldOut, int seqLen, int batchSize) {
    public DistilData {
        if (seqLen < 3) throw new IllegalArgumentException("distillation windows need seqLen >= 3, got " + seqLen);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (train.length < seqLen || heldOut.length < seqLen) {
            throw new IllegalArgumentException("the word streams (" + train.length + " and " + heldOut.length + " words) are shorter than seqLen " + seqLen);
        }
    }

    /** One training batch (B x T ids). */
    public int[][] batch(Rng rng) {
        int[][] out = new int[batchSize][];
        for (int i = 0; i < batchSize; i++) out[i] = window(train, rng.nextInt(train.length - (seqLen - 2) + 1));
        return out;
    }

    /** {@code batches} held-out batches of evenly spaced windows. */
    public List<int[][]> heldOutBatches(int batches) {
        int n = batches * batchSize, span = heldOut.length - (seqLen - 2);
        List<int[][]> out = new ArrayList<>();
        for (int k = 0; k < batches; k++) {
            int[][] ids = new int[batchSize][];
            for (int i = 0; i < batchSize; i++) ids[i] = window(heldOut, (int) ((long) (k * batchSize + i) * span / n));
            out.add(ids);
        }
        return out;
    }

    private int[] window(int[] words, int from) {
        int[] row = new int[seqLen];
        row[0] = WordVocab.CLS_ID;
        System.arraycopy(words, from, row, 1, seqLen - 2);
        row[seqLen - 1] = WordVocab.SEP_ID;
        return row;
    }
}
