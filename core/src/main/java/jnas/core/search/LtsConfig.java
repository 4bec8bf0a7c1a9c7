package jnas.core.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

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

    public LtsConfig {
        objectives = List.copyOf(objectives);
        if (population < 2) throw bad("population", population, "an integer >= 2");
        if (parents < 1) throw bad("parents", parents, "an integer >= 1");
        if (mutations < 0) throw bad("mutations", mutations, "an integer >= 0");
        if (crossovers < 0) throw bad("crossovers", crossovers, "an integer >= 0");
        if (mutationProb <= 0 || mutationProb > 1) throw bad("mutation_prob", mutationProb, "a probability in (0, 1]");
        if (crossoverProb < 0 || crossoverProb > 1) throw bad("crossover_prob", crossoverProb, "a probability in [0, 1]");
        if (minDecoderParams < 0 || maxDecoderParams < minDecoderParams) {
            throw new IllegalArgumentException("min_params " + minDecoderParams + " and max_params " + maxDecoderParams
                    + ": expected 0 <= min_params <= max_params");
        }
        if (!pareto.equals("dominance") && !pareto.equals("convex-hull")) throw bad("pareto", pareto, "dominance or convex-hull");
        Objective.parseList(String.join(",", objectives)); // validates names
    }

    private static IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException("LTS setting " + key + "=" + value + ": expected " + expected);
    }

    public static LtsConfig defaults(long seed) {
        return new LtsConfig(100, 20, 40, 40, 0.3, 0.5, 0, Long.MAX_VALUE, DEFAULT_OBJECTIVES, "dominance", seed);
    }

    /** The keys {@link #with(Map)} takes, with what each means. */
    public static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("population", "size of the initial random population (100)");
        k.put("parents", "parents drawn from the front per iteration (20)");
        k.put("mutations", "children made by mutation per iteration (40)");
        k.put("crossovers", "children made by crossover per iteration (40)");
        k.put("mutation_prob", "per-gene mutation probability (0.3)");
        k.put("crossover_prob", "per-gene probability of taking the second parent's gene (0.5)");
        k.put("min_params", "lower bound on decoder parameters (0)");
        k.put("max_params", "upper bound on decoder parameters (none)");
        k.put("pareto", "dominance or convex-hull (dominance)");
        return k;
    }

    /** This configuration with key=value overrides; one line for an unknown key or a bad value. */
    public LtsConfig with(Map<String, String> overrides) {
        int pop = population, par = parents, mut = mutations, cro = crossovers;
        double mp = mutationProb, cp = crossoverProb;
        long minP = minDecoderParams, maxP = maxDecoderParams;
        String par2 = pareto;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String k = e.getKey(), v = e.getValue();
            switch (k) {
                case "population" -> pop = parseInt(k, v);
                case "parents" -> par = parseInt(k, v);
                case "mutations" -> mut = parseInt(k, v);
                case "crossovers" -> cro = parseInt(k, v);
                case "mutation_prob" -> mp = parseDouble(k, v);
                case "crossover_prob" -> cp = parseDouble(k, v);
                case "min_params" -> minP = parseLong(k, v);
                case "max_params" -> maxP = parseLong(k, v);
                case "pareto" -> par2 = v;
                default -> throw new IllegalArgumentException("unknown LTS setting '" + k + "'; expected one of " + keys().keySet());
            }
        }
        return new LtsConfig(pop, par, mut, cro, mp, cp, minP, maxP, objectives, par2, seed);
    }

    public LtsConfig withObjectives(List<String> names) {
        return new LtsConfig(population, parents, mutations, crossovers, mutationProb, crossoverProb, minDecoderParams,
                maxDecoderParams, names, pareto, seed);
    }

    private static int parseInt(String k, String v) {
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(k, v, "an integer");
        }
    }

    private static long parseLong(String k, String v) {
        try {
            String s = v.replace("_", "").toLowerCase();
            if (s.endsWith("m")) return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1e6);
            if (s.endsWith("k")) return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1e3);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad(k, v, "an integer (1000000, 1M or 500k)");
        }
    }

    private static double parseDouble(String k, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(k, v, "a number");
        }
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static LtsConfig fromJson(String json) {
        return new Gson().fromJson(json, LtsConfig.class);
    }
}
