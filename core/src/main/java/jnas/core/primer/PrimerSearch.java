package jnas.core.primer;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import jnas.core.data.TokenStreams;
import jnas.core.search.SearchInterruptedException;
import jnas.core.search.SearchListener;
import jnas.core.stats.Quantiles;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;
import jnas.core.train.ProgressListener;
import jnas.core.util.Rng;

/**
 * Primer's search (So et al., NeurIPS 2021) in miniature: regularized (aging) evolution (Real et al., 2019)
 * over decoder-layer {@link Program}s, seeded with the vanilla Transformer layer. Each {@link #step()} is
 * one generation:
 *
 * <ol>
 *   <li>(first step) the initial population: the vanilla program and mutants of it, each trained;</li>
 *   <li>per child, a tournament: sample {@code tournament} members of the population, the one with the
 *       lowest validation loss is the parent; mutate it (insert, delete, swap, change an argument) until the
 *       child compiles and was never seen, recording every rejected mutation and why;</li>
 *   <li>train each child on the same small budget and data order; at the hurdle step a child whose
 *       validation loss is above the hurdle (a percentile of the population's losses at that step, fixed
 *       at the start of the generation) stops early and is recorded as such;</li>
 *   <li>each trained child joins the population and the oldest member ages out.</li>
 * </ol>
 *
 * Every trained child is stored with the full search state in one transaction, so an interrupted step loses
 * no finished training and a resumed search follows the same trajectory as an uninterrupted one.
 */
public final class PrimerSearch implements AutoCloseable {
    public static final String ALGORITHM = "primer";
    public static final String SPACE = "primer-programs";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final int ATTEMPTS_PER_CHILD = 200;
    private static final int REJECTIONS_KEPT = 30;

    private final PrimerConfig config;
    private final TokenStreams data;
    private final SearchStore store;

    // search state: saved after every trained child
    private Rng rng;
    private int generation;
    private boolean inProgress;
    private List<Pending> pending = new ArrayList<>();
    private List<String> population = new ArrayList<>(); // oldest first
    private PrimerStepReport partial;

    /** A child waiting for training. */
    record Pending(String programJson, String parent, String mutation, String description, List<String> diff) {}

    private PrimerSearch(PrimerConfig config, TokenStreams data, SearchStore store) {
        this.config = config;
        this.data = data;
        this.store = store;
    }

    /** A new search in {@code storeFile} (which must not hold a search yet). */
    public static PrimerSearch create(PrimerConfig config, TokenStreams data, String dataName, Path storeFile) {
        Program seed = Programs.vanilla();
        String problem = seed.problem(config.dModel());
        if (problem != null) throw new IllegalArgumentException("the vanilla program does not compile at d_model " + config.dModel() + ": " + problem);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("algorithm", ALGORITHM);
        meta.put("space", SPACE);
        meta.put("config", config.toJson());
        meta.put("data", dataName);
        meta.put("data_shape", dataShape(data));
        meta.put("seed_program", seed.toJson());
        SearchStore store = SearchStore.create(storeFile, meta);
        PrimerSearch s = new PrimerSearch(config, data, store);
        s.rng = new Rng(config.seed());
        store.write(tx -> tx.putState(s.stateMap()));
        return s;
    }

