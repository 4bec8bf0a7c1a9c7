package jnas.core.lts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jnas.core.search.Algorithm;
import jnas.core.search.Candidate;
import jnas.core.search.History;
import jnas.core.search.Measurement;
import jnas.core.search.Objective;
import jnas.core.search.Pareto;
import jnas.core.space.Architecture;
import jnas.core.space.SearchSpace;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * LiteTransformerSearch (Javaheripi et al., NeurIPS 2022), Algorithm 1: a training-free evolutionary
 * search over heterogeneous decoders whose objectives are the decoder parameter count (standing for
 * perplexity) and hardware costs measured on this machine. Each step is one iteration:
 *
 * <ol>
 *   <li>(first step) sample the initial population at random;</li>
 *   <li>draw parents from the current Pareto front, favouring members drawn fewer times
 *       (weight 1 / (times drawn + 1));</li>
 *   <li>make children by mutation and by uniform crossover, rejecting duplicates of anything seen and
 *       architectures outside the decoder-parameter bounds;</li>
 *   <li>evaluate the children (the driver commits each measurement);</li>
 *   <li>update the Pareto front with this iteration's children.</li>
 * </ol>
 *
 * The front is part of the state and is updated with each iteration's children only (O(children x front)
 * per iteration, whatever the history's length). LTS has no scalar fitness: the front is its answer.
 */
public final class Lts implements Algorithm<Lts.State, LtsReport> {
    public static final String NAME = "lts";
    private static final int ATTEMPTS_PER_CHILD = 100;

    /**
     * The search state between evaluations.
     *
     * @param front       the non-dominated trials over everything evaluated, in evaluation order
     * @param population  the last iteration's parents and children
     * @param partial     the report of the iteration in progress (its children, before measurement)
     * @param hvLow       the initial population's minimum per objective (fixed after iteration 0), for the hypervolume
     */
    public record State(Map<String, Integer> timesChosen, List<String> population, List<String> front, LtsReport partial,
                        double[] hvLow, double[] hvHigh) {}

    private final SearchSpace space;
    private final LtsConfig config;
    private final String specJson;
    private final List<Objective> objectives;

    /** @param specJson the evaluation spec every batch carries (see {@link LtsEvaluator.Spec}) */
    public Lts(SearchSpace space, LtsConfig config, String specJson) {
        this.space = space;
        this.config = config;
        this.specJson = specJson;
        this.objectives = Objective.parseList(String.join(",", config.objectives()));
    }

    public SearchSpace space() {
        return space;
    }

    public LtsConfig config() {
        return config;
    }

    public List<Objective> objectives() {
        return objectives;
    }

