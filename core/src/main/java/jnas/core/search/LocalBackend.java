package jnas.core.search;

import java.util.List;
import java.util.NoSuchElementException;

import jnas.core.train.ProgressListener;

/**
 * Evaluates in this JVM, one candidate at a time in submission order (DJL allows one gradient collector
 * per JVM and has one global seed, so two candidates never train at once here). Each {@link Results#next()}
 * runs the next evaluation on the calling thread, so an interrupt stops the step between evaluations or
 * inside a training run.
 */
public final class LocalBackend implements Backend {
    @Override
    public String describe() {
        return "local (this JVM, one evaluation at a time)";
    }

    @Override
    public Results submit(Evaluator evaluator, String specJson, List<Candidate> batch, ProgressListener progress) {
        return new Results() {
            int next = 0;

            @Override
            public Result next() {
                if (next >= batch.size()) throw new NoSuchElementException("all " + batch.size() + " evaluations were handed out");
                int i = next++;
                return new Result(i, evaluator.evaluate(batch.get(i).json(), specJson, progress));
            }
        };
    }
}
