package jnas.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A train/dev/test split of tagged Brown documents by document, stratified by genre, and the rule that
 * makes it. Dev and test hold whole documents the training part never sees.
 *
 * <p><b>The rule</b> ({@link #of(List, double, double, long)}): within each genre the {@code n} documents
 * are ordered by id and shuffled (Fisher–Yates with a {@link Random} seeded with
 * {@code seed * 1000003 + genre.hashCode()}, so each genre's draw depends on the seed and that genre only,
 * and is the same on every JVM); the first
 * {@code max(1, round(n * devFraction))} go to dev, the next {@code max(1, round(n * testFraction))} to
 * test, the rest to train. A genre of fewer than three documents stays in training (none of Brown's does).
 * Each part is ordered by id.
 *
 * <p>With the defaults ({@value #DEFAULT_DEV_FRACTION}, {@value #DEFAULT_TEST_FRACTION}, seed
 * {@value #DEFAULT_SEED}) the 500 Brown texts split into 396 for training and 52 each for dev and test,
 * every one of the 15 genres in all three parts.
 *
 * @param train the training documents, ordered by id
 * @param dev   the development documents, ordered by id
 * @param test  the test documents, ordered by id
 * @param seed  the seed the split was drawn with
 */
public record WordSplit(List<TaggedDocument> train, List<TaggedDocument> dev, List<TaggedDocument> test, long seed) {

    /** The share of each genre's documents {@link BrownWords#split()} puts in dev. */
    public static final double DEFAULT_DEV_FRACTION = 0.1;
    /** The share of each genre's documents {@link BrownWords#split()} puts in test. */
    public static final double DEFAULT_TEST_FRACTION = 0.1;
    /** The seed {@link BrownWords#split()} uses (the year of the corpus). */
    public static final long DEFAULT_SEED = 1964L;

    /** The names of the parts, in order: {@code train}, {@code dev}, {@code test}. */
    public static final List<String> PARTS = List.of("train", "dev", "test");

    public WordSplit {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    /**
     * Splits {@code documents} by the rule in the class notes.
     *
     * @param documents    the documents, in any order, ids distinct
     * @param devFraction  the share of each genre for dev, in (0, 1)
     * @param testFraction the share of each genre for test, in (0, 1), with {@code devFraction} below 1
     * @param seed         the seed
     * @throws IllegalArgumentException when the fractions are out of range or ids repeat
     */
    public static WordSplit of(List<TaggedDocument> documents, double devFraction, double testFraction, long seed) {
        if (!(devFraction > 0 && testFraction > 0 && devFraction + testFraction < 1)) {
            throw new IllegalArgumentException("devFraction and testFraction must be positive with a sum below 1, were "
                    + devFraction + " and " + testFraction);
        }
        Comparator<TaggedDocument> byId = Comparator.comparing(TaggedDocument::id);
        Map<String, List<TaggedDocument>> byGenre = new TreeMap<>();
        Map<String, TaggedDocument> ids = new LinkedHashMap<>();
        for (TaggedDocument d : documents) {
            if (ids.put(d.id(), d) != null) throw new IllegalArgumentException("document id " + d.id() + " repeats");
            byGenre.computeIfAbsent(d.genre(), g -> new ArrayList<>()).add(d);
        }
        List<TaggedDocument> train = new ArrayList<>();
        List<TaggedDocument> dev = new ArrayList<>();
        List<TaggedDocument> test = new ArrayList<>();
        for (Map.Entry<String, List<TaggedDocument>> e : byGenre.entrySet()) {
            List<TaggedDocument> group = e.getValue();
            group.sort(byId);
            int n = group.size();
            if (n < 3) {
                train.addAll(group);
                continue;
            }
            Random random = new Random(seed * 1_000_003L + e.getKey().hashCode());
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                TaggedDocument t = group.get(i);
                group.set(i, group.get(j));
                group.set(j, t);
            }
            int nDev = (int) Math.max(1, Math.round(n * devFraction));
            int nTest = (int) Math.max(1, Math.round(n * testFraction));
            while (nDev + nTest > n - 1) {
                if (nDev >= nTest) nDev--;
                else nTest--;
            }
            dev.addAll(group.subList(0, nDev));
            test.addAll(group.subList(nDev, nDev + nTest));
            train.addAll(group.subList(nDev + nTest, n));
        }
        train.sort(byId);
        dev.sort(byId);
        test.sort(byId);
        return new WordSplit(train, dev, test, seed);
    }

    /**
     * The documents of one part.
     *
     * @param name {@code train}, {@code dev} or {@code test}
     * @throws IllegalArgumentException for another name
     */
    public List<TaggedDocument> part(String name) {
        return switch (name) {
            case "train" -> train;
            case "dev" -> dev;
            case "test" -> test;
            default -> throw new IllegalArgumentException("No split part " + name + "; expected train, dev or test");
        };
    }

    /** The parts by name, in the order of {@link #PARTS}. */
    public Map<String, List<TaggedDocument>> parts() {
        Map<String, List<TaggedDocument>> m = new LinkedHashMap<>();
        for (String p : PARTS) m.put(p, part(p));
        return m;
    }

    /** The sentences of one part, documents in id order. */
    public List<TaggedSentence> sentences(String name) {
        List<TaggedSentence> out = new ArrayList<>();
        for (TaggedDocument d : part(name)) out.addAll(d.sentences());
        return out;
    }

    /** The number of tokens in one part. */
    public long tokens(String name) {
        long n = 0;
        for (TaggedDocument d : part(name)) n += d.tokens();
        return n;
    }

    /**
     * The sizes per genre, genres in alphabetical order and a last row {@code all}: documents, sentences and
     * tokens of each part ({@code train_documents}, {@code dev_documents}, …, {@code test_tokens}).
     */
    public Table sizes() {
        StringColumn genre = StringColumn.create("genre");
        Map<String, IntColumn> columns = new LinkedHashMap<>();
        for (String what : List.of("documents", "sentences", "tokens")) {
            for (String p : PARTS) columns.put(p + "_" + what, IntColumn.create(p + "_" + what));
        }
        Map<String, int[]> rows = new TreeMap<>();   // genre -> documents, sentences, tokens per part
        int[] all = new int[9];
        for (int p = 0; p < PARTS.size(); p++) {
            for (TaggedDocument d : part(PARTS.get(p))) {
                int[] r = rows.computeIfAbsent(d.genre(), g -> new int[9]);
                for (int[] x : new int[][] {r, all}) {
                    x[p] += 1;
                    x[3 + p] += d.sentences().size();
                    x[6 + p] += d.tokens();
                }
            }
        }
        List<IntColumn> cols = new ArrayList<>(columns.values());
        for (Map.Entry<String, int[]> e : rows.entrySet()) {
            genre.append(e.getKey());
            for (int i = 0; i < 9; i++) cols.get(i).append(e.getValue()[i]);
        }
        genre.append("all");
        for (int i = 0; i < 9; i++) cols.get(i).append(all[i]);
        Table t = Table.create("Brown split by document (seed " + seed + "): " + train.size() + " / " + dev.size()
                + " / " + test.size() + " documents", genre);
        for (IntColumn c : cols) t.addColumns(c);
        return t;
    }

    @Override
    public String toString() {
        return "WordSplit[seed " + seed + ", train " + train.size() + ", dev " + dev.size() + ", test " + test.size()
                + " documents]";
    }
}
