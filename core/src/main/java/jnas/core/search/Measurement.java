package jnas.core.search;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an evaluator measured for one candidate: how it ended, the objective values, the raw details (every
 * repeat of a timing, a training curve) as JSON, the wall seconds it took, and a one-line message for a
 * pruned or failed evaluation.
 */
public record Measurement(TrialState state, Map<String, Double> values, String detailsJson, double seconds, String message) {
    public Measurement {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        detailsJson = detailsJson == null ? "{}" : detailsJson;
        message = message == null ? "" : message;
    }

    /** A complete measurement. */
    public static Measurement complete(Map<String, Double> values, String detailsJson, double seconds) {
        return new Measurement(TrialState.COMPLETE, values, detailsJson, seconds, "");
    }

    public double value(String objective) {
        Double v = values.get(objective);
        if (v == null) throw new IllegalArgumentException("no value for objective '" + objective + "'; have " + values.keySet());
        return v;
    }
}
