package jnas.core.autobert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The convolution a layer of AutoBERT-Zero's inter-layer space may hold instead of an attention: a
 * depthwise-separable convolution along the sequence with the encoder's token-mixing contract
 * ({@code NDList(x (B, T, H), real (B, T))} to {@code NDList((B, T, H))}). Depthwise: each of the H channels
 * convolved with its own kernel of odd width K, centred (K/2 positions each side, the sequence padded with
 * zeros), with a bias; then pointwise: a Linear(H, H). No activation between them (the paper names the
 * operation, not its inside; this is the plainest reading). Padded positions are zeroed before the
 * convolution, so a real position's output depends only on real positions, as the contract requires.
 *
 * <p>Parameters: K H + H (depthwise) and H^2 + H (pointwise). Forward FLOPs per token: 2 K H + 2 H^2.
 */
public final class SeparableConv extends AbstractBlock {
    private final int hidden;
    private final int kernel;
    private final Conv1d depthwise;
    private final Linear pointwise;

    public SeparableConv(int hidden, int kernel) {
        if (kernel < 1 || kernel % 2 == 0) throw new IllegalArgumentException("a centred convolution needs an odd kernel width, was " + kernel);
        this.hidden = hidden;
        this.kernel = kernel;
        depthwise = addChildBlock("depthwise", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(hidden).optGroups(hidden)
                .optPadding(new Shape(kernel / 2)).optBias(true).build());
        pointwise = addChildBlock("pointwise", Linear.builder().setUnits(hidden).optBias(true).build());
    }

    public int kernel() {
        return kernel;
    }

    /** K H + H + H^2 + H. */
    public static long params(int hidden, int kernel) {
        long h = hidden;
        return kernel * h + h + h * h + h;
    }

    /** 2 K H + 2 H^2 per token. */
    public static double flopsPerToken(int hidden, int kernel) {
        return 2.0 * kernel * hidden + 2.0 * hidden * hidden;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);                                                         // (B, T, H)
        NDArray real = inputs.get(1);                                                      // (B, T)
        long b = x.getShape().get(0), t = x.getShape().get(1);
        NDArray kept = ProgramAttention.select(real.reshape(b, t, 1).gt(0.5f), x, 0);        // padded positions 0
        NDArray y = depthwise.forward(ps, new NDList(kept.transpose(0, 2, 1)), training).singletonOrThrow(); // (B, H, T)
        return pointwise.forward(ps, new NDList(y.transpose(0, 2, 1)), training);          // (B, T, H)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        depthwise.initialize(manager, dataType, new Shape(x.get(0), hidden, x.get(1)));
        pointwise.initialize(manager, dataType, x);
    }
}
