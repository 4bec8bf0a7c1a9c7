package jnas.core.search;

/** Hears about progress inside a step (for progress bars). */
@FunctionalInterface
public interface SearchListener {
    /** After each evaluation: how many of this iteration's evaluations are done, of how many. */
    void evaluated(int iteration, int done, int total, String archId);

    SearchListener NONE = (iteration, done, total, archId) -> { };
}
