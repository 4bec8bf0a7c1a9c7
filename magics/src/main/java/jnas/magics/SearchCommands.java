package jnas.magics;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.eval.LatencyModel;
import jnas.core.eval.LtsEvaluator;
import jnas.core.model.GptConfig;
import jnas.core.data.TokenStreams;
import jnas.core.model.ModelCounts;
import jnas.core.primer.Instruction;
import jnas.core.primer.PrimerConfig;
import jnas.core.primer.PrimerReports;
import jnas.core.primer.PrimerSearch;
import jnas.core.primer.PrimerStepReport;
import jnas.core.primer.Program;
import jnas.core.report.SearchCharts;
import jnas.core.report.SearchTables;
import jnas.core.search.LtsConfig;
import jnas.core.search.LtsSearch;
import jnas.core.search.Objective;
import jnas.core.search.StepReport;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;
import jnas.core.store.SearchStore;
import jnas.magics.cli.Args;
import jnas.magics.cli.CommandSet;

/** The search sub-commands of {@code %nas}: new, step, run, show, plot, resume. */
final class SearchCommands {
    /** Evaluator settings taken as key=value next to the LTS settings. */
    static final Map<String, String> EVALUATOR_KEYS = new LinkedHashMap<>();

    static {
        EVALUATOR_KEYS.put("vocab", "vocabulary size of the measured models (10000)");
        EVALUATOR_KEYS.put("seq", "sequence length of the measured forward (192, as LTS)");
        EVALUATOR_KEYS.put("batch", "batch size of the measured forward (1)");
        EVALUATOR_KEYS.put("threads", "PyTorch intra-op threads while measuring (1, as LTS)");
        EVALUATOR_KEYS.put("hardware", "measured or predicted (measured when the space's largest model has under 5M decoder parameters)");
        EVALUATOR_KEYS.put("repeats", "timed repeats per measurement (10)");
        EVALUATOR_KEYS.put("warmup", "warm-up runs before timing (2)");
    }

    private SearchCommands() {}

    static void addTo(CommandSet set, Supplier<BaseKernel> kernel) {
        set.add("new", "start a search: %nas new lts --space NAME, or %nas new primer [--space primer-programs] (settings as key=value)")
                .positionals(1, 1, "ALGORITHM").option("space", "NAME").option("seed", "N").option("store", "FILE")
                .option("objectives", "LIST").flag("replace").keyValues()
                .handler(a -> newSearch(kernel.get(), a));
        set.add("step", "run N iterations or generations (default 1) and show each one's report")
                .positionals(0, 1, "[N]").handler(a -> step(kernel.get(), a));
        set.add("run", "run N iterations with a live progress bar, then the iteration table")
                .option("steps", "N").handler(a -> run(kernel.get(), a));
        set.add("show", "show population, front, history, iterations or state as a table; %nas show program ID|vanilla|primer")
                .positionals(1, 2, "population|front|history|iterations|state|program [ID]").handler(a -> show(kernel.get(), a));
        set.add("plot", "plot the front (--x OBJ --y OBJ) or the search's progress")
                .positionals(1, 1, "front|progress").option("x", "OBJECTIVE").option("y", "OBJECTIVE")
                .handler(a -> plot(kernel.get(), a));
        set.add("resume", "continue a stored search where it stopped")
                .positionals(1, 1, "FILE").handler(a -> resume(kernel.get(), a));
    }

    // ---- new --------------------------------------------------------------------------------------

