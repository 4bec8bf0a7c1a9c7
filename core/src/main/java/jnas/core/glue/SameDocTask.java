package jnas.core.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jnas.core.data.TaggedDocument;
import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

/**
 * Whether two windows come from the same document: a sentence-pair task like GLUE's MRPC and QQP, classes
 * {@code different} (0) and {@code same} (1); metric accuracy.
 *
 * <p><b>Examples.</b> {@code [CLS] a [SEP] b [SEP]} with token types 0 for {@code [CLS]}, a and its
 * {@code [SEP]}, 1 for b and its {@code [SEP]}; a and b have {@code (seqLen - 3) / 2} words each (30 at the
 * default length 64, 63 positions). Each document of the part is cut into non-overlapping windows as in
 * {@link GenreTask}. Only documents with at least two windows, of genres with at least two such documents
 * in the part, take part, so that same and different pairs come from the same genres and the genre alone
 * tells nothing. The first {@code count / 2} examples are same-document pairs, the rest different-document
 * pairs (balanced; one more different pair for an odd count), then all are shuffled. A same pair: a
 * document drawn uniformly, two distinct windows of it. A different pair: a document drawn uniformly, one
 * of its windows, another document of the same genre drawn uniformly, one of its windows. Pairs are drawn
 * with replacement, so the count asked for is always met.
 *
 * <p><b>Baseline.</b> The majority class of the training examples (ties to {@code different}): 0.5 on
 * balanced dev and test of even size.
 */
public final class SameDocTask extends SequenceTask {
    public static final String NAME = "same-doc";

    SameDocTask() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Kind kind() {
        return Kind.PAIR;
    }

    @Override
    public List<String> metrics() {
        return List.of("accuracy");
    }

    @Override
    public List<String> labels() {
        return List.of("different", "same");
    }

    /** The window width of each segment at this sequence length. */
    public static int width(int seqLen) {
        return (seqLen - 3) / 2;
    }

    private record Doc(TaggedDocument document, List<String> words, List<Integer> starts) {}

    @Override
    public List<Example> examples(List<TaggedDocument> documents, WordVocab vocab, int count, int seqLen, Rng rng) {
        int width = width(seqLen);
        if (width < 1) throw new IllegalArgumentException("same-doc needs seqLen >= 5, was " + seqLen);
        Map<String, List<Doc>> byGenre = new TreeMap<>();
        for (TaggedDocument d : documents) {
            List<String> words = d.words();
            List<Integer> starts = windows(words.size(), width, rng);
            if (starts.size() >= 2) byGenre.computeIfAbsent(d.genre(), g -> new ArrayList<>()).add(new Doc(d, words, starts));
        }
        List<Doc> eligible = new ArrayList<>();
        Map<String, List<Doc>> genres = new TreeMap<>();
        for (Map.Entry<String, List<Doc>> e : byGenre.entrySet()) {
            if (e.getValue().size() < 2) continue;
            genres.put(e.getKey(), e.getValue());
            eligible.addAll(e.getValue());
        }
        if (eligible.isEmpty()) {
            throw new IllegalArgumentException("same-doc: no genre among the " + documents.size() + " documents has two documents of at least "
                    + 2 * width + " words");
        }
        int same = count / 2;
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Doc first = rng.pick(eligible);
            int ia = rng.nextInt(first.starts().size());
            Doc second;
            int b;
            if (i < same) {
                second = first;
                int j = rng.nextInt(first.starts().size() - 1);
                b = first.starts().get(j >= ia ? j + 1 : j);
            } else {
                List<Doc> peers = genres.get(first.document().genre());
                int self = peers.indexOf(first);
                int j = rng.nextInt(peers.size() - 1);
                second = peers.get(j >= self ? j + 1 : j);
                b = rng.pick(second.starts());
            }
            out.add(example(first, first.starts().get(ia), second, b, width, i < same ? 1 : 0, vocab));
        }
        GlueTask.shuffle(out, rng);
        return List.copyOf(out);
    }

    private static Example example(Doc a, int sa, Doc b, int sb, int width, int label, WordVocab vocab) {
        List<String> wa = a.words().subList(sa, sa + width), wb = b.words().subList(sb, sb + width);
        int n = 2 * width + 3;
        int[] ids = new int[n], types = new int[n];
        ids[0] = WordVocab.CLS_ID;
        System.arraycopy(vocab.encode(wa), 0, ids, 1, width);
        ids[width + 1] = WordVocab.SEP_ID;
        System.arraycopy(vocab.encode(wb), 0, ids, width + 2, width);
        ids[n - 1] = WordVocab.SEP_ID;
        for (int j = width + 2; j < n; j++) types[j] = 1;
        List<String> words = new ArrayList<>(wa);
        words.addAll(wb);
        return new Example(ids, types, null, label, words, List.of(a.document().id(), b.document().id()), List.of(sa, sb));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
