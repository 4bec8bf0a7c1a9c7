package jnas.core.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto fronts and hypervolume over points already in "lower is better" form (see
 * {@link Objective#toMinimization}).
 */
public final class Pareto {
    private Pareto() {}

    /** a dominates b: no worse in every objective and better in at least one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) return false;
            if (a[i] < b[i]) better = true;
        }
        return better;
    }

    /**
     * Indices of the non-dominated points, in input order. Equal points are all kept (none dominates the
     * other), as archai does.
     */
    public static List<Integer> front(List<double[]> points) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                dominated = j != i && dominates(points.get(j), points.get(i));
            }
            if (!dominated) out.add(i);
        }
        return out;
    }

    /**
     * The "lower convex hull" variant of the LTS seed code: of the non-dominated points, those on the
     * lower-left convex hull in the plane of the first two objectives (min-max normalised), in input order.
     * Points between hull vertices (dominated by a mix of two others) are dropped.
     */
    public static List<Integer> lowerConvexHull(List<double[]> points) {
        List<Integer> nd = front(points);
        if (nd.size() <= 2) return nd;
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i : nd) {
            for (int k = 0; k < 2; k++) {
                lo[k] = Math.min(lo[k], points.get(i)[k]);
                hi[k] = Math.max(hi[k], points.get(i)[k]);
            }
        }
        List<Integer> sorted = new ArrayList<>(nd);
        sorted.sort(Comparator.<Integer>comparingDouble(i -> points.get(i)[0]).thenComparingDouble(i -> points.get(i)[1]));
        List<Integer> hull = new ArrayList<>();
        for (int i : sorted) {
            while (hull.size() >= 2 && cross(norm(points.get(hull.get(hull.size() - 2)), lo, hi),
                    norm(points.get(hull.get(hull.size() - 1)), lo, hi), norm(points.get(i), lo, hi)) <= 0) {
                hull.remove(hull.size() - 1);
            }
            hull.add(i);
        }
        List<Integer> out = new ArrayList<>(hull);
        out.sort(null);
        return out;
    }

    private static double[] norm(double[] p, double[] lo, double[] hi) {
        return new double[] {scale(p[0], lo[0], hi[0]), scale(p[1], lo[1], hi[1])};
    }

    private static double scale(double v, double lo, double hi) {
        return hi > lo ? (v - lo) / (hi - lo) : 0;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /**
     * The volume dominated by the points and bounded by the reference point (exact, by slicing along the
     * last objective). Points not strictly better than the reference in every objective add nothing.
     */
    public static double hypervolume(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean in = true;
            for (int k = 0; k < reference.length; k++) in &= p[k] < reference[k];
            if (in) inside.add(p);
        }
        return slice(inside, reference, reference.length);
    }

    private static double slice(List<double[]> points, double[] ref, int dims) {
        if (points.isEmpty()) return 0;
        if (dims == 1) {
            double best = Double.MAX_VALUE;
            for (double[] p : points) best = Math.min(best, p[0]);
            return ref[0] - best;
        }
        List<double[]> sorted = new ArrayList<>(points);
        int last = dims - 1;
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double volume = 0;
        List<double[]> below = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            below.add(Arrays.copyOf(sorted.get(i), last));
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : ref[last];
            double height = next - sorted.get(i)[last];
            if (height > 0) {
                List<double[]> nd = new ArrayList<>();
                for (int j : front(below)) nd.add(below.get(j));
                volume += height * slice(nd, ref, last);
            }
        }
        return volume;
    }
}
