package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jnas.core.data.BrownWords;
import jnas.core.data.TaggedDocument;
import jnas.core.data.TaggedSentence;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;

/** How the three tasks' examples are built from Brown's split: labels, token types, windows, parts, seeds. */
class GlueExamplesTest {
    static final Sizes SIZES = new Sizes(300, 100, 100);
    static BrownWords brown;
    static WordSplit split;
    static WordVocab vocab;
    static Map<String, TaggedDocument> byId = new HashMap<>();
    static List<TaskData> data;

    @BeforeAll
    static void load() {
        brown = BrownWords.load();
        split = brown.split();
        vocab = brown.vocab();
        for (TaggedDocument d : brown.documents()) byId.put(d.id(), d);
        data = Glue.data(split, vocab, SIZES, 64, 7);
    }

    @Test
    void genreClassesAreBrownsGenres() {
        assertEquals(brown.genres(), Tasks.GENRE.labels());
        assertEquals(15, Tasks.GENRE.classes());
        assertEquals(12, Tasks.POS.classes());
        assertEquals(List.of("pos", "genre", "same-doc"), Tasks.all().stream().map(GlueTask::name).toList());
        assertEquals(Tasks.SAME_DOC, Tasks.get("same_doc"));
    }

    @Test
    void posExamplesAreTaggedSentences() {
        TaskData pos = data.get(0);
        assertEquals(List.of(300, 100, 100), List.of(pos.train().size(), pos.dev().size(), pos.test().size()));
        int truncated = 0;
        for (Example e : pos.train()) {
            TaggedDocument d = byId.get(e.documents().get(0));
            int start = e.starts().get(0);
            TaggedSentence s = sentenceAt(d, start);
            int n = e.length() - 2;
            assertEquals(Math.min(s.size(), 62), n);
            if (s.size() > 62) truncated++;
            assertEquals(s.words().subList(0, n), e.words());
            assertEquals(WordVocab.CLS_ID, e.ids()[0]);
            assertEquals(WordVocab.SEP_ID, e.ids()[n + 1]);
            assertEquals(Example.IGNORE, e.tags()[0]);
            assertEquals(Example.IGNORE, e.tags()[n + 1]);
            for (int j = 0; j < n; j++) {
                assertEquals(vocab.id(s.words().get(j)), e.ids()[j + 1]);
                assertEquals(s.universal().get(j).ordinal(), e.tags()[j + 1]);
            }
            assertArrayEquals(new int[e.length()], e.types());
            assertEquals(Example.IGNORE, e.label());
        }
        assertTrue(truncated < 10, truncated + " long sentences");
        // no sentence twice
        Set<String> seen = new HashSet<>();
        for (Example e : pos.train()) assertTrue(seen.add(e.documents().get(0) + "@" + e.starts().get(0)));
    }

    @Test
    void genreExamplesAreWindowsOfOneDocument() {
        TaskData genre = data.get(1);
        Set<String> seen = new HashSet<>();
        Set<Integer> classes = new HashSet<>();
        for (Example e : genre.train()) {
            assertEquals(64, e.length());
            assertEquals(1, e.documents().size());
            TaggedDocument d = byId.get(e.documents().get(0));
            int start = e.starts().get(0);
            List<String> words = d.words().subList(start, start + 62);
            assertEquals(words, e.words(), "62 contiguous words of one document");
            assertEquals(WordVocab.CLS_ID, e.ids()[0]);
            assertEquals(WordVocab.SEP_ID, e.ids()[63]);
            for (int j = 0; j < 62; j++) assertEquals(vocab.id(words.get(j)), e.ids()[j + 1]);
            assertEquals(Tasks.GENRE.labels().indexOf(d.genre()), e.label());
            assertArrayEquals(new int[64], e.types());
            assertTrue(e.tags() == null);
            assertTrue(seen.add(d.id() + "@" + start), "no window twice");
            classes.add(e.label());
        }
        assertEquals(15, classes.size(), "300 windows cover every genre");
    }

