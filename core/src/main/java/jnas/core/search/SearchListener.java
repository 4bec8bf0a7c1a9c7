package jnas.core.search;

import jnas.core.train.ProgressListener;

/** Hears about progress inside a step (for progress bars). */
@FunctionalInterface
public interface SearchListener {
    /** After each committed evaluation: how many of this step's evaluations are done, of how many. */
    void evaluated(int step, int done, int total, String candidateId);

    /**
     * When a measurement arrives from the backend, before it is committed (a cluster finishes evaluations out
     * of order; they are committed in submission order): how many of this step's evaluations have finished.
     */
    default void finished(int step, int finished, int total) {}

    /** Training progress of the evaluation running in this JVM (nothing for evaluators that do not train). */
    default void training(ProgressListener.Progress progress) {}

    SearchListener NONE = (step, done, total, id) -> { };
}
