package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The word-level Brown corpus: every tag string mapped, the split by document, the vocabulary's coverage. */
class BrownWordsTest {

    static BrownWords brown;

    @BeforeAll
    static void load() {
        brown = BrownWords.load();
    }

    @Test
    void parsesTheWholeCorpusOncePerJvm() {
        assertSame(brown, BrownWords.load());
        assertEquals(500, brown.documents().size());
        assertEquals(15, brown.genres().size());
        assertEquals(57_340, brown.sentences());
        assertEquals(1_161_192, brown.tokens());
        // the same token counts as the running-text corpus, text by text
        BrownCorpus corpus = BrownCorpus.load();
        for (BrownText t : corpus.texts()) {
            TaggedDocument d = brown.document(t.id());
            assertEquals(t.tokens(), d.tokens(), t.id());
            assertEquals(t.genre(), d.genre(), t.id());
        }
        TaggedDocument first = brown.document("ca01");
        TaggedSentence s = first.sentences().get(0);
        assertEquals(List.of("The", "Fulton", "County", "Grand", "Jury", "said"), s.words().subList(0, 6));
        assertEquals(List.of("at", "np-tl", "nn-tl", "jj-tl", "nn-tl", "vbd"), s.tags().subList(0, 6));
        assertTrue(s.toString().startsWith("The/DET Fulton/NOUN County/NOUN Grand/ADJ Jury/NOUN said/VERB Friday/NOUN an/DET"),
                s.toString());
        assertEquals("Atlanta's", s.words().get(10));
        assertEquals(UniversalTag.NOUN, s.universal().get(10));   // np$
        assertThrows(IllegalArgumentException.class, () -> brown.document("cz99"));
    }

    @Test
    void comparedWithThePublishedMappingOnTheCorpus() {
        Map<String, Integer> counts = brown.tagCounts();
        Map<String, UniversalTag> published = BrownTagMapping.published();
        // the published file lists exactly the corpus's tag strings
        assertEquals(counts.keySet(), published.keySet());
        long total = 0, agree = 0;
        int agreeStrings = 0;
        for (var e : counts.entrySet()) {
            total += e.getValue();
            if (published.get(e.getKey()) == BrownTagMapping.map(e.getKey())) {
                agree += e.getValue();
                agreeStrings++;
            }
        }
        Table t = BrownTagMapping.comparison(counts);
        assertEquals(472 - agreeStrings, (int) t.intColumn("tag_strings").sum());
        assertEquals(total - agree, (long) t.intColumn("tokens").sum());
        assertTrue(t.name().contains(agreeStrings + " of 472 tag strings"), t.name());
        // the largest disagreement: possessive determiners, DET there and PRON here
        assertEquals("DET", t.stringColumn("published").get(0));
        assertEquals("PRON", t.stringColumn("ours").get(0));
        assertTrue(t.stringColumn("examples").get(0).startsWith("pp$"), t.stringColumn("examples").get(0));
        assertEquals(counts.get("pp$") + counts.get("wp$") + counts.get("pp$-tl") + counts.get("pp$-hl") + counts.get("pp$-nc"),
                t.intColumn("tokens").get(0));
        // most tokens agree: the two mappings differ in a few classes, not wholesale
        assertTrue(agree > 0.95 * total, agree + " of " + total);
    }

