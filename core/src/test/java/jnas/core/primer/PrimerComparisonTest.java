package jnas.core.primer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.data.TokenStreams;
import jnas.core.train.TrainConfig;
import jnas.core.train.TrainResult;
import tech.tablesaw.api.Table;

class PrimerComparisonTest {
    @Test
    void stepsToReachInterpolatesBetweenEvaluations() {
        TrainResult r = new TrainResult(40, 1, 4.0, 2.0, Math.exp(2.0), 2.0 / Math.log(2), 1, 1, 40, 40,
                List.of(new TrainResult.LossPoint(0, 4.0, 4.0), new TrainResult.LossPoint(20, 3.0, 3.0),
                        new TrainResult.LossPoint(40, 2.0, 2.0)), new float[40], 0);
        assertEquals(30.0, PrimerComparison.stepsToReach(r, 2.5), 1e-12);
        assertEquals(40.0, PrimerComparison.stepsToReach(r, 2.0), 1e-12);
        assertTrue(Double.isNaN(PrimerComparison.stepsToReach(r, 1.9)));
    }

    @Test
    void aTinyComparisonFillsTheTable() {
        TokenStreams data = TokenStreams.brownCharacters().head(200_000, 20_000);
        TrainConfig budget = TrainConfig.builder().steps(20).batchSize(8).seqLen(32).learningRate(3e-3f).warmupSteps(2)
                .evalInterval(5).evalBatches(4).seed(1).build();
        List<PrimerComparison.Run> runs = PrimerComparison.run(data, List.of(new PrimerComparison.Size("tiny", 1, 32, 128, 4)),
                List.of(1L), budget, r -> { });
        assertEquals(4, runs.size());
        Table t = PrimerComparison.table(runs);
        assertEquals(4, t.rowCount());
        assertEquals(List.of("vanilla", "squared_relu", "mdha", "primer_ez"), t.stringColumn("variant").asList());
        assertTrue(t.doubleColumn("speedup_steps").get(0) >= 1.0, "vanilla reaches its own final loss by its last step");
        assertEquals("1/1", t.stringColumn("reached").get(0));
        for (PrimerComparison.Run r : runs) assertTrue(r.result().validLoss() < r.result().initialValidLoss(), r.variant().name());
        assertEquals(720, PrimerComparison.lossCurves(runs, "tiny").getWidth());
    }
}
