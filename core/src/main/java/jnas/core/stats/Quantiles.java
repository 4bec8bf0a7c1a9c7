package jnas.core.stats;

/** Quantiles by linear interpolation between order statistics (NumPy's default method). */
public final class Quantiles {
    private Quantiles() {}

    /**
     * The q-quantile (q in [0, 1]) of values sorted ascending. Equal neighbours give their value, so
     * infinite values are allowed.
     */
    public static double sorted(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        double a = sorted[lo], b = sorted[hi];
        if (lo == hi || a == b) return a;
        return a + (b - a) * (pos - lo);
    }
}
