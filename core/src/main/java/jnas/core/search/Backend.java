package jnas.core.search;

import java.util.List;

import jnas.core.train.ProgressListener;

/**
 * Evaluates a batch of candidates somewhere (this JVM, a cluster) and hands the measurements back in
 * whatever order they finish. The {@link Search} driver commits them in submission order, so a trajectory
 * never depends on the backend or on timing.
 */
public interface Backend extends AutoCloseable {
    /** One line for reports: where evaluations run. */
    String describe();

    /**
     * Starts evaluating {@code batch} with {@code evaluator} under {@code specJson}. {@code progress} hears
     * training progress of evaluations that run in this JVM.
     */
    Results submit(Evaluator evaluator, String specJson, List<Candidate> batch, ProgressListener progress);

    /** The measurements of one submitted batch, as they finish. */
    interface Results extends AutoCloseable {
        /**
         * The next finished evaluation (any order), blocking until one is there.
         *
         * @throws java.util.concurrent.CancellationException when the calling thread was interrupted
         */
        Result next();

        /** Stops what is still running (called when the driver stops early). */
        @Override
        default void close() {}
    }

    /**
     * Thrown by {@link #submit} when this backend cannot run the evaluator at all (a notebook's class that cannot
     * travel to a cluster): one line saying why and what to do; nothing was evaluated, the step can be run again.
     */
    class Refused extends IllegalArgumentException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The measurement of the candidate at {@code index} of the batch. */
    record Result(int index, Measurement measurement) {}

    @Override
    default void close() {}
}
