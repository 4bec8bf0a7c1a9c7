package jnas.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A train/validation split of Brown corpus texts, and the rule that makes it.
 *
 * <p>{@link #of(List, double)} is deterministic and stratified by genre: within each genre the texts
 * are ordered by id and {@code k = max(1, round(n * validFraction))} of the {@code n} are held out for
 * validation (at most {@code n - 1}; a genre with a single text stays in training), evenly spaced:
 * positions {@code floor((j + 0.5) * n / k)} for {@code j = 0 … k-1}. With the default fraction
 * {@value #DEFAULT_VALID_FRACTION}, 52 of the 500 texts (at least one of each genre) are held out and
 * 448 are used for training.
 *
 * @param train the training texts, ordered by id
 * @param valid the validation texts, ordered by id
 */
public record BrownSplit(List<BrownText> train, List<BrownText> valid) {

    /** The validation fraction {@link BrownCorpus#split()} uses. */
    public static final double DEFAULT_VALID_FRACTION = 0.1;

    public BrownSplit {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
    }

    /**
     * Splits {@code texts} by the rule in the class notes.
     *
     * @param texts         the texts to split, in any order
     * @param validFraction the share of each genre held out, strictly between 0 and 1
     * @throws IllegalArgumentException when {@code validFraction} is not in (0, 1)
     */
    public static BrownSplit of(List<BrownText> texts, double validFraction) {
        if (!(validFraction > 0 && validFraction < 1)) {
            throw new IllegalArgumentException("validFraction must be in (0, 1), was " + validFraction);
        }
        Comparator<BrownText> byId = Comparator.comparing(BrownText::id);
        Map<String, List<BrownText>> byGenre = new TreeMap<>();
        for (BrownText t : texts) byGenre.computeIfAbsent(t.genre(), g -> new ArrayList<>()).add(t);
        List<BrownText> train = new ArrayList<>();
        List<BrownText> valid = new ArrayList<>();
        for (List<BrownText> group : byGenre.values()) {
            group.sort(byId);
            int n = group.size();
            int k = n < 2 ? 0 : (int) Math.min(n - 1, Math.max(1, Math.round(n * validFraction)));
            boolean[] held = new boolean[n];
            for (int j = 0; j < k; j++) held[(int) Math.floor((j + 0.5) * n / k)] = true;
            for (int i = 0; i < n; i++) (held[i] ? valid : train).add(group.get(i));
        }
        train.sort(byId);
        valid.sort(byId);
        return new BrownSplit(train, valid);
    }

    /** The training texts, concatenated in id order, separated by a blank line. */
    public String trainText() {
        return BrownText.join(train);
    }

    /** The validation texts, concatenated in id order, separated by a blank line. */
    public String validText() {
        return BrownText.join(valid);
    }

    /** As {@link TextData} named {@code brown} (no test text). */
    public TextData toTextData() {
        return new TextData("brown", trainText(), validText(), "");
    }

    @Override
    public String toString() {
        return "Split[train " + train.size() + " texts, valid " + valid.size() + " texts]";
    }
}