    @Test
    void sameDocPairsAreBalancedWithTokenTypes() {
        TaskData pairs = data.get(2);
        int w = SameDocTask.width(64);
        assertEquals(30, w);
        for (String part : WordSplit.PARTS) {
            int same = 0;
            for (Example e : pairs.part(part)) {
                assertEquals(2 * w + 3, e.length());
                assertEquals(WordVocab.CLS_ID, e.ids()[0]);
                assertEquals(WordVocab.SEP_ID, e.ids()[w + 1]);
                assertEquals(WordVocab.SEP_ID, e.ids()[2 * w + 2]);
                for (int j = 0; j < e.length(); j++) assertEquals(j <= w + 1 ? 0 : 1, e.types()[j], "type at " + j);
                TaggedDocument a = byId.get(e.documents().get(0)), b = byId.get(e.documents().get(1));
                int sa = e.starts().get(0), sb = e.starts().get(1);
                assertEquals(a.words().subList(sa, sa + w), e.words().subList(0, w));
                assertEquals(b.words().subList(sb, sb + w), e.words().subList(w, 2 * w));
                for (int j = 0; j < w; j++) {
                    assertEquals(vocab.id(e.words().get(j)), e.ids()[1 + j]);
                    assertEquals(vocab.id(e.words().get(w + j)), e.ids()[w + 2 + j]);
                }
                assertEquals(a.genre(), b.genre(), "different-document pairs share the genre");
                assertEquals(a.id().equals(b.id()) ? 1 : 0, e.label());
                if (e.label() == 1) {
                    same++;
                    assertTrue(Math.abs(sa - sb) >= w, "two windows of one document do not overlap");
                }
            }
            assertEquals(pairs.part(part).size() / 2, same, part + " is balanced");
        }
        // the labels are shuffled, not in blocks
        List<Example> dev = pairs.dev();
        assertTrue(dev.subList(0, 50).stream().anyMatch(e -> e.label() == 0) && dev.subList(0, 50).stream().anyMatch(e -> e.label() == 1));
    }

    @Test
    void eachPartDrawsFromItsOwnDocuments() {
        for (TaskData d : data) {
            for (String part : WordSplit.PARTS) {
                Set<String> ids = new HashSet<>();
                for (TaggedDocument doc : split.part(part)) ids.add(doc.id());
                for (Example e : d.part(part)) {
                    assertTrue(ids.containsAll(e.documents()), d.task().name() + " " + part + " example from " + e.documents());
                }
            }
        }
    }

    @Test
    void theSeedDecidesTheExamples() {
        List<TaskData> again = Glue.data(split, vocab, SIZES, 64, 7);
        List<TaskData> other = Glue.data(split, vocab, SIZES, 64, 8);
        for (int t = 0; t < 3; t++) {
            for (String part : WordSplit.PARTS) {
                assertEquals(data.get(t).part(part), again.get(t).part(part), "same seed, same " + part + " examples");
                assertNotEquals(data.get(t).part(part), other.get(t).part(part), "another seed, other examples");
            }
        }
        // a part does not depend on the others' sizes
        TaskData bigger = Tasks.GENRE.data(split, vocab, new Sizes(500, 100, 100), 64, 7);
        assertEquals(data.get(1).dev(), bigger.dev());
        assertEquals(data.get(1).train(), bigger.train().subList(0, 300));
    }

    @Test
    void shorterSequencesTruncateSentencesAndShrinkWindows() {
        TaskData pos = Tasks.POS.data(split, vocab, new Sizes(200, 10, 10), 8, 3);
        assertTrue(pos.train().stream().allMatch(e -> e.length() <= 8));
        assertTrue(pos.train().stream().anyMatch(e -> e.length() == 8));
        TaskData pairs = Tasks.SAME_DOC.data(split, vocab, new Sizes(10, 10, 10), 16, 3);
        assertTrue(pairs.train().stream().allMatch(e -> e.length() == 2 * 6 + 3));
    }

    private static TaggedSentence sentenceAt(TaggedDocument d, int start) {
        int at = 0;
        for (TaggedSentence s : d.sentences()) {
            if (at == start && s.size() > 0) return s;
            at += s.size();
        }
        throw new AssertionError("no sentence starts at word " + start + " of " + d.id());
    }
}
