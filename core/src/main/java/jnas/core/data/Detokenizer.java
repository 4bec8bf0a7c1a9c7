package jnas.core.data;

/**
 * Rebuilds readable spacing from a stream of corpus words (tags already dropped), word by word: one
 * paragraph per line, no space before {@code , . ; : ? ! ) ]} or a closing brace, none after
 * {@code ( [} or an opening brace, the corpus quotes {@code ``} and {@code ''} turned into {@code "}
 * attached to the quoted words, single quotes alternating between opening and closing within a
 * paragraph, and a full stop after a word that already ends in one dropped ({@code Jr. .} becomes
 * {@code Jr.}). One instance builds one text.
 */
final class Detokenizer {
    private final StringBuilder sb = new StringBuilder();
    private boolean glueNext = true;      // no space before the next word
    private boolean singleQuoteOpen = false;
    private boolean lastWasWord = false;  // the last thing written was a word (not punctuation)

    /** Ends the current line (if any) and starts a new paragraph, closing any open single quote. */
    void startParagraph() {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
        glueNext = true;
        singleQuoteOpen = false;
        lastWasWord = false;
    }

    /** Appends one word or punctuation mark. */
    void word(String w) {
        switch (w) {
            case "``" -> open("\"");
            case "''" -> close("\"");
            case "'" -> {
                if (singleQuoteOpen) close("'");
                else open("'");
                singleQuoteOpen = !singleQuoteOpen;
            }
            case "(", "[", "{" -> open(w);
            case ",", ";", ":", "?", "!", ")", "]", "}" -> close(w);
            case "." -> {
                // an abbreviation at the end of a sentence already carries its full stop
                if (!(lastWasWord && sb.length() > 0 && sb.charAt(sb.length() - 1) == '.')) close(w);
            }
            default -> {
                space();
                sb.append(w);
                glueNext = false;
                lastWasWord = true;
            }
        }
    }

    private void open(String s) {
        space();
        sb.append(s);
        glueNext = true;
        lastWasWord = false;
    }

    private void close(String s) {
        sb.append(s);
        glueNext = false;
        lastWasWord = false;
    }

    private void space() {
        if (!glueNext && sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append(' ');
    }

    /** The text so far, ending in a newline unless empty. */
    String finish() {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
        return sb.toString();
    }
}
