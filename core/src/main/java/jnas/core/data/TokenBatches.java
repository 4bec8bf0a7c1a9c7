package jnas.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Batches of next-token prediction windows from a token stream.
 *
 * <p>Training batches ({@link #next()}) are random: each of the {@code batchSize} rows starts at a
 * position drawn uniformly from {@code [0, n - seqLen - 1]} by a {@link SplittableRandom} seeded with
 * the given seed, so the same seed gives the same sequence of batches on every machine. A row's input
 * is {@code tokens[s, s + seqLen)} and its target {@code tokens[s + 1, s + seqLen + 1)}: the input
 * shifted by one.
 *
 * <p>Evaluation batches ({@link #evaluation(int[], int, int, int)}) are fixed: the stream is cut into
 * non-overlapping windows {@code [i * seqLen, (i + 1) * seqLen)} (with their shifted targets); all of
 * them are used, or, when {@code maxBatches} batches hold fewer rows than there are windows,
 * {@code maxBatches * batchSize} windows spread evenly over the stream.
 */
public final class TokenBatches {

    /**
     * One batch, row-major: row {@code b}, position {@code t} is at index {@code b * seqLen + t}.
     *
     * @param rows    the number of rows (the batch size; an evaluation batch's last may hold fewer)
     * @param seqLen  the window length
     * @param starts  the stream position of each row's first input token
     * @param inputs  {@code rows * seqLen} input ids
     * @param targets {@code rows * seqLen} target ids, each input's successor in the stream
     */
    public record Batch(int rows, int seqLen, int[] starts, int[] inputs, int[] targets) {
        /** The number of tokens predicted, {@code rows * seqLen}. */
        public int tokens() {
            return rows * seqLen;
        }
    }

    private final int[] tokens;
    private final int batchSize;
    private final int seqLen;
    private final long seed;
    private SplittableRandom random;
    private long drawn;

    /**
     * Random training batches.
     *
     * @param tokens    the stream (not copied), at least {@code seqLen + 1} long
     * @param batchSize rows per batch
     * @param seqLen    window length
     * @param seed      the seed of the position sampler
     */
    public TokenBatches(int[] tokens, int batchSize, int seqLen, long seed) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        check(tokens, batchSize, seqLen);
        this.batchSize = batchSize;
        this.seqLen = seqLen;
        this.seed = seed;
        reset();
    }

    /** Starts the sequence of batches again from the seed. */
    public void reset() {
        random = new SplittableRandom(seed);
        drawn = 0;
    }

    /** The number of batches drawn since construction or {@link #reset()}. */
    public long drawn() {
        return drawn;
    }

    public int batchSize() {
        return batchSize;
    }

    public int seqLen() {
        return seqLen;
    }

    /** The next random batch. */
    public Batch next() {
        int[] starts = new int[batchSize];
        int bound = tokens.length - seqLen; // starts in [0, n - seqLen - 1]
        for (int b = 0; b < batchSize; b++) starts[b] = random.nextInt(bound);
        drawn++;
        return gather(tokens, starts, starts.length, seqLen);
    }

    /**
     * The number of non-overlapping evaluation windows of the stream: {@code (n - 1) / seqLen}.
     */
    public static int windows(int[] tokens, int seqLen) {
        return Math.max(0, (tokens.length - 1) / seqLen);
    }

    /**
     * Fixed evaluation batches over {@code tokens} (see the class notes).
     *
     * @param maxBatches at most this many batches; {@code <= 0} for all windows
     */
    public static Iterable<Batch> evaluation(int[] tokens, int batchSize, int seqLen, int maxBatches) {
        Objects.requireNonNull(tokens, "tokens");
        check(tokens, batchSize, seqLen);
        int windows = windows(tokens, seqLen);
        long wanted = maxBatches <= 0 ? windows : Math.min(windows, (long) maxBatches * batchSize);
        int count = (int) wanted;
        int[] starts = new int[count];
        for (int j = 0; j < count; j++) {
            long window = count == windows ? j : (long) j * windows / count;
            starts[j] = (int) (window * seqLen);
        }
        return () -> new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int rows = Math.min(batchSize, count - next);
                int[] rowStarts = new int[rows];
                System.arraycopy(starts, next, rowStarts, 0, rows);
                next += rows;
                return gather(tokens, rowStarts, rows, seqLen);
            }
        };
    }

    private static Batch gather(int[] tokens, int[] starts, int rows, int seqLen) {
        int[] inputs = new int[rows * seqLen];
        int[] targets = new int[rows * seqLen];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(tokens, starts[b], inputs, b * seqLen, seqLen);
            System.arraycopy(tokens, starts[b] + 1, targets, b * seqLen, seqLen);
        }
        return new Batch(rows, seqLen, starts, inputs, targets);
    }

    private static void check(int[] tokens, int batchSize, int seqLen) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        if (seqLen < 1) throw new IllegalArgumentException("seqLen must be >= 1, was " + seqLen);
        if (tokens.length < seqLen + 1) {
            throw new IllegalArgumentException("a stream of " + tokens.length + " tokens is too short for windows of "
                    + seqLen + " (needs at least " + (seqLen + 1) + ")");
        }
    }
}