    /** The evaluation spec of this search (JSON). */
    public String spec() {
        return specJson;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String stepName() {
        return "iteration";
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Class<LtsReport> reportType() {
        return LtsReport.class;
    }

    @Override
    public State initialState() {
        return new State(Map.of(), List.of(), List.of(), null, null, null);
    }

    @Override
    public String indicatorName() {
        return "hypervolume";
    }

    @Override
    public double fitness(Measurement m) {
        return Double.NaN;
    }

    @Override
    public String summary(LtsReport report) {
        return report.summary();
    }

    // ---- Algorithm 1 ----------------------------------------------------------------------------

    @Override
    public Proposal<State> propose(State s, int iteration, History history, Rng rng) {
        Set<String> seen = new HashSet<>();
        List<Candidate> children = new ArrayList<>();
        List<LtsReport.Parent> parentPicks = new ArrayList<>();
        int[] rejected = {0};
        List<String> nextPopulation = new ArrayList<>();
        Map<String, Integer> timesChosen = new LinkedHashMap<>(s.timesChosen());
        if (iteration == 0) {
            // line 1: a random initial population
            for (int i = 0; i < config.population(); i++) {
                Architecture a = draw(() -> space.sample(rng), history, seen, rejected);
                if (a != null) children.add(new Candidate(a.id(), a.toJson(), "random", List.of(), Map.of("changes", List.of())));
            }
        } else {
            // line 2: parents from the Pareto front, favouring those drawn fewer times
            List<Architecture> parents = selectParents(selection(s.front(), history), timesChosen, rng);
            for (Architecture p : parents) {
                parentPicks.add(new LtsReport.Parent(p.id(), timesChosen.get(p.id())));
                nextPopulation.add(p.id());
            }
            // line 3: mutation and crossover
            for (int i = 0; i < config.mutations(); i++) {
                Architecture[] from = new Architecture[1];
                Architecture child = draw(() -> {
                    from[0] = rng.pick(parents);
                    return space.mutate(from[0], config.mutationProb(), rng);
                }, history, seen, rejected);
                if (child != null) {
                    children.add(new Candidate(child.id(), child.toJson(), "mutation", List.of(from[0].id()),
                            Map.of("changes", child.diff(from[0]))));
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
                }, history, seen, rejected);
                if (child != null) {
                    List<String> changes = List.of("vs " + pair[0].id() + ": " + String.join(", ", child.diff(pair[0])));
                    children.add(new Candidate(child.id(), child.toJson(), "crossover", List.of(pair[0].id(), pair[1].id()),
                            Map.of("changes", changes)));
                }
            }
        }
        List<LtsReport.Child> reported = new ArrayList<>();
        for (Candidate c : children) {
            nextPopulation.add(c.id());
            reported.add(new LtsReport.Child(c.id(), c.json(), c.origin(), c.parents(), changes(c), Map.of(), false));
        }
        String kind = iteration == 0 ? "initial" : "evolution";
        LtsReport partial = new LtsReport(NAME, iteration, kind, parentPicks, reported, rejected[0], List.of(), List.of(),
                Double.NaN, 0, config.objectives());
        return new Proposal<>(new State(timesChosen, nextPopulation, s.front(), partial, s.hvLow(), s.hvHigh()), children, specJson, kind);
    }

    @SuppressWarnings("unchecked")
    private static List<String> changes(Candidate c) {
        return (List<String>) c.notes().getOrDefault("changes", List.of());
    }

    private interface Maker {
        Architecture make();
    }

    /** A new child: not seen before and inside the decoder-parameter bounds; null if none came in time. */
    private Architecture draw(Maker maker, History history, Set<String> seen, int[] rejected) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_CHILD; attempt++) {
            Architecture a = maker.make();
            if (a == null) continue;
            long params = LtsEvaluator.decoderParams(a);
            if (history.contains(a.id()) || seen.contains(a.id()) || params < config.minDecoderParams()
                    || params > config.maxDecoderParams()) {
                rejected[0]++;
                continue;
            }
            seen.add(a.id());
            return a;
        }
        return null;
    }

    private List<Architecture> selectParents(List<Trial> front, Map<String, Integer> timesChosen, Rng rng) {
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

    @Override
    public State observe(State s, Candidate candidate, Trial trial) {
        return s; // the front is updated once per iteration, with all its children
    }

    /** Line 5: the front with this iteration's children merged in; the report with every child's measurements. */
    @Override
    public Closing<State, LtsReport> close(State s, int iteration, History history, double seconds) {
        List<Trial> added = history.ofStep(iteration);
        List<String> front = mergeFront(s.front(), added, history);
        double[] lo = s.hvLow(), hi = s.hvHigh();
        if (lo == null) { // after iteration 0: the initial population's range fixes the hypervolume's scale
            lo = new double[objectives.size()];
            hi = new double[objectives.size()];
            Arrays.fill(lo, Double.MAX_VALUE);
            Arrays.fill(hi, -Double.MAX_VALUE);
            for (Trial t : history.trials()) {
                double[] p = point(t);
                for (int k = 0; k < p.length; k++) {
                    lo[k] = Math.min(lo[k], p[k]);
                    hi[k] = Math.max(hi[k], p[k]);
                }
            }
        }
        List<Trial> selected = selection(front, history);
        Set<String> on = new HashSet<>();
        for (Trial t : selected) on.add(t.archId());
        List<LtsReport.Child> children = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        for (LtsReport.Child c : s.partial().children()) {
            Trial t = history.get(c.id());
            boolean isOn = on.contains(c.id());
            if (isOn) joined.add(c.id());
            children.add(new LtsReport.Child(c.id(), c.archJson(), c.origin(), c.parents(), c.changes(),
                    t == null ? Map.of() : t.values(), isOn));
        }
        double hv = hypervolume(selected, lo, hi);
        LtsReport p = s.partial();
        LtsReport report = new LtsReport(NAME, iteration, p.kind(), p.parents(), children, p.rejected(),
                selected.stream().map(Trial::archId).toList(), joined, hv, seconds, config.objectives());
        return new Closing<>(new State(s.timesChosen(), s.population(), front, null, lo, hi), report, hv);
    }

    /**
     * The front after adding {@code added} (in order) to {@code front}: a newcomer joins unless a member
     * dominates it, and members it dominates leave. Equal points all stay (as archai keeps them). The result
     * equals {@link Pareto#front} over everything, in evaluation order.
     */
    private List<String> mergeFront(List<String> front, List<Trial> added, History history) {
        List<String> ids = new ArrayList<>(front);
        List<double[]> points = new ArrayList<>();
        for (String id : ids) points.add(point(history.get(id)));
        for (Trial t : added) {
            double[] p = point(t);
            boolean dominated = false;
            for (double[] q : points) {
                if (Pareto.dominates(q, p)) {
                    dominated = true;
                    break;
                }
            }
            if (dominated) continue;
            for (int i = points.size() - 1; i >= 0; i--) {
                if (Pareto.dominates(p, points.get(i))) {
                    points.remove(i);
                    ids.remove(i);
                }
            }
            ids.add(t.archId());
            points.add(p);
        }
        return ids;
    }

    /** The trials parents are drawn from: the front, or its lower convex hull. */
    private List<Trial> selection(List<String> front, History history) {
        List<Trial> trials = front.stream().map(history::get).toList();
        if (!config.pareto().equals("convex-hull")) return trials;
        List<double[]> points = trials.stream().map(this::point).toList();
        List<Trial> out = new ArrayList<>();
        for (int i : Pareto.lowerConvexHull(points)) out.add(trials.get(i));
        return out;
    }

    /** The trials parents are drawn from now (the current front, or its convex hull), in evaluation order. */
    public List<Trial> currentFront(State s, History history) {
        return selection(s.front(), history);
    }

    /** A trial's objectives in "lower is better" form. */
    public double[] point(Trial t) {
        double[] p = new double[objectives.size()];
        for (int k = 0; k < p.length; k++) p[k] = objectives.get(k).toMinimization(t.values().get(objectives.get(k).name()));
        return p;
    }

    /**
     * Hypervolume of the front with every objective scaled by the initial population's range (fixed after
     * iteration 0, so values are comparable across iterations), reference point 1.1 in each.
     */
    public double hypervolume(List<Trial> front, double[] lo, double[] hi) {
        if (lo == null) return Double.NaN;
        List<double[]> scaled = new ArrayList<>();
        for (Trial t : front) {
            double[] p = point(t);
            for (int k = 0; k < p.length; k++) {
                double span = hi[k] - lo[k];
                p[k] = span > 0 ? (p[k] - lo[k]) / span : 0;
            }
            scaled.add(p);
        }
        double[] ref = new double[objectives.size()];
        Arrays.fill(ref, 1.1);
        return Pareto.hypervolume(scaled, ref);
    }
}