    @Test
    void everyTagStringOfTheCorpusMapsByTheRule() {
        Map<String, Integer> counts = brown.tagCounts();
        assertEquals(472, counts.size());
        assertEquals(152_470, counts.get("nn"));
        assertEquals(484, counts.get("ppss+md"));
        assertEquals(117, counts.get("bez*"));
        assertEquals(157, counts.get("nil"));
        Set<String> basesSeen = new HashSet<>();
        for (String tag : counts.keySet()) {
            assertTrue(BrownTagMapping.tryMap(tag).isPresent(), tag + " falls through");
            String base = BrownTagMapping.baseTag(tag);
            // it reached an entry of the table, or is a foreign word; nothing else maps
            if (tag.startsWith("fw-")) {
                assertEquals("fw", base, tag);
                assertEquals(UniversalTag.X, BrownTagMapping.map(tag), tag);
            } else {
                assertTrue(BrownTagMapping.baseTable().containsKey(base), tag + " -> " + base);
                assertEquals(BrownTagMapping.baseTable().get(base), BrownTagMapping.map(tag), tag);
                basesSeen.add(base);
            }
        }
        // the table has no entry the corpus does not use but the single backquote
        Set<String> unused = new HashSet<>(BrownTagMapping.baseTable().keySet());
        unused.removeAll(basesSeen);
        assertEquals(Set.of("`"), unused);
        // every sentence carries the tags of its words
        for (TaggedDocument d : brown.documents()) {
            for (TaggedSentence s : d.sentences()) {
                for (int i = 0; i < s.size(); i++) assertSame(BrownTagMapping.map(s.tags().get(i)), s.universal().get(i));
            }
        }
    }

    @Test
    void tokensPerUniversalTag() {
        Map<UniversalTag, Integer> expected = new EnumMap<>(UniversalTag.class);
        expected.put(UniversalTag.NOUN, 272_967);
        expected.put(UniversalTag.VERB, 182_751);
        expected.put(UniversalTag.PUNCT, 147_565);
        expected.put(UniversalTag.ADP, 144_766);
        expected.put(UniversalTag.DET, 125_381);
        expected.put(UniversalTag.ADJ, 83_731);
        expected.put(UniversalTag.PRON, 71_311);
        expected.put(UniversalTag.ADV, 56_644);
        expected.put(UniversalTag.CONJ, 38_151);
        expected.put(UniversalTag.PRT, 21_034);
        expected.put(UniversalTag.NUM, 14_879);
        expected.put(UniversalTag.X, 2_012);
        assertEquals(expected, brown.universalCounts());
        assertEquals(1_161_192, expected.values().stream().mapToInt(Integer::intValue).sum());

        Table summary = brown.tagSummary();
        assertEquals(12, summary.rowCount());
        assertEquals("NOUN", summary.stringColumn("universal").get(0));
        assertEquals(272_967, summary.intColumn("tokens").get(0));
        assertEquals(472, (int) summary.intColumn("tag_strings").sum());
        assertEquals(1_161_192, (long) summary.intColumn("tokens").sum());
        assertEquals(1.0, summary.doubleColumn("share").sum(), 1e-9);
        int x = summary.stringColumn("universal").indexOf("X");
        assertEquals("fw uh nil", summary.stringColumn("base_tags").get(x));
        assertEquals(85, summary.intColumn("tag_strings").get(x));
        Table tags = brown.tagTable();
        assertEquals(472, tags.rowCount());
        assertEquals("nn", tags.stringColumn("tag").get(0));
    }

