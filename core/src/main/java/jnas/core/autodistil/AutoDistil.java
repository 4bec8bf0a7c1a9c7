package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;

import jnas.core.model.EncoderConfig;
import jnas.core.search.Algorithm;
import jnas.core.search.Candidate;
import jnas.core.search.History;
import jnas.core.search.Measurement;
import jnas.core.search.Pareto;
import jnas.core.search.TrialState;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * AutoDistil (Xu et al., 2022) on the search engine: steps 0 .. trainSteps - 1 each train every SuperLM
 * by one chunk of Algorithm 1 (one candidate per sub-space, whose evaluation is the training and whose
 * checkpoint is the result); step trainSteps is the task-agnostic search: every sub-network of each
 * sub-space (or a drawn sample) is scored by its held-out distillation loss when sliced from its trained
 * SuperLM, and the students are chosen among those that meet the constraint. Then the search is finished.
 */
public final class AutoDistil implements Algorithm<AutoDistil.State, AutoDistilReport> {
    public static final String NAME = "autodistil";
    public static final String SPACE = "autodistil-subspaces";
    private static final Gson GSON = new Gson();

    /** The state: the chosen student per sub-space once the search step closed (empty before). */
    public record State(Map<String, String> chosen) {
        public State {
            chosen = chosen == null ? Map.of() : Map.copyOf(chosen);
        }
    }

    private final AutoDistilConfig config;
    private final EncoderConfig teacher;
    private final DistilSpec spec;
    private final String specJson;
    private final StudentConstraint rule;

    public AutoDistil(AutoDistilConfig config, EncoderConfig teacher, String specJson) {
        this.config = config;
        this.teacher = teacher;
        this.specJson = specJson;
        this.spec = DistilSpec.fromJson(specJson);
        this.rule = config.rule();
    }

    public AutoDistilConfig config() {
        return config;
    }

    public EncoderConfig teacher() {
        return teacher;
    }

    public DistilSpec spec() {
        return spec;
    }

    public String specJson() {
        return specJson;
    }

    public List<SubSpace> spaces() {
        return spec.spaces();
    }

