package jnas.core.search;

import java.util.List;
import java.util.Map;

/**
 * A candidate an algorithm proposes: its content id, its JSON form (all an evaluator needs to rebuild
 * it), how it was made ({@code origin}: random, mutation, crossover, seed, ...) and from whom, and notes
 * that are stored with the trial (a mutation's description and diff).
 */
public record Candidate(String id, String json, String origin, List<String> parents, Map<String, Object> notes) {
    public Candidate {
        parents = List.copyOf(parents);
        notes = notes == null ? Map.of() : Map.copyOf(notes);
    }

    public Candidate(String id, String json, String origin, List<String> parents) {
        this(id, json, origin, parents, Map.of());
    }
}
