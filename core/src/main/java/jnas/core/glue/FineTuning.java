package jnas.core.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.util.Pair;
import ai.djl.util.PairList;

import jnas.core.model.Encoder;
import jnas.core.model.EncoderArch;
import jnas.core.model.EncoderConfig;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;
import jnas.core.train.Trainer;
import jnas.core.util.Rng;

/**
 * Fine-tunes an encoder on one task: a fresh {@link Encoder} of the configuration, its weights copied
 * parameter by parameter from a pre-trained encoder (or left at their random initialisation), with a
 * fresh linear head (Linear(H, 12) on the hidden states for POS, Linear(H, classes) on the pooled
 * {@code [CLS]} state otherwise), trained with the cross-entropy of the head for a fixed budget of steps
 * with {@link TrainConfig}'s optimiser (AdamW), schedule and gradient clipping, then scored on dev and test.
 * The pre-trained encoder is only read, so one serves every task.
 *
 * <p><b>Batches.</b> {@code batchSize} training examples at a time, in an order drawn from a generator
 * seeded with {@code seed} and drawn again each epoch; each batch is padded to its longest example with
 * {@code [PAD]} (masked by the encoder; padded and special positions have no label). {@code seqLen} of the
 * {@link TrainConfig} is not used: the examples have their lengths ({@link TaskData#seqLen()}).
 * {@code evalBatches} is not used either: evaluation reads all of dev (and of test at the end).
 *
 * <p><b>Seeding.</b> The engine is seeded with {@code seed} before the model is built (head
 * initialisation, dropout) and the batch order comes from {@code seed}: the same task data, configuration,
 * weights and settings give the same scores. The losses agree to float rounding: on the CPU two runs have
 * differed in the 8th digit (the engine's matmul kernels do not promise bit-identical sums), which moves an
 * accuracy only when a prediction is a near-tie.
 */
public final class FineTuning {
    private static final String ENGINE = "PyTorch";

    private FineTuning() {}

    /** An evaluation on dev during fine-tuning: the mean training loss since the last one (NaN at step 0). */
    public record Point(int step, double trainLoss, double devLoss, double devScore) {}

    /**
     * The default budget: 300 steps of 16 examples, learning rate 1e-3 falling to 1e-4 after 30 warm-up
     * steps, weight decay 0.01, gradients clipped at norm 1, dev evaluated every 100 steps, seed 1; seconds
     * per task for a 2 x 32 encoder.
     */
    public static TrainConfig defaults() {
        return TrainConfig.builder().steps(300).batchSize(16).seqLen(64).learningRate(1e-3f).minLearningRate(1e-4f).warmupSteps(30)
                .weightDecay(0.01f).gradClipNorm(1f).evalInterval(100).evalBatches(0).seed(1).build();
    }

