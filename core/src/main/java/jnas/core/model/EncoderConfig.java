package jnas.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The shape of a BERT-style {@link Encoder} with heterogeneous layers: layer i has its own head count
 * {@code heads.get(i)}, head size {@code headSize.get(i)} and feed-forward width {@code ffn.get(i)}, so
 * sub-networks of different shapes can be described. The attention width of layer i is
 * heads_i x headSize_i; it need not equal the hidden size H (BERT's head size is H / heads, 64 in BERT-base;
 * {@link #homogeneous} picks that, {@link #perLayer} fixes one head size for every layer).
 *
 * <p>Fixed, not configured: GELU in the feed-forward, post-LN layers as in BERT (see {@link Encoder}),
 * learned position embeddings, token id 0 is padding.
 *
 * <p>The JSON form ({@link #toJson}) has its keys in a fixed order and the per-layer widths as lists;
 * {@link #id} is 12 hex digits of its SHA-256, so equal configurations have equal ids across runs and machines.
 *
 * @param vocabSize     tokens in the vocabulary, id 0 being padding
 * @param maxLength     the longest sequence (rows of the learned position embedding)
 * @param layers        number of encoder layers
 * @param hidden        H, the width of the residual stream and of the embeddings
 * @param heads         attention heads per layer (size layers)
 * @param headSize      width of one head per layer (size layers)
 * @param ffn           feed-forward width per layer (size layers)
 * @param typeVocabSize token types (segments): 2 as in BERT for sentence pairs, 0 for no type embedding
 * @param dropout       dropout rate (BERT: 0.1) on the embeddings, the attention probabilities and each
 *                      residual branch, in training only; 0 (the default of the factories here) is none
 */
public record EncoderConfig(int vocabSize, int maxLength, int layers, int hidden, List<Integer> heads,
                            List<Integer> headSize, List<Integer> ffn, int typeVocabSize, double dropout) implements EncoderArch {

    public EncoderConfig {
        heads = List.copyOf(heads);
        headSize = List.copyOf(headSize);
        ffn = List.copyOf(ffn);
        if (vocabSize < 2) throw new IllegalArgumentException("vocabSize must be >= 2 (id 0 is padding), was " + vocabSize);
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be >= 1, was " + maxLength);
        if (layers < 1) throw new IllegalArgumentException("layers must be >= 1, was " + layers);
        if (hidden < 1) throw new IllegalArgumentException("hidden must be >= 1, was " + hidden);
        if (heads.size() != layers || headSize.size() != layers || ffn.size() != layers) {
            throw new IllegalArgumentException("heads, headSize and ffn need one value per layer (" + layers + "), got "
                    + heads.size() + ", " + headSize.size() + " and " + ffn.size());
        }
        for (int i = 0; i < layers; i++) {
            if (heads.get(i) < 1 || headSize.get(i) < 1 || ffn.get(i) < 1) {
                throw new IllegalArgumentException("layer " + i + ": heads, head size and ffn must be >= 1, got "
                        + heads.get(i) + ", " + headSize.get(i) + " and " + ffn.get(i));
            }
        }
        if (typeVocabSize < 0) throw new IllegalArgumentException("typeVocabSize must be >= 0, was " + typeVocabSize);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }

    /** The same widths in every layer, BERT's head size H / heads, 2 token types, no dropout. */
    public static EncoderConfig homogeneous(int vocabSize, int maxLength, int layers, int hidden, int heads, int ffn) {
        if (heads < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " is not divisible by heads " + heads);
        }
        return new EncoderConfig(vocabSize, maxLength, layers, hidden, Collections.nCopies(layers, heads),
                Collections.nCopies(layers, hidden / heads), Collections.nCopies(layers, ffn), 2, 0.0);
    }

    /** Per-layer head counts and feed-forward widths, one head size for every layer, 2 token types, no dropout. */
    public static EncoderConfig perLayer(int vocabSize, int maxLength, int hidden, int headSize, List<Integer> heads,
                                         List<Integer> ffn) {
        return new EncoderConfig(vocabSize, maxLength, heads.size(), hidden, heads,
                Collections.nCopies(heads.size(), headSize), ffn, 2, 0.0);
    }

    public EncoderConfig withTypeVocabSize(int types) {
        return new EncoderConfig(vocabSize, maxLength, layers, hidden, heads, headSize, ffn, types, dropout);
    }

    public EncoderConfig withDropout(double rate) {
        return new EncoderConfig(vocabSize, maxLength, layers, hidden, heads, headSize, ffn, typeVocabSize, rate);
    }

    /** This configuration itself: BERT's architecture is nothing but its shape. */
    @Override
    public EncoderConfig shape() {
        return this;
    }

    /** A BERT encoder of this shape ({@link Encoder#STANDARD} layers). */
    @Override
    public Encoder build() {
        return new Encoder(this);
    }

    @Override
    public long totalParams() {
        return EncoderCounts.totalParams(this);
    }

    @Override
    public double sequenceFlops(int seqLen) {
        return seqLen * EncoderCounts.encoderFlopsPerToken(this, seqLen) + EncoderCounts.poolerFlopsPerSequence(this);
    }

    /** heads_i x headSize_i: the width of layer i's queries, keys and values. */
    public int attentionWidth(int layer) {
        return heads.get(layer) * headSize.get(layer);
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /**
     * {"vocab_size":V,"max_length":P,"layers":L,"hidden":H,"heads":[..],"head_size":[..],"ffn":[..],
     * "type_vocab_size":S,"dropout":p}: the stored form, also the id's source.
     */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("vocab_size", vocabSize);
        o.addProperty("max_length", maxLength);
        o.addProperty("layers", layers);
        o.addProperty("hidden", hidden);
        o.add("heads", array(heads));
        o.add("head_size", array(headSize));
        o.add("ffn", array(ffn));
        o.addProperty("type_vocab_size", typeVocabSize);
        o.addProperty("dropout", dropout);
        return o.toString();
    }

    public static EncoderConfig fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new EncoderConfig(o.get("vocab_size").getAsInt(), o.get("max_length").getAsInt(),
                    o.get("layers").getAsInt(), o.get("hidden").getAsInt(), list(o, "heads"), list(o, "head_size"),
                    list(o, "ffn"), o.get("type_vocab_size").getAsInt(), o.get("dropout").getAsDouble());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an encoder configuration's JSON: " + e);
        } catch (IllegalArgumentException e) {
            throw e; // the constructor's own one-line reason
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an encoder configuration's JSON: " + e);
        }
    }

    /** 12 hex digits of the SHA-256 of {@link #toJson}. */
    public String id() {
        return jnas.core.util.Hashes.sha256Hex(toJson(), 6);
    }

    private static JsonArray array(List<Integer> values) {
        JsonArray a = new JsonArray();
        for (int v : values) a.add(v);
        return a;
    }

    private static List<Integer> list(JsonObject o, String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) out.add(e.getAsInt());
        return out;
    }
}
