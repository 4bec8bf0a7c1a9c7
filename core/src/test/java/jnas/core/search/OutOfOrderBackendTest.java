package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.store.Trial;
import jnas.core.train.ProgressListener;

/**
 * A backend that finishes evaluations out of order (as a cluster does) gives the trajectory of the local
 * backend; measurements that arrived ahead of their turn survive an interruption and are not evaluated again.
 */
class OutOfOrderBackendTest {
    @TempDir
    Path dir;

    /** Finishes each batch last-first; after {@code stopAfter} results (if set) the driver is "interrupted". */
    static final class Reversed implements Backend {
        final Map<String, Integer> evaluated = new HashMap<>();
        final List<Integer> submittedSizes = new ArrayList<>();
        int stopAfter = -1;

        @Override
        public String describe() {
            return "reversed";
        }

        @Override
        public Results submit(Evaluator evaluator, String specJson, List<Candidate> batch, ProgressListener progress) {
            submittedSizes.add(batch.size());
            return new Results() {
                int next = batch.size() - 1, handed = 0;

                @Override
                public Result next() {
                    if (stopAfter >= 0 && handed >= stopAfter) throw new CancellationException("stopped");
                    int i = next--;
                    handed++;
                    evaluated.merge(batch.get(i).id(), 1, Integer::sum);
                    return new Result(i, evaluator.evaluate(batch.get(i).json(), specJson, progress));
                }
            };
        }
    }

    private static List<String> trajectory(Search s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) out.add(t.step() + " " + t.archId() + " " + t.state() + " " + t.values());
        return out;
    }

    @Test
    void outOfOrderResultsAreCommittedInSubmissionOrder() {
        List<String> local, reversed;
        try (Search s = Registry.createQuick("lts", dir.resolve("local.db"), 5)) {
            for (int i = 0; i < 3; i++) s.step();
            local = trajectory(s);
        }
        List<int[]> seen = new ArrayList<>();
        try (Search s = Registry.createQuick("lts", dir.resolve("reversed.db"), 5)) {
            s.backend(new Reversed());
            for (int i = 0; i < 3; i++) {
                s.step(new SearchListener() {
                    @Override
                    public void evaluated(int step, int done, int total, String id) {}

                    @Override
                    public void finished(int step, int finished, int total) {
                        seen.add(new int[] {finished, total});
                    }
                });
            }
            reversed = trajectory(s);
        }
        assertEquals(local, reversed);
        // the live count rises by one per arrival, to the batch's size
        assertEquals(local.size(), seen.size());
        assertEquals(seen.get(0)[1], seen.stream().filter(x -> x[0] == x[1]).findFirst().orElseThrow()[0]);
    }

    @Test
    void arrivalsAheadOfTheirTurnSurviveAnInterruptionAndAreNotEvaluatedAgain() {
        List<String> expected;
        try (Search s = Registry.createQuick("lts", dir.resolve("whole.db"), 9)) {
            for (int i = 0; i < 2; i++) s.step();
            expected = trajectory(s);
        }
        Path file = dir.resolve("cut.db");
        Reversed first = new Reversed();
        int batch;
        try (Search s = Registry.createQuick("lts", file, 9)) {
            s.step();
            first.stopAfter = 5; // five of the second step's batch finish, all ahead of the first candidate's turn
            s.backend(first);
            assertThrows(SearchInterruptedException.class, s::step);
            batch = first.submittedSizes.get(0);
            assertEquals(batch - 5, s.pendingCount());
        }
        Reversed second = new Reversed();
        try (Search s = Search.resume(file)) {
            assertTrue(s.inProgress());
            assertEquals(batch - 5, s.pendingCount());
            s.backend(second);
            s.step();
            assertEquals(expected, trajectory(s));
        }
        assertEquals(List.of(batch - 5), second.submittedSizes);
        for (String id : second.evaluated.keySet()) assertEquals(null, first.evaluated.get(id), id + " was evaluated twice");
        assertEquals(batch, first.evaluated.size() + second.evaluated.size());
    }
}
