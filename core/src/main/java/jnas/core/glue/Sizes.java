package jnas.core.glue;

/**
 * How many examples each task draws per part of the split. A part with fewer candidates than asked
 * for gives all it has (POS and genre draw without repeats; same-doc pairs draw with replacement and
 * always give the count asked for).
 *
 * @param train training examples
 * @param dev   development examples
 * @param test  test examples
 */
public record Sizes(int train, int dev, int test) {

    /** The default: seconds per task on a tiny encoder (2 x 32), a few hundred steps of batch 16. */
    public static final Sizes DEFAULT = new Sizes(1000, 200, 200);

    /** A notebook's quick mode: a few thousand training examples, a few hundred for dev and test. */
    public static final Sizes QUICK = new Sizes(4000, 400, 400);

    public Sizes {
        if (train < 1 || dev < 1 || test < 1) {
            throw new IllegalArgumentException("example counts must be >= 1, were " + train + ", " + dev + " and " + test);
        }
    }

    /** The count of a part: {@code train}, {@code dev} or {@code test}. */
    public int part(String name) {
        return switch (name) {
            case "train" -> train;
            case "dev" -> dev;
            case "test" -> test;
            default -> throw new IllegalArgumentException("No split part " + name + "; expected train, dev or test");
        };
    }
}
