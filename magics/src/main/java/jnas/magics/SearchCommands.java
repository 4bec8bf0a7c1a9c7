package jnas.magics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.SearchListener;
import jnas.core.search.Settings;
import jnas.core.search.StepResult;
import jnas.core.search.View;
import jnas.core.train.ProgressListener;
import jnas.magics.cli.Args;
import jnas.magics.cli.CommandSet;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The search sub-commands of {@code %nas}: algorithms, new, step, run, show, plot, resume. They read the
 * {@link Registry} (names, settings, views, step views) and drive the one {@link Search}; nothing here
 * knows an algorithm by name.
 */
final class SearchCommands {
    private SearchCommands() {}

    static void addTo(CommandSet set, Supplier<BaseKernel> kernel) {
        set.add("algorithms", "the registered search algorithms: name, paper, spaces, settings").handler(a -> algorithms(kernel.get()));
        set.add("new", "start a search: %nas new ALGORITHM [--space NAME] key=value ... (%nas help new ALGORITHM lists the settings)")
                .positionals(1, 1, "ALGORITHM").option("space", "NAME").option("seed", "N").option("store", "FILE")
                .option("objectives", "LIST").flag("replace").keyValues()
                .handler(a -> newSearch(kernel.get(), a));
        set.add("step", "run N steps (iterations, generations; default 1) and show each one's report")
                .positionals(0, 1, "[N]").handler(a -> step(kernel.get(), a));
        set.add("run", "run N steps with a live progress bar, then the table of steps")
                .option("steps", "N").handler(a -> run(kernel.get(), a));
        set.add("show", "show a view of the current search as a table (trials, state, and the algorithm's own: front, population, ...)")
                .positionals(1, 2, "VIEW [ARG]").handler(a -> show(kernel.get(), a, false));
        set.add("plot", "plot a view of the current search (front --x OBJ --y OBJ, progress)")
                .positionals(1, 1, "VIEW").option("x", "OBJECTIVE").option("y", "OBJECTIVE")
                .handler(a -> show(kernel.get(), a, true));
        set.add("resume", "continue a stored search where it stopped")
                .positionals(1, 1, "FILE").handler(a -> resume(kernel.get(), a));
    }

    // ---- algorithms, help new ------------------------------------------------------------------

    static Table algorithmsTable() {
        StringColumn name = StringColumn.create("algorithm");
        StringColumn paper = StringColumn.create("paper");
        StringColumn spaces = StringColumn.create("spaces");
        IntColumn settings = IntColumn.create("settings");
        StringColumn views = StringColumn.create("views (show; plot)");
        for (Registry.Entry e : Registry.all()) {
            name.append(e.name());
            paper.append(e.paper());
            spaces.append(e.spaces());
            settings.append(e.settings().all().size());
            views.append(String.join(", ", e.tables().keySet()) + "; " + String.join(", ", e.charts().keySet()));
        }
        return Table.create("search algorithms (%nas new ALGORITHM; %nas help new ALGORITHM for its settings)", name, paper, spaces,
                settings, views);
    }

    private static void algorithms(BaseKernel kernel) {
        Show.object(kernel, algorithmsTable());
    }

    /** The settings of one algorithm: key, type, default, description. */
    static Table settingsTable(Registry.Entry e) {
        StringColumn key = StringColumn.create("key");
        StringColumn def = StringColumn.create("default");
        StringColumn expects = StringColumn.create("expects");
        StringColumn doc = StringColumn.create("description");
        for (Settings.Setting s : e.settings().all()) {
            key.append(s.key());
            def.append(s.defaultValue());
            expects.append(s.expected());
            doc.append(s.doc());
        }
        return Table.create("%nas new " + e.name() + " settings (key=value); " + e.paper(), key, def, expects, doc);
    }

    // ---- new -----------------------------------------------------------------------------------