    public StudentConstraint rule() {
        return rule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public Class<AutoDistilReport> reportType() {
        return AutoDistilReport.class;
    }

    @Override
    public State initialState() {
        return new State(Map.of());
    }

    /** Whether the search step is done: nothing is left to propose. */
    @Override
    public boolean finished(int steps) {
        return steps > config.trainSteps();
    }

    @Override
    public Proposal<State> propose(State state, int step, History history, Rng rng) {
        List<Candidate> out = new ArrayList<>();
        List<SubSpace> spaces = spec.spaces();
        if (step < config.trainSteps()) {
            for (int k = 0; k < spaces.size(); k++) {
                JsonObject c = new JsonObject();
                c.addProperty("kind", "train");
                c.addProperty("space", k);
                c.addProperty("chunk", step);
                out.add(new Candidate(String.format("train-%s-%03d", spaces.get(k).name(), step), c.toString(), "training", List.of()));
            }
            return new Proposal<>(state, out, specJson, "train");
        }
        if (step == config.trainSteps()) {
            for (int k = 0; k < spaces.size(); k++) {
                for (SubNet s : candidates(spaces.get(k), rng)) {
                    JsonObject c = new JsonObject();
                    c.addProperty("kind", "score");
                    c.addProperty("space", k);
                    c.addProperty("chunk", config.trainSteps() - 1);
                    c.add("subnet", JsonParser.parseString(s.toJson()));
                    out.add(new Candidate(id(spaces.get(k), s), c.toString(), "sub-network", List.of(),
                            Map.of("feasible", rule.test(s, teacher, spec.seqLen()))));
                }
            }
            return new Proposal<>(state, out, specJson, "search");
        }
        throw new IllegalStateException("this AutoDistil search is finished: " + config.trainSteps() + " training steps and the search step are done;"
                + " %nas show front and %nas show subnets show its students");
    }

    /** {@code Tiny-L2H64A3F192}. */
    public static String id(SubSpace space, SubNet s) {
        return space.name() + "-" + s.toString().replace(" ", "");
    }

    /** Every sub-network, or the largest, the smallest and a drawn sample when {@code candidates} is smaller. */
    private List<SubNet> candidates(SubSpace space, Rng rng) {
        List<SubNet> all = space.all();
        if (config.candidates() < 0 || config.candidates() >= all.size()) return all;
        List<SubNet> rest = new ArrayList<>(all);
        List<SubNet> out = new ArrayList<>();
        for (SubNet s : List.of(space.largest(), space.smallest())) {
            if (out.size() < config.candidates() && rest.remove(s)) out.add(s);
        }
        while (out.size() < config.candidates()) out.add(rest.remove(rng.nextInt(rest.size())));
        return out;
    }

    @Override
    public State observe(State state, Candidate candidate, Trial trial) {
        return state;
    }

    @Override
    public Closing<State, AutoDistilReport> close(State state, int step, History history, double seconds) {
        List<Trial> trials = history.ofStep(step);
        int failed = (int) trials.stream().filter(t -> t.state() != TrialState.COMPLETE).count();
        if (step < config.trainSteps()) {
            List<AutoDistilReport.Training> training = new ArrayList<>();
            for (Trial t : trials) {
                if (t.state() != TrialState.COMPLETE) continue;
                JsonObject d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
                List<Distiller.BatchLog> log = GSON.fromJson(d.get("batches"), new TypeToken<List<Distiller.BatchLog>>() {}.getType());
                training.add(new AutoDistilReport.Training(d.get("space").getAsString(), log.isEmpty() ? 0 : log.get(0).batch(), log.size(),
                        t.values().get("loss"), t.values().get("largest_loss"), t.values().get("smallest_loss"), log));
            }
            return new Closing<>(state, new AutoDistilReport(step, "train", training, List.of(), failed, seconds), Double.NaN);
        }
        List<AutoDistilReport.Selection> selections = selections(trials);
        Map<String, String> chosen = new LinkedHashMap<>();
        for (AutoDistilReport.Selection s : selections) if (s.chosen() != null) chosen.put(s.space(), s.chosen());
        return new Closing<>(new State(chosen), new AutoDistilReport(step, "search", List.of(), selections, failed, seconds), Double.NaN);
    }

    /** A scored sub-network. */
    public record Scored(String id, String space, SubNet subnet, double proxy, double params, double flops, boolean feasible) {}

    /** The scored sub-networks of {@code trials} (the search step's complete trials). */
    public List<Scored> scored(List<Trial> trials) {
        List<Scored> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() != TrialState.COMPLETE || !t.values().containsKey("proxy")) continue;
            JsonObject c = JsonParser.parseString(t.archJson()).getAsJsonObject();
            SubNet s = SubNet.fromJson(c.get("subnet").toString());
            String space = spec.spaces().get(c.get("space").getAsInt()).name();
            out.add(new Scored(t.archId(), space, s, t.values().get("proxy"), t.values().get("params"), t.values().get("flops"),
                    rule.test(s, teacher, spec.seqLen())));
        }
        return out;
    }

    /** Per sub-space: the front (proxy against FLOPs) among the feasible, and the chosen student. */
    public List<AutoDistilReport.Selection> selections(List<Trial> trials) {
        List<Scored> all = scored(trials);
        double tf = teacher.sequenceFlops(spec.seqLen()), tp = teacher.totalParams();
        List<AutoDistilReport.Selection> out = new ArrayList<>();
        for (SubSpace space : spec.spaces()) {
            List<Scored> in = all.stream().filter(s -> s.space().equals(space.name())).toList();
            List<Scored> ok = in.stream().filter(Scored::feasible).toList();
            List<String> front = new ArrayList<>();
            for (int i : front(ok)) front.add(ok.get(i).id());
            Scored best = ok.stream().min(java.util.Comparator.comparingDouble(Scored::proxy)).orElse(null);
            out.add(new AutoDistilReport.Selection(space.name(), in.size(), ok.size(), front, best == null ? null : best.id(),
                    best == null ? Double.NaN : best.proxy(), best == null ? Double.NaN : best.flops() / tf,
                    best == null ? Double.NaN : best.params() / tp));
        }
        return out;
    }

    /** Indices of the Pareto front of (proxy, FLOPs), both lower is better. */
    public static List<Integer> front(List<Scored> s) {
        List<double[]> pts = new ArrayList<>();
        for (Scored x : s) pts.add(new double[] {x.proxy(), x.flops()});
        return Pareto.front(pts);
    }

    @Override
    public double fitness(Measurement m) {
        Double p = m.values().get("proxy");
        return p == null ? Double.NaN : p;
    }

    @Override
    public String summary(AutoDistilReport report) {
        return report.summary();
    }
}