    @Test
    void splitByDocumentStratifiedByGenre() {
        WordSplit split = brown.split();
        assertSame(split, brown.split());
        assertEquals(List.of(396, 52, 52), List.of(split.train().size(), split.dev().size(), split.test().size()));
        Set<String> all = new HashSet<>();
        for (List<TaggedDocument> part : split.parts().values()) {
            for (TaggedDocument d : part) assertTrue(all.add(d.id()), d.id() + " is in two parts");
        }
        assertEquals(500, all.size());
        Map<String, Integer> genreSizes = new TreeMap<>(BrownCorpus.load().genreCounts());
        for (Map.Entry<String, Integer> g : genreSizes.entrySet()) {
            int expected = (int) Math.max(1, Math.round(g.getValue() * 0.1));
            assertEquals(expected, count(split.dev(), g.getKey()), "dev " + g.getKey());
            assertEquals(expected, count(split.test(), g.getKey()), "test " + g.getKey());
            assertEquals(g.getValue() - 2 * expected, count(split.train(), g.getKey()), "train " + g.getKey());
        }
        assertEquals(918_961, split.tokens("train"));
        assertEquals(120_147, split.tokens("dev"));
        assertEquals(122_084, split.tokens("test"));
        assertEquals(List.of("ca02", "ca11", "ca26", "ca30"), ids(split.dev(), "news"));
        assertEquals(List.of("ca31", "ca34", "ca35", "ca39"), ids(split.test(), "news"));

        Table sizes = split.sizes();
        assertEquals(16, sizes.rowCount());
        int last = sizes.rowCount() - 1;
        assertEquals("all", sizes.stringColumn("genre").get(last));
        assertEquals(List.of(45_147, 6_273, 5_920), List.of(sizes.intColumn("train_sentences").get(last),
                sizes.intColumn("dev_sentences").get(last), sizes.intColumn("test_sentences").get(last)));
        assertEquals(1, sizes.intColumn("test_documents").get(sizes.stringColumn("genre").indexOf("science_fiction")));
    }

    @Test
    void splitIsDeterministicBySeed() {
        BrownWords again = BrownWords.fromDirectory(brown.directory());   // parsed afresh
        WordSplit a = brown.split(5);
        WordSplit b = again.split(5);
        assertEquals(ids(a.train(), null), ids(b.train(), null));
        assertEquals(ids(a.dev(), null), ids(b.dev(), null));
        assertEquals(ids(a.test(), null), ids(b.test(), null));
        assertEquals(ids(brown.split().dev(), null), ids(again.split(WordSplit.DEFAULT_SEED).dev(), null));
        assertNotEquals(ids(a.dev(), null), ids(brown.split(6).dev(), null));
        assertEquals(List.of(396, 52, 52), List.of(a.train().size(), a.dev().size(), a.test().size()));
    }

    @Test
    void vocabularyOfTheTrainingDocuments() {
        WordVocab vocab = brown.vocab();
        assertSame(vocab, brown.vocab());
        assertEquals(8_005, vocab.size());
        assertEquals(List.of("[PAD]", "[UNK]", "[MASK]", "[CLS]", "[SEP]", "the", ",", ".", "of", "and"),
                vocab.tokens().subList(0, 10));
        assertEquals("f5b917b921e8dd86", vocab.hash());
        WordVocab refit = WordVocab.fit(BrownWords.fromDirectory(brown.directory()).split().train(), 8_000);
        assertEquals(vocab.tokens(), refit.tokens());
        assertEquals(vocab.hash(), refit.hash());
        assertNotEquals(vocab.hash(), brown.vocab(brown.split(5), 8_000).hash());
        for (String w : vocab.words()) assertEquals(WordVocab.normalize(w), w);
        int[] ids = vocab.encode(List.of("[CLS]", "The", "jury", "xylophonically", "[SEP]"));
        assertArrayEquals(new int[] {3, 5, vocab.id("jury"), 1, 4}, ids);
        assertTrue(vocab.id("jury") > 4);
    }

