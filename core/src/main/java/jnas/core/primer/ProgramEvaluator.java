package jnas.core.primer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import jnas.core.data.TokenStreams;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.SpecCache;
import jnas.core.search.TrialState;
import jnas.core.train.ProgressListener;

/**
 * Trains a program as a small decoder on Brown characters and measures it ({@link ProgramTraining}): the
 * candidate is the program's JSON, the {@link Spec} holds the shape and budget, the data by name and
 * shape, and this generation's hurdle. Completed runs are {@code complete}, runs stopped at the hurdle
 * {@code pruned}, diverging or failing runs {@code failed}.
 */
public final class ProgramEvaluator implements Evaluator {
    public static final String NAME = "primer-training";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final Map<Data, TokenStreams> LOADED = new HashMap<>();

    /**
     * The characters every child trains on: Brown by name ({@code brown-characters}), optionally cut to its
     * first {@code trainChars} / {@code validChars} (0: all).
     */
    public record Data(String name, int trainChars, int validChars) {
        public static final String BROWN = "brown-characters";

        /** The data, loaded once per JVM. */
        public TokenStreams load() {
            synchronized (LOADED) {
                return LOADED.computeIfAbsent(this, d -> {
                    if (!d.name().equals(BROWN)) throw new IllegalArgumentException("unknown data '" + d.name() + "'; expected " + BROWN);
                    TokenStreams all = TokenStreams.brownCharacters();
                    return d.trainChars() == 0 && d.validChars() == 0 ? all
                            : all.head(d.trainChars() == 0 ? all.train().length : d.trainChars(),
                                       d.validChars() == 0 ? all.valid().length : d.validChars());
                });
            }
        }

        /** "vocab 86, train 200000, valid 20000 tokens": what a resumed search checks it still trains on. */
        public static String shape(TokenStreams d) {
            return "vocab " + d.vocabSize() + ", train " + d.train().length + ", valid " + d.valid().length + " tokens";
        }
    }

    /** What one evaluation depends on: the settings, the data and its shape, the hurdle (NaN: none). */
    public record Spec(PrimerConfig config, Data data, String dataShape, double hurdle) {
        public String toJson() {
            return GSON.toJson(this);
        }

        public static Spec fromJson(String json) {
            return GSON.fromJson(json, Spec.class);
        }
    }

    /** What the details JSON of a trial holds. */
    public record Details(String status, String message, List<ProgramTraining.Point> curve) {
        public static Details of(String json) {
            return GSON.fromJson(json, Details.class);
        }
    }

    /** A spec with its data loaded and checked. */
    private record Loaded(Spec spec, TokenStreams data) {}

    private final SpecCache<Loaded> specs = new SpecCache<>(json -> {
        Spec s = Spec.fromJson(json);
        TokenStreams d = s.data().load();
        if (!Data.shape(d).equals(s.dataShape())) {
            throw new IllegalArgumentException("this search trains on data " + s.dataShape() + " (" + s.data().name()
                    + "); the data here is " + Data.shape(d));
        }
        return new Loaded(s, d);
    });

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Measurement evaluate(String candidateJson, String specJson, ProgressListener progress) {
        Loaded l = specs.get(specJson);
        Spec spec = l.spec();
        TokenStreams data = l.data();
        Program program = Program.fromJson(candidateJson);
        ProgramTraining.Outcome o = ProgramTraining.train(program, spec.config(), spec.config().trainConfig(), data, spec.hurdle(), progress);
        Map<String, Double> v = new LinkedHashMap<>();
        if (Double.isFinite(o.validLoss())) v.put("val_loss", o.validLoss());
        if (Double.isFinite(o.lossAtHurdle())) v.put("loss_at_hurdle", o.lossAtHurdle());
        v.put("decoder_params", (double) o.params());
        v.put("mflops_per_token", o.flopsPerToken() / 1e6);
        v.put("steps", (double) o.stepsTrained());
        TrialState state = switch (o.status()) {
            case COMPLETED -> TrialState.COMPLETE;
            case STOPPED_AT_HURDLE -> TrialState.PRUNED;
            case DIVERGED, FAILED -> TrialState.FAILED;
        };
        String details = GSON.toJson(new Details(o.status().name().toLowerCase(), o.message(), o.curve()));
        return new Measurement(state, v, details, o.seconds(), o.message());
    }
}
