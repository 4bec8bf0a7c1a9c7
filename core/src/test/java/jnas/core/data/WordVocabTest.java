package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The word vocabulary on small made-up texts (Brown's is in BrownWordsTest). */
class WordVocabTest {

    static final List<String> WORDS = List.of("b", "a", "b", "C", "c", "c", "The", "the", "x", "y");

    @Test
    void specialTokensComeFirstThenWordsByFrequency() {
        WordVocab v = WordVocab.fitWords(WORDS, 100);
        assertEquals(List.of("[PAD]", "[UNK]", "[MASK]", "[CLS]", "[SEP]"), v.tokens().subList(0, 5));
        assertEquals(0, v.id(WordVocab.PAD));
        assertEquals(1, v.id(WordVocab.UNK));
        assertEquals(2, v.id(WordVocab.MASK));
        assertEquals(3, v.id(WordVocab.CLS));
        assertEquals(4, v.id(WordVocab.SEP));
        assertEquals(List.of(0, 1, 2, 3, 4), List.of(WordVocab.PAD_ID, WordVocab.UNK_ID, WordVocab.MASK_ID,
                WordVocab.CLS_ID, WordVocab.SEP_ID));
        // c 3, b 2, the 2 (lower-cased "The" + "the"), then a, x, y once each; ties in string order
        assertEquals(List.of("c", "b", "the", "a", "x", "y"), v.words());
        assertEquals(11, v.size());
        assertEquals(3, v.count(5));
        assertEquals(2, v.count(v.id("THE")));
        assertEquals(0, v.count(WordVocab.MASK_ID));
        assertEquals(5, v.id("C"));
        assertTrue(v.contains("The"));
        assertFalse(v.contains("[PAD]"));           // special tokens are not words
        assertEquals(WordVocab.UNK_ID, v.id("[pad]"));
        assertEquals(WordVocab.UNK_ID, v.id("zebra"));
    }

    @Test
    void keepsTheMostFrequentWords() {
        WordVocab v = WordVocab.fitWords(WORDS, 2);
        assertEquals(List.of("c", "b"), v.words());
        assertEquals(7, v.size());
        // b and the tie at 2: b wins by string order, so the cut is deterministic
        assertEquals(WordVocab.UNK_ID, v.id("the"));
        assertThrows(IllegalArgumentException.class, () -> WordVocab.fitWords(WORDS, 0));
    }

    @Test
    void encodesAndDecodes() {
        WordVocab v = WordVocab.fitWords(WORDS, 100);
        int[] ids = v.encode(List.of("[CLS]", "The", "c", "zebra", "[MASK]", "[SEP]"));
        assertArrayEquals(new int[] {3, 7, 5, 1, 2, 4}, ids);
        assertEquals(List.of("[CLS]", "the", "c", "[UNK]", "[MASK]", "[SEP]"), v.decode(ids));
        assertArrayEquals(new int[] {6, 8}, v.encode(TaggedSentence.of(List.of("B", "a"), List.of("np", "at"))));
        assertThrows(IndexOutOfBoundsException.class, () -> v.decode(new int[] {v.size()}));
    }

    @Test
    void hashIsTheSha256OfTheTokensAndDependsOnTheirOrder() throws Exception {
        WordVocab v = WordVocab.fitWords(WORDS, 100);
        String joined = String.join("\n", v.tokens());
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertEquals(expected, v.hash());
        assertEquals(v.hash(), WordVocab.fitWords(List.copyOf(WORDS), 100).hash());
        assertEquals(v.hash(), WordVocab.ofWords(v.words()).hash());
        assertNotEquals(v.hash(), WordVocab.ofWords(List.of("b", "c", "the", "a", "x", "y")).hash());
        assertNotEquals(v.hash(), WordVocab.fitWords(WORDS, 5).hash());
        assertThrows(IllegalArgumentException.class, () -> WordVocab.ofWords(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> WordVocab.ofWords(List.of("A")));
    }

    @Test
    void coverageCountsTokensAndTypes() {
        WordVocab v = WordVocab.fitWords(List.of("a", "a", "b"), 1);   // a only
        TaggedDocument d = new TaggedDocument("ca01", "news", List.of(
                TaggedSentence.of(List.of("A", "a", "b", "c"), List.of("at", "at", "nn", "nn"))));
        WordVocab.Coverage c = v.coverage("dev", List.of(d));
        assertEquals(4, c.tokens());
        assertEquals(2, c.known());
        assertEquals(2, c.unknown());
        assertEquals(0.5, c.share(), 1e-12);
        assertEquals(3, c.types());
        assertEquals(1, c.knownTypes());
        assertEquals(1 / 3.0, c.typeShare(), 1e-12);
        WordSplit split = new WordSplit(List.of(d), List.of(), List.of(d), 0);
        Table t = v.coverageTable(split);
        assertEquals(List.of("train", "dev", "test"), t.stringColumn("part").asList());
        assertEquals(List.of(4, 0, 4), t.intColumn("tokens").asList());
        assertEquals(List.of(2, 0, 2), t.intColumn("unk").asList());
        assertEquals(1.0, t.doubleColumn("coverage").get(1), 1e-12);   // nothing to cover
    }
}
