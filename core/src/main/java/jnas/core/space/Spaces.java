package jnas.core.space;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in spaces and those a notebook defined (by name). */
public final class Spaces {
    private static final Map<String, SearchSpace> BUILT_IN = new LinkedHashMap<>();
    private static final Map<String, SearchSpace> DEFINED = new LinkedHashMap<>();

    static {
        add(ltsGpt2());
        add(ltsGpt2Cpu());
    }

    private Spaces() {}

    private static void add(SearchSpace s) {
        BUILT_IN.put(s.name(), s);
    }

    /**
     * LTS's GPT-2 space (Javaheripi et al. 2022): 2-15 layers, d_model 128-960 step 64, and per layer
     * d_inner 128-4032 step 64 and 2, 4 or 8 heads, with d_inner > 1.7 d_model and heads dividing d_model.
     */
    public static SearchSpace ltsGpt2() {
        return SearchSpace.builder("lts-gpt2")
                .integer("n_layer", 2, 15)
                .integer("d_model", 128, 960, 64)
                .layers("n_layer", layer -> layer
                        .integer("d_inner", 128, 4032, 64)
                        .choice("n_head", 2, 4, 8))
                .constraint("d_inner > 1.7 * d_model")
                .constraint("d_model % n_head == 0")
                .build();
    }

    /**
     * A copy of lts-gpt2 scaled to train in seconds on two CPU cores: 1-4 layers, d_model 32-128 step 16,
     * d_inner 64-512 step 32, same heads and constraints.
     */
    public static SearchSpace ltsGpt2Cpu() {
        return SearchSpace.builder("lts-gpt2-cpu")
                .integer("n_layer", 1, 4)
                .integer("d_model", 32, 128, 16)
                .layers("n_layer", layer -> layer
                        .integer("d_inner", 64, 512, 32)
                        .choice("n_head", 2, 4, 8))
                .constraint("d_inner > 1.7 * d_model")
                .constraint("d_model % n_head == 0")
                .build();
    }

    /** Registers (or replaces) a notebook-defined space. Built-in names cannot be replaced. */
    public static synchronized void define(SearchSpace space) {
        if (BUILT_IN.containsKey(space.name())) {
            throw new IllegalArgumentException("space '" + space.name() + "' is built in; choose another name");
        }
        DEFINED.put(space.name(), space);
    }

    /** The space of that name; one line listing the known names otherwise. */
    public static synchronized SearchSpace get(String name) {
        SearchSpace s = BUILT_IN.get(name);
        if (s == null) s = DEFINED.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown search space '" + name + "'; expected one of " + names());
        }
        return s;
    }

    public static synchronized List<String> names() {
        List<String> out = new ArrayList<>(BUILT_IN.keySet());
        out.addAll(DEFINED.keySet());
        return out;
    }

    public static synchronized Collection<SearchSpace> all() {
        List<SearchSpace> out = new ArrayList<>(BUILT_IN.values());
        out.addAll(DEFINED.values());
        return out;
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }
}
