package jnas.core.model;

/**
 * Parameter and FLOP counts of the GPT-2-style decoder {@link Gpt} builds, from its shape alone.
 *
 * <p>Per layer i with width d, feed-forward width f_i:
 * <ul>
 *   <li>two LayerNorms: 2 x (gain d + bias d) = 4d;</li>
 *   <li>attention: query/key/value projection d x 3d + 3d bias, output projection d x d + d bias = 4d^2 + 4d;</li>
 *   <li>feed-forward: d x f_i + f_i bias, f_i x d + d bias = 2 d f_i + f_i + d.</li>
 * </ul>
 * The head count changes no parameter. Decoder (non-embedding) parameters are the layers plus the final
 * LayerNorm (2d), as in LTS's "nonembedding" count. Total parameters add the token embedding (V x d) and
 * the learned position embedding (context x d); the output projection is tied to the token embedding and
 * adds nothing.
 */
public final class ModelCounts {
    private ModelCounts() {}

    public static long layerParams(int d, int dInner) {
        return 4L * d                      // ln1, ln2
                + 4L * d * d + 4L * d      // qkv + output projection
                + 2L * d * dInner + dInner + d; // feed-forward
    }

    /** Decoder (non-embedding) parameters: every layer and the final LayerNorm. */
    public static long decoderParams(GptConfig c) {
        long total = 2L * c.dModel();
        for (int i = 0; i < c.nLayer(); i++) total += layerParams(c.dModel(), c.dInner().get(i));
        if (c.mdha()) total += (long) c.nLayer() * mdhaParams(c.dModel());
        return total;
    }

    /** MDHA's three depthwise kernels per layer: 3 x (3 x d). */
    public static long mdhaParams(int d) {
        return 3L * CausalDepthwiseConv.WIDTH * d;
    }

    /** Decoder parameters plus token and position embeddings (the output head is tied). */
    public static long totalParams(GptConfig c) {
        return decoderParams(c) + (long) c.vocabSize() * c.dModel() + (long) c.contextLength() * c.dModel();
    }

    /**
     * Forward FLOPs per token at sequence length T (2 FLOPs per multiply-add): per layer the q/k/v and
     * output projections (8 d^2), attention scores and the weighted sum over T positions (4 T d), the
     * feed-forward (4 d f_i); with MDHA the three width-3 depthwise convolutions (18 d), with squared ReLU
     * the square (f_i); then the tied output projection (2 d V). Layer norms, softmax, the activation
     * itself and the embedding lookups are left out (they are O(d) or O(T) per token).
     */
    public static double forwardFlopsPerToken(GptConfig c, int seqLen) {
        double d = c.dModel();
        double flops = 2 * d * c.vocabSize();
        for (int i = 0; i < c.nLayer(); i++) {
            flops += 8 * d * d + 4.0 * seqLen * d + 4 * d * c.dInner().get(i);
            if (c.mdha()) flops += 3 * 2.0 * CausalDepthwiseConv.WIDTH * d; // three width-3 depthwise convs
            if (c.activation() == GptConfig.Activation.SQUARED_RELU) flops += c.dInner().get(i); // the square
        }
        return flops;
    }
}
