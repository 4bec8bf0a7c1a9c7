package jnas.core.autobert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An {@link AttentionProgram} compiled to a DJL block with the contract of the encoder's token-mixing part
 * ({@code Encoder.AttentionFactory}): {@code NDList(x (B, T, H), real (B, T))} to {@code NDList((B, T, H))}.
 * The projections the program reads are {@link Linear} blocks named {@code query}, {@code key}, {@code value}
 * as in {@code Encoder.SelfAttention}, and the output projection is {@code output}, so weights pass between
 * the two by name; the instructions are NDArray operations on (B, heads, rows, cols), so autograd covers
 * them. Padded positions are kept out as {@link AttentionProgram} says: a softmax over key positions gives
 * padded keys weight exactly 0 whatever the real logits are ({@link #maskedSoftmax}; selected, not added, so a
 * huge or infinite value there cannot leak), and a matrix product that sums over positions zeroes both
 * factors' padded entries (the left's columns and the right's rows), so no 0 x infinity reaches a real output.
 */
public final class ProgramAttention extends AbstractBlock {
    private final AttentionProgram program;
    private final int heads;
    private final int headSize;
    private final AttentionProgram.Check check;
    private final Linear[] projections = new Linear[AttentionProgram.INPUTS]; // q, k, v; null when not read
    private final Linear output;

    public ProgramAttention(AttentionProgram program, int hidden, int heads, int headSize) {
        this.program = program.requireValid();
        this.heads = heads;
        this.headSize = headSize;
        this.check = program.check();
        String[] names = {"query", "key", "value"};
        long a = (long) heads * headSize;
        for (int r = 0; r < AttentionProgram.INPUTS; r++) {
            if (check.live()[r]) projections[r] = addChildBlock(names[r], Linear.builder().setUnits(a).optBias(true).build());
        }
        output = addChildBlock("output", Linear.builder().setUnits(hidden).optBias(true).build());
    }

    public AttentionProgram program() {
        return program;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);                                                         // (B, T, H)
        NDArray real = inputs.get(1);                                                      // (B, T)
        long b = x.getShape().get(0), t = x.getShape().get(1);
        NDArray keyMask = real.reshape(b, 1, 1, t).gt(0.5f);                               // softmax over keys
        NDArray rowMask = real.reshape(b, 1, t, 1).gt(0.5f);                               // sums over positions
        NDArray[] r = new NDArray[program.size() + AttentionProgram.INPUTS];
        for (int i = 0; i < AttentionProgram.INPUTS; i++) {
            if (projections[i] == null) continue;
            NDArray p = projections[i].forward(ps, new NDList(x), training).singletonOrThrow(); // (B, T, A)
            r[i] = p.reshape(b, t, heads, headSize).transpose(0, 2, 1, 3);                 // (B, h, T, d)
        }
        for (int i = 0; i < program.size(); i++) {
            int target = i + AttentionProgram.INPUTS;
            if (!check.live()[target]) continue;
            AttentionProgram.Instruction ins = program.get(i);
            NDArray a = r[ins.inputs().get(0)];
            NDArray c = ins.op().arity() == 2 ? r[ins.inputs().get(1)] : null;
            AttentionProgram.Dims in = check.dims()[ins.inputs().get(0)];
            r[target] = switch (ins.op()) {
                case NEG -> a.neg();
                case TRANSPOSE -> a.transpose(0, 1, 3, 2);
                case SCALE -> a.mul(1.0 / Math.sqrt(headSize));
                case SOFTMAX -> in.cols() == AttentionProgram.Axis.T ? maskedSoftmax(a, keyMask) : a.softmax(-1);
                case LOG_SIGMOID -> Activation.softPlus(a.neg()).neg();
                case SOFTSIGN -> Activation.softSign(a);
                case SOFTPLUS -> Activation.softPlus(a);
                case SQRT -> a.sign().mul(a.abs().add(AttentionOp.SQRT_EPS).sqrt().sub(Math.sqrt(AttentionOp.SQRT_EPS)));
                case ABS -> a.abs();
                case SQUARE -> a.square();
                case SIGMOID -> Activation.sigmoid(a);
                case TANH -> Activation.tanh(a);
                case EXP -> a.minimum(AttentionOp.EXP_BOUND).exp();
                case ADD -> a.add(c);
                case SUB -> a.sub(c);
                case MUL -> a.mul(c);
                case MAX -> a.maximum(c);
                case MATMUL -> in.cols() == AttentionProgram.Axis.T ? select(keyMask, a, 0).matMul(select(rowMask, c, 0)) : a.matMul(c);
            };
        }
        NDArray y = r[program.output()].transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headSize); // (B, T, A)
        return output.forward(ps, new NDList(y), training);                                // (B, T, H)
    }

    /**
     * Softmax over the last axis (key positions) with padded keys at weight exactly 0, whatever the logits:
     * the row's maximum over real keys is subtracted first, so the largest real logit is 0 and the padded
     * ones, set to -infinity, vanish; every row has a real key ([CLS]), so no row is all padding.
     */
    static NDArray maskedSoftmax(NDArray x, NDArray keyMask) {
        NDArray max = select(keyMask, x, -Float.MAX_VALUE).max(new int[] {-1}, true);
        NDArray e = select(keyMask, x.sub(max), Float.NEGATIVE_INFINITY).exp();
        return e.div(e.sum(new int[] {-1}, true));
    }

    /** {@code x} where {@code mask} (broadcast to x's shape) holds, {@code value} elsewhere. */
    static NDArray select(NDArray mask, NDArray x, float value) {
        Shape shape = x.getShape();
        return NDArrays.where(mask.broadcast(shape), x, x.getManager().full(shape, value, x.getDataType()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (Linear p : projections) if (p != null) p.initialize(manager, dataType, x);
        output.initialize(manager, dataType, new Shape(x.get(0), x.get(1), (long) heads * headSize));
    }
}
