package jnas.core.autobert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.search.Algorithm;
import jnas.core.search.Candidate;
import jnas.core.search.History;
import jnas.core.search.Measurement;
import jnas.core.search.TrialState;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * AutoBERT-Zero's search (Gao et al., AAAI 2022) in miniature: OP-NAS over {@link HybridEncoder}s, with the
 * two baselines on the same space, budget and first generation. Each step is one generation.
 *
 * <p>OP-NAS, after the paper's Algorithm 1 (its text was not available here; every choice below the
 * paper's outline is this project's and is stated):
 * <ol>
 *   <li>(first step) the population: BERT (every layer {@code vanilla}) and {@code population - 1} random walks of
 *       {@code walk} mutations from it, each evaluated by the proxy;</li>
 *   <li>Top-K: the K best of the population by dev GLUE average are the parents; child c has parent c mod K;</li>
 *   <li>inter-layer mutation of the parent ({@link ModelMutations#inter});</li>
 *   <li>intra-layer mutation with the operation of the highest UCB score ({@link Ucb}); an operation that
 *       cannot be applied to this child is set aside and the next best is drawn;</li>
 *   <li>BIWS: the child starts from its parent's pre-trained weights ({@link Biws}, via the candidate's parent
 *       checkpoint) when {@code biws=on};</li>
 *   <li>proxy evaluation ({@link ProxyEvaluator}): masked-LM steps, fine-tuning on the three tasks, fitness the
 *       dev average;</li>
 *   <li>population update: the child joins, the worst leaves (a failed model is the worst);</li>
 *   <li>UCB update: N_op + 1 and the child's reward (its rank among the population it came from) added to the
 *       operation's sum.</li>
 * </ol>
 * Baselines: {@code evolution} is regularized evolution (Real et al., 2019): per child a tournament of
 * {@code tournament} members picks the parent, the same two mutations with a uniformly drawn operation, and the
 * oldest member leaves; {@code random} evaluates random walks from BERT with no selection. A child that is the
 * same model as one already evaluated once unused instructions are dropped is discarded and drawn again
 * (programs equal only by algebra are not recognised as equal).
 */
public final class OpNas implements Algorithm<OpNas.State, OpNasReport> {
    public static final String NAME = "autobert";
    public static final String SPACE = "autobert-encoder";
    private static final int DRAWS_PER_CHILD = 30;
    private static final int REJECTIONS_KEPT = 30;

    /**
     * The living population (joining order) and their dev GLUE averages (-infinity: failed), the operation
     * statistics, the scores each child of this generation is ranked against (the population's when the
     * generation began), and the report in progress.
     */
    public record State(List<String> population, List<Double> scores, Ucb ucb, List<Double> basis, OpNasReport partial) {}

    private final AutoBertConfig config;
    private final HybridEncoder bert;
    private final String specJson;

    /**
     * @param bert     the search's BERT (shape and vanilla layers)
     * @param specJson the proxy's evaluation spec ({@link AutoBertConfig#spec}), the same every generation
     */
    public OpNas(AutoBertConfig config, HybridEncoder bert, String specJson) {
        this.config = config;
        this.bert = bert;
        this.specJson = specJson;
    }

    public AutoBertConfig config() {
        return config;
    }

    /** The search's BERT: its shape and vanilla layers, the first member of every population. */
    public HybridEncoder bert() {
        return bert;
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
    public Class<OpNasReport> reportType() {
        return OpNasReport.class;
    }

    @Override
    public State initialState() {
        return new State(List.of(), List.of(), Ucb.empty(), List.of(), null);
    }

    /** Minus the dev GLUE average (lower is better); NaN for a failed model. */
    @Override
    public double fitness(Measurement m) {
        return m.state() == TrialState.COMPLETE ? -m.values().getOrDefault("glue_avg", Double.NaN) : Double.NaN;
    }

    @Override
    public String indicatorName() {
        return "best_glue_avg";
    }

    @Override
    public String summary(OpNasReport report) {
        return report.summary();
    }

    /** A trial's dev GLUE average; -infinity when it failed. */
    public static double score(Trial t) {
        double v = t.state() == TrialState.COMPLETE ? t.value("glue_avg") : Double.NaN;
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** The model a trial measured. */
    public static HybridEncoder model(Trial t) {
        return ProxyEvaluator.model(t.archJson());
    }

    /** A model with every program pruned: equal for two models that compute the same function. */
    static String canonical(HybridEncoder m) {
        List<LayerChoice> layers = new ArrayList<>();
        for (LayerChoice c : m.layers()) layers.add(c.isConv() ? c : LayerChoice.attention(c.attention().pruned()));
        return new HybridEncoder(m.shape(), layers).id();
    }

    // ---- one generation ---------------------------------------------------------------------------

    @Override
    public Proposal<State> propose(State s, int generation, History history, Rng rng) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Trial t : history.trials()) seen.putIfAbsent(canonical(model(t)), t.archId());
        List<Candidate> candidates = new ArrayList<>();
        List<OpNasReport.Parent> parents = new ArrayList<>();
        List<OpNasReport.Child> children = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        String kind = generation == 0 ? "initial" : config.strategy();
        if (generation == 0) {
            // line 1: the population: BERT and random walks from it
            add(candidates, children, seen, bert, null, null, "seed", "BERT: every layer vanilla", "", null, null);
            for (int i = 1; i < config.population(); i++) randomChild(candidates, children, seen, rejections, rng);
        } else if (config.random()) {
            for (int i = 0; i < config.children(); i++) randomChild(candidates, children, seen, rejections, rng);
        } else {
            List<String> pool = ranked(s.population(), history);
            List<String> top = pool.subList(0, Math.min(config.topK(), pool.size()));            // line 3: Top-K parents
            if (config.opnas()) for (String id : top) parents.add(new OpNasReport.Parent(id, score(history.get(id))));
            Ucb ucb = s.ucb();
            for (int c = 0; c < config.children(); c++) {
                String parentId;
                if (config.opnas()) {
                    parentId = top.get(c % top.size());
                } else {
                    parentId = tournament(s.population(), history, rng);
                    parents.add(new OpNasReport.Parent(parentId, score(history.get(parentId))));
                }
                Trial parent = history.get(parentId);
                child(candidates, children, seen, rejections, model(parent), parent, ucb, rng);
            }
        }
        OpNasReport partial = new OpNasReport(generation, kind, parents, children, rejections, s.ucb(), s.ucb(), List.of(), List.of(),
                null, Double.NaN, 0);
        return new Proposal<>(new State(s.population(), s.scores(), s.ucb(), List.copyOf(s.scores()), partial), candidates, specJson, kind);
    }

    /** Lines 4-6 for one child of {@code parentModel}: inter-layer, then intra-layer mutation with the UCB's (or a uniform) operation. */
    private void child(List<Candidate> candidates, List<OpNasReport.Child> children, Map<String, String> seen, List<String> rejections,
                       HybridEncoder parentModel, Trial parent, Ucb ucb, Rng rng) {
        for (int draw = 0; draw < DRAWS_PER_CHILD; draw++) {
            ModelMutations.Mutation inter = ModelMutations.inter(parentModel, rng);               // line 4
            ModelMutations.Mutation intra = null;
            AttentionOp op = null;
            Set<AttentionOp> unusable = new HashSet<>();
            while (intra == null && unusable.size() < AttentionOp.values().length) {              // line 5
                op = config.opnas() ? ucb.choose(config.alpha(), rng, unusable) : pickUniform(rng, unusable);
                intra = ModelMutations.intra(inter.child(), op, rng);
                if (intra == null) {
                    if (inter.child().layers().stream().allMatch(LayerChoice::isConv)) break;    // no attention layer to mutate
                    unusable.add(op);
                    reject(rejections, "operation " + op.code() + " fits nowhere in " + inter.child().id() + "; drawn again");
                }
            }
            if (intra == null) op = null;
            HybridEncoder result = intra == null ? inter.child() : intra.child();
            String twin = seen.get(canonical(result));
            if (twin != null) {
                reject(rejections, (intra == null ? inter.description() : inter.description() + "; " + intra.description())
                        + ": the same model as " + twin + " (unused instructions aside), evaluated before");
                continue;
            }
            add(candidates, children, seen, result, parentModel, parent, "mutation",
                    intra == null ? inter.description() : inter.description() + "; " + intra.description(), inter.description(), intra, op);
            return;
        }
        reject(rejections, "no new child of " + parent.archId() + " after " + DRAWS_PER_CHILD + " draws");
    }

    private static AttentionOp pickUniform(Rng rng, Set<AttentionOp> excluded) {
        List<AttentionOp> left = new ArrayList<>();
        for (AttentionOp op : AttentionOp.values()) if (!excluded.contains(op)) left.add(op);
        return rng.pick(left);
    }

    private void randomChild(List<Candidate> candidates, List<OpNasReport.Child> children, Map<String, String> seen, List<String> rejections,
                             Rng rng) {
        for (int draw = 0; draw < DRAWS_PER_CHILD; draw++) {
            HybridEncoder m = ModelMutations.randomWalk(bert, config.walk(), rng);
            String twin = seen.get(canonical(m));
            if (twin != null) {
                reject(rejections, "a random walk arrived at " + twin + ", evaluated before");
                continue;
            }
            add(candidates, children, seen, m, null, null, "random", "random walk of " + config.walk() + " mutations from BERT", "", null, null);
            return;
        }
        reject(rejections, "no new random model after " + DRAWS_PER_CHILD + " draws");
    }

    private static void reject(List<String> rejections, String line) {
        if (rejections.size() < REJECTIONS_KEPT) rejections.add(line);
    }

    private void add(List<Candidate> candidates, List<OpNasReport.Child> children, Map<String, String> seen, HybridEncoder m,
                     HybridEncoder parentModel, Trial parent, String origin, String description, String inter, ModelMutations.Mutation intra,
                     AttentionOp op) {
        seen.put(canonical(m), m.id());
        String checkpoint = parent == null || !config.biws() ? null : checkpoint(parent);
        String json = ProxyEvaluator.candidate(m, parentModel, checkpoint);
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("description", description);
        if (op != null) notes.put("op", op.code());
        if (intra != null && !intra.diff().isEmpty()) notes.put("diff", intra.diff());
        candidates.add(new Candidate(m.id(), json, origin, parent == null ? List.of() : List.of(parent.archId()), notes));
        children.add(new OpNasReport.Child(m.id(), parent == null ? null : parent.archId(), inter, intra == null ? "" : intra.kind(),
                op == null ? "" : op.code(), description, intra == null ? List.of() : intra.diff(), intra == null ? "" : intra.before(),
                intra == null ? "" : intra.after(), "pending", Double.NaN, Map.of(), Double.NaN, "", m.totalParams(), 0, ""));
    }

    /** The cache key of a trial's pre-trained weights (its details' {@code pretraining.key}), or null. */
    static String checkpoint(Trial t) {
        try {
            JsonObject d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
            return d.has("pretraining") ? d.getAsJsonObject("pretraining").get("key").getAsString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The population best first (score, then the younger on a tie). */
    static List<String> ranked(List<String> population, History history) {
        List<String> out = new ArrayList<>(population);
        out.sort((a, b) -> {
            int c = Double.compare(score(history.get(b)), score(history.get(a)));
            return c != 0 ? c : Integer.compare(population.indexOf(b), population.indexOf(a));
        });
        return out;
    }

    private String tournament(List<String> population, History history, Rng rng) {
        List<String> pool = new ArrayList<>(population);
        String best = null;
        for (int k = 0; k < config.tournament() && !pool.isEmpty(); k++) {
            String id = pool.remove(rng.nextInt(pool.size()));
            if (best == null || score(history.get(id)) > score(history.get(best))) best = id;
        }
        return best;
    }

    // ---- observe and close ------------------------------------------------------------------------

    /** Lines 7-8: the child joins, the worst (evolution: the oldest) leaves, and its operation's statistics take its reward. */
    @Override
    public State observe(State s, Candidate c, Trial t) {
        double score = score(t);
        List<String> population = new ArrayList<>(s.population());
        List<Double> scores = new ArrayList<>(s.scores());
        population.add(c.id());
        scores.add(score);
        String removed = null;
        if (population.size() > config.population()) {
            int out = 0;                                                  // evolution: the oldest
            if (!config.strategy().equals("evolution")) {
                for (int i = 1; i < scores.size(); i++) if (scores.get(i) < scores.get(out)) out = i;   // the worst; the oldest among equals
            }
            removed = population.remove(out);
            scores.remove(out);
        }
        String op = (String) c.notes().get("op");
        Ucb ucb = s.ucb();
        double reward = Double.NaN;
        if (op != null) {
            reward = Ucb.reward(score, s.basis());
            ucb = ucb.observe(AttentionOp.parse(op), reward);
        }
        OpNasReport r = s.partial();
        List<OpNasReport.Child> children = new ArrayList<>(r.children());
        for (int i = 0; i < children.size(); i++) {
            OpNasReport.Child k = children.get(i);
            if (!k.id().equals(c.id())) continue;
            Map<String, Double> tasks = new LinkedHashMap<>();
            for (String task : List.of("pos", "genre", "same_doc")) if (t.values().containsKey(task)) tasks.put(task, t.value(task));
            children.set(i, new OpNasReport.Child(k.id(), k.parent(), k.inter(), k.intraKind(), k.op(), k.description(), k.diff(), k.before(),
                    k.after(), t.state().name().toLowerCase(), t.state() == TrialState.COMPLETE ? t.value("glue_avg") : Double.NaN, tasks, reward,
                    biwsLine(t), k.params(), t.seconds(), messageOf(t)));
        }
        List<String> removedList = new ArrayList<>(r.removed());
        if (removed != null) removedList.add(removed);
        OpNasReport next = new OpNasReport(r.generation(), r.kind(), r.parents(), children, r.rejections(), r.ucbBefore(), ucb, r.population(),
                removedList, r.bestId(), r.bestScore(), r.seconds());
        return new State(population, scores, ucb, s.basis(), next);
    }

    private static String biwsLine(Trial t) {
        try {
            JsonObject d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
            if (!d.has("biws")) return "";
            JsonObject b = d.getAsJsonObject("biws");
            if (b.has("summary")) return b.get("summary").getAsString();
            return b.has("why") ? "not inherited: " + b.get("why").getAsString() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String messageOf(Trial t) {
        try {
            JsonObject d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
            return d.has("error") ? d.get("error").getAsString() : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    @Override
    public Closing<State, OpNasReport> close(State s, int generation, History history, double seconds) {
        Trial best = best(history.trials());
        OpNasReport p = s.partial();
        OpNasReport report = new OpNasReport(p.generation(), p.kind(), p.parents(), p.children(), p.rejections(), p.ucbBefore(), s.ucb(),
                ranked(s.population(), history), p.removed(), best == null ? null : best.archId(), best == null ? Double.NaN : score(best), seconds);
        return new Closing<>(new State(s.population(), s.scores(), s.ucb(), List.of(), null), report, best == null ? Double.NaN : score(best));
    }

    /** The complete trial with the highest dev GLUE average, or null. */
    public static Trial best(List<Trial> trials) {
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETE) continue;
            if (best == null || score(t) > score(best)) best = t;
        }
        return best;
    }
}
