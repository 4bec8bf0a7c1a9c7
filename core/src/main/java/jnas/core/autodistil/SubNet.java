package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;

/**
 * A student: a sub-network of the teacher, homogeneous as in AutoDistil: {@code layers} layers of width
 * {@code hidden}, {@code heads} heads of the teacher's head size, and a feed-forward width {@code ffn}
 * (the MLP ratio times the hidden size, rounded). It is a view of the teacher's weights by two rules
 * (see {@link SuperLm}): every weight is a prefix ({@code W[:out, :in]}, {@code b[:out]}, embeddings
 * {@code [:, :H]}, norms {@code [:H]}), and depth keeps evenly spaced layers ({@link #layerIndices}).
 */
public record SubNet(int layers, int hidden, int heads, int ffn) {
    public SubNet {
        if (layers < 1 || hidden < 1 || heads < 1 || ffn < 1) {
            throw new IllegalArgumentException("a sub-network needs layers, hidden, heads and ffn >= 1; got " + layers + ", " + hidden + ", "
                    + heads + ", " + ffn);
        }
    }

    /** The feed-forward width of MLP ratio {@code ratio} at {@code hidden}: round(ratio x hidden). */
    public static SubNet of(int layers, int hidden, int heads, double ratio) {
        return new SubNet(layers, hidden, heads, (int) Math.round(ratio * hidden));
    }

    /** The teacher itself as a sub-network of its own SuperLM. */
    public static SubNet of(EncoderConfig teacher) {
        return new SubNet(teacher.layers(), teacher.hidden(), teacher.heads().get(0), teacher.ffn().get(0));
    }

    public double mlpRatio() {
        return (double) ffn / hidden;
    }

    /**
     * The teacher layers this sub-network keeps, evenly spaced as in the authors' code: layer i of L takes
     * the teacher's layer floor(i x teacherLayers / L), so 4 of 12 keep {0, 3, 6, 9} and 2 of 4 keep {0, 2}.
     */
    public List<Integer> layerIndices(int teacherLayers) {
        if (layers > teacherLayers) {
            throw new IllegalArgumentException("a sub-network of " + layers + " layers does not fit a teacher of " + teacherLayers);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) out.add((int) ((long) i * teacherLayers / layers));
        return out;
    }

    /**
     * This student's own encoder configuration: the teacher's vocabulary, length, token types and head
     * size, this shape.
     *
     * @throws IllegalArgumentException when it does not fit inside the teacher
     */
    public EncoderConfig config(EncoderConfig teacher) {
        checkFits(teacher);
        return new EncoderConfig(teacher.vocabSize(), teacher.maxLength(), layers, hidden, Collections.nCopies(layers, heads),
                Collections.nCopies(layers, teacher.headSize().get(0)), Collections.nCopies(layers, ffn), teacher.typeVocabSize(), 0.0);
    }

    /** One line when this sub-network is not inside the (homogeneous) teacher. */
    public void checkFits(EncoderConfig teacher) {
        if (layers > teacher.layers() || hidden > teacher.hidden() || heads > teacher.heads().get(0) || ffn > teacher.ffn().get(0)) {
            throw new IllegalArgumentException("sub-network " + this + " does not fit inside the teacher (L" + teacher.layers() + " H"
                    + teacher.hidden() + " A" + teacher.heads().get(0) + " F" + teacher.ffn().get(0) + ")");
        }
    }

    /** Parameters of the student encoder (embeddings, layers, masked-LM head, pooler), exactly. */
    public long params(EncoderConfig teacher) {
        return EncoderCounts.totalParams(config(teacher));
    }

    /** Forward FLOPs of one sequence of {@code seqLen} positions through the student, as downstream tasks use it. */
    public double flops(EncoderConfig teacher, int seqLen) {
        return config(teacher).sequenceFlops(seqLen);
    }

    /** {"layers":L,"hidden":H,"heads":A,"ffn":F}. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("layers", layers);
        o.addProperty("hidden", hidden);
        o.addProperty("heads", heads);
        o.addProperty("ffn", ffn);
        return o.toString();
    }

    public static SubNet fromJson(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new SubNet(o.get("layers").getAsInt(), o.get("hidden").getAsInt(), o.get("heads").getAsInt(), o.get("ffn").getAsInt());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a sub-network's JSON ({\"layers\":L,\"hidden\":H,\"heads\":A,\"ffn\":F}): " + json);
        }
    }

    /** {@code L4 H256 A4 F1024}. */
    @Override
    public String toString() {
        return "L" + layers + " H" + hidden + " A" + heads + " F" + ffn;
    }
}