    @Test
    void coverageIsConsistentAndInRange() {
        WordSplit split = brown.split();
        WordVocab vocab = brown.vocab();
        List<WordVocab.Coverage> coverage = vocab.coverage(split);
        WordVocab.Coverage train = coverage.get(0);
        WordVocab.Coverage dev = coverage.get(1);
        WordVocab.Coverage test = coverage.get(2);
        assertEquals(918_961, train.tokens());
        assertEquals(841_168, train.known());
        assertEquals(107_415, dev.known());
        assertEquals(109_596, test.known());
        assertEquals(8_000, train.knownTypes());        // every vocabulary word occurs in train
        for (WordVocab.Coverage c : coverage) {
            assertTrue(c.share() > 0.85 && c.share() < 0.95, c.part() + " " + c.share());
            assertTrue(c.typeShare() > 0 && c.typeShare() < 1, c.part() + " " + c.typeShare());
            assertEquals(c.tokens(), split.tokens(c.part()));
        }
        assertTrue(train.share() > dev.share() && train.share() > test.share(), "train is covered best");
        // the unknown tokens are exactly those that encode as [UNK]
        long unk = 0;
        for (TaggedSentence s : split.sentences("dev")) for (int id : vocab.encode(s)) if (id == WordVocab.UNK_ID) unk++;
        assertEquals(dev.unknown(), unk);
        // a larger vocabulary covers more
        WordVocab bigger = brown.vocab(split, 16_000);
        assertTrue(bigger.coverage("dev", split.dev()).share() > dev.share());
        Table table = vocab.coverageTable(split);
        assertEquals(List.of("train", "dev", "test"), table.stringColumn("part").asList());
        assertEquals(List.of(77_793, 12_732, 12_488), table.intColumn("unk").asList());
        assertEquals(dev.share(), table.doubleColumn("coverage").get(1), 1e-12);
    }

    @Test
    void parsesTaggedLinesIntoSentences() {
        List<TaggedSentence> s = BrownParser.parseSentences("test", "\n\n\tA/at 1-1/2/cd inch/nn --/-- ok/jj ./.\n"
                + "\n\tHe'll/pps+md go/vb ./.\r\n\n");
        assertEquals(2, s.size());
        assertEquals(List.of("A", "1-1/2", "inch", "--", "ok", "."), s.get(0).words());
        assertEquals(List.of("at", "cd", "nn", "--", "jj", "."), s.get(0).tags());
        assertEquals(List.of(UniversalTag.DET, UniversalTag.NUM, UniversalTag.NOUN, UniversalTag.PUNCT,
                UniversalTag.ADJ, UniversalTag.PUNCT), s.get(0).universal());
        assertEquals(List.of(UniversalTag.PRON, UniversalTag.VERB, UniversalTag.PUNCT), s.get(1).universal());
        DataException untagged = assertThrows(DataException.class,
                () -> BrownParser.parseSentences("ca77", "a/at b/nn\nword ./.\n"));
        assertEquals("Brown corpus text ca77 line 2: token 'word' has no tag; expected word/tag", untagged.getMessage());
        DataException unknown = assertThrows(DataException.class, () -> BrownParser.parseSentences("ca77", "a/zz\n"));
        assertTrue(unknown.getMessage().startsWith("Brown corpus text ca77 line 1: Brown tag 'zz' has no universal tag"),
                unknown.getMessage());
        assertFalse(unknown.getMessage().contains("\n"));
    }

    @Test
    void readsAnUnpackedFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cats.txt"), "ca01 news\nca02 news\nca03 news\n");
        Files.writeString(dir.resolve("ca01"), "\n\n\tThe/at dog/nn ran/vbd ./.\n\n\tIt/pps was/bedz n't/* ./.\n");
        Files.writeString(dir.resolve("ca02"), "\n\tHello/uh ./.\n");
        Files.writeString(dir.resolve("ca03"), "\n\tBye/uh ./.\n");
        BrownWords w = BrownWords.fromDirectory(dir);
        assertEquals(3, w.documents().size());
        assertEquals(2, w.document("ca01").sentences().size());
        assertEquals(12, w.tokens());
        assertEquals(List.of("news"), w.genres());
        assertEquals(4, w.tagCounts().get("."));
        WordSplit split = w.split();
        assertEquals(List.of(1, 1, 1), List.of(split.train().size(), split.dev().size(), split.test().size()));
    }

    private static long count(List<TaggedDocument> docs, String genre) {
        return docs.stream().filter(d -> d.genre().equals(genre)).count();
    }

    private static List<String> ids(List<TaggedDocument> docs, String genre) {
        return docs.stream().filter(d -> genre == null || d.genre().equals(genre)).map(TaggedDocument::id).toList();
    }
}
