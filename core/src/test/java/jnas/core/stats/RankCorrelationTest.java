package jnas.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    @Test
    void ranksAverageTies() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, RankCorrelation.ranks(new double[] {1, 5, 5, 9}));
    }

    @Test
    void handCheckedValues() {
        // perfectly monotone and perfectly reversed
        assertEquals(1.0, RankCorrelation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 25, 40}), 1e-12);
        assertEquals(-1.0, RankCorrelation.kendallTauB(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-12);
        // x = 1..5, y = 2,1,4,3,5: d = -1,1,-1,1,0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, RankCorrelation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
        // 10 pairs, 2 discordant: tau = (8 - 2) / 10 = 0.6
        assertEquals(0.6, RankCorrelation.kendallTauB(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
    }

    @Test
    void agreesWithCommonsMathWithTies() {
        double[] x = {1, 2, 2, 3, 5, 5, 5, 8, 9, 10};
        double[] y = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3};
        assertEquals(new SpearmansCorrelation().correlation(x, y), RankCorrelation.spearman(x, y), 1e-12);
        assertEquals(new KendallsCorrelation().correlation(x, y), RankCorrelation.kendallTauB(x, y), 1e-12);
    }
}
