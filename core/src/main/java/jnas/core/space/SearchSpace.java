package jnas.core.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jnas.core.util.Rng;

/**
 * A space of architectures: global genes, optionally per-layer genes whose count follows a depth gene
 * (heterogeneous layers), and constraints between genes. Sampling, mutation and crossover only ever
 * return architectures that satisfy every constraint.
 *
 * <pre>{@code
 * SearchSpace lts = SearchSpace.builder("lts-gpt2")
 *     .integer("n_layer", 2, 15)
 *     .integer("d_model", 128, 960, 64)
 *     .layers("n_layer", layer -> layer
 *         .integer("d_inner", 128, 4032, 64)
 *         .choice("n_head", 2, 4, 8))
 *     .constraint("d_inner > 1.7 * d_model")
 *     .constraint("d_model % n_head == 0")
 *     .build();
 * }</pre>
 */
public final class SearchSpace {
    private static final int MAX_ATTEMPTS = 1000;

    private final String name;
    private final List<Dimension> globals;
    private final String depthName;
    private final List<Dimension> perLayer;
    private final List<Constraint> constraints;
    private final List<Map<String, Object>> validGlobals;
    private final Set<Map<String, Object>> validGlobalSet;
    private final Map<Map<String, Object>, List<Map<String, Object>>> layerChoices = new HashMap<>();

    private SearchSpace(String name, List<Dimension> globals, String depthName, List<Dimension> perLayer,
                        List<String> constraintTexts) {
        this.name = name;
        this.globals = List.copyOf(globals);
        this.depthName = depthName;
        this.perLayer = List.copyOf(perLayer);
        Set<String> g = new LinkedHashSet<>();
        for (Dimension d : globals) {
            if (!g.add(d.name())) throw new IllegalArgumentException("space '" + name + "': gene '" + d.name() + "' is defined twice");
        }
        Set<String> l = new LinkedHashSet<>();
        for (Dimension d : perLayer) {
            if (g.contains(d.name()) || !l.add(d.name())) {
                throw new IllegalArgumentException("space '" + name + "': gene '" + d.name() + "' is defined twice");
            }
        }
        if (depthName != null) {
            Dimension depth = globals.stream().filter(d -> d.name().equals(depthName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("space '" + name + "': the depth gene '" + depthName
                            + "' is not a global gene; expected one of " + g));
            for (Object v : depth.values()) {
                if (!(v instanceof Integer) || (Integer) v < 0) {
                    throw new IllegalArgumentException("space '" + name + "': the depth gene '" + depthName
                            + "' must take non-negative integers, has " + v);
                }
            }
        } else if (!perLayer.isEmpty()) {
            throw new IllegalArgumentException("space '" + name + "': per-layer genes need a depth gene");
        }
        List<Constraint> parsed = new ArrayList<>();
        for (String c : constraintTexts) parsed.add(Constraint.parse(c, g, l));
        this.constraints = List.copyOf(parsed);
        this.validGlobals = enumerateGlobals();
        this.validGlobalSet = new java.util.HashSet<>(validGlobals);
        if (validGlobals.isEmpty()) {
            throw new IllegalArgumentException("space '" + name + "': no architecture satisfies the constraints " + constraintTexts);
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Dimension> globals() {
        return globals;
    }

    /** The global gene that counts layers, or null for a space without per-layer genes. */
    public String depthName() {
        return depthName;
    }

    public List<Dimension> perLayer() {
        return perLayer;
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    private List<String> layerGeneNames() {
        return perLayer.stream().map(Dimension::name).toList();
    }

    // ---- validity -----------------------------------------------------------------------------

    private boolean globalsOk(Map<String, Object> genes) {
        for (Constraint c : constraints) if (!c.perLayer() && !c.test(genes)) return false;
        return true;
    }

    private boolean layerOk(Map<String, Object> globalGenes, Map<String, Object> layer) {
        Map<String, Object> all = new HashMap<>(globalGenes);
        all.putAll(layer);
        for (Constraint c : constraints) if (c.perLayer() && !c.test(all)) return false;
        return true;
    }

    /** Whether an architecture satisfies every constraint and every gene is in its domain. */
    public boolean isValid(Architecture a) {
        for (Dimension d : globals) if (!d.values().contains(a.globals().get(d.name()))) return false;
        if (!globalsOk(a.globals())) return false;
        if (depthName != null && a.depth() != (Integer) a.globals().get(depthName)) return false;
        for (Map<String, Object> layer : a.layers()) {
            for (Dimension d : perLayer) if (!d.values().contains(layer.get(d.name()))) return false;
            if (!layerOk(a.globals(), layer)) return false;
        }
        return true;
    }

    /** Every valid assignment of the per-layer genes, given the global genes (cached). */
    List<Map<String, Object>> layerChoices(Map<String, Object> globalGenes) {
        return layerChoices.computeIfAbsent(Map.copyOf(globalGenes), key -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> layer : product(perLayer)) if (layerOk(key, layer)) out.add(layer);
            return Collections.unmodifiableList(out);
        });
    }

    private List<Map<String, Object>> enumerateGlobals() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> genes : product(globals)) {
            if (!globalsOk(genes)) continue;
            boolean needsLayers = depthName != null && (Integer) genes.get(depthName) > 0 && !perLayer.isEmpty();
            if (needsLayers && layerChoices(genes).isEmpty()) continue;
            out.add(Collections.unmodifiableMap(genes));
        }
        return out;
    }

