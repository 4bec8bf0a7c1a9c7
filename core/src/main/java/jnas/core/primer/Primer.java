package jnas.core.primer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jnas.core.search.Algorithm;
import jnas.core.search.Candidate;
import jnas.core.search.History;
import jnas.core.search.Measurement;
import jnas.core.search.TrialState;
import jnas.core.stats.Quantiles;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * Primer's search (So et al., NeurIPS 2021) in miniature: regularized (aging) evolution (Real et al., 2019)
 * over decoder-layer {@link Program}s, seeded with the vanilla Transformer layer. Each step is one
 * generation:
 *
 * <ol>
 *   <li>(first step) the initial population: the vanilla program and mutants of it, each trained;</li>
 *   <li>per child, a tournament: sample {@code tournament} members of the population, the one with the
 *       lowest validation loss is the parent; mutate it (insert, delete, swap, change an argument) until the
 *       child compiles and was never seen, recording every rejected mutation and why;</li>
 *   <li>train each child on the same small budget and data order; at the hurdle step a child whose
 *       validation loss is above the hurdle (a percentile of the population's losses at that step, fixed
 *       at the start of the generation and carried in the evaluation spec) stops early (pruned);</li>
 *   <li>each trained child joins the population and the oldest member ages out.</li>
 * </ol>
 */
public final class Primer implements Algorithm<Primer.State, PrimerStepReport> {
    public static final String NAME = "primer";
    public static final String SPACE = "primer-programs";
    private static final int ATTEMPTS_PER_CHILD = 200;
    private static final int REJECTIONS_KEPT = 30;

    /** The living population (oldest first) and the report of the generation in progress. */
    public record State(List<String> population, PrimerStepReport partial) {}

    private final PrimerConfig config;
    private final ProgramEvaluator.Data data;
    private final String dataShape;

    public Primer(PrimerConfig config, ProgramEvaluator.Data data, String dataShape) {
        this.config = config;
        this.data = data;
        this.dataShape = dataShape;
    }

    public PrimerConfig config() {
        return config;
    }