    private static void newSearch(BaseKernel kernel, Args a) throws Exception {
        String algorithm = a.positional(0, "");
        if (algorithm.equals("primer")) {
            newPrimer(kernel, a);
            return;
        }
        if (!algorithm.equals("lts")) throw a.usage("unknown algorithm '" + algorithm + "'; expected lts or primer");
        if (a.has("space") && a.option("space", "").equals(PrimerSearch.SPACE)) {
            throw a.usage("space " + PrimerSearch.SPACE + " holds programs, searched by %nas new primer; LTS searches a gene space such as lts-gpt2-cpu");
        }
        SearchSpace space = Spaces.get(a.required("space"));
        LtsEvaluator.checkSpace(space);
        long seed = a.longOption("seed", 0);
        Map<String, String> lts = new HashMap<>();
        Map<String, String> ev = new HashMap<>();
        for (Map.Entry<String, String> e : a.keyValues().entrySet()) {
            if (EVALUATOR_KEYS.containsKey(e.getKey())) ev.put(e.getKey(), e.getValue());
            else if (LtsConfig.keys().containsKey(e.getKey())) lts.put(e.getKey(), e.getValue());
            else {
                throw a.usage("unknown setting '" + e.getKey() + "'; expected one of " + LtsConfig.keys().keySet() + " or "
                        + EVALUATOR_KEYS.keySet());
            }
        }
        List<String> objectives = a.has("objectives")
                ? Objective.parseList(a.option("objectives", "")).stream().map(Objective::name).toList()
                : LtsConfig.DEFAULT_OBJECTIVES;
        for (String o : objectives) {
            if (!LtsEvaluator.OBJECTIVES.contains(o)) throw a.usage("objective '" + o + "' is not measured by LTS; expected " + LtsEvaluator.OBJECTIVES);
        }
        LtsConfig config = LtsConfig.defaults(seed).withObjectives(objectives).with(lts);
        LtsEvaluator.Settings settings = new LtsEvaluator.Settings(
                intSetting(ev, "vocab", 10000), intSetting(ev, "seq", 192), intSetting(ev, "batch", 1),
                intSetting(ev, "threads", 1), ev.getOrDefault("hardware", defaultHardware(space)),
                intSetting(ev, "warmup", 2), intSetting(ev, "repeats", 10));
        Path store = storeFile(a, "lts-" + space.name(), seed);
        LatencyModel model = settings.hardware().equals("predicted") ? calibration(kernel, space, settings) : null;
        LtsEvaluator evaluator = new LtsEvaluator(settings, model);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("evaluator_settings", settings.toJson());
        if (model != null) meta.put("latency_model", model.toJson());
        LtsSearch search = LtsSearch.create(space, config, evaluator, evaluator::decoderParams, store, meta);
        Nas.set(search);
        Show.text(kernel, "LTS search on " + space.name() + " (seed " + seed + ", store " + store + "): objectives "
                + String.join(", ", objectives) + "; population " + config.population() + ", then " + config.parents()
                + " parents + " + config.mutations() + " mutations + " + config.crossovers() + " crossovers per iteration; "
                + evaluator.describe() + ". Nas.search() is this search.");
    }

