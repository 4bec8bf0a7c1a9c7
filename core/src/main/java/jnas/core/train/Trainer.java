package jnas.core.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import jnas.core.data.TokenBatches;
import jnas.core.data.TokenStreams;
import jnas.core.train.ProgressListener.Progress;
import jnas.core.train.TrainResult.LossPoint;

/**
 * Trains a DJL language model on token streams for a fixed step budget and measures it.
 *
 * <p>The run is DJL all the way, on the PyTorch engine: a {@link Model} holding the factory's block, a
 * DJL {@link ai.djl.training.Trainer} with softmax cross-entropy over the vocabulary
 * ({@link SoftmaxCrossEntropyLoss} on logits reshaped to (B·T, V)), DJL's AdamW or Adam with a
 * {@link Tracker} for the warm-up + cosine learning rate, a {@link GradientCollector} per step, and
 * clipping of the gradients' global norm (see {@link TrainConfig}).
 * Each step's arrays (inputs, targets, logits, loss) live in a per-step {@link NDManager} that is
 * closed when the step ends, so native memory does not pile up; {@link TrainResult#managedArrayGrowth()}
 * reports whether anything did. Evaluation runs without gradients, in training=false mode.
 *
 * <p>Determinism: the engine is seeded ({@code Engine.setRandomSeed}) before the block is built and
 * initialised, and the batch sampler uses the same seed, so two runs with the same seed, data and
 * configuration on the same machine give the same losses.
 *
 * <p>Training is single-threaded per JVM: the PyTorch engine allows one gradient collector at a time.
 * An interrupt of the training thread stops the run between steps with a {@link CancellationException}.
 */
public final class Trainer {

    private static final String ENGINE = "PyTorch";

    private Trainer() {}

    /** {@link #train(ModelFactory, TokenStreams, TrainConfig, ProgressListener)} without a listener. */
    public static TrainResult train(ModelFactory factory, TokenStreams data, TrainConfig config) {
        return train(factory, data, config, ProgressListener.NONE);
    }

    /**
     * Builds a model with {@code factory}, trains it on {@code data.train()} for {@code config.steps()}
     * steps, evaluates it on {@code data.valid()} before training, every {@code evalInterval} steps and
     * at the end, and closes it.
     *
     * @param factory  builds the block for {@code data.vocabSize()}
     * @param data     the token streams; train and valid need at least {@code seqLen + 1} tokens
     * @param config   the run's settings
     * @param listener told about every step and evaluation (may be null)
     * @return the measurements
     * @throws IllegalArgumentException when a stream is too short
     * @throws IllegalStateException    when the model's output is not (B, T, V)
     * @throws CancellationException    when the thread is interrupted
     */
    public static TrainResult train(ModelFactory factory, TokenStreams data, TrainConfig config,
                                    ProgressListener listener) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        int b = config.batchSize();
        int t = config.seqLen();
        int vocab = data.vocabSize();
        requireLength("training", data.train(), t);
        requireLength("validation", data.valid(), t);