    public ProgramEvaluator.Data data() {
        return data;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String stepName() {
        return "generation";
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Class<PrimerStepReport> reportType() {
        return PrimerStepReport.class;
    }

    @Override
    public State initialState() {
        return new State(List.of(), null);
    }

    /** The last validation loss (at the hurdle for a pruned child); NaN when training failed. */
    @Override
    public double fitness(Measurement m) {
        return m.state() == TrialState.FAILED ? Double.NaN : m.values().getOrDefault("val_loss", Double.NaN);
    }

    @Override
    public String summary(PrimerStepReport report) {
        return report.summary();
    }

    // ---- one generation ---------------------------------------------------------------------------

    @Override
    public Proposal<State> propose(State s, int generation, History history, Rng rng) {
        Map<String, String> seen = new HashMap<>(); // pruned program id -> the trial computing that function
        for (Trial t : history.trials()) seen.putIfAbsent(Program.fromJson(t.archJson()).pruned().id(), t.archId());
        List<Candidate> children = new ArrayList<>();
        List<PrimerStepReport.Tournament> tournaments = new ArrayList<>();
        List<PrimerStepReport.Rejection> rejections = new ArrayList<>();
        int[] rejected = {0};
        double hurdle = Double.NaN;
        if (generation == 0) {
            Program seed = Programs.vanilla();
            seen.put(seed.pruned().id(), seed.id());
            children.add(new Candidate(seed.id(), seed.toJson(), "seed", List.of(),
                    Map.of("description", "the vanilla Transformer layer", "diff", List.of())));
            for (int i = 1; i < config.population(); i++) {
                Candidate c = mutant(seed, seen, rejections, rejected, rng);
                if (c != null) children.add(c);
            }
        } else {
            hurdle = hurdle(s.population(), history);
            for (int i = 0; i < config.children(); i++) {
                PrimerStepReport.Tournament t = tournament(s.population(), history, rng);
                tournaments.add(t);
                Candidate c = mutant(Program.fromJson(history.get(t.winner()).archJson()), seen, rejections, rejected, rng);
                if (c != null) children.add(c);
            }
        }
        List<PrimerStepReport.Child> reported = new ArrayList<>();
        for (Candidate c : children) {
            reported.add(new PrimerStepReport.Child(c.id(), parent(c), c.origin(), description(c), diff(c), "pending", Double.NaN,
                    Double.NaN, 0, List.of(), 0, 0, null, ""));
        }
        String kind = generation == 0 ? "initial" : "evolution";
        PrimerStepReport partial = new PrimerStepReport(generation, kind, hurdle, config.hurdleStep(), config.hurdlePercentile(),
                tournaments, reported, rejections, rejected[0], List.of(), null, Double.NaN, Programs.vanilla().id(), Double.NaN, 0);
        String spec = new ProgramEvaluator.Spec(config, data, dataShape, hurdle).toJson();
        return new Proposal<>(new State(s.population(), partial), children, spec, kind);
    }

    private static String parent(Candidate c) {
        return c.parents().isEmpty() ? null : c.parents().get(0);
    }

    private static String description(Candidate c) {
        return String.valueOf(c.notes().get("description"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> diff(Candidate c) {
        return (List<String>) c.notes().getOrDefault("diff", List.of());
    }

    /** A child of {@code parent} that compiles and was never seen; null after too many attempts. */
    private Candidate mutant(Program parent, Map<String, String> seen, List<PrimerStepReport.Rejection> rejections, int[] rejected, Rng rng) {
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
            return new Candidate(m.child().id(), m.child().toJson(), m.kind(), List.of(parent.id()),
                    Map.of("description", m.description(), "diff", m.diff(parent)));
        }
        return null;
    }

    /** Samples {@code tournament} distinct members of the population; the lowest loss wins (the younger on a tie). */
    private PrimerStepReport.Tournament tournament(List<String> population, History history, Rng rng) {
        List<String> pool = new ArrayList<>(population);
        List<PrimerStepReport.Entrant> entrants = new ArrayList<>();
        for (int k = 0; k < config.tournament() && !pool.isEmpty(); k++) {
            String id = pool.remove(rng.nextInt(pool.size()));
            entrants.add(new PrimerStepReport.Entrant(id, fitness(history.get(id))));
        }
        PrimerStepReport.Entrant best = entrants.get(0);
        for (PrimerStepReport.Entrant e : entrants) {
            if (e.loss() < best.loss() || (e.loss() == best.loss() && population.indexOf(e.id()) > population.indexOf(best.id()))) best = e;
        }
        return new PrimerStepReport.Tournament(entrants, best.id());
    }

    /** The loss that ranks a trial in tournaments: its last validation loss; infinite if it diverged or failed. */
    public static double fitness(Trial t) {
        Double v = t.values().get("val_loss");
        return v == null ? Double.POSITIVE_INFINITY : v;
    }

    /** The population's {@code hurdlePercentile} of losses at the hurdle step; NaN without a hurdle. */
    private double hurdle(List<String> population, History history) {
        if (config.hurdleStep() == 0) return Double.NaN;
        List<Double> losses = new ArrayList<>();
        for (String id : population) {
            Double v = history.get(id).values().get("loss_at_hurdle");
            losses.add(v == null ? Double.POSITIVE_INFINITY : v);
        }
        return percentile(losses, config.hurdlePercentile());
    }

    /** The p-th percentile (p in [0, 100]), by {@link Quantiles}' linear interpolation. */
    public static double percentile(List<Double> values, double p) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Quantiles.sorted(s, p / 100);
    }

    /** The trained child joins the population, the oldest ages out, and the report records what happened. */
    @Override
    public State observe(State s, Candidate c, Trial t) {
        List<String> population = new ArrayList<>(s.population());
        population.add(c.id());
        String aged = population.size() > config.population() ? population.remove(0) : null;
        ProgramEvaluator.Details d = ProgramEvaluator.Details.of(t.detailsJson());
        PrimerStepReport.Child child = new PrimerStepReport.Child(c.id(), parent(c), c.origin(), description(c), diff(c), d.status(),
                t.value("val_loss"), t.value("loss_at_hurdle"), (int) t.value("steps"), d.curve(),
                (long) t.value("decoder_params"), t.seconds(), aged, d.message());
        PrimerStepReport r = s.partial();
        List<PrimerStepReport.Child> children = new ArrayList<>(r.children());
        for (int i = 0; i < children.size(); i++) if (children.get(i).id().equals(c.id())) children.set(i, child);
        PrimerStepReport next = new PrimerStepReport(r.generation(), r.kind(), r.hurdle(), r.hurdleStep(), r.hurdlePercentile(),
                r.tournaments(), children, r.rejections(), r.rejected(), r.population(), r.bestId(), r.bestLoss(), r.vanillaId(),
                r.vanillaLoss(), r.seconds());
        return new State(population, next);
    }

    @Override
    public Closing<State, PrimerStepReport> close(State s, int generation, History history, double seconds) {
        Trial best = best(history.trials());
        Trial vanilla = history.get(Programs.vanilla().id());
        PrimerStepReport p = s.partial();
        PrimerStepReport report = new PrimerStepReport(p.generation(), p.kind(), p.hurdle(), p.hurdleStep(), p.hurdlePercentile(),
                p.tournaments(), p.children(), p.rejections(), p.rejected(), List.copyOf(s.population()),
                best == null ? null : best.archId(), best == null ? Double.NaN : fitness(best), p.vanillaId(),
                vanilla == null ? Double.NaN : fitness(vanilla), seconds);
        return new Closing<>(new State(s.population(), null), report, Double.NaN);
    }

    /** The complete trial with the lowest validation loss, or null. */
    public static Trial best(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETE) continue;
            if (best == null || fitness(t) < fitness(best)) best = t;
        }
        return best;
    }

    /** A trial's status as training ended: completed, stopped_at_hurdle, diverged or failed. */
    public static String status(Trial t) {
        return ProgramEvaluator.Details.of(t.detailsJson()).status();
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
}