    /** --store, or a fresh file under runs/; with --replace an existing file is started afresh. */
    private static Path storeFile(Args a, String prefix, long seed) throws java.io.IOException {
        Path store = Path.of(a.option("store", "runs/" + prefix + "-seed" + seed + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".db"));
        if (a.has("replace")) {
            // re-running a notebook: start this search afresh instead of refusing the existing file
            Nas.closeIfUsing(store);
            for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(store + suffix));
        }
        return store;
    }

    private static void newPrimer(BaseKernel kernel, Args a) throws Exception {
        String space = a.option("space", PrimerSearch.SPACE);
        if (!space.equals(PrimerSearch.SPACE)) {
            throw a.usage("Primer searches the space " + PrimerSearch.SPACE + ", not '" + space + "'");
        }
        if (a.has("objectives")) throw a.usage("Primer has one objective, the validation loss; --objectives is for LTS");
        long seed = a.longOption("seed", 0);
        PrimerConfig config;
        try {
            config = PrimerConfig.defaults(seed).with(a.keyValues());
        } catch (IllegalArgumentException e) {
            throw a.usage(e.getMessage());
        }
        Path store = storeFile(a, "primer", seed);
        Show.text(kernel, "loading the Brown corpus as characters ...");
        TokenStreams data = TokenStreams.brownCharacters();
        PrimerSearch search = PrimerSearch.create(config, data, "Brown corpus, characters", store);
        Nas.set(search);
        Show.text(kernel, "Primer search over " + PrimerSearch.SPACE + " (seed " + seed + ", store " + store + "): population "
                + config.population() + ", tournaments of " + config.tournament() + ", " + config.children()
                + " children per generation, seeded with the vanilla program; each child trains " + config.layers() + " layers x "
                + config.dModel() + " for " + config.steps() + " steps of " + config.batchSize() + " x " + config.seqLen()
                + " characters" + (config.hurdleStep() > 0 ? ", hurdle at step " + config.hurdleStep() + " (percentile "
                + Instruction.num(config.hurdlePercentile()) + ")" : ", no hurdle") + "; Brown characters (vocabulary "
                + data.vocabSize() + "). Nas.primer() is this search.");
    }

    private static int intSetting(Map<String, String> ev, String key, int fallback) {
        String v = ev.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + v + ": expected an integer");
        }
    }

    /** Measure directly when even the largest model of the space is small; otherwise predict. */
    static String defaultHardware(SearchSpace space) {
        int layers = max(space.globals(), "n_layer"), d = max(space.globals(), "d_model"), f = max(space.perLayer(), "d_inner");
        long params = ModelCounts.decoderParams(GptConfig.homogeneous(layers, d, f, 1, 1, 1));
        return params < 5_000_000 ? "measured" : "predicted";
    }

    private static int max(List<Dimension> dims, String name) {
        return dims.stream().filter(x -> x.name().equals(name)).flatMap(x -> x.values().stream())
                .mapToInt(v -> (Integer) v).max().orElseThrow();
    }

    /** A calibration for this space and settings, from the cache or measured now (with a progress bar). */
    static LatencyModel calibration(BaseKernel kernel, SearchSpace space, LtsEvaluator.Settings s) throws Exception {
        int[][] grid = LtsEvaluator.calibrationGrid(space);
        String key = sha(s.latencySettings() + java.util.Arrays.deepToString(grid) + System.getProperty("os.arch")
                + Runtime.getRuntime().availableProcessors());
        Path cache = cacheDir().resolve("latency-" + key + ".json");
        if (Files.isRegularFile(cache)) {
            return LatencyModel.fromJson(Files.readString(cache));
        }
        int total = LatencyModel.measurements(grid[0], grid[1], grid[2]);
        Progress bar = new Progress(kernel, "calibrating latency on this machine (" + grid[0].length + " widths x "
                + grid[1].length + " FFN widths x " + grid[2].length + " head counts)");
        LatencyModel m = LatencyModel.calibrate(s.latencySettings(), grid[0], grid[1], grid[2],
                done -> bar.update(done, total, "measurements"));
        bar.update(total, total, "measurements");
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, m.toJson());
        return m;
    }

    static Path cacheDir() {
        String p = System.getProperty("jnas.cacheDir", System.getenv("JNAS_CACHE_DIR"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "jnas");
    }

    private static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

    // ---- step, run ----------------------------------------------------------------------------------

    private static AutoCloseable current(Args a) {
        AutoCloseable s = Nas.currentOrNull();
        if (s == null) throw a.usage("no search yet; start one with %nas new lts --space NAME, %nas new primer or %nas resume FILE");
        return s;
    }

    private static void step(BaseKernel kernel, Args a) {
        AutoCloseable current = current(a);
        int n = a.intPositional(0, 1, 1);
        if (current instanceof PrimerSearch p) {
            for (int i = 0; i < n; i++) Show.object(kernel, new PrimerReportView(primerGeneration(kernel, p)));
            return;
        }
        LtsSearch s = (LtsSearch) current;
        for (int i = 0; i < n; i++) {
            Progress bar = new Progress(kernel, "LTS iteration " + s.iteration());
            StepReport r = s.step((it, done, total, id) -> bar.update(done, total, "evaluations"));
            Show.object(kernel, new ReportView(r, s.space()));
        }
    }

    /** One Primer generation with a progress bar over its children's training steps. */
    private static PrimerStepReport primerGeneration(BaseKernel kernel, PrimerSearch p) {
        int children = p.generation() == 0 ? p.config().population() : p.config().children();
        int steps = p.config().steps();
        Progress bar = new Progress(kernel, "Primer generation " + p.generation() + " (" + children + " children x " + steps + " steps)");
        int[] done = {p.inProgress() ? children - p.pendingCount() : 0};
        return p.step((gen, d, total, id) -> done[0] = d,
                progress -> bar.update(done[0] * steps + progress.step(), children * steps,
                        "steps (child " + (done[0] + 1) + " of " + children + ")"));
    }

    private static void run(BaseKernel kernel, Args a) {
        AutoCloseable current = current(a);
        int steps = a.intOption("steps", 1, 1);
        if (current instanceof PrimerSearch p) {
            int first = p.generation();
            for (int i = 0; i < steps; i++) primerGeneration(kernel, p);
            Show.text(kernel, "ran generations " + first + ".." + (p.generation() - 1) + "; best " + p.best().id());
            Show.object(kernel, PrimerReports.generations(p));
            return;
        }
        LtsSearch s = (LtsSearch) current;
        Progress bar = new Progress(kernel, "LTS, " + steps + " iterations");
        int firstIteration = s.iteration();
        for (int i = 0; i < steps; i++) {
            int index = i;
            StepReport r = s.step((it, done, total, id) -> bar.update(index * 1000 + done * 1000 / Math.max(1, total),
                    steps * 1000, "(iteration " + it + ": " + done + "/" + total + " evaluations)"));
            bar.update((i + 1) * 1000, steps * 1000, "(" + r.summary() + ")");
        }
        Show.text(kernel, "ran iterations " + firstIteration + ".." + (s.iteration() - 1) + "; front "
                + s.currentFront().size() + " architectures");
        Show.object(kernel, SearchTables.iterations(s));
    }

    // ---- show, plot, resume ------------------------------------------------------------------------

    private static void show(BaseKernel kernel, Args a) {
        String what = a.positional(0, "");
        if (what.equals("program")) {
            String key = a.positional(1, "");
            if (key.isEmpty()) throw a.usage("which program? %nas show program ID (or vanilla, primer)");
            AutoCloseable c = Nas.currentOrNull();
            Program p;
            try {
                p = c instanceof PrimerSearch ps ? ps.program(key) : PrimerSearch.lookup(key, List.of());
            } catch (IllegalArgumentException e) {
                throw a.usage(e.getMessage());
            }
            Show.object(kernel, p);
            return;
        }
        if (a.positional(1, null) != null) throw a.usage("'" + what + "' takes no argument; only 'program' takes an ID");
        AutoCloseable current = current(a);
        if (current instanceof PrimerSearch p) {
            switch (what) {
                case "population" -> Show.object(kernel, PrimerReports.population(p));
                case "history" -> Show.object(kernel, PrimerReports.history(p));
                case "iterations", "generations" -> Show.object(kernel, PrimerReports.generations(p));
                default -> throw a.usage("unknown table '" + what + "' for a Primer search; expected population, history, generations or program ID");
            }
            return;
        }
        LtsSearch s = (LtsSearch) current;
        switch (what) {
            case "population" -> Show.object(kernel, SearchTables.population(s));
            case "front" -> Show.object(kernel, SearchTables.front(s));
            case "history" -> Show.object(kernel, SearchTables.history(s));
            case "iterations" -> Show.object(kernel, SearchTables.iterations(s));
            case "state" -> Show.object(kernel, SearchTables.state(s));
            default -> throw a.usage("unknown table '" + a.positional(0, "") + "'; expected population, front, history, iterations or state");
        }
    }

    private static void plot(BaseKernel kernel, Args a) {
        AutoCloseable current = current(a);
        if (current instanceof PrimerSearch p) {
            if (!a.positional(0, "").equals("progress")) {
                throw a.usage("a Primer search has one objective; expected %nas plot progress");
            }
            Show.object(kernel, PrimerReports.progress(p));
            return;
        }
        LtsSearch s = (LtsSearch) current;
        switch (a.positional(0, "")) {
            case "front" -> {
                List<String> obj = s.config().objectives();
                Show.object(kernel, SearchCharts.front(s, a.option("x", obj.get(1)), a.option("y", obj.get(0))));
            }
            case "progress" -> Show.object(kernel, SearchCharts.progress(s));
            default -> throw a.usage("unknown plot '" + a.positional(0, "") + "'; expected front or progress");
        }
    }

    private static void resume(BaseKernel kernel, Args a) {
        Path file = Path.of(a.positional(0, ""));
        if (SearchStore.algorithmOf(file).equals(PrimerSearch.ALGORITHM)) {
            PrimerSearch p = PrimerSearch.resume(file, TokenStreams.brownCharacters());
            Nas.set(p);
            Show.text(kernel, "resumed " + file + ": " + p.generation() + " generations done, " + p.store().trials().size()
                    + " programs trained" + (p.inProgress() ? ", generation " + p.generation() + " in progress with "
                    + p.pendingCount() + " children to go" : "") + ". Nas.primer() is this search.");
            return;
        }
        LtsEvaluator[] made = new LtsEvaluator[1];
        LtsSearch s = LtsSearch.resume(file, stored -> {
            LtsEvaluator.Settings settings = LtsEvaluator.Settings.fromJson(stored.meta().get("evaluator_settings"));
            String lm = stored.meta().get("latency_model");
            made[0] = new LtsEvaluator(settings, lm == null ? null : LatencyModel.fromJson(lm));
            return made[0];
        }, arch -> made[0].decoderParams(arch));
        Nas.set(s);
        Show.text(kernel, "resumed " + file + ": " + s.iteration() + " iterations done, " + s.store().trials().size()
                + " architectures evaluated" + (s.inProgress() ? ", iteration " + s.iteration() + " in progress with "
                + s.pendingCount() + " evaluations to go" : "") + ". Nas.search() is this search.");
    }
}
