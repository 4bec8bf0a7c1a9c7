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
     * The volume dominated by the points and bounded by the reference point, exact. Points not strictly
     * better than the reference in every objective add nothing. Two objectives: one sweep, O(n log n);
     * three: a sweep along the third objective over a staircase of the first two, O(n log n) (each point
     * enters and leaves the staircase once); more: slices along the last objective down to three.
     */
    public static double hypervolume(List<double[]> points, double[] reference) {
        List<double[]> inside = inside(points, reference);
        return switch (reference.length) {
            case 1 -> inside.isEmpty() ? 0 : reference[0] - inside.stream().mapToDouble(p -> p[0]).min().orElseThrow();
            case 2 -> area(inside, reference);
            case 3 -> volume3(inside, reference);
            default -> slice(inside, reference, reference.length, 3);
        };
    }

    private static List<double[]> inside(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean in = true;
            for (int k = 0; k < reference.length; k++) in &= p[k] < reference[k];
            if (in) inside.add(p);
        }
        return inside;
    }

    /** Two objectives: sweep in x; each point adds the strip between its y and the lowest y so far. */
    private static double area(List<double[]> points, double[] ref) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0, lowest = ref[1];
        for (double[] p : sorted) {
            if (p[1] < lowest) {
                area += (ref[0] - p[0]) * (lowest - p[1]);
                lowest = p[1];
            }
        }
        return area;
    }

    /** Three objectives: sweep in z, keeping the area dominated in (x, y) by the points below. */
    private static double volume3(List<double[]> points, double[] ref) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[2]));
        java.util.TreeMap<Double, Double> stairs = new java.util.TreeMap<>(); // x ascending, y strictly descending
        double area = 0, volume = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double[] p = sorted.get(i);
            area += insert(stairs, p[0], p[1], ref);
            double next = i + 1 < sorted.size() ? sorted.get(i + 1)[2] : ref[2];
            volume += area * (next - p[2]);
        }
        return volume;
    }

    /** Adds (x, y) to the staircase; returns the area it adds (0 when a step already dominates it). */
    private static double insert(java.util.TreeMap<Double, Double> stairs, double x, double y, double[] ref) {
        java.util.Map.Entry<Double, Double> floor = stairs.floorEntry(x);
        if (floor != null && floor.getValue() <= y) return 0;
        java.util.Map.Entry<Double, Double> lower = stairs.lowerEntry(x);
        double height = lower == null ? ref[1] : lower.getValue();
        double u = x, added = 0;
        boolean stopped = false;
        java.util.Iterator<java.util.Map.Entry<Double, Double>> tail = stairs.tailMap(x, true).entrySet().iterator();
        while (tail.hasNext()) {
            java.util.Map.Entry<Double, Double> e = tail.next();
            added += (e.getKey() - u) * (height - y);
            u = e.getKey();
            if (e.getValue() >= y) {
                height = e.getValue();
                tail.remove(); // dominated by the newcomer
            } else {
                stopped = true;
                break;
            }
        }
        if (!stopped) added += (ref[0] - u) * (height - y);
        stairs.put(x, y);
        return added;
    }

    private static double slice(List<double[]> points, double[] ref, int dims, int base) {
        if (points.isEmpty()) return 0;
        if (dims == base) {
            double[] r = Arrays.copyOf(ref, dims);
            return base == 3 ? volume3(points, r) : area(points, r);
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
            if (height > 0) volume += height * slice(below, ref, last, base);
        }
        return volume;
    }
}
