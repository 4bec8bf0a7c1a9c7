package jnas.core.primer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import jnas.core.model.CausalDepthwiseConv;
import jnas.core.model.Gpt;
import jnas.core.model.GptConfig;

/**
 * A {@link Program} compiled to DJL blocks: a decoder layer mapping (B, T, d) to (B, T, d). Dense
 * projections become {@link Linear} blocks, layer norms {@link LayerNorm} over the channels, depthwise
 * convolutions {@link CausalDepthwiseConv}; the rest are NDArray operations, so autograd covers every
 * instruction. Dead instructions (whose register the output does not use) are not compiled. A program
 * that does not compile is refused at construction with the reason from {@link Program#check}.
 */
public final class ProgramLayer extends AbstractBlock {
    private final Program program;
    private final int dModel;
    private final int[] widths;
    private final boolean[] live;
    private final Block[] blocks; // per instruction: its block, or null

    public ProgramLayer(Program program, int dModel) {
        Program.Check c = program.check(dModel);
        if (!c.ok()) throw new IllegalArgumentException("program " + program.id() + " does not compile: " + c.reason());
        this.program = program;
        this.dModel = dModel;
        this.widths = c.widths();
        this.live = c.live();
        this.blocks = new Block[program.size()];
        for (int i = 0; i < program.size(); i++) {
            if (!live[i + 1]) continue;
            Instruction ins = program.get(i);
            int in = widths[ins.inputs().get(0)] * dModel;
            String name = "r" + (i + 1) + "_" + ins.op().code();
            blocks[i] = switch (ins.op()) {
                case DENSE -> addChildBlock(name, Linear.builder().setUnits((long) ins.arg() * dModel).optBias(true).build());
                case LAYER_NORM -> addChildBlock(name, LayerNorm.builder().axis(2).build());
                case DCONV -> addChildBlock(name, new CausalDepthwiseConv(in, (int) ins.arg()));
                default -> null;
            };
        }
    }

    /** A decoder whose every layer is {@code program} (embeddings, final LayerNorm and tied head as in {@link Gpt}). */
    public static Gpt decoder(Program program, GptConfig shape) {
        return new Gpt(shape, i -> new ProgramLayer(program, shape.dModel()));
    }

    public Program program() {
        return program;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray[] r = new NDArray[program.size() + 1];
        r[0] = inputs.singletonOrThrow();
        for (int i = 0; i < program.size(); i++) {
            if (!live[i + 1]) continue;
            Instruction ins = program.get(i);
            NDArray a = r[ins.inputs().get(0)];
            r[i + 1] = switch (ins.op()) {
                case ADD -> a.add(r[ins.inputs().get(1)]);
                case MUL -> a.mul(r[ins.inputs().get(1)]);
                case DENSE, LAYER_NORM, DCONV -> blocks[i].forward(ps, new NDList(a), training).singletonOrThrow();
                case RELU -> Activation.relu(a);
                case GELU -> Activation.gelu(a);
                case SIGMOID -> Activation.sigmoid(a);
                case TANH -> Activation.tanh(a);
                case SQUARE -> a.square();
                case SCALE -> a.mul(ins.arg());
                case ATTENTION -> attention(a, r[ins.inputs().get(1)], r[ins.inputs().get(2)], (int) ins.arg());
            };
        }
        return new NDList(r[program.size()]);
    }

    /** Multi-head causal attention: (B, T, wq) queries and keys, (B, T, wv) values, to (B, T, wv). */
    static NDArray attention(NDArray q, NDArray k, NDArray v, int heads) {
        long b = q.getShape().get(0), t = q.getShape().get(1), wq = q.getShape().get(2), wv = v.getShape().get(2);
        NDArray qh = q.reshape(b, t, heads, wq / heads).transpose(0, 2, 1, 3);
        NDArray kh = k.reshape(b, t, heads, wq / heads).transpose(0, 2, 1, 3);
        NDArray vh = v.reshape(b, t, heads, wv / heads).transpose(0, 2, 1, 3);
        return Gpt.CausalSelfAttention.attend(qh, kh, vh).transpose(0, 2, 1, 3).reshape(b, t, wv);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (int i = 0; i < program.size(); i++) {
            if (blocks[i] == null) continue;
            int in = widths[program.get(i).inputs().get(0)] * dModel;
            blocks[i].initialize(manager, dataType, new Shape(s.get(0), s.get(1), in));
        }
    }
}
