package jnas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jnas.core.eval.LatencyModel;
import jnas.core.eval.LtsEvaluator;
import jnas.core.search.LtsConfig;
import jnas.core.search.LtsSearch;
import jnas.core.search.StepReport;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;

/**
 * LTS on lts-gpt2 as the paper ran it (100 per iteration), latency and memory predicted from per-layer
 * measurements on this machine (seq 192, batch 1, 1 thread). Prints the calibration time, the search
 * time, and the time per evaluation; the goal is 30 iterations in at most 15 minutes.
 */
public final class LtsSearchBench {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        SearchSpace space = Spaces.ltsGpt2();
        LtsEvaluator.Settings settings = new LtsEvaluator.Settings(10000, 192, 1, 1, "predicted", 2, 10);
        int[][] grid = LtsEvaluator.calibrationGrid(space);
        long t0 = System.nanoTime();
        LatencyModel model = LatencyModel.calibrate(settings.latencySettings(), grid[0], grid[1], grid[2], done -> { });
        double calibration = (System.nanoTime() - t0) / 1e9;
        java.util.List<jnas.core.model.GptConfig> heldOut = new java.util.ArrayList<>();
        jnas.core.util.Rng rng = new jnas.core.util.Rng(99);
        for (int i = 0; i < 10; i++) heldOut.add(LtsEvaluator.toGptConfig(space.sample(rng), settings.vocab(), settings.seq()));
        long tv = System.nanoTime();
        LatencyModel.Validation v = model.validate(heldOut);
        System.out.println(v.table().printAll());
        System.out.printf("direct measurement of the 10 held-out models took %.1f s%n", (System.nanoTime() - tv) / 1e9);
        LtsEvaluator evaluator = new LtsEvaluator(settings, model);
        Path store = Files.createTempDirectory("jnas-bench").resolve("lts.db");
        long t1 = System.nanoTime();
        int evaluations = 0;
        try (LtsSearch s = LtsSearch.create(space, LtsConfig.defaults(1), evaluator, evaluator::decoderParams, store,
                Map.of("latency_model", model.toJson()))) {
            for (int i = 0; i < iterations; i++) {
                StepReport r = s.step();
                evaluations += r.children().size();
                System.out.println(r.summary());
            }
        }
        double search = (System.nanoTime() - t1) / 1e9;
        System.out.printf("calibration: %d measurements in %.1f s%n", LatencyModel.measurements(grid[0], grid[1], grid[2]), calibration);
        System.out.printf("search: %d iterations, %d evaluations in %.1f s (%.2f ms per evaluation)%n", iterations, evaluations,
                search, 1000 * search / evaluations);
        double total = calibration + search;
        System.out.printf("total %.1f s = %.2f of the 15-minute goal%n", total, total / 900);
    }
}
