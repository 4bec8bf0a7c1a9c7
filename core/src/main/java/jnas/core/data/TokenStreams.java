package jnas.core.data;

import java.util.Objects;

/**
 * Token id streams for language modelling: the training, validation and (possibly empty) test text as
 * ids in {@code [0, vocabSize)}. The arrays are shared, not copied; do not change them.
 *
 * @param vocabSize the number of token ids
 * @param train     the training stream
 * @param valid     the validation stream
 * @param test      the test stream (empty when there is none)
 */
public record TokenStreams(int vocabSize, int[] train, int[] valid, int[] test) {

    public TokenStreams {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        test = test == null ? new int[0] : test;
        if (vocabSize < 1) throw new IllegalArgumentException("vocabSize must be >= 1, was " + vocabSize);
    }

    /** Encodes the three texts with {@code tokenizer}. */
    public static TokenStreams encode(CharTokenizer tokenizer, TextData text) {
        return new TokenStreams(tokenizer.vocabSize(), tokenizer.encode(text.train()), tokenizer.encode(text.valid()),
                tokenizer.encode(text.test()));
    }

    private static volatile TokenStreams brown;

    /**
     * The Brown corpus as character streams: {@link BrownCorpus#load()}, its per-genre split, a
     * {@link CharTokenizer} fitted on the training text. Loaded once per JVM and shared.
     */
    public static TokenStreams brownCharacters() {
        TokenStreams b = brown;
        if (b == null) {
            synchronized (TokenStreams.class) {
                if (brown == null) {
                    TextData text = BrownCorpus.load().split().toTextData();
                    brown = encode(CharTokenizer.fit(text.train()), text);
                }
                b = brown;
            }
        }
        return b;
    }

    /**
     * The first {@code trainTokens} training and {@code validTokens} validation tokens (fewer when a
     * stream is shorter), no test tokens; the vocabulary stays the same. For quick experiments.
     */
    public TokenStreams head(int trainTokens, int validTokens) {
        return new TokenStreams(vocabSize, java.util.Arrays.copyOf(train, Math.min(trainTokens, train.length)),
                java.util.Arrays.copyOf(valid, Math.min(validTokens, valid.length)), new int[0]);
    }

    @Override
    public String toString() {
        return "TokenStreams[vocab " + vocabSize + ", train " + train.length + ", valid " + valid.length + ", test "
                + test.length + " tokens]";
    }
}