    /** Continues a stored search; {@code data} must be the data it started with (checked by shape). */
    public static PrimerSearch resume(Path storeFile, TokenStreams data) {
        SearchStore store = SearchStore.openSearch(storeFile, ALGORITHM, "a Primer search");
        try {
            Map<String, String> meta = store.meta();
            if (!dataShape(data).equals(meta.get("data_shape"))) {
                throw new IllegalArgumentException("store '" + storeFile + "' was searched on data " + meta.get("data_shape")
                        + " (" + meta.get("data") + "); the data given is " + dataShape(data));
            }
            PrimerSearch s = new PrimerSearch(PrimerConfig.fromJson(meta.get("config")), data, store);
            s.loadState(store.state());
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static String dataShape(TokenStreams d) {
        return "vocab " + d.vocabSize() + ", train " + d.train().length + ", valid " + d.valid().length + " tokens";
    }

    public PrimerConfig config() {
        return config;
    }

    public SearchStore store() {
        return store;
    }

    public TokenStreams data() {
        return data;
    }

    /** Generations finished so far. */
    public int generation() {
        return generation;
    }

    public boolean inProgress() {
        return inProgress;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** The living population, oldest first. */
    public List<String> population() {
        return List.copyOf(population);
    }

    public PrimerStepReport step() {
        return step(SearchListener.NONE, ProgressListener.NONE);
    }

    /**
     * One generation (or the rest of an interrupted one). {@code listener} hears after each trained child,
     * {@code training} about every training step.
     */
    public synchronized PrimerStepReport step(SearchListener listener, ProgressListener training) {
        long start = System.nanoTime();
        if (!inProgress) begin();
        int total = partial.children().size();
        while (!pending.isEmpty()) {
            int done = total - pending.size();
            if (Thread.currentThread().isInterrupted()) throw interrupted(done, total);
            Pending p = pending.get(0);
            Program program = Program.fromJson(p.programJson());
            ProgramTraining.Outcome o;
            try {
                o = ProgramTraining.train(program, config, config.trainConfig(), data, partial.hurdle(), training);
            } catch (CancellationException e) {
                throw interrupted(done, total);
            }
            List<Pending> rest = new ArrayList<>(pending.subList(1, pending.size()));
            store.write(tx -> {
                tx.addTrial(generation, program.id(), program.toJson(), p.mutation(), p.parent() == null ? List.of() : List.of(p.parent()),
                        objectives(o), details(o, p), o.seconds());
                population.add(program.id());
                String aged = population.size() > config.population() ? population.remove(0) : null;
                partial = withChild(partial, done, child(program.id(), p, o, aged));
                pending = rest;
                tx.putState(stateMap());
            });
            listener.evaluated(generation, done + 1, total, program.id());
        }
        return finish(start);
    }

    private SearchInterruptedException interrupted(int done, int total) {
        return new SearchInterruptedException("interrupted after " + done + " of " + total + " children of generation " + generation
                + "; every finished training is stored; step again to continue");
    }

    private static Map<String, Double> objectives(ProgramTraining.Outcome o) {
        Map<String, Double> v = new LinkedHashMap<>();
        if (Double.isFinite(o.validLoss())) v.put("val_loss", o.validLoss());
        if (Double.isFinite(o.lossAtHurdle())) v.put("loss_at_hurdle", o.lossAtHurdle());
        v.put("decoder_params", (double) o.params());
        v.put("mflops_per_token", o.flopsPerToken() / 1e6);
        v.put("steps", (double) o.stepsTrained());
        return v;
    }

    private static String details(ProgramTraining.Outcome o, Pending p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("status", o.status().name().toLowerCase());
        d.put("message", o.message());
        d.put("curve", o.curve());
        d.put("description", p.description());
        d.put("diff", p.diff());
        return GSON.toJson(d);
    }

    private static PrimerStepReport.Child child(String id, Pending p, ProgramTraining.Outcome o, String agedOut) {
        return new PrimerStepReport.Child(id, p.parent(), p.mutation(), p.description(), p.diff(), o.status().name().toLowerCase(),
                o.validLoss(), o.lossAtHurdle(), o.stepsTrained(), o.curve(), o.params(), o.seconds(), agedOut, o.message());
    }

    private static PrimerStepReport withChild(PrimerStepReport r, int index, PrimerStepReport.Child c) {
        List<PrimerStepReport.Child> children = new ArrayList<>(r.children());
        children.set(index, c);
        return new PrimerStepReport(r.generation(), r.kind(), r.hurdle(), r.hurdleStep(), r.hurdlePercentile(), r.tournaments(),
                children, r.rejections(), r.rejected(), r.population(), r.bestId(), r.bestLoss(), r.vanillaId(), r.vanillaLoss(), r.seconds());
    }

    /** Makes this generation's children (tournaments and mutations) and saves them before any training. */
    private void begin() {
        List<Trial> trials = store.trials();
        Map<String, Trial> byId = new HashMap<>();
        for (Trial t : trials) byId.put(t.archId(), t);
        Map<String, String> seen = new HashMap<>(); // pruned program id -> the trial computing that function
        for (Trial t : trials) seen.putIfAbsent(Program.fromJson(t.archJson()).pruned().id(), t.archId());
        List<Pending> children = new ArrayList<>();
        List<PrimerStepReport.Tournament> tournaments = new ArrayList<>();
        List<PrimerStepReport.Rejection> rejections = new ArrayList<>();
        int[] rejected = {0};
        double hurdle = Double.NaN;
        if (generation == 0) {
            Program seed = Programs.vanilla();
            seen.put(seed.pruned().id(), seed.id());
            children.add(new Pending(seed.toJson(), null, "seed", "the vanilla Transformer layer", List.of()));
            for (int i = 1; i < config.population(); i++) {
                Pending c = mutant(seed, seen, rejections, rejected);
                if (c != null) children.add(c);
            }
        } else {
            hurdle = hurdle(byId);
            for (int i = 0; i < config.children(); i++) {
                PrimerStepReport.Tournament t = tournament(byId);
                tournaments.add(t);
                Program parent = Program.fromJson(byId.get(t.winner()).archJson());
                Pending c = mutant(parent, seen, rejections, rejected);
                if (c != null) children.add(c);
            }
        }
        List<PrimerStepReport.Child> reported = new ArrayList<>();
        for (Pending c : children) {
            reported.add(new PrimerStepReport.Child(Program.fromJson(c.programJson()).id(), c.parent(), c.mutation(), c.description(),
                    c.diff(), "pending", Double.NaN, Double.NaN, 0, List.of(), 0, 0, null, ""));
        }
        partial = new PrimerStepReport(generation, generation == 0 ? "initial" : "evolution", hurdle, config.hurdleStep(),
                config.hurdlePercentile(), tournaments, reported, rejections, rejected[0], List.of(), null, Double.NaN,
                Programs.vanilla().id(), Double.NaN, 0);
        pending = children;
        inProgress = true;
        store.write(tx -> tx.putState(stateMap()));
    }

    /** A child of {@code parent} that compiles and was never seen; null after too many attempts. */
    private Pending mutant(Program parent, Map<String, String> seen, List<PrimerStepReport.Rejection> rejections, int[] rejected) {
        for (int attempt = 0; attempt < ATTEMPTS_PER_CHILD; attempt++) {
            Mutations.Mutation m = Mutations.mutate(parent, rng);
            if (m == null) continue;
            String reason = m.child().problem(config.dModel());
            String twin = reason == null ? seen.get(m.child().pruned().id()) : null;
            if (twin != null) {
                reason = twin.equals(m.child().id()) ? "duplicate of " + twin + ", trained before"
                        : "computes the same function as " + twin + " (they differ only in unused instructions)";
            }
            if (reason != null) {
                rejected[0]++;
                if (rejections.size() < REJECTIONS_KEPT) rejections.add(new PrimerStepReport.Rejection(m.kind(), m.description() + ": " + reason));
                continue;
            }
            seen.put(m.child().pruned().id(), m.child().id());
            return new Pending(m.child().toJson(), parent.id(), m.kind(), m.description(), m.diff(parent));
        }
        return null;
    }

    /** Samples {@code tournament} distinct members of the population; the lowest loss wins (the younger on a tie). */
    private PrimerStepReport.Tournament tournament(Map<String, Trial> byId) {
        List<String> pool = new ArrayList<>(population);
        List<PrimerStepReport.Entrant> entrants = new ArrayList<>();
        for (int k = 0; k < config.tournament() && !pool.isEmpty(); k++) {
            String id = pool.remove(rng.nextInt(pool.size()));
            entrants.add(new PrimerStepReport.Entrant(id, fitness(byId.get(id))));
        }
        PrimerStepReport.Entrant best = entrants.get(0);
        for (PrimerStepReport.Entrant e : entrants) {
            if (e.loss() < best.loss() || (e.loss() == best.loss() && population.indexOf(e.id()) > population.indexOf(best.id()))) best = e;
        }
        return new PrimerStepReport.Tournament(entrants, best.id());
    }

    /** The loss that ranks a trial: its last validation loss; infinite if it diverged or failed. */
    public static double fitness(Trial t) {
        Double v = t.values().get("val_loss");
        return v == null ? Double.POSITIVE_INFINITY : v;
    }

    /** The population's {@code hurdlePercentile} of losses at the hurdle step; NaN without a hurdle. */
    private double hurdle(Map<String, Trial> byId) {
        if (config.hurdleStep() == 0) return Double.NaN;
        List<Double> losses = new ArrayList<>();
        for (String id : population) {
            Double v = byId.get(id).values().get("loss_at_hurdle");
            losses.add(v == null ? Double.POSITIVE_INFINITY : v);
        }
        return percentile(losses, config.hurdlePercentile());
    }

    /** The p-th percentile (p in [0, 100]), by {@link Quantiles}' linear interpolation. */
    public static double percentile(List<Double> values, double p) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Quantiles.sorted(s, p / 100);
    }

    private PrimerStepReport finish(long startNanos) {
        List<Trial> trials = store.trials();
        Trial best = best(trials);
        Trial vanilla = trials.stream().filter(t -> t.archId().equals(Programs.vanilla().id())).findFirst().orElse(null);
        PrimerStepReport p = partial;
        PrimerStepReport report = new PrimerStepReport(p.generation(), p.kind(), p.hurdle(), p.hurdleStep(), p.hurdlePercentile(),
                p.tournaments(), p.children(), p.rejections(), p.rejected(), List.copyOf(population),
                best == null ? null : best.archId(), best == null ? Double.NaN : fitness(best), p.vanillaId(),
                vanilla == null ? Double.NaN : fitness(vanilla), (System.nanoTime() - startNanos) / 1e9);
        int finished = generation;
        store.write(tx -> {
            generation = finished + 1;
            inProgress = false;
            pending = new ArrayList<>();
            partial = null;
            tx.putIteration(finished, population, report.bestLoss(), report.toJson());
            tx.putState(stateMap());
        });
        return report;
    }

    /** The completed trial with the lowest validation loss, or null. */
    public static Trial best(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (!"completed".equals(status(t))) continue;
            if (best == null || fitness(t) < fitness(best)) best = t;
        }
        return best;
    }

    /** The best completed program so far. */
    public Program best() {
        Trial t = best(store.trials());
        if (t == null) throw new IllegalStateException("no program has finished training yet; step the search first");
        return Program.fromJson(t.archJson());
    }

    /** A trial's status: completed, stopped_at_hurdle, diverged or failed. */
    public static String status(Trial t) {
        Map<?, ?> d = GSON.fromJson(t.detailsJson(), Map.class);
        return String.valueOf(d.get("status"));
    }

    /** The program with this name (vanilla, primer), id or unique id prefix among the trials. */
    public Program program(String idOrName) {
        return lookup(idOrName, store.trials());
    }

    /** The named program, or the trial whose id is or starts with {@code key}; one line when none or several match. */
    public static Program lookup(String key, List<Trial> trials) {
        Program named = Programs.named(key);
        if (named != null) return named;
        List<Trial> hits = trials.stream().filter(t -> t.archId().startsWith(key)).toList();
        if (hits.size() == 1) return Program.fromJson(hits.get(0).archJson());
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("no program '" + key + "'; expected " + String.join(", ", Programs.names())
                    + " or the id of a trained program (" + trials.size() + " so far)");
        }
        throw new IllegalArgumentException("program id prefix '" + key + "' matches " + hits.size() + " programs; give more digits");
    }

