package jnas.core.model;

import java.util.List;

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
 * A BERT-style encoder as DJL blocks, as plain as {@link Gpt}: token, learned position and (optional)
 * token-type embeddings with a LayerNorm, L post-LN layers with their own widths, a masked-LM head tied to
 * the token embedding and a [CLS] pooler.
 *
 * <p>Input: token ids (B, T), int or long, and optionally token-type ids (B, T) (0 for the first segment,
 * 1 for the second; all 0 when left out). Id 0 is padding: keys at padded positions are masked out of
 * every attention, so the outputs at real positions do not depend on what the padded positions hold.
 * Output: {@code NDList(hidden (B, T, H), pooled (B, H))}, the per-token hidden states (for token
 * classification and the masked-LM head, see {@link #mlmLogits}) and the pooled [CLS] state (for sequence
 * classification). Outputs at padded positions are not meaningful.
 *
 * <p>Post-LN, as BERT: each layer is {@code x = LN(x + attn(x)); x = LN(x + ffn(x))}, after an
 * embedding LayerNorm. Pre-LN (as {@link Gpt}) trains more easily when deep, but the encoders here are a
 * few layers deep, and post-LN keeps BERT's recipe, which the encoder searches to come start from.
 *
 * <p>Layers are pluggable: a {@link LayerFactory} builds each whole layer; the default,
 * {@link #STANDARD}, is the post-LN layer around BERT's self-attention, and {@link #postLn(AttentionFactory)}
 * keeps that layer and swaps only its token-mixing part. Weights start as in BERT: N(0, 0.02), biases 0,
 * LayerNorm gains 1 (DJL's LayerNorm epsilon 1e-5; BERT's is 1e-12).
 */
public final class Encoder extends AbstractBlock {

    /**
     * Builds layer i. The block takes {@code NDList(x (B, T, H), real (B, T))}, where {@code real} is 1 at
     * tokens and 0 at padding (in x's data type), and returns {@code NDList(x' (B, T, H))}; its outputs at
     * real positions must not depend on x at padded positions.
     */
    @FunctionalInterface
    public interface LayerFactory {
        AbstractBlock layer(EncoderConfig config, int i);
    }

    /**
     * Builds the token-mixing part of layer i (BERT's self-attention; a searched attention or convolution
     * body later). Same inputs and rule on padding as a layer; returns {@code NDList((B, T, H))}, the branch
     * that the residual adds to x.
     */
    @FunctionalInterface
    public interface AttentionFactory {
        AbstractBlock attention(EncoderConfig config, int i);
    }

    /** BERT's multi-head self-attention with layer i's heads and head size. */
    public static final AttentionFactory SELF_ATTENTION = (c, i) ->
            new SelfAttention(c.hidden(), c.heads().get(i), c.headSize().get(i), c.dropout());

    /** Post-LN layers around the attention {@code attention} builds, with layer i's feed-forward width. */
    public static LayerFactory postLn(AttentionFactory attention) {
        return (c, i) -> new EncoderLayer(c, i, attention);
    }

    /** BERT's layer: post-LN around self-attention. */
    public static final LayerFactory STANDARD = postLn(SELF_ATTENTION);

    private final EncoderConfig config;
    private final Embeddings embeddings;
    private final AbstractBlock[] layers;
    private final MlmHead mlm;
    private final Pooler pooler;

    public Encoder(EncoderConfig config) {
        this(config, STANDARD);
    }

    public Encoder(EncoderConfig config, LayerFactory layer) {
        this.config = config;
        embeddings = addChildBlock("embeddings", new Embeddings(config));
        layers = new AbstractBlock[config.layers()];
        for (int i = 0; i < layers.length; i++) layers[i] = addChildBlock("layer" + i, layer.layer(config, i));
        mlm = addChildBlock("mlm", new MlmHead(config.hidden(), config.vocabSize()));
        pooler = addChildBlock("pooler", new Pooler(config.hidden()));
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT); // BERT's N(0, 0.02)
    }

    public EncoderConfig config() {
        return config;
    }

    public Embeddings embeddings() {
        return embeddings;
    }

    public List<AbstractBlock> layers() {
        return List.of(layers);
    }

    public MlmHead mlmHead() {
        return mlm;
    }

    public Pooler pooler() {
        return pooler;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);                                                       // (B, T)
        NDArray x = embeddings.forward(ps, inputs, training).singletonOrThrow();           // (B, T, H)
        NDArray real = ids.neq(0).toType(x.getDataType(), false);                          // (B, T): 1 token, 0 padding
        for (AbstractBlock layer : layers) {
            x = layer.forward(ps, new NDList(x, real), training).singletonOrThrow();
        }
        NDArray pooled = pooler.forward(ps, new NDList(x), training).singletonOrThrow();   // (B, H)
        return new NDList(x, pooled);
    }

    /**
     * The masked-LM head on hidden states (..., H), e.g. all of (B, T, H) or the (N, H) rows at masked
     * positions: logits (..., V) over the vocabulary, through the token embedding (tied).
     */
    public NDArray mlmLogits(ParameterStore ps, NDArray hidden, boolean training) {
        NDArray wte = ps.getValue(embeddings.word, hidden.getDevice(), training);          // (V, H)
        return mlm.forward(ps, new NDList(hidden, wte), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), config.hidden()), new Shape(in.get(0), config.hidden())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = new Shape(ids.get(0), ids.get(1), config.hidden());
        embeddings.initialize(manager, dataType, inputShapes);
        for (AbstractBlock layer : layers) layer.initialize(manager, dataType, hidden, ids);
        mlm.initialize(manager, dataType, hidden, new Shape(config.vocabSize(), config.hidden()));
        pooler.initialize(manager, dataType, hidden);
    }

    /** Dropout at {@code rate} in training, the identity otherwise. */
    static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) return x;
        return x.getNDArrayInternal().dropout(x, (float) rate, true).singletonOrThrow();
    }

    /**
     * Token (V, H) + position (P, H) [+ token type (S, H)] embeddings, summed, then LayerNorm (and dropout):
     * ids (B, T) [, types (B, T)] to (B, T, H). The token embedding is also the masked-LM head's projection.
     */
    public static final class Embeddings extends AbstractBlock {
        private final EncoderConfig config;
        private final Parameter word;     // (V, H)
        private final Parameter position; // (P, H)
        private final Parameter type;     // (S, H); null when S = 0
        private final LayerNorm ln;

        Embeddings(EncoderConfig config) {
            this.config = config;
            int h = config.hidden();
            word = addParameter(Parameter.builder().setName("word").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(config.vocabSize(), h)).build());
            position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(config.maxLength(), h)).build());
            type = config.typeVocabSize() == 0 ? null : addParameter(Parameter.builder().setName("type")
                    .setType(Parameter.Type.WEIGHT).optShape(new Shape(config.typeVocabSize(), h)).build());
            ln = addChildBlock("ln", LayerNorm.builder().axis(2).build());
        }

        /** The token embedding (V, H), which the masked-LM head shares. */
        public Parameter word() {
            return word;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray ids = inputs.get(0);                                                   // (B, T)
            long t = ids.getShape().get(1);
            if (t > config.maxLength()) {
                throw new IllegalArgumentException("sequence length " + t + " exceeds maxLength " + config.maxLength());
            }
            if (type == null && inputs.size() > 1) {
                throw new IllegalArgumentException("token-type ids given, but the configuration has no token types");
            }
            // results of ops on parameters belong to the parameters' manager: move them to the input's
            // (per-step) manager, as in Gpt
            NDManager step = ids.getManager();
            NDArray tok = ps.getValue(word, ids.getDevice(), training).get(ids.toType(DataType.INT64, false)); // (B, T, H)
            NDArray pos = ps.getValue(position, ids.getDevice(), training).get(new NDIndex(":{}", t));       // (T, H)
            tok.attach(step);
            pos.attach(step);
            NDArray x = tok.add(pos);
            if (type != null) {
                NDArray types = inputs.size() > 1 ? inputs.get(1) : ids.zerosLike();                          // (B, T)
                NDArray seg = ps.getValue(type, ids.getDevice(), training).get(types.toType(DataType.INT64, false));
                seg.attach(step);
                x = x.add(seg);
            }
            x = ln.forward(ps, new NDList(x), training).singletonOrThrow();
            return new NDList(dropout(x, config.dropout(), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.hidden())};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            ln.initialize(manager, dataType, getOutputShapes(inputShapes));
        }
    }

    /** Post-LN: x = LN1(x + attn(x, real)); x = LN2(x + ffn(x)), ffn = Linear(H, f) -> GELU -> Linear(f, H). */
    public static final class EncoderLayer extends AbstractBlock {
        private final double dropout;
        private final AbstractBlock attn;
        private final LayerNorm ln1;
        private final Gpt.Mlp ffn;
        private final LayerNorm ln2;

        public EncoderLayer(EncoderConfig config, int i, AttentionFactory attention) {
            dropout = config.dropout();
            attn = addChildBlock("attn", attention.attention(config, i));
            ln1 = addChildBlock("ln_1", LayerNorm.builder().axis(2).build());
            ffn = addChildBlock("ffn", new Gpt.Mlp(config.hidden(), config.ffn().get(i), GptConfig.Activation.GELU));
            ln2 = addChildBlock("ln_2", LayerNorm.builder().axis(2).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.get(0);                                                     // (B, T, H)
            NDArray a = attn.forward(ps, inputs, training).singletonOrThrow();             // (B, T, H)
            x = ln1.forward(ps, new NDList(x.add(dropout(a, dropout, training))), training).singletonOrThrow();
            NDArray f = ffn.forward(ps, new NDList(x), training).singletonOrThrow();       // (B, T, H)
            x = ln2.forward(ps, new NDList(x.add(dropout(f, dropout, training))), training).singletonOrThrow();
            return new NDList(x);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            attn.initialize(manager, dataType, inputShapes);
            ln1.initialize(manager, dataType, inputShapes[0]);
            ffn.initialize(manager, dataType, inputShapes[0]);
            ln2.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /**
     * Multi-head self-attention over all positions (not causal) with a padding mask on the keys: query,
     * key and value projections H -> A (A = heads x headSize), softmax(q k^T / sqrt(headSize) + mask) v
     * per head, output projection A -> H. Padded keys get -1e9 before the softmax: exp underflows to exactly
     * 0 in float32, as with -inf, and a sequence of padding only stays finite instead of NaN.
     */
    public static final class SelfAttention extends AbstractBlock {
        private final int heads;
        private final int headSize;
        private final double dropout;
        private final Linear query;
        private final Linear key;
        private final Linear value;
        private final Linear output;

        public SelfAttention(int hidden, int heads, int headSize, double dropout) {
            this.heads = heads;
            this.headSize = headSize;
            this.dropout = dropout;
            long a = (long) heads * headSize;
            query = addChildBlock("query", Linear.builder().setUnits(a).optBias(true).build());
            key = addChildBlock("key", Linear.builder().setUnits(a).optBias(true).build());
            value = addChildBlock("value", Linear.builder().setUnits(a).optBias(true).build());
            output = addChildBlock("output", Linear.builder().setUnits(hidden).optBias(true).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.get(0);                                                     // (B, T, H)
            NDArray real = inputs.get(1);                                                  // (B, T)
            long b = x.getShape().get(0), t = x.getShape().get(1);
            NDArray q = split(query.forward(ps, new NDList(x), training).singletonOrThrow(), b, t); // (B, h, T, d)
            NDArray k = split(key.forward(ps, new NDList(x), training).singletonOrThrow(), b, t);
            NDArray v = split(value.forward(ps, new NDList(x), training).singletonOrThrow(), b, t);
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(headSize));         // (B, h, T, T)
            NDArray mask = real.sub(1f).mul(1e9f).reshape(b, 1, 1, t);                     // 0 at tokens, -1e9 at padding
            att = dropout(att.add(mask).softmax(-1), dropout, training);
            NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headSize); // (B, T, A)
            return output.forward(ps, new NDList(y), training);                            // (B, T, H)
        }

        /** (B, T, A) to (B, heads, T, headSize). */
        private NDArray split(NDArray x, long b, long t) {
            return x.reshape(b, t, heads, headSize).transpose(0, 2, 1, 3);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            query.initialize(manager, dataType, x);
            key.initialize(manager, dataType, x);
            value.initialize(manager, dataType, x);
            output.initialize(manager, dataType, new Shape(x.get(0), x.get(1), (long) heads * headSize));
        }
    }

    /**
     * BERT's masked-LM head: Linear(H, H) -> GELU -> LayerNorm, then the tied projection onto the token
     * embedding plus a vocabulary bias. Inputs: hidden states (..., H) and the token embedding (V, H);
     * output: logits (..., V). The embedding is an input, not a parameter of this block, so it is counted once.
     */
    public static final class MlmHead extends AbstractBlock {
        private final Linear dense;
        private final LayerNorm ln;
        private final Parameter bias; // (V)

        MlmHead(int hidden, int vocabSize) {
            dense = addChildBlock("dense", Linear.builder().setUnits(hidden).optBias(true).build());
            ln = addChildBlock("ln", LayerNorm.builder().axis(2).build());
            bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(vocabSize)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.get(0);                                                     // (..., H)
            NDArray wte = inputs.get(1);                                                   // (V, H)
            NDArray h = Activation.gelu(dense.forward(ps, new NDList(x), training).singletonOrThrow());
            h = ln.forward(ps, new NDList(h), training).singletonOrThrow();                // (..., H)
            NDArray proj = wte.transpose();                                                // (H, V), tied
            proj.attach(h.getManager());
            return new NDList(h.matMul(proj).add(ps.getValue(bias, x.getDevice(), training))); // (..., V)
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape x = inputShapes[0];
            return new Shape[] {x.slice(0, x.dimension() - 1).add(inputShapes[1].get(0))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            dense.initialize(manager, dataType, inputShapes[0]);
            ln.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /** BERT's pooler: tanh(Linear(H, H)) of the hidden state at position 0 ([CLS]): (B, T, H) to (B, H). */
    public static final class Pooler extends AbstractBlock {
        private final Linear dense;

        Pooler(int hidden) {
            dense = addChildBlock("dense", Linear.builder().setUnits(hidden).optBias(true).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray cls = inputs.singletonOrThrow().get(new NDIndex(":, 0, :"));             // (B, H)
            return new NDList(Activation.tanh(dense.forward(ps, new NDList(cls), training).singletonOrThrow()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape x = inputShapes[0];
            return new Shape[] {new Shape(x.get(0), x.get(2))};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            dense.initialize(manager, dataType, new Shape(x.get(0), x.get(2)));
        }
    }
}
