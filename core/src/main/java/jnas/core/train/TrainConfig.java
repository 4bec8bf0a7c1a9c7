package jnas.core.train;

/**
 * How to train a language model.
 *
 * <p>The learning rate warms up linearly from {@code learningRate / warmupSteps} to
 * {@code learningRate} over the first {@code warmupSteps} steps, then follows a half cosine down to
 * {@code minLearningRate} at the last step ({@link #learningRateAt(int)}). Weight decay is DJL's: for
 * {@link OptimizerKind#ADAMW} decoupled from the gradient, for {@link OptimizerKind#ADAM} added to it
 * as L2; it applies to every parameter. Gradients are clipped by their global L2 norm: when the norm
 * over all parameters exceeds {@code gradClipNorm}, every gradient is scaled by
 * {@code gradClipNorm / norm} before the update ({@code gradClipNorm <= 0} turns it off). The trainer does
 * this itself because DJL's {@code optClipGrad} on the PyTorch engine (0.36.0) clamps gradients from above
 * only ({@code clamp_max}), leaving large negative gradients unclipped.
 *
 * @param steps           optimizer steps (the budget)
 * @param batchSize       rows per batch, B
 * @param seqLen          tokens per row, T
 * @param learningRate    peak learning rate
 * @param minLearningRate the learning rate at the end of the cosine
 * @param warmupSteps     linear warm-up steps (0 for none)
 * @param weightDecay     weight decay
 * @param optimizer       AdamW or Adam
 * @param beta1           Adam's first-moment decay
 * @param beta2           Adam's second-moment decay
 * @param epsilon         Adam's epsilon
 * @param gradClipNorm    the largest global gradient norm, {@code <= 0} for no clipping
 * @param seed            seeds the engine (parameter initialisation, dropout) and the batch sampler
 * @param evalInterval    evaluate every this many steps (and always at the end); {@code <= 0}: only at the end
 * @param evalBatches     batches per evaluation ({@code <= 0}: the whole validation stream)
 */
public record TrainConfig(int steps, int batchSize, int seqLen, float learningRate, float minLearningRate,
                          int warmupSteps, float weightDecay, OptimizerKind optimizer, float beta1, float beta2,
                          float epsilon, float gradClipNorm, long seed, int evalInterval, int evalBatches) {

    /** The optimizers DJL offers for this. */
    public enum OptimizerKind { ADAMW, ADAM }

    public TrainConfig {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        if (seqLen < 1) throw new IllegalArgumentException("seqLen must be >= 1, was " + seqLen);
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
        }
        if (!(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("minLearningRate must be in [0, learningRate], was " + minLearningRate);
        }
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, was " + warmupSteps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, was " + weightDecay);
        if (optimizer == null) throw new IllegalArgumentException("optimizer must be set");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), were " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
    }

    /** Defaults: see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder().steps(steps).batchSize(batchSize).seqLen(seqLen).learningRate(learningRate)
                .minLearningRate(minLearningRate).warmupSteps(warmupSteps).weightDecay(weightDecay)
                .optimizer(optimizer).beta1(beta1).beta2(beta2).epsilon(epsilon).gradClipNorm(gradClipNorm).seed(seed)
                .evalInterval(evalInterval).evalBatches(evalBatches);
    }

    /** Training tokens per step, B * T. */
    public long tokensPerStep() {
        return (long) batchSize * seqLen;
    }

    /**
     * The learning rate of step {@code step} (1-based, as DJL's optimizers count updates): linear
     * warm-up, then a half cosine from {@code learningRate} to {@code minLearningRate} at step {@code steps}.
     */
    public float learningRateAt(int step) {
        if (warmupSteps > 0 && step <= warmupSteps) {
            return learningRate * Math.max(step, 1) / warmupSteps;
        }
        int decaySteps = steps - warmupSteps;
        double progress = decaySteps <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) (step - warmupSteps) / decaySteps));
        return (float) (minLearningRate + 0.5 * (learningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress)));
    }

    /**
     * Builds a {@link TrainConfig}. Defaults: 1000 steps, B = 32, T = 128, learning rate 1e-3 with a
     * minimum of a tenth of it (unless set), 100 warm-up steps (at most a tenth of the steps unless set),
     * weight decay 0.1, AdamW with betas 0.9 and 0.95 and epsilon 1e-8, gradient norm clipped at 1, seed 42, evaluation
     * every 100 steps on 20 batches.
     */
    public static final class Builder {
        private int steps = 1000;
        private int batchSize = 32;
        private int seqLen = 128;
        private float learningRate = 1e-3f;
        private Float minLearningRate;
        private Integer warmupSteps;
        private float weightDecay = 0.1f;
        private OptimizerKind optimizer = OptimizerKind.ADAMW;
        private float beta1 = 0.9f;
        private float beta2 = 0.95f;
        private float epsilon = 1e-8f;
        private float gradClipNorm = 1f;
        private long seed = 42;
        private int evalInterval = 100;
        private int evalBatches = 20;

        private Builder() {}

        public Builder steps(int v) { steps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder seqLen(int v) { seqLen = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder minLearningRate(float v) { minLearningRate = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder weightDecay(float v) { weightDecay = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder beta1(float v) { beta1 = v; return this; }
        public Builder beta2(float v) { beta2 = v; return this; }
        public Builder epsilon(float v) { epsilon = v; return this; }
        public Builder gradClipNorm(float v) { gradClipNorm = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder evalInterval(int v) { evalInterval = v; return this; }
        public Builder evalBatches(int v) { evalBatches = v; return this; }

        public TrainConfig build() {
            float minLr = minLearningRate != null ? minLearningRate : learningRate / 10;
            int warmup = warmupSteps != null ? warmupSteps : Math.min(100, steps / 10);
            return new TrainConfig(steps, batchSize, seqLen, learningRate, minLr, warmup, weightDecay, optimizer,
                    beta1, beta2, epsilon, gradClipNorm, seed, evalInterval, evalBatches);
        }
    }
}
