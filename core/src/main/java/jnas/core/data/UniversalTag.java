package jnas.core.data;

/**
 * The twelve universal part-of-speech tags of Petrov, Das and McDonald, "A Universal Part-of-Speech
 * Tagset" (LREC 2012), in the order of that paper. {@link BrownTagMapping} maps every Brown corpus tag to
 * one of them.
 */
public enum UniversalTag {
    /** Verbs, all tenses and modes, auxiliaries and modals included. */
    VERB("VERB"),
    /** Nouns, common and proper. */
    NOUN("NOUN"),
    /** Pronouns, possessive and wh-pronouns included. */
    PRON("PRON"),
    /** Adjectives, ordinals and post-determiners included. */
    ADJ("ADJ"),
    /** Adverbs, qualifiers and the negator {@code not} included. */
    ADV("ADV"),
    /** Adpositions: prepositions and subordinating conjunctions. */
    ADP("ADP"),
    /** Coordinating conjunctions. */
    CONJ("CONJ"),
    /** Determiners and articles, existential {@code there} included. */
    DET("DET"),
    /** Cardinal numbers. */
    NUM("NUM"),
    /** Particles and other function words: the infinitive {@code to}, adverbial particles. */
    PRT("PRT"),
    /** Punctuation; its symbol is {@code "."}. */
    PUNCT("."),
    /** Everything else: foreign words, interjections, untagged tokens. */
    X("X");

    private final String symbol;

    UniversalTag(String symbol) {
        this.symbol = symbol;
    }

    /** The tag as the paper writes it: the constant's name, or {@code "."} for {@link #PUNCT}. */
    public String symbol() {
        return symbol;
    }

    /**
     * The tag written {@code symbol} ({@code "NOUN"}, {@code "."}, …).
     *
     * @throws IllegalArgumentException when no tag is written so
     */
    public static UniversalTag ofSymbol(String symbol) {
        for (UniversalTag t : values()) if (t.symbol.equals(symbol)) return t;
        throw new IllegalArgumentException("No universal tag " + symbol + "; expected one of VERB NOUN PRON ADJ ADV"
                + " ADP CONJ DET NUM PRT . X");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
