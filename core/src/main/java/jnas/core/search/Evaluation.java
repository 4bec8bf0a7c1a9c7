package jnas.core.search;

import java.util.Map;

/**
 * What an evaluator measured for one architecture: the objective values, the raw details (every
 * repeat of a timing, the method) as JSON, and how long it took.
 */
public record Evaluation(Map<String, Double> values, String detailsJson, double seconds) {
    public Evaluation {
        values = Map.copyOf(values);
        detailsJson = detailsJson == null ? "{}" : detailsJson;
    }

    public double value(String objective) {
        Double v = values.get(objective);
        if (v == null) throw new IllegalArgumentException("no value for objective '" + objective + "'; have " + values.keySet());
        return v;
    }
}
