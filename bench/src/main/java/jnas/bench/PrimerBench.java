package jnas.bench;

import java.util.List;

import jnas.core.data.TokenStreams;
import jnas.core.primer.PrimerComparison;
import jnas.core.train.TrainConfig;

/**
 * The Primer comparison at full budget: two sizes, four variants, three seeds on Brown (characters),
 * STEPS steps each (default 600); prints every run and the comparison table.
 */
public final class PrimerBench {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        TokenStreams data = TokenStreams.brownCharacters();
        TrainConfig budget = TrainConfig.builder().steps(steps).batchSize(16).seqLen(64).learningRate(2e-3f)
                .minLearningRate(2e-4f).warmupSteps(steps / 10).evalInterval(steps / 20).evalBatches(8).seed(1).build();
        long t0 = System.nanoTime();
        var runs = PrimerComparison.run(data, List.of(new PrimerComparison.Size("small", 2, 64, 256, 4),
                new PrimerComparison.Size("larger", 4, 128, 512, 4)), List.of(1L, 2L, 3L), budget,
                r -> System.out.printf("%s %s seed %d: valid loss %.4f, ppl %.3f, %.1f s%n", r.size().name(), r.variant().name(),
                        r.seed(), r.result().validLoss(), r.result().perplexity(), r.result().wallSeconds()));
        System.out.println(PrimerComparison.table(runs).printAll());
        System.out.printf("%d runs in %.0f s%n", runs.size(), (System.nanoTime() - t0) / 1e9);
    }
}