        long start = System.nanoTime();
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) config.seed());
        Block block = Objects.requireNonNull(factory.create(vocab), "the model factory returned null");
        Device device = engine.defaultDevice();

        try (Model model = Model.newInstance("jnas-lm", device, ENGINE)) {
            model.setBlock(block);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("xent"))
                    .optOptimizer(optimizer(config))
                    .optDevices(new Device[] {device});
            try (ai.djl.training.Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(new Shape(b, t));
                long parameters = countParameters(block);
                TokenBatches batches = new TokenBatches(data.train(), b, t, config.seed());

                List<LossPoint> curve = new ArrayList<>();
                float[] stepLosses = new float[config.steps()];
                double initialValid = evaluate(trainer, data.valid(), config, vocab);
                double initialTrain = evaluate(trainer, data.train(), config, vocab);
                curve.add(new LossPoint(0, initialTrain, initialValid));
                progress.onProgress(new Progress(0, config.steps(), initialTrain, 0, Double.NaN, initialValid,
                        seconds(start), 0));

                long trainNanos = 0;
                double intervalSum = 0;
                int intervalCount = 0;
                int arraysAfterFirstStep = 0;
                double validLoss = initialValid;
                for (int step = 1; step <= config.steps(); step++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("training interrupted at step " + (step - 1) + " of "
                                + config.steps());
                    }
                    TokenBatches.Batch batch = batches.next();
                    long s0 = System.nanoTime();
                    StepOutcome outcome = trainStep(trainer, block, batch, vocab, config.gradClipNorm());
                    float loss = outcome.loss();
                    trainNanos += System.nanoTime() - s0;
                    if (step == 1) arraysAfterFirstStep = model.getNDManager().getManagedArrays().size();
                    if (!Float.isFinite(loss)) {
                        throw new IllegalStateException("training loss became " + loss + " at step " + step
                                + "; try a lower learning rate or gradient clipping");
                    }
                    stepLosses[step - 1] = loss;
                    intervalSum += loss;
                    intervalCount++;

                    boolean evalNow = step == config.steps()
                            || (config.evalInterval() > 0 && step % config.evalInterval() == 0);
                    double valid = Double.NaN;
                    if (evalNow) {
                        valid = evaluate(trainer, data.valid(), config, vocab);
                        validLoss = valid;
                        curve.add(new LossPoint(step, intervalSum / intervalCount, valid));
                        intervalSum = 0;
                        intervalCount = 0;
                    }
                    double trainSec = trainNanos / 1e9;
                    progress.onProgress(new Progress(step, config.steps(), loss, config.learningRateAt(step),
                            outcome.gradNorm(), valid,
                            seconds(start), trainSec > 0 ? step * config.tokensPerStep() / trainSec : 0));
                }
                int growth = model.getNDManager().getManagedArrays().size() - arraysAfterFirstStep;
                double trainSec = trainNanos / 1e9;
                return new TrainResult(config.steps(), parameters, initialValid, validLoss, Math.exp(validLoss),
                        validLoss / Math.log(2), seconds(start), trainSec, config.steps() / trainSec,
                        config.steps() * config.tokensPerStep() / trainSec, curve, stepLosses, growth);
            }
        }
    }

    /** A step's batch loss (before the update) and global gradient norm (before clipping; NaN if not clipped). */
    private record StepOutcome(float loss, double gradNorm) { }

    /** One optimizer step on one batch. */
    private static StepOutcome trainStep(ai.djl.training.Trainer trainer, Block block, TokenBatches.Batch batch,
                                         int vocab, float maxNorm) {
        try (NDManager stepManager = trainer.getManager().newSubManager()) {
            NDArray inputs = stepManager.create(batch.inputs(), new Shape(batch.rows(), batch.seqLen()));
            NDArray targets = stepManager.create(batch.targets(), new Shape(batch.tokens()));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(inputs)).singletonOrThrow();
                NDArray lossArray = loss(trainer, logits, targets, batch, vocab);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
            }
            double norm = maxNorm > 0 ? clipGradNorm(block, stepManager, maxNorm) : Double.NaN;
            trainer.step();
            return new StepOutcome(loss, norm);
        }
    }

    /**
     * Scales all gradients in place so that their global L2 norm is at most {@code maxNorm}; returns the
     * norm before scaling. The gradient handles are attached to the step's manager and freed with it.
     */
    public static double clipGradNorm(Block block, NDManager stepManager, float maxNorm) {
        List<NDArray> grads = new ArrayList<>();
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (!p.requiresGradient() || !p.isInitialized()) continue;
            NDArray g = p.getArray().getGradient();
            g.attach(stepManager);
            grads.add(g);
        }
        if (grads.isEmpty()) return 0;
        NDList squares = new NDList(grads.size());
        for (NDArray g : grads) squares.add(g.square().sum());
        double norm = Math.sqrt(NDArrays.stack(squares).sum().getFloat());
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (NDArray g : grads) g.muli(scale);
        }
        return norm;
    }

    /** Mean validation loss over the evaluation batches of {@code tokens}, weighted by tokens. */
    static double evaluate(ai.djl.training.Trainer trainer, int[] tokens, TrainConfig config, int vocab) {
        double sum = 0;
        long count = 0;
        for (TokenBatches.Batch batch : TokenBatches.evaluation(tokens, config.batchSize(), config.seqLen(),
                config.evalBatches())) {
            try (NDManager evalManager = trainer.getManager().newSubManager()) {
                NDArray inputs = evalManager.create(batch.inputs(), new Shape(batch.rows(), batch.seqLen()));
                NDArray targets = evalManager.create(batch.targets(), new Shape(batch.tokens()));
                NDArray logits = trainer.evaluate(new NDList(inputs)).singletonOrThrow();
                float loss = loss(trainer, logits, targets, batch, vocab).getFloat();
                sum += (double) loss * batch.tokens();
                count += batch.tokens();
            }
        }
        return sum / count;
    }

    private static NDArray loss(ai.djl.training.Trainer trainer, NDArray logits, NDArray targets,
                                TokenBatches.Batch batch, int vocab) {
        Shape expected = new Shape(batch.rows(), batch.seqLen(), vocab);
        if (!logits.getShape().equals(expected)) {
            throw new IllegalStateException("the model maps token ids of shape (" + batch.rows() + ", " + batch.seqLen()
                    + ") to " + logits.getShape() + "; expected logits of shape " + expected);
        }
        return trainer.getLoss().evaluate(new NDList(targets), new NDList(logits.reshape(batch.tokens(), vocab)));
    }

    /**
     * The optimizer of {@code config}: AdamW or Adam with its betas, epsilon and weight decay, and its
     * learning-rate schedule ({@link TrainConfig#learningRateAt}).
     */
    public static Optimizer optimizer(TrainConfig config) {
        Tracker schedule = config::learningRateAt;
        return switch (config.optimizer()) {
            case ADAMW -> Optimizer.adamW().optLearningRateTracker(schedule).optBeta1(config.beta1())
                    .optBeta2(config.beta2()).optEpsilon(config.epsilon()).optWeightDecays(config.weightDecay())
                    .build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(schedule).optBeta1(config.beta1())
                    .optBeta2(config.beta2()).optEpsilon(config.epsilon()).optWeightDecays(config.weightDecay())
                    .build();
        };
    }

    /** The number of trainable values in the block's initialised parameters. */
    public static long countParameters(Block block) {
        long n = 0;
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (p.requiresGradient() && p.isInitialized()) n += p.getArray().getShape().size();
        }
        return n;
    }

    private static void requireLength(String what, int[] tokens, int seqLen) {
        if (tokens.length < seqLen + 1) {
            throw new IllegalArgumentException("the " + what + " stream has " + tokens.length
                    + " tokens; expected at least seqLen + 1 = " + (seqLen + 1));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
