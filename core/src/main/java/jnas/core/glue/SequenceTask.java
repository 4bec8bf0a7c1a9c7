package jnas.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.TaggedDocument;
import jnas.core.util.Rng;

/** What the sequence tasks share: one label per example, scoring, the majority-class baseline, windows. */
abstract class SequenceTask implements GlueTask {

    @Override
    public int[][] baselinePredictions(List<Example> train, List<Example> examples) {
        int[] counts = new int[classes()];
        for (Example e : train) counts[e.label()]++;
        int majority = 0;
        for (int c = 1; c < counts.length; c++) if (counts[c] > counts[majority]) majority = c;   // ties: the lowest class
        int[][] out = new int[examples.size()][];
        for (int i = 0; i < out.length; i++) out[i] = new int[] {majority};
        return out;
    }

    @Override
    public String baselineDescription() {
        return "the majority class of train";
    }

    @Override
    public Map<String, Double> score(List<Example> examples, int[][] predicted) {
        if (predicted.length != examples.size()) {
            throw new IllegalArgumentException(predicted.length + " prediction rows for " + examples.size() + " examples");
        }
        int[] gold = new int[examples.size()], pred = new int[examples.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = examples.get(i).label();
            pred[i] = predicted[i][0];
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : metrics()) {
            out.put(m, switch (m) {
                case "accuracy" -> Metrics.accuracy(gold, pred);
                case "macro_f1" -> Metrics.macroF1(gold, pred, classes());
                default -> throw new IllegalStateException("unknown metric " + m);
            });
        }
        return out;
    }

    /**
     * The starts of consecutive, non-overlapping windows of {@code width} words in a document of
     * {@code words} words: the first at an offset drawn from {@code rng} in {@code [0, min(width, words - width + 1))},
     * then every {@code width} words while a whole window fits. None when the document is shorter than a window.
     */
    static List<Integer> windows(int words, int width, Rng rng) {
        List<Integer> starts = new ArrayList<>();
        if (words < width) return starts;
        int offset = rng.nextInt(Math.min(width, words - width + 1));
        for (int s = offset; s + width <= words; s += width) starts.add(s);
        return starts;
    }

    /** Each document's words, in the order given. */
    static List<List<String>> words(List<TaggedDocument> documents) {
        List<List<String>> out = new ArrayList<>(documents.size());
        for (TaggedDocument d : documents) out.add(d.words());
        return out;
    }
}
