package jnas.core.autobert;

import java.util.List;

import ai.djl.nn.AbstractBlock;

import com.google.gson.JsonObject;

import jnas.core.model.EncoderConfig;

/**
 * What one layer of a searched encoder mixes tokens with (AutoBERT-Zero's inter-layer space): an
 * {@link AttentionProgram} or a depthwise-separable convolution ({@link SeparableConv}) of one of
 * {@link #KERNELS}. The rest of the layer is BERT's: the residual, post-LN, the feed-forward of the layer's width.
 *
 * @param attention the program, or null for a convolution
 * @param kernel    the convolution's width, or 0 for an attention
 */
public record LayerChoice(AttentionProgram attention, int kernel) {
    /** The convolution widths of the space: odd, centred, from a local 3 to half of a 64-token window. */
    public static final List<Integer> KERNELS = List.of(3, 7, 15, 31);

    public LayerChoice {
        if ((attention == null) == (kernel == 0)) {
            throw new IllegalArgumentException("a layer is either an attention or a convolution, not both or neither");
        }
        if (attention != null) attention.requireValid();
        if (attention == null && !KERNELS.contains(kernel)) {
            throw new IllegalArgumentException("convolution width " + kernel + " is not in the space; expected one of " + KERNELS);
        }
    }

    public static LayerChoice attention(AttentionProgram program) {
        return new LayerChoice(program, 0);
    }

    public static LayerChoice conv(int kernel) {
        return new LayerChoice(null, kernel);
    }

    public boolean isConv() {
        return attention == null;
    }

    /** "attention" or "conv". */
    public String kind() {
        return isConv() ? "conv" : "attention";
    }

    /** The formula, or the convolution's description ({@code depthwise-separable conv, width 7}). */
    public String describe() {
        return isConv() ? "depthwise-separable conv, width " + kernel : attention.formula();
    }

    /** The token-mixing block of layer i of {@code c}. */
    public AbstractBlock block(EncoderConfig c, int i) {
        return isConv() ? new SeparableConv(c.hidden(), kernel) : new ProgramAttention(attention, c.hidden(), c.heads().get(i), c.headSize().get(i));
    }

    /** Parameters of the token-mixing block of layer i. */
    public long params(EncoderConfig c, int i) {
        return isConv() ? SeparableConv.params(c.hidden(), kernel) : attention.params(c.hidden(), c.attentionWidth(i));
    }

    /** Forward FLOPs per token of the token-mixing block of layer i at length T. */
    public double flopsPerToken(EncoderConfig c, int i, int seqLen) {
        return isConv() ? SeparableConv.flopsPerToken(c.hidden(), kernel)
                : attention.flopsPerToken(c.hidden(), c.heads().get(i), c.headSize().get(i), seqLen);
    }

    /** 12 hex digits naming this choice: its program's id, or {@code conv7}. */
    public String id() {
        return isConv() ? "conv" + kernel : attention.id();
    }

    JsonObject json() {
        JsonObject o = new JsonObject();
        if (isConv()) {
            o.addProperty("conv", kernel);
        } else {
            o.add("attention", attention.json());
        }
        return o;
    }

    static LayerChoice fromJson(JsonObject o) {
        if (o.has("conv")) return conv(o.get("conv").getAsInt());
        if (o.has("attention")) return attention(AttentionProgram.fromJson(o.getAsJsonObject("attention")));
        throw new IllegalArgumentException("a layer's JSON needs 'attention' or 'conv', got " + o.keySet());
    }
}
