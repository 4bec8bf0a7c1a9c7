package jnas.core.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jnas.core.space.Architecture;
import jnas.core.space.Spaces;

/**
 * Runs an LTS search with a slow evaluator until it is killed (used by {@link KillNineTest} through a
 * separate JVM): {@code CrashingSearchMain STORE_FILE SEED}.
 */
public final class CrashingSearchMain {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        Evaluator slow = new Evaluator() {
            final LtsSearchTest.CountingEvaluator counts = new LtsSearchTest.CountingEvaluator(-1);

            @Override
            public List<String> objectives() {
                return counts.objectives();
            }

            @Override
            public Evaluation evaluate(Architecture a) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return counts.evaluate(a);
            }
        };
        try (LtsSearch s = LtsSearch.create(Spaces.ltsGpt2(), LtsSearchTest.smallConfig(seed), slow, LtsSearchTest::params,
                file, Map.of())) {
            while (true) s.step();
        }
    }
}
