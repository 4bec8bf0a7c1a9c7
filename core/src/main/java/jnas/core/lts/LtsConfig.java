package jnas.core.lts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

import jnas.core.search.Objective;
import jnas.core.search.Settings;

/**
 * LTS's evolutionary search settings, as its authors ran it (archai, branch neurips-lts): a population of
 * 100 = 20 parents + 40 mutations + 40 crossovers, per-gene mutation probability 0.3, uniform crossover
 * with probability 0.5.
 *
 * @param minDecoderParams children with fewer decoder parameters are rejected
 * @param maxDecoderParams children with more decoder parameters are rejected
 * @param pareto           "dominance" (archai's non-dominated set) or "convex-hull" (the seed's lower
 *                         convex hull in the plane of the first two objectives)
 */
public record LtsConfig(int population, int parents, int mutations, int crossovers, double mutationProb,
                        double crossoverProb, long minDecoderParams, long maxDecoderParams, List<String> objectives,
                        String pareto, long seed) {

    public static final List<String> DEFAULT_OBJECTIVES = List.of("decoder_params", "latency", "memory");

    /** The settings and their defaults, written once. */
    public static final Settings SETTINGS = new Settings("LTS")
            .integer("population", 100, "size of the initial random population")
            .integer("parents", 20, "parents drawn from the front per iteration")
            .integer("mutations", 40, "children made by mutation per iteration")
            .integer("crossovers", 40, "children made by crossover per iteration")
            .number("mutation_prob", 0.3, "per-gene mutation probability")
            .number("crossover_prob", 0.5, "per-gene probability of taking the second parent's gene")
            .count("min_params", "0", "lower bound on decoder parameters (1M, 500k)")
            .count("max_params", "none", "upper bound on decoder parameters (none: no bound)")
            .choice("pareto", "dominance", "the front parents come from", "dominance", "convex-hull")
            .list("objectives", String.join(",", DEFAULT_OBJECTIVES),
                    "objectives, comma-separated: decoder_params, total_params, flops, latency, memory");

    public LtsConfig {
        objectives = List.copyOf(objectives);
        if (population < 2) throw SETTINGS.invalid("population", population, "an integer >= 2");
        if (parents < 1) throw SETTINGS.invalid("parents", parents, "an integer >= 1");
        if (mutations < 0) throw SETTINGS.invalid("mutations", mutations, "an integer >= 0");
        if (crossovers < 0) throw SETTINGS.invalid("crossovers", crossovers, "an integer >= 0");
        if (mutationProb <= 0 || mutationProb > 1) throw SETTINGS.invalid("mutation_prob", mutationProb, "a probability in (0, 1]");
        if (crossoverProb < 0 || crossoverProb > 1) throw SETTINGS.invalid("crossover_prob", crossoverProb, "a probability in [0, 1]");
        if (minDecoderParams < 0 || maxDecoderParams < minDecoderParams) {
            throw new IllegalArgumentException("min_params " + minDecoderParams + " and max_params " + maxDecoderParams
                    + ": expected 0 <= min_params <= max_params");
        }
        if (!pareto.equals("dominance") && !pareto.equals("convex-hull")) throw SETTINGS.invalid("pareto", pareto, "dominance or convex-hull");
        Objective.parseList(String.join(",", objectives)); // validates names
    }


    /** The configuration these parsed settings describe. */
    public static LtsConfig from(Settings.Values v, long seed) {
        return new LtsConfig(v.integer("population"), v.integer("parents"), v.integer("mutations"), v.integer("crossovers"),
                v.number("mutation_prob"), v.number("crossover_prob"), v.count("min_params"), v.count("max_params"),
                v.list("objectives"), v.text("pareto"), seed);
    }

    public static LtsConfig defaults(long seed) {
        return from(SETTINGS.parse(Map.of()), seed);
    }

    /** This configuration with key=value overrides; one line for an unknown key or a bad value. */
    public LtsConfig with(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("population", Integer.toString(population));
        raw.put("parents", Integer.toString(parents));
        raw.put("mutations", Integer.toString(mutations));
        raw.put("crossovers", Integer.toString(crossovers));
        raw.put("mutation_prob", Double.toString(mutationProb));
        raw.put("crossover_prob", Double.toString(crossoverProb));
        raw.put("min_params", Long.toString(minDecoderParams));
        raw.put("max_params", Long.toString(maxDecoderParams));
        raw.put("pareto", pareto);
        raw.put("objectives", String.join(",", objectives));
        raw.putAll(overrides);
        return from(SETTINGS.parse(raw), seed);
    }

    public LtsConfig withObjectives(List<String> names) {
        return with(Map.of("objectives", String.join(",", names)));
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static LtsConfig fromJson(String json) {
        return new Gson().fromJson(json, LtsConfig.class);
    }
}