    private static void newSearch(BaseKernel kernel, Args a) throws Exception {
        Registry.Entry e;
        try {
            e = Registry.get(a.positional(0, ""));
        } catch (IllegalArgumentException x) {
            throw a.usage(x.getMessage());
        }
        String space = a.has("space") ? a.option("space", "") : e.defaultSpace();
        if (space == null) space = a.required("space");
        for (Registry.Entry other : Registry.all()) {
            for (Registry.OwnSpace o : other.ownSpaces()) {
                if (other != e && o.name().equals(space)) {
                    throw a.usage("space " + space + " is searched by %nas new " + other.name() + ", not by " + e.name());
                }
            }
        }
        Map<String, String> given = new LinkedHashMap<>(a.keyValues());
        if (a.has("objectives")) {
            if (!e.settings().has("objectives")) throw a.usage(e.settings().owner() + " has no objectives to choose; --objectives is not one of its options");
            given.put("objectives", a.option("objectives", ""));
        }
        long seed = a.longOption("seed", 0);
        Search search;
        try {
            Settings.Values values = e.settings().parse(given);
            Progress[] bar = {null};
            Registry.Calibration calibration = (done, total, what) -> {
                if (bar[0] == null) bar[0] = new Progress(kernel, "calibrating latency on this machine");
                bar[0].update(done, total, what);
            };
            Search.Setup setup = e.factory().create(new Registry.Request(space, seed, values, calibration));
            Path store = storeFile(a, e.name() + "-" + space, seed);
            search = Search.create(store, setup);
        } catch (IllegalArgumentException x) {
            throw a.usage(x.getMessage());
        }
        Nas.set(search);
        Show.text(kernel, e.opening().apply(search) + " Nas.search() is this search.");
    }

    /** --store, or a fresh file under runs/; with --replace an existing file is started afresh. */
    private static Path storeFile(Args a, String prefix, long seed) throws IllegalArgumentException {
        Path store = Path.of(a.option("store", "runs/" + prefix + "-seed" + seed + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".db"));
        if (a.has("replace")) {
            // re-running a notebook: start this search afresh instead of refusing the existing file
            Nas.closeIfUsing(store);
            try {
                for (String suffix : List.of("", "-wal", "-shm")) Files.deleteIfExists(Path.of(store + suffix));
            } catch (java.io.IOException x) {
                throw new IllegalArgumentException("--replace: cannot delete '" + store + "': " + x.getMessage());
            }
        }
        return store;
    }

    // ---- step, run -------------------------------------------------------------------------------

    private static Search current(Args a) {
        Search s = Nas.currentOrNull();
        if (s == null) throw a.usage("no search yet; start one with %nas new ALGORITHM (%nas algorithms lists them) or %nas resume FILE");
        return s;
    }

    private static String title(Search s) {
        return Registry.get(s.name()).settings().owner() + " " + s.algorithm().stepName();
    }

    /** A progress bar's listener: evaluations done of the step's total, and the training steps of the one running. */
    /** One step of {@code s} heard by {@code bar} (step {@code offset} of {@code steps}); a backend's refusal is one usage line. */
    private static StepResult step(Search s, Args a, Progress bar, int offset, int steps) {
        try {
            return s.step(listener(bar, offset, steps, !(s.backend() instanceof jnas.core.search.LocalBackend)));
        } catch (jnas.core.search.Backend.Refused x) {
            throw a.usage(x.getMessage());
        }
    }

    private static SearchListener listener(Progress bar, int offset, int steps, boolean remote) {
        return new SearchListener() {
            int done, total = 1;

            @Override
            public void evaluated(int step, int d, int t, String id) {
                done = d;
                total = t;
                bar.update(offset * 1000 + d * 1000 / Math.max(1, t), steps * 1000,
                        "(" + step + ": " + d + "/" + t + " evaluations)");
            }

            @Override
            public void finished(int step, int f, int t) {
                if (!remote || f <= done) return; // in this JVM, evaluated says it
                bar.update(offset * 1000 + f * 1000 / Math.max(1, t), steps * 1000,
                        "(" + step + ": " + f + "/" + t + " finished on the cluster, " + done + " committed)");
            }

            @Override
            public void training(ProgressListener.Progress p) {
                bar.update(offset * 1000 + (int) ((done + p.fraction()) * 1000 / Math.max(1, total)), steps * 1000,
                        "(evaluation " + (done + 1) + ": training step " + p.step() + "/" + p.steps() + ")");
            }
        };
    }

