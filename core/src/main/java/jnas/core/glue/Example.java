package jnas.core.glue;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One input of a task, unpadded: {@code [CLS] words [SEP]}, or for a pair {@code [CLS] a [SEP] b [SEP]}.
 * Batches pad it with {@code [PAD]} (id 0), which the encoder masks.
 *
 * <p>Equality is by content (the arrays compared element by element), so two draws with the same seed
 * compare equal.
 *
 * @param ids       token ids, {@code [CLS]} first
 * @param types     token types, one per id: 0 for {@code [CLS]}, the first segment and its {@code [SEP]},
 *                  1 for the second segment and its {@code [SEP]} (all 0 for a single sequence)
 * @param tags      token tasks: per position the class (a {@link jnas.core.data.UniversalTag}'s ordinal) at
 *                  word positions, {@link #IGNORE} at {@code [CLS]} and {@code [SEP]}; null for sequence tasks
 * @param label     sequence tasks: the class; {@link #IGNORE} for token tasks
 * @param words     the words behind the word positions, in order, as in the corpus (both segments of a pair)
 * @param documents the id of the document of each segment (one entry, or two for a pair: a's, then b's)
 * @param starts    the position of each segment's first word in its document's words
 *                  ({@link jnas.core.data.TaggedDocument#words()})
 */
public record Example(int[] ids, int[] types, int[] tags, int label, List<String> words, List<String> documents,
                      List<Integer> starts) {

    /** The label of a position or example that is not scored. */
    public static final int IGNORE = -1;

    public Example {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(types, "types");
        words = List.copyOf(words);
        documents = List.copyOf(documents);
        starts = List.copyOf(starts);
        if (types.length != ids.length) {
            throw new IllegalArgumentException(types.length + " token types for " + ids.length + " ids");
        }
        if (tags != null && tags.length != ids.length) {
            throw new IllegalArgumentException(tags.length + " tags for " + ids.length + " ids");
        }
        if (documents.size() != starts.size()) {
            throw new IllegalArgumentException(documents.size() + " documents but " + starts.size() + " starts");
        }
    }

    /** The number of positions, special tokens included. */
    public int length() {
        return ids.length;
    }

    /** The number of positions with a tag (token tasks), 0 for sequence tasks. */
    public int tagged() {
        if (tags == null) return 0;
        int n = 0;
        for (int t : tags) if (t != IGNORE) n++;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && label == e.label && Arrays.equals(ids, e.ids) && Arrays.equals(types, e.types)
                && Arrays.equals(tags, e.tags) && words.equals(e.words) && documents.equals(e.documents)
                && starts.equals(e.starts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ids), Arrays.hashCode(types), Arrays.hashCode(tags), label, words, documents, starts);
    }

    @Override
    public String toString() {
        return "Example[" + ids.length + " ids, label " + label + ", " + tagged() + " tags, documents " + documents
                + " at " + starts + "]";
    }
}
