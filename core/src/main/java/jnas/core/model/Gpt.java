package jnas.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A GPT-2-style decoder as DJL blocks, as plain as nanoGPT's model.py: token and learned position
 * embeddings, pre-LN decoder layers with their own feed-forward width and head count, a final LayerNorm,
 * and an output projection tied to the token embedding. Input: token ids (B, T); output: logits (B, T, V).
 */
public final class Gpt extends AbstractBlock {
    private final GptConfig config;
    private final Parameter tokenEmbedding;    // (V, C), also the output projection
    private final Parameter positionEmbedding; // (context, C)
    private final AbstractBlock[] layers;
    private final LayerNorm lnF;

    public Gpt(GptConfig config) {
        this(config, i -> new DecoderLayer(config.dModel(), config.dInner().get(i), config.nHead().get(i),
                config.activation(), config.mdha()));
    }

    /**
     * The same embeddings, final LayerNorm and tied head around layers of another kind (for example a
     * compiled Primer program): {@code layer.apply(i)} builds layer i, which maps (B, T, d_model) to the
     * same shape; the config's per-layer widths and head counts are then not used.
     */
    public Gpt(GptConfig config, java.util.function.IntFunction<AbstractBlock> layer) {
        this.config = config;
        int c = config.dModel();
        tokenEmbedding = addParameter(Parameter.builder().setName("wte").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocabSize(), c)).build());
        positionEmbedding = addParameter(Parameter.builder().setName("wpe").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.contextLength(), c)).build());
        layers = new AbstractBlock[config.nLayer()];
        for (int i = 0; i < layers.length; i++) layers[i] = addChildBlock("h" + i, layer.apply(i));
        // LayerNorm over the channel axis only: DJL's default normalises over every axis but the batch
        lnF = addChildBlock("ln_f", LayerNorm.builder().axis(2).build());
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT); // GPT-2's N(0, 0.02)
    }

    public GptConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();                                    // (B, T) token ids
        long t = ids.getShape().get(1);
        NDArray wte = ps.getValue(tokenEmbedding, ids.getDevice(), training);        // (V, C)
        NDArray wpe = ps.getValue(positionEmbedding, ids.getDevice(), training);     // (context, C)
        // results of ops on parameters belong to the parameters' manager: move them to the input's
        // (per-step) manager so every array of a step is freed when the step's manager closes
        NDManager step = ids.getManager();
        NDArray tok = wte.get(ids.toType(DataType.INT64, false));                   // (B, T, C)
        NDArray pos = wpe.get(new NDIndex(":{}", t));                               // (T, C)
        tok.attach(step);
        pos.attach(step);
        NDArray x = tok.add(pos);
        for (AbstractBlock layer : layers) {
            x = layer.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        x = lnF.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray head = wte.transpose();                                              // (C, V), tied head
        head.attach(step);
        return new NDList(x.matMul(head));                                          // (B, T, V)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), config.vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.dModel());
        for (AbstractBlock layer : layers) layer.initialize(manager, dataType, hidden);
        lnF.initialize(manager, dataType, hidden);
    }

    /** x + attn(ln1(x)), then x + mlp(ln2(x)). */
    public static final class DecoderLayer extends AbstractBlock {
        private final LayerNorm ln1;
        private final CausalSelfAttention attn;
        private final LayerNorm ln2;
        private final Mlp mlp;

        public DecoderLayer(int dModel, int dInner, int nHead) {
            this(dModel, dInner, nHead, GptConfig.Activation.GELU, false);
        }

        public DecoderLayer(int dModel, int dInner, int nHead, GptConfig.Activation activation, boolean mdha) {
            ln1 = addChildBlock("ln_1", LayerNorm.builder().axis(2).build());
            attn = addChildBlock("attn", new CausalSelfAttention(dModel, nHead, mdha));
            ln2 = addChildBlock("ln_2", LayerNorm.builder().axis(2).build());
            mlp = addChildBlock("mlp", new Mlp(dModel, dInner, activation));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();                                   // (B, T, C)
            NDArray a = attn.forward(ps, ln1.forward(ps, new NDList(x), training), training).singletonOrThrow();
            x = x.add(a);
            NDArray m = mlp.forward(ps, ln2.forward(ps, new NDList(x), training), training).singletonOrThrow();
            return new NDList(x.add(m));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            ln1.initialize(manager, dataType, inputShapes);
            attn.initialize(manager, dataType, inputShapes);
            ln2.initialize(manager, dataType, inputShapes);
            mlp.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * Multi-head causal self-attention with one fused q/k/v projection; with MDHA (Primer) a causal
     * depthwise convolution of width 3 follows each of the Q, K and V projections.
     */
    public static final class CausalSelfAttention extends AbstractBlock {
        private final int dModel;
        private final int nHead;
        private final Linear cAttn;
        private final Linear cProj;
        private final CausalDepthwiseConv[] dconv; // q, k, v; null without MDHA

        CausalSelfAttention(int dModel, int nHead, boolean mdha) {
            this.dModel = dModel;
            this.nHead = nHead;
            cAttn = addChildBlock("c_attn", Linear.builder().setUnits(3L * dModel).optBias(true).build());
            cProj = addChildBlock("c_proj", Linear.builder().setUnits(dModel).optBias(true).build());
            dconv = mdha ? new CausalDepthwiseConv[] {
                    addChildBlock("dconv_q", new CausalDepthwiseConv(dModel)),
                    addChildBlock("dconv_k", new CausalDepthwiseConv(dModel)),
                    addChildBlock("dconv_v", new CausalDepthwiseConv(dModel))} : null;
        }

        private NDArray maybeConv(ParameterStore ps, int which, NDArray x, boolean training) {
            return dconv == null ? x : dconv[which].forward(ps, new NDList(x), training).singletonOrThrow();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            long b = x.getShape().get(0), t = x.getShape().get(1);
            long hd = dModel / nHead;
            NDList qkv = cAttn.forward(ps, new NDList(x), training).singletonOrThrow().split(3, 2); // 3 x (B, T, C)
            // MDHA: the depthwise conv runs over every channel, i.e. per head channel
            NDArray q = maybeConv(ps, 0, qkv.get(0), training).reshape(b, t, nHead, hd).transpose(0, 2, 1, 3); // (B, h, T, hd)
            NDArray k = maybeConv(ps, 1, qkv.get(1), training).reshape(b, t, nHead, hd).transpose(0, 2, 1, 3);
            NDArray v = maybeConv(ps, 2, qkv.get(2), training).reshape(b, t, nHead, hd).transpose(0, 2, 1, 3);
            NDArray y = attend(q, k, v).transpose(0, 2, 1, 3).reshape(b, t, dModel);           // (B, T, C)
            return cProj.forward(ps, new NDList(y), training);
        }

        /** Causal scaled dot-product attention on (B, h, T, hd) queries and keys and (B, h, T, hv) values. */
        public static NDArray attend(NDArray q, NDArray k, NDArray v) {
            long t = q.getShape().get(2);
            long hd = q.getShape().get(3);
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(hd));             // (B, h, T, T)
            NDManager m = q.getManager();
            NDArray future = m.arange(t).expandDims(1).lt(m.arange(t).expandDims(0));           // (T, T): j > i
            att = att.add(future.toType(att.getDataType(), false).mul(-1e9f)).softmax(-1);
            return att.matMul(v);                                                               // (B, h, T, hv)
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            cAttn.initialize(manager, dataType, inputShapes);
            cProj.initialize(manager, dataType, inputShapes);
            if (dconv != null) for (CausalDepthwiseConv c : dconv) c.initialize(manager, dataType, inputShapes);
        }
    }

    /** Linear(C, f) -> activation (GELU, ReLU or Primer's squared ReLU) -> Linear(f, C). */
    public static final class Mlp extends AbstractBlock {
        private final int dInner;
        private final GptConfig.Activation activation;
        private final Linear fc;
        private final Linear proj;

        Mlp(int dModel, int dInner, GptConfig.Activation activation) {
            this.dInner = dInner;
            this.activation = activation;
            fc = addChildBlock("c_fc", Linear.builder().setUnits(dInner).optBias(true).build());
            proj = addChildBlock("c_proj", Linear.builder().setUnits(dModel).optBias(true).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray h = fc.forward(ps, inputs, training).singletonOrThrow();   // (B, T, f)
            NDArray a = switch (activation) {
                case GELU -> Activation.gelu(h);
                case RELU -> Activation.relu(h);
                case SQUARED_RELU -> Activation.relu(h).square();
            };
            return proj.forward(ps, new NDList(a), training); // (B, T, C)
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            fc.initialize(manager, dataType, inputShapes);
            Shape s = inputShapes[0];
            proj.initialize(manager, dataType, new Shape(s.get(0), s.get(1), dInner));
        }
    }
}
