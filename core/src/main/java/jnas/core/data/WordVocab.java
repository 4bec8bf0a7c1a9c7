package jnas.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A word vocabulary for BERT-style models: five special tokens, then the most frequent words of a
 * training text.
 *
 * <p><b>Ids.</b> {@value #PAD} = {@value #PAD_ID}, {@value #UNK} = {@value #UNK_ID}, {@value #MASK} =
 * {@value #MASK_ID}, {@value #CLS} = {@value #CLS_ID}, {@value #SEP} = {@value #SEP_ID}; then the words,
 * most frequent first, ties in {@link String#compareTo} order, so the vocabulary depends on the training
 * words only. A word is a corpus token (punctuation included) {@linkplain #normalize(String) lower-cased};
 * a word not in the vocabulary encodes as {@value #UNK}. The special tokens are matched exactly (upper
 * case), so no corpus word can take their ids.
 *
 * <p><b>Hash.</b> {@link #hash()} is 16 hex digits of the SHA-256 of the tokens in id order, one per line:
 * two vocabularies with the same tokens in the same order have the same hash, on any machine, so models can
 * be cached by it.
 */
public final class WordVocab {

    /** Padding. */
    public static final String PAD = "[PAD]";
    /** A word outside the vocabulary. */
    public static final String UNK = "[UNK]";
    /** A masked position (masked-LM pre-training). */
    public static final String MASK = "[MASK]";
    /** The start of an input (its vector classifies the input). */
    public static final String CLS = "[CLS]";
    /** The end of an input, or a separator between two segments. */
    public static final String SEP = "[SEP]";
    public static final int PAD_ID = 0;
    public static final int UNK_ID = 1;
    public static final int MASK_ID = 2;
    public static final int CLS_ID = 3;
    public static final int SEP_ID = 4;
    /** The special tokens in id order. */
    public static final List<String> SPECIAL_TOKENS = List.of(PAD, UNK, MASK, CLS, SEP);
    /** The number of words {@link BrownWords#vocab()} keeps. */
    public static final int DEFAULT_MAX_WORDS = 8000;

    private final List<String> tokens;        // specials, then words
    private final int[] counts;               // training count by id (0 for the specials)
    private final Map<String, Integer> ids;
    private final String hash;

    private WordVocab(List<String> words, int[] wordCounts) {
        List<String> all = new ArrayList<>(SPECIAL_TOKENS.size() + words.size());
        all.addAll(SPECIAL_TOKENS);
        all.addAll(words);
        this.tokens = List.copyOf(all);
        this.counts = new int[tokens.size()];
        System.arraycopy(wordCounts, 0, counts, SPECIAL_TOKENS.size(), wordCounts.length);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) throw new IllegalArgumentException("token " + tokens.get(i) + " repeats");
        }
        this.hash = sha256(String.join("\n", tokens));
    }

    /** A word as the vocabulary keys it: lower-cased ({@link Locale#ROOT}). */
    public static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT);
    }

    /**
     * The vocabulary of the {@code maxWords} most frequent words of {@code train} (all of them if fewer).
     *
     * @param train    the training documents
     * @param maxWords how many words to keep besides the special tokens, at least 1
     */
    public static WordVocab fit(List<TaggedDocument> train, int maxWords) {
        List<String> words = new ArrayList<>();
        for (TaggedDocument d : train) for (TaggedSentence s : d.sentences()) words.addAll(s.words());
        return fitWords(words, maxWords);
    }

    /**
     * The vocabulary of the {@code maxWords} most frequent of these words (tokens, as in the corpus; they
     * are lower-cased here).
     *
     * @throws IllegalArgumentException when {@code maxWords} is below 1
     */
    public static WordVocab fitWords(Iterable<String> words, int maxWords) {
        if (maxWords < 1) throw new IllegalArgumentException("maxWords must be at least 1, was " + maxWords);
        Map<String, int[]> raw = new HashMap<>();   // by the word as given (corpus words share strings: fast)
        for (String w : words) raw.computeIfAbsent(w, k -> new int[1])[0]++;
        Map<String, int[]> counts = new HashMap<>();
        for (Map.Entry<String, int[]> e : raw.entrySet()) {
            counts.computeIfAbsent(normalize(e.getKey()), k -> new int[1])[0] += e.getValue()[0];
        }
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getKey().compareTo(b.getKey()));
        int n = Math.min(maxWords, entries.size());
        List<String> kept = new ArrayList<>(n);
        int[] keptCounts = new int[n];
        for (int i = 0; i < n; i++) {
            kept.add(entries.get(i).getKey());
            keptCounts[i] = entries.get(i).getValue()[0];
        }
        return new WordVocab(kept, keptCounts);
    }

    /**
     * A vocabulary of exactly these words in this order after the special tokens (e.g. as saved from
     * {@link #words()}); their counts are unknown (0).
     *
     * @throws IllegalArgumentException when a word repeats, is a special token or is not lower case
     */
    public static WordVocab ofWords(List<String> words) {
        for (String w : words) {
            if (!normalize(w).equals(w)) throw new IllegalArgumentException("vocabulary word " + w + " is not lower case");
        }
        return new WordVocab(words, new int[words.size()]);
    }

    /** The number of ids, the special tokens included. */
    public int size() {
        return tokens.size();
    }

    /** The tokens in id order: the five special tokens, then the words. */
    public List<String> tokens() {
        return tokens;
    }

    /** The words in id order, without the special tokens. */
    public List<String> words() {
        return tokens.subList(SPECIAL_TOKENS.size(), tokens.size());
    }

    /** The id of a special token (exact) or of a word (lower-cased); {@value #UNK_ID} for any other. */
    public int id(String word) {
        Integer id = ids.get(word);
        if (id == null) id = ids.get(normalize(word));
        return id == null ? UNK_ID : id;
    }

    /** Whether the word, lower-cased, is in the vocabulary (special tokens are not words). */
    public boolean contains(String word) {
        Integer id = ids.get(normalize(word));
        return id != null && id >= SPECIAL_TOKENS.size();
    }

    /**
     * The token of an id.
     *
     * @throws IndexOutOfBoundsException when the id is outside {@code [0, size())}
     */
    public String token(int id) {
        return tokens.get(id);
    }

    /** How often the word of this id occurred in the training words (0 for the special tokens and {@link #ofWords}). */
    public int count(int id) {
        return counts[id];
    }

    /** The ids of these words, unknown words as {@value #UNK_ID}. */
    public int[] encode(List<String> words) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) out[i] = id(words.get(i));
        return out;
    }

    /** The ids of a sentence's words. */
    public int[] encode(TaggedSentence sentence) {
        return encode(sentence.words());
    }

    /** Every sentence of {@code documents}, in order, as one stream of ids (what masked-LM pre-training reads). */
    public int[] encodeDocuments(List<TaggedDocument> documents) {
        List<int[]> parts = new java.util.ArrayList<>();
        int n = 0;
        for (TaggedDocument d : documents) {
            for (TaggedSentence s : d.sentences()) {
                int[] ids = encode(s);
                parts.add(ids);
                n += ids.length;
            }
        }
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /**
     * The tokens of these ids (lower case, {@value #UNK} for unknown words).
     *
     * @throws IndexOutOfBoundsException when an id is outside {@code [0, size())}
     */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(tokens.get(id));
        return out;
    }

    /** 16 hex digits of the SHA-256 of the tokens in id order (see the class notes). */
    public String hash() {
        return hash;
    }

    // ------------------------------------------------------------------ coverage

    /**
     * How much of a text the vocabulary covers.
     *
     * @param part       a name for the text
     * @param documents  how many documents it has
     * @param tokens     its tokens
     * @param known      its tokens in the vocabulary
     * @param types      its distinct lower-cased words
     * @param knownTypes those in the vocabulary
     */
    public record Coverage(String part, int documents, long tokens, long known, int types, int knownTypes) {

        /** The share of tokens in the vocabulary (1 for no tokens). */
        public double share() {
            return tokens == 0 ? 1 : known / (double) tokens;
        }

        /** The share of distinct words in the vocabulary (1 for none). */
        public double typeShare() {
            return types == 0 ? 1 : knownTypes / (double) types;
        }

        /** The tokens that encode as {@value WordVocab#UNK}. */
        public long unknown() {
            return tokens - known;
        }
    }

    /** The coverage of these documents' words. */
    public Coverage coverage(String part, List<TaggedDocument> documents) {
        Map<String, int[]> raw = new HashMap<>();
        for (TaggedDocument d : documents) {
            for (TaggedSentence s : d.sentences()) {
                for (String w : s.words()) raw.computeIfAbsent(w, k -> new int[1])[0]++;
            }
        }
        long tokenCount = 0;
        long known = 0;
        Set<String> types = new HashSet<>();
        for (Map.Entry<String, int[]> e : raw.entrySet()) {
            tokenCount += e.getValue()[0];
            if (contains(e.getKey())) known += e.getValue()[0];
            types.add(normalize(e.getKey()));
        }
        int knownTypes = 0;
        for (String t : types) if (contains(t)) knownTypes++;
        return new Coverage(part, documents.size(), tokenCount, known, types.size(), knownTypes);
    }

    /** The coverage of each part of a split, in the order train, dev, test. */
    public List<Coverage> coverage(WordSplit split) {
        List<Coverage> out = new ArrayList<>();
        for (String p : WordSplit.PARTS) out.add(coverage(p, split.part(p)));
        return out;
    }

    /**
     * One row per part of the split: {@code part}, {@code documents}, {@code tokens}, {@code in_vocab},
     * {@code unk}, {@code coverage} (share of tokens), {@code types}, {@code types_in_vocab},
     * {@code type_coverage}.
     */
    public Table coverageTable(WordSplit split) {
        StringColumn part = StringColumn.create("part");
        IntColumn documents = IntColumn.create("documents");
        IntColumn tokenCount = IntColumn.create("tokens");
        IntColumn inVocab = IntColumn.create("in_vocab");
        IntColumn unk = IntColumn.create("unk");
        DoubleColumn share = DoubleColumn.create("coverage");
        IntColumn types = IntColumn.create("types");
        IntColumn typesIn = IntColumn.create("types_in_vocab");
        DoubleColumn typeShare = DoubleColumn.create("type_coverage");
        for (Coverage c : coverage(split)) {
            part.append(c.part());
            documents.append(c.documents());
            tokenCount.append(Math.toIntExact(c.tokens()));
            inVocab.append(Math.toIntExact(c.known()));
            unk.append(Math.toIntExact(c.unknown()));
            share.append(c.share());
            types.append(c.types());
            typesIn.append(c.knownTypes());
            typeShare.append(c.typeShare());
        }
        return Table.create("Coverage of " + words().size() + " words + " + SPECIAL_TOKENS.size() + " special tokens"
                + " (vocab " + hash + ")", part, documents, tokenCount, inVocab, unk, share, types, typesIn, typeShare);
    }

    private static String sha256(String s) {
        return jnas.core.util.Hashes.sha256Hex(s, 8);
    }

    @Override
    public String toString() {
        return "WordVocab[" + size() + " tokens (" + words().size() + " words + 5 special), hash " + hash + "]";
    }
}
