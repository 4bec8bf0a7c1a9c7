package jnas.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A bigram language model as a DJL block: a V x V table whose row {@code i} holds the logits of the
 * token that follows token {@code i}. Input: int ids (B, T); output: logits (B, T, V).
 */
final class BigramBlock extends AbstractBlock {

    private final int vocab;
    private final boolean leak;
    private final Parameter table;

    /** @param leak when true, every forward pass also leaves one array on the parameter's manager */
    BigramBlock(int vocab, boolean leak) {
        this.vocab = vocab;
        this.leak = leak;
        this.table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocab, vocab)).optInitializer(new NormalInitializer(0.02f)).build());
    }

    BigramBlock(int vocab) {
        this(vocab, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray weights = store.getValue(table, ids.getDevice(), training);
        if (leak) weights.mul(1f); // attached to the model's manager and never closed
        // the lookup's result is attached to the manager of ids (the trainer's per-step manager)
        return ids.getNDArrayInternal().embedding(ids, weights, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(vocab)};
    }

    @Override
    public DataType[] getOutputDataTypes() {
        return new DataType[] {DataType.FLOAT32};
    }
}
