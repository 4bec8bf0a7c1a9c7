package jnas.core.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Spearman's rho (average ranks for ties) and Kendall's tau-b. */
public final class RankCorrelation {
    private RankCorrelation() {}

    /** Ranks 1..n, ties get the average of the ranks they span. */
    public static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
        double[] r = new double[x.length];
        int i = 0;
        while (i < x.length) {
            int j = i;
            while (j + 1 < x.length && x[order[j + 1]] == x[order[i]]) j++;
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) r[order[k]] = avg;
            i = j + 1;
        }
        return r;
    }

    /** Pearson correlation of the ranks. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    public static double pearson(double[] x, double[] y) {
        check(x, y);
        double mx = Arrays.stream(x).average().orElse(0), my = Arrays.stream(y).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Kendall's tau-b: (concordant - discordant) / sqrt((n0 - ties in x)(n0 - ties in y)), O(n^2). */
    public static double kendallTauB(double[] x, double[] y) {
        check(x, y);
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0, pairs = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                pairs++;
                double dx = Math.signum(x[i] - x[j]), dy = Math.signum(y[i] - y[j]);
                if (dx == 0) tiesX++;
                if (dy == 0) tiesY++;
                if (dx != 0 && dy != 0) {
                    if (dx == dy) concordant++;
                    else discordant++;
                }
            }
        }
        double denom = Math.sqrt((double) (pairs - tiesX) * (pairs - tiesY));
        return denom == 0 ? Double.NaN : (concordant - discordant) / denom;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        if (x.length < 2) throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + x.length);
    }
}
