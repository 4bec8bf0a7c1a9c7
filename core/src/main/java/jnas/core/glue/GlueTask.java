package jnas.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.TaggedDocument;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

/**
 * A downstream task of the miniature GLUE: how its examples are drawn from documents, how predictions
 * are scored, and its trivial baseline. The three tasks are in {@link Tasks}.
 *
 * <p>Predictions have one row per example: for a {@link Kind#TOKEN} task the predicted class at every
 * position (read at the positions with a tag only), for the other kinds one entry, the predicted class.
 */
public interface GlueTask {

    /** What the head classifies. */
    enum Kind {
        /** Every word position (a linear head on the hidden states). */
        TOKEN("token classification"),
        /** One sequence (a linear head on the pooled [CLS] state). */
        SEQUENCE("sequence classification"),
        /** Two segments joined with token types 0 and 1 (a linear head on the pooled [CLS] state). */
        PAIR("sentence-pair classification");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** The name: {@code pos}, {@code genre}, {@code same-doc}. */
    String name();

    /** The name as a key in measurements and tables: {@code -} becomes {@code _}. */
    default String key() {
        return name().replace('-', '_');
    }

    Kind kind();

    /** The headline metric, the first of {@link #metrics()}. */
    default String metric() {
        return metrics().get(0);
    }

    /** Every metric {@link #score} reports, the headline first. */
    List<String> metrics();

    /** The class names, in class-index order. */
    List<String> labels();

    default int classes() {
        return labels().size();
    }

    /**
     * Draws up to {@code count} examples of at most {@code seqLen} positions from {@code documents}
     * (one part of a split), with draws from {@code rng} only.
     *
     * @throws IllegalArgumentException when the documents cannot give a single example
     */
    List<Example> examples(List<TaggedDocument> documents, WordVocab vocab, int count, int seqLen, Rng rng);

    /**
     * The task's data: each part's examples from that part's documents only, drawn with a generator seeded
     * by {@code seed}, the task's name and the part ({@link #seed(long, String, String)}), so a part does not
     * depend on the sizes of the others.
     */
    default TaskData data(WordSplit split, WordVocab vocab, Sizes sizes, int seqLen, long seed) {
        Map<String, List<Example>> parts = new LinkedHashMap<>();
        for (String p : WordSplit.PARTS) {
            parts.put(p, examples(split.part(p), vocab, sizes.part(p), seqLen, new Rng(seed(seed, name(), p))));
        }
        return new TaskData(this, seqLen, seed, parts.get("train"), parts.get("dev"), parts.get("test"));
    }

    /**
     * The trivial baseline's predictions for {@code examples}, fitted on {@code train} (the task's training
     * examples, as the model sees them).
     */
    int[][] baselinePredictions(List<Example> train, List<Example> examples);

    /** What the baseline predicts, in words. */
    String baselineDescription();

    /** The baseline fitted on the training examples, scored on dev and test. */
    default Baseline baseline(TaskData data) {
        return new Baseline(baselineDescription(), score(data.dev(), baselinePredictions(data.train(), data.dev())),
                score(data.test(), baselinePredictions(data.train(), data.test())));
    }

    /**
     * The metrics of predictions (one row per example, see the interface notes), in the order of
     * {@link #metrics()}.
     *
     * @throws IllegalArgumentException when there is not one row per example
     */
    Map<String, Double> score(List<Example> examples, int[][] predicted);

    /** The seed of one part's generator: a mix of the data seed, the task's name and the part's name. */
    static long seed(long seed, String task, String part) {
        return seed * 0x9E3779B97F4A7C15L + (task + "/" + part).hashCode();
    }

    /** Fisher–Yates with draws from {@code rng}. */
    static <T> void shuffle(List<T> items, Rng rng) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
    }

    /** The first {@code count} of the items, shuffled by {@code rng} (all of them when there are fewer). */
    static <T> List<T> draw(List<T> items, int count, Rng rng) {
        List<T> copy = new ArrayList<>(items);
        shuffle(copy, rng);
        return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
    }
}
