package jnas.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import jnas.core.data.BrownWords;
import jnas.core.data.TaggedDocument;
import jnas.core.data.TaggedSentence;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderArch;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.SpecCache;
import jnas.core.train.MlmMasking;
import jnas.core.train.MlmTrainer;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;

/**
 * The miniature GLUE score of an encoder configuration: masked-LM pre-training on Brown's training words
 * ({@link MlmTrainer#pretrained}, cached by content, so a configuration pre-trains once per machine and
 * spec), then fine-tuning on each task ({@link FineTuning}) from those weights with a fresh head.
 *
 * <p>Candidate: an {@link EncoderConfig} JSON; its vocabulary size must be the spec's and its
 * {@code maxLength} at least the examples' and the pre-training sequences' length. Spec: a {@link Spec}
 * JSON. Values, on dev (the test scores are in the details): {@code pos}, {@code genre}, {@code same_doc}
 * (each task's headline metric, in [0, 1]), {@code glue_avg} (their mean), {@code params}
 * ({@link EncoderCounts#totalParams}) and {@code seq_flops} ({@link Glue#flops}: forward FLOPs of one sequence at the examples' length).
 * Details: {@code pretrained} (false: fine-tuned from random initialisation); {@code pretraining}, when
 * there was one: its cache key, whether it came from the cache, its steps, validation loss and accuracy;
 * per task its dev and test metrics, baseline, curve, steps and parameters; the test and baseline
 * averages; seconds by phase.
 */
public final class GlueEvaluator implements Evaluator {
    public static final String NAME = "brown-glue";
    /** The values of a measurement, in order. */
    public static final List<String> VALUES = List.of("pos", "genre", "same_doc", "glue_avg", "params", "seq_flops");

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /**
     * The data: Brown's words split by document ({@link BrownWords#split(long)}), the vocabulary of the
     * {@code vocabSize - 5} most frequent training words (its hash must match when given), the examples'
     * length and counts per part, the same for every task.
     */
    public record Data(int vocabSize, String vocabHash, long splitSeed, int seqLen, int trainExamples, int devExamples,
                       int testExamples) {
        public Data {
            if (vocabSize <= WordVocab.SPECIAL_TOKENS.size()) {
                throw new IllegalArgumentException("vocabSize must exceed the " + WordVocab.SPECIAL_TOKENS.size() + " special tokens, was " + vocabSize);
            }
            if (seqLen < 5) throw new IllegalArgumentException("seqLen must be >= 5 (a pair of one-word windows), was " + seqLen);
        }

        /** This vocabulary, split seed, length and sizes. */
        public static Data of(WordVocab vocab, long splitSeed, int seqLen, Sizes sizes) {
            return new Data(vocab.size(), vocab.hash(), splitSeed, seqLen, sizes.train(), sizes.dev(), sizes.test());
        }

        public Sizes sizes() {
            return new Sizes(trainExamples, devExamples, testExamples);
        }
    }

    /**
     * The masked-LM pre-training budget ({@link TrainConfig}'s fields, AdamW, betas 0.9 and 0.95) and
     * masking rate; {@code steps = 0}: no pre-training, fine-tuning starts from random initialisation.
     */
    public record Pretraining(int steps, int batchSize, int seqLen, float learningRate, float minLearningRate, int warmupSteps,
                              float weightDecay, float gradClipNorm, int evalInterval, int evalBatches, double maskingRate, long seed) {

        /** No pre-training: fine-tuning from random initialisation. */
        public static final Pretraining NONE = new Pretraining(0, 1, 1, 1e-3f, 1e-4f, 0, 0.1f, 1f, 0, 1, 0.15, 1);

        /** The default: 400 steps of 32 x 64 tokens, learning rate 1e-3 to 1e-4 after 40 warm-up steps, BERT's 15% masking. */
        public static final Pretraining DEFAULT = new Pretraining(400, 32, 64, 1e-3f, 1e-4f, 40, 0.1f, 1f, 100, 4, 0.15, 1);

        /** This pre-training's settings as a {@link TrainConfig}. */
        public TrainConfig trainConfig() {
            return TrainConfig.builder().steps(steps).batchSize(batchSize).seqLen(seqLen).learningRate(learningRate)
                    .minLearningRate(minLearningRate).warmupSteps(warmupSteps).weightDecay(weightDecay).gradClipNorm(gradClipNorm)
                    .evalInterval(evalInterval).evalBatches(evalBatches).seed(seed).build();
        }
    }

