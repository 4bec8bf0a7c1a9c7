package jnas.core.glue;

import java.util.List;

/** The three tasks of the miniature GLUE on Brown, in table order: {@code pos}, {@code genre}, {@code same-doc}. */
public final class Tasks {
    private Tasks() {}

    /** POS tagging into the 12 universal tags (token classification). */
    public static final PosTask POS = new PosTask();
    /** Brown's 15 genres from a 62-word window (sequence classification). */
    public static final GenreTask GENRE = new GenreTask(GenreTask.BROWN_GENRES);
    /** Same document or not, from two 30-word windows (sentence-pair classification). */
    public static final SameDocTask SAME_DOC = new SameDocTask();

    /** The three tasks, in table order. */
    public static List<GlueTask> all() {
        return List.of(POS, GENRE, SAME_DOC);
    }

    /**
     * The task called {@code name} ({@code same_doc} is accepted for {@code same-doc}).
     *
     * @throws IllegalArgumentException for another name
     */
    public static GlueTask get(String name) {
        for (GlueTask t : all()) if (t.name().equals(name) || t.key().equals(name)) return t;
        throw new IllegalArgumentException("unknown task '" + name + "'; expected pos, genre or same-doc");
    }
}
