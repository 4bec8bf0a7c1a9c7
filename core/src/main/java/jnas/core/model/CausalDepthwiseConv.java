package jnas.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Primer's depthwise convolution along the sequence, width 3, causal: for every channel c,
 * {@code y[t, c] = w[0, c] x[t, c] + w[1, c] x[t-1, c] + w[2, c] x[t-2, c]} (positions before 0 count as 0),
 * so an output never sees a later token. No bias. The kernel starts at 0.5 for the current position and
 * 0.5/3 for each of the two previous ones, as in the authors' released model code.
 */
public final class CausalDepthwiseConv extends AbstractBlock {
    public static final int WIDTH = 3;
    private final int channels;
    private final Parameter kernel; // (3, C): row k weighs position t - k

    public CausalDepthwiseConv(int channels) {
        this.channels = channels;
        kernel = addParameter(Parameter.builder().setName("dconv").setType(Parameter.Type.OTHER) // not WEIGHT: keeps its own init
                .optShape(new Shape(WIDTH, channels)).optInitializer(primerInit()).build());
    }

    /** 0.5 for the current position, 0.5/3 for each of the two before it. */
    static Initializer primerInit() {
        return (manager, shape, dataType) -> {
            int c = (int) shape.get(1);
            double[] w = new double[WIDTH * c];
            for (int i = 0; i < c; i++) {
                w[i] = 0.5;
                w[c + i] = 0.5 / 3;
                w[2 * c + i] = 0.5 / 3;
            }
            return manager.create(w, shape).toType(dataType, false);
        };
    }

    /** The convolution itself, on (B, T, C) with a (3, C) kernel. */
    public static NDArray apply(NDArray x, NDArray w) {
        long b = x.getShape().get(0), t = x.getShape().get(1), c = x.getShape().get(2);
        NDArray padded = x.getManager().zeros(new Shape(b, WIDTH - 1, c), x.getDataType()).concat(x, 1); // (B, T+2, C)
        NDArray y = x.mul(w.get(0));                                                                // t
        y = y.add(padded.get(new NDIndex(":, 1:{}, :", t + 1)).mul(w.get(1)));                        // t - 1
        return y.add(padded.get(new NDIndex(":, 0:{}, :", t)).mul(w.get(2)));                         // t - 2
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(kernel, x.getDevice(), training);
        return new NDList(apply(x, w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }

    public int channels() {
        return channels;
    }
}
