package jnas.core.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import jnas.core.store.SearchStore;
import jnas.core.store.Trial;
import jnas.core.util.Rng;

/**
 * The one durable search driver every algorithm runs on. It owns the store, the seeded generator, the
 * in-memory history and the step loop; the {@link Algorithm} only proposes, observes and closes, the
 * {@link Evaluator} only measures, and the {@link Backend} only runs evaluations. A step is:
 *
 * <ol>
 *   <li>propose: the algorithm makes the batch from (state, history, generator); the batch, the new state
 *       and the generator are committed before anything is evaluated;</li>
 *   <li>evaluate: the backend runs the batch; each measurement is committed in submission order with the
 *       trial row and what the algorithm's state became (one transaction per evaluation);</li>
 *   <li>close: the algorithm's report and the generic step row are committed with the final state.</li>
 * </ol>
 *
 * Every state change is computed first, committed, then swapped in, so a failed commit leaves this object
 * exactly as the file is; a killed process loses no committed evaluation, and a resumed search follows
 * the same trajectory as one that never stopped, on any backend.
 */
public final class Search implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** What a search is made of: the algorithm (with its settings), the evaluator, the seed, and meta to store. */
    public record Setup(Algorithm<?, ?> algorithm, Evaluator evaluator, long seed, Map<String, String> meta) {
        public Setup {
            meta = Map.copyOf(meta);
        }
    }

    /** The driver's own state: steps finished, whether one is in progress, the generator, evaluations committed. */
    private record Driver(int step, boolean inProgress, long rng, int committed, double best) {}

    /** The batch of the step in progress. */
    private record Batch(String kind, List<Candidate> candidates, String spec) {}

    private final SearchStore store;
    private final Algorithm<Object, Object> algorithm;
    private final Evaluator evaluator;
    private final Map<String, String> meta;
    private final History history;
    private Backend backend = new LocalBackend();

    // committed state, swapped in after each commit
    private Driver driver;
    private Batch batch;
    private Object state;
    /** Measurements of the step in progress that finished ahead of their turn (by batch index), stored. */
    private Map<Integer, Measurement> arrived = Map.of();

    @SuppressWarnings("unchecked")
    private Search(SearchStore store, Setup setup, History history) {
        this.store = store;
        this.algorithm = (Algorithm<Object, Object>) setup.algorithm();
        this.evaluator = setup.evaluator();
        this.meta = store.meta();
        this.history = history;
    }

    /** A new search in {@code file} (which must not hold a search yet). */
    public static Search create(Path file, Setup setup) {
        Map<String, String> meta = new LinkedHashMap<>(setup.meta());
        meta.put("algorithm", setup.algorithm().name());
        meta.put("evaluator", setup.evaluator().name());
        meta.put("seed", Long.toString(setup.seed()));
        SearchStore store = SearchStore.create(file, meta);
        try {
            Search s = new Search(store, setup, new History(List.of()));
            Driver d = new Driver(0, false, new Rng(setup.seed()).state(), 0, Double.NaN);
            Object initial = s.algorithm.initialState();
            store.write(tx -> {
                tx.putState("driver", GSON.toJson(d));
                tx.putState("batch", "null");
                tx.putState("algorithm", GSON.toJson(initial));
            });
            s.driver = d;
            s.state = initial;
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Continues a stored search of any registered algorithm where it stopped. */
    public static Search resume(Path file) {
        return resume(file, meta -> Registry.get(meta.getOrDefault("algorithm", "?")).factory().restore(meta));
    }

    /** Continues a stored search, with the setup {@code restore} makes from its meta. */
    public static Search resume(Path file, Function<Map<String, String>, Setup> restore) {
        return resume(file, null, restore);
    }

    /** Continues a stored search that must be one of {@code algorithm} (one line otherwise), with the setup {@code restore} makes. */
    public static Search resume(Path file, String algorithm, Function<Map<String, String>, Setup> restore) {
        SearchStore store = SearchStore.open(file);
        try {
            Map<String, String> meta = store.meta();
            if (algorithm != null && !algorithm.equals(meta.get("algorithm"))) {
                throw new IllegalArgumentException("store '" + file + "' holds a '" + meta.get("algorithm") + "' search, not " + algorithm);
            }
            Setup setup = restore.apply(meta);
            if (!setup.algorithm().name().equals(meta.get("algorithm"))) {
                throw new IllegalArgumentException("store '" + file + "' holds a '" + meta.get("algorithm") + "' search, not "
                        + setup.algorithm().name());
            }
            Search s = new Search(store, setup, new History(store.trials()));
            Map<String, String> st = store.state();
            s.driver = GSON.fromJson(st.get("driver"), Driver.class);
            s.batch = GSON.fromJson(st.get("batch"), Batch.class);
            s.state = GSON.fromJson(st.get("algorithm"), s.algorithm.stateType());
            String arrived = st.get("arrived");
            if (arrived != null) {
                Map<Integer, Measurement> a = GSON.fromJson(arrived, new com.google.gson.reflect.TypeToken<TreeMap<Integer, Measurement>>() {}.getType());
                s.arrived = a == null || a.isEmpty() ? Map.of() : a;
            }
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    // ---- the step loop ------------------------------------------------------------------------------

    public StepResult step() {
        return step(SearchListener.NONE);
    }

    /** One step of the algorithm (or the rest of an interrupted one). */
    public synchronized StepResult step(SearchListener listener) {
        long start = System.nanoTime();
        if (!driver.inProgress()) propose();
        List<Candidate> all = batch.candidates();
        int total = all.size();
        // what finished out of order before an interruption is stored, so it is neither lost nor evaluated again
        Map<Integer, Measurement> waiting = new HashMap<>(arrived);
        commitReady(all, waiting, listener);
        List<Integer> todo = new ArrayList<>();
        for (int i = driver.committed(); i < total; i++) if (!waiting.containsKey(i)) todo.add(i);
        if (!todo.isEmpty()) {
            List<Candidate> submitted = new ArrayList<>();
            for (int i : todo) submitted.add(all.get(i));
            try (Backend.Results results = backend.submit(evaluator, batch.spec(), submitted, listener::training)) {
                int received = 0;
                while (received < todo.size()) {
                    if (Thread.currentThread().isInterrupted()) throw interrupted();
                    Backend.Result r;
                    try {
                        r = results.next();
                    } catch (CancellationException e) {
                        throw interrupted();
                    }
                    int index = todo.get(r.index());
                    if (index < driver.committed() || waiting.containsKey(index)) continue; // a backend's duplicate: kept once
                    received++;
                    waiting.put(index, r.measurement());
                    listener.finished(driver.step(), driver.committed() + waiting.size(), total);
                    if (index != driver.committed()) storeArrived(waiting);
                    // commit in submission order, whatever order the backend finished in
                    commitReady(all, waiting, listener);
                }
            }
        }
        return close(start);
    }

    /** Commits, in submission order, every waiting measurement whose turn it is. */
    private void commitReady(List<Candidate> all, Map<Integer, Measurement> waiting, SearchListener listener) {
        while (waiting.containsKey(driver.committed())) {
            int i = driver.committed();
            Measurement m = waiting.remove(i);
            commit(all.get(i), m, waiting);
            listener.evaluated(driver.step(), i + 1, all.size(), all.get(i).id());
        }
    }

    /** Stores the measurements that arrived ahead of their turn (one transaction). */
    private void storeArrived(Map<Integer, Measurement> waiting) {
        Map<Integer, Measurement> copy = new TreeMap<>(waiting);
        store.write(tx -> tx.putState("arrived", GSON.toJson(copy)));
        arrived = copy;
    }

    private SearchInterruptedException interrupted() {
        int stored = driver.committed() + arrived.size();
        return new SearchInterruptedException("interrupted after " + stored + " of " + batch.candidates().size()
                + " evaluations of " + algorithm.stepName() + " " + driver.step()
                + "; all finished evaluations are stored; step again to continue");
    }

    private void propose() {
        Rng rng = Rng.fromState(driver.rng());
        Algorithm.Proposal<Object> p = algorithm.propose(state, driver.step(), history, rng);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Candidate c : p.candidates()) {
            if (history.contains(c.id()) || !ids.add(c.id())) {
                throw new IllegalStateException(algorithm.name() + " proposed " + c.id() + " twice; an algorithm proposes new candidates only");
            }
        }
        Driver d = new Driver(driver.step(), true, rng.state(), 0, driver.best());
        Batch b = new Batch(p.kind(), p.candidates(), p.specJson());
        store.write(tx -> {
            tx.putState("driver", GSON.toJson(d));
            tx.putState("batch", GSON.toJson(b));
            tx.putState("algorithm", GSON.toJson(p.state()));
            tx.putState("arrived", "{}");
        });
        driver = d;
        batch = b;
        state = p.state();
        arrived = Map.of();
    }

    private void commit(Candidate c, Measurement m, Map<Integer, Measurement> stillWaiting) {
        Map<String, Object> notes = new LinkedHashMap<>(c.notes());
        if (!m.message().isEmpty()) notes.put("message", m.message());
        double fitness = algorithm.fitness(m);
        Trial t = new Trial(0, driver.step(), c.id(), c.json(), c.origin(), c.parents(), m.state(), fitness, m.values(),
                m.detailsJson(), GSON.toJson(notes), m.seconds(), "");
        Object next = algorithm.observe(state, c, t);
        double best = m.state() == TrialState.COMPLETE && (Double.isNaN(driver.best()) || fitness < driver.best()) ? fitness : driver.best();
        Driver d = new Driver(driver.step(), true, driver.rng(), driver.committed() + 1, best);
        Trial[] stored = new Trial[1];
        Map<Integer, Measurement> nextArrived = arrived.isEmpty() && stillWaiting.isEmpty() ? arrived : new TreeMap<>(stillWaiting);
        store.write(tx -> {
            stored[0] = tx.addTrial(t);
            tx.putState("driver", GSON.toJson(d));
            if (next != state) tx.putState("algorithm", GSON.toJson(next));
            if (nextArrived != arrived) tx.putState("arrived", GSON.toJson(nextArrived));
        });
        history.add(stored[0]);
        driver = d;
        state = next;
        arrived = nextArrived;
    }

    private StepResult close(long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int step = driver.step();
        Algorithm.Closing<Object, Object> c = algorithm.close(state, step, history, seconds);
        int complete = 0, pruned = 0, failed = 0;
        List<Trial> of = history.ofStep(step);
        for (Trial t : of) {
            switch (t.state()) {
                case COMPLETE -> complete++;
                case PRUNED -> pruned++;
                case FAILED -> failed++;
            }
        }
        StepSummary summary = new StepSummary(step, batch.kind(), of.size(), complete, pruned, failed, driver.best(),
                algorithm.indicatorName(), c.indicator(), seconds);
        Driver d = new Driver(step + 1, false, driver.rng(), 0, driver.best());
        String report = GSON.toJson(c.report());
        store.write(tx -> {
            tx.putStep(summary, report);
            tx.putState("driver", GSON.toJson(d));
            tx.putState("batch", "null");
            tx.putState("algorithm", GSON.toJson(c.state()));
            tx.putState("arrived", "{}");
        });
        arrived = Map.of();
        driver = d;
        batch = null;
        state = c.state();
        return new StepResult(c.report(), summary, algorithm.summary(c.report()));
    }

    // ---- what it holds ------------------------------------------------------------------------------

    /** The algorithm's registry name. */
    public String name() {
        return algorithm.name();
    }

    public Algorithm<?, ?> algorithm() {
        return algorithm;
    }

    /** The algorithm as its class, e.g. {@code search.algorithm(Lts.class).config()}. */
    public <A> A algorithm(Class<A> type) {
        if (!type.isInstance(algorithm)) {
            throw new IllegalStateException("this is a '" + algorithm.name() + "' search, not " + type.getSimpleName());
        }
        return type.cast(algorithm);
    }

    /** The algorithm's committed state (a record). */
    public Object state() {
        return state;
    }

    public <S> S state(Class<S> type) {
        return type.cast(state);
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    public SearchStore store() {
        return store;
    }

    public Path file() {
        return store.file();
    }

    public Map<String, String> meta() {
        return meta;
    }

    /** Every committed trial, in memory. */
    public History history() {
        return history;
    }

    /** Steps finished so far. */
    public int steps() {
        return driver.step();
    }

    /** Whether a step was started and not finished (a resume continues it). */
    public boolean inProgress() {
        return driver.inProgress();
    }

    /** The candidates of the step in progress still to be evaluated (not those that finished ahead of their turn). */
    public synchronized List<Candidate> pending() {
        if (batch == null) return List.of();
        List<Candidate> out = new ArrayList<>();
        for (int i = driver.committed(); i < batch.candidates().size(); i++) if (!arrived.containsKey(i)) out.add(batch.candidates().get(i));
        return out;
    }

    public synchronized int pendingCount() {
        return pending().size();
    }

    /** The generator's state (what the next proposal draws from). */
    public long rngState() {
        return driver.rng();
    }

    /** The best fitness of any complete trial so far (NaN before one). */
    public double bestFitness() {
        return driver.best();
    }

    public Backend backend() {
        return backend;
    }

    /** Where evaluations run from the next step on; the trajectory does not depend on it. */
    public synchronized void backend(Backend b) {
        this.backend = b;
    }

    /** Every finished step's report, as the algorithm's report type. */
    public <R> List<R> reports(Class<R> type) {
        List<R> out = new ArrayList<>();
        for (SearchStore.StepRecord r : store.steps()) out.add(type.cast(GSON.fromJson(r.reportJson(), algorithm.reportType())));
        return out;
    }

    /** The committed state as JSON: the driver, the batch in progress and the algorithm's state (for tests and %nas show state). */
    public synchronized Map<String, String> stateJson() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("algorithm", GSON.toJson(state));
        m.put("batch", GSON.toJson(batch));
        m.put("driver", GSON.toJson(driver));
        return m;
    }

    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception ignored) {
            // a backend that fails to stop has nothing of ours left: every result was committed
        }
        store.close();
    }
}
