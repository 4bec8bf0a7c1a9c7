package jnas.core.primer;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;

import jnas.core.search.Settings;
import jnas.core.train.TrainConfig;

/**
 * Settings of a Primer-style search: regularized (aging) evolution with tournament selection over
 * {@link Program}s, each child trained on a small budget with a hurdle part-way.
 *
 * @param population       individuals kept alive; the oldest ages out when a child joins
 * @param tournament       individuals sampled per tournament; the one with the lowest loss is the parent
 * @param children         children per generation (one {@code step()})
 * @param layers           decoder layers of every trained model (each layer is the program)
 * @param dModel           width of the residual stream
 * @param seqLen           training sequence length
 * @param batchSize        training batch size
 * @param steps            training steps per child (the full budget)
 * @param learningRate     peak learning rate (AdamW, warm-up over the first tenth, cosine to a tenth)
 * @param evalEvery        validation every this many steps (the hurdle step must be one of them)
 * @param evalBatches      validation batches per evaluation
 * @param hurdleStep       the checkpoint at which a child is compared with the hurdle (0: no hurdle)
 * @param hurdlePercentile a child whose validation loss at the checkpoint is above this percentile of the
 *                         population's losses there stops early
 * @param trainSeed        data order and initialisation seed, the same for every child (so losses compare
 *                         programs, not luck)
 * @param seed             the search's own random generator (tournaments, mutations)
 */
public record PrimerConfig(int population, int tournament, int children, int layers, int dModel, int seqLen,
                           int batchSize, int steps, double learningRate, int evalEvery, int evalBatches, int hurdleStep,
                           double hurdlePercentile, long trainSeed, long seed) {

    public PrimerConfig {
        if (population < 2) throw SETTINGS.invalid("population", population, "an integer >= 2");
        if (tournament < 1 || tournament > population) throw SETTINGS.invalid("tournament", tournament, "an integer in [1, population=" + population + "]");
        if (children < 1) throw SETTINGS.invalid("children", children, "an integer >= 1");
        if (layers < 1) throw SETTINGS.invalid("layers", layers, "an integer >= 1");
        if (dModel < 8 || dModel % 8 != 0) throw SETTINGS.invalid("d_model", dModel, "a multiple of 8 (every head count up to 8 divides it)");
        if (seqLen < 2) throw SETTINGS.invalid("seq", seqLen, "an integer >= 2");
        if (batchSize < 1) throw SETTINGS.invalid("batch", batchSize, "an integer >= 1");
        if (steps < 2) throw SETTINGS.invalid("steps", steps, "an integer >= 2");
        if (!(learningRate > 0)) throw SETTINGS.invalid("lr", learningRate, "a positive number");
        if (evalEvery < 1 || evalEvery > steps) throw SETTINGS.invalid("eval_every", evalEvery, "an integer in [1, steps=" + steps + "]");
        if (evalBatches < 1) throw SETTINGS.invalid("eval_batches", evalBatches, "an integer >= 1");
        if (hurdleStep < 0 || hurdleStep >= steps || (hurdleStep > 0 && hurdleStep % evalEvery != 0)) {
            throw SETTINGS.invalid("hurdle_step", hurdleStep, "0 (no hurdle) or a multiple of eval_every=" + evalEvery + " below steps=" + steps);
        }
        if (!(hurdlePercentile >= 0 && hurdlePercentile <= 100)) throw SETTINGS.invalid("hurdle_percentile", hurdlePercentile, "a percentile in [0, 100]");
    }


    /**
     * A search a 2-core CPU runs in minutes per generation: 2 layers of width 64, 200 steps of 16 x 64
     * characters per child, hurdle at step 100 at the median.
     */
    public static PrimerConfig defaults(long seed) {
        return from(SETTINGS.parse(Map.of()), seed);
    }

    /** The settings and their defaults (those of {@link #defaults}), written once. */
    public static final Settings SETTINGS = new Settings("Primer")
            .integer("population", 12, "individuals kept alive; the oldest ages out")
            .integer("tournament", 4, "individuals sampled per tournament")
            .integer("children", 4, "children per generation")
            .integer("layers", 2, "decoder layers of every trained model")
            .integer("d_model", 64, "width of the residual stream")
            .integer("seq", 64, "training sequence length")
            .integer("batch", 16, "training batch size")
            .integer("steps", 200, "training steps per child")
            .number("lr", 2e-3, "peak learning rate")
            .integer("eval_every", 20, "validation every N steps")
            .integer("eval_batches", 4, "validation batches per evaluation")
            .integer("hurdle_step", 100, "checkpoint of the hurdle, 0 for none")
            .number("hurdle_percentile", 50, "children above this percentile of the population's loss there stop")
            .integer("train_seed", 1, "data order and initialisation seed of every child");

    /** The configuration these parsed settings describe. */
    public static PrimerConfig from(Settings.Values v, long seed) {
        return new PrimerConfig(v.integer("population"), v.integer("tournament"), v.integer("children"), v.integer("layers"),
                v.integer("d_model"), v.integer("seq"), v.integer("batch"), v.integer("steps"), v.number("lr"),
                v.integer("eval_every"), v.integer("eval_batches"), v.integer("hurdle_step"), v.number("hurdle_percentile"),
                v.integer("train_seed"), seed);
    }

    /** This configuration with key=value overrides; one line for an unknown key or a bad value. */
    public PrimerConfig with(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("population", Integer.toString(population));
        raw.put("tournament", Integer.toString(tournament));
        raw.put("children", Integer.toString(children));
        raw.put("layers", Integer.toString(layers));
        raw.put("d_model", Integer.toString(dModel));
        raw.put("seq", Integer.toString(seqLen));
        raw.put("batch", Integer.toString(batchSize));
        raw.put("steps", Integer.toString(steps));
        raw.put("lr", Double.toString(learningRate));
        raw.put("eval_every", Integer.toString(evalEvery));
        raw.put("eval_batches", Integer.toString(evalBatches));
        raw.put("hurdle_step", Integer.toString(hurdleStep));
        raw.put("hurdle_percentile", Double.toString(hurdlePercentile));
        raw.put("train_seed", Long.toString(trainSeed));
        raw.putAll(overrides);
        return from(SETTINGS.parse(raw), seed);
    }

    /** The training run every child gets (its seed is {@code trainSeed}). */
    public TrainConfig trainConfig() {
        return trainConfig(trainSeed);
    }

    public TrainConfig trainConfig(long seed) {
        return TrainConfig.builder().steps(steps).batchSize(batchSize).seqLen(seqLen).learningRate((float) learningRate)
                .minLearningRate((float) learningRate / 10).warmupSteps(Math.max(1, steps / 10)).evalInterval(evalEvery)
                .evalBatches(evalBatches).seed(seed).build();
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static PrimerConfig fromJson(String json) {
        return new Gson().fromJson(json, PrimerConfig.class);
    }
}
