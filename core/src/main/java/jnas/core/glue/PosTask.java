package jnas.core.glue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.TaggedDocument;
import jnas.core.data.TaggedSentence;
import jnas.core.data.UniversalTag;
import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

/**
 * Part-of-speech tagging into the 12 universal tags ({@link UniversalTag}, classes in enum order), a token
 * classification task; its metric is the accuracy over the word positions.
 *
 * <p><b>Examples.</b> One sentence per sequence, {@code [CLS] words [SEP]}, the words truncated to
 * {@code seqLen - 2}; tags at the word positions, {@link Example#IGNORE} at {@code [CLS]}, {@code [SEP]}
 * (and at padding, in batches). The part's non-empty sentences (documents in the order given, sentences in
 * order) are shuffled with the part's generator and the first {@code count} taken, so no sentence repeats.
 *
 * <p><b>Baseline.</b> Each word's most frequent tag in the training examples (words lower-cased, as the
 * vocabulary keys them; ties to the tag first in enum order); a word not seen there gets the most
 * frequent tag of all training positions.
 */
public final class PosTask implements GlueTask {
    public static final String NAME = "pos";

    private static final List<String> LABELS = Arrays.stream(UniversalTag.values()).map(UniversalTag::symbol).toList();

    PosTask() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Kind kind() {
        return Kind.TOKEN;
    }

    @Override
    public List<String> metrics() {
        return List.of("accuracy");
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    private record Candidate(String document, TaggedSentence sentence, int start) {}

    @Override
    public List<Example> examples(List<TaggedDocument> documents, WordVocab vocab, int count, int seqLen, Rng rng) {
        if (seqLen < 3) throw new IllegalArgumentException("pos needs seqLen >= 3 ([CLS] a word [SEP]), was " + seqLen);
        List<Candidate> candidates = new ArrayList<>();
        for (TaggedDocument d : documents) {
            int at = 0;
            for (TaggedSentence s : d.sentences()) {
                if (s.size() > 0) candidates.add(new Candidate(d.id(), s, at));
                at += s.size();
            }
        }
        if (candidates.isEmpty()) throw new IllegalArgumentException("pos: the " + documents.size() + " documents have no sentences");
        List<Example> out = new ArrayList<>();
        for (Candidate c : GlueTask.draw(candidates, count, rng)) out.add(example(c, vocab, seqLen));
        return List.copyOf(out);
    }

    private static Example example(Candidate c, WordVocab vocab, int seqLen) {
        int n = Math.min(c.sentence().size(), seqLen - 2);
        List<String> words = c.sentence().words().subList(0, n);
        int[] ids = new int[n + 2], tags = new int[n + 2];
        ids[0] = WordVocab.CLS_ID;
        ids[n + 1] = WordVocab.SEP_ID;
        tags[0] = Example.IGNORE;
        tags[n + 1] = Example.IGNORE;
        int[] encoded = vocab.encode(words);
        for (int i = 0; i < n; i++) {
            ids[i + 1] = encoded[i];
            tags[i + 1] = c.sentence().universal().get(i).ordinal();
        }
        return new Example(ids, new int[n + 2], tags, Example.IGNORE, words, List.of(c.document()), List.of(c.start()));
    }

    @Override
    public String baselineDescription() {
        return "each word's most frequent tag in train (unseen words: the most frequent tag)";
    }

    @Override
    public int[][] baselinePredictions(List<Example> train, List<Example> examples) {
        int classes = classes();
        Map<String, int[]> byWord = new HashMap<>();
        int[] overall = new int[classes];
        for (Example e : train) {
            int w = 0;
            for (int tag : e.tags()) {
                if (tag == Example.IGNORE) continue;
                byWord.computeIfAbsent(WordVocab.normalize(e.words().get(w++)), k -> new int[classes])[tag]++;
                overall[tag]++;
            }
        }
        int fallback = argMax(overall);
        Map<String, Integer> best = new HashMap<>();
        for (Map.Entry<String, int[]> x : byWord.entrySet()) best.put(x.getKey(), argMax(x.getValue()));
        int[][] out = new int[examples.size()][];
        for (int i = 0; i < out.length; i++) {
            Example e = examples.get(i);
            int[] row = new int[e.length()];
            int w = 0;
            for (int j = 0; j < row.length; j++) {
                row[j] = e.tags()[j] == Example.IGNORE ? Example.IGNORE
                        : best.getOrDefault(WordVocab.normalize(e.words().get(w++)), fallback);
            }
            out[i] = row;
        }
        return out;
    }

    @Override
    public Map<String, Double> score(List<Example> examples, int[][] predicted) {
        if (predicted.length != examples.size()) {
            throw new IllegalArgumentException(predicted.length + " prediction rows for " + examples.size() + " examples");
        }
        int n = 0;
        for (Example e : examples) n += e.tagged();
        int[] gold = new int[n], pred = new int[n];
        int k = 0;
        for (int i = 0; i < predicted.length; i++) {
            int[] tags = examples.get(i).tags();
            if (predicted[i].length != tags.length) {
                throw new IllegalArgumentException("example " + i + ": " + predicted[i].length + " predictions for " + tags.length + " positions");
            }
            for (int j = 0; j < tags.length; j++) {
                if (tags[j] == Example.IGNORE) continue;
                gold[k] = tags[j];
                pred[k++] = predicted[i][j];
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", Metrics.accuracy(gold, pred));
        return out;
    }

    private static int argMax(int[] counts) {
        int best = 0;
        for (int c = 1; c < counts.length; c++) if (counts[c] > counts[best]) best = c;
        return best;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
