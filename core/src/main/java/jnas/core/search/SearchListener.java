package jnas.core.search;

import jnas.core.train.ProgressListener;

/** Hears about progress inside a step (for progress bars). */
@FunctionalInterface
public interface SearchListener {
    /** After each committed evaluation: how many of this step's evaluations are done, of how many. */
    void evaluated(int step, int done, int total, String candidateId);

    /** Training progress of the evaluation running in this JVM (nothing for evaluators that do not train). */
    default void training(ProgressListener.Progress progress) {}

    SearchListener NONE = (step, done, total, id) -> { };
}
