package jnas.core.model;

/**
 * What pre-training and fine-tuning need of an encoder architecture: its shape (widths, vocabulary,
 * length), a fresh DJL {@link Encoder}, a stable JSON form (cache keys are made of it), and its counts.
 * BERT's own architecture is an {@link EncoderConfig}; searched encoders (AutoBERT-Zero's layers) are others.
 */
public interface EncoderArch {
    /** The widths, vocabulary and length. */
    EncoderConfig shape();

    /** A fresh, uninitialised encoder of this architecture. */
    Encoder build();

    /** The stable JSON form. */
    String toJson();

    /** Every parameter of {@link #build()}. */
    long totalParams();

    /**
     * Forward FLOPs of one sequence of {@code seqLen} positions as downstream tasks use it: every layer at
     * every position and the pooler; the masked-LM head is not used.
     */
    double sequenceFlops(int seqLen);
}
