package jnas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jnas.core.eval.LatencyModel;
import jnas.core.lts.Lts;
import jnas.core.lts.LtsEvaluator;
import jnas.core.lts.LtsReport;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.StepResult;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;

/**
 * LTS on lts-gpt2 as the paper ran it (100 per iteration), latency and memory predicted from per-layer
 * measurements on this machine (seq 192, batch 1, 1 thread), through the registry and the one search driver.
 * Prints the calibration time (cached under the cache root after the first run), the predictor's check on
 * 10 held-out models, every iteration, the time per evaluation, and the cost of bookkeeping as the history
 * grows: the mean iteration time of the first 10 and of the last 10 iterations and their ratio (the goal:
 * under 1.5, i.e. a long search does not get slower per iteration).
 *   bench/run lts-search [ITERATIONS]   (default 30; the growth check wants 100)
 */
public final class LtsSearchBench {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path store = Files.createTempDirectory("jnas-bench").resolve("lts.db");
        long t0 = System.nanoTime();
        List<Double> seconds = new ArrayList<>();
        int evaluations = 0;
        try (Search s = Registry.create("lts", store, "lts-gpt2", 1, Map.of("hardware", "predicted"))) {
            double calibration = (System.nanoTime() - t0) / 1e9;
            System.out.printf("setup (calibration, or its cache): %.1f s%n", calibration);
            Lts lts = s.algorithm(Lts.class);
            LtsEvaluator.Spec spec = LtsEvaluator.Spec.fromJson(lts.spec());
            LatencyModel model = LatencyModel.fromJson(spec.latencyModel());
            SearchSpace space = Spaces.ltsGpt2();
            List<jnas.core.model.GptConfig> heldOut = new ArrayList<>();
            jnas.core.util.Rng rng = new jnas.core.util.Rng(99);
            for (int i = 0; i < 10; i++) heldOut.add(LtsEvaluator.toGptConfig(space.sample(rng), spec.settings().vocab(), spec.settings().seq()));
            long tv = System.nanoTime();
            System.out.println(model.validate(heldOut).table().printAll());
            System.out.printf("direct measurement of the 10 held-out models took %.1f s%n", (System.nanoTime() - tv) / 1e9);
            long t1 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                long ti = System.nanoTime();
                StepResult r = s.step();
                seconds.add((System.nanoTime() - ti) / 1e9);
                LtsReport report = r.report(LtsReport.class);
                evaluations += report.children().size();
                System.out.printf("%s (%d in history)%n", r.line(), s.history().size());
            }
            double search = (System.nanoTime() - t1) / 1e9;
            System.out.printf("search: %d iterations, %d evaluations in %.1f s (%.2f ms per evaluation)%n", iterations, evaluations,
                    search, 1000 * search / evaluations);
        }
        if (seconds.size() >= 20) {
            // iteration 0 is the initial population, not an evolution step: the first 10 are iterations 1..10
            double first = mean(seconds.subList(1, 11)), last = mean(seconds.subList(seconds.size() - 10, seconds.size()));
            System.out.printf("mean iteration time: iterations 1-10 %.3f s, iterations %d-%d %.3f s; ratio last/first %.2f (goal < 1.5)%n",
                    first, seconds.size() - 10, seconds.size() - 1, last, last / first);
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
