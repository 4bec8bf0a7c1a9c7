package jnas.core.lts;

import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

/**
 * Everything one LTS iteration decided and measured: the parents drawn from the front (and how often each
 * had been drawn), every mutation and crossover with the genes it changed, every child's measurements,
 * and the front after the iteration.
 */
public record LtsReport(String algorithm, int iteration, String kind, List<Parent> parents, List<Child> children,
                         int rejected, List<String> front, List<String> joinedFront, double hypervolume,
                         double seconds, List<String> objectives) {

    /** A parent and how many times it has been drawn, this time included. */
    public record Parent(String id, int timesChosen) {}

    /**
     * A child: how it was made ("random", "mutation", "crossover"), from which parents, what changed,
     * and (after evaluation) its measurements and whether it is on the front.
     */
    public record Child(String id, String archJson, String origin, List<String> parents, List<String> changes,
                        Map<String, Double> values, boolean onFront) {}

    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create();

    public String toJson() {
        return GSON.toJson(this);
    }

    public static LtsReport fromJson(String json) {
        return GSON.fromJson(json, LtsReport.class);
    }

    public long count(String origin) {
        return children.stream().filter(c -> c.origin().equals(origin)).count();
    }

    /** One line: "iteration 3: 20 parents, 40 mutations, 40 crossovers; front 17 (+4); hypervolume 0.8123". */
    public String summary() {
        StringBuilder sb = new StringBuilder(algorithm).append(" iteration ").append(iteration).append(": ");
        if (kind.equals("initial")) {
            sb.append(children.size()).append(" random architectures");
        } else {
            sb.append(parents.size()).append(" parents, ").append(count("mutation")).append(" mutations, ")
                    .append(count("crossover")).append(" crossovers");
        }
        if (rejected > 0) sb.append(" (").append(rejected).append(" duplicates or out-of-bounds rejected)");
        sb.append("; front ").append(front.size()).append(" (+").append(joinedFront.size()).append(" new)");
        sb.append(String.format("; hypervolume %.4f; %.1f s", hypervolume, seconds));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
