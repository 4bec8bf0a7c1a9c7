package jnas.core.glue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import jnas.core.model.Encoder;

/**
 * An encoder with a fresh classification head, as one block, so DJL's trainer sees (and its optimiser
 * updates) every parameter. Inputs: ids (B, T), token types (B, T) and, for a token task, the flat indices
 * (N) of the scored positions in the (B x T) grid. Output: logits (N, C) at those positions (token task),
 * or (B, C) from the pooled {@code [CLS]} state. The head is Linear(H, C) with BERT's N(0, 0.02) weights
 * and zero bias. Token types are left out when the configuration has no type embedding.
 */
final class GlueModel extends AbstractBlock {
    private final Encoder encoder;
    private final Linear head;
    private final boolean token;
    private final boolean types;
    private final int classes;

    GlueModel(Encoder encoder, GlueTask task) {
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", Linear.builder().setUnits(task.classes()).optBias(true).build());
        head.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        this.token = task.kind() == GlueTask.Kind.TOKEN;
        this.types = encoder.config().typeVocabSize() > 0;
        this.classes = task.classes();
    }

    Encoder encoder() {
        return encoder;
    }

    Linear head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);                                                        // (B, T)
        NDList in = types ? new NDList(ids, inputs.get(1)) : new NDList(ids);
        NDList out = encoder.forward(ps, in, training);                                     // hidden (B, T, H), pooled (B, H)
        NDArray x;
        if (token) {
            NDArray rows = inputs.get(2);                                                   // (N)
            x = out.get(0).reshape(ids.getShape().get(0) * ids.getShape().get(1), -1).get(rows); // (N, H)
        } else {
            x = out.get(1);                                                                 // (B, H)
        }
        return head.forward(ps, new NDList(x), training);                                  // (N or B, C)
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0]);
        head.initialize(manager, dataType, new Shape(1, encoder.config().hidden()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = token ? inputShapes[2].get(0) : inputShapes[0].get(0);
        return new Shape[] {new Shape(n, classes)};
    }
}
