package jnas.core.data;

import java.util.List;

/**
 * One sentence of the tagged Brown corpus: its words as in the corpus (case kept), their Brown tags and
 * their universal tags ({@link BrownTagMapping}), position by position.
 *
 * @param words     the tokens, as in the corpus
 * @param tags      the Brown tag strings, as in the corpus ({@code nn-tl}, {@code ppss+md}, …)
 * @param universal the universal tags of {@code tags}
 */
public record TaggedSentence(List<String> words, List<String> tags, List<UniversalTag> universal) {

    public TaggedSentence {
        words = List.copyOf(words);
        tags = List.copyOf(tags);
        universal = List.copyOf(universal);
        if (words.size() != tags.size() || words.size() != universal.size()) {
            throw new IllegalArgumentException("a sentence needs one tag per word: " + words.size() + " words, "
                    + tags.size() + " Brown tags, " + universal.size() + " universal tags");
        }
    }

    /** A sentence of these words and Brown tags, the universal tags mapped by {@link BrownTagMapping#map(String)}. */
    public static TaggedSentence of(List<String> words, List<String> tags) {
        return new TaggedSentence(words, tags, tags.stream().map(BrownTagMapping::map).toList());
    }

    /** The number of tokens. */
    public int size() {
        return words.size();
    }

    /** The sentence as text: the words separated by single spaces. */
    public String text() {
        return String.join(" ", words);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) b.append(' ');
            b.append(words.get(i)).append('/').append(universal.get(i).symbol());
        }
        return b.toString();
    }
}
