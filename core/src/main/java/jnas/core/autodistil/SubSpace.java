package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import jnas.core.model.EncoderConfig;
import jnas.core.util.Rng;

/**
 * One of AutoDistil's compact sub-spaces: the values each dimension takes (layers, hidden size, MLP
 * ratio, heads); its sub-networks are every combination. Each has one weight-sharing SuperLM.
 */
public record SubSpace(String name, List<Integer> layers, List<Integer> hidden, List<Double> ratios, List<Integer> heads) {
    public SubSpace {
        layers = sortedDistinct(layers);
        hidden = sortedDistinct(hidden);
        ratios = sortedDistinct(ratios);
        heads = sortedDistinct(heads);
        if (layers.isEmpty() || hidden.isEmpty() || ratios.isEmpty() || heads.isEmpty()) {
            throw new IllegalArgumentException("sub-space " + name + " needs at least one value in every dimension");
        }
    }

    private static <T extends Comparable<T>> List<T> sortedDistinct(List<T> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    /** The number of sub-networks. */
    public int size() {
        return layers.size() * hidden.size() * ratios.size() * heads.size();
    }

    /** Every sub-network, in the order layers, hidden, ratio, heads (each ascending). */
    public List<SubNet> all() {
        List<SubNet> out = new ArrayList<>();
        for (int l : layers) for (int h : hidden) for (double r : ratios) for (int a : heads) out.add(SubNet.of(l, h, a, r));
        return out;
    }

    /** The largest value of every dimension. */
    public SubNet largest() {
        return SubNet.of(layers.get(layers.size() - 1), hidden.get(hidden.size() - 1), heads.get(heads.size() - 1),
                ratios.get(ratios.size() - 1));
    }

    /** The smallest value of every dimension. */
    public SubNet smallest() {
        return SubNet.of(layers.get(0), hidden.get(0), heads.get(0), ratios.get(0));
    }

    /** A uniformly drawn sub-network (each dimension drawn independently). */
    public SubNet sample(Rng rng) {
        return SubNet.of(rng.pick(layers), rng.pick(hidden), rng.pick(heads), rng.pick(ratios));
    }

    /**
     * The sandwich rule for one batch: the largest, the smallest and {@code m - 2} random sub-networks
     * ({@code m} at least 2), in that order.
     */
    public List<SubNet> sandwich(int m, Rng rng) {
        if (m < 2) throw new IllegalArgumentException("the sandwich rule trains at least the largest and the smallest (M >= 2), got M = " + m);
        List<SubNet> out = new ArrayList<>(List.of(largest(), smallest()));
        for (int i = 2; i < m; i++) out.add(sample(rng));
        return out;
    }

    public boolean contains(SubNet s) {
        return all().contains(s);
    }

    /** One line when a sub-network of this space does not fit inside {@code teacher}. */
    public void checkFits(EncoderConfig teacher) {
        largest().checkFits(teacher);
    }

    /** {@code Tiny: layers 1-2, hidden 44-76, MLP ratio 2.0-3.5, heads 2-3 (64 sub-networks)}. */
    public String describe() {
        return name + ": layers " + range(layers) + ", hidden " + range(hidden) + ", MLP ratio " + range(ratios) + ", heads " + range(heads)
                + " (" + size() + " sub-networks)";
    }

    private static String range(List<?> v) {
        return v.size() == 1 ? v.get(0).toString() : v.get(0) + "-" + v.get(v.size() - 1);
    }

    /** The union of several sub-spaces' values, named {@code name} (K = 1: one space over all of them). */
    public static SubSpace union(String name, List<SubSpace> spaces) {
        List<Integer> l = new ArrayList<>(), h = new ArrayList<>(), a = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        for (SubSpace s : spaces) {
            l.addAll(s.layers);
            h.addAll(s.hidden);
            r.addAll(s.ratios);
            a.addAll(s.heads);
        }
        return new SubSpace(name, l, h, r, a);
    }
}