    /** Every finished generation's report, in order. */
    public List<PrimerStepReport> reports() {
        return store.iterations().stream().map(r -> PrimerStepReport.fromJson(r.reportJson())).toList();
    }

    // ---- state ----------------------------------------------------------------------------------

    private static final Type PENDING = new TypeToken<List<Pending>>() {}.getType();
    private static final Type IDS = new TypeToken<List<String>>() {}.getType();

    private Map<String, String> stateMap() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rng", Long.toString(rng.state()));
        s.put("generation", Integer.toString(generation));
        s.put("in_progress", Boolean.toString(inProgress));
        s.put("pending", GSON.toJson(pending));
        s.put("population", GSON.toJson(population));
        s.put("partial_report", partial == null ? "null" : partial.toJson());
        return s;
    }

    private void loadState(Map<String, String> s) {
        rng = Rng.fromState(Long.parseLong(s.get("rng")));
        generation = Integer.parseInt(s.get("generation"));
        inProgress = Boolean.parseBoolean(s.get("in_progress"));
        pending = new ArrayList<>(GSON.fromJson(s.get("pending"), PENDING));
        population = new ArrayList<>(GSON.fromJson(s.get("population"), IDS));
        partial = "null".equals(s.get("partial_report")) ? null : PrimerStepReport.fromJson(s.get("partial_report"));
    }

    @Override
    public void close() {
        store.close();
    }
}
