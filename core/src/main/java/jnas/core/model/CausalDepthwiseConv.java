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
 * Primer's depthwise convolution along the sequence, causal: for every channel c and a kernel of width K,
 * {@code y[t, c] = sum_k w[k, c] x[t-k, c]} for k = 0..K-1 (positions before 0 count as 0), so an output
 * never sees a later token. No bias. MDHA uses width 3. The kernel starts at 0.5 for the current position
 * and 0.5/K for each earlier one; for K = 3 that is 0.5, 0.5/3, 0.5/3, as in the authors' released model code.
 */
public final class CausalDepthwiseConv extends AbstractBlock {
    /** MDHA's width. */
    public static final int WIDTH = 3;
    private final int channels;
    private final int width;
    private final Parameter kernel; // (K, C): row k weighs position t - k

    /** MDHA's width-3 convolution. */
    public CausalDepthwiseConv(int channels) {
        this(channels, WIDTH);
    }

    public CausalDepthwiseConv(int channels, int width) {
        if (width < 1) throw new IllegalArgumentException("convolution width must be >= 1, was " + width);
        this.channels = channels;
        this.width = width;
        kernel = addParameter(Parameter.builder().setName("dconv").setType(Parameter.Type.OTHER) // not WEIGHT: keeps its own init
                .optShape(new Shape(width, channels)).optInitializer(primerInit()).build());
    }

    /** 0.5 for the current position, 0.5/K for each earlier one. */
    static Initializer primerInit() {
        return (manager, shape, dataType) -> {
            int k = (int) shape.get(0);
            int c = (int) shape.get(1);
            double[] w = new double[k * c];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < c; i++) w[j * c + i] = j == 0 ? 0.5 : 0.5 / k;
            }
            return manager.create(w, shape).toType(dataType, false);
        };
    }

    /** The convolution itself, on (B, T, C) with a (K, C) kernel. */
    public static NDArray apply(NDArray x, NDArray w) {
        long b = x.getShape().get(0), t = x.getShape().get(1), c = x.getShape().get(2);
        int k = (int) w.getShape().get(0);
        NDArray y = x.mul(w.get(0));                                                                // t
        if (k == 1) return y;
        NDArray padded = x.getManager().zeros(new Shape(b, k - 1, c), x.getDataType()).concat(x, 1); // (B, T+K-1, C)
        for (int j = 1; j < k; j++) {
            // position t - j sits at index t - j + (K - 1) of the padded sequence
            long from = k - 1 - j;
            y = y.add(padded.get(new NDIndex(":, {}:{}, :", from, from + t)).mul(w.get(j)));
        }
        return y;
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

    public int width() {
        return width;
    }
}