    private static void step(BaseKernel kernel, Args a) {
        Search s = current(a);
        int n = a.intPositional(0, 1, 1);
        Registry.Entry e = Registry.get(s.name());
        for (int i = 0; i < n; i++) {
            if (s.algorithm().finished(s.steps()) && !s.inProgress()) {
                throw a.usage("this " + s.name() + " search is finished after " + s.steps() + " " + s.algorithm().stepName()
                        + "s; nothing is left to step (%nas show lists its views)");
            }
            Progress bar = new Progress(kernel, title(s) + " " + s.steps());
            StepResult r = step(s, a, bar, 0, 1);
            Show.object(kernel, e.stepView().apply(s, r.report()));
        }
    }

    private static void run(BaseKernel kernel, Args a) {
        Search s = current(a);
        int steps = a.intOption("steps", 1, 1);
        Registry.Entry e = Registry.get(s.name());
        Progress bar = new Progress(kernel, e.settings().owner() + ", " + steps + " " + s.algorithm().stepName() + "s");
        int first = s.steps();
        StepResult last = null;
        for (int i = 0; i < steps; i++) {
            if (s.algorithm().finished(s.steps()) && !s.inProgress()) {
                if (last == null) throw a.usage("this " + s.name() + " search is finished after " + s.steps() + " " + s.algorithm().stepName() + "s");
                break;
            }
            last = step(s, a, bar, i, steps);
            bar.update((i + 1) * 1000, steps * 1000, "(" + last.line() + ")");
        }
        Show.text(kernel, "ran " + s.algorithm().stepName() + "s " + first + ".." + (s.steps() - 1) + "; " + last.line());
        View table = e.tables().get(s.algorithm().stepName() + "s");
        Show.object(kernel, table != null ? table.render(s, View.Args.NONE) : jnas.core.report.SearchTables.steps(s));
    }

    // ---- show, plot, resume ------------------------------------------------------------------------

    /** The view names {@code %nas show} (or plot) offers now: the current search's, then those that need no search. */
    static List<String> viewNames(boolean chart) {
        List<String> out = new ArrayList<>();
        Search s = Nas.currentOrNull();
        if (s != null) out.addAll(views(Registry.get(s.name()), chart).keySet());
        for (Registry.Entry e : Registry.all()) {
            views(e, chart).forEach((name, v) -> {
                if (!v.needsSearch() && !out.contains(name)) out.add(name);
            });
        }
        if (!chart) for (String name : Registry.views().keySet()) if (!out.contains(name)) out.add(name);
        return out;
    }

    private static Map<String, View> views(Registry.Entry e, boolean chart) {
        return chart ? e.charts() : e.tables();
    }

    private static void show(BaseKernel kernel, Args a, boolean chart) {
        String name = a.positional(0, "");
        List<String> words = a.positional(1, null) == null ? List.of() : List.of(a.positional(1, ""));
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : List.of("x", "y")) if (a.has(o)) options.put(o, a.option(o, ""));
        View.Args args = new View.Args(words, options);
        Search s = Nas.currentOrNull();
        View view = s == null ? null : views(Registry.get(s.name()), chart).get(name);
        if (view == null) {
            for (Registry.Entry e : Registry.all()) {
                View v = views(e, chart).get(name);
                if (v != null && !v.needsSearch()) view = v;
            }
        }
        if (view == null && !chart) view = Registry.views().get(name);
        String verb = chart ? "plot" : "view";
        if (view == null) {
            if (s == null) throw a.usage("no search yet; start one with %nas new ALGORITHM or %nas resume FILE");
            throw a.usage("unknown " + verb + " '" + name + "' for a " + s.name() + " search; expected one of "
                    + String.join(", ", views(Registry.get(s.name()), chart).keySet()));
        }
        try {
            Show.object(kernel, view.render(s, args));
        } catch (IllegalArgumentException | IllegalStateException x) {
            throw a.usage(x.getMessage());
        }
    }

    private static void resume(BaseKernel kernel, Args a) {
        Path file = Path.of(a.positional(0, ""));
        Search s;
        try {
            s = Search.resume(file);
        } catch (IllegalArgumentException x) {
            throw a.usage(x.getMessage());
        }
        Nas.set(s);
        String step = s.algorithm().stepName();
        Show.text(kernel, "resumed " + file + ": " + s.steps() + " " + step + "s done, " + s.history().size() + " evaluated"
                + (s.inProgress() ? ", " + step + " " + s.steps() + " in progress with " + s.pendingCount() + " evaluations to go" : "")
                + ". Nas.search() is this search.");
    }
}