    private static List<Map<String, Object>> product(List<Dimension> dims) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Dimension d : dims) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : d.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(d.name(), v);
                    next.add(m);
                }
            }
            out = next;
            if (out.size() > 5_000_000) {
                throw new IllegalArgumentException("space: more than 5 million combinations of " + dims.stream().map(Dimension::name).toList()
                        + "; expected a smaller grid");
            }
        }
        return out;
    }

    /** How many architectures the space holds (every valid combination, layers counted per depth). */
    public BigInteger size() {
        BigInteger total = BigInteger.ZERO;
        for (Map<String, Object> g : validGlobals) {
            if (depthName == null || perLayer.isEmpty()) {
                total = total.add(BigInteger.ONE);
            } else {
                total = total.add(BigInteger.valueOf(layerChoices(g).size()).pow((Integer) g.get(depthName)));
            }
        }
        return total;
    }

    // ---- operators ----------------------------------------------------------------------------

    private Architecture make(Map<String, Object> g, List<Map<String, Object>> layers) {
        return new Architecture(g, layerGeneNames(), layers);
    }

    /** Builds an architecture from explicit genes; throws one line when it is not in the space. */
    public Architecture of(Map<String, Object> globalGenes, List<Map<String, Object>> layers) {
        Map<String, Object> g = new LinkedHashMap<>();
        for (Dimension d : globals) {
            Object v = globalGenes.get(d.name());
            if (v == null) throw new IllegalArgumentException("space '" + name + "': missing gene '" + d.name() + "'");
            g.put(d.name(), v);
        }
        List<Map<String, Object>> ordered = new ArrayList<>();
        for (Map<String, Object> layer : layers) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Dimension d : perLayer) m.put(d.name(), layer.get(d.name()));
            ordered.add(m);
        }
        Architecture a = make(g, ordered);
        if (!isValid(a)) throw new IllegalArgumentException("space '" + name + "': " + a.toJson() + " is not a valid architecture");
        return a;
    }

    /** A uniformly drawn valid setting of the global genes, then each layer uniformly among its valid settings. */
    public Architecture sample(Rng rng) {
        Map<String, Object> g = rng.pick(validGlobals);
        List<Map<String, Object>> layers = new ArrayList<>();
        int depth = depthName == null ? 0 : (Integer) g.get(depthName);
        for (int i = 0; i < depth; i++) layers.add(rng.pick(layerChoices(g)));
        return make(g, layers);
    }

    /**
     * Resamples each gene with probability {@code p} (global genes, then each layer's genes), then repairs
     * layers that broke a constraint by drawing them anew among valid settings. Returns null when no
     * different valid child came out of {@value #MAX_ATTEMPTS} attempts.
     */
    public Architecture mutate(Architecture parent, double p, Rng rng) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, Object> g = new LinkedHashMap<>(parent.globals());
            for (Dimension d : globals) if (rng.chance(p)) g.put(d.name(), rng.pick(d.values()));
            if (!validGlobalSet.contains(g)) continue;
            List<Map<String, Object>> layers = new ArrayList<>();
            int depth = depthName == null ? 0 : (Integer) g.get(depthName);
            for (int i = 0; i < depth; i++) {
                Map<String, Object> layer = i < parent.depth() ? new LinkedHashMap<>(parent.layers().get(i))
                        : new LinkedHashMap<>(rng.pick(layerChoices(g)));
                for (Dimension d : perLayer) if (rng.chance(p)) layer.put(d.name(), rng.pick(d.values()));
                layers.add(repair(g, layer, rng));
            }
            Architecture child = make(g, layers);
            if (!child.equals(parent)) return child;
        }
        return null;
    }

    /**
     * Uniform crossover: every gene comes from the second parent with probability {@code p}, else from
     * the first; layers only one parent has are copied from it; broken layers are repaired. Null when no
     * valid child came out of {@value #MAX_ATTEMPTS} attempts.
     */
    public Architecture crossover(Architecture a, Architecture b, double p, Rng rng) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, Object> g = new LinkedHashMap<>();
            for (Dimension d : globals) g.put(d.name(), (rng.chance(p) ? b : a).globals().get(d.name()));
            if (!validGlobalSet.contains(g)) continue;
            List<Map<String, Object>> layers = new ArrayList<>();
            int depth = depthName == null ? 0 : (Integer) g.get(depthName);
            for (int i = 0; i < depth; i++) {
                Map<String, Object> layer = new LinkedHashMap<>();
                for (Dimension d : perLayer) {
                    Architecture from = i >= b.depth() ? a : i >= a.depth() ? b : rng.chance(p) ? b : a;
                    layer.put(d.name(), from.layers().get(i).get(d.name()));
                }
                layers.add(repair(g, layer, rng));
            }
            return make(g, layers);
        }
        return null;
    }

    private Map<String, Object> repair(Map<String, Object> g, Map<String, Object> layer, Rng rng) {
        return layerOk(g, layer) && perLayer.stream().allMatch(d -> d.values().contains(layer.get(d.name())))
                ? layer : rng.pick(layerChoices(g));
    }

    /** A one-paragraph description: genes with their domains, constraints and size. */
    public String describe() {
        StringBuilder sb = new StringBuilder(name).append(": ");
        List<String> parts = new ArrayList<>();
        for (Dimension d : globals) parts.add(d.name() + " " + d.describe());
        for (Dimension d : perLayer) parts.add(d.name() + "[per layer] " + d.describe());
        sb.append(String.join(", ", parts));
        if (!constraints.isEmpty()) sb.append("; where ").append(constraints.stream().map(Constraint::text).toList());
        return sb.append("; ").append(SpaceSizes.format(size())).append(" architectures").toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds a space; see the class comment. */
    public static final class Builder {
        private final String name;
        private final List<Dimension> globals = new ArrayList<>();
        private final List<Dimension> perLayer = new ArrayList<>();
        private final List<String> constraints = new ArrayList<>();
        private String depthName;

        private Builder(String name) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException("space name '" + name + "': expected letters, digits, '-', '_' or '.', starting with a letter");
            }
            this.name = name;
        }

        public Builder integer(String gene, int min, int max) {
            return integer(gene, min, max, 1);
        }

        public Builder integer(String gene, int min, int max, int step) {
            globals.add(new Dimension.IntRange(checkName(gene), min, max, step));
            return this;
        }

        public Builder choice(String gene, Object... options) {
            globals.add(new Dimension.Choice(checkName(gene), List.of(options)));
            return this;
        }

        public Builder dimension(Dimension d) {
            globals.add(d);
            return this;
        }

        /** Per-layer genes; the global gene {@code depthGene} says how many layers an architecture has. */
        public Builder layers(String depthGene, Consumer<LayerBuilder> genes) {
            if (depthName != null) throw new IllegalArgumentException("space '" + name + "': layers(...) given twice");
            depthName = depthGene;
            genes.accept(new LayerBuilder(perLayer));
            return this;
        }

        public Builder constraint(String expression) {
            constraints.add(expression);
            return this;
        }

        public SearchSpace build() {
            return new SearchSpace(name, globals, depthName, perLayer, constraints);
        }
    }

    /** The per-layer part of a {@link Builder}. */
    public static final class LayerBuilder {
        private final List<Dimension> dims;

        private LayerBuilder(List<Dimension> dims) {
            this.dims = dims;
        }

        public LayerBuilder integer(String gene, int min, int max) {
            return integer(gene, min, max, 1);
        }

        public LayerBuilder integer(String gene, int min, int max, int step) {
            dims.add(new Dimension.IntRange(checkName(gene), min, max, step));
            return this;
        }

        public LayerBuilder choice(String gene, Object... options) {
            dims.add(new Dimension.Choice(checkName(gene), List.of(options)));
            return this;
        }

        public LayerBuilder dimension(Dimension d) {
            dims.add(d);
            return this;
        }
    }

    static String checkName(String gene) {
        if (gene == null || !gene.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("gene name '" + gene + "': expected a Java-style identifier (letters, digits, '_')");
        }
        return gene;
    }
}
