package jnas.core.glue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's trivial baseline, fitted on the training examples.
 *
 * @param description what it predicts
 * @param dev         its metrics on dev, headline first
 * @param test        its metrics on test
 */
public record Baseline(String description, Map<String, Double> dev, Map<String, Double> test) {

    public Baseline {
        dev = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dev));
        test = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(test));
    }

    /** The headline metric on dev. */
    public double devScore() {
        return dev.values().iterator().next();
    }

    /** The headline metric on test. */
    public double testScore() {
        return test.values().iterator().next();
    }
}
