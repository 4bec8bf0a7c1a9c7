package jnas.core.model;

/**
 * Parameter and FLOP counts of the BERT-style {@link Encoder} (with its standard layers) from its shape alone.
 *
 * <p>With hidden size H, vocabulary V, max length P, S token types, and for layer i the attention width
 * A_i = heads_i x headSize_i and feed-forward width F_i:
 * <ul>
 *   <li>embeddings: V H + P H + S H, and the embedding LayerNorm 2H;</li>
 *   <li>layer i: query, key and value projections 3 (H A_i + A_i), output projection A_i H + H, the
 *       feed-forward H F_i + F_i + F_i H + H, two LayerNorms 4H: 4 H A_i + 3 A_i + 2 H F_i + F_i + 6H;
 *       the head count alone changes nothing, only A_i does;</li>
 *   <li>masked-LM head: Linear(H, H) H^2 + H, LayerNorm 2H, vocabulary bias V; its projection is the
 *       token embedding, counted once, with the embeddings;</li>
 *   <li>pooler: H^2 + H.</li>
 * </ul>
 */
public final class EncoderCounts {
    private EncoderCounts() {}

    /** Token, position and token-type embeddings and the embedding LayerNorm. */
    public static long embeddingParams(EncoderConfig c) {
        long h = c.hidden();
        return ((long) c.vocabSize() + c.maxLength() + c.typeVocabSize()) * h + 2 * h;
    }

    /** One post-LN layer of width h, attention width a and feed-forward width f. */
    public static long layerParams(int h, int a, int f) {
        return 3L * ((long) h * a + a)     // query, key, value
                + (long) a * h + h         // output projection
                + 2L * h * f + f + h       // feed-forward
                + 4L * h;                  // two LayerNorms
    }

    public static long layerParams(EncoderConfig c, int i) {
        return layerParams(c.hidden(), c.attentionWidth(i), c.ffn().get(i));
    }

    /** Every layer. */
    public static long layersParams(EncoderConfig c) {
        long total = 0;
        for (int i = 0; i < c.layers(); i++) total += layerParams(c, i);
        return total;
    }

    /** The masked-LM head without its tied projection: dense, LayerNorm, vocabulary bias. */
    public static long mlmHeadParams(EncoderConfig c) {
        long h = c.hidden();
        return h * h + h + 2 * h + c.vocabSize();
    }

    public static long poolerParams(EncoderConfig c) {
        long h = c.hidden();
        return h * h + h;
    }

    /** Every parameter of the {@link Encoder} block: embeddings, layers, masked-LM head and pooler. */
    public static long totalParams(EncoderConfig c) {
        return embeddingParams(c) + layersParams(c) + mlmHeadParams(c) + poolerParams(c);
    }

    /**
     * Forward FLOPs per token of layer i at sequence length T (2 FLOPs per multiply-add): the query, key
     * and value projections (6 H A_i), the attention scores and the weighted sum of values over all T
     * positions (4 T A_i), the output projection (2 A_i H) and the feed-forward (4 H F_i).
     */
    public static double layerFlopsPerToken(EncoderConfig c, int i, int seqLen) {
        double h = c.hidden(), a = c.attentionWidth(i), f = c.ffn().get(i);
        return 8 * h * a + 4.0 * seqLen * a + 4 * h * f;
    }

    /** Every layer per token at length T: the hidden states, without any head. */
    public static double encoderFlopsPerToken(EncoderConfig c, int seqLen) {
        double flops = 0;
        for (int i = 0; i < c.layers(); i++) flops += layerFlopsPerToken(c, i, seqLen);
        return flops;
    }

    /** The masked-LM head for one predicted token: dense (2 H^2) and the tied projection (2 H V). */
    public static double mlmHeadFlopsPerToken(EncoderConfig c) {
        double h = c.hidden();
        return 2 * h * h + 2 * h * c.vocabSize();
    }

    /** The pooler, once per sequence: 2 H^2. */
    public static double poolerFlopsPerSequence(EncoderConfig c) {
        double h = c.hidden();
        return 2 * h * h;
    }

    /**
     * Forward FLOPs per token at length T with the masked-LM head at every position (what
     * {@code mlmLogits} on all of (B, T, H) costs; with the head on a fraction of the positions only,
     * use {@link #encoderFlopsPerToken} plus that fraction of {@link #mlmHeadFlopsPerToken}). Left out,
     * as in {@link ModelCounts}: LayerNorms, softmax, GELU and tanh, biases, residual adds, the mask,
     * the 1/sqrt(d) scaling, the embedding lookups and sums (all O(H) or O(T) per token), and the pooler
     * (once per sequence).
     */
    public static double forwardFlopsPerToken(EncoderConfig c, int seqLen) {
        return encoderFlopsPerToken(c, seqLen) + mlmHeadFlopsPerToken(c);
    }
}
