package jnas.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.lts.LtsEvaluator;
import jnas.core.search.Measurement;
import jnas.core.space.Architecture;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;
import jnas.core.stats.RankCorrelation;
import jnas.core.util.Rng;

class HardwareTest {
    @Test
    void measurementsAreOrderedAndABiggerModelIsSlower() {
        GptConfig small = GptConfig.homogeneous(1, 32, 64, 2, 64, 64);
        GptConfig big = GptConfig.homogeneous(4, 256, 1024, 4, 64, 64);
        HardwareMeter.Measurement s = HardwareMeter.measure(small, 1, 64, 1, 2, 7);
        HardwareMeter.Measurement b = HardwareMeter.measure(big, 1, 64, 1, 2, 7);
        for (HardwareMeter.Measurement m : List.of(s, b)) {
            assertTrue(m.latency().minMs() > 0);
            assertTrue(m.latency().minMs() <= m.latency().medianMs() && m.latency().medianMs() <= m.latency().maxMs());
            assertEquals(7, m.latency().repeatsMs().length);
            assertTrue(m.memory().activationsMiB() >= 0);
        }
        assertEquals(ModelCounts.totalParams(big) * 4.0 / (1 << 20), b.memory().parametersMiB(), 1e-9);
        // ~100x the FLOPs: far beyond timing noise
        assertTrue(b.latency().medianMs() > 3 * s.latency().medianMs(), s.latency() + " vs " + b.latency());
    }

    @Test
    void thePredictorRanksHeldOutArchitecturesAndRoundTrips() {
        SearchSpace space = Spaces.ltsGpt2Cpu();
        int[][] grid = LtsEvaluator.calibrationGrid(space);
        LatencyModel.Settings settings = new LatencyModel.Settings(1, 64, 1, 64, 1, 5);
        LatencyModel model = LatencyModel.calibrate(settings, grid[0], grid[1], grid[2], done -> { });
        LatencyModel copy = LatencyModel.fromJson(model.toJson());
        Rng rng = new Rng(21);
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Architecture a = space.sample(rng);
            GptConfig c = LtsEvaluator.toGptConfig(a, 64, 64);
            double predicted = model.predictMs(c);
            assertEquals(predicted, copy.predictMs(c));
            assertEquals(model.predictMemoryMiB(c), copy.predictMemoryMiB(c));
            double measured = HardwareMeter.measure(c, 1, 64, 1, 1, 5).latency().medianMs();
            pairs.add(new double[] {predicted, measured});
        }
        double rho = RankCorrelation.spearman(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        System.out.println("predictor vs measured on 8 held-out lts-gpt2-cpu architectures: spearman " + rho);
        assertTrue(rho >= 0.6, "spearman " + rho + " " + pairs.stream().map(p -> p[0] + "/" + p[1]).toList());
    }

    @Test
    void theEvaluatorFillsEveryObjective() {
        SearchSpace space = Spaces.ltsGpt2Cpu();
        Architecture a = space.sample(new Rng(2));
        Measurement e = LtsEvaluator.measure(a, new LtsEvaluator.Options(64, 64, 1, 1, "measured", 1, 3), null);
        GptConfig c = LtsEvaluator.toGptConfig(a, 64, 64);
        assertEquals(ModelCounts.decoderParams(c), e.value("decoder_params"));
        assertEquals(ModelCounts.totalParams(c), e.value("total_params"));
        assertEquals(ModelCounts.forwardFlopsPerToken(c, 64), e.value("flops"));
        assertTrue(e.value("latency") > 0 && e.value("memory") > 0);
        assertTrue(e.detailsJson().contains("latency_ms"), e.detailsJson());
    }
}
