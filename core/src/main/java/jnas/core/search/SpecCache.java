package jnas.core.search;

import java.util.function.Function;

/**
 * What an evaluator derives from an evaluation spec (parsed settings, loaded data, a calibration), made
 * once for the last spec seen: a batch shares one spec. It holds derived inputs, never results.
 */
public final class SpecCache<T> {
    private final Function<String, T> derive;
    private String last;
    private T value;

    public SpecCache(Function<String, T> derive) {
        this.derive = derive;
    }

    public synchronized T get(String specJson) {
        if (!specJson.equals(last)) {
            value = derive.apply(specJson);
            last = specJson;
        }
        return value;
    }
}
