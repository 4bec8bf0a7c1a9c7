package jnas.core.train;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a training run measured. Losses are mean softmax cross-entropies in nats per token.
 *
 * @param steps              optimizer steps taken
 * @param parameters         trainable parameter count (elements)
 * @param initialValidLoss   validation loss before the first step
 * @param validLoss          validation loss after the last step
 * @param perplexity         {@code exp(validLoss)}
 * @param bitsPerChar        {@code validLoss / ln 2}: bits per token, which is bits per character for
 *                           character-level tokens
 * @param wallSeconds        wall time of the whole run (model building and evaluations included)
 * @param trainSeconds       time spent in training steps only
 * @param stepsPerSecond     {@code steps / trainSeconds}
 * @param tokensPerSecond    training tokens ({@code steps * B * T}) per training second
 * @param curve              the loss curve: step 0 and every evaluation step
 * @param stepLosses         the training batch loss of every step ({@code stepLosses[i]} is step i + 1)
 * @param managedArrayGrowth native arrays held by the model's managers at the end minus after the first
 *                           step: 0 when nothing piles up
 */
public record TrainResult(int steps, long parameters, double initialValidLoss, double validLoss, double perplexity,
                          double bitsPerChar, double wallSeconds, double trainSeconds, double stepsPerSecond,
                          double tokensPerSecond, List<LossPoint> curve, float[] stepLosses, int managedArrayGrowth) {

    /**
     * One point of the loss curve.
     *
     * @param step      steps done
     * @param trainLoss the mean training batch loss of the steps since the previous point; at step 0 the
     *                  evaluation loss on the training stream (same windows and batch count as validation)
     * @param validLoss the validation loss at this step
     */
    public record LossPoint(int step, double trainLoss, double validLoss) { }

    public TrainResult {
        curve = List.copyOf(curve);
    }

    /** The loss curve as a table: {@code step}, {@code train_loss}, {@code valid_loss}. */
    public Table curveTable() {
        return Table.create("loss curve",
                IntColumn.create("step", curve.stream().mapToInt(LossPoint::step).toArray()),
                DoubleColumn.create("train_loss", curve.stream().mapToDouble(LossPoint::trainLoss).toArray()),
                DoubleColumn.create("valid_loss", curve.stream().mapToDouble(LossPoint::validLoss).toArray()));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "TrainResult[%d steps, %,d params, valid loss %.4f (from %.4f), ppl %.3f, bpc %.4f, %.1f s, %.2f steps/s, %.0f tok/s]",
                steps, parameters, validLoss, initialValidLoss, perplexity, bitsPerChar, wallSeconds, stepsPerSecond,
                tokensPerSecond);
    }
}
