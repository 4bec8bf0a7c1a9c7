package jnas.core.search;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import jnas.core.space.Architecture;
import jnas.core.space.SearchSpace;
import jnas.core.space.SpaceYaml;
import jnas.core.space.Spaces;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * LiteTransformerSearch (Javaheripi et al., NeurIPS 2022), Algorithm 1: a training-free evolutionary
 * search over heterogeneous decoders whose objectives are the decoder parameter count (standing for
 * perplexity) and hardware costs measured on this machine. Each {@link #step()} is one iteration:
 *
 * <ol>
 *   <li>(first step) sample the initial population at random;</li>
 *   <li>draw parents from the current Pareto front, favouring members drawn fewer times
 *       (weight 1 / (times drawn + 1));</li>
 *   <li>make children by mutation and by uniform crossover, rejecting duplicates of anything seen and
 *       architectures outside the decoder-parameter bounds;</li>
 *   <li>evaluate the children (each evaluation is stored with the search state in one transaction);</li>
 *   <li>update the Pareto front over everything evaluated so far.</li>
 * </ol>
 *
 * Randomness comes from one generator owned by the search and saved with it, so the same seed gives the
 * same trajectory, also across {@link #resume}.
 */
public final class LtsSearch implements AutoCloseable {
    public static final String ALGORITHM = "lts";
    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final int ATTEMPTS_PER_CHILD = 100;

    private final SearchSpace space;
    private final LtsConfig config;
    private final Evaluator evaluator;
    private final ToLongFunction<Architecture> decoderParams;
    private final SearchStore store;
    private final List<Objective> objectives;

    // search state: everything here is saved after every evaluation
    private Rng rng;
    private int iteration;
    private boolean inProgress;
    private List<Pending> pending = new ArrayList<>();
    private Map<String, Integer> timesChosen = new LinkedHashMap<>();
    private List<String> population = new ArrayList<>();
    private StepReport partial;
    private double[] hvLow;
    private double[] hvHigh;

    /** A child waiting for evaluation. */
    record Pending(String archJson, String origin, List<String> parents, List<String> changes) {}

    private LtsSearch(SearchSpace space, LtsConfig config, Evaluator evaluator, ToLongFunction<Architecture> decoderParams,
                      SearchStore store) {
        this.space = space;
        this.config = config;
        this.evaluator = evaluator;
        this.decoderParams = decoderParams;
        this.store = store;
        this.objectives = Objective.parseList(String.join(",", config.objectives()));
        for (String o : config.objectives()) {
            if (!evaluator.objectives().contains(o)) {
                throw new IllegalArgumentException("objective '" + o + "' is not measured by " + evaluator.describe()
                        + "; it measures " + evaluator.objectives());
            }
        }
    }

    /** A new search, stored in {@code storeFile} (which must not hold a search yet). */
    public static LtsSearch create(SearchSpace space, LtsConfig config, Evaluator evaluator,
                                   ToLongFunction<Architecture> decoderParams, Path storeFile, Map<String, String> extraMeta) {
        Map<String, String> meta = new LinkedHashMap<>(extraMeta);
        meta.put("algorithm", ALGORITHM);
        meta.put("space", space.name());
        meta.put("space_yaml", SpaceYaml.toYaml(space));
        meta.put("config", config.toJson());
        meta.put("evaluator", evaluator.describe());
        SearchStore store = SearchStore.create(storeFile, meta);
        LtsSearch s = new LtsSearch(space, config, evaluator, decoderParams, store);
        s.rng = new Rng(config.seed());
        store.write(tx -> tx.putState(s.stateMap()));
        return s;
    }

    /** What a resume needs to rebuild the evaluator: the stored space, settings and extra meta. */
    public record Stored(SearchSpace space, LtsConfig config, Map<String, String> meta) {}

    public interface EvaluatorFactory {
        Evaluator create(Stored stored);
    }

    /** Continues a stored search where it stopped; finished evaluations are never repeated. */
    public static LtsSearch resume(Path storeFile, EvaluatorFactory evaluators, ToLongFunction<Architecture> decoderParams) {
        SearchStore store = SearchStore.openSearch(storeFile, ALGORITHM, "an LTS search");
        try {
            Map<String, String> meta = store.meta();
            String name = meta.get("space");
            SearchSpace space = Spaces.isBuiltIn(name) ? Spaces.get(name) : SpaceYaml.parse(name, meta.get("space_yaml"));
            LtsConfig config = LtsConfig.fromJson(meta.get("config"));
            Evaluator evaluator = evaluators.create(new Stored(space, config, meta));
            LtsSearch s = new LtsSearch(space, config, evaluator, decoderParams, store);
            s.loadState(store.state());
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public SearchSpace space() {
        return space;
    }

    public LtsConfig config() {
        return config;
    }

    public SearchStore store() {
        return store;
    }

    public List<Objective> objectives() {
        return objectives;
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /** Iterations finished so far. */
    public int iteration() {
        return iteration;
    }

    /** Whether an iteration was started and not finished (a resume continues it). */
    public boolean inProgress() {
        return inProgress;
    }

    public int pendingCount() {
        return pending.size();
    }

    public long rngState() {
        return rng.state();
    }

    public Map<String, Integer> timesChosen() {
        return Map.copyOf(timesChosen);
    }

    public List<String> population() {
        return List.copyOf(population);
    }

    public StepReport step() {
        return step(SearchListener.NONE);
    }

    /** One iteration of Algorithm 1 (or the rest of an interrupted one). */
    public synchronized StepReport step(SearchListener listener) {
        long start = System.nanoTime();
        if (!inProgress) {
            begin();
        }
        int total = partial.children().size();
        while (!pending.isEmpty()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SearchInterruptedException("interrupted after " + (total - pending.size()) + " of " + total
                        + " evaluations of iteration " + iteration + "; all finished evaluations are stored; step again to continue");
            }
            Pending p = pending.get(0);
            Architecture a = Architecture.fromJson(p.archJson(), space);
            Evaluation e = evaluator.evaluate(a);                               // line 4: evaluate
            List<Pending> rest = new ArrayList<>(pending.subList(1, pending.size()));
            store.write(tx -> {
                tx.addTrial(iteration, a.id(), a.toJson(), p.origin(), p.parents(), e.values(), e.detailsJson(), e.seconds());
                pending = rest;
                tx.putState(stateMap());
            });
            listener.evaluated(iteration, total - pending.size(), total, a.id());
        }
        return finish(start);
    }

    /** Makes this iteration's children (lines 1-3) and saves them, with the generator state, before evaluating. */
    private void begin() {
        List<Trial> trials = store.trials();
        Set<String> seen = new HashSet<>();
        for (Trial t : trials) seen.add(t.archId());
        List<Pending> children = new ArrayList<>();
        List<StepReport.Parent> parentPicks = new ArrayList<>();
        int[] rejected = {0};
        List<String> nextPopulation = new ArrayList<>();
        if (iteration == 0) {
            // line 1: a random initial population
            for (int i = 0; i < config.population(); i++) {
                Architecture a = draw(() -> space.sample(rng), seen, rejected);
                if (a != null) children.add(new Pending(a.toJson(), "random", List.of(), List.of()));
            }
        } else {
            // line 2: parents from the Pareto front, favouring those drawn fewer times
            List<Architecture> parents = selectParents(frontOf(trials));
            for (Architecture p : parents) {
                parentPicks.add(new StepReport.Parent(p.id(), timesChosen.get(p.id())));
                nextPopulation.add(p.id());
            }
            // line 3: mutation and crossover
            for (int i = 0; i < config.mutations(); i++) {
                Architecture[] from = new Architecture[1];
                Architecture child = draw(() -> {
                    from[0] = rng.pick(parents);
                    return space.mutate(from[0], config.mutationProb(), rng);
                }, seen, rejected);
                if (child != null) {
                    children.add(new Pending(child.toJson(), "mutation", List.of(from[0].id()), child.diff(from[0])));
                }
            }
            for (int i = 0; i < config.crossovers() && parents.size() >= 2; i++) {
                Architecture[] pair = new Architecture[2];
                Architecture child = draw(() -> {
                    int x = rng.nextInt(parents.size());
                    int y = rng.nextInt(parents.size() - 1);
                    if (y >= x) y++;
                    pair[0] = parents.get(x);
                    pair[1] = parents.get(y);
                    return space.crossover(pair[0], pair[1], config.crossoverProb(), rng);
                }, seen, rejected);
                if (child != null) {
                    List<String> changes = new ArrayList<>();
                    changes.add("vs " + pair[0].id() + ": " + String.join(", ", child.diff(pair[0])));
                    children.add(new Pending(child.toJson(), "crossover", List.of(pair[0].id(), pair[1].id()), changes));
                }
            }
        }
        List<StepReport.Child> reported = new ArrayList<>();
        for (Pending c : children) {
            String id = Architecture.fromJson(c.archJson(), space).id();
            nextPopulation.add(id);
            reported.add(new StepReport.Child(id, c.archJson(), c.origin(),
                    c.parents(), c.changes(), Map.of(), false));
        }
        partial = new StepReport(ALGORITHM, iteration, iteration == 0 ? "initial" : "evolution", parentPicks, reported,
                rejected[0], List.of(), List.of(), Double.NaN, 0, config.objectives());
        pending = children;
        population = nextPopulation;
        inProgress = true;
        store.write(tx -> tx.putState(stateMap()));
    }

    private interface Maker {
        Architecture make();
    }

    /** A new child: not seen before and inside the decoder-parameter bounds; null if none came in time. */
    private Architecture draw(Maker maker, Set<String> seen, int[] rejected) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_CHILD; attempt++) {
            Architecture a = maker.make();
            if (a == null) continue;
            long params = decoderParams.applyAsLong(a);
            if (seen.contains(a.id()) || params < config.minDecoderParams() || params > config.maxDecoderParams()) {
                rejected[0]++;
                continue;
            }
            seen.add(a.id());
            return a;
        }
        return null;
    }

    private List<Architecture> selectParents(List<Trial> front) {
        List<Trial> candidates = new ArrayList<>(front);
        List<Architecture> out = new ArrayList<>();
        int n = Math.min(config.parents(), candidates.size());
        for (int k = 0; k < n; k++) {
            double[] w = new double[candidates.size()];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = 1.0 / (timesChosen.getOrDefault(candidates.get(i).archId(), 0) + 1);
                sum += w[i];
            }
            double r = rng.nextDouble() * sum;
            int pick = 0;
            while (pick < w.length - 1 && r >= w[pick]) {
                r -= w[pick];
                pick++;
            }
            Trial t = candidates.remove(pick);
            out.add(Architecture.fromJson(t.archJson(), space));
        }
        for (Architecture a : out) timesChosen.merge(a.id(), 1, Integer::sum);
        return out;
    }

    /** Line 5: the front over everything evaluated; the iteration's record goes to the store with the state. */
    private StepReport finish(long startNanos) {
        List<Trial> trials = store.trials();
        List<Trial> frontTrials = frontOf(trials);
        Set<String> frontIds = new HashSet<>();
        for (Trial t : frontTrials) frontIds.add(t.archId());
        Map<String, Trial> byId = new HashMap<>();
        for (Trial t : trials) byId.put(t.archId(), t);
        if (iteration == 0) setHypervolumeBounds(trials);
        List<StepReport.Child> children = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        for (StepReport.Child c : partial.children()) {
            Trial t = byId.get(c.id());
            boolean on = frontIds.contains(c.id());
            if (on) joined.add(c.id());
            children.add(new StepReport.Child(c.id(), c.archJson(), c.origin(), c.parents(), c.changes(),
                    t == null ? Map.of() : t.values(), on));
        }
        List<String> front = frontTrials.stream().map(Trial::archId).toList();
        double hv = hypervolume(frontTrials);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StepReport report = new StepReport(ALGORITHM, iteration, partial.kind(), partial.parents(), children,
                partial.rejected(), front, joined, hv, seconds, config.objectives());
        int finished = iteration;
        store.write(tx -> {
            iteration = finished + 1;
            inProgress = false;
            pending = new ArrayList<>();
            partial = null;
            tx.putIteration(finished, front, hv, report.toJson());
            tx.putState(stateMap());
        });
        return report;
    }

    /** The trials on the current front (by archai's dominance, or the lower convex hull variant). */
    public List<Trial> currentFront() {
        return frontOf(store.trials());
    }

    private List<Trial> frontOf(List<Trial> trials) {
        List<double[]> points = new ArrayList<>();
        for (Trial t : trials) points.add(point(t));
        List<Integer> idx = config.pareto().equals("convex-hull") ? Pareto.lowerConvexHull(points) : Pareto.front(points);
        List<Trial> out = new ArrayList<>();
        for (int i : idx) out.add(trials.get(i));
        return out;
    }

    /** A trial's objectives in "lower is better" form. */
    public double[] point(Trial t) {
        double[] p = new double[objectives.size()];
        for (int k = 0; k < p.length; k++) p[k] = objectives.get(k).toMinimization(t.values().get(objectives.get(k).name()));
        return p;
    }

    private void setHypervolumeBounds(List<Trial> trials) {
        int d = objectives.size();
        hvLow = new double[d];
        hvHigh = new double[d];
        java.util.Arrays.fill(hvLow, Double.MAX_VALUE);
        java.util.Arrays.fill(hvHigh, -Double.MAX_VALUE);
        for (Trial t : trials) {
            double[] p = point(t);
            for (int k = 0; k < d; k++) {
                hvLow[k] = Math.min(hvLow[k], p[k]);
                hvHigh[k] = Math.max(hvHigh[k], p[k]);
            }
        }
    }

    /**
     * Hypervolume of the front with every objective scaled by the initial population's range (fixed after
     * iteration 0, so values are comparable across iterations), reference point 1.1 in each.
     */
    public double hypervolume(List<Trial> front) {
        if (hvLow == null) return Double.NaN;
        List<double[]> scaled = new ArrayList<>();
        for (Trial t : front) {
            double[] p = point(t);
            for (int k = 0; k < p.length; k++) {
                double span = hvHigh[k] - hvLow[k];
                p[k] = span > 0 ? (p[k] - hvLow[k]) / span : 0;
            }
            scaled.add(p);
        }
        double[] ref = new double[objectives.size()];
        java.util.Arrays.fill(ref, 1.1);
        return Pareto.hypervolume(scaled, ref);
    }

    // ---- state ----------------------------------------------------------------------------------

    private static final Type PENDING = new TypeToken<List<Pending>>() {}.getType();
    private static final Type COUNTS = new TypeToken<LinkedHashMap<String, Integer>>() {}.getType();
    private static final Type IDS = new TypeToken<List<String>>() {}.getType();

    private Map<String, String> stateMap() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rng", Long.toString(rng.state()));
        s.put("iteration", Integer.toString(iteration));
        s.put("in_progress", Boolean.toString(inProgress));
        s.put("pending", GSON.toJson(pending));
        s.put("times_chosen", GSON.toJson(timesChosen));
        s.put("population", GSON.toJson(population));
        s.put("partial_report", partial == null ? "null" : partial.toJson());
        s.put("hv_low", GSON.toJson(hvLow));
        s.put("hv_high", GSON.toJson(hvHigh));
        return s;
    }

    private void loadState(Map<String, String> s) {
        rng = Rng.fromState(Long.parseLong(s.get("rng")));
        iteration = Integer.parseInt(s.get("iteration"));
        inProgress = Boolean.parseBoolean(s.get("in_progress"));
        pending = new ArrayList<>(GSON.fromJson(s.get("pending"), PENDING));
        timesChosen = GSON.fromJson(s.get("times_chosen"), COUNTS);
        population = new ArrayList<>(GSON.fromJson(s.get("population"), IDS));
        partial = "null".equals(s.get("partial_report")) ? null : StepReport.fromJson(s.get("partial_report"));
        hvLow = GSON.fromJson(s.get("hv_low"), double[].class);
        hvHigh = GSON.fromJson(s.get("hv_high"), double[].class);
    }

    @Override
    public void close() {
        store.close();
    }
}
