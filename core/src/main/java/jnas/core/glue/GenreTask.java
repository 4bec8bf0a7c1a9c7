package jnas.core.glue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.TaggedDocument;
import jnas.core.data.WordVocab;
import jnas.core.util.Rng;

/**
 * The genre of a window of text: 15-way classification for Brown (classes: the genres in alphabetical
 * order), from the pooled {@code [CLS]} state; metrics accuracy and macro-F1.
 *
 * <p><b>Examples.</b> {@code [CLS]} + {@code seqLen - 2} contiguous words of one document + {@code [SEP]}
 * (62 words at the default length 64); windows run across sentence boundaries. Each document of the part
 * is cut into consecutive, non-overlapping windows from an offset drawn from the part's generator (documents
 * shorter than a window give none); the pool of all windows is shuffled and the first {@code count} taken,
 * so no window repeats and each document contributes about in proportion to its length (Brown's texts are
 * of about 2,000 words each, so the classes are about as frequent as the genres' documents).
 *
 * <p><b>Baseline.</b> The majority class of the training examples.
 */
public final class GenreTask extends SequenceTask {
    public static final String NAME = "genre";

    /** Brown's 15 genres in alphabetical order (as {@link jnas.core.data.BrownWords#genres()}). */
    public static final List<String> BROWN_GENRES = List.of("adventure", "belles_lettres", "editorial", "fiction", "government",
            "hobbies", "humor", "learned", "lore", "mystery", "news", "religion", "reviews", "romance", "science_fiction");

    private final List<String> genres;
    private final Map<String, Integer> index = new HashMap<>();

    /** The task over these genres (the classes, in this order): {@link Tasks#GENRE} for Brown's. */
    public GenreTask(List<String> genres) {
        this.genres = List.copyOf(genres);
        for (int i = 0; i < this.genres.size(); i++) {
            if (index.put(this.genres.get(i), i) != null) throw new IllegalArgumentException("genre " + this.genres.get(i) + " repeats");
        }
        if (this.genres.size() < 2) throw new IllegalArgumentException("genre classification needs >= 2 genres, got " + genres);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Kind kind() {
        return Kind.SEQUENCE;
    }

    @Override
    public List<String> metrics() {
        return List.of("accuracy", "macro_f1");
    }

    @Override
    public List<String> labels() {
        return genres;
    }

    private record Window(TaggedDocument document, List<String> words, int start) {}

    @Override
    public List<Example> examples(List<TaggedDocument> documents, WordVocab vocab, int count, int seqLen, Rng rng) {
        int width = seqLen - 2;
        if (width < 1) throw new IllegalArgumentException("genre needs seqLen >= 3, was " + seqLen);
        List<Window> pool = new ArrayList<>();
        for (TaggedDocument d : documents) {
            if (!index.containsKey(d.genre())) {
                throw new IllegalArgumentException("document " + d.id() + " has genre " + d.genre() + ", not one of " + genres);
            }
            List<String> words = d.words();
            for (int s : windows(words.size(), width, rng)) pool.add(new Window(d, words, s));
        }
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("genre: none of the " + documents.size() + " documents has " + width + " words");
        }
        List<Example> out = new ArrayList<>();
        for (Window w : GlueTask.draw(pool, count, rng)) {
            List<String> words = w.words().subList(w.start(), w.start() + width);
            int[] ids = new int[width + 2];
            ids[0] = WordVocab.CLS_ID;
            System.arraycopy(vocab.encode(words), 0, ids, 1, width);
            ids[width + 1] = WordVocab.SEP_ID;
            out.add(new Example(ids, new int[ids.length], null, index.get(w.document().genre()), words,
                    List.of(w.document().id()), List.of(w.start())));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
