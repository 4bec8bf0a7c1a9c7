package jnas.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import jnas.core.report.SearchTables;

/**
 * The algorithms and evaluators this JVM knows, by name: what the magics read (names, papers, the spaces
 * each searches, its settings schema, its named views and its step-report view), and what a remote JVM
 * uses to make an evaluator from the name stored with a batch. Built-in algorithms register through
 * {@code META-INF/services/jnas.core.search.Registry$Provider}; adding an algorithm is one package and one
 * line there. Every entry gets the views every search has: {@code trials} and {@code state}.
 */
public final class Registry {
    /** Registers entries and evaluators (one per algorithm package). */
    public interface Provider {
        void register();
    }

    /** What a new search is asked for: the space (null: the algorithm's default), the seed, the parsed settings. */
    public record Request(String space, long seed, Settings.Values settings, Calibration calibration) {}

    /** Hears about a slow preparation (a latency calibration): done of total, and what is counted. */
    @FunctionalInterface
    public interface Calibration {
        void progress(int done, int total, String what);

        Calibration NONE = (done, total, what) -> { };
    }

    /** Makes a search's setup: new from a request, or restored from a stored search's meta. */
    public interface Factory {
        Search.Setup create(Request request);

        Search.Setup restore(Map<String, String> meta);
    }

    /** A search space an algorithm brings with it (not a gene space of {@code Spaces}): a row of {@code %nas spaces}. */
    public record OwnSpace(String name, String genes, String constraints, String size) {}

    /**
     * An algorithm.
     *
     * @param spaces    the spaces it searches, as {@code %nas algorithms} lists them
     * @param defaultSpace the space searched when {@code --space} is not given (null: it must be given)
     * @param quickSpace   the space and {@code quick} the settings of a small, fast search (tests, the
     *                     durability check every registered algorithm gets)
     * @param opening   the line {@code %nas new} prints about a new search
     * @param stepView  the report of one step as a displayable object
     */
    public record Entry(String name, String paper, String spaces, String defaultSpace, String quickSpace, List<OwnSpace> ownSpaces,
                        Settings settings, Map<String, String> quick, Factory factory, Map<String, View> tables,
                        Map<String, View> charts, BiFunction<Search, Object, Object> stepView,
                        java.util.function.Function<Search, String> opening) {
        public Entry {
            ownSpaces = List.copyOf(ownSpaces);
            quick = Map.copyOf(quick);
            Map<String, View> t = new LinkedHashMap<>(tables);
            t.putIfAbsent("trials", View.of("every trial: id, step, state, objectives, seconds", SearchTables::trials));
            t.putIfAbsent("state", View.of("the stored search: meta, the driver, the batch in progress, the algorithm's state",
                    SearchTables::state));
            tables = java.util.Collections.unmodifiableMap(t);
            charts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(charts));
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();
    private static final Map<String, Supplier<Evaluator>> EVALUATORS = new LinkedHashMap<>();
    private static final Map<String, View> VIEWS = new LinkedHashMap<>();
    private static boolean loaded;

    private Registry() {}

    private static synchronized void load() {
        if (loaded) return;
        loaded = true;
        for (Provider p : ServiceLoader.load(Provider.class, Registry.class.getClassLoader())) p.register();
    }

    public static synchronized void register(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    public static synchronized void registerEvaluator(String name, Supplier<Evaluator> make) {
        EVALUATORS.put(name, make);
    }

    /** Registers a view that belongs to no algorithm and needs no search (an encoder's table). */
    public static synchronized void registerView(String name, View view) {
        VIEWS.put(name, view);
    }

    /** The views that belong to no algorithm, by name. */
    public static synchronized Map<String, View> views() {
        load();
        return new LinkedHashMap<>(VIEWS);
    }

    /** Every registered algorithm, in registration order. */
    public static synchronized List<Entry> all() {
        load();
        return new ArrayList<>(ENTRIES.values());
    }

    public static synchronized List<String> names() {
        load();
        return new ArrayList<>(ENTRIES.keySet());
    }

    /** The algorithm called {@code name}; one line listing the known ones otherwise. */
    public static synchronized Entry get(String name) {
        load();
        Entry e = ENTRIES.get(name);
        if (e == null) throw new IllegalArgumentException("unknown algorithm '" + name + "'; expected one of " + String.join(", ", ENTRIES.keySet()));
        return e;
    }

    /** A new evaluator of the kind registered as {@code name} (what a remote JVM runs). */
    public static synchronized Evaluator evaluator(String name) {
        load();
        Supplier<Evaluator> s = EVALUATORS.get(name);
        if (s == null) throw new IllegalArgumentException("unknown evaluator '" + name + "'; expected one of " + EVALUATORS.keySet());
        return s.get();
    }

    /** A small, fast search of a registered algorithm (its {@code quick} settings), for tests. */
    public static Search createQuick(String algorithm, java.nio.file.Path file, long seed) {
        Entry e = get(algorithm);
        return create(algorithm, file, e.quickSpace(), seed, e.quick());
    }

    /** A new search of a registered algorithm with its settings given as key=value (the rest default). */
    public static Search create(String algorithm, java.nio.file.Path file, String space, long seed, Map<String, String> settings) {
        Entry e = get(algorithm);
        return Search.create(file, e.factory().create(new Request(space, seed, e.settings().parse(settings), Calibration.NONE)));
    }
}
