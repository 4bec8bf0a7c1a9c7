package jnas.core.primer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jnas.core.data.TokenStreams;
import jnas.core.train.ProgressListener;

/** A bad program never throws out of training: it comes back with its status. */
class ProgramTrainingTest {
    static final TokenStreams DATA = TokenStreams.brownCharacters().head(50_000, 10_000);

    @Test
    void aDivergingProgramIsRecordedNotThrown() {
        PrimerConfig cfg = PrimerSearchTest.tiny(1).with(Map.of("lr", "1e9", "hurdle_step", "0"));
        Program explode = Program.parse("r1 = dense(r0, 1d)\nr2 = scale(r1, 4)\nr3 = square(r2)\nr4 = scale(r3, 4)\nr5 = square(r4)\nr6 = add(r0, r5)");
        ProgramTraining.Outcome o = ProgramTraining.train(explode, cfg, cfg.trainConfig().toBuilder().gradClipNorm(0).build(), DATA,
                Double.NaN, ProgressListener.NONE);
        assertEquals(ProgramTraining.Status.DIVERGED, o.status(), o.message());
        assertTrue(o.message().startsWith("training loss became"), o.message());
        assertEquals(Double.POSITIVE_INFINITY, o.fitness());
    }

    @Test
    void aProgramThatDoesNotCompileFailsWithItsReason() {
        PrimerConfig cfg = PrimerSearchTest.tiny(1);
        ProgramTraining.Outcome o = ProgramTraining.train(Program.parse("r1 = dense(r0, 2d)"), cfg, cfg.trainConfig(), DATA,
                Double.NaN, ProgressListener.NONE);
        assertEquals(ProgramTraining.Status.FAILED, o.status());
        assertEquals("the output r1 has width 2d; a layer must return width 1d (d_model)", o.message());
        assertEquals(0, o.stepsTrained());
    }

    @Test
    void theCurveHasTheMeanTrainingLossPerCheckpoint() {
        PrimerConfig cfg = PrimerSearchTest.tiny(1).with(Map.of("hurdle_step", "0"));
        double[] sum = {0};
        ProgramTraining.Outcome o = ProgramTraining.train(Programs.vanilla(), cfg, cfg.trainConfig(), DATA, Double.NaN,
                p -> { if (p.step() >= 1 && p.step() <= 2) sum[0] += p.trainLoss(); });
        assertEquals(ProgramTraining.Status.COMPLETED, o.status());
        assertEquals(sum[0] / 2, o.curve().get(0).trainLoss(), 1e-9);
        assertEquals(o.curve().get(o.curve().size() - 1).validLoss(), o.validLoss(), 0);
        assertTrue(Double.isNaN(o.lossAtHurdle()));
        assertEquals(ProgramTraining.decoderParams(Programs.vanilla(), cfg), o.params());
    }
}
