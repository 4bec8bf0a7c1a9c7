package jnas.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Character-level tokenisation. A character is a Unicode code point. The vocabulary is the set of
 * characters of the training text, sorted by code point (so it depends on the text only), with id
 * {@value #UNKNOWN_ID} reserved for characters not in it; the known characters get ids
 * {@code 1 … vocabSize()-1} in code point order. Decoding writes {@link #UNKNOWN_SYMBOL} for the
 * unknown id, so text made of known characters survives {@code decode(encode(text))} exactly.
 */
public final class CharTokenizer {

    /** The id of a character the vocabulary does not hold. */
    public static final int UNKNOWN_ID = 0;
    /** What {@link #decode(int[])} writes for {@link #UNKNOWN_ID}: U+FFFD, the replacement character. */
    public static final String UNKNOWN_SYMBOL = "\uFFFD";

    private static final int TABLE = 1 << 16;

    private final int[] codePoints;   // sorted, distinct; id = index + 1
    private final int[] bmpIds;       // id for code points below 2^16 (0 = unknown)

    private CharTokenizer(int[] sortedDistinct) {
        this.codePoints = sortedDistinct;
        this.bmpIds = new int[TABLE];
        for (int i = 0; i < sortedDistinct.length; i++) {
            if (sortedDistinct[i] < TABLE) bmpIds[sortedDistinct[i]] = i + 1;
        }
    }

    /** The vocabulary of the characters in {@code trainingText}. */
    public static CharTokenizer fit(CharSequence trainingText) {
        Objects.requireNonNull(trainingText, "trainingText");
        return new CharTokenizer(trainingText.codePoints().sorted().distinct().toArray());
    }

    /**
     * A tokenizer over exactly these characters (as returned by {@link #symbols()}); order and repeats do
     * not matter.
     */
    public static CharTokenizer ofSymbols(String symbols) {
        Objects.requireNonNull(symbols, "symbols");
        return new CharTokenizer(symbols.codePoints().sorted().distinct().toArray());
    }

    /** The number of ids, the unknown id included. */
    public int vocabSize() {
        return codePoints.length + 1;
    }

    /** The id of characters outside the vocabulary, {@value #UNKNOWN_ID}. */
    public int unknownId() {
        return UNKNOWN_ID;
    }

    /** The known characters in id order (ids 1, 2, …), as one string. */
    public String symbols() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** The id of one character (a code point), {@link #UNKNOWN_ID} if it is not in the vocabulary. */
    public int id(int codePoint) {
        if (codePoint >= 0 && codePoint < TABLE) return bmpIds[codePoint];
        int i = Arrays.binarySearch(codePoints, codePoint);
        return i >= 0 ? i + 1 : UNKNOWN_ID;
    }

    /** The character of an id, as a string; {@link #UNKNOWN_SYMBOL} for the unknown id. */
    public String symbol(int id) {
        if (id == UNKNOWN_ID) return UNKNOWN_SYMBOL;
        checkId(id);
        return new String(codePoints, id - 1, 1);
    }

    /** Whether every character of {@code text} is in the vocabulary. */
    public boolean covers(CharSequence text) {
        return text.codePoints().allMatch(cp -> id(cp) != UNKNOWN_ID);
    }

    /** The ids of the characters of {@code text}, one per code point. */
    public int[] encode(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                out[n++] = bmpIds[c];
                i++;
            } else {
                int cp = Character.codePointAt(text, i);
                out[n++] = id(cp);
                i += Character.charCount(cp);
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The text of a sequence of ids. */
    public String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    /** The text of {@code ids[from, to)}. */
    public String decode(int[] ids, int from, int to) {
        Objects.checkFromToIndex(from, to, ids.length);
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (id == UNKNOWN_ID) sb.append(UNKNOWN_SYMBOL);
            else {
                checkId(id);
                sb.appendCodePoint(codePoints[id - 1]);
            }
        }
        return sb.toString();
    }

    private void checkId(int id) {
        if (id < 0 || id > codePoints.length) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabSize() + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharTokenizer t && Arrays.equals(codePoints, t.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharTokenizer[vocab " + vocabSize() + " (" + codePoints.length + " characters + unknown)]";
    }
}
