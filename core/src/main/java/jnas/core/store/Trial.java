package jnas.core.store;

import java.util.List;
import java.util.Map;

import jnas.core.search.TrialState;

/**
 * One evaluated candidate as stored: the step that proposed it, where it came from (random, mutation,
 * crossover, seed) and from whom, how the evaluation ended, its fitness (the algorithm's one scalar, lower
 * is better; NaN if the algorithm has none or the trial has no value), every objective value, the raw
 * measurement details, the candidate's notes (a mutation's description and diff), and the seconds it took.
 */
public record Trial(long id, int step, String archId, String archJson, String origin, List<String> parents, TrialState state,
                    double fitness, Map<String, Double> values, String detailsJson, String notesJson, double seconds,
                    String createdAt) {
    public Trial {
        parents = List.copyOf(parents);
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public double value(String name) {
        return values.getOrDefault(name, Double.NaN);
    }
}