    /** The fine-tuning budget of each task ({@link TrainConfig}'s fields; the seed is the spec's). */
    public record Budget(int steps, int batchSize, float learningRate, float minLearningRate, int warmupSteps, float weightDecay,
                         float gradClipNorm, int evalInterval) {

        /** The budget of {@link FineTuning#defaults()}. */
        public static final Budget DEFAULT = of(FineTuning.defaults());

        public static Budget of(TrainConfig c) {
            return new Budget(c.steps(), c.batchSize(), c.learningRate(), c.minLearningRate(), c.warmupSteps(), c.weightDecay(),
                    c.gradClipNorm(), c.evalInterval());
        }

        public TrainConfig trainConfig(long seed, int seqLen) {
            return TrainConfig.builder().steps(steps).batchSize(batchSize).seqLen(seqLen).learningRate(learningRate)
                    .minLearningRate(minLearningRate).warmupSteps(warmupSteps).weightDecay(weightDecay).gradClipNorm(gradClipNorm)
                    .evalInterval(evalInterval).evalBatches(0).seed(seed).build();
        }
    }

    /**
     * What an evaluation depends on.
     *
     * @param data        the data and example counts
     * @param pretraining the pre-training budget and masking ({@link Pretraining#NONE}: none)
     * @param fineTuning  the fine-tuning budget of each task
     * @param seed        seeds the examples' draws and fine-tuning
     */
    public record Spec(Data data, Pretraining pretraining, Budget fineTuning, long seed) {
        public Spec {
            if (data == null || pretraining == null || fineTuning == null) {
                throw new IllegalArgumentException("a brown-glue spec needs data, pretraining and fineTuning");
            }
        }

        /** Brown's default vocabulary and split, {@link Sizes#DEFAULT}, the default budgets, seed 1. */
        public static Spec defaults(WordVocab vocab) {
            return new Spec(Data.of(vocab, WordSplit.DEFAULT_SEED, Glue.DEFAULT_SEQ_LEN, Sizes.DEFAULT), Pretraining.DEFAULT,
                    Budget.DEFAULT, 1);
        }

        public String toJson() {
            return GSON.toJson(this);
        }

        public static Spec fromJson(String json) {
            Spec s = GSON.fromJson(json, Spec.class);
            if (s == null) throw new IllegalArgumentException("an empty brown-glue spec");
            return s;
        }
    }

    /** A spec with its data loaded and its examples drawn. */
    private record Parsed(Spec spec, WordVocab vocab, String dataId, int[] trainWords, int[] devWords, List<TaskData> tasks) {}

    private final SpecCache<Parsed> specs = new SpecCache<>(GlueEvaluator::parse);

    private static Parsed parse(String json) {
        Spec spec = Spec.fromJson(json);
        Data d = spec.data();
        BrownWords brown = BrownWords.load();
        WordSplit split = brown.split(d.splitSeed());
        WordVocab vocab = brown.vocab(split, d.vocabSize() - WordVocab.SPECIAL_TOKENS.size());
        if (vocab.size() != d.vocabSize()) {
            throw new IllegalArgumentException("the training words give a vocabulary of " + vocab.size() + ", not " + d.vocabSize());
        }
        if (d.vocabHash() != null && !d.vocabHash().equals(vocab.hash())) {
            throw new IllegalArgumentException("the vocabulary of split " + d.splitSeed() + " has hash " + vocab.hash() + ", the spec names "
                    + d.vocabHash());
        }
        String dataId = "brown-words vocab=" + vocab.hash() + " split=" + d.splitSeed();
        int[] train = spec.pretraining().steps() > 0 ? stream(split.train(), vocab) : new int[0];
        int[] dev = spec.pretraining().steps() > 0 ? stream(split.dev(), vocab) : new int[0];
        return new Parsed(spec, vocab, dataId, train, dev, Glue.data(split, vocab, d.sizes(), d.seqLen(), spec.seed()));
    }

