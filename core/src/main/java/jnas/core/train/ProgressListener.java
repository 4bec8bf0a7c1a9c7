package jnas.core.train;

/**
 * Told about training as it goes: once before the first step (step 0, after the first evaluation),
 * after every step, and after every evaluation. Called on the training thread; keep it quick. Throwing
 * stops training.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);

    /**
     * Where training stands.
     *
     * @param step            steps done (0 before the first)
     * @param steps           the step budget
     * @param trainLoss       the loss of this step's training batch (nats per token); at step 0 the
     *                        evaluation loss on the training stream
     * @param learningRate    the learning rate this step used (0 at step 0)
     * @param gradNorm        the global gradient norm before clipping (NaN when clipping is off, and at step 0)
     * @param validLoss       the validation loss when this step evaluated, else NaN
     * @param elapsedSeconds  wall seconds since training started (model building included)
     * @param tokensPerSecond training tokens per second of training time so far (evaluation excluded)
     */
    record Progress(int step, int steps, double trainLoss, double learningRate, double gradNorm, double validLoss,
                    double elapsedSeconds, double tokensPerSecond) {

        /** Whether the model was evaluated at this step. */
        public boolean evaluated() {
            return !Double.isNaN(validLoss);
        }

        /** The fraction of the budget done, in [0, 1]. */
        public double fraction() {
            return steps == 0 ? 1 : (double) step / steps;
        }
    }
}
