package jnas.core.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One text of the Brown corpus, its tags already dropped (see {@link BrownParser}).
 *
 * @param id     the text id, {@code ca01 … cr09}
 * @param genre  its genre (category) as in {@code cats.txt}, e.g. {@code news}
 * @param text   the running text without tags, one paragraph per line
 * @param tokens the number of tagged tokens in the source
 */
public record BrownText(String id, String genre, String text, int tokens) {

    /** The running text of {@code texts}, in the order given, separated by a blank line. */
    static String join(List<BrownText> texts) {
        return texts.stream().map(BrownText::text).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return "Text[" + id + ", " + genre + ", " + tokens + " tokens, " + text.length() + " chars]";
    }
}
