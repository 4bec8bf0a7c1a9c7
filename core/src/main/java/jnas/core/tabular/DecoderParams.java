package jnas.core.tabular;

import java.util.List;

import jnas.core.model.ModelCounts;

/** Decoder (non-embedding) parameter formulas for the two backbones of the LTS logs. */
public final class DecoderParams {
    private DecoderParams() {}

    /** GPT-2 layers (the same count as this project's own decoder, {@link ModelCounts}). */
    public static long gpt2(int d, List<Integer> dInner) {
        long total = 2L * d; // final LayerNorm
        for (int f : dInner) total += ModelCounts.layerParams(d, f);
        return total;
    }

    /**
     * Transformer-XL layers with relative-position attention, per layer i with h_i heads of width
     * d_head (d / h_i when the config says -1), e = h_i * d_head:
     * q/k/v projection d x 3e, output projection e x d and position projection d x e (no biases),
     * the attention LayerNorm (2d), the per-layer position biases r_w and r_r (2e), and the feed-forward
     * d x f + f, f x d + d with its LayerNorm (2d).
     */
    public static long transformerXl(int d, List<Integer> dInner, List<Integer> nHead, int dHead) {
        long total = 0;
        for (int i = 0; i < dInner.size(); i++) {
            long e = (long) nHead.get(i) * (dHead > 0 ? dHead : d / nHead.get(i));
            long attention = 3L * d * e + e * d + d * e + 2L * d + 2 * e;
            long feedForward = 2L * d * dInner.get(i) + dInner.get(i) + d + 2L * d;
            total += attention + feedForward;
        }
        return total;
    }
}
