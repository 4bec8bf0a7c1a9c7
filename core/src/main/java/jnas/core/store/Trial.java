package jnas.core.store;

import java.util.List;
import java.util.Map;

/**
 * One evaluated architecture as stored: where it came from (random, mutation, crossover) and from whom,
 * every objective value, and the raw measurement details.
 */
public record Trial(long id, int iteration, String archId, String archJson, String origin, List<String> parents,
                    Map<String, Double> values, String detailsJson, double seconds, String createdAt) {
    public Trial {
        parents = List.copyOf(parents);
        values = Map.copyOf(values);
    }
}
