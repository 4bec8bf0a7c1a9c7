package jnas.core.util;

import java.util.List;

/**
 * The one random-number generator a search owns: SplitMix64, whose whole state is one {@code long}, so
 * it is saved with the search after every evaluation and a resumed search continues the same sequence.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** A generator continuing from a saved {@link #state()}. */
    public static Rng fromState(long state) {
        return new Rng(state);
    }

    public long state() {
        return state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, was " + bound);
        // rejection sampling keeps it exactly uniform
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double p) {
        return nextDouble() < p;
    }

    public <T> T pick(List<T> items) {
        return items.get(nextInt(items.size()));
    }
}
