package jnas.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * One text of the Brown corpus as tagged sentences (see {@link BrownParser#readTagged(java.nio.file.Path)}).
 *
 * @param id        the text id, {@code ca01 … cr09}
 * @param genre     its genre as in {@code cats.txt}, e.g. {@code news}
 * @param sentences its sentences in order, one per non-blank line of the source
 */
public record TaggedDocument(String id, String genre, List<TaggedSentence> sentences) {

    public TaggedDocument {
        sentences = List.copyOf(sentences);
    }

    /** The number of tokens in all sentences. */
    public int tokens() {
        int n = 0;
        for (TaggedSentence s : sentences) n += s.size();
        return n;
    }

    /** All words in order, as in the corpus. */
    public List<String> words() {
        List<String> words = new ArrayList<>(tokens());
        for (TaggedSentence s : sentences) words.addAll(s.words());
        return words;
    }

    @Override
    public String toString() {
        return "TaggedDocument[" + id + ", " + genre + ", " + sentences.size() + " sentences, " + tokens() + " tokens]";
    }
}