    /**
     * Fine-tunes on {@code data} and scores the result.
     *
     * @param task       the task ({@code data}'s)
     * @param config     the encoder's configuration
     * @param pretrained the encoder whose weights to start from (of {@code config}; unchanged here), or null
     *                   to start from random initialisation
     * @param data       the task's examples
     * @param train      budget, optimiser, schedule and seed
     * @param listener   told about every step and evaluation (may be null)
     * @throws IllegalArgumentException when the data is another task's, longer than the encoder's
     *                                  {@code maxLength}, or the pre-trained encoder has another configuration
     * @throws CancellationException    when the thread is interrupted
     */
    public static TaskResult run(GlueTask task, EncoderArch config, Encoder pretrained, TaskData data, TrainConfig train,
                                 ProgressListener listener) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(train, "train");
        if (!data.task().name().equals(task.name())) {
            throw new IllegalArgumentException("the data is " + data.task().name() + "'s, not " + task.name() + "'s");
        }
        if (data.seqLen() > config.shape().maxLength()) {
            throw new IllegalArgumentException(task.name() + " examples have up to " + data.seqLen() + " positions; the encoder's maxLength is "
                    + config.shape().maxLength());
        }
        if (data.train().isEmpty() || data.dev().isEmpty() || data.test().isEmpty()) {
            throw new IllegalArgumentException(task.name() + " needs examples in every part: " + data);
        }
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        long start = System.nanoTime();
        Baseline baseline = task.baseline(data);
        try (Session s = open(task, config, pretrained, train)) {
            ai.djl.training.Trainer trainer = s.trainer();
            boolean token = task.kind() == GlueTask.Kind.TOKEN;
            int evalRows = Math.max(train.batchSize(), 32);
            List<Point> curve = new ArrayList<>();
            Evaluation e = evaluate(trainer, data.dev(), token, evalRows);
            Map<String, Double> scores = task.score(data.dev(), e.predictions());
            curve.add(new Point(0, Double.NaN, e.loss(), scores.get(task.metric())));
            progress.onProgress(new ProgressListener.Progress(0, train.steps(), Double.NaN, 0, Double.NaN, e.loss(), seconds(start), 0));

            Rng rng = new Rng(train.seed());
            List<Example> examples = data.train();
            int[] order = permutation(examples.size(), rng);
            int at = 0;
            long trainNanos = 0, tokens = 0;
            double sum = 0;
            int count = 0;
            for (int step = 1; step <= train.steps(); step++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(task.name() + " fine-tuning interrupted at step " + (step - 1) + " of " + train.steps());
                }
                List<Example> rows = new ArrayList<>(train.batchSize());
                for (int k = 0; k < train.batchSize(); k++) {
                    if (at == order.length) {
                        order = permutation(examples.size(), rng);
                        at = 0;
                    }
                    rows.add(examples.get(order[at++]));
                }
                Batch batch = Batch.of(rows, token);
                long s0 = System.nanoTime();
                double[] out = step(trainer, s.block(), batch, train.gradClipNorm());
                trainNanos += System.nanoTime() - s0;
                tokens += batch.realTokens();
                if (!Double.isFinite(out[0])) {
                    throw new IllegalStateException(task.name() + ": training loss became " + out[0] + " at step " + step
                            + "; try a lower learning rate or gradient clipping");
                }
                sum += out[0];
                count++;
                double devLoss = Double.NaN;
                if (step == train.steps() || (train.evalInterval() > 0 && step % train.evalInterval() == 0)) {
                    e = evaluate(trainer, data.dev(), token, evalRows);
                    scores = task.score(data.dev(), e.predictions());
                    devLoss = e.loss();
                    curve.add(new Point(step, sum / count, e.loss(), scores.get(task.metric())));
                    sum = 0;
                    count = 0;
                }
                double trainSec = trainNanos / 1e9;
                progress.onProgress(new ProgressListener.Progress(step, train.steps(), out[0], train.learningRateAt(step), out[1], devLoss,
                        seconds(start), trainSec > 0 ? tokens / trainSec : 0));
            }
            Map<String, Double> testScores = task.score(data.test(), evaluate(trainer, data.test(), token, evalRows).predictions());
            return new TaskResult(task.name(), task.metric(), scores.get(task.metric()), testScores.get(task.metric()),
                    baseline.devScore(), baseline.testScore(), scores, testScores, baseline, pretrained != null, train.steps(),
                    Trainer.countParameters(s.block()), seconds(start), curve);
        }
    }

    /** A model ready to fine-tune: the DJL model and trainer around a fresh encoder and head. */
    record Session(Model model, ai.djl.training.Trainer trainer, GlueModel block) implements AutoCloseable {
        @Override
        public void close() {
            trainer.close();
            model.close();
        }
    }

    /**
     * Seeds the engine, builds and initialises a fresh encoder and head, and copies {@code pretrained}'s
     * weights into the encoder when it is given.
     */
    static Session open(GlueTask task, EncoderArch config, Encoder pretrained, TrainConfig train) {
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) train.seed());
        Device device = engine.defaultDevice();
        Model model = Model.newInstance("jnas-glue-" + task.name(), device, ENGINE);
        try {
            GlueModel block = new GlueModel(config.build(), task);
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss(task.key()))
                    .optOptimizer(Trainer.optimizer(train)).optDevices(new Device[] {device});
            ai.djl.training.Trainer trainer = model.newTrainer(tc);
            try {
                Shape ids = new Shape(1, Math.min(2, config.shape().maxLength()));
                trainer.initialize(ids, ids, new Shape(1));
                if (pretrained != null) copy(pretrained, block.encoder());
                return new Session(model, trainer, block);
            } catch (RuntimeException x) {
                trainer.close();
                throw x;
            }
        } catch (RuntimeException x) {
            model.close();
            throw x;
        }
    }

    /**
     * Copies every parameter of {@code from} into the initialised {@code to}, by name and in order.
     *
     * @throws IllegalArgumentException when the configurations, names or shapes differ
     */
    static void copy(Encoder from, Encoder to) {
        if (!from.config().equals(to.config())) {
            throw new IllegalArgumentException("the pre-trained encoder is " + from.config().toJson() + ", not " + to.config().toJson());
        }
        PairList<String, Parameter> src = from.getParameters(), dst = to.getParameters();
        if (src.size() != dst.size()) {
            throw new IllegalArgumentException("the pre-trained encoder has " + src.size() + " parameters, the fresh one " + dst.size());
        }
        for (int i = 0; i < src.size(); i++) {
            Pair<String, Parameter> a = src.get(i), b = dst.get(i);
            if (!a.getKey().equals(b.getKey())) {
                throw new IllegalArgumentException("parameter " + i + " is " + a.getKey() + " in the pre-trained encoder, " + b.getKey() + " here");
            }
            if (!a.getValue().isInitialized()) {
                throw new IllegalArgumentException("the pre-trained encoder's parameter " + a.getKey() + " is not initialised");
            }
            NDArray s = a.getValue().getArray(), d = b.getValue().getArray();
            if (!s.getShape().equals(d.getShape())) {
                throw new IllegalArgumentException("parameter " + a.getKey() + " has shape " + s.getShape() + " pre-trained, " + d.getShape() + " here");
            }
            s.copyTo(d);
        }
    }

    /** A padded batch: ids and types (B x T, row-major), the flat indices of the scored positions (token tasks) and the targets. */
    record Batch(int rows, int length, int[] ids, int[] types, long[] positions, int[] targets, long realTokens) {

        static Batch of(List<Example> examples, boolean token) {
            int b = examples.size(), t = 0;
            for (Example e : examples) t = Math.max(t, e.length());
            int[] ids = new int[b * t], types = new int[b * t];
            List<Long> positions = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            long real = 0;
            for (int i = 0; i < b; i++) {
                Example e = examples.get(i);
                System.arraycopy(e.ids(), 0, ids, i * t, e.length());
                System.arraycopy(e.types(), 0, types, i * t, e.length());
                real += e.length();
                if (token) {
                    for (int j = 0; j < e.length(); j++) {
                        if (e.tags()[j] == Example.IGNORE) continue;
                        positions.add((long) i * t + j);
                        targets.add(e.tags()[j]);
                    }
                } else {
                    targets.add(e.label());
                }
            }
            return new Batch(b, t, ids, types, token ? positions.stream().mapToLong(Long::longValue).toArray() : null,
                    targets.stream().mapToInt(Integer::intValue).toArray(), real);
        }

        NDList inputs(NDManager m) {
            Shape shape = new Shape(rows, length);
            NDList in = new NDList(m.create(ids, shape), m.create(types, shape));
            if (positions != null) in.add(m.create(positions));
            return in;
        }
    }

    /** One update: {loss, gradient norm before clipping}. */
    private static double[] step(ai.djl.training.Trainer trainer, GlueModel block, Batch batch, float clip) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(batch.inputs(m)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(m.create(batch.targets())), new NDList(logits));
                gc.backward(l);
                loss = l.getFloat();
            }
            double norm = clip > 0 ? Trainer.clipGradNorm(block, m, clip) : Double.NaN;
            trainer.step();
            return new double[] {loss, norm};
        }
    }

    /** The mean loss over scored positions (token tasks) or examples, and the predictions, one row per example. */
    record Evaluation(double loss, int[][] predictions) {}

    static Evaluation evaluate(ai.djl.training.Trainer trainer, List<Example> examples, boolean token, int rows) {
        int[][] predictions = new int[examples.size()][];
        double lossSum = 0;
        long count = 0;
        for (int from = 0; from < examples.size(); from += rows) {
            List<Example> part = examples.subList(from, Math.min(examples.size(), from + rows));
            Batch batch = Batch.of(part, token);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray logits = trainer.evaluate(batch.inputs(m)).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(m.create(batch.targets())), new NDList(logits));
                lossSum += loss.getFloat() * batch.targets().length;
                count += batch.targets().length;
                int[] argMax = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                int k = 0;
                for (int i = 0; i < part.size(); i++) {
                    Example e = part.get(i);
                    if (token) {
                        int[] row = new int[e.length()];
                        for (int j = 0; j < row.length; j++) row[j] = e.tags()[j] == Example.IGNORE ? Example.IGNORE : argMax[k++];
                        predictions[from + i] = row;
                    } else {
                        predictions[from + i] = new int[] {argMax[i]};
                    }
                }
            }
        }
        return new Evaluation(lossSum / count, predictions);
    }

    private static int[] permutation(int n, Rng rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = p[i];
            p[i] = p[j];
            p[j] = x;
        }
        return p;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
