package jnas.core.search;

import jnas.core.train.ProgressListener;

/**
 * Measures candidates: a pure function from (a candidate's JSON form, an evaluation spec) to a
 * {@link Measurement}. The spec names everything else the evaluation depends on (the data by name and
 * shape, the budget, the settings, a calibration, a Primer hurdle), so any JVM that has the jnas jars
 * can repeat an evaluation from these two strings: {@code Registry.evaluator(name()).evaluate(json, spec, p)}.
 * An evaluator may cache what it derives from a spec (parsed settings, loaded data) but never keeps
 * results between calls.
 */
public interface Evaluator {
    /** The name it is registered under in {@link Registry}, so a remote JVM makes the same evaluator. */
    String name();

    /**
     * Measures one candidate. {@code progress} hears about training steps where there are any (local
     * progress bars; a remote JVM passes {@link ProgressListener#NONE}). Throws
     * {@link java.util.concurrent.CancellationException} when the thread is interrupted mid-evaluation.
     */
    Measurement evaluate(String candidateJson, String specJson, ProgressListener progress);
}
