package jnas.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The Brown-to-universal tag rule and table, on tag strings alone (the whole corpus is in BrownWordsTest). */
class BrownTagMappingTest {

    /**
     * Tag strings checked by hand against the Brown Corpus Manual's description of the base tag (and the
     * words the corpus gives them): tag, expected universal tag, what the words are.
     */
    static final String[][] SAMPLE = {
            {"ppss+md", "PRON", "I'll, you'd: pronoun + modal, by its first part"},
            {"pps+bez", "PRON", "it's, he's"},
            {"vb+ppo", "VERB", "let's, gimme"},
            {"vbg+to", "VERB", "gonna"},
            {"to+vb", "PRT", "t'jawn"},
            {"md+hv", "VERB", "must've, coulda"},
            {"wdt+ber+pp", "DET", "whaddya (tag cut short in the source)"},
            {"ppss+ber-n", "PRON", "you're (-nc cut short in the source)"},
            {"bez*", "VERB", "isn't"},
            {"md*", "VERB", "can't"},
            {"hvd*", "VERB", "hadn't"},
            {"md*-hl", "VERB", "negated modal in a headline"},
            {"*", "ADV", "not, n't"},
            {"*-hl", "ADV", "not in a headline"},
            {"nn-tl", "NOUN", "noun in a title"},
            {"nn-tl-hl", "NOUN", "stacked modifiers"},
            {"np-nc", "NOUN", "cited proper noun"},
            {"np$", "NOUN", "Atlanta's"},
            {"nr", "NOUN", "home, today, Sunday"},
            {"nr-tl", "NOUN", "West (in a title)"},
            {"fw-nn", "X", "foreign noun"},
            {"fw-in+at-tl", "X", "foreign contraction (des) in a title"},
            {"fw-*", "X", "non, pas"},
            {"vbn-hl", "VERB", "past participle in a headline"},
            {"bedz-nc", "VERB", "cited 'was'"},
            {"wdt", "DET", "which, what"},
            {"abn", "DET", "all, half"},
            {"abx", "DET", "both"},
            {"dtx", "DET", "either, neither"},
            {"ex", "DET", "existential there"},
            {"at", "DET", "a, the, no"},
            {"ap", "ADJ", "many, other, next"},
            {"od", "ADJ", "first, 2nd"},
            {"jjt", "ADJ", "superlative"},
            {"jj$-tl", "ADJ", "great's: genitive of an adjective, in a title"},
            {"ql", "ADV", "very"},
            {"qlp", "ADV", "enough"},
            {"abl", "ADV", "quite, rather"},
            {"wrb", "ADV", "when, where"},
            {"rb$", "ADV", "else's"},
            {"rp", "PRT", "up, off"},
            {"to", "PRT", "infinitive to"},
            {"cd", "NUM", "one, 1913"},
            {"cd$", "NUM", "1960's"},
            {"cs", "ADP", "that, if, as"},
            {"in-tl", "ADP", "of in a title"},
            {"cc-tl", "CONJ", "and in a title"},
            {"pp$", "PRON", "my, our"},
            {"pp$$", "PRON", "mine, ours"},
            {"wps", "PRON", "who"},
            {"pn", "PRON", "everybody, nothing"},
            {"uh", "X", "oh, well"},
            {"nil", "X", "untagged"},
            {"--", ".", "dash"},
            {"---hl", ".", "dash in a headline"},
            {"``", ".", "opening quote"},
            {"''", ".", "closing quote"},
            {"'", ".", "single quote"},
            {"(", ".", "parenthesis"},
            {":", ".", "colon"},
            {".-hl", ".", "full stop in a headline"},
    };

    @Test
    void handCheckedSampleMapsToTheRightTag() {
        for (String[] s : SAMPLE) {
            assertEquals(UniversalTag.ofSymbol(s[1]), BrownTagMapping.map(s[0]), s[0] + " (" + s[2] + ")");
        }
        assertEquals(61, SAMPLE.length);
    }

    @Test
    void ruleStripsModifiersInOrder() {
        assertEquals("ppss", BrownTagMapping.baseTag("ppss+md"));
        assertEquals("nn", BrownTagMapping.baseTag("nn-tl-hl"));
        assertEquals("nn", BrownTagMapping.baseTag("NN-HL-TL"));     // any case, any stacking order
        assertEquals("bez", BrownTagMapping.baseTag("bez*"));
        assertEquals("*", BrownTagMapping.baseTag("*-nc"));
        assertEquals("--", BrownTagMapping.baseTag("---hl"));
        assertEquals("fw", BrownTagMapping.baseTag("fw-nn-tl"));
        assertEquals("np$", BrownTagMapping.baseTag("np$-tl"));     // a possessive tag of the manual stays
        assertEquals("rb", BrownTagMapping.baseTag("rb$"));         // a genitive the manual does not list goes
        assertEquals("nn", BrownTagMapping.baseTag("nn-tl+bez"));   // modifiers on the first part of a compound
        // the first part decides, whatever the second: "I'll" is not a modal
        assertEquals(UniversalTag.PRON, BrownTagMapping.map("ppss+md"));
        assertEquals(UniversalTag.VERB, BrownTagMapping.map("md+ppss"));
    }

