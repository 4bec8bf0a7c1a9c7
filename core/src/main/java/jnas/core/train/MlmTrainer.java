package jnas.core.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import jnas.core.model.Encoder;
import jnas.core.util.Rng;

/**
 * Masked-LM pre-training of an {@link Encoder} on a stream of word ids, as BERT: each sequence is
 * {@code [CLS]} + {@code seqLen - 2} consecutive words + {@code [SEP]}, corrupted by {@link MlmMasking}
 * (masks drawn from the run's seeded generator), and the loss is the cross-entropy of the tied MLM head at
 * the predicted positions only. Training windows start at positions drawn from the same generator;
 * validation uses fixed, evenly spaced windows of the validation stream with fixed masks, so its loss
 * and masked-token accuracy compare across steps and runs. Optimiser, schedule, clipping and seeding are
 * those of {@link TrainConfig} and {@link Trainer}. The trained weights can be saved and loaded back bit for
 * bit ({@link #save}, {@link #load}).
 */
public final class MlmTrainer {
    private static final String ENGINE = "PyTorch";

    /** The special ids the sequences use. */
    public record Special(int cls, int sep, MlmMasking masking) {}

    /** A validation checkpoint. */
    public record Point(int step, double trainLoss, double validLoss, double validAccuracy) {}

    /** What a run measured. */
    public record Result(int steps, long params, List<Point> curve, double validLoss, double validAccuracy, double seconds,
                         double tokensPerSecond) {
        public Result {
            curve = List.copyOf(curve);
        }
    }

    private MlmTrainer() {}

    /**
     * The encoder with its MLM head applied at chosen rows, as one block, so DJL's trainer sees (and its
     * optimiser updates) every parameter: inputs ids (B, T) and the flat indices (N) of the predicted
     * positions; output logits (N, V).
     */
    static final class MlmModel extends ai.djl.nn.AbstractBlock {
        private final Encoder encoder;

