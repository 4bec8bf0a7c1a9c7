package jnas.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Maps every Brown corpus tag string to one of the twelve {@link UniversalTag}s of Petrov, Das and
 * McDonald (2012), by an explicit rule and an explicit table of base tags, with no default: a tag the rule
 * cannot reduce to a base tag of the table is refused.
 *
 * <p><b>The tag strings.</b> A Brown tag is a base tag (about 80, e.g. {@code nn}, {@code vbd},
 * {@code ppss}, {@code .}) with modifiers: {@code -tl} (word in a title), {@code -hl} (word in a headline)
 * and {@code -nc} (cited word) appended, possibly stacked ({@code nn-tl-hl}); {@code fw-} prefixed for a
 * foreign word ({@code fw-nn}, {@code fw-in+at-tl}); {@code *} appended for a contracted negation
 * ({@code bez*} "isn't", {@code md*} "can't"); and two or three tags joined with {@code +} for a
 * contraction or a hyphenated pair ({@code ppss+md} "I'll", {@code vb+ppo} "let's", {@code jj+jj-nc}
 * "big-large"). Version 1.9.80 of the package holds 472 distinct tag strings in 1,161,192 tokens, three of
 * them cut short in the source ({@code fw-in+at-t}, {@code ppss+ber-n}, {@code wdt+ber+pp}).
 *
 * <p><b>The rule</b> ({@link #map(String)}), applied to the lower-cased tag in this order:
 * <ol>
 *   <li>strip the modifiers {@code -hl}, {@code -tl} and {@code -nc} from the end, repeatedly, whatever
 *       their order ({@code nn-tl-hl} → {@code nn}, {@code ---hl} → {@code --}, {@code *-hl} → {@code *});</li>
 *   <li>a tag that starts with {@code fw-} is a foreign word: {@link UniversalTag#X}, whatever follows (the
 *       tag after {@code fw-} says what the word does in its own language, not in English);</li>
 *   <li>a compound tag maps by its first part: cut at the first {@code +} ({@code ppss+md} → {@code ppss},
 *       {@code vb+ppo} → {@code vb}, {@code wdt+ber+pp} → {@code wdt}). A contraction is one token, so it gets
 *       one tag; the first part is the tag of the word it starts with (the pronoun of "I'll", the verb of
 *       "let's" and "gonna", the wh-word of "who's"), the word that carries the content, while the second
 *       part is most often a clitic auxiliary or pronoun. This also makes the tags cut short in the source
 *       safe: their damaged end is in a later part;</li>
 *   <li>strip the negation {@code *} from the end of a tag longer than one character ({@code bez*} →
 *       {@code bez}, {@code md*} → {@code md}): "isn't" is still a form of "be"; the tag {@code *} alone is the
 *       negator "not" itself;</li>
 *   <li>look the base tag up in the table ({@link #baseTable()});</li>
 *   <li>a base tag that is not in the table but ends in {@code $} is the genitive of the tag before the
 *       {@code $}: drop it and look up again ({@code rb$} "else's", {@code dt$} "another's", {@code ap$}
 *       "other's", {@code cd$} "1960's", {@code jj$} "great's"). The possessives the Brown manual lists as
 *       tags of their own ({@code nn$}, {@code np$}, {@code pp$}, {@code wp$}, …) are in the table;</li>
 *   <li>anything else is refused ({@link IllegalArgumentException}); no tag string of the corpus is.</li>
 * </ol>
 *
 * <p><b>The table</b> (written for this class from the tag list of the Brown Corpus Manual, Francis and
 * Kučera 1979, with the word classes of the universal tagset paper; where a Brown class straddles two
 * universal ones, it goes where the Penn Treebank tag of its words goes under the paper's English
 * mapping, so Brown and Penn text tagged alike agree):
 * <ul>
 *   <li>{@code .}: the punctuation tags {@code . , : ( ) -- ' '' `` `};</li>
 *   <li>VERB: every form of be ({@code be bed bedz beg bem ben ber bez}), do ({@code do dod doz}), have
 *       ({@code hv hvd hvg hvn hvz}), modals ({@code md}) and the other verbs ({@code vb vbd vbg vbn vbz});</li>
 *   <li>NOUN: common and proper nouns ({@code nn nn$ nns nns$ np np$ nps nps$}) and the adverbial nouns
 *       ({@code nr nr$ nrs}: "home", "today", "Sunday", "west"), which are nouns by form: they take the
 *       genitive and the plural, and Penn tags them NN;</li>
 *   <li>PRON: personal, reflexive and possessive pronouns ({@code pp$ pp$$ ppl ppls ppo pps ppss}), the
 *       nominal pronouns ({@code pn pn$}: "everybody", "nothing") and the wh-pronouns ({@code wp$ wpo wps});</li>
 *   <li>ADJ: adjectives ({@code jj jjr jjs jjt}), ordinals ({@code od}: "first", "2nd") and the
 *       post-determiners ({@code ap}: "many", "other", "next", "last", "few", "several"), all adjectives
 *       (JJ, JJR, JJS) in the Penn Treebank;</li>
 *   <li>ADV: adverbs ({@code rb rbr rbt}), nominal adverbs ({@code rn}: "here", "then"), qualifiers
 *       ({@code ql}: "very"; {@code qlp}: "enough"; {@code abl}: "quite", "rather", "such"), wh-adverbs and
 *       wh-qualifiers ({@code wrb wql}: "when", "how") and the negator {@code *} ("not", RB in Penn);</li>
 *   <li>ADP: prepositions ({@code in}) and subordinating conjunctions ({@code cs}: "that", "if", "as"), which
 *       Penn tags IN as well; the universal CONJ is for coordination only;</li>
 *   <li>CONJ: coordinating conjunctions ({@code cc});</li>
 *   <li>DET: articles ({@code at}: "a", "the", "no"), determiners ({@code dt dti dts dtx}), the
 *       pre-quantifiers ({@code abn}: "all", "half"; {@code abx}: "both"), wh-determiners ({@code wdt}) and
 *       existential "there" ({@code ex}, DET in the paper's mapping of Penn EX);</li>
 *   <li>NUM: cardinal numbers ({@code cd});</li>
 *   <li>PRT: the infinitive marker ({@code to}) and adverbial particles ({@code rp}: "up", "off");</li>
 *   <li>X: interjections ({@code uh}; the tagset has no class for them, Penn UH maps to X) and {@code nil}, the
 *       tag of 157 tokens the corpus left untagged (foreign words come to X by step 2).</li>
 * </ul>
 *
 * <p>The universal-tag project publishes its Brown mapping ({@code en-brown.map}) as a list of whole tag
 * strings, modifiers included, so a string it does not list has no tag and readers fall back to X (NLTK
 * did so for {@code nr-tl}, "West" in a title). This class derives the base tag by the rule above instead,
 * and the table above was written from the Brown documentation, not taken from that file. The file ships
 * unmodified as a resource (CC BY-SA 4.0; {@link #published()}) and {@link #comparison(Map)} shows where the
 * two disagree: on the corpus, in the tokens' possessive determiners ({@code pp$} "his", "their": DET there,
 * PRON here as Penn's PRP$ is PRON in the project's own English mapping), in the contractions (every
 * compound is PRT there, here it is its first word's tag), in {@code pn} ("everybody": NOUN there), in
 * {@code abn}/{@code abl}/{@code ex} (PRT there) and in {@code uh} (PRT there, X here as Penn's UH).
 */
public final class BrownTagMapping {

    private BrownTagMapping() {}

    /** The base tags and their universal tags, in the order of the class notes. */
    private static final Map<String, UniversalTag> BASE = base();

    /** Tag strings already mapped (the corpus has 472; the parser asks once per token). */
    private static final Map<String, UniversalTag> MAPPED = new ConcurrentHashMap<>();

    private static Map<String, UniversalTag> base() {
        Map<String, UniversalTag> m = new LinkedHashMap<>();
        put(m, UniversalTag.PUNCT, ".", ",", ":", "(", ")", "--", "'", "''", "``", "`");
        put(m, UniversalTag.VERB, "be", "bed", "bedz", "beg", "bem", "ben", "ber", "bez", "do", "dod", "doz",
                "hv", "hvd", "hvg", "hvn", "hvz", "md", "vb", "vbd", "vbg", "vbn", "vbz");
        put(m, UniversalTag.NOUN, "nn", "nn$", "nns", "nns$", "np", "np$", "nps", "nps$", "nr", "nr$", "nrs");
        put(m, UniversalTag.PRON, "pp$", "pp$$", "ppl", "ppls", "ppo", "pps", "ppss", "pn", "pn$", "wp$", "wpo",
                "wps");
        put(m, UniversalTag.ADJ, "jj", "jjr", "jjs", "jjt", "od", "ap");
        put(m, UniversalTag.ADV, "rb", "rbr", "rbt", "rn", "ql", "qlp", "abl", "wrb", "wql", "*");
        put(m, UniversalTag.ADP, "in", "cs");
        put(m, UniversalTag.CONJ, "cc");
        put(m, UniversalTag.DET, "at", "dt", "dti", "dts", "dtx", "abn", "abx", "wdt", "ex");
        put(m, UniversalTag.NUM, "cd");
        put(m, UniversalTag.PRT, "to", "rp");
        put(m, UniversalTag.X, "uh", "nil");
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, UniversalTag> m, UniversalTag tag, String... bases) {
        for (String b : bases) {
            if (m.put(b, tag) != null) throw new IllegalStateException("base tag " + b + " listed twice");
        }
    }

    /** The published mapping's resource (see its PROVENANCE.md next to it). */
    static final String PUBLISHED = "universal-tags/en-brown.map";

    /**
     * The universal-tag project's own Brown mapping, {@code en-brown.map} (Petrov, Das and McDonald; CC BY-SA
     * 4.0, shipped unmodified): tag string in lower case to universal tag, in the file's order. Read only to
     * compare with this class's rule ({@link #comparison(Map)}); never used to tag the corpus.
     *
     * @throws IllegalStateException when the resource is missing or a line is not {@code TAG<tab>UNIVERSAL}
     */
    public static Map<String, UniversalTag> published() {
        Map<String, UniversalTag> m = new LinkedHashMap<>();
        try (var in = BrownTagMapping.class.getResourceAsStream(PUBLISHED)) {
            if (in == null) throw new IllegalStateException("resource jnas/core/data/" + PUBLISHED + " is missing from the classpath");
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                String[] parts = lines[i].split("\t");
                if (parts.length != 2) {
                    throw new IllegalStateException(PUBLISHED + " line " + (i + 1) + ": expected TAG<tab>UNIVERSAL, was '" + lines[i] + "'");
                }
                m.put(parts[0].toLowerCase(Locale.ROOT), UniversalTag.ofSymbol(parts[1].trim()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * Where this mapping and the published {@code en-brown.map} ({@link #published()}) disagree on these
     * tag strings: one row per (published, ours) pair, most tokens first, with {@code published},
     * {@code ours}, {@code tag_strings}, {@code tokens}, {@code share} (of all tokens) and {@code examples}
     * (the pair's most frequent tag strings, up to four); a tag string the file does not list has
     * {@code published} "none". The caption gives the agreement by tag strings and by tokens.
     *
     * @param tagCounts token counts by tag string, e.g. {@link BrownWords#tagCounts()}
     */
    public static Table comparison(Map<String, Integer> tagCounts) {
        Map<String, UniversalTag> pub = published();
        Map<String, List<Map.Entry<String, Integer>>> pairs = new LinkedHashMap<>();
        long total = 0, agreeing = 0;
        int agreeingStrings = 0;
        for (Map.Entry<String, Integer> e : tagCounts.entrySet()) {
            total += e.getValue();
            UniversalTag theirs = pub.get(e.getKey().toLowerCase(Locale.ROOT));
            UniversalTag ours = map(e.getKey());
            if (ours == theirs) {
                agreeing += e.getValue();
                agreeingStrings++;
            } else {
                String key = (theirs == null ? "none" : theirs.symbol()) + "\t" + ours.symbol();
                pairs.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        List<String> order = new ArrayList<>(pairs.keySet());
        order.sort((a, b) -> Long.compare(tokens(pairs.get(b)), tokens(pairs.get(a))));
        StringColumn published = StringColumn.create("published");
        StringColumn oursColumn = StringColumn.create("ours");
        IntColumn strings = IntColumn.create("tag_strings");
        IntColumn tokens = IntColumn.create("tokens");
        DoubleColumn share = DoubleColumn.create("share");
        StringColumn examples = StringColumn.create("examples");
        for (String key : order) {
            List<Map.Entry<String, Integer>> rows = new ArrayList<>(pairs.get(key));
            rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            String[] pq = key.split("\t");
            published.append(pq[0]);
            oursColumn.append(pq[1]);
            strings.append(rows.size());
            long n = tokens(rows);
            tokens.append(Math.toIntExact(n));
            share.append(total == 0 ? 0 : n / (double) total);
            examples.append(String.join(" ", rows.stream().limit(4).map(Map.Entry::getKey).toList()));
        }
        String caption = String.format(Locale.ROOT, "This mapping against en-brown.map: %d of %d tag strings and %.2f%% of %d tokens agree",
                agreeingStrings, tagCounts.size(), total == 0 ? 0 : 100.0 * agreeing / total, total);
        return Table.create(caption, published, oursColumn, strings, tokens, share, examples);
    }

    private static long tokens(List<Map.Entry<String, Integer>> rows) {
        long n = 0;
        for (Map.Entry<String, Integer> e : rows) n += e.getValue();
        return n;
    }

    /** The table of base tags (lower case) and their universal tags, in the order of the class notes. */
    public static Map<String, UniversalTag> baseTable() {
        return BASE;
    }

    /**
     * The universal tag of a Brown tag string, by the rule in the class notes.
     *
     * @param brownTag a tag as in the corpus ({@code nn-tl}, {@code ppss+md}, {@code bez*}, …), any case
     * @throws IllegalArgumentException when the rule does not reduce it to a base tag of the table
     */
    public static UniversalTag map(String brownTag) {
        Objects.requireNonNull(brownTag, "brownTag");
        UniversalTag known = MAPPED.get(brownTag);
        if (known != null) return known;
        UniversalTag tag = tryMap(brownTag).orElseThrow(() -> new IllegalArgumentException("Brown tag '" + brownTag
                + "' has no universal tag: its base tag '" + baseTag(brownTag) + "' is not in the table; expected a"
                + " tag of the Brown Corpus Manual with -tl/-hl/-nc, fw-, + or * modifiers"));
        MAPPED.put(brownTag, tag);
        return tag;
    }

    /** The universal tag of a Brown tag string, or empty when the rule does not reach the table. */
    public static Optional<UniversalTag> tryMap(String brownTag) {
        Objects.requireNonNull(brownTag, "brownTag");
        String t = stripModifiers(brownTag.trim().toLowerCase(Locale.ROOT));
        if (t.startsWith("fw-")) return Optional.of(UniversalTag.X);
        return Optional.ofNullable(lookup(baseOf(t)));
    }

    /**
     * The base tag the rule arrives at (steps 1 to 4 and 6 of the class notes): {@code ppss+md} →
     * {@code ppss}, {@code nn-tl-hl} → {@code nn}, {@code bez*} → {@code bez}, {@code rb$} → {@code rb};
     * {@code fw} for any foreign-word tag. The result need not be in the table when the tag is not a Brown tag.
     */
    public static String baseTag(String brownTag) {
        Objects.requireNonNull(brownTag, "brownTag");
        String t = stripModifiers(brownTag.trim().toLowerCase(Locale.ROOT));
        if (t.startsWith("fw-")) return "fw";
        String b = baseOf(t);
        if (!BASE.containsKey(b) && b.endsWith("$") && BASE.containsKey(stripGenitive(b))) return stripGenitive(b);
        return b;
    }

    /** Step 1: the {@code -hl}, {@code -tl} and {@code -nc} modifiers off the end, repeatedly. */
    private static String stripModifiers(String t) {
        boolean again = true;
        while (again) {
            again = false;
            for (String m : new String[] {"-hl", "-tl", "-nc"}) {
                if (t.length() > m.length() && t.endsWith(m)) {
                    t = t.substring(0, t.length() - m.length());
                    again = true;
                }
            }
        }
        return t;
    }

    /** Steps 3 and 4: the first part of a compound (without modifiers of its own), without a negation {@code *}. */
    private static String baseOf(String t) {
        int plus = t.indexOf('+');
        if (plus > 0) t = stripModifiers(t.substring(0, plus));
        if (t.length() > 1 && t.endsWith("*")) t = t.substring(0, t.length() - 1);
        return t;
    }

    /** Steps 5 and 6: the table, then the table without a genitive {@code $}. */
    private static UniversalTag lookup(String base) {
        UniversalTag tag = BASE.get(base);
        if (tag == null && base.length() > 1 && base.endsWith("$")) tag = BASE.get(stripGenitive(base));
        return tag;
    }

    private static String stripGenitive(String base) {
        return base.substring(0, base.length() - 1);
    }

    // ------------------------------------------------------------------ tables

    /**
     * One row per tag string, most frequent first: {@code tag}, {@code base} (as {@link #baseTag(String)}),
     * {@code universal}, {@code tokens}.
     *
     * @param tagCounts token counts by tag string, e.g. {@link BrownWords#tagCounts()}
     * @throws IllegalArgumentException when a tag string has no universal tag
     */
    public static Table tagTable(Map<String, Integer> tagCounts) {
        StringColumn tag = StringColumn.create("tag");
        StringColumn base = StringColumn.create("base");
        StringColumn universal = StringColumn.create("universal");
        IntColumn tokens = IntColumn.create("tokens");
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(tagCounts.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Integer> e : rows) {
            tag.append(e.getKey());
            base.append(baseTag(e.getKey()));
            universal.append(map(e.getKey()).symbol());
            tokens.append(e.getValue());
        }
        return Table.create("Brown tags: " + rows.size() + " tag strings", tag, base, universal, tokens);
    }

    /**
     * One row per universal tag, most tokens first: {@code universal}; {@code base_tags}, the base tags
     * mapped to it (those found in {@code tagCounts}, {@code fw} for foreign words); {@code tag_strings}, how
     * many distinct tag strings; {@code tokens}; {@code share} of all tokens.
     *
     * @param tagCounts token counts by tag string, e.g. {@link BrownWords#tagCounts()}
     * @throws IllegalArgumentException when a tag string has no universal tag
     */
    public static Table summary(Map<String, Integer> tagCounts) {
        Map<UniversalTag, Long> tokens = new EnumMap<>(UniversalTag.class);
        Map<UniversalTag, Integer> strings = new EnumMap<>(UniversalTag.class);
        Map<UniversalTag, Map<String, Long>> bases = new EnumMap<>(UniversalTag.class);
        long total = 0;
        for (Map.Entry<String, Integer> e : tagCounts.entrySet()) {
            UniversalTag u = map(e.getKey());
            tokens.merge(u, (long) e.getValue(), Long::sum);
            strings.merge(u, 1, Integer::sum);
            bases.computeIfAbsent(u, k -> new TreeMap<>()).merge(baseTag(e.getKey()), (long) e.getValue(), Long::sum);
            total += e.getValue();
        }
        List<UniversalTag> order = new ArrayList<>(tokens.keySet());
        order.sort((a, b) -> Long.compare(tokens.get(b), tokens.get(a)));
        StringColumn universal = StringColumn.create("universal");
        StringColumn baseTags = StringColumn.create("base_tags");
        IntColumn tagStrings = IntColumn.create("tag_strings");
        IntColumn tokenColumn = IntColumn.create("tokens");
        DoubleColumn share = DoubleColumn.create("share");
        for (UniversalTag u : order) {
            universal.append(u.symbol());
            List<String> byTokens = new ArrayList<>(bases.get(u).keySet());
            Map<String, Long> b = bases.get(u);
            byTokens.sort((x, y) -> b.get(y).equals(b.get(x)) ? x.compareTo(y) : Long.compare(b.get(y), b.get(x)));
            baseTags.append(String.join(" ", byTokens));
            tagStrings.append(strings.get(u));
            tokenColumn.append(Math.toIntExact(tokens.get(u)));
            share.append(total == 0 ? 0 : tokens.get(u) / (double) total);
        }
        return Table.create("Universal tags of " + tagCounts.size() + " Brown tag strings, " + total + " tokens",
                universal, baseTags, tagStrings, tokenColumn, share);
    }

    /** The base tags of the table grouped by universal tag (for documentation and checks). */
    public static Map<UniversalTag, List<String>> baseTagsByUniversal() {
        Map<UniversalTag, List<String>> m = new EnumMap<>(UniversalTag.class);
        for (Map.Entry<String, UniversalTag> e : BASE.entrySet()) {
            m.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        m.replaceAll((k, v) -> List.copyOf(new TreeSet<>(v)));
        return Collections.unmodifiableMap(m);
    }
}
