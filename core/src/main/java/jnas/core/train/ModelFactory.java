package jnas.core.train;

import ai.djl.nn.Block;

/**
 * Builds a fresh, uninitialised DJL language model for a vocabulary: a {@link Block} whose forward pass
 * maps one input, int token ids of shape (B, T), to one output, logits of shape (B, T, V).
 *
 * <p>The trainer seeds the engine before calling the factory and initialises the block with the input
 * shape (B, T), so parameter values depend on the seed only. Intermediate arrays should come from the
 * input's manager (DJL operations attach their results to the manager of the array they are called on),
 * so that the trainer's per-step manager frees them.
 */
@FunctionalInterface
public interface ModelFactory {

    /**
     * @param vocabSize V, the number of token ids
     * @return a new block
     */
    Block create(int vocabSize);
}