        MlmModel(Encoder encoder) {
            this.encoder = addChildBlock("encoder", encoder);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, ai.djl.util.PairList<String, Object> params) {
            NDArray ids = inputs.get(0);                                                  // (B, T)
            NDArray rows = inputs.get(1);                                                 // (N)
            NDArray hidden = encoder.forward(ps, new NDList(ids), training).get(0);       // (B, T, H)
            NDArray picked = hidden.reshape(ids.getShape().get(0) * ids.getShape().get(1), -1).get(rows);  // (N, H)
            return new NDList(encoder.mlmLogits(ps, picked, training));                   // (N, V)
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            encoder.initialize(manager, dataType, inputShapes[0]);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[1].get(0), encoder.config().vocabSize())};
        }
    }

    /**
     * Trains {@code encoder} (initialised here, with the engine seeded by {@code config.seed()}) on {@code train};
     * validates on {@code valid} before training, every {@code evalInterval} steps and at the end. The encoder
     * keeps its trained weights; the DJL model around it is closed.
     *
     * @throws CancellationException when the thread is interrupted
     */
    public static Result train(Encoder encoder, int[] train, int[] valid, Special special, TrainConfig config,
                               ProgressListener listener) {
        return train(encoder, null, train, valid, special, config, listener);
    }

    /**
     * As {@link #train(Encoder, int[], int[], Special, TrainConfig, ProgressListener)}, with {@code init}
     * (may be null) given the encoder right after its initialisation, before the first validation: weight
     * inheritance sets the starting weights there.
     */
    public static Result train(Encoder encoder, java.util.function.Consumer<Encoder> init, int[] train, int[] valid, Special special,
                               TrainConfig config, ProgressListener listener) {
        Objects.requireNonNull(encoder, "encoder");
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        int b = config.batchSize(), t = config.seqLen();
        require("training", train, t);
        require("validation", valid, t);
        long start = System.nanoTime();
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) config.seed());
        Device device = engine.defaultDevice();
        Model model = Model.newInstance("jnas-mlm", device, ENGINE);
        try {
            MlmModel block = new MlmModel(encoder);
            model.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("mlm"))
                    .optOptimizer(Trainer.optimizer(config)).optDevices(new Device[] {device});
            try (ai.djl.training.Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(new Shape(b, t), new Shape(1));
                if (init != null) init.accept(encoder);
                long params = Trainer.countParameters(encoder);
                Rng rng = new Rng(config.seed());
                List<int[][]> validBatches = validationBatches(valid, special, config);
                List<Point> curve = new ArrayList<>();
                double[] v = evaluate(trainer, validBatches);
                curve.add(new Point(0, Double.NaN, v[0], v[1]));
                progress.onProgress(new ProgressListener.Progress(0, config.steps(), Double.NaN, 0, Double.NaN, v[0], seconds(start), 0));
                long trainNanos = 0;
                double sum = 0;
                int count = 0;
                for (int step = 1; step <= config.steps(); step++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("pre-training interrupted at step " + (step - 1) + " of " + config.steps());
                    }
                    int[][] ids = new int[b][];
                    for (int i = 0; i < b; i++) ids[i] = window(train, rng.nextInt(train.length - (t - 2) + 1), special, t);
                    MlmMasking.Masked masked = special.masking().apply(ids, rng);
                    long s0 = System.nanoTime();
                    double[] out = step(trainer, encoder, masked, config.gradClipNorm());
                    trainNanos += System.nanoTime() - s0;
                    if (!Double.isFinite(out[0])) {
                        throw new IllegalStateException("training loss became " + out[0] + " at step " + step
                                + "; try a lower learning rate or gradient clipping");
                    }
                    sum += out[0];
                    count++;
                    double valLoss = Double.NaN;
                    if (step == config.steps() || (config.evalInterval() > 0 && step % config.evalInterval() == 0)) {
                        v = evaluate(trainer, validBatches);
                        valLoss = v[0];
                        curve.add(new Point(step, sum / count, v[0], v[1]));
                        sum = 0;
                        count = 0;
                    }
                    double trainSec = trainNanos / 1e9;
                    progress.onProgress(new ProgressListener.Progress(step, config.steps(), out[0], config.learningRateAt(step),
                            out[1], valLoss, seconds(start), trainSec > 0 ? step * config.tokensPerStep() / trainSec : 0));
                }
                Point last = curve.get(curve.size() - 1);
                return new Result(config.steps(), params, curve, last.validLoss(), last.validAccuracy(), seconds(start),
                        config.steps() * config.tokensPerStep() / (trainNanos / 1e9));
            }
        } finally {
            // the encoder's parameters belong to the model's manager: detach them so they outlive the model
            for (var p : encoder.getParameters()) {
                if (p.getValue().isInitialized()) p.getValue().getArray().detach();
            }
            model.close();
        }
    }

    /** [CLS] + seqLen - 2 words from {@code from} + [SEP]. */
    static int[] window(int[] words, int from, Special special, int seqLen) {
        int[] row = new int[seqLen];
        row[0] = special.cls();
        System.arraycopy(words, from, row, 1, seqLen - 2);
        row[seqLen - 1] = special.sep();
        return row;
    }

    /** {@code evalBatches} batches of evenly spaced windows of {@code valid}, masked once with a fixed seed. */
    static List<int[][]> validationBatches(int[] valid, Special special, TrainConfig config) {
        int b = config.batchSize(), t = config.seqLen(), n = Math.max(1, config.evalBatches()) * b;
        int span = valid.length - (t - 2);
        Rng fixed = new Rng(0x5eed);
        List<int[][]> out = new ArrayList<>();
        for (int k = 0; k < n / b; k++) {
            int[][] ids = new int[b][];
            for (int i = 0; i < b; i++) ids[i] = window(valid, (int) ((long) (k * b + i) * span / n), special, t);
            MlmMasking.Masked m = special.masking().apply(ids, fixed);
            out.add(m.inputs());
            out.add(m.labels());
        }
        return out;
    }

    /** The masked-LM loss (mean over predicted positions), the hits and the count, from inputs and labels. */
    private static NDArray[] lossAndHits(ai.djl.training.Trainer trainer, NDManager m, int[][] inputs, int[][] labels, boolean training) {
        int b = inputs.length, t = inputs[0].length;
        int[] flat = new int[b * t];
        for (int i = 0; i < b; i++) System.arraycopy(inputs[i], 0, flat, i * t, t);
        List<Long> rows = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                if (labels[i][j] != MlmMasking.IGNORE) {
                    rows.add((long) i * t + j);
                    targets.add(labels[i][j]);
                }
            }
        }
        NDList in = new NDList(m.create(flat, new Shape(b, t)), m.create(rows.stream().mapToLong(Long::longValue).toArray()));
        NDArray logits = (training ? trainer.forward(in) : trainer.evaluate(in)).singletonOrThrow();   // (N, V)
        NDArray target = m.create(targets.stream().mapToInt(Integer::intValue).toArray());            // (N)
        NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(logits));
        NDArray hits = logits.argMax(1).toType(DataType.INT32, false).eq(target).sum();
        return new NDArray[] {loss, hits, m.create((float) targets.size())};
    }

    /** One update: {loss, gradient norm before clipping}. */
    private static double[] step(ai.djl.training.Trainer trainer, Encoder encoder, MlmMasking.Masked masked, float clip) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray[] out = lossAndHits(trainer, m, masked.inputs(), masked.labels(), true);
                gc.backward(out[0]);
                loss = out[0].getFloat();
            }
            double norm = clip > 0 ? Trainer.clipGradNorm(encoder, m, clip) : Double.NaN;
            trainer.step();
            return new double[] {loss, norm};
        }
    }

    /** {mean loss over predicted positions, masked-token accuracy} on the validation batches. */
    private static double[] evaluate(ai.djl.training.Trainer trainer, List<int[][]> batches) {
        double lossSum = 0, hits = 0, total = 0;
        for (int k = 0; k < batches.size(); k += 2) {
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray[] out = lossAndHits(trainer, m, batches.get(k), batches.get(k + 1), false);
                double n = out[2].getFloat();
                lossSum += out[0].getFloat() * n;
                hits += out[1].toType(DataType.FLOAT32, false).getFloat();
                total += n;
            }
        }
        return new double[] {lossSum / total, hits / total};
    }

    /** A pre-trained encoder: its weights, what its training measured, its cache key, and whether it came from the cache. */
    public record Pretrained(Encoder encoder, Result result, String key, boolean cached) {}

    /**
     * A pre-trained encoder from the cache ({@code CacheRoot/encoders/KEY.params} and {@code KEY.json}), or
     * trained now and cached: KEY is the content hash of the configuration, the data ({@code dataId}, e.g. a
     * vocabulary hash and the split), the training settings (budget and seed included) and the masking, so
     * a notebook pre-trains once per machine. Loaded weights live on {@code manager}.
     */
    public static Pretrained pretrained(jnas.core.model.EncoderArch config, String dataId, int[] train, int[] valid,
                                        Special special, TrainConfig settings, ProgressListener listener, NDManager manager) {
        return pretrained(config, dataId, train, valid, special, settings, null, listener, manager);
    }

    /**
     * Where pre-training starts when not from random initialisation: {@code init} sets the initialised
     * encoder's weights (weight inheritance from a parent), and {@code key} names those weights (the
     * parent's own cache key), so it enters the cache key.
     */
    public record Start(String key, java.util.function.Consumer<Encoder> init) {}

    /**
     * As {@link #pretrained(jnas.core.model.EncoderArch, String, int[], int[], Special, TrainConfig, ProgressListener, NDManager)},
     * starting from {@code start}'s weights when it is given (null: random initialisation, the same cache key as without it).
     */
    public static Pretrained pretrained(jnas.core.model.EncoderArch config, String dataId, int[] train, int[] valid,
                                        Special special, TrainConfig settings, Start start, ProgressListener listener,
                                        NDManager manager) {
        String key = sha(config.toJson() + "|" + dataId + "|" + settings + "|" + special + (start == null ? "" : "|start=" + start.key()));
        Path dir = jnas.core.util.CacheRoot.dir("encoders");
        Path params = dir.resolve(key + ".params"), json = dir.resolve(key + ".json");
        com.google.gson.Gson gson = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create();
        try {
            if (Files.isRegularFile(params) && Files.isRegularFile(json)) {
                Encoder e = config.build();
                load(e, params, manager);
                return new Pretrained(e, gson.fromJson(Files.readString(json), Result.class), key, true);
            }
            Encoder e = config.build();
            Result r = train(e, start == null ? null : start.init(), train, valid, special, settings, listener);
            save(e, params);
            Files.writeString(json, gson.toJson(r));
            return new Pretrained(e, r, key, false);
        } catch (IOException x) {
            throw new IllegalStateException("pre-trained encoder cache '" + dir + "': " + x.getMessage(), x);
        }
    }

    /**
     * The encoder {@link #pretrained} cached under {@code key}, loaded into a fresh encoder of {@code config}
     * on {@code manager}; null when this machine's cache does not hold it.
     */
    public static Encoder cached(jnas.core.model.EncoderArch config, String key, NDManager manager) {
        Path params = jnas.core.util.CacheRoot.dir("encoders").resolve(key + ".params");
        if (!Files.isRegularFile(params)) return null;
        Encoder e = config.build();
        load(e, params, manager);
        return e;
    }

    private static String sha(String s) {
        return jnas.core.util.Hashes.sha256Hex(s, 8);
    }

    /** Writes the encoder's parameters (DJL's own format) to {@code file}. */
    public static void save(Encoder encoder, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
                encoder.saveParameters(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the encoder to '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Loads parameters written by {@link #save} into {@code encoder} (of the same configuration), on {@code manager}. */
    public static void load(Encoder encoder, Path file, NDManager manager) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            encoder.loadParameters(manager, in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot read the encoder from '" + file + "': " + e.getMessage(), e);
        }
    }

    private static void require(String what, int[] words, int seqLen) {
        if (words.length < seqLen) {
            throw new IllegalArgumentException("the " + what + " stream has " + words.length + " words; expected at least seqLen = " + seqLen);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
