package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.util.Rng;

class ParetoTest {
    private static List<double[]> random(Rng rng, int n, int d, boolean grid) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            for (int k = 0; k < d; k++) p[k] = grid ? rng.nextInt(5) / 4.0 : rng.nextDouble();
            out.add(p);
        }
        return out;
    }

    /** The volume of the union of boxes [p, ref] by inclusion and exclusion over every subset (exact, for a few points). */
    static double byInclusionExclusion(List<double[]> pts, double[] ref) {
        double total = 0;
        int n = pts.size();
        for (int mask = 1; mask < (1 << n); mask++) {
            double v = 1;
            for (int k = 0; k < ref.length; k++) {
                double lo = -Double.MAX_VALUE;
                for (int i = 0; i < n; i++) if ((mask & (1 << i)) != 0) lo = Math.max(lo, pts.get(i)[k]);
                v *= Math.max(0, ref[k] - lo);
            }
            total += Integer.bitCount(mask) % 2 == 1 ? v : -v;
        }
        return total;
    }

    @Test
    void sweepsEqualInclusionExclusion() {
        Rng rng = new Rng(11);
        for (int d = 1; d <= 5; d++) {
            double[] ref = new double[d];
            java.util.Arrays.fill(ref, 1.1);
            for (int trial = 0; trial < 40; trial++) {
                // ties on a grid, points outside the reference, and plain random points
                List<double[]> pts = random(rng, 1 + rng.nextInt(12), d, trial % 2 == 0);
                if (trial % 3 == 0) pts.add(java.util.Arrays.copyOf(ref, d));
                assertEquals(byInclusionExclusion(pts, ref), Pareto.hypervolume(pts, ref), 1e-9, "d=" + d + " trial " + trial);
            }
        }
    }

    @Test
    void knownVolumes() {
        double[] ref = {1, 1, 1};
        assertEquals(0.125, Pareto.hypervolume(List.of(new double[] {0.5, 0.5, 0.5}), ref), 1e-12);
        // two boxes overlapping in a 0.5 x 0.5 x 0.5 corner: 0.25 + 0.25 - 0.125
        assertEquals(0.375, Pareto.hypervolume(List.of(new double[] {0, 0.5, 0.5}, new double[] {0.5, 0, 0.5}), ref), 1e-12);
        assertEquals(0.0, Pareto.hypervolume(List.of(new double[] {1, 0, 0}), ref), 0);
        assertEquals(0.75, Pareto.hypervolume(List.of(new double[] {0, 0.5}, new double[] {0.5, 0}), new double[] {1, 1}), 1e-12);
    }
}
