package jnas.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the part-of-speech tagged Brown texts of an unpacked {@value BrownPackage#NPM_PACKAGE} package
 * into {@link BrownText}s.
 *
 * <p><b>Format</b> (version {@value BrownPackage#NPM_VERSION}): the folder holds {@code cats.txt} (one
 * line per text: {@code ca01 news}) and the 500 texts {@code ca01 … cr09} ("c" for corpus form C, a
 * genre letter a–r, two digits). A text is ASCII, one sentence per line, tokens {@code word/tag}
 * separated by spaces; a line that starts with a tab starts a paragraph, blank lines separate sentences
 * and paragraphs, and headlines carry tags ending in {@code -hl}.
 *
 * <p><b>Tagged sentences.</b> {@link #readTagged(Path)} keeps the words and their tags instead, one
 * {@link TaggedSentence} per non-blank line, with the universal tags of {@link BrownTagMapping}.
 *
 * <p><b>Running text.</b> {@link #detag(String)} drops the tags (the part after a token's last slash)
 * and hands the words to the {@link Detokenizer}: one paragraph (and one headline) per line, sentences
 * of a paragraph separated by one space.
 */
public final class BrownParser {

    private BrownParser() {}

    private static final Pattern TEXT_ID = Pattern.compile("c[a-r][0-9]{2}");

    /** Genre names by the letter in a text id, as in {@code cats.txt}; used when cats.txt is absent. */
    private static final Map<Character, String> GENRE_BY_LETTER = Map.ofEntries(
            Map.entry('a', "news"), Map.entry('b', "editorial"), Map.entry('c', "reviews"),
            Map.entry('d', "religion"), Map.entry('e', "hobbies"), Map.entry('f', "lore"),
            Map.entry('g', "belles_lettres"), Map.entry('h', "government"), Map.entry('j', "learned"),
            Map.entry('k', "fiction"), Map.entry('l', "mystery"), Map.entry('m', "science_fiction"),
            Map.entry('n', "adventure"), Map.entry('p', "romance"), Map.entry('r', "humor"));

    /**
     * The folder that holds the texts: {@code dir} itself, or {@code dir/package} when {@code dir} has no
     * {@code cats.txt} but that subfolder.
     *
     * @throws DataException when the folder does not exist
     */
    public static Path textFolder(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path root = dir;
        if (!Files.isRegularFile(root.resolve("cats.txt")) && Files.isDirectory(root.resolve("package"))) {
            root = root.resolve("package");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException("Brown corpus folder " + dir + " does not exist; expected the unpacked "
                    + BrownPackage.NPM_PACKAGE + " package (cats.txt and the texts ca01 … cr09)");
        }
        return root;
    }

    /**
     * Reads every text in {@code root} (as {@link #textFolder(Path)} returns it), ordered by id. Without
     * {@code cats.txt} the genre is taken from the letter of the text id.
     *
     * @throws DataException when the folder has no texts or one cannot be read
     */
    public static List<BrownText> readTexts(Path root) {
        return readAll(root, (id, genre, tagged) -> new BrownText(id, genre, detag(tagged), countTokens(tagged)));
    }

    /** Makes one result from a text's id, genre and tagged contents. */
    private interface TextReader<T> {
        T read(String id, String genre, String tagged);
    }

    /** Every text of {@code root}, ordered by id, through {@code reader}; one line when there are none or one cannot be read. */
    private static <T> List<T> readAll(Path root, TextReader<T> reader) {
        Map<String, String> genres = readCategories(root);
        List<Path> files = listTextFiles(root);
        if (files.isEmpty()) {
            throw new DataException("No Brown corpus texts in " + root + "; expected the unpacked "
                    + BrownPackage.NPM_PACKAGE + " package (cats.txt and the texts ca01 … cr09)");
        }
        List<T> out = new ArrayList<>(files.size());
        for (Path file : files) {
            String id = file.getFileName().toString();
            String tagged;
            try {
                tagged = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DataException("Cannot read Brown corpus text " + file + " (" + DataException.describe(e)
                        + "); expected a readable UTF-8 text file", e);
            }
            out.add(reader.read(id, genre(genres, id), tagged));
        }
        return out;
    }

    private static String genre(Map<String, String> genres, String id) {
        return genres.getOrDefault(id, GENRE_BY_LETTER.get(id.charAt(1)));
    }

    /**
     * Reads every text in {@code root} (as {@link #textFolder(Path)} returns it) as tagged sentences, ordered
     * by id: one sentence per non-blank line, each token {@code word/tag} split at its last slash, the tag
     * mapped by {@link BrownTagMapping}. Equal words share one string.
     *
     * @throws DataException when the folder has no texts, one cannot be read, a token has no tag or a tag
     *                       has no universal tag
     */
    public static List<TaggedDocument> readTagged(Path root) {
        Map<String, String> strings = new HashMap<>();
        return readAll(root, (id, genre, tagged) -> new TaggedDocument(id, genre, sentences(id, tagged, strings)));
    }

    /**
     * The tagged sentences of one text (or any part of it): one per non-blank line.
     *
     * @param id     the text id, for messages
     * @param tagged the text of one corpus file
     * @throws DataException when a token has no tag or a tag has no universal tag
     */
    public static List<TaggedSentence> parseSentences(String id, String tagged) {
        return sentences(id, tagged, new HashMap<>());
    }

    private static List<TaggedSentence> sentences(String id, String tagged, Map<String, String> strings) {
        List<TaggedSentence> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<UniversalTag> universal = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = tagged.length();
        while (i <= n) {
            // one token, or the end of a line, at a time; no regular expressions (57,340 lines, 1.16M tokens)
            char c = i < n ? tagged.charAt(i) : '\n';
            if (c == '\n' || i == n) {
                if (!words.isEmpty()) {
                    sentences.add(new TaggedSentence(words, tags, universal));
                    words.clear();
                    tags.clear();
                    universal.clear();
                }
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            int slash = -1;
            while (i < n && !Character.isWhitespace(tagged.charAt(i))) {
                if (tagged.charAt(i) == '/') slash = i;
                i++;
            }
            if (slash <= start || slash == i - 1) {
                throw new DataException("Brown corpus text " + id + " line " + line + ": token '"
                        + tagged.substring(start, i) + "' has no tag; expected word/tag");
            }
            String tag = strings.computeIfAbsent(tagged.substring(slash + 1, i), t -> t);
            try {
                universal.add(BrownTagMapping.map(tag));
            } catch (IllegalArgumentException e) {
                throw new DataException("Brown corpus text " + id + " line " + line + ": " + e.getMessage(), e);
            }
            words.add(strings.computeIfAbsent(tagged.substring(start, slash), w -> w));
            tags.add(tag);
        }
        return sentences;
    }

    /**
     * Turns a tagged Brown text ({@code word/tag} tokens, one sentence per line) into readable running
     * text without tags, one paragraph or headline per line, each line ending in a newline.
     *
     * @param tagged the text of one corpus file (or any part of it)
     */
    public static String detag(String tagged) {
        Detokenizer out = new Detokenizer();
        boolean newParagraph = true;
        boolean previousHeadline = false;
        for (String line : tagged.split("\r?\n", -1)) {
            if (line.isBlank()) {
                newParagraph = true;
                continue;
            }
            String[] tokens = line.trim().split("\\s+");
            boolean headline = true;
            for (String token : tokens) {
                if (!tag(token).contains("-hl")) {
                    headline = false;
                    break;
                }
            }
            if (newParagraph || line.startsWith("\t") || headline || previousHeadline) out.startParagraph();
            for (String token : tokens) out.word(word(token));
            previousHeadline = headline;
            newParagraph = false;
        }
        return out.finish();
    }

    /** The word of a {@code word/tag} token: everything before the last slash. */
    static String word(String token) {
        int slash = token.lastIndexOf('/');
        return slash > 0 ? token.substring(0, slash) : token;
    }

    /** The tag of a {@code word/tag} token: everything after the last slash ({@code ""} if none). */
    static String tag(String token) {
        int slash = token.lastIndexOf('/');
        return slash > 0 ? token.substring(slash + 1) : "";
    }

    /** The number of whitespace-separated tokens. */
    static int countTokens(String tagged) {
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < tagged.length(); i++) {
            boolean space = Character.isWhitespace(tagged.charAt(i));
            if (!space && !inToken) count++;
            inToken = !space;
        }
        return count;
    }

    /** The text files {@code ca01 … cr09} in {@code root}, ordered by id. */
    static List<Path> listTextFiles(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> TEXT_ID.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new DataException("Cannot list " + root + " (" + DataException.describe(e)
                    + "); expected a readable folder with the texts ca01 … cr09", e);
        }
    }

    private static Map<String, String> readCategories(Path root) {
        Path cats = root.resolve("cats.txt");
        Map<String, String> genres = new TreeMap<>();
        if (!Files.isRegularFile(cats)) return genres;
        List<String> lines;
        try {
            lines = Files.readAllLines(cats, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("Cannot read " + cats + " (" + DataException.describe(e)
                    + "); expected lines like 'ca01 news'", e);
        }
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && TEXT_ID.matcher(parts[0]).matches()) genres.put(parts[0], parts[1]);
        }
        return genres;
    }
}
