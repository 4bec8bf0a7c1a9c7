package jnas.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Encoder shapes by name and their per-layer table. The names are the compact BERTs of Turc et al. (2019,
 * "Well-Read Students Learn Better"): tiny 2 x 128, mini 4 x 256, small 4 x 512, medium 8 x 512, and BERT-base
 * 12 x 768, each with heads = hidden / 64 and FFN = 4 x hidden; the vocabulary defaults to word-level Brown's
 * (8,000 words + 5 special tokens) and the length to 128.
 */
public final class EncoderShapes {
    public static final int BROWN_VOCAB = 8005;
    public static final int DEFAULT_LENGTH = 128;

    private static final Map<String, int[]> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("bert-tiny", new int[] {2, 128});
        NAMED.put("bert-mini", new int[] {4, 256});
        NAMED.put("bert-small", new int[] {4, 512});
        NAMED.put("bert-medium", new int[] {8, 512});
        NAMED.put("bert-base", new int[] {12, 768});
    }

    private EncoderShapes() {}

    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /**
     * An encoder configuration from a name ({@code bert-mini}), a name with a vocabulary size
     * ({@code bert-mini/30522}), or an {@link EncoderConfig} JSON; one line otherwise.
     */
    public static EncoderConfig parse(String text) {
        String s = text.strip();
        if (s.startsWith("{")) {
            try {
                return EncoderConfig.fromJson(s);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("encoder '" + s + "': not an encoder configuration JSON: " + e.getMessage());
            }
        }
        String name = s, vocab = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            name = s.substring(0, slash);
            vocab = s.substring(slash + 1);
        }
        int[] lh = NAMED.get(name);
        if (lh == null) {
            throw new IllegalArgumentException("unknown encoder '" + name + "'; expected one of " + String.join(", ", names())
                    + " (optionally /VOCAB), or an encoder configuration JSON");
        }
        int v;
        try {
            v = vocab == null ? BROWN_VOCAB : Integer.parseInt(vocab);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("encoder '" + s + "': the vocabulary after '/' must be an integer, was '" + vocab + "'");
        }
        return EncoderConfig.homogeneous(v, DEFAULT_LENGTH, lh[0], lh[1], lh[1] / 64 == 0 ? 2 : lh[1] / 64, 4 * lh[1]);
    }

    /** One row per part (embeddings, every layer, MLM head, pooler) with its shape, parameters and forward FLOPs per token at the full length. */
    public static Table table(EncoderConfig c) {
        int t = c.maxLength();
        StringColumn part = StringColumn.create("part");
        StringColumn kind = StringColumn.create("kind");
        IntColumn heads = IntColumn.create("heads");
        IntColumn width = IntColumn.create("attention_width");
        IntColumn ffn = IntColumn.create("ffn");
        LongColumn params = LongColumn.create("params");
        DoubleColumn flops = DoubleColumn.create("flops");
        part.append("embeddings");
        kind.append("token + position" + (c.typeVocabSize() > 0 ? " + type" : "") + ", LayerNorm");
        heads.appendMissing();
        width.appendMissing();
        ffn.appendMissing();
        params.append(EncoderCounts.embeddingParams(c));
        flops.append(0);
        for (int i = 0; i < c.layers(); i++) {
            part.append("layer " + i);
            kind.append("self-attention + FFN (post-LN)");
            heads.append(c.heads().get(i));
            width.append(c.attentionWidth(i));
            ffn.append(c.ffn().get(i));
            params.append(EncoderCounts.layerParams(c, i));
            flops.append(EncoderCounts.layerFlopsPerToken(c, i, t));
        }
        part.append("mlm head");
        kind.append("dense + GELU + LayerNorm + tied projection");
        heads.appendMissing();
        width.appendMissing();
        ffn.appendMissing();
        params.append(EncoderCounts.mlmHeadParams(c));
        flops.append(EncoderCounts.mlmHeadFlopsPerToken(c));
        part.append("pooler");
        kind.append("dense + tanh on [CLS] (per sequence)");
        heads.appendMissing();
        width.appendMissing();
        ffn.appendMissing();
        params.append(EncoderCounts.poolerParams(c));
        flops.append(EncoderCounts.poolerFlopsPerSequence(c) / t);
        return Table.create("encoder " + c.id() + ": " + c.layers() + " layers, hidden " + c.hidden() + ", vocabulary " + c.vocabSize()
                + ", length " + t + "; " + EncoderCounts.totalParams(c) + " parameters, "
                + String.format("%.4g", EncoderCounts.forwardFlopsPerToken(c, t)) + " forward FLOPs per token (MLM head at every position)",
                part, kind, heads, width, ffn, params, flops);
    }
}
