package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The split rule on made-up documents (Brown's split is in BrownWordsTest). */
class WordSplitTest {

    static TaggedDocument doc(String id, String genre, int tokens) {
        List<String> words = Collections.nCopies(tokens, "w");
        List<String> tags = Collections.nCopies(tokens, "nn");
        return new TaggedDocument(id, genre, List.of(TaggedSentence.of(words, tags)));
    }

    static List<TaggedDocument> docs() {
        List<TaggedDocument> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) docs.add(doc(String.format("ca%02d", i), "news", 10 + i));
        for (int i = 0; i < 3; i++) docs.add(doc(String.format("cb%02d", i), "editorial", 5));
        for (int i = 0; i < 2; i++) docs.add(doc(String.format("cc%02d", i), "reviews", 7));
        return docs;
    }

    @Test
    void stratifiedDisjointAndComplete() {
        List<TaggedDocument> docs = docs();
        WordSplit s = WordSplit.of(docs, 0.1, 0.2, 7);
        Set<String> seen = new HashSet<>();
        for (List<TaggedDocument> part : s.parts().values()) {
            for (TaggedDocument d : part) assertTrue(seen.add(d.id()), d.id() + " is in two parts");
        }
        assertEquals(docs.size(), seen.size());
        // news: round(2.0) = 2 dev, round(4.0) = 4 test; editorial: 1 / 1 / 1; reviews (2 documents) all train
        assertEquals(2, s.dev().stream().filter(d -> d.genre().equals("news")).count());
        assertEquals(4, s.test().stream().filter(d -> d.genre().equals("news")).count());
        assertEquals(1, s.dev().stream().filter(d -> d.genre().equals("editorial")).count());
        assertEquals(1, s.test().stream().filter(d -> d.genre().equals("editorial")).count());
        assertEquals(2, s.train().stream().filter(d -> d.genre().equals("reviews")).count());
        assertEquals(14 + 1 + 2, s.train().size());
        // parts are ordered by id
        List<String> ids = s.train().stream().map(TaggedDocument::id).toList();
        assertEquals(ids.stream().sorted().toList(), ids);
    }

    @Test
    void deterministicBySeedWhateverTheInputOrder() {
        List<TaggedDocument> docs = docs();
        WordSplit a = WordSplit.of(docs, 0.2, 0.2, 42);
        List<TaggedDocument> shuffled = new ArrayList<>(docs);
        Collections.reverse(shuffled);
        WordSplit b = WordSplit.of(shuffled, 0.2, 0.2, 42);
        assertEquals(ids(a.dev()), ids(b.dev()));
        assertEquals(ids(a.test()), ids(b.test()));
        assertEquals(42, a.seed());
        boolean differs = false;
        for (long seed = 0; seed < 5 && !differs; seed++) {
            differs = !ids(WordSplit.of(docs, 0.2, 0.2, seed).dev()).equals(ids(a.dev()));
        }
        assertTrue(differs, "the seed does not change the split");
    }

    @Test
    void sizesTablePerGenreWithTotal() {
        WordSplit s = WordSplit.of(docs(), 0.1, 0.1, 1);
        Table t = s.sizes();
        assertEquals(List.of("editorial", "news", "reviews", "all"), t.stringColumn("genre").asList());
        assertEquals(List.of(1, 16, 2, 19), t.intColumn("train_documents").asList());
        assertEquals(List.of(1, 2, 0, 3), t.intColumn("dev_documents").asList());
        int all = t.rowCount() - 1;
        assertEquals(s.tokens("dev"), (long) t.intColumn("dev_tokens").get(all));
        assertEquals(s.sentences("test").size(), t.intColumn("test_sentences").get(all));
        int tokens = 0;
        for (String p : WordSplit.PARTS) tokens += t.intColumn(p + "_tokens").get(all);
        assertEquals(20 * 10 + 190 + 15 + 14, tokens);
    }

    @Test
    void refusesBadFractionsAndRepeatedIds() {
        List<TaggedDocument> docs = docs();
        assertThrows(IllegalArgumentException.class, () -> WordSplit.of(docs, 0, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> WordSplit.of(docs, 0.5, 0.5, 1));
        List<TaggedDocument> twice = new ArrayList<>(docs);
        twice.add(docs.get(0));
        assertThrows(IllegalArgumentException.class, () -> WordSplit.of(twice, 0.1, 0.1, 1));
        WordSplit s = WordSplit.of(docs, 0.1, 0.1, 1);
        assertThrows(IllegalArgumentException.class, () -> s.part("valid"));
        assertNotEquals(s.part("dev"), s.part("test"));
    }

    static List<String> ids(List<TaggedDocument> docs) {
        return docs.stream().map(TaggedDocument::id).toList();
    }
}