    @Test
    void unknownTagsAreRefusedNotDefaulted() {
        for (String bad : List.of("", "xyz", "fw", "-tl", "zz$", "+md", "q")) {
            assertTrue(BrownTagMapping.tryMap(bad).isEmpty(), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrownTagMapping.map(bad));
            assertTrue(e.getMessage().startsWith("Brown tag '" + bad + "' has no universal tag"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void tableCoversTheManualsBaseTags() {
        Map<String, UniversalTag> table = BrownTagMapping.baseTable();
        assertEquals(88, table.size());
        Map<UniversalTag, List<String>> byTag = BrownTagMapping.baseTagsByUniversal();
        assertEquals(12, byTag.size());   // every universal tag is used
        assertEquals(List.of("cc"), byTag.get(UniversalTag.CONJ));
        assertEquals(List.of("cs", "in"), byTag.get(UniversalTag.ADP));
        assertEquals(List.of("rp", "to"), byTag.get(UniversalTag.PRT));
        assertEquals(List.of("nil", "uh"), byTag.get(UniversalTag.X));
        assertEquals(22, byTag.get(UniversalTag.VERB).size());
        assertEquals(10, byTag.get(UniversalTag.PUNCT).size());
    }

    @Test
    void summaryAndTagTableCountTokens() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("nn", 5);
        counts.put("nn-tl", 3);
        counts.put("ppss+md", 1);
        counts.put("fw-nn", 1);
        Table summary = BrownTagMapping.summary(counts);
        assertEquals(3, summary.rowCount());
        assertEquals("NOUN", summary.stringColumn("universal").get(0));
        assertEquals(8, summary.intColumn("tokens").get(0));
        assertEquals(2, summary.intColumn("tag_strings").get(0));
        assertEquals("nn", summary.stringColumn("base_tags").get(0));
        assertEquals(0.8, summary.doubleColumn("share").get(0), 1e-12);
        assertEquals(1.0, summary.doubleColumn("share").sum(), 1e-12);
        Table tags = BrownTagMapping.tagTable(counts);
        assertEquals(List.of("nn", "nn-tl", "fw-nn", "ppss+md"), tags.stringColumn("tag").asList());
        assertEquals(List.of("nn", "nn", "fw", "ppss"), tags.stringColumn("base").asList());
        assertEquals(List.of("NOUN", "NOUN", "X", "PRON"), tags.stringColumn("universal").asList());
        assertThrows(IllegalArgumentException.class, () -> BrownTagMapping.summary(Map.of("zz", 1)));
    }

    @Test
    void comparisonListsTheDisagreementsWithThePublishedFile() {
        Map<String, UniversalTag> published = BrownTagMapping.published();
        assertEquals(472, published.size());
        assertEquals(UniversalTag.DET, published.get("pp$"));
        assertEquals(UniversalTag.PRT, published.get("ppss+md"));
        assertEquals(UniversalTag.NOUN, published.get("nn-tl"));
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("nn", 5);
        counts.put("nn-tl", 3);
        counts.put("pp$", 4);
        counts.put("ppss+md", 2);
        counts.put("ppss+bem", 1);
        Table t = BrownTagMapping.comparison(counts);
        assertEquals(List.of("DET", "PRT"), t.stringColumn("published").asList());
        assertEquals(List.of("PRON", "PRON"), t.stringColumn("ours").asList());
        assertEquals(List.of(1, 2), t.intColumn("tag_strings").asList());
        assertEquals(List.of(4, 3), t.intColumn("tokens").asList());
        assertEquals(List.of("pp$", "ppss+md ppss+bem"), t.stringColumn("examples").asList());
        assertEquals(4 / 15.0, t.doubleColumn("share").get(0), 1e-12);
        assertEquals("This mapping against en-brown.map: 2 of 5 tag strings and 53.33% of 15 tokens agree", t.name());
    }

    @Test
    void universalTagSymbols() {
        assertEquals(12, UniversalTag.values().length);
        assertEquals(".", UniversalTag.PUNCT.symbol());
        assertEquals(UniversalTag.PUNCT, UniversalTag.ofSymbol("."));
        assertEquals(UniversalTag.NOUN, UniversalTag.ofSymbol("NOUN"));
        assertThrows(IllegalArgumentException.class, () -> UniversalTag.ofSymbol("PUNCT"));
    }
}