    /** The word ids of these documents, sentences in order, concatenated. */
    static int[] stream(List<TaggedDocument> documents, WordVocab vocab) {
        int n = 0;
        for (TaggedDocument doc : documents) n += doc.tokens();
        int[] out = new int[n];
        int at = 0;
        for (TaggedDocument doc : documents) {
            for (TaggedSentence s : doc.sentences()) {
                int[] ids = vocab.encode(s);
                System.arraycopy(ids, 0, out, at, ids.length);
                at += ids.length;
            }
        }
        return out;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Measurement evaluate(String candidateJson, String specJson, ProgressListener progress) {
        return evaluate(EncoderConfig.fromJson(candidateJson), null, specJson, progress);
    }

    /**
     * The measurement of any encoder architecture (a searched one too): pre-trained from {@code start}'s
     * weights when given (null: from random initialisation), then fine-tuned on every task.
     *
     * @throws IllegalArgumentException when the architecture's vocabulary or length does not fit the spec
     */
    public Measurement evaluate(EncoderArch arch, MlmTrainer.Start start, String specJson, ProgressListener progress) {
        long begin = System.nanoTime();
        Parsed p = specs.get(specJson);
        Spec spec = p.spec();
        EncoderConfig config = arch.shape();
        if (config.vocabSize() != p.vocab().size()) {
            throw new IllegalArgumentException("the candidate's vocabulary is " + config.vocabSize() + ", the data's " + p.vocab().size());
        }
        int longest = Math.max(spec.data().seqLen(), spec.pretraining().steps() > 0 ? spec.pretraining().seqLen() : 0);
        if (config.maxLength() < longest) {
            throw new IllegalArgumentException("the candidate's maxLength " + config.maxLength() + " is below the sequences' " + longest);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<TaskResult> results = new ArrayList<>();
        Encoder pretrained = null;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            try {
                if (spec.pretraining().steps() > 0) {
                    long t0 = System.nanoTime();
                    MlmTrainer.Special special = new MlmTrainer.Special(WordVocab.CLS_ID, WordVocab.SEP_ID,
                            new MlmMasking(spec.pretraining().maskingRate(), WordVocab.MASK_ID, WordVocab.SPECIAL_TOKENS.size(), p.vocab().size()));
                    MlmTrainer.Pretrained pt = MlmTrainer.pretrained(arch, p.dataId(), p.trainWords(), p.devWords(), special,
                            spec.pretraining().trainConfig(), start, progress, manager);
                    pretrained = pt.encoder();
                    Map<String, Object> pre = new LinkedHashMap<>();
                    pre.put("key", pt.key());
                    pre.put("cached", pt.cached());
                    pre.put("steps", pt.result().steps());
                    pre.put("valid_loss", pt.result().validLoss());
                    pre.put("valid_accuracy", pt.result().validAccuracy());
                    pre.put("train_seconds", pt.result().seconds());
                    details.put("pretraining", pre);
                    seconds.put("pretraining", (System.nanoTime() - t0) / 1e9);
                }
                details.put("pretrained", pretrained != null);
                for (TaskData d : p.tasks()) {
                    TaskResult r = FineTuning.run(d.task(), arch, pretrained, d, spec.fineTuning().trainConfig(spec.seed(), d.seqLen()), progress);
                    results.add(r);
                    seconds.put(d.task().key(), r.seconds());
                }
            } finally {
                if (pretrained != null) {
                    for (var param : pretrained.getParameters()) {
                        if (param.getValue().isInitialized()) param.getValue().getArray().close();
                    }
                }
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Object> tasks = new LinkedHashMap<>();
        double testSum = 0, baseSum = 0;
        for (TaskResult r : results) {
            String key = Tasks.get(r.name()).key();
            values.put(key, r.dev());
            testSum += r.test();
            baseSum += r.baselineDev();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("metric", r.metric());
            t.put("dev", r.devScores());
            t.put("test", r.testScores());
            t.put("baseline", r.baseline().description());
            t.put("baseline_dev", r.baseline().dev());
            t.put("baseline_test", r.baseline().test());
            t.put("steps", r.steps());
            t.put("params", r.params());
            t.put("curve", r.curve());
            tasks.put(key, t);
        }
        values.put("glue_avg", Glue.average(results));
        values.put("params", (double) arch.totalParams());
        values.put("seq_flops", Glue.flops(arch, spec.data().seqLen()));
        details.put("scores_on", "dev");
        details.put("test_avg", testSum / results.size());
        details.put("baseline_avg", baseSum / results.size());
        details.put("tasks", tasks);
        details.put("seconds", seconds);
        return Measurement.complete(values, GSON.toJson(details), (System.nanoTime() - begin) / 1e9);
    }
}
