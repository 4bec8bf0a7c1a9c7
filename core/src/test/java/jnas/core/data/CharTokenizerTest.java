package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CharTokenizerTest {

    @Test
    void vocabularyIsSortedAndDeterministic() {
        CharTokenizer a = CharTokenizer.fit("hello, world\n");
        CharTokenizer b = CharTokenizer.fit("\nworld hello,,,");
        assertEquals(a, b);
        assertEquals("\n ,dehlorw", a.symbols());
        assertEquals(11, a.vocabSize());
        assertEquals(0, a.unknownId());
        assertEquals(1, a.id('\n'));
        assertEquals(2, a.id(' '));
        assertEquals(10, a.id('w'));
        assertEquals("w", a.symbol(10));
        assertEquals(CharTokenizer.UNKNOWN_SYMBOL, a.symbol(0));
        assertEquals(a, CharTokenizer.ofSymbols(a.symbols()));
    }

    @Test
    void encodeDecodeRoundTrip() {
        String text = "The Fulton County Grand Jury said \"no evidence\".\nÉté 😀 naïve";
        CharTokenizer tok = CharTokenizer.fit(text);
        int[] ids = tok.encode(text);
        assertEquals(text.codePointCount(0, text.length()), ids.length); // the emoji is one token
        assertEquals(text, tok.decode(ids));
        assertTrue(tok.covers(text));
        for (int id : ids) assertTrue(id >= 1 && id < tok.vocabSize());
        assertEquals("Fulton", tok.decode(ids, 4, 10));
    }

    @Test
    void unknownCharactersMapToTheUnknownId() {
        CharTokenizer tok = CharTokenizer.fit("abc");
        assertArrayEquals(new int[] {1, 0, 3, 0}, tok.encode("axc😀"));
        assertEquals("a\uFFFDc\uFFFD", tok.decode(tok.encode("axc😀")));
        assertFalse(tok.covers("abcd"));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> tok.symbol(-1));
    }

    @Test
    void roundTripsTheBrownCorpus() {
        BrownSplit split = BrownCorpus.load().split();
        CharTokenizer tok = CharTokenizer.fit(split.trainText());
        String valid = split.validText();
        int[] ids = tok.encode(valid);
        assertEquals(valid.length(), ids.length); // ASCII: one token per char
        assertTrue(tok.covers(valid), "validation uses characters unseen in training");
        assertEquals(valid, tok.decode(ids));
        System.out.printf("Brown: train %d chars, valid %d chars, vocabulary %d (%s)%n", split.trainText().length(),
                valid.length(), tok.vocabSize(), tok);
    }
}
