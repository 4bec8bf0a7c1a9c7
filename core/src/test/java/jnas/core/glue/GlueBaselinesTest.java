package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.data.TaggedDocument;
import jnas.core.data.TaggedSentence;
import jnas.core.data.UniversalTag;
import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

import static jnas.core.data.UniversalTag.ADV;
import static jnas.core.data.UniversalTag.DET;
import static jnas.core.data.UniversalTag.NOUN;
import static jnas.core.data.UniversalTag.VERB;

/** The baselines and metrics on a hand-made mini corpus, with the expected values worked out by hand. */
class GlueBaselinesTest {

    static TaggedSentence s(List<String> words, UniversalTag... tags) {
        List<String> brown = new ArrayList<>();
        for (int i = 0; i < tags.length; i++) brown.add("x");
        return new TaggedSentence(words, brown, List.of(tags));
    }

    static final TaggedDocument TRAIN = new TaggedDocument("t1", "a", List.of(
            s(List.of("The", "dog", "runs"), DET, NOUN, VERB),
            s(List.of("the", "run", "ends"), DET, NOUN, VERB),
            s(List.of("dogs", "run"), NOUN, VERB),
            s(List.of("a", "cat"), DET, NOUN)));
    static final TaggedDocument DEV = new TaggedDocument("d1", "a", List.of(
            s(List.of("The", "cat", "run", "fast"), DET, NOUN, NOUN, ADV),
            s(List.of("Dogs", "end"), NOUN, VERB)));

    @Test
    void posBaselineIsEachWordsMostFrequentTag() {
        WordVocab vocab = WordVocab.fit(List.of(TRAIN), 100);
        for (int seqLen : new int[] {16, 4}) {
            List<Example> train = Tasks.POS.examples(List.of(TRAIN), vocab, 100, seqLen, new Rng(1));
            List<Example> dev = Tasks.POS.examples(List.of(DEV), vocab, 100, seqLen, new Rng(2));
            assertEquals(4, train.size());
            assertEquals(2, dev.size());
            TaskData data = new TaskData(Tasks.POS, seqLen, 1, train, dev, dev);
            Baseline b = data.baseline();
            // the->DET, cat->NOUN right; run->VERB (tie NOUN/VERB goes to VERB, first in enum order) wrong;
            // fast, end unseen -> NOUN (4 of 10 training tags) wrong for fast, wrong for end; dogs (lower-cased) -> NOUN right
            // seqLen 4 keeps 2 words per sentence: the, cat; dogs right, end wrong
            double expected = seqLen == 16 ? 3 / 6.0 : 3 / 4.0;
            assertEquals(expected, b.devScore(), 1e-12, "seqLen " + seqLen);
            assertEquals(List.of("accuracy"), List.copyOf(b.dev().keySet()));
            int[][] predicted = Tasks.POS.baselinePredictions(train, dev);
            Example first = dev.stream().filter(e -> e.words().get(0).equals("The")).findFirst().orElseThrow();
            int[] row = predicted[dev.indexOf(first)];
            assertEquals(Example.IGNORE, row[0]);
            assertEquals(DET.ordinal(), row[1]);
            assertEquals(NOUN.ordinal(), row[2]);
            if (seqLen == 16) {
                assertEquals(VERB.ordinal(), row[3]);
                assertEquals(NOUN.ordinal(), row[4]);
                assertEquals(Example.IGNORE, row[5]);
            }
        }
    }

    static Example one(int label) {
        return new Example(new int[] {WordVocab.CLS_ID, 5, WordVocab.SEP_ID}, new int[3], null, label, List.of("w"), List.of("x"), List.of(0));
    }

    static List<Example> labelled(int... labels) {
        List<Example> out = new ArrayList<>();
        for (int l : labels) out.add(one(l));
        return out;
    }

    @Test
    void genreBaselineIsTheMajorityClass() {
        GenreTask task = new GenreTask(List.of("a", "b", "c"));
        TaskData data = new TaskData(task, 3, 1, labelled(0, 0, 1, 2, 2, 2), labelled(2, 1, 2, 0), labelled(1, 1));
        Baseline b = data.baseline();
        assertEquals(0.5, b.devScore(), 1e-12);
        // class 2: 2 TP, 2 FP -> F1 4/6; classes 0 and 1: no TP -> 0; macro over the three present
        assertEquals((4 / 6.0) / 3, b.dev().get("macro_f1"), 1e-12);
        assertEquals(0.0, b.testScore(), 1e-12);
        assertEquals(0.0, b.test().get("macro_f1"), 1e-12);
        // ties go to the lowest class
        TaskData tie = new TaskData(task, 3, 1, labelled(1, 2), labelled(1, 2, 2), labelled(1));
        assertEquals(1 / 3.0, tie.baseline().devScore(), 1e-12);
    }

    @Test
    void metricsByHand() {
        assertEquals(0.75, Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}), 1e-12);
        // class 0: TP 1, FP 1 -> 2/3; class 1: TP 1 -> 1; class 2: TP 1, FN 1 -> 2/3
        assertEquals((2 / 3.0 + 1 + 2 / 3.0) / 3, Metrics.macroF1(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}, 4), 1e-12);
        assertEquals(1.0, Metrics.macroF1(new int[] {3, 3}, new int[] {3, 3}, 4), 1e-12, "absent classes do not count");
        assertTrue(Double.isNaN(Metrics.accuracy(new int[0], new int[0])));
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[1], new int[2]));
    }

    static TaggedDocument doc(String id, String genre, int words) {
        List<String> w = new ArrayList<>();
        List<UniversalTag> t = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            w.add(id + "w" + i);
            t.add(NOUN);
        }
        return new TaggedDocument(id, genre, List.of(s(w, t.toArray(new UniversalTag[0]))));
    }

    @Test
    void sameDocBaselineIsOneHalfAndOnlyGenresWithTwoDocumentsTakePart() {
        List<TaggedDocument> docs = List.of(doc("a1", "a", 40), doc("a2", "a", 40), doc("a3", "a", 40), doc("b1", "b", 40),
                doc("c1", "c", 40), doc("c2", "c", 8));   // b1 alone in b; c2 shorter than two windows
        WordVocab vocab = WordVocab.fitWords(List.of("x"), 1);
        List<Example> train = Tasks.SAME_DOC.examples(docs, vocab, 10, 13, new Rng(1));
        List<Example> dev = Tasks.SAME_DOC.examples(docs, vocab, 20, 13, new Rng(2));
        assertEquals(5, train.stream().filter(e -> e.label() == 1).count());
        assertEquals(10, dev.stream().filter(e -> e.label() == 1).count());
        for (Example e : dev) {
            assertEquals(13, e.length());
            for (String d : e.documents()) assertTrue(d.startsWith("a"), "only genre a has two documents of two windows: " + d);
            assertEquals(e.documents().get(0).equals(e.documents().get(1)) ? 1 : 0, e.label());
            // a word of each window names its document
            assertTrue(e.words().get(0).startsWith(e.documents().get(0) + "w") && e.words().get(5).startsWith(e.documents().get(1) + "w"));
        }
        Baseline b = new TaskData(Tasks.SAME_DOC, 13, 1, train, dev, dev).baseline();
        assertEquals(0.5, b.devScore(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Tasks.SAME_DOC.examples(List.of(doc("b1", "b", 40)), vocab, 4, 13, new Rng(1)));
    }
}
