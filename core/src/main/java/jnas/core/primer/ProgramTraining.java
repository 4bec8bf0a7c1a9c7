package jnas.core.primer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import jnas.core.data.TokenStreams;
import jnas.core.model.GptConfig;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;
import jnas.core.train.TrainResult;
import jnas.core.train.Trainer;

/**
 * Trains one program as a small decoder (every layer is the program) and measures it, stopping at the
 * hurdle when the validation loss there is above the threshold. Training never throws for a bad program:
 * a diverging or failing run comes back with its status.
 */
public final class ProgramTraining {
    /** How a run ended. */
    public enum Status { COMPLETED, STOPPED_AT_HURDLE, DIVERGED, FAILED }

    /** A validation checkpoint: step, mean training loss since the previous checkpoint, validation loss. */
    public record Point(int step, double trainLoss, double validLoss) {}

    /**
     * The measurements of one run.
     *
     * @param validLoss     the last validation loss (at the hurdle for a stopped run; NaN if none)
     * @param lossAtHurdle  the validation loss at the hurdle step (NaN without a hurdle)
     * @param params        decoder (non-embedding) parameters: the layers plus the final LayerNorm
     * @param flopsPerToken forward FLOPs per token of the layers and the output head
     */
    public record Outcome(Status status, double validLoss, double lossAtHurdle, int stepsTrained, List<Point> curve,
                          long params, double flopsPerToken, double seconds, String message) {
        /** The loss that ranks it in tournaments: the last validation loss; infinite when it diverged or failed. */
        public double fitness() {
            return status == Status.DIVERGED || status == Status.FAILED || Double.isNaN(validLoss) ? Double.POSITIVE_INFINITY : validLoss;
        }
    }

    private static final class Hurdle extends RuntimeException {
        Hurdle() {
            super(null, null, false, false);
        }
    }

    private ProgramTraining() {}

    /** The decoder shape every program is trained in. */
    public static GptConfig shape(PrimerConfig c, int vocab) {
        return GptConfig.homogeneous(c.layers(), c.dModel(), 4 * c.dModel(), 1, vocab, c.seqLen());
    }

    public static long decoderParams(Program p, PrimerConfig c) {
        return c.layers() * p.params(c.dModel()) + 2L * c.dModel();
    }

    public static double flopsPerToken(Program p, PrimerConfig c, int vocab) {
        return c.layers() * p.flopsPerToken(c.dModel(), c.seqLen()) + 2.0 * c.dModel() * vocab;
    }

    /**
     * Trains {@code program} with {@code train} (seed included) and stops at {@code config.hurdleStep()} when
     * the validation loss there is above {@code hurdle} (NaN: no hurdle).
     *
     * @throws CancellationException when the thread is interrupted
     */
    public static Outcome train(Program program, PrimerConfig config, TrainConfig train, TokenStreams data, double hurdle,
                                ProgressListener listener) {
        long start = System.nanoTime();
        String problem = program.problem(config.dModel());
        if (problem != null) return new Outcome(Status.FAILED, Double.NaN, Double.NaN, 0, List.of(), 0, 0, 0, problem);
        long params = decoderParams(program, config);
        double flops = flopsPerToken(program, config, data.vocabSize());
        List<Point> curve = new ArrayList<>();
        double[] atHurdle = {Double.NaN};
        double[] sum = {0};
        int[] count = {0};
        int[] last = {0};
        ProgressListener watch = p -> {
            listener.onProgress(p);
            last[0] = p.step();
            if (p.step() == 0) return; // the curve starts at the first checkpoint
            sum[0] += p.trainLoss();
            count[0]++;
            if (!p.evaluated()) return;
            curve.add(new Point(p.step(), sum[0] / count[0], p.validLoss()));
            sum[0] = 0;
            count[0] = 0;
            if (config.hurdleStep() > 0 && p.step() == config.hurdleStep()) {
                atHurdle[0] = p.validLoss();
                if (!Double.isNaN(hurdle) && p.validLoss() > hurdle) throw new Hurdle();
            }
        };
        GptConfig shape = shape(config, data.vocabSize());
        try {
            TrainResult r = Trainer.train(vocab -> ProgramLayer.decoder(program, shape), data, train, watch);
            return new Outcome(Status.COMPLETED, r.validLoss(), atHurdle[0], train.steps(), curve, params, flops,
                    seconds(start), "");
        } catch (Hurdle h) {
            return new Outcome(Status.STOPPED_AT_HURDLE, atHurdle[0], atHurdle[0], config.hurdleStep(), curve, params, flops,
                    seconds(start), String.format("validation loss %.4f at step %d is above the hurdle %.4f",
                    atHurdle[0], config.hurdleStep(), hurdle));
        } catch (CancellationException e) {
            throw e;
        } catch (IllegalStateException e) {
            boolean diverged = String.valueOf(e.getMessage()).startsWith("training loss became");
            return new Outcome(diverged ? Status.DIVERGED : Status.FAILED, Double.NaN, atHurdle[0], last[0], curve, params, flops,
                    seconds(start), String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) throw new CancellationException("training interrupted");
            return new Outcome(Status.FAILED, Double.NaN, atHurdle[0], last[0], curve, params, flops, seconds(start),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
