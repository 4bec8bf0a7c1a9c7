package jnas.core.model;

import java.util.List;

/**
 * The shape of a GPT-2-style decoder with heterogeneous layers: layer i has its own feed-forward width
 * {@code dInner.get(i)} and head count {@code nHead.get(i)}. Pre-LN, learned positions, tied embeddings.
 *
 * @param nLayer        number of decoder layers
 * @param dModel        width of the residual stream (and of the embeddings)
 * @param dInner        feed-forward width per layer (size nLayer)
 * @param nHead         attention heads per layer (size nLayer); each divides dModel
 * @param vocabSize     tokens in the vocabulary
 * @param contextLength the longest sequence (learned position embeddings)
 * @param activation    the feed-forward activation (GELU for GPT-2; squared ReLU is Primer's)
 * @param mdha          Primer's multi-dconv-head attention: a causal depthwise convolution of width 3
 *                      along the sequence after each of the Q, K and V projections
 */
public record GptConfig(int nLayer, int dModel, List<Integer> dInner, List<Integer> nHead, int vocabSize,
                        int contextLength, Activation activation, boolean mdha) {

    /** Feed-forward activations. */
    public enum Activation { GELU, RELU, SQUARED_RELU }

    /** A GPT-2 decoder: GELU, plain multi-head attention. */
    public GptConfig(int nLayer, int dModel, List<Integer> dInner, List<Integer> nHead, int vocabSize, int contextLength) {
        this(nLayer, dModel, dInner, nHead, vocabSize, contextLength, Activation.GELU, false);
    }

    public GptConfig withActivation(Activation a) {
        return new GptConfig(nLayer, dModel, dInner, nHead, vocabSize, contextLength, a, mdha);
    }

    public GptConfig withMdha(boolean on) {
        return new GptConfig(nLayer, dModel, dInner, nHead, vocabSize, contextLength, activation, on);
    }

    public GptConfig {
        dInner = List.copyOf(dInner);
        nHead = List.copyOf(nHead);
        if (activation == null) throw new IllegalArgumentException("activation must be set");
        if (nLayer < 1) throw new IllegalArgumentException("nLayer must be >= 1, was " + nLayer);
        if (dModel < 1) throw new IllegalArgumentException("dModel must be >= 1, was " + dModel);
        if (dInner.size() != nLayer || nHead.size() != nLayer) {
            throw new IllegalArgumentException("dInner and nHead need one value per layer (" + nLayer + "), got "
                    + dInner.size() + " and " + nHead.size());
        }
        for (int i = 0; i < nLayer; i++) {
            if (dModel % nHead.get(i) != 0) {
                throw new IllegalArgumentException("layer " + i + ": d_model " + dModel + " is not divisible by n_head "
                        + nHead.get(i));
            }
        }
        if (vocabSize < 1 || contextLength < 1) {
            throw new IllegalArgumentException("vocabSize and contextLength must be >= 1");
        }
    }

    /** The same width and head count in every layer. */
    public static GptConfig homogeneous(int nLayer, int dModel, int dInner, int nHead, int vocabSize, int contextLength) {
        return new GptConfig(nLayer, dModel, java.util.Collections.nCopies(nLayer, dInner),
                java.util.Collections.nCopies(nLayer, nHead), vocabSize, contextLength);
    }
}
