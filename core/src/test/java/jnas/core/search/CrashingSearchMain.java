package jnas.core.search;

import java.nio.file.Path;
import java.util.List;

import jnas.core.train.ProgressListener;

/**
 * Runs a registered algorithm's quick search until it is killed (for {@link DurabilityTest}, in a separate
 * JVM): {@code CrashingSearchMain ALGORITHM STORE SEED}. Evaluations go through a backend that pauses
 * 20 ms before each, so the kill lands between and inside evaluations.
 */
public final class CrashingSearchMain {
    public static void main(String[] args) {
        try (Search s = Registry.createQuick(args[0], Path.of(args[1]), Long.parseLong(args[2]))) {
            s.backend(new SlowBackend());
            while (true) s.step();
        }
    }

    static final class SlowBackend implements Backend {
        private final LocalBackend local = new LocalBackend();

        @Override
        public String describe() {
            return "local, 20 ms pause before each evaluation";
        }

        @Override
        public Results submit(Evaluator evaluator, String specJson, List<Candidate> batch, ProgressListener progress) {
            Results inner = local.submit(evaluator, specJson, batch, progress);
            return () -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return inner.next();
            };
        }
    }
}
