package jnas.core.autobert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.model.Encoder;
import jnas.core.model.EncoderArch;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.util.Hashes;

/**
 * An encoder of AutoBERT-Zero's space: BERT's shape ({@link EncoderConfig}: hidden size, per-layer heads,
 * head size and feed-forward width, vocabulary, length) with each layer's token mixing chosen
 * ({@link LayerChoice}: an attention program or a convolution). Built as an {@link Encoder} with post-LN
 * layers around the chosen blocks, so the embeddings, masked-LM head, pooler and feed-forwards are BERT's.
 * A value: its JSON ({@link #toJson}) is stable and {@link #id} is 12 hex digits of its SHA-256.
 */
public record HybridEncoder(EncoderConfig shape, List<LayerChoice> layers) implements EncoderArch {

    public HybridEncoder {
        layers = List.copyOf(layers);
        if (layers.size() != shape.layers()) {
            throw new IllegalArgumentException("the shape has " + shape.layers() + " layers, the choices " + layers.size());
        }
    }

    /** Every layer the same choice. */
    public static HybridEncoder uniform(EncoderConfig shape, LayerChoice choice) {
        return new HybridEncoder(shape, Collections.nCopies(shape.layers(), choice));
    }

    /** BERT itself: every layer {@code vanilla}. */
    public static HybridEncoder bert(EncoderConfig shape) {
        return uniform(shape, LayerChoice.attention(Attentions.vanilla()));
    }

    public LayerChoice layer(int i) {
        return layers.get(i);
    }

    public HybridEncoder withLayer(int i, LayerChoice choice) {
        List<LayerChoice> out = new ArrayList<>(layers);
        out.set(i, choice);
        return new HybridEncoder(shape, out);
    }

    /** The DJL encoder (uninitialised). */
    @Override
    public Encoder build() {
        return new Encoder(shape, Encoder.postLn((c, i) -> layers.get(i).block(c, i)));
    }

    // ---- counts ----------------------------------------------------------------------------------

    /** Layer i without its token mixing: the feed-forward (2 H F + F + H) and two LayerNorms (4 H). */
    private long restOfLayer(int i) {
        long h = shape.hidden(), f = shape.ffn().get(i);
        return 2 * h * f + f + h + 4 * h;
    }

    public long layerParams(int i) {
        return layers.get(i).params(shape, i) + restOfLayer(i);
    }

    /** Every parameter of {@link #build()}: embeddings, layers, masked-LM head and pooler. */
    @Override
    public long totalParams() {
        long total = EncoderCounts.embeddingParams(shape) + EncoderCounts.mlmHeadParams(shape) + EncoderCounts.poolerParams(shape);
        for (int i = 0; i < layers.size(); i++) total += layerParams(i);
        return total;
    }

    /** Forward FLOPs per token of layer i at length T: its token mixing and the feed-forward (4 H F). */
    public double layerFlopsPerToken(int i, int seqLen) {
        return layers.get(i).flopsPerToken(shape, i, seqLen) + 4.0 * shape.hidden() * shape.ffn().get(i);
    }

    /** Forward FLOPs per token of every layer (no head), comparable with {@link EncoderCounts#encoderFlopsPerToken}. */
    public double encoderFlopsPerToken(int seqLen) {
        double total = 0;
        for (int i = 0; i < layers.size(); i++) total += layerFlopsPerToken(i, seqLen);
        return total;
    }

    /** Forward FLOPs of one sequence of length T through the layers and the pooler, as the tasks' {@code seq_flops}. */
    @Override
    public double sequenceFlops(int seqLen) {
        return encoderFlopsPerToken(seqLen) * seqLen + EncoderCounts.poolerFlopsPerSequence(shape);
    }

    /**
     * One row per layer: {@code layer}, {@code kind}, {@code mixing} (the formula or the convolution),
     * {@code heads}, {@code ffn}, {@code params} and {@code flops} (per token at the full length).
     */
    public Table table() {
        int t = shape.maxLength();
        IntColumn layer = IntColumn.create("layer");
        StringColumn kind = StringColumn.create("kind");
        StringColumn mixing = StringColumn.create("mixing");
        IntColumn heads = IntColumn.create("heads");
        IntColumn ffn = IntColumn.create("ffn");
        LongColumn params = LongColumn.create("params");
        DoubleColumn flops = DoubleColumn.create("flops");
        for (int i = 0; i < layers.size(); i++) {
            LayerChoice c = layers.get(i);
            layer.append(i);
            kind.append(c.kind());
            String name = c.isConv() ? null : Attentions.nameOf(c.attention());
            mixing.append(c.describe() + (name == null ? "" : "  (" + name + ")"));
            heads.append(c.isConv() ? 0 : shape.heads().get(i));
            ffn.append(shape.ffn().get(i));
            params.append(layerParams(i));
            flops.append(layerFlopsPerToken(i, t));
        }
        return Table.create("Encoder " + id() + ": " + layers.size() + " layers, hidden " + shape.hidden() + ", " + totalParams()
                + " parameters in all, FLOPs per token at length " + t, layer, kind, mixing, heads, ffn, params, flops);
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /** {"shape":{EncoderConfig JSON},"layers":[{"attention":{...}} or {"conv":7}, ...]}. */
    @Override
    public String toJson() {
        JsonObject o = new JsonObject();
        o.add("shape", JsonParser.parseString(shape.toJson()));
        JsonArray arr = new JsonArray();
        for (LayerChoice c : layers) arr.add(c.json());
        o.add("layers", arr);
        return o.toString();
    }

    public static HybridEncoder fromJson(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a searched encoder's JSON: " + e.getMessage());
        }
        if (!o.has("shape") || !o.has("layers")) throw new IllegalArgumentException("a searched encoder's JSON needs 'shape' and 'layers'");
        EncoderConfig shape = EncoderConfig.fromJson(o.get("shape").toString());
        List<LayerChoice> layers = new ArrayList<>();
        for (var e : o.getAsJsonArray("layers")) layers.add(LayerChoice.fromJson(e.getAsJsonObject()));
        return new HybridEncoder(shape, layers);
    }

    public String id() {
        return Hashes.sha256Hex(toJson(), 6);
    }
}
