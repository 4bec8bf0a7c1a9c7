package jnas.core.primer;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;

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
        if (population < 2) throw bad("population", population, "an integer >= 2");
        if (tournament < 1 || tournament > population) throw bad("tournament", tournament, "an integer in [1, population=" + population + "]");
        if (children < 1) throw bad("children", children, "an integer >= 1");
        if (layers < 1) throw bad("layers", layers, "an integer >= 1");
        if (dModel < 8 || dModel % 8 != 0) throw bad("d_model", dModel, "a multiple of 8 (every head count up to 8 divides it)");
        if (seqLen < 2) throw bad("seq", seqLen, "an integer >= 2");
        if (batchSize < 1) throw bad("batch", batchSize, "an integer >= 1");
        if (steps < 2) throw bad("steps", steps, "an integer >= 2");
        if (!(learningRate > 0)) throw bad("lr", learningRate, "a positive number");
        if (evalEvery < 1 || evalEvery > steps) throw bad("eval_every", evalEvery, "an integer in [1, steps=" + steps + "]");
        if (evalBatches < 1) throw bad("eval_batches", evalBatches, "an integer >= 1");
        if (hurdleStep < 0 || hurdleStep >= steps || (hurdleStep > 0 && hurdleStep % evalEvery != 0)) {
            throw bad("hurdle_step", hurdleStep, "0 (no hurdle) or a multiple of eval_every=" + evalEvery + " below steps=" + steps);
        }
        if (!(hurdlePercentile >= 0 && hurdlePercentile <= 100)) throw bad("hurdle_percentile", hurdlePercentile, "a percentile in [0, 100]");
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException("Primer setting " + key + "=" + value + ": expected " + expected);
    }

    /**
     * A search a 2-core CPU runs in minutes per generation: 2 layers of width 64, 200 steps of 16 x 64
     * characters per child, hurdle at step 100 at the median.
     */
    public static PrimerConfig defaults(long seed) {
        return new PrimerConfig(12, 4, 4, 2, 64, 64, 16, 200, 2e-3, 20, 4, 100, 50, 1, seed);
    }

    /** The keys {@link #with(Map)} takes, with what each means. */
    public static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("population", "individuals kept alive; the oldest ages out (12)");
        k.put("tournament", "individuals sampled per tournament (4)");
        k.put("children", "children per generation (4)");
        k.put("layers", "decoder layers of every trained model (2)");
        k.put("d_model", "width of the residual stream (64)");
        k.put("seq", "training sequence length (64)");
        k.put("batch", "training batch size (16)");
        k.put("steps", "training steps per child (200)");
        k.put("lr", "peak learning rate (0.002)");
        k.put("eval_every", "validation every N steps (20)");
        k.put("eval_batches", "validation batches per evaluation (4)");
        k.put("hurdle_step", "checkpoint of the hurdle, 0 for none (100)");
        k.put("hurdle_percentile", "children above this percentile of the population's loss there stop (50)");
        k.put("train_seed", "data order and initialisation seed of every child (1)");
        return k;
    }

    /** This configuration with key=value overrides; one line for an unknown key or a bad value. */
    public PrimerConfig with(Map<String, String> overrides) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("population", population);
        v.put("tournament", tournament);
        v.put("children", children);
        v.put("layers", layers);
        v.put("d_model", dModel);
        v.put("seq", seqLen);
        v.put("batch", batchSize);
        v.put("steps", steps);
        v.put("lr", learningRate);
        v.put("eval_every", evalEvery);
        v.put("eval_batches", evalBatches);
        v.put("hurdle_step", hurdleStep);
        v.put("hurdle_percentile", hurdlePercentile);
        v.put("train_seed", trainSeed);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String k = e.getKey();
            Object old = v.get(k);
            if (old == null) throw new IllegalArgumentException("unknown Primer setting '" + k + "'; expected one of " + keys().keySet());
            try {
                v.put(k, old instanceof Integer ? (Object) Integer.parseInt(e.getValue().replace("_", ""))
                        : old instanceof Long ? (Object) Long.parseLong(e.getValue()) : (Object) Double.parseDouble(e.getValue()));
            } catch (NumberFormatException x) {
                throw bad(k, e.getValue(), old instanceof Double ? "a number" : "an integer");
            }
        }
        return new PrimerConfig((int) v.get("population"), (int) v.get("tournament"), (int) v.get("children"),
                (int) v.get("layers"), (int) v.get("d_model"), (int) v.get("seq"), (int) v.get("batch"), (int) v.get("steps"),
                (double) v.get("lr"), (int) v.get("eval_every"), (int) v.get("eval_batches"), (int) v.get("hurdle_step"),
                (double) v.get("hurdle_percentile"), (long) v.get("train_seed"), seed);
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
