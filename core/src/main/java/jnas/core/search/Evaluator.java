package jnas.core.search;

import java.util.List;

import jnas.core.space.Architecture;

/**
 * Measures architectures: a pure function from an architecture (plus the evaluator's fixed data and
 * budget) to measurements, so a batch can be evaluated anywhere.
 */
public interface Evaluator {
    /** The objective names this evaluator fills in. */
    List<String> objectives();

    Evaluation evaluate(Architecture architecture);

    /** A short description for reports and table headers (what is measured, how). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
